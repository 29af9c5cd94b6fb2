//! Index build rate and in-process query latency over a JSON Lines file of news records
//! (`scripts/gen-search-corpus` writes 100,000 of them).
//!
//! cargo run --release -p storyline-search --example search_bench -- /tmp/storyline-search-100k.jsonl [RUNS]
//!
//! Builds a fresh index in a temporary directory, committing every 5,000 documents as
//! the app's rebuild does, then runs a fixed mix of queries (words, phrases, booleans,
//! filters; every query also counts facets and makes snippets for its 20 hits) RUNS
//! times each (default 30) after one warm-up, and prints the build rate and the latency
//! percentiles. Latency over HTTP from another process is the server's benchmark.

use std::io::BufRead;
use std::time::Instant;

use chrono::Utc;
use storyline_model::{Article, ArticleId, DateSource, Format, PartialDate, Published};
use storyline_search::{IndexDoc, SearchIndex, SearchQuery};

const CHUNK: usize = 5000;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: search_bench FILE.jsonl [RUNS]");
    let runs: usize = args
        .next()
        .map_or(30, |r| r.parse().expect("RUNS is a number"));
    let articles = read(&path);
    let dir = tempfile::tempdir().expect("a temporary directory");

    let started = Instant::now();
    let mut index = SearchIndex::open(dir.path()).expect("a new index");
    for chunk in articles.chunks(CHUNK) {
        let docs: Vec<IndexDoc> = chunk
            .iter()
            .map(|article| IndexDoc {
                article,
                event: None,
                storyline: None,
            })
            .collect();
        index.add(&docs).expect("indexing");
    }
    let secs = started.elapsed().as_secs_f64();
    let size: u64 = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    println!(
        "indexed {} articles in {secs:.2} s: {:.0} docs/s; index {:.0} MB",
        index.doc_count(),
        articles.len() as f64 / secs,
        size as f64 / 1e6
    );

    let queries = queries();
    let mut all = Vec::new();
    for (label, query) in &queries {
        let results = index.search(query).expect("the query runs");
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            std::hint::black_box(index.search(query).expect("the query runs"));
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{label:<40} {:>7} matches  median {:>6.2} ms",
            results.total,
            times[times.len() / 2]
        );
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    let pct = |p: f64| all[((all.len() - 1) as f64 * p).round() as usize];
    println!(
        "all {} queries x {runs} runs: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        queries.len(),
        pct(0.5),
        pct(0.95),
        pct(1.0)
    );
}

fn queries() -> Vec<(&'static str, SearchQuery)> {
    let text = |t: &str| SearchQuery {
        text: t.to_string(),
        ..SearchQuery::default()
    };
    let date = |d: &str| Some(d.parse::<PartialDate>().unwrap());
    vec![
        ("oil", text("oil")),
        ("oil prices", text("oil prices")),
        ("\"interest rates\"", text("\"interest rates\"")),
        ("bank -loan", text("bank -loan")),
        ("election OR minister", text("election OR minister")),
        ("trade deficit japan", text("trade deficit japan")),
        (
            "film award (site bbc.co.uk)",
            SearchQuery {
                site: Some("bbc.co.uk".into()),
                ..text("film award")
            },
        ),
        (
            "shares (1990-1992)",
            SearchQuery {
                from: date("1990"),
                to: date("1992"),
                ..text("shares")
            },
        ),
        (
            "wheat (lang en, from 1995)",
            SearchQuery {
                lang: Some("en".into()),
                from: date("1995"),
                ..text("wheat")
            },
        ),
        ("(no words, newest first)", text("")),
        (
            "company (page 5)",
            SearchQuery {
                offset: 80,
                ..text("company")
            },
        ),
    ]
}

fn read(path: &str) -> Vec<Article> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let now = Utc::now();
    let mut articles = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
        let record: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
        let field = |name: &str| record[name].as_str().unwrap_or_default().to_string();
        let date = field("date_publish")
            .get(..10)
            .and_then(|d| d.parse::<PartialDate>().ok());
        let id = storyline_model::content_hash(line.as_bytes());
        articles.push(Article {
            id: ArticleId(id.clone()),
            source: format!("{path}:{}", n + 1),
            title: field("title"),
            authors: Vec::new(),
            site: Some(field("source_domain")),
            url: None,
            lang: Some(field("language")),
            body: field("maintext")
                .split("\n\n")
                .map(str::to_string)
                .collect(),
            published: date.map_or_else(Published::unknown, |d| {
                Published::stated(d, DateSource::RecordField)
            }),
            modified: None,
            mentioned_dates: Vec::new(),
            format: Format::Record,
            first_seen: now,
            raw_hash: id,
        });
    }
    articles
}
