//! Choosing between candidate bodies. Trafilatura is the primary extractor; the second
//! candidate wins in two cases: trafilatura found (almost) nothing, or both extractors
//! agree on a core text and trafilatura adds a large block the other left out (extra text
//! only one extractor keeps is more often related links, sign-up boxes or comments than
//! article), unless the block trafilatura adds opens the body: readability's top-candidate
//! search often starts below an article's first section. The reverse holds too: when
//! trafilatura's body starts a paragraph or two into the article (it drops a standfirst or
//! lead paragraph sitting outside its main container), readability's opening is put back.

use std::collections::HashSet;

use super::link_tail::{self, PageLinks};
use super::Candidate;

/// Below this many words a body is treated as "found nothing".
const MIN_BODY_WORDS: usize = 25;

/// Below `MIN_BODY_WORDS`, the second reading replaces the first only when it is this many
/// times as long.
const SHORT_PRIMARY_FACTOR: f64 = 2.0;

/// Share of the shorter body's word trigrams that must occur in the longer one for the two
/// to count as the same article.
const MIN_CONTAINMENT: f64 = 0.95;

/// The shorter body must keep at least this share of the longer one's words: a much
/// shorter one is more likely a fragment (a teaser, one section) than a cleaner cut.
const MIN_LENGTH_RATIO: f64 = 0.4;

/// And lose at least this share, so near-equal bodies keep the primary extractor's reading.
const MAX_LENGTH_RATIO: f64 = 0.85;

/// Up to this ratio a nearly equal secondary still wins when all it leaves out comes after
/// (or before) the text both keep: a trailing box (related links, imprint, a newsletter
/// sign-up) that trafilatura kept, not a cut inside the article.
const MAX_TAIL_ONLY_RATIO: f64 = 0.95;

/// The most words the primary may have before the shared text and still give way: a
/// kicker, headline, byline or breadcrumb fits in this, an article's opening section does not.
const MAX_DROPPED_OPENING_WORDS: usize = 50;

/// A missed opening is at most this many paragraphs (a standfirst, a lead); more is a
/// different reading of the page (a teaser list, a sidebar), not a missed start.
const MAX_OPENING_PARAGRAPHS: usize = 2;

/// And at least this many words, in paragraphs of at least `MIN_OPENING_PARAGRAPH_WORDS`
/// on average: prose, not a byline, date line or label.
const MIN_OPENING_WORDS: usize = 20;
const MIN_OPENING_PARAGRAPH_WORDS: usize = 8;

/// A paragraph must have this many words to anchor the two readings to each other.
const MIN_ANCHOR_WORDS: usize = 5;

/// The shared paragraph must be among the primary's first this many: otherwise the primary
/// has an opening of its own.
const MAX_ANCHOR_POSITION: usize = 3;

/// The body to keep from a page's candidate readings, trafilatura's first; `links` are the
/// page's links, which tell a box of links from the opening of an article.
pub fn choose(candidates: Vec<Candidate>, links: &PageLinks) -> Option<Candidate> {
    let mut candidates = candidates.into_iter();
    let primary = candidates.next()?;
    let Some(secondary) = candidates.next() else {
        return Some(primary);
    };
    let primary_words = word_count(&primary);
    let secondary_words = word_count(&secondary);
    if primary_words < MIN_BODY_WORDS {
        // A short page is short in both readings; only a clearly longer one (trafilatura's
        // own fallback test: twice the length) shows the primary missed the article.
        return Some(
            if secondary_words as f64 > SHORT_PRIMARY_FACTOR * primary_words as f64 {
                secondary
            } else {
                primary
            },
        );
    }
    let ratio = secondary_words as f64 / primary_words as f64;
    let cleaner_cut = (MIN_LENGTH_RATIO..MAX_LENGTH_RATIO).contains(&ratio)
        || ((MAX_LENGTH_RATIO..MAX_TAIL_ONLY_RATIO).contains(&ratio)
            && drops_nothing_inside(&primary, &secondary));
    if cleaner_cut
        && containment(&secondary, &primary) >= MIN_CONTAINMENT
        && dropped_opening_words(&primary, &secondary) <= MAX_DROPPED_OPENING_WORDS
    {
        return Some(secondary);
    }
    Some(with_missed_opening(primary, &secondary, links))
}

