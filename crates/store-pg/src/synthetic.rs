//! Generated articles for the concurrency test and the ingest benchmark: deterministic
//! by index (the same index always gives the same bytes, id and fields, whichever
//! process makes it), with reposts and events, so the grouping is not trivially empty.
//!
//! - Articles come in topics of [`TOPIC_SIZE`] consecutive indices that share a
//!   distinctive vocabulary and a week of dates: event clustering has events to find.
//! - Every [`REPOST_EVERY`]th article reposts the previous one's text under another
//!   site and source (different raw bytes, so a different id): dedup has copies to find.

use chrono::{DateTime, Duration, Utc};
use storyline_model::{
    content_hash, Article, ArticleId, DateSource, Format, PartialDate, Provenance, Published,
};
use storyline_store::RawInput;

pub const TOPIC_SIZE: usize = 8;
pub const REPOST_EVERY: usize = 10;

const COMMON: &[&str] = &[
    "officials",
    "said",
    "on",
    "the",
    "city",
    "council",
    "report",
    "week",
    "new",
    "plan",
    "residents",
    "local",
    "government",
    "year",
    "after",
    "before",
    "statement",
    "public",
    "people",
    "market",
    "budget",
    "vote",
    "members",
    "group",
    "state",
    "agency",
    "issue",
];

/// A small deterministic generator (SplitMix64): no dependency, same sequence everywhere.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A pronounceable made-up word for topic `topic`, slot `slot`: unique per topic, so
/// articles of one topic share words no other topic uses.
fn topic_word(topic: usize, slot: usize) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ren", "to", "sa", "vu", "del", "qi", "zor",
    ];
    let mut n = topic * 7 + slot;
    let mut word = String::new();
    loop {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            break;
        }
    }
    word.push_str(["ia", "on", "ar", "ex", "um", "is", "or"][slot % 7]);
    word
}

fn base_time() -> DateTime<Utc> {
    "2025-01-01T00:00:00Z".parse().expect("a valid constant")
}

/// The text (title, paragraphs) of article `index`; reposts share their original's.
fn text_of(index: usize) -> (String, Vec<String>) {
    let topic = index / TOPIC_SIZE;
    let mut mix = Mix(index as u64);
    let names: Vec<String> = (0..7).map(|slot| topic_word(topic, slot)).collect();
    let title = format!(
        "{} {} {} in {}",
        capitalise(&names[0]),
        COMMON[mix.below(COMMON.len())],
        names[1],
        capitalise(&names[2])
    );
    let paragraphs = (0..3)
        .map(|_| {
            let words: Vec<&str> = (0..40)
                .map(|_| match mix.below(4) {
                    0 => names[mix.below(names.len())].as_str(),
                    _ => COMMON[mix.below(COMMON.len())],
                })
                .collect();
            format!("{}.", capitalise(&words.join(" ")))
        })
        .collect();
    (title, paragraphs)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Article `index` with its raw input.
pub fn article(index: usize) -> (Article, RawInput) {
    let is_repost = index % REPOST_EVERY == REPOST_EVERY - 1 && index > 0;
    let text_index = if is_repost { index - 1 } else { index };
    let (title, body) = text_of(text_index);
    let topic = text_index / TOPIC_SIZE;
    let site = if is_repost {
        format!("mirror{}.example", index % 3)
    } else {
        format!("site{}.example", index % 5)
    };
    let day = (base_time() + Duration::days((topic as i64 * 3) % 3650 + (text_index % 4) as i64))
        .date_naive();
    let date = PartialDate::from_naive(day);
    // The index is part of the bytes: a repost is different bytes with the same text.
    let html = format!(
        "<html><head><title>{title}</title><meta name=\"date\" content=\"{day}\"></head>\
         <body><!-- item {index} on {site} -->{}</body></html>",
        body.iter()
            .map(|p| format!("<p>{p}</p>"))
            .collect::<String>()
    );
    let bytes = html.into_bytes();
    let hash = content_hash(&bytes);
    let source = format!("https://{site}/news/{index}");
    let article = Article {
        id: ArticleId(hash.clone()),
        source: source.clone(),
        title,
        authors: vec![format!("Reporter {}", index % 17)],
        site: Some(site),
        url: Some(source.clone()),
        lang: Some("en".to_string()),
        body,
        published: Published::stated(date, DateSource::MetaTag),
        modified: None,
        mentioned_dates: Vec::new(),
        format: Format::Html,
        first_seen: base_time() + Duration::milliseconds(index as i64),
        raw_hash: hash.clone(),
    };
    let raw = RawInput {
        hash,
        format: Format::Html,
        source: source.clone(),
        bytes,
        provenance: Provenance {
            url: Some(source),
            ..Provenance::default()
        },
    };
    (article, raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_deterministic_and_distinct() {
        assert_eq!(article(42), article(42));
        let ids: std::collections::HashSet<_> = (0..500).map(|i| article(i).0.id).collect();
        assert_eq!(ids.len(), 500);
    }

    #[test]
    fn reposts_share_their_original_text_but_not_their_id() {
        let (original, _) = article(REPOST_EVERY - 2);
        let (repost, _) = article(REPOST_EVERY - 1);
        assert_eq!(original.body, repost.body);
        assert_ne!(original.id, repost.id);
        assert_ne!(original.site, repost.site);
    }

    #[test]
    fn topics_share_words_that_other_topics_do_not_use() {
        let words = |i: usize| -> std::collections::HashSet<String> {
            article(i)
                .0
                .text()
                .split_whitespace()
                .map(|w| w.trim_matches('.').to_lowercase())
                .filter(|w| !COMMON.contains(&w.as_str()))
                .collect()
        };
        let (a, b, other) = (words(0), words(1), words(TOPIC_SIZE * 3));
        assert!(a.intersection(&b).count() >= 3, "{a:?} {b:?}");
        assert_eq!(a.intersection(&other).count(), 0, "{a:?} {other:?}");
    }
}
