//! Test support shared by the streaming, split and bad-input tests: synthetic articles,
//! dated ones with words drawn from disjoint topic vocabularies.
// Each test binary uses its own part of this module.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use storyline_model::{Article, ArticleId, DateSource, Format, PartialDate, Published};

pub fn article(id: &str, title: &str, body: &[String], day: NaiveDate) -> Article {
    let published = Published::stated(
        day.to_string().parse::<PartialDate>().unwrap(),
        DateSource::RecordField,
    );
    // First seen on the day of publication, so the date is trusted for timing.
    text_article(
        id,
        title,
        body,
        published,
        day.and_time(NaiveTime::MIN).and_utc(),
    )
}

/// A plain-text article of example.com with the given publication date and first sighting.
pub fn text_article(
    id: &str,
    title: &str,
    body: &[String],
    published: Published,
    first_seen: DateTime<Utc>,
) -> Article {
    Article {
        id: ArticleId(id.to_string()),
        source: format!("{id}.txt"),
        title: title.to_string(),
        authors: vec![],
        site: Some("example.com".into()),
        url: None,
        lang: None,
        body: body.to_vec(),
        published,
        modified: None,
        mentioned_dates: vec![],
        format: Format::Text,
        first_seen,
        raw_hash: String::new(),
    }
}

/// A deterministic text of `n` words drawn from topic `topic`'s own 40 words (no two
/// topics share a word), varied by `seed`.
pub fn topic_text(topic: usize, seed: u64, n: usize) -> String {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(topic as u64 + 1);
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            format!("topic{topic}word{}", (state >> 33) % 40)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(n)
}
