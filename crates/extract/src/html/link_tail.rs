//! Link lists left at the end of a chosen body: "related articles", tag clouds, "more from
//! this site", archive and category lists. Both extractors keep such a box when it sits
//! inside the article's container, and it reaches us as plain paragraphs, its links gone.
//! The page still has them: a trailing paragraph made mostly of the text of the page's
//! links is a list of links, not the article's prose (the link-density test of boilerplate
//! detection, applied where extractors most often fail it: after the article's last
//! sentence). Only the run at the very end is cut, with the short heading right above it
//! ("Related", "Lue aiheesta lisää:") that would otherwise be left with nothing under it;
//! a linked phrase inside the article, or a link list between two parts of it, stays.
//!
//! The mirror case is a menu above the article: a category list or a "related stories" box
//! that sits in the chosen container before the first sentence. It is cut when it holds at
//! least [`MIN_LEADING_LINKS`] link paragraphs and prose follows it.

use std::sync::LazyLock;

use regex::Regex;

use super::paragraphs::element_texts;

/// Share of a paragraph's text that must be link text for it to count as a link list.
/// Measured plateau from 0.5 to 0.9 on both extraction sets; 0.7 is its middle.
const MIN_LINK_SHARE: f64 = 0.7;

/// The most words of a list heading left above a cut link list.
const MAX_HEADING_WORDS: usize = 6;

/// Shorter link texts ("1", "»", "on") match inside any text and say nothing.
const MIN_LINK_TEXT_BYTES: usize = 4;

/// The most link texts compared per paragraph, longest first: a page with thousands of
/// links (a directory, a forum index) would otherwise cost a search per link per paragraph.
const MAX_LINK_TEXTS: usize = 400;

static ANCHOR_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<a[\s>]").expect("valid anchor regex"));
static ANCHOR_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</a\s*>").expect("valid anchor regex"));

/// The reason given for each paragraph cut, for `storyline extract --explain`.
pub const REASON: &str = "link list after the article (most of its text is the text of links)";

/// Cut the trailing paragraphs of `body` that are mostly the text of the page's `links`, and
/// the short heading right above them, keeping at least the first paragraph; returns the paragraphs
/// cut, in order.
pub fn cut_trailing_link_lists(body: &mut Vec<String>, links: &PageLinks) -> Vec<String> {
    if body.len() < 2 || links.texts.is_empty() {
        return Vec::new();
    }
    let mut keep = body.len();
    while keep > 1 && links.is_list_item(&body[keep - 1]) {
        keep -= 1;
    }
    // A list's heading ("Related", "Lue aiheesta lisää:") stays behind the cut list, with
    // nothing left under it.
    if keep < body.len() && keep > 1 && is_heading(&body[keep - 1]) {
        keep -= 1;
    }
    body.split_off(keep)
}

/// Fewest link-list paragraphs that make a leading run a menu rather than a linked
/// headline or kicker above the article, or a wiki page's few linked section titles.
const MIN_LEADING_LINKS: usize = 4;

/// The reason given for each paragraph cut before the article.
pub const LEADING_REASON: &str =
    "link list before the article (a menu or category list: most of its text is link text)";

/// Cut a run of link-list paragraphs (and the short headings among them) at the start of
/// `body`: a category menu or section list the extractor took in with the article's
/// container. The mirror of [`cut_trailing_link_lists`], with two guards: the run must hold
/// at least [`MIN_LEADING_LINKS`] link paragraphs, and prose must follow it. Headings at the
/// run's end that are not links stay: they are the article's own headline or kicker.
pub fn cut_leading_link_lists(body: &mut Vec<String>, links: &PageLinks) -> Vec<String> {
    if body.len() <= MIN_LEADING_LINKS || links.texts.is_empty() {
        return Vec::new();
    }
    let mut end = 0;
    let mut last_link = None;
    let mut link_count = 0;
    while end < body.len() {
        if links.is_list_item(&body[end]) {
            link_count += 1;
            last_link = Some(end);
        } else if !is_heading(&body[end]) {
            break;
        }
        end += 1;
    }
    match last_link {
        Some(last) if link_count >= MIN_LEADING_LINKS && end < body.len() => {
            let rest = body.split_off(last + 1);
            std::mem::replace(body, rest)
        }
        _ => Vec::new(),
    }
}

/// The reason given for a shouted story link inside a body.
pub const SHOUTED_REASON: &str = "a link to another story, in capitals, inside the article";

/// The fewest words of a shouted story link ("CLICK HERE", "WATCH" are labels the edge
/// rules already read).
const MIN_SHOUTED_WORDS: usize = 4;

