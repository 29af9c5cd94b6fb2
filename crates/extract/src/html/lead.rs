//! The article's lead (standfirst, teaser, "Vorspann"): the summary an editor writes
//! above the article's first paragraph. Pages often set it outside the container that
//! holds the paragraphs, so neither extractor keeps it, though it is the article's own
//! text. The page names it itself: its description (`og:description` or `description`
//! meta) is usually that same text. When the description is shown on the page and the
//! chosen body does not hold it, it is put back as the body's first paragraph.
//!
//! Conventions differ here and both benchmark sets show it: the trafilatura set's
//! annotators count the lead as article text (F1 0.9238 -> 0.9324 with it; most of its
//! pages are German, where the Vorspann belongs to the article), ScrapingHub's gold
//! leaves English news deks out (0.9757 -> 0.9720). Storyline keeps the lead: it is the
//! article's own text and states the story's point, which a timeline reader wants.

use super::paragraphs::collapse_whitespace;

/// A description shorter than this is a label or a tagline, not a lead.
const MIN_WORDS: usize = 8;

/// How many of the description's first words must be found, in order, in the body
/// (already there) or in the page's visible text (shown on the page).
const PROBE_WORDS: usize = 8;
const _: () = assert!(
    PROBE_WORDS <= MIN_WORDS,
    "the probe is cut from a long enough lead"
);

/// The reason `storyline extract --explain` gives for a lead put back.
pub const ADDED: &str =
    "lead restored from the page's description (shown on the page, missing from the body)";

/// Put the page's description back at the top of `body` when the page shows it and the
/// body lacks it; returns the paragraph added.
pub fn restore_lead(body: &mut Vec<String>, description: &str, html: &str) -> Option<String> {
    let collapsed = collapse_whitespace(description);
    let trimmed = collapsed.trim_end_matches(['.', '…']).trim_end();
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    if words.len() < MIN_WORDS || body.is_empty() {
        return None;
    }
    let probe = words[..PROBE_WORDS].join(" ");
    if collapse_whitespace(&body.join(" ")).contains(&probe) {
        return None;
    }
    if !visible_text(html).contains(&probe) {
        return None;
    }
    // A description cut short ("... and more…") keeps its words, not its ellipsis.
    let cut_short = collapsed.ends_with('…') || collapsed.ends_with("...");
    let lead = if cut_short {
        trimmed.to_string()
    } else {
        collapsed.clone()
    };
    body.insert(0, lead.clone());
    Some(lead)
}

/// The page's text as shown: markup, comments, `<head>`, scripts and styles removed,
/// entities decoded, whitespace collapsed. A linear scan (no DOM): it only answers
/// whether a phrase is on the page.
fn visible_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut text = String::with_capacity(html.len() / 2);
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        text.push_str(&html[at..start]);
        text.push(' ');
        let rest = &lower[start..];
        let skip_to = if rest.starts_with("<!--") {
            lower[start..].find("-->").map(|i| start + i + 3)
        } else if let Some(name) = ["script", "style", "head", "template"]
            .into_iter()
            .find(|name| is_tag(&rest[1..], name))
        {
            closing_tag_end(&lower, start, name)
        } else {
            lower[start..].find('>').map(|i| start + i + 1)
        };
        match skip_to {
            Some(next) => at = next,
            None => return collapse_whitespace(&html_escape::decode_html_entities(&text)),
        }
    }
    text.push_str(&html[at..]);
    collapse_whitespace(&html_escape::decode_html_entities(&text))
}

/// Whether `rest` opens with the tag name `name` itself (`head`, not `header`).
fn is_tag(rest: &str, name: &str) -> bool {
    rest.starts_with(name)
        && rest[name.len()..]
            .chars()
            .next()
            .is_none_or(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
}

/// Where the element `name` opened at `start` ends: past its closing tag.
fn closing_tag_end(lower: &str, start: usize, name: &str) -> Option<usize> {
    let mut from = start + 1;
    loop {
        let close = from + lower[from..].find("</")?;
        if is_tag(&lower[close + 2..], name) {
            return lower[close..].find('>').map(|j| close + j + 1);
        }
        from = close + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::test_support::owned;

    const PAGE: &str = "<html><head><meta name=description content=\"x\"><title>T</title>\
        <script>var lead = 'Not shown';</script></head><body><header><h1>Harbour plan</h1>\
        <p class=lead>The harbour board approved the new quay after a long debate &amp; a vote.</p>\
        </header><article><p>Work starts in spring.</p></article></body></html>";

    #[test]
    fn a_shown_description_missing_from_the_body_becomes_its_lead() {
        let description = "The harbour board approved the new quay after a long debate & a vote.";
        let mut body = owned(&["Work starts in spring."]);
        let added = restore_lead(&mut body, description, PAGE);
        assert_eq!(added.as_deref(), Some(description));
        assert_eq!(body, owned(&[description, "Work starts in spring."]));
        // Already there: nothing added.
        assert_eq!(restore_lead(&mut body, description, PAGE), None);
        assert_eq!(body.len(), 2);
    }

    #[test]
    fn a_description_the_page_does_not_show_or_too_short_stays_out() {
        let mut body = owned(&["Work starts in spring."]);
        let hidden = "A summary written for search engines only, never shown to readers here.";
        assert_eq!(restore_lead(&mut body, hidden, PAGE), None);
        assert_eq!(restore_lead(&mut body, "Harbour plan", PAGE), None);
        // Text inside <script> or <head> is not shown.
        assert!(!visible_text(PAGE).contains("Not shown"));
        assert!(visible_text(PAGE).contains("debate & a vote."));
        assert_eq!(body.len(), 1);
    }
}
