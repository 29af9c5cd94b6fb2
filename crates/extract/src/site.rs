//! Per-site boilerplate: paragraphs one site repeats across many of its articles.
//!
//! A single page cannot tell "Advertisement Continue reading the main story", a
//! newspaper's copyright line or its "We pay for your stories!" promo from the article:
//! they sit inside the article's own container, so both extractors keep them. Across
//! pages of the same site they give themselves away by repetition. [`SiteParagraphs`]
//! counts, for one site, in how many articles each short paragraph occurs; a paragraph
//! counts as the site's boilerplate once it is in at least [`MIN_ARTICLES`] articles and
//! in at least one in [`MIN_SHARE_INVERSE`] of the site's articles.
//!
//! Why the share as well as the count: a running story repeats its background sentence
//! ("The 46-year-old South African is also the CEO of Tesla...") in a handful of a big
//! site's articles, which is text, not boilerplate; a site's own furniture recurs across
//! its topics. Why only short paragraphs ([`MAX_WORDS`]): boilerplate lines and boxes
//! are short, and the counts stay small.
//!
//! Pure: the caller decides where the counts live (the app keeps them in the store) and
//! which articles are observed (each article once, when it is first stored).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Removed;

/// A paragraph must occur in at least this many of a site's articles to be boilerplate.
pub const MIN_ARTICLES: u32 = 3;

/// ... and in at least one in this many of the site's articles observed so far.
pub const MIN_SHARE_INVERSE: u32 = 10;

/// Paragraphs longer than this are never counted (nor removed).
pub const MAX_WORDS: usize = 60;

/// Removal never takes more than this share of an article's words: past it, the
/// "boilerplate" is the article itself, posted again (a repost, a corrected copy).
const MAX_REMOVED_SHARE: f64 = 0.5;

/// Counts kept per site before the once-seen ones are dropped (memory and store bound).
const MAX_KEYS: usize = 20_000;

/// What is remembered of one site's paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteParagraphs {
    /// Articles observed.
    pub articles: u32,
    /// Paragraph key ([`paragraph_key`]) -> number of observed articles holding it.
    pub counts: BTreeMap<u64, u32>,
}

/// The body after site boilerplate was taken out, and what was taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Stripped {
    pub body: Vec<String>,
    pub removed: Vec<Removed>,
}

impl SiteParagraphs {
    /// Count one article's paragraphs (each distinct paragraph once).
    pub fn observe(&mut self, body: &[String]) {
        self.articles = self.articles.saturating_add(1);
        let mut keys: Vec<u64> = body.iter().filter_map(|p| paragraph_key(p)).collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            let count = self.counts.entry(key).or_insert(0);
            *count = count.saturating_add(1);
        }
        self.bound();
    }

    /// Add another tally of the same site (observations made elsewhere, e.g. by another
    /// worker since these counts were read).
    pub fn merge(&mut self, other: &SiteParagraphs) {
        self.articles = self.articles.saturating_add(other.articles);
        for (key, added) in &other.counts {
            let count = self.counts.entry(*key).or_insert(0);
            *count = count.saturating_add(*added);
        }
        self.bound();
    }

    fn bound(&mut self) {
        if self.counts.len() > MAX_KEYS {
            // Boilerplate recurs, so it is past one long before this; what goes is the
            // long tail of paragraphs seen once.
            self.counts.retain(|_, count| *count > 1);
        }
    }

    /// Whether this paragraph is the site's boilerplate.
    pub fn is_boilerplate(&self, paragraph: &str) -> bool {
        self.boilerplate_count(paragraph).is_some()
    }

    /// In how many of the site's articles the paragraph was seen, when that makes it
    /// boilerplate.
    fn boilerplate_count(&self, paragraph: &str) -> Option<u32> {
        let count = *self.counts.get(&paragraph_key(paragraph)?)?;
        let common = u64::from(count) * u64::from(MIN_SHARE_INVERSE) >= u64::from(self.articles);
        (count >= MIN_ARTICLES && common).then_some(count)
    }

    /// The body without the site's boilerplate, or `None` when nothing would go (or when
    /// so much would go that the article itself looks repeated: it is then kept whole).
    pub fn strip(&self, body: &[String]) -> Option<Stripped> {
        // Each paragraph's count when it is boilerplate (hashed once per paragraph).
        let counts: Vec<Option<u32>> = body.iter().map(|p| self.boilerplate_count(p)).collect();
        if counts.iter().all(Option::is_none) {
            return None;
        }
        let words = |p: &String| p.split_whitespace().count();
        let total: usize = body.iter().map(words).sum();
        let removed_words: usize = body
            .iter()
            .zip(&counts)
            .filter(|(_, count)| count.is_some())
            .map(|(p, _)| words(p))
            .sum();
        if counts.iter().all(Option::is_some)
            || removed_words as f64 > MAX_REMOVED_SHARE * total as f64
        {
            return None;
        }
        let mut kept = Vec::with_capacity(body.len());
        let mut removed = Vec::new();
        for (paragraph, count) in body.iter().zip(counts) {
            match count {
                Some(count) => removed.push(Removed {
                    text: paragraph.clone(),
                    reason: format!(
                        "site boilerplate: repeated in {count} of the site's {} articles",
                        self.articles
                    ),
                }),
                None => kept.push(paragraph.clone()),
            }
        }
        Some(Stripped {
            body: kept,
            removed,
        })
    }
}

