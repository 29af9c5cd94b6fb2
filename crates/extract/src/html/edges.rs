//! Labels that extractors leave in a chosen body because they sit inside the article's
//! container, told apart by what they say rather than by markup: a byline, date line or
//! reading-time label above the text ("By Jane Roe | March 3, 2019", "23.10.2018",
//! "Tempo de leitura: 1 minuto", "5 min read"), a labelled link to another story or a
//! picture's credit line between paragraphs ("Related: ...", "Foto: Jane Roe"), and
//! after the last sentence the story's credits ("Reporting by ...", "... contributed to
//! this report."), its filing line ("Filed under: ...") and the promos under it ("Sign
//! up for our newsletter", "Follow us on Instagram"). The phrases are the text
//! cleaner's documented patterns and byline reader (`text::patterns`, `text::byline`),
//! so both routes drop the same things; here each is only looked for where it occurs:
//! at the top, between paragraphs, at the end.

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
    let mut index = 0;
    while index < body.len() {
        if body.len() > 1 && is_story_link(&body[index]) {
            removed.push(take(body, index, "inline story link"));
        } else if body.len() > 1 && patterns::is_image_credit(&body[index]) {
            removed.push(take(body, index, patterns::IMAGE_CREDIT));
        } else {
            index += 1;
        }
    }
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

fn is_story_link(paragraph: &str) -> bool {
    patterns::is_inline_story_link(paragraph, paragraph.split_whitespace().count())
}

fn take(body: &mut Vec<String>, index: usize, reason: &str) -> Removed {
    Removed {
        text: body.remove(index),
        reason: reason.to_string(),
    }
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
