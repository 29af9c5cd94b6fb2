//! Boxes printed under an article that are not its text, each a short heading and a few
//! paragraphs under it:
//!
//! - about the author or the company: "About Jane Roe", "Über den Autor", "Sobre Carlos
//!   Nadalim", "About Ascom", then a paragraph or two of biography or of a press release's
//!   standard company description;
//! - a press contact: "Pressekontakt", "Media contact", "Ansprechpartnerin zum Thema:", then
//!   a name, a role, a phone number and an address, one short line each.
//!
//! - a staff biography with no heading, the writer's name first: "Meg James is a corporate
//!   media reporter for the Los Angeles Times...", "Jeff Foust (jeff@...) is the editor and
//!   publisher of...", "Pulitzer Prize-winning journalist Michael Hiltzik writes...".
//!
//! All are the same under every article of their site. Shared by the HTML and the text
//! paths: both hand this their final body. The HTML path's further-reading list
//! (`html/edges.rs`) is cut by the same mechanism, [`cut_end_box`].

use std::sync::LazyLock;

use regex::Regex;

use crate::Removed;

/// One kind of box: where its heading may stand, and what may stand under it. Also used
/// for the further-reading list of `html/edges.rs`, the same shape with other limits.
pub(crate) struct EndBox {
    pub reason: &'static str,
    pub is_heading: fn(&str) -> bool,
    /// The heading is looked for among the body's last this many paragraphs.
    pub scan: usize,
    /// The fewest and the most paragraphs under the heading.
    pub min_under: usize,
    pub max_under: usize,
    /// The longest paragraph under the heading, in words.
    pub max_item_words: usize,
}

/// "About" in the languages of the stop-word list, then the author or a capitalised name.
static ABOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\W*(?i:about|über|sobre|acerca de|à propos de|a proposito di|informazioni su)\s+((?i:the author|den autor|die autorin|o autor|a autora|el autor|la autora|l['’]auteur|l['’]autore|de auteur)|\p{Lu}[\p{L}.'’&-]*)",
    )
    .expect("valid about-heading regex")
});

/// A press or media contact heading, alone on its line.
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*((press|media|medien|presse)\s*)?(contacts?|kontakt|ansprechpartner(in)?( zum thema)?|contacto|contato|contatto|contact presse)\s*:?\s*$",
    )
    .expect("valid contact-heading regex")
});

/// A biography's opening: a capitalised name (perhaps after "<...> journalist", perhaps with
/// a handle or address in parentheses), then "is a/an/the <...> reporter" (a media role)
/// or "writes", "covers", "reports on". English: the other languages' bios open otherwise.
static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:[\p{L}-]+ ){0,4}(?i:journalist|writer|reporter|columnist|correspondent|author) )?\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){0,3}(?: \([^)]{1,60}\))? (?:is (?:a|an|the) (?:[\p{L}'’-]+ ){0,6}(?i:writer|reporter|editor|columnist|contributor|correspondent|journalist|author|producer|host|blogger|freelancer|photographer|critic)s?\b|(?:writes|covers|reports on) )",
    )
    .expect("valid biography regex")
});

/// A biography is looked for among the body's last this many paragraphs, with at most
/// this many words.
const BIO_SCAN: usize = 4;
const BIO_MAX_WORDS: usize = 120;
const BIO_REASON: &str = "the writer's biography after the article";

const BOXES: &[EndBox] = &[
    EndBox {
        reason: "about-the-author or about-the-company box after the article",
        is_heading: |text| is_box_heading(&ABOUT, text),
        scan: 3,
        min_under: 1,
        max_under: 2,
        max_item_words: usize::MAX,
    },
    EndBox {
        reason: "press contact after the article",
        is_heading: |text| is_box_heading(&CONTACT, text),
        scan: 7,
        min_under: 1,
        max_under: 6,
        max_item_words: 25,
    },
];

/// A box is cut only while it is the smaller part of the body: a heading like "More on the
/// harbour" halfway through is a section of the story.
const MAX_SHARE: f64 = 0.4;

/// The most words of a heading.
const MAX_HEADING_WORDS: usize = 6;

/// Short, no sentence end, and the box's heading pattern.
fn is_box_heading(heading: &Regex, paragraph: &str) -> bool {
    let text = paragraph.trim();
    text.split_whitespace().count() <= MAX_HEADING_WORDS
        && !text.ends_with(['.', '!', '?'])
        && heading.is_match(text)
}

/// Cut the first of the about and contact boxes, or else a biography, found at the end of
/// `body`.
pub fn cut_end_boxes(body: &mut Vec<String>) -> Vec<Removed> {
    BOXES
        .iter()
        .find_map(|end_box| cut_end_box(body, end_box))
        .or_else(|| cut_biography(body))
        .unwrap_or_default()
}

