//! What is changed in a page before either extractor sees it, for markup both would
//! otherwise read wrongly:
//!
//! - Ruby annotations (`<rt>`, `<rp>`, `<rtc>`): the small reading aids printed over East Asian
//!   characters (furigana over kanji, pinyin over hanzi). They are pronunciation guides, not
//!   text: kept, they run into the words they annotate ("子こども" for "子ども") and no
//!   reader or search would find the sentence. They are removed; the annotated base
//!   characters stay.
//! - Scripts and style sheets: neither extractor reads them (both drop them first), but
//!   both parsers tokenise them and trafilatura serialises and re-parses the page for its
//!   justext fallback; they are 55% of the ScrapingHub pages' bytes. Their content is
//!   emptied by `lol_html`, a streaming rewriter with the HTML tokeniser's own rules for
//!   where a script starts and ends (a text search would end one early inside an escaped
//!   `<!-- <script> ... -->` block, and would take a `<script` inside a comment or an
//!   attribute value for a script). JSON-LD scripts stay: both extractors read metadata
//!   there.
//! - Elements both extractors drop anyway (navigation, footers, form controls, embedded
//!   media: `DROPPED_BY_BOTH`) are removed here, before either parser builds a tree for
//!   them. That saves a sixth of the instructions (callgrind, inside the extraction call:
//!   ScrapingHub 16.3 G -> 13.6 G, trafilatura set 105.9 G -> 88.0 G). The bodies barely
//!   move (ScrapingHub F1 -0.0001, trafilatura set +0.0012) because neither extractor took
//!   its text from these elements; metadata read from them does (a name in a comment
//!   form's `<label>` is no longer an author).
//! - `<noscript>`: the HTML parser both extractors use reads a `<noscript>` element's
//!   content as raw text (the way a browser that runs scripts does), so a page that puts its
//!   article there for readers without scripts (Blogger does) comes out as markup, tags and
//!   all. Storyline runs no scripts: what such a reader sees is the page, so the body's
//!   `<noscript>` elements are opened into plain blocks and their content parsed as HTML.
//!   The head's (styles, tracking pixels) are removed: parsed as markup, an image there
//!   would end the head early, and left as raw text, one parser (readability's, which
//!   parses with scripting off) would read it as markup and the other not, when both now
//!   read one parse (`shared_tree`).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// The opening tag of a ruby annotation: `<rt>`, `<rp>` or `<rtc>` (a container of `<rt>`s).
static ANNOTATION_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<r(tc|t|p)[\s>]").expect("valid ruby regex"));

/// Where an `<rt>` or `<rp>` ends: its closing tag, or (HTML lets the closing tag be
/// omitted) the next annotation or the end of the ruby. Group 1 is set for a closing tag.
static RT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(</r[tp]\s*>)|<r(?:tc|t|p)[\s>]|</ruby").expect("valid ruby regex")
});

/// Where an `<rtc>` ends: its closing tag, or the end of the ruby.
static RTC_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(</rtc\s*>)|</ruby").expect("valid ruby regex"));

/// A whole `<noscript>` element as a parser that runs scripts reads it in the head: its
/// content is raw text up to the first `</noscript`.
static NOSCRIPT_ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<noscript\b[^>]*>.*?</noscript\s*>").expect("valid noscript regex")
});

/// `<noscript` and `</noscript` (the tag name only: attributes and `>` stay as they are).
static NOSCRIPT_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<(/?)noscript\b").expect("valid noscript regex"));

static BODY_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<body[\s>]").expect("valid body regex"));
static HEAD_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</head\s*>").expect("valid head regex"));
static HEAD_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<head[\s>]").expect("valid head regex"));

/// The page as the extractors should read it; borrowed unchanged when it has no script or
/// style content, none of the elements both extractors drop, no ruby and no `<noscript>`
/// in its body.
pub fn prepare(html: &str) -> Cow<'_, str> {
    let html = match strip_what_no_extractor_reads(html) {
        // Without ruby the stripped page goes on as it is, not copied once more.
        Some(stripped) if !has_ruby(&stripped) => Cow::Owned(stripped),
        Some(stripped) => Cow::Owned(strip_ruby_annotations(&stripped).into_owned()),
        None => strip_ruby_annotations(html),
    };
    // The body's are opened; a `<noscript>` in the head holds styles or a tracking pixel,
    // and a block there would end the head early, losing the metadata after it: removed.
    let Some(body) = body_start(&html) else {
        return html;
    };
    if !NOSCRIPT_TAG.is_match(&html) {
        return html;
    }
    let head = NOSCRIPT_ELEMENT.replace_all(&html[..body], "");
    let opened = NOSCRIPT_TAG.replace_all(&html[body..], "<${1}div");
    Cow::Owned(format!("{head}{opened}"))
}