/// Cut the paragraphs that are a link to another story set in capitals between the
/// article's paragraphs ("DANCING WITH THE STARS' LAUREN ALAINA SAYS DWTS HAS HELPED HER
/// LOSE 25 POUNDS", "CLICK HERE TO GET THE FOX NEWS APP"): a paragraph that is wholly a
/// link's text and has no lower-case letter is a promoted headline, not the article's
/// sentence. Returns the paragraphs cut.
pub fn cut_shouted_links(body: &mut Vec<String>, links: &PageLinks) -> Vec<String> {
    let shouted = |paragraph: &str| {
        paragraph.split_whitespace().count() >= MIN_SHOUTED_WORDS
            && paragraph.chars().any(char::is_uppercase)
            && !paragraph.chars().any(char::is_lowercase)
            && links.is_list_item(paragraph)
    };
    let (cut, kept): (Vec<String>, Vec<String>) =
        std::mem::take(body).into_iter().partition(|p| shouted(p));
    *body = kept;
    cut
}

/// The page's links, read once per page and shared by every link-list test.
#[derive(Debug, Default)]
pub struct PageLinks {
    /// The distinct texts of the page's links, whitespace collapsed as paragraphs are,
    /// longest first.
    texts: Vec<String>,
}

impl PageLinks {
    /// The links of one page, found by a scan for anchor elements (not a parse).
    pub fn of(html: &str) -> Self {
        let mut texts: Vec<String> = element_texts(html, &ANCHOR_OPEN, &ANCHOR_CLOSE, usize::MAX)
            .into_iter()
            .filter(|text| text.len() >= MIN_LINK_TEXT_BYTES)
            .collect();
        texts.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        texts.dedup();
        texts.truncate(MAX_LINK_TEXTS);
        PageLinks { texts }
    }

    /// Whether a paragraph is mostly the text of the page's links: an item of a link list.
    pub fn is_list_item(&self, paragraph: &str) -> bool {
        link_share(paragraph, &self.texts) >= MIN_LINK_SHARE
    }
}

/// A short line that does not end a sentence: a heading or a label, not prose.
pub fn is_heading(paragraph: &str) -> bool {
    paragraph.split_whitespace().count() <= MAX_HEADING_WORDS
        && !paragraph
            .trim_end()
            .ends_with(['.', '!', '?', '"', '\u{201d}', '\u{bb}', ')'])
}

