//! Spacing repair. The `trafilatura` crate (0.6) trims the text around inline elements
//! inside list items and puts one space back on the wrong side ("got to <em>extend</em>"
//! comes out "got toextend", "<em>A</em>, <em>B</em>" as "A ,B"): words run together and no
//! search finds them. Readability keeps the page's own spacing. A trafilatura paragraph
//! that readability read with exactly the same characters apart from whitespace takes
//! readability's spacing (before the two readings are compared); nothing else changes, so
//! a paragraph only one extractor kept is left as it is.

use std::collections::HashMap;

/// Replace each paragraph of `body` by the `reference` paragraph with the same
/// non-whitespace characters, when there is one and it is spaced differently.
pub fn respace_from(body: &mut [String], reference: &[String]) {
    let by_letters: HashMap<String, &String> = reference
        .iter()
        .map(|p| (without_whitespace(p), p))
        .collect();
    for paragraph in body.iter_mut() {
        if let Some(spaced) = by_letters.get(&without_whitespace(paragraph)) {
            if *spaced != paragraph {
                paragraph.clone_from(spaced);
            }
        }
    }
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::test_support::owned;

    #[test]
    fn a_paragraph_read_with_the_same_characters_takes_the_reference_spacing() {
        let mut body = owned(&[
            "You have got toextend yourself.",
            "Games: Tomb Raider 2013 ,Trials Rising , andWolfenstein.",
            "Only the primary kept this one.",
        ]);
        let reference = owned(&[
            "Games: Tomb Raider 2013, Trials Rising, and Wolfenstein.",
            "You have got to extend yourself.",
        ]);
        respace_from(&mut body, &reference);
        assert_eq!(
            body,
            owned(&[
                "You have got to extend yourself.",
                "Games: Tomb Raider 2013, Trials Rising, and Wolfenstein.",
                "Only the primary kept this one.",
            ])
        );
    }

    #[test]
    fn a_reference_with_other_words_changes_nothing() {
        let mut body = owned(&["got toextend"]);
        respace_from(&mut body, &owned(&["got to extend it"]));
        assert_eq!(body, owned(&["got toextend"]));
    }
}