/// The primary with the secondary's opening paragraphs put in front, when the secondary
/// starts earlier in the same article: its paragraphs up to the first one both keep, minus
/// captions and text the primary has anyway, are one or two paragraphs of prose, and that
/// shared paragraph opens the primary (within its first `MAX_ANCHOR_POSITION`).
fn with_missed_opening(
    mut primary: Candidate,
    secondary: &Candidate,
    links: &PageLinks,
) -> Candidate {
    let primary_text = primary.paragraphs.join(" ");
    let Some(anchor) = secondary.paragraphs.iter().position(|p| {
        p.split_whitespace().count() >= MIN_ANCHOR_WORDS && primary_text.contains(p.as_str())
    }) else {
        return primary;
    };
    let anchored_early = primary
        .paragraphs
        .iter()
        .take(MAX_ANCHOR_POSITION)
        .any(|p| *p == secondary.paragraphs[anchor]);
    let mut opening: Vec<&String> = secondary.paragraphs[..anchor]
        .iter()
        .filter(|p| !primary_text.contains(p.as_str()) && !secondary.captions.contains(p))
        .collect();
    // A box of links set between the opening and the text both keep ("More:" and three
    // headlines) is not part of the opening.
    while opening
        .last()
        .is_some_and(|p| links.is_list_item(p) || link_tail::is_heading(p))
    {
        opening.pop();
    }
    let words: usize = opening.iter().map(|p| p.split_whitespace().count()).sum();
    if !anchored_early
        || opening.is_empty()
        || opening.len() > MAX_OPENING_PARAGRAPHS
        || words < MIN_OPENING_WORDS
        || words < MIN_OPENING_PARAGRAPH_WORDS * opening.len()
    {
        return primary;
    }
    let rest = std::mem::take(&mut primary.paragraphs);
    primary.paragraphs = opening.into_iter().cloned().chain(rest).collect();
    primary
}

/// Words in the primary's leading paragraphs that the secondary does not have, up to the
/// first paragraph both keep.
fn dropped_opening_words(primary: &Candidate, secondary: &Candidate) -> usize {
    let kept = secondary.paragraphs.join(" ");
    primary
        .paragraphs
        .iter()
        .take_while(|p| !kept.contains(p.as_str()))
        .map(|p| p.split_whitespace().count())
        .sum()
}

/// Whether every primary paragraph between the first and the last one the secondary keeps
/// is kept by the secondary too.
fn drops_nothing_inside(primary: &Candidate, secondary: &Candidate) -> bool {
    let kept_text = secondary.paragraphs.join(" ");
    let kept: Vec<bool> = primary
        .paragraphs
        .iter()
        .map(|p| kept_text.contains(p.as_str()))
        .collect();
    match (kept.iter().position(|k| *k), kept.iter().rposition(|k| *k)) {
        (Some(first), Some(last)) => kept[first..=last].iter().all(|k| *k),
        _ => false,
    }
}

fn word_count(candidate: &Candidate) -> usize {
    candidate
        .paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum()
}

