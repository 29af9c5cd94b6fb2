//! Removing the headline block from the top of a body: extractors often keep the `<h1>`
//! (and a kicker above it) as the first paragraphs, but the article body starts after it.

use std::sync::LazyLock;

use regex::Regex;

use super::paragraphs::element_texts;

/// How many of the page's `<h1>` elements, in page order, are taken as its headline: the
/// second covers a site name or logo put in the first.
const HEADLINE_ELEMENTS: usize = 2;

static H1_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<h1[\s>]").expect("valid h1 regex"));
static H1_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</h1\s*>").expect("valid h1 regex"));

/// The page's own headline elements: the texts of its first `<h1>`s. A page's displayed
/// headline often differs from its `<title>` and `og:title` (a shorter or a
/// search-friendly variant, a rewritten web headline), and that displayed one is what an
/// extractor leaves at the top of the body.
pub fn page_headlines(html: &str) -> Vec<String> {
    element_texts(html, &H1_OPEN, &H1_CLOSE, HEADLINE_ELEMENTS)
}

/// How far down the headline may sit (a kicker or section label can come first).
const HEADLINE_SEARCH_DEPTH: usize = 3;

/// The longest a paragraph above the headline may be and still count as a kicker, in words.
const MAX_KICKER_WORDS: usize = 8;

/// Lowercased word characters only, so punctuation and spacing differences do not matter.
fn fingerprint(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drop the leading paragraph that repeats one of the `titles`, together with any short
/// kicker paragraphs above it. Leaves the body alone when no leading paragraph is a title.
pub fn strip_headline(paragraphs: &mut Vec<String>, titles: &[&str]) {
    let titles: Vec<String> = titles
        .iter()
        .map(|t| fingerprint(t))
        .filter(|t| !t.is_empty())
        .collect();
    if titles.is_empty() {
        return;
    }
    let headline = paragraphs
        .iter()
        .take(HEADLINE_SEARCH_DEPTH)
        .position(|p| titles.contains(&fingerprint(p)));
    let Some(index) = headline else { return };
    let only_kickers_above = paragraphs[..index]
        .iter()
        .all(|p| p.split_whitespace().count() <= MAX_KICKER_WORDS);
    // Never leave an empty body: a page whose only text is its title keeps it.
    if only_kickers_above && paragraphs.len() > index + 1 {
        paragraphs.drain(..=index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::test_support::owned;

    #[test]
    fn headline_and_kicker_are_removed() {
        let mut body = owned(&["Politics", "Storm hits coast!", "The storm hit the coast."]);
        strip_headline(&mut body, &["Storm hits coast", "Other title"]);
        assert_eq!(body, owned(&["The storm hit the coast."]));
    }

    #[test]
    fn bodies_without_a_headline_are_kept() {
        let mut body = owned(&["The storm hit the coast.", "More rain is due."]);
        strip_headline(&mut body, &["Storm hits coast"]);
        assert_eq!(body.len(), 2);
        let mut only_title = owned(&["Storm hits coast"]);
        strip_headline(&mut only_title, &["Storm hits coast"]);
        assert_eq!(only_title.len(), 1);
    }

    #[test]
    fn the_pages_first_h1s_are_its_headlines() {
        let html = "<html><head><title>HS Roundup: Viera wins - Site</title></head><body>\
                    <H1 class=\"logo\"><a href=/>The Site</a></H1>\
                    <h1 class=\"entry-title\">High School Roundup: Viera&nbsp;wins\n</h1>\
                    <h1>Third</h1><h10>not a heading</h10></body></html>";
        let headlines = page_headlines(html);
        assert_eq!(
            headlines,
            owned(&["The Site", "High School Roundup: Viera wins"])
        );
        // The displayed headline, not the <title>, is what sits atop the body.
        let mut body = owned(&["High School Roundup: Viera wins", "Viera won on Friday."]);
        let titles: Vec<&str> = headlines.iter().map(String::as_str).collect();
        strip_headline(&mut body, &titles);
        assert_eq!(body, owned(&["Viera won on Friday."]));
    }
}