/// Share of the paragraph's bytes covered by occurrences of link texts.
fn link_share(paragraph: &str, links: &[String]) -> f64 {
    if paragraph.is_empty() {
        return 0.0;
    }
    let mut covered = vec![false; paragraph.len()];
    for link in links.iter().filter(|l| l.len() <= paragraph.len()) {
        for (start, _) in paragraph.match_indices(link.as_str()) {
            covered[start..start + link.len()].fill(true);
        }
    }
    covered.iter().filter(|c| **c).count() as f64 / paragraph.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::test_support::owned;

    const PAGE: &str = r#"<article><p>The council voted to close the bridge, and the
        <a href="/mayor">mayor</a> agreed.</p>
        <p>Repairs start in May.</p>
        <h3>Auch interessant</h3><ul>
        <li><a href="/a">Neue Brücke &amp; alte Sorgen</a></li>
        <li><a href="/b"><b>Der Fluss</b> steigt wieder</a></li></ul></article>"#;

    #[test]
    fn a_trailing_run_of_link_texts_is_cut_and_reported() {
        let mut paragraphs = owned(&[
            "The council voted to close the bridge, and the mayor agreed.",
            "Repairs start in May.",
            "Neue Brücke & alte Sorgen",
            "Der Fluss steigt wieder",
        ]);
        let cut = cut_trailing_link_lists(&mut paragraphs, &PageLinks::of(PAGE));
        assert_eq!(
            cut,
            vec!["Neue Brücke & alte Sorgen", "Der Fluss steigt wieder"]
        );
        assert_eq!(paragraphs.len(), 2);
    }

    #[test]
    fn the_heading_above_a_cut_list_goes_with_it_and_a_sentence_stays() {
        let mut paragraphs = owned(&[
            "The council voted to close the bridge, and the mayor agreed.",
            "Auch interessant:",
            "Neue Brücke & alte Sorgen",
        ]);
        let cut = cut_trailing_link_lists(&mut paragraphs, &PageLinks::of(PAGE));
        assert_eq!(cut, vec!["Auch interessant:", "Neue Brücke & alte Sorgen"]);
        let mut paragraphs = owned(&[
            "The council voted to close the bridge.",
            "Repairs start in May.",
            "Neue Brücke & alte Sorgen",
        ]);
        cut_trailing_link_lists(&mut paragraphs, &PageLinks::of(PAGE));
        assert_eq!(paragraphs.last().unwrap(), "Repairs start in May.");
        // A short last line with no list cut below it is not a list's heading.
        let mut paragraphs = owned(&["The council voted to close the bridge.", "Photo: AP"]);
        assert!(cut_trailing_link_lists(&mut paragraphs, &PageLinks::of(PAGE)).is_empty());
        assert_eq!(paragraphs.len(), 2);
    }

    #[test]
    fn links_inside_prose_or_before_the_end_stay() {
        let original = owned(&[
            "The council voted to close the bridge, and the mayor agreed.",
            "Neue Brücke & alte Sorgen",
            "Repairs start in May.",
        ]);
        let mut paragraphs = original.clone();
        assert!(cut_trailing_link_lists(&mut paragraphs, &PageLinks::of(PAGE)).is_empty());
        assert_eq!(paragraphs, original);
    }

    const MENU_PAGE: &str = r#"<ul><li><a href="/c/1">Agricultura</a></li>
        <li><a href="/c/2">Cultura</a></li><li><a href="/c/3">Defesa Civil</a></li>
        <li><a href="/c/4">Economia</a></li><li><a href="/c/5">Educação</a></li></ul>
        <h1>Bridge closes</h1>
        <p>The council voted to close the bridge, and the mayor agreed.</p>"#;

    #[test]
    fn a_leading_menu_is_cut_and_the_headline_under_it_stays() {
        let mut paragraphs = owned(&[
            "Categorias",
            "Agricultura",
            "Cultura",
            "Defesa Civil",
            "Economia",
            "Educação",
            "Bridge closes",
            "The council voted to close the bridge, and the mayor agreed.",
        ]);
        let cut = cut_leading_link_lists(&mut paragraphs, &PageLinks::of(MENU_PAGE));
        assert_eq!(cut.len(), 6, "{cut:?}");
        assert_eq!(cut.first().map(String::as_str), Some("Categorias"));
        // The headline under the menu is no link: the article's own, it stays.
        assert_eq!(
            paragraphs,
            owned(&[
                "Bridge closes",
                "The council voted to close the bridge, and the mayor agreed."
            ])
        );
    }

    #[test]
    fn a_few_leading_links_or_a_body_of_links_alone_stay() {
        // Three linked section titles above the text: a wiki page's own headings.
        let few = owned(&[
            "Agricultura",
            "Cultura",
            "Economia",
            "The council voted to close the bridge, and the mayor agreed.",
        ]);
        let mut paragraphs = few.clone();
        assert!(cut_leading_link_lists(&mut paragraphs, &PageLinks::of(MENU_PAGE)).is_empty());
        assert_eq!(paragraphs, few);
        // Nothing but links: there is no article under the list to keep.
        let only = owned(&[
            "Agricultura",
            "Cultura",
            "Defesa Civil",
            "Economia",
            "Educação",
        ]);
        let mut paragraphs = only.clone();
        assert!(cut_leading_link_lists(&mut paragraphs, &PageLinks::of(MENU_PAGE)).is_empty());
        assert_eq!(paragraphs, only);
    }

    #[test]
    fn the_first_paragraph_is_always_kept() {
        let mut paragraphs = owned(&["Neue Brücke & alte Sorgen", "Der Fluss steigt wieder"]);
        cut_trailing_link_lists(&mut paragraphs, &PageLinks::of(PAGE));
        assert_eq!(paragraphs, owned(&["Neue Brücke & alte Sorgen"]));
    }

    #[test]
    fn a_story_link_in_capitals_between_paragraphs_goes() {
        let page = r#"<article><p>The council voted to close the bridge.</p>
            <p><a href="/x">BRIDGE REPAIRS TO COST TWICE THE ESTIMATE</a></p>
            <p>Repairs start in May, <a href="/y">THE MAYOR SAID ON TUESDAY</a>.</p>
            <p>WORK STARTS IN MAY ON THE BRIDGE</p></article>"#;
        let mut paragraphs = owned(&[
            "The council voted to close the bridge.",
            "BRIDGE REPAIRS TO COST TWICE THE ESTIMATE",
            "Repairs start in May, THE MAYOR SAID ON TUESDAY.",
            "WORK STARTS IN MAY ON THE BRIDGE",
        ]);
        let cut = cut_shouted_links(&mut paragraphs, &PageLinks::of(page));
        assert_eq!(cut, vec!["BRIDGE REPAIRS TO COST TWICE THE ESTIMATE"]);
        // A sentence with a link in it, and capitals that are no link, stay.
        assert_eq!(
            paragraphs,
            owned(&[
                "The council voted to close the bridge.",
                "Repairs start in May, THE MAYOR SAID ON TUESDAY.",
                "WORK STARTS IN MAY ON THE BRIDGE",
            ])
        );
    }
}
