//! Test support shared by the streaming and split tests: dated synthetic articles whose
//! words are drawn from disjoint topic vocabularies.

use chrono::{Duration, NaiveDate, NaiveTime};
use storyline_model::{Article, ArticleId, DateSource, Format, PartialDate, Published};

pub fn article(id: &str, title: &str, body: &[String], day: NaiveDate) -> Article {
    Article {
        id: ArticleId(id.to_string()),
        source: format!("{id}.txt"),
        title: title.to_string(),
        authors: vec![],
        site: Some("example.com".into()),
        url: None,
        lang: None,
        body: body.to_vec(),
        published: Published::stated(
            day.to_string().parse::<PartialDate>().unwrap(),
            DateSource::RecordField,
        ),
        modified: None,
        mentioned_dates: vec![],
        format: Format::Text,
        // First seen on the day of publication, so the date is trusted for timing.
        first_seen: day.and_time(NaiveTime::MIN).and_utc(),
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