/// Cut a biography among the last paragraphs and everything after it (the rest of the
/// writer's box: a follow link, an address), while that is the smaller part of the body.
fn cut_biography(body: &mut Vec<String>) -> Option<Vec<Removed>> {
    let first_scanned = body.len().saturating_sub(BIO_SCAN).max(1);
    let bio = (first_scanned..body.len()).find(|&i| {
        body[i].split_whitespace().count() <= BIO_MAX_WORDS && BIO.is_match(body[i].trim())
    })?;
    is_smaller_part(body, bio).then(|| cut_from(body, bio, BIO_REASON))
}

/// Whether the paragraphs from `start` to the end hold at most [`MAX_SHARE`] of the words.
fn is_smaller_part(body: &[String], start: usize) -> bool {
    let words = |paragraphs: &[String]| -> usize {
        paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum()
    };
    words(&body[start..]) as f64 <= MAX_SHARE * words(body) as f64
}

/// Remove the paragraphs from `start` to the end, each with `reason`.
fn cut_from(body: &mut Vec<String>, start: usize, reason: &str) -> Vec<Removed> {
    Removed::all(body.split_off(start), reason).collect()
}

/// Cut one kind of box at the end of `body` (its heading and the paragraphs under it),
/// keeping at least the first paragraph; `None` when the body does not end with one.
pub(crate) fn cut_end_box(body: &mut Vec<String>, end_box: &EndBox) -> Option<Vec<Removed>> {
    let first_scanned = body.len().saturating_sub(end_box.scan).max(1);
    let heading = (first_scanned..body.len()).find(|&i| (end_box.is_heading)(&body[i]))?;
    let under = &body[heading + 1..];
    if !(end_box.min_under..=end_box.max_under).contains(&under.len())
        || under
            .iter()
            .any(|p| p.split_whitespace().count() > end_box.max_item_words)
        || !is_smaller_part(body, heading)
    {
        return None;
    }
    Some(cut_from(body, heading, end_box.reason))
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
            let removed = cut_end_boxes(&mut body);
            assert_eq!(body, owned(&[STORY, STORY, STORY]), "{heading}");
            assert_eq!(removed.len(), 2, "{heading}");
        }
    }

    #[test]
    fn a_press_contact_under_the_article_goes() {
        let mut body = owned(&[
            STORY,
            STORY,
            STORY,
            STORY,
            "Pressekontakt:",
            "Jane Roe",
            "Head of Communications",
            "+49 30 1234567",
            "presse@example.org",
        ]);
        let removed = cut_end_boxes(&mut body);
        assert_eq!(body, owned(&[STORY, STORY, STORY, STORY]));
        assert_eq!(removed.len(), 5);
        assert!(removed[0].reason.starts_with("press contact"));
        // A long paragraph under it is the story's: "Contact" headed a section of it.
        let mut story = owned(&[STORY, STORY, STORY, STORY, "Contact", STORY]);
        assert!(cut_end_boxes(&mut story).is_empty());
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
            assert!(cut_end_boxes(&mut cut).is_empty(), "{body:?}");
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
        assert!(cut_end_boxes(&mut cut).is_empty());
    }

    #[test]
    fn a_staff_biography_at_the_end_goes_with_what_follows_it() {
        for bio in [
            "Meg James is a corporate media reporter for the Los Angeles Times, covering television.",
            "Molly Wood (@mollywood) is an Ideas contributor at WIRED and the host of a show.",
            "Louise Matsakis is a Staff Writer at WIRED covering Amazon and online platforms.",
            "Pulitzer Prize-winning journalist Michael Hiltzik writes a daily blog for the paper.",
        ] {
            let mut body = owned(&[STORY, STORY, STORY, bio, "Follow her on Twitter"]);
            let removed = cut_end_boxes(&mut body);
            assert_eq!(body, owned(&[STORY, STORY, STORY]), "{bio}");
            assert_eq!(removed.len(), 2, "{bio}");
            assert_eq!(removed[0].reason, BIO_REASON);
        }
    }

    #[test]
    fn a_story_about_a_writer_keeps_its_sentences_about_them() {
        for body in [
            // Past tense: the story's own account.
            owned(&[
                STORY,
                STORY,
                STORY,
                "Jane Roe was a reporter for the paper for 30 years.",
            ]),
            // Far from the end: part of the story.
            owned(&[
                STORY,
                "Jane Roe is a reporter for the harbour paper and saw the vote.",
                STORY,
                STORY,
                STORY,
                STORY,
            ]),
            // Not a name first.
            owned(&[
                STORY,
                STORY,
                STORY,
                "The mayor is a former reporter for the paper.",
            ]),
        ] {
            let mut cut = body.clone();
            assert!(cut_end_boxes(&mut cut).is_empty(), "{body:?}");
        }
    }
}