/// A stable key for a paragraph (the counts outlive the process): whitespace collapsed,
/// lower case, ASCII digits read as `0`, so "Copyright 2017 The Associated Press" and
/// its 2018 version are one line. `None` for empty and long paragraphs.
pub fn paragraph_key(paragraph: &str) -> Option<u64> {
    let mut normal = String::with_capacity(paragraph.len());
    let mut words = 0;
    for word in paragraph.split_whitespace() {
        words += 1;
        if words > MAX_WORDS {
            return None;
        }
        if !normal.is_empty() {
            normal.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            normal.push(if c.is_ascii_digit() { '0' } else { c });
        }
    }
    if normal.is_empty() {
        return None;
    }
    let hash = blake3::hash(normal.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    Some(u64::from_le_bytes(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(paragraphs: &[&str]) -> Vec<String> {
        paragraphs.iter().map(|p| p.to_string()).collect()
    }

    /// A paragraph of its own for each `n` (digits alone would not do: keys read them as 0).
    fn story(n: usize) -> String {
        let topic = [
            "harbour", "election", "flood", "merger", "verdict", "strike", "summit",
        ];
        let place = ["Lisbon", "Oslo", "Quito", "Perth", "Accra", "Hanoi"];
        format!(
            "The {} in {} was told in some detail, with quotes and figures.",
            topic[n % topic.len()],
            place[n / topic.len() % place.len()]
        )
    }

    #[test]
    fn a_line_repeated_across_a_sites_articles_is_removed_with_its_reason() {
        let mut site = SiteParagraphs::default();
        for n in 0..5 {
            site.observe(&body(&[
                &story(n),
                "Advertisement",
                "Copyright 2017 The Times.",
            ]));
        }
        let page = body(&[
            &story(9),
            "Advertisement",
            "More of story nine.",
            "Copyright 2019 The Times.",
        ]);
        let stripped = site.strip(&page).expect("boilerplate found");
        assert_eq!(stripped.body, body(&[&story(9), "More of story nine."]));
        assert_eq!(stripped.removed.len(), 2);
        assert!(stripped.removed[0]
            .reason
            .contains("5 of the site's 5 articles"));
    }

    #[test]
    fn twice_is_not_enough_and_a_rare_repeat_on_a_big_site_is_text() {
        let mut site = SiteParagraphs::default();
        for n in 0..2 {
            site.observe(&body(&[&story(n), "Advertisement"]));
        }
        assert!(!site.is_boilerplate("Advertisement"));
        site.observe(&body(&[&story(2), "Advertisement"]));
        assert!(site.is_boilerplate("Advertisement"));
        // A background sentence in 3 of 40 articles: under one in ten.
        let mut big = SiteParagraphs::default();
        for n in 0..40 {
            let background = if n < 3 {
                "The CEO, 46, also runs a rocket company."
            } else {
                ""
            };
            big.observe(&body(&[&story(n), background]));
        }
        assert!(!big.is_boilerplate("The CEO, 46, also runs a rocket company."));
    }

    #[test]
    fn merged_tallies_count_as_one_site() {
        // Two workers each saw two of the site's articles: neither alone reaches three.
        let (mut first, mut second) = (SiteParagraphs::default(), SiteParagraphs::default());
        for n in 0..2 {
            first.observe(&body(&[&story(n), "Advertisement"]));
            second.observe(&body(&[&story(n + 2), "Advertisement"]));
        }
        assert!(!first.is_boilerplate("Advertisement"));
        first.merge(&second);
        assert_eq!(first.articles, 4);
        assert!(first.is_boilerplate("Advertisement"));
        let mut one_worker = SiteParagraphs::default();
        for n in 0..4 {
            one_worker.observe(&body(&[&story(n), "Advertisement"]));
        }
        assert_eq!(first, one_worker);
    }

    #[test]
    fn a_reposted_article_is_kept_whole() {
        let mut site = SiteParagraphs::default();
        let article = body(&[
            "First paragraph of it.",
            "Second paragraph of it.",
            "Advertisement",
        ]);
        for _ in 0..4 {
            site.observe(&article);
        }
        assert_eq!(site.strip(&article), None);
        // Long paragraphs are never counted.
        let long = "word ".repeat(MAX_WORDS + 1);
        assert_eq!(paragraph_key(&long), None);
    }

    #[test]
    fn keys_ignore_case_spacing_and_digits_and_survive_a_round_trip() {
        assert_eq!(
            paragraph_key("Copyright 2017  AP"),
            paragraph_key("copyright 2018 ap")
        );
        assert_ne!(paragraph_key("Read more"), paragraph_key("Read less"));
        let mut site = SiteParagraphs::default();
        site.observe(&body(&["Read more", "x y z"]));
        let json = serde_json::to_string(&site).expect("serialise");
        assert_eq!(
            serde_json::from_str::<SiteParagraphs>(&json).expect("parse"),
            site
        );
    }
}
