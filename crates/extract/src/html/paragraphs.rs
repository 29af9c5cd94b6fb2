//! Turning an extractor's cleaned HTML fragment into paragraphs: block elements and line
//! breaks end a paragraph, inline elements do not, whitespace is collapsed.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node};

/// Elements that start and end a paragraph of their own.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tr",
    "ul",
    "br",
    "head",
    "title",
];

/// Table cells stay on their row's line, separated so their words do not run together.
const CELL_ELEMENTS: &[&str] = &["td", "th"];

/// Nesting deeper than this is cut off rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 256;

/// Elements whose text belongs to a picture (captions, credits), not to the running text.
const FIGURE_ELEMENTS: &[&str] = &["figure", "figcaption"];

/// Paragraphs of an HTML fragment, in document order, without empty ones.
pub fn html_paragraphs(fragment: &str) -> Vec<String> {
    html_paragraphs_and_captions(fragment).0
}

/// Paragraphs of an HTML fragment, and those of them that sit inside a `<figure>` or
/// `<figcaption>` (captions and picture credits).
pub fn html_paragraphs_and_captions(fragment: &str) -> (Vec<String>, Vec<String>) {
    let html = Html::parse_fragment(fragment);
    let mut collector = Collector::default();
    collector.visit(html.root_element(), 0);
    collector.flush();
    (collector.paragraphs, collector.captions)
}

#[derive(Default)]
struct Collector {
    paragraphs: Vec<String>,
    captions: Vec<String>,
    current: String,
    /// How many figure elements enclose the text being collected.
    in_figure: usize,
}

impl Collector {
    fn visit(&mut self, element: ElementRef<'_>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let name = element.value().name();
        if matches!(name, "script" | "style" | "noscript" | "template") {
            return;
        }
        let block = BLOCK_ELEMENTS.contains(&name);
        if block {
            self.flush();
        }
        let figure = FIGURE_ELEMENTS.contains(&name);
        self.in_figure += usize::from(figure);
        if CELL_ELEMENTS.contains(&name) {
            self.current.push(' ');
        }
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.current.push_str(text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.visit(child, depth + 1);
                    }
                }
                _ => {}
            }
        }
        if block {
            self.flush();
        }
        self.in_figure -= usize::from(figure);
    }

    fn flush(&mut self) {
        let paragraph = collapse_whitespace(&self.current);
        if !paragraph.is_empty() {
            if self.in_figure > 0 {
                self.captions.push(paragraph.clone());
            }
            self.paragraphs.push(paragraph);
        }
        self.current.clear();
    }
}

/// The texts of the first `limit` elements of one kind in a page, found by their opening
/// and closing tags (`<a[\s>]`, `</a\s*>`): markup inside removed, entities decoded,
/// whitespace collapsed. A scan, not a parse: it serves tests on raw pages that the
/// extractors' DOMs do not expose. Opening and closing tags are found separately, without
/// captures: a capturing regex with a lazy `.*?` over a whole page ran its slow engines
/// and cost a millisecond a page.
pub fn element_texts(html: &str, open_tag: &Regex, close_tag: &Regex, limit: usize) -> Vec<String> {
    let mut texts = Vec::new();
    let mut at = 0;
    while texts.len() < limit {
        let Some(open) = open_tag.find_at(html, at) else {
            break;
        };
        let Some(tag_end) = html[open.start()..].find('>').map(|i| open.start() + i + 1) else {
            break;
        };
        let Some(close) = close_tag.find_at(html, tag_end) else {
            break;
        };
        let inner = TAG.replace_all(&html[tag_end..close.start()], " ");
        texts.push(collapse_whitespace(&html_escape::decode_html_entities(
            &inner,
        )));
        at = close.end();
    }
    texts
}

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("valid tag regex"));

/// Collapse runs of whitespace to one space and trim; soft hyphens are dropped.
/// One pass, one allocation: this runs on every block of both extractors' output.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if c != '\u{ad}' {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_breaks_split_inline_elements_do_not() {
        let html = "<h1>Title</h1><p>One <b>bold</b>\n  word &amp; more</p>\
                    <ul><li>first</li><li>second</li></ul><p>a<br>b</p>\
                    <table><tr><td>x</td><td>y</td></tr></table>";
        assert_eq!(
            html_paragraphs(html),
            vec![
                "Title",
                "One bold word & more",
                "first",
                "second",
                "a",
                "b",
                "x y"
            ]
        );
    }

    #[test]
    fn text_inside_figures_is_reported_as_captions() {
        let html = "<p>Body text.</p><figure><img src='a.jpg'>\
                    <figcaption>A storm over the bay. Photo: J. Doe</figcaption></figure>\
                    <p>More body.</p>";
        let (paragraphs, captions) = html_paragraphs_and_captions(html);
        assert_eq!(
            paragraphs,
            vec![
                "Body text.",
                "A storm over the bay. Photo: J. Doe",
                "More body."
            ]
        );
        assert_eq!(captions, vec!["A storm over the bay. Photo: J. Doe"]);
    }

    #[test]
    fn empty_and_broken_fragments_give_no_paragraphs() {
        assert!(html_paragraphs("").is_empty());
        assert_eq!(
            html_paragraphs("<p>unclosed <i>text"),
            vec!["unclosed text"]
        );
    }
}
