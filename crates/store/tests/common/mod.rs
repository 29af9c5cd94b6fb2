//! Articles for tests: deterministic, every field filled, distinct content per index.

#![allow(dead_code)] // each test binary uses a different part of this module

use chrono::{DateTime, Duration, Utc};
use storyline_model::{
    content_hash, Article, ArticleId, DateMention, DateSource, Format, PartialDate, Precision,
    Provenance, Published,
};
use storyline_store::RawInput;

pub fn base_time() -> DateTime<Utc> {
    "2024-03-01T12:00:00.123456789Z".parse().unwrap()
}

/// Article `index` with its raw input. Dates cycle through day, month and year
/// precision, every seventh article is undated, sites alternate between three.
pub fn sample(index: usize) -> (Article, RawInput) {
    let bytes = format!(
        "<html><head><title>Story {index}</title></head><body><p>The council met on day {index}.</p>\
         <p>{}</p></body></html>",
        "More words about the meeting. ".repeat(20 + index % 7)
    )
    .into_bytes();
    let hash = content_hash(&bytes);
    let day = PartialDate::day(2019, 1 + (index % 12) as u32, 1 + (index % 28) as u32).unwrap();
    let published = match index % 7 {
        0 => Published::unknown(),
        1 => Published::stated(day.truncate(Precision::Year), DateSource::Url),
        2 => Published::stated(day.truncate(Precision::Month), DateSource::MetaTag),
        3 => Published::inferred(day, 0.625),
        _ => Published::stated(day, DateSource::JsonLd)
            .with_timestamp(format!("{day}T08:11:00+01:00")),
    };
    let body = vec![
        format!("The council met on day {index}."),
        "It will meet again next year.".to_string(),
    ];
    let mention_text = "next year";
    let text = body.join("\n\n");
    let start = text.chars().count() - mention_text.len() - 1;
    let article = Article {
        id: ArticleId(hash.clone()),
        source: format!("/data/site{}/story-{index}.html", index % 3),
        title: format!("Story {index}: the \"council\" meets"),
        authors: if index.is_multiple_of(2) {
            vec!["Ann Example".into(), "Bo Ström".into()]
        } else {
            vec![]
        },
        site: Some(format!("site{}.example", index % 3)),
        url: (!index.is_multiple_of(4))
            .then(|| format!("https://site{}.example/{index}", index % 3)),
        lang: Some(if index.is_multiple_of(5) { "de" } else { "en" }.to_string()),
        body,
        published,
        modified: index
            .is_multiple_of(3)
            .then(|| PartialDate::month(2020, 2).unwrap()),
        mentioned_dates: vec![DateMention {
            text: mention_text.to_string(),
            start,
            end: start + mention_text.len(),
            date: PartialDate::year(2020).unwrap(),
            until: index
                .is_multiple_of(2)
                .then(|| PartialDate::year(2021).unwrap()),
            precision: Precision::Year,
            sentence: "It will meet again next year.".into(),
            anchored: true,
        }],
        format: Format::Html,
        first_seen: base_time() + Duration::milliseconds((index * 7919 % 1000) as i64),
        raw_hash: hash.clone(),
    };
    let raw = RawInput {
        hash,
        format: Format::Html,
        source: article.source.clone(),
        bytes,
        provenance: Provenance {
            url: article.url.clone(),
            fetched_at: Some(base_time()),
            feed_published: None,
            feed_title: (index % 2 == 1).then(|| format!("Feed title {index}")),
            feed_guid: None,
        },
    };
    (article, raw)
}

pub fn samples(range: std::ops::Range<usize>) -> Vec<(Article, RawInput)> {
    range.map(sample).collect()
}
