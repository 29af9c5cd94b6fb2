//! "About the author" and "About the company" boxes under an article: a short heading
//! naming a person, the author or the publisher ("About Jane Roe", "Über den Autor",
//! "Sobre Carlos Nadalim", "About Ascom"), then a paragraph or two of biography or company
//! boilerplate. Blogs print the writer's bio there and press releases the issuer's
//! standard description; both are the same on every article, neither is this article's
//! text. Shared by the HTML and the text paths: both hand it their final body.

use std::sync::LazyLock;

use regex::Regex;

use crate::Removed;

/// The reason given for each paragraph cut.
pub const REASON: &str = "about-the-author or about-the-company box after the article";

/// The box's heading must be among the body's last this many paragraphs.
const SCAN: usize = 4;

/// The most paragraphs under the heading: a bio or a boilerplate runs one or two.
const MAX_UNDER: usize = 2;

/// The box is cut only while it is the smaller part of the body.
const MAX_SHARE: f64 = 0.4;

/// The most words of the heading.
const MAX_HEADING_WORDS: usize = 6;

/// "About" in the languages of the stop-word list, then the author or a capitalised name.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\W*(?i:about|über|sobre|acerca de|à propos de|a proposito di|informazioni su)\s+((?i:the author|den autor|die autorin|o autor|a autora|el autor|la autora|l['’]auteur|l['’]autore|de auteur)|\p{Lu}[\p{L}.'’&-]*)",
    )
    .expect("valid about-heading regex")
});

/// Whether a paragraph heads an about box: short, no sentence end, "About" and a name.
pub fn is_about_heading(paragraph: &str) -> bool {
    let text = paragraph.trim();
    text.split_whitespace().count() <= MAX_HEADING_WORDS
        && !text.ends_with(['.', '!', '?'])
        && HEADING.is_match(text)
}

/// Cut an about box at the end of `body` (its heading and the paragraphs under it),
/// keeping at least the first paragraph; returns what went.
pub fn cut_about_box(body: &mut Vec<String>) -> Vec<Removed> {
    let first_scanned = body.len().saturating_sub(SCAN).max(1);
    let Some(heading) = (first_scanned..body.len()).find(|&i| is_about_heading(&body[i])) else {
        return Vec::new();
    };
    let under = body.len() - heading - 1;
    let words = |paragraphs: &[String]| -> usize {
        paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum()
    };
    if under == 0
        || under > MAX_UNDER
        || words(&body[heading..]) as f64 > MAX_SHARE * words(body) as f64
    {
        return Vec::new();
    }
    body.split_off(heading)
        .into_iter()
        .map(|text| Removed {
            text,
            reason: REASON.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The council approved the harbour plan on Tuesday after a debate that \
                         ran late into the evening, and work on the quay starts in the spring.";

    fn owned(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_bio_under_an_about_heading_goes() {
        for heading in [
            "About Jane Roe",
            "Über den Autor",
            "Sobre Carlos Nadalim",
            "About the author",
            "À propos de l'auteur",
        ] {
            let bio = "Jane Roe covers the harbour and the council for the paper.";
            let mut body = owned(&[STORY, STORY, STORY, heading, bio]);
            let removed = cut_about_box(&mut body);
            assert_eq!(body, owned(&[STORY, STORY, STORY]), "{heading}");
            assert_eq!(removed.len(), 2, "{heading}");
        }
    }

    #[test]
    fn about_in_a_sentence_or_far_from_the_end_stays() {
        // A sentence, a lower-case topic, a section heading with the story going on.
        for body in [
            owned(&[
                STORY,
                STORY,
                "About the harbour plan, little is known.",
                STORY,
            ]),
            owned(&[STORY, STORY, STORY, "About two thirds of the quay", STORY]),
            owned(&[STORY, "About Harbour Town", STORY, STORY, STORY, STORY]),
        ] {
            let mut cut = body.clone();
            assert!(cut_about_box(&mut cut).is_empty(), "{body:?}");
            assert_eq!(cut, body);
        }
        // More than a box: three long paragraphs under the heading are the story's.
        let body = owned(&[
            STORY,
            STORY,
            STORY,
            STORY,
            "About Harbour Town",
            STORY,
            STORY,
            STORY,
        ]);
        let mut cut = body.clone();
        assert!(cut_about_box(&mut cut).is_empty());
    }
}
