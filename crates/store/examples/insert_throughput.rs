//! Measures how fast the store takes in and lists articles.
//!
//! `cargo run -p storyline-store --release --example insert_throughput -- [ARTICLES] [BATCH] [DIR]`
//!
//! Synthetic articles (about 6 KB of HTML each, a dated article in six of seven) go
//! into a fresh store in DIR (default: a temporary directory) in batches; then a first
//! page, a deep page and a full scan are timed.

use std::time::Instant;

use chrono::{Duration, Utc};
use storyline_model::{
    content_hash, Article, ArticleId, DateSource, Format, PartialDate, Provenance, Published,
};
use storyline_store::{ArticleQuery, RawInput, Store};

const WORDS: &[&str] = &[
    "council", "river", "flood", "minister", "vote", "market", "storm", "budget", "school",
    "court", "strike", "harbour", "election", "bridge", "police", "hospital", "festival",
];

fn article(index: usize) -> (Article, RawInput) {
    let mut state = index as u64 * 6364136223846793005 + 1442695040888963407;
    let mut word = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        WORDS[(state >> 33) as usize % WORDS.len()]
    };
    let body: Vec<String> = (0..8)
        .map(|_| (0..60).map(|_| word()).collect::<Vec<_>>().join(" "))
        .collect();
    let html = format!(
        "<html><head><title>Story {index}</title><meta name=\"date\" content=\"2019-05-01\"></head>\
         <body><nav>Home | World | Sport</nav>{}<footer>(c) Example</footer></body></html>",
        body.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
    );
    let bytes = html.into_bytes();
    let hash = content_hash(&bytes);
    let date = PartialDate::day(
        2015 + (index % 8) as i32,
        1 + (index % 12) as u32,
        1 + (index % 28) as u32,
    )
    .unwrap();
    let article = Article {
        id: ArticleId(hash.clone()),
        source: format!("crawl/{index}.html"),
        title: format!("Story {index}"),
        authors: vec!["A. Reporter".into()],
        site: Some(format!("site{}.example", index % 50)),
        url: Some(format!("https://site{}.example/{index}", index % 50)),
        lang: Some("en".into()),
        body,
        published: if index.is_multiple_of(7) {
            Published::unknown()
        } else {
            Published::stated(date, DateSource::MetaTag)
        },
        modified: None,
        mentioned_dates: vec![],
        format: Format::Html,
        first_seen: Utc::now() + Duration::microseconds(index as i64),
        raw_hash: hash.clone(),
    };
    let raw = RawInput {
        hash,
        format: Format::Html,
        source: article.source.clone(),
        bytes,
        provenance: Provenance::default(),
    };
    (article, raw)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let total: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100_000);
    let batch_size: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(1_000);
    let temp = tempfile::tempdir()?;
    let dir = args
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    let mut store = Store::open(&dir)?;

    let mut generating = std::time::Duration::ZERO;
    let mut inserting = std::time::Duration::ZERO;
    let mut start = 0;
    while start < total {
        let end = (start + batch_size).min(total);
        let began = Instant::now();
        let batch: Vec<_> = (start..end).map(article).collect();
        generating += began.elapsed();
        let began = Instant::now();
        store.insert_articles(&batch)?;
        inserting += began.elapsed();
        start = end;
    }
    let (stored, original) = store.raw_sizes()?;
    println!(
        "inserted {total} articles in batches of {batch_size}: {:.2} s, {:.0} articles/s \
         (generating them took {:.2} s more)",
        inserting.as_secs_f64(),
        total as f64 / inserting.as_secs_f64(),
        generating.as_secs_f64()
    );
    println!(
        "raw bytes: {original} stored as {stored} ({:.0}%)",
        100.0 * stored as f64 / original.max(1) as f64
    );

    let timed = |label: &str, query: ArticleQuery| -> Result<(), Box<dyn std::error::Error>> {
        let began = Instant::now();
        let rows = store.articles(&query)?;
        println!(
            "{label}: {} rows in {:.1} ms",
            rows.len(),
            began.elapsed().as_secs_f64() * 1e3
        );
        Ok(())
    };
    timed(
        "first page of 50",
        ArticleQuery {
            limit: Some(50),
            ..Default::default()
        },
    )?;
    timed(
        "page of 50 at offset total/2",
        ArticleQuery {
            offset: total / 2,
            limit: Some(50),
            ..Default::default()
        },
    )?;
    timed(
        "one site, 2019, first 50",
        ArticleQuery {
            site: Some("site8.example".into()),
            from: Some("2019".parse()?),
            to: Some("2019".parse()?),
            limit: Some(50),
            ..Default::default()
        },
    )?;
    let began = Instant::now();
    let mut words = 0;
    let seen = store.for_each_article(|a| words += a.word_count())?;
    println!(
        "streamed {seen} articles ({words} words) in {:.2} s",
        began.elapsed().as_secs_f64()
    );
    let db = std::fs::metadata(dir.join(storyline_store::DB_FILE_NAME))?.len();
    println!("database file: {:.1} MB", db as f64 / 1e6);
    Ok(())
}
