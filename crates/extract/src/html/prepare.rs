//! What is changed in a page before either extractor sees it, for markup both would
//! otherwise read wrongly:
//!
//! - Ruby annotations (`<rt>`, `<rp>`): the small reading aids printed over East Asian
//!   characters (furigana over kanji, pinyin over hanzi). They are pronunciation guides, not
//!   text: kept, they run into the words they annotate ("子こども" for "子ども") and no
//!   reader or search would find the sentence. They are removed; the annotated base
//!   characters stay.
//! - `<noscript>`: the HTML parser both extractors use reads a `<noscript>` element's
//!   content as raw text (the way a browser that runs scripts does), so a page that puts its
//!   article there for readers without scripts (Blogger does) comes out as markup, tags and
//!   all. Storyline runs no scripts: what such a reader sees is the page, so the body's
//!   `<noscript>` elements are opened into plain blocks and their content parsed as HTML.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// `<rt>`/`<rp>` elements with their content. An annotation never nests and holds only a
/// few characters; an unclosed one ends at the next ruby boundary (HTML lets `</rt>` and
/// `</rp>` be omitted before the next `<rt>`, `<rp>` or `</ruby>`).
static ANNOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<r[tp](?:\s[^>]*)?>[^<]*(?:</r[tp]\s*>)?").expect("valid ruby regex")
});

/// `<noscript` and `</noscript` (the tag name only: attributes and `>` stay as they are).
static NOSCRIPT_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<(/?)noscript\b").expect("valid noscript regex"));

static BODY_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<body[\s>]").expect("valid body regex"));

/// The page as the extractors should read it; borrowed unchanged when it has neither ruby
/// nor `<noscript>` in its body (each check is one literal search).
pub fn prepare(html: &str) -> Cow<'_, str> {
    let html = strip_ruby_annotations(html);
    // Only the body's: a `<noscript>` in the head holds styles or a tracking pixel, and a
    // block there would end the head early.
    let body = BODY_TAG.find(&html).map_or(0, |m| m.start());
    if !NOSCRIPT_TAG.is_match(&html[body..]) {
        return html;
    }
    let opened = NOSCRIPT_TAG.replace_all(&html[body..], "<${1}div");
    Cow::Owned(format!("{}{opened}", &html[..body]))
}

/// The page without its ruby annotations.
fn strip_ruby_annotations(html: &str) -> Cow<'_, str> {
    if !has_ruby(html) {
        return Cow::Borrowed(html);
    }
    ANNOTATION.replace_all(html, "")
}

fn has_ruby(html: &str) -> bool {
    RUBY.is_match(html)
}

/// A literal search (case-insensitive literals are searched with SIMD by the regex crate).
static RUBY: LazyLock<Regex> = LazyLock::new(|| Regex::new("(?i)<ruby").expect("valid regex"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_go_and_the_annotated_characters_stay() {
        let html = "<p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rp>(</rp><rt>たいばつ</rt><rp>)</rp></ruby>を禁止</p>";
        assert_eq!(
            strip_ruby_annotations(html),
            "<p><ruby>子</ruby>どもへの<ruby>体罰</ruby>を禁止</p>"
        );
    }

    #[test]
    fn unclosed_annotations_end_at_the_next_tag() {
        let html = "<RUBY>漢<RT class=x>kan<RT>ji</RUBY> text";
        assert_eq!(strip_ruby_annotations(html), "<RUBY>漢</RUBY> text");
    }

    #[test]
    fn a_noscript_in_the_head_stays() {
        let html = "<html><head><noscript><link rel=stylesheet href=a.css></noscript></head>\
                    <body><noscript><p>Text</p></noscript></body></html>";
        assert_eq!(
            prepare(html),
            "<html><head><noscript><link rel=stylesheet href=a.css></noscript></head>\
             <body><div><p>Text</p></div></body></html>"
        );
        let head_only = "<head><noscript><style>p{}</style></noscript></head><body><p>x</p>";
        assert!(matches!(prepare(head_only), Cow::Borrowed(_)));
    }

    #[test]
    fn noscript_is_opened_into_a_block_whose_content_is_markup() {
        let html = "<p>a</p><NOSCRIPT class='x'><p>Article text</p></noscript><noscripted>";
        assert_eq!(
            prepare(html),
            "<p>a</p><div class='x'><p>Article text</p></div><noscripted>"
        );
        let plain = "<p>nothing to change</p>";
        assert!(matches!(prepare(plain), Cow::Borrowed(_)));
    }

    #[test]
    fn pages_without_ruby_are_not_copied_and_lookalike_tags_stay() {
        let html = "<p><rtl>right to left</rtl> <rp-x>not ruby</rp-x></p>";
        assert!(matches!(strip_ruby_annotations(html), Cow::Borrowed(_)));
        let with_ruby = format!("<ruby>a<rt>b</rt></ruby>{html}");
        assert_eq!(
            strip_ruby_annotations(&with_ruby),
            format!("<ruby>a</ruby>{html}")
        );
    }
}
