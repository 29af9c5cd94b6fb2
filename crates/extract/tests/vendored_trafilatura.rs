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