fn trigrams(candidate: &Candidate) -> HashSet<[&str; 3]> {
    let words: Vec<&str> = candidate
        .paragraphs
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect();
    words.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

/// Share of `part`'s word trigrams that also occur in `whole`.
fn containment(part: &Candidate, whole: &Candidate) -> f64 {
    let part = trigrams(part);
    if part.is_empty() {
        return 0.0;
    }
    let whole = trigrams(whole);
    part.iter().filter(|t| whole.contains(*t)).count() as f64 / part.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(extractor: &'static str, text: &str) -> Candidate {
        Candidate {
            extractor,
            paragraphs: text.split('\n').map(str::to_string).collect(),
            title: String::new(),
            captions: Vec::new(),
        }
    }

    fn article(words: usize) -> String {
        (0..words)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn primary_is_kept_unless_it_adds_a_large_unshared_block() {
        let core = article(100);
        let padded = format!("{core}\n{}", article(60).replace('w', "x"));
        let chosen = choose(
            vec![candidate("a", &padded), candidate("b", &core)],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.extractor, "b");
        let other = article(70).replace('w', "y");
        let chosen = choose(
            vec![candidate("a", &padded), candidate("b", &other)],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.extractor, "a", "unrelated texts keep the primary");
    }

    #[test]
    fn a_long_opening_only_the_primary_has_keeps_the_primary() {
        let core = article(100);
        let tail = article(60).replace('w', "x");
        // 30 words before the shared text (a kicker and a byline): the cleaner cut wins.
        let short_opening = format!("{}\n{core}\n{tail}", article(30).replace('w', "k"));
        let chosen = choose(
            vec![candidate("a", &short_opening), candidate("b", &core)],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.extractor, "b");
        // 60 words before it: an opening section the secondary missed.
        let long_opening = format!("{}\n{core}\n{tail}", article(60).replace('w', "o"));
        let chosen = choose(
            vec![candidate("a", &long_opening), candidate("b", &core)],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.extractor, "a");
    }

    #[test]
    fn an_opening_paragraph_only_the_secondary_has_is_put_back() {
        let lead = "The council voted on Tuesday to close the old bridge to cars for good after engineers found deep cracks in two of its piers.";
        let body = format!("{}\n{}", article(80), article(40).replace('w', "v"));
        let secondary = candidate("b", &format!("{lead}\n{}", article(80)));
        let chosen = choose(
            vec![candidate("a", &body), secondary.clone()],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.extractor, "a");
        assert_eq!(chosen.paragraphs[0], lead);
        assert_eq!(chosen.paragraphs[1..].join("\n"), body);
        // A caption is no opening; nor is a short label.
        let mut captioned = secondary.clone();
        captioned.captions = vec![lead.to_string()];
        let chosen = choose(
            vec![candidate("a", &body), captioned],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.paragraphs.join("\n"), body);
        let label = candidate("b", &format!("Politics\n{body}"));
        let chosen = choose(vec![candidate("a", &body), label], &PageLinks::default()).unwrap();
        assert_eq!(chosen.paragraphs.join("\n"), body);
    }

    #[test]
    fn a_link_box_between_the_missed_opening_and_the_text_stays_out() {
        let lead = "The council voted on Tuesday to close the old bridge to cars for good after engineers found deep cracks in two of its piers.";
        let body = format!("{}\n{}", article(80), article(40).replace('w', "v"));
        let boxed = format!(
            "{lead}\nMore:\nHarbour plan faces new costs as the council weighs more delays\nFerry returns to the island after ten years without a service\n{}",
            article(80)
        );
        let page = r#"<ul><li><a href="/a">Harbour plan faces new costs as the council weighs more delays</a></li>
            <li><a href="/b">Ferry returns to the island after ten years without a service</a></li></ul>"#;
        let links = PageLinks::of(page);
        let secondary = candidate("b", &boxed);
        let chosen = choose(vec![candidate("a", &body), secondary.clone()], &links).unwrap();
        assert_eq!(chosen.paragraphs[0], lead);
        assert_eq!(chosen.paragraphs[1..].join("\n"), body);
        // Without the page's links the box is four paragraphs of opening: too many to be a
        // missed lead, so nothing is put back.
        let chosen = choose(
            vec![candidate("a", &body), secondary],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.paragraphs.join("\n"), body);
    }

    #[test]
    fn a_nearly_equal_secondary_wins_only_when_it_leaves_out_a_trailing_block() {
        let core = format!("{}\n{}", article(60), article(40).replace('w', "u"));
        let tail = article(10).replace('w', "t");
        // 100 of 110 words: too close for the cleaner-cut rule alone.
        let trailing = format!("{core}\n{tail}");
        let chosen = choose(
            vec![candidate("a", &trailing), candidate("b", &core)],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.extractor, "b");
        // The same ten words inside the article: the primary keeps its reading.
        let inside = format!("{}\n{tail}\n{}", article(60), article(40).replace('w', "u"));
        let chosen = choose(
            vec![candidate("a", &inside), candidate("b", &core)],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.extractor, "a");
    }

    #[test]
    fn an_empty_primary_falls_back() {
        let chosen = choose(
            vec![candidate("a", ""), candidate("b", &article(50))],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.extractor, "b");
    }

    #[test]
    fn a_short_primary_is_kept_against_a_slightly_longer_reading() {
        let short = article(20);
        let other = article(30).replace('w', "z");
        let chosen = choose(
            vec![candidate("a", &short), candidate("b", &other)],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.extractor, "a", "30 words is not twice 20");
        let long = article(45).replace('w', "z");
        let chosen = choose(
            vec![candidate("a", &short), candidate("b", &long)],
            &PageLinks::default(),
        )
        .unwrap();
        assert_eq!(chosen.extractor, "b");
    }
}
