//! The vendored trafilatura (vendor/trafilatura) carries speed patches that must not change
//! its output. Its `trim`, called on every text it measures, is rewritten to skip NFC
//! normalisation when the text is already NFC; this checks it against 0.6.0's version.

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// trafilatura 0.6.0's `trim`, as published on crates.io.
fn trim_as_published(s: &str) -> String {
    let no_soft_hyphen: String = s.chars().filter(|&c| c != '\u{00AD}').collect();
    let joined = no_soft_hyphen
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    joined.nfc().collect()
}

#[test]
fn trim_matches_the_published_version_on_the_awkward_cases() {
    for case in [
        "",
        "   ",
        "\u{00AD}",
        " \u{00AD} ",
        "a \u{00AD} b",
        "\u{00AD} a",
        "a \u{00AD}",
        "Zu\u{00AD}sam\u{00AD}men\u{00AD}arbeit",
        "u\u{0308}ber  Nacht\t\n",
        "e\u{0301}te\u{00A0}\u{2003}de\u{0301}ja\u{0300}",
        "\u{1E9B}\u{0323} \u{212B} \u{0041}\u{030A}",
        "\u{00AD}\u{0308}x",
    ] {
        assert_eq!(
            trafilatura::utils::trim(case),
            trim_as_published(case),
            "{case:?}"
        );
    }
}

proptest! {
    #[test]
    fn trim_matches_the_published_version(
        s in r"[ a-zA-Z\t\n\u{00A0}\u{2003}\u{00AD}\u{0300}-\u{0310}\u{00E9}\u{1E9B}\u{212B}\u{AC00}\u{1100}\u{1161}]{0,40}"
    ) {
        prop_assert_eq!(trafilatura::utils::trim(&s), trim_as_published(&s));
    }
}

/// Every element's attributes as the vendored `Document::get_attribute` reads them (names
/// compared as text) and as `scraper`'s `Element::attr` does (the lookup 0.6.0 used).
fn attributes_both_ways(html: &str, names: &[&str]) -> (Vec<Option<String>>, Vec<Option<String>>) {
    let doc = trafilatura::dom::Document::parse(html);
    let patched = doc
        .get_elements_by_tag_name(doc.root(), "*")
        .into_iter()
        .flat_map(|id| names.iter().map(move |name| (id, *name)))
        .map(|(id, name)| doc.get_attribute(id, name))
        .collect();
    let page = scraper::Html::parse_document(html);
    let published = page
        .tree
        .root()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .flat_map(|element| names.iter().map(move |name| element.value().attr(name)))
        .map(|value| value.map(str::to_string))
        .collect();
    (patched, published)
}

const ATTRIBUTE_NAMES: &[&str] = &[
    "id",
    "class",
    "href",
    "lang",
    "xml:lang",
    "xlink:href",
    "data-src",
    "DATA-SRC",
    "rel",
    "",
];

#[test]
fn get_attribute_finds_what_the_published_lookup_finds() {
    let html = r##"<html lang=de><body><div id=a class="b c" data-src=x DATA-SRC=y>t</div>
        <svg xml:lang=fr><a xlink:href="#s" href=h>l</a></svg><p class=p id=>e</p>
        <math><mi xlink:href=m>x</mi></math><a rel=author href=/x>n</a></body></html>"##;
    let (patched, published) = attributes_both_ways(html, ATTRIBUTE_NAMES);
    assert_eq!(patched, published);
    // The plain attributes are found (namespaced ones, `xlink:href`, by neither lookup).
    assert!(patched.iter().flatten().count() >= 9, "{patched:?}");
}

proptest! {
    #[test]
    fn get_attribute_agrees_on_any_attributes(
        attrs in prop::collection::vec(
            (prop::sample::select(ATTRIBUTE_NAMES), "[a-z ]{0,6}"), 0..8),
        tag in prop::sample::select(&["div", "svg", "math", "a", "template"][..]),
    ) {
        let attributes: String = attrs
            .iter()
            .filter(|(name, _)| !name.is_empty())
            .map(|(name, value)| format!(" {name}=\"{value}\""))
            .collect();
        let html = format!("<{tag}{attributes}><p{attributes}>x</p></{tag}>");
        let (patched, published) = attributes_both_ways(&html, ATTRIBUTE_NAMES);
        prop_assert_eq!(patched, published);
    }
}
