//! Labels that extractors leave in a chosen body because they sit inside the article's
//! container, told apart by what they say rather than by markup: a byline, date line or
//! reading-time label above the text ("By Jane Roe | March 3, 2019", "23.10.2018",
//! "Tempo de leitura: 1 minuto", "5 min read"), a labelled link to another story or a
//! picture's credit line between paragraphs ("Related: ...", "Foto: Jane Roe"), and
//! after the last sentence the story's credits ("Reporting by ...", "... contributed to
//! this report."), its filing line ("Filed under: ...") and the promos under it ("Sign
//! up for our newsletter", "Follow us on Instagram"), and a further-reading list under a
//! heading of its own ("Weitere Themen", "You may also like", "À lire aussi") when all it
//! holds is headlines and it is the smaller part of the body. The phrases are the text
//! cleaner's documented patterns and byline reader (`text::patterns`, `text::byline`),
//! so both routes drop the same things; here each is only looked for where it occurs:
//! at the top, between paragraphs, at the end.

use crate::end_boxes::{cut_end_box, EndBox};
use crate::text::{byline, patterns};
use crate::Removed;

/// The most paragraphs looked at from the top (a reading-time label under a kicker).
const MAX_LEADING: usize = 2;

/// The reason given for a byline or date line cut from the top.
const BYLINE: &str = "byline or date line";

/// The most paragraphs cut from the end (credits, an editing line, a filing line, a promo).
const MAX_TRAILING: usize = 3;

/// Cut these labels from `body`, keeping at least one paragraph; returns what went, with
/// the reason for each.
pub fn cut_labels(body: &mut Vec<String>) -> Vec<Removed> {
    let mut removed = Vec::new();
    let mut leading = 0;
    while leading < MAX_LEADING && body.len() > 1 {
        let reason = if patterns::is_reading_time(&body[0]) {
            patterns::READING_TIME
        } else if byline::parse(&body[0]).is_some() {
            BYLINE
        } else {
            break;
        };
        removed.push(take(body, 0, reason));
        leading += 1;
    }
    take_each(body, &mut removed, |paragraph| {
        if is_story_link(paragraph) {
            Some("inline story link")
        } else if patterns::is_image_credit(paragraph) {
            Some(patterns::IMAGE_CREDIT)
        } else {
            None
        }
    });
    removed.extend(cut_further_reading(body));
    // After the further-reading cut, which needs its heading to find the list under it.
    take_each(body, &mut removed, |paragraph| {
        patterns::is_list_label(paragraph).then_some(patterns::LIST_LABEL)
    });
    let mut trailing = Vec::new();
    while trailing.len() < MAX_TRAILING && body.len() > 1 {
        let last = body.len() - 1;
        let Some(reason) = patterns::closing_label(&body[last]) else {
            break;
        };
        trailing.push(take(body, last, reason));
    }
    trailing.reverse();
    removed.extend(trailing);
    removed
}

/// A further-reading heading near the end and everything after it (the other stories it
/// lists). Its items are headlines and one-line teasers: a paragraph over 30 words after
/// the heading is the story going on after a "read also" box set inside it.
const FURTHER_READING: EndBox = EndBox {
    reason: patterns::FURTHER_READING,
    is_heading: patterns::is_further_reading_heading,
    scan: 6,
    min_under: 0,
    max_under: usize::MAX,
    max_item_words: 30,
};

/// Cut a further-reading list at the end, keeping at least the first paragraph.
fn cut_further_reading(body: &mut Vec<String>) -> Vec<Removed> {
    cut_end_box(body, &FURTHER_READING).unwrap_or_default()
}

fn is_story_link(paragraph: &str) -> bool {
    patterns::is_inline_story_link(paragraph, paragraph.split_whitespace().count())
}

/// Take out every paragraph `reason` names a reason for, wherever it stands, keeping at
/// least one paragraph.
fn take_each(
    body: &mut Vec<String>,
    removed: &mut Vec<Removed>,
    reason: impl Fn(&str) -> Option<&'static str>,
) {
    let mut index = 0;
    while index < body.len() {
        match reason(&body[index]) {
            Some(why) if body.len() > 1 => removed.push(take(body, index, why)),
            _ => index += 1,
        }
    }
}

