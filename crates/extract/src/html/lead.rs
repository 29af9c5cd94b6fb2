//! The article's lead (standfirst, teaser, dek, "Vorspann", "chapô"): the summary an editor
//! writes above the article's first paragraph. Pages often set it outside the container
//! that holds the paragraphs, so neither extractor keeps it. The page names it itself: its
//! description (`og:description` or `description` meta) is usually that same text, so a
//! description that is shown on the page and missing from the chosen body is the lead.
//!
//! Whether the lead belongs in the body is a matter of publishing convention, and the two
//! benchmark sets measure the two conventions:
//! - In German, French, Polish, Spanish... journalism the lead is the article's first
//!   paragraph (the Vorspann is written with the text). The trafilatura set's annotators,
//!   most of its pages German, count it: F1 0.9287 without it, 0.9370 with it.
//! - In English-language news the dek is display type, set with the headline, and not
//!   article text. ScrapingHub's gold (English news) leaves it out: 27 of the 28 pages
//!   where it was put back lost by it (F1 0.9774 -> 0.9738, 13 exact matches lost).
//!
//! So the lead is put back as the first paragraph unless the body is English; an English
//! dek is reported as removed, for `storyline extract --explain`.

use super::paragraphs::collapse_whitespace;
use crate::text::stopwords::is_english;

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

/// The reason given for an English dek left out.
pub const DEK: &str =
    "dek: the page's description shown above an English article, display type, not its text";

/// What became of the lead a page shows and the chosen body lacks.
#[derive(Debug, PartialEq)]
pub enum Lead {
    /// Put back as the body's first paragraph.
    Restored(String),
    /// An English dek: left out of the body.
    Dek(String),
}

/// Put the page's lead back at the top of `body`, or name it as a dek the body leaves out
/// (see the module comment); `None` when the page shows no lead the body lacks.
pub fn place_lead(body: &mut Vec<String>, description: &str, html: &str) -> Option<Lead> {
    let lead = missing_lead(body, description, html)?;
    if is_english(&body.join(" ")) {
        return Some(Lead::Dek(lead));
    }
    body.insert(0, lead.clone());
    Some(Lead::Restored(lead))
}

/// The page's description when it is long enough to be a lead, shown on the page, and not
/// already in the body.
fn missing_lead(body: &[String], description: &str, html: &str) -> Option<String> {
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
    Some(if cut_short {
        trimmed.to_string()
    } else {
        collapsed.clone()
    })
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

    /// A German page: its Vorspann is the article's first paragraph.
    const PAGE: &str = "<html><head><meta name=description content=\"x\"><title>T</title>\
        <script>var lead = 'Nicht sichtbar';</script></head><body><header><h1>Hafenplan</h1>\
        <p class=lead>Der Hafenrat hat den neuen Kai nach langer Debatte &amp; einer Abstimmung genehmigt.</p>\
        </header><article><p>Die Arbeiten beginnen im Frühjahr.</p></article></body></html>";
    const VORSPANN: &str =
        "Der Hafenrat hat den neuen Kai nach langer Debatte & einer Abstimmung genehmigt.";

    #[test]
    fn a_shown_description_missing_from_the_body_becomes_its_lead() {
        let mut body = owned(&["Die Arbeiten beginnen im Frühjahr."]);
        let placed = place_lead(&mut body, VORSPANN, PAGE);
        assert_eq!(placed, Some(Lead::Restored(VORSPANN.to_string())));
        assert_eq!(
            body,
            owned(&[VORSPANN, "Die Arbeiten beginnen im Frühjahr."])
        );
        // Already there: nothing added.
        assert_eq!(place_lead(&mut body, VORSPANN, PAGE), None);
        assert_eq!(body.len(), 2);
    }

    #[test]
    fn an_english_dek_is_named_but_left_out_of_the_body() {
        let dek = "The harbour board approved the new quay after a long debate and a vote.";
        let page = format!(
            "<html><body><h1>Harbour plan</h1><p class=dek>{dek}</p>\
            <article><p>Work starts in spring.</p></article></body></html>"
        );
        let text = "Work starts in spring with the dredging of the channel, which has been \
            planned for years and that the board has now funded from the harbour dues.";
        let mut body = owned(&[text]);
        assert_eq!(
            place_lead(&mut body, dek, &page),
            Some(Lead::Dek(dek.to_string()))
        );
        assert_eq!(body, owned(&[text]));
    }

    #[test]
    fn a_description_the_page_does_not_show_or_too_short_stays_out() {
        let mut body = owned(&["Die Arbeiten beginnen im Frühjahr."]);
        let hidden = "Eine Zusammenfassung nur für Suchmaschinen, den Lesern hier nie gezeigt.";
        assert_eq!(place_lead(&mut body, hidden, PAGE), None);
        assert_eq!(place_lead(&mut body, "Hafenplan", PAGE), None);
        // Text inside <script> or <head> is not shown.
        assert!(!visible_text(PAGE).contains("Nicht sichtbar"));
        assert!(visible_text(PAGE).contains("Debatte & einer Abstimmung"));
        assert_eq!(body.len(), 1);
    }
}