/// Elements that are never the article's text. Trafilatura removes each of them, content
/// and all, before it looks for the article (they are on its list of tags to clean), and
/// readability either cleans them out of its article too (navigation, footers, form
/// controls, embeds) or finds no text in them (media, canvases, image maps: their only
/// text is a fallback such as "Your browser does not support video"). Two of the list are
/// not here: `<form>`, as some sites wrap the whole page in one, and `<aside>`, as some put
/// the article in one (readability cleans asides out of the article it found, but keeps an
/// article found inside an aside); dropping asides saved 4% more instructions.
const DROPPED_BY_BOTH: &str = "nav, footer, menu, dialog, button, select, datalist, \
    input, textarea, label, fieldset, iframe, video, audio, canvas, map, object, embed";

/// The page with its scripts (except JSON-LD, which carries metadata) and style sheets
/// emptied and the elements both extractors drop removed; `None` when there was nothing
/// to change, or when the rewriter cannot read the page (which then goes on as it is).
fn strip_what_no_extractor_reads(html: &str) -> Option<String> {
    use lol_html::html_content::ContentType;
    use lol_html::{element, rewrite_str, RewriteStrSettings};
    let empty = |el: &mut lol_html::html_content::Element| {
        el.set_inner_content("", ContentType::Text);
        Ok(())
    };
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!(
                    "script:not([type*='ld+json']):not([type*='settings+json'])",
                    empty
                ),
                element!("style", empty),
                element!(DROPPED_BY_BOTH, |el| {
                    el.remove();
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::new()
        },
    )
    .ok()
    // Emptying and removing only take bytes away: the same length is the same page.
    .filter(|stripped| stripped.len() != html.len())
}

/// Where the body starts: its tag, else the end of the head, else the page's start when it
/// has no head either (a fragment). `None` for a head that never ends: nothing is opened.
fn body_start(html: &str) -> Option<usize> {
    if let Some(body) = BODY_OPEN.find(html) {
        return Some(body.start());
    }
    if let Some(head_end) = HEAD_CLOSE.find(html) {
        return Some(head_end.end());
    }
    (!HEAD_OPEN.is_match(html)).then_some(0)
}