fn take(body: &mut Vec<String>, index: usize, reason: &str) -> Removed {
    Removed::new(body.remove(index), reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::test_support::owned;

    #[test]
    fn labels_at_the_edges_go_and_the_story_stays() {
        let mut body = owned(&[
            "By Jane Roe | March 3, 2019",
            "Tempo de leitura: 2 minutos",
            "The council approved the harbour plan on Tuesday.",
            "[Related: Harbour plan faces new costs]",
            "(Bild: Jane Roe)",
            "Work starts in the spring, the chair said.",
            "Reporting by Jane Roe; Editing by John Doe",
            "Filed under: Harbour |",
            "Sign up for our daily newsletter to get the top stories.",
        ]);
        let removed = cut_labels(&mut body);
        assert_eq!(
            body,
            owned(&[
                "The council approved the harbour plan on Tuesday.",
                "Work starts in the spring, the chair said.",
            ])
        );
        let reasons: Vec<&str> = removed.iter().map(|r| r.reason.as_str()).collect();
        let expected = [
            "byline or date line",
            "reading time",
            "inline story link",
            "image credit",
            "reporting credit",
            "tag or category line",
            "newsletter or subscription promo",
        ];
        assert_eq!(reasons, expected);
    }

    /// One paragraph of a story, long enough to be prose.
    const STORY: &str = "The council approved the harbour plan on Tuesday after a debate that \
                         ran late into the evening, and work on the quay starts in the spring.";

    #[test]
    fn a_further_reading_list_at_the_end_goes_with_its_heading() {
        let story = STORY;
        let mut body = owned(&[
            story,
            story,
            story,
            "Das könnte Sie auch interessieren:",
            "Hafen bekommt neuen Kai",
            "Stadtrat streitet über Kosten",
        ]);
        let removed = cut_labels(&mut body);
        assert_eq!(body, owned(&[story, story, story]));
        assert_eq!(removed.len(), 3);
        assert!(removed
            .iter()
            .all(|r| r.reason == crate::text::patterns::FURTHER_READING));
        // A "read also" box inside the story, the story going on after it: the story stays
        // whole, only the box's label goes.
        let long = format!("{story} {story}");
        let mut boxed = owned(&[
            story,
            story,
            "Leggi anche",
            "I Cavalieri dello Zodiaco diventeranno un film",
            &long,
        ]);
        let removed = cut_labels(&mut boxed);
        let reasons: Vec<&str> = removed.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(reasons, [crate::text::patterns::LIST_LABEL]);
        assert_eq!(
            boxed,
            owned(&[
                story,
                story,
                "I Cavalieri dello Zodiaco diventeranno un film",
                &long
            ])
        );
        // Nor is a section heading that opens most of the body.
        let line = "A short line of the story in eight words.";
        let mut section = owned(&[story, "More on the harbour", line, line, line, line]);
        let before = section.clone();
        cut_labels(&mut section);
        assert_eq!(section, before);
    }

    #[test]
    fn list_labels_go_anywhere_and_topical_headings_only_near_the_end() {
        let story = STORY;
        let mut body = owned(&[
            story,
            "Vous aimerez aussi",
            story,
            "Tags",
            story,
            "Mehr zum Thema:",
            story,
            "More on the harbour",
            story,
            story,
            story,
            story,
            story,
            story,
        ]);
        let removed = cut_labels(&mut body);
        let mut texts: Vec<&str> = removed.iter().map(|r| r.text.as_str()).collect();
        texts.sort_unstable();
        assert_eq!(texts, ["Mehr zum Thema:", "Tags", "Vous aimerez aussi"]);
        assert!(body.contains(&"More on the harbour".to_string()));
        assert_eq!(body.len(), 11);
    }

    #[test]
    fn the_same_phrases_inside_the_story_stay() {
        let mut body = owned(&[
            "The mayor, who filed under a new name, said reporting by the press was fair.",
            "Reporting by local papers shaped the debate for months before the vote.",
            "The vote is on Friday.",
        ]);
        let before = body.clone();
        assert!(cut_labels(&mut body).is_empty());
        assert_eq!(body, before);
        // A body that is only a label keeps it.
        let mut only = owned(&["Reporting by Jane Roe"]);
        assert!(cut_labels(&mut only).is_empty());
    }
}