/// The page without its ruby annotations (their markup and text); the annotated base
/// characters stay. An annotation whose end cannot be found is left as it is.
fn strip_ruby_annotations(html: &str) -> Cow<'_, str> {
    if !has_ruby(html) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(open) = ANNOTATION_OPEN.captures_at(html, at) {
        let (Some(whole), Some(kind)) = (open.get(0), open.get(1)) else {
            break;
        };
        let end_pattern = if kind.as_str().eq_ignore_ascii_case("tc") {
            &RTC_END
        } else {
            &RT_END
        };
        let Some(end) = end_pattern.captures_at(html, whole.end()) else {
            break;
        };
        out.push_str(&html[at..whole.start()]);
        // A closing tag goes with the annotation; the next annotation or `</ruby` stays.
        at = match (end.get(1), end.get(0)) {
            (Some(close), _) => close.end(),
            (None, Some(boundary)) => boundary.start(),
            (None, None) => break,
        };
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
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
    fn elements_both_extractors_drop_are_removed_and_forms_and_asides_stay() {
        let html = "<body><nav><a href='/'>Home</a></nav><form><p>Text</p>\
            <label>Name</label><input name='n'><button>Send</button></form>\
            <footer>Imprint</footer><aside><p>Article</p></aside></body>";
        assert_eq!(
            prepare(html),
            "<body><form><p>Text</p></form><aside><p>Article</p></aside></body>"
        );
    }

    #[test]
    fn data_scripts_are_emptied_too_and_settings_json_stays() {
        let html = r#"<script type="application/json">{"props": 1}</script><script type="application/settings+json">{"s": 2}</script>"#;
        assert_eq!(
            prepare(html),
            r#"<script type="application/json"></script><script type="application/settings+json">{"s": 2}</script>"#
        );
    }

    #[test]
    fn scripts_and_styles_are_emptied_and_json_ld_stays() {
        let html = r#"<html><head><style>p { color: red }</style>
            <script type="application/ld+json">{"headline": "Storm"}</script>
            <SCRIPT src="a.js">var s = "</p>";</SCRIPT></head>
            <body><p>Text</p><script>document.write("<p>Ad</p>")</script></body></html>"#;
        let prepared = prepare(html);
        assert!(prepared.contains(r#"<style></style>"#), "{prepared}");
        assert!(prepared.contains(r#"{"headline": "Storm"}"#), "{prepared}");
        assert!(
            prepared.contains(r#"<SCRIPT src="a.js"></SCRIPT>"#),
            "{prepared}"
        );
        assert!(prepared.contains("<body><p>Text</p><script></script></body>"));
        assert!(!prepared.contains("Ad"), "{prepared}");
    }

    #[test]
    fn a_script_ends_where_the_tokeniser_ends_it() {
        // Inside an escaped script (`<!--` ... `<script>`), `</script>` does not end it: a
        // text search would stop there and leave `") --></script>` as page text.
        let html =
            r#"<p>a</p><script><!-- document.write("<script></script>") --></script><p>b</p>"#;
        assert_eq!(prepare(html), "<p>a</p><script></script><p>b</p>");
    }

    #[test]
    fn script_tags_in_comments_and_attribute_values_are_text() {
        let html = r#"<!-- <script> --><p>kept</p><div title="<script>">also kept</div>"#;
        assert!(matches!(prepare(html), Cow::Borrowed(_)));
    }

    #[test]
    fn annotations_go_and_the_annotated_characters_stay() {
        let html = "<p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>体罰<rp>(</rp><rt>たいばつ</rt><rp>)</rp></ruby>を禁止</p>";
        assert_eq!(
            strip_ruby_annotations(html),
            "<p><ruby>子</ruby>どもへの<ruby>体罰</ruby>を禁止</p>"
        );
    }

    #[test]
    fn markup_inside_an_annotation_and_rtc_containers_go_too() {
        let html = "<ruby>漢字<rt><span>かんじ</span></rt></ruby>と<ruby>東<rtc><rt>とう</rt></rtc></ruby>";
        assert_eq!(
            strip_ruby_annotations(html),
            "<ruby>漢字</ruby>と<ruby>東</ruby>"
        );
    }

    #[test]
    fn a_page_without_a_body_tag_loses_its_head_noscript_and_keeps_the_head() {
        let html = "<html><head><noscript><img src=p.gif></noscript>\
                    <link rel=canonical href=https://example.com/a></head>\
                    <noscript><p>Text</p></noscript>";
        assert_eq!(
            prepare(html),
            "<html><head>\
             <link rel=canonical href=https://example.com/a></head>\
             <div><p>Text</p></div>"
        );
        let unended_head = "<head><noscript><img src=p.gif></noscript><title>t</title>";
        assert!(matches!(prepare(unended_head), Cow::Borrowed(_)));
        let fragment = "<noscript><p>Text</p></noscript>";
        assert_eq!(prepare(fragment), "<div><p>Text</p></div>");
    }

    #[test]
    fn unclosed_annotations_end_at_the_next_tag() {
        let html = "<RUBY>漢<RT class=x>kan<RT>ji</RUBY> text";
        assert_eq!(strip_ruby_annotations(html), "<RUBY>漢</RUBY> text");
    }

    #[test]
    fn a_noscript_in_the_head_is_removed_with_its_raw_content() {
        let html = "<html><head><NOSCRIPT><img src=p.gif><p>x</p></noscript >\
                    <title>t</title></head>\
                    <body><noscript><p>Text</p></noscript></body></html>";
        assert_eq!(
            prepare(html),
            "<html><head><title>t</title></head>\
             <body><div><p>Text</p></div></body></html>"
        );
        let head_only = "<head><noscript><link rel=stylesheet></noscript></head><body><p>x</p>";
        assert_eq!(prepare(head_only), "<head></head><body><p>x</p>");
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
