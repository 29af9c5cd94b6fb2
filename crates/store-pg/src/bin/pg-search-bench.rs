//! Search latency on PostgreSQL beside the tantivy index, over the same generated
//! articles (`synthetic`, indices `0..count`) and the same fixed query list: in-process
//! query time (query, ranking, facets, snippets of one page of 20 hits), each query run
//! `rounds` times on each backend, interleaved, after one unmeasured warm-up round.
//!
//! The PostgreSQL store must already hold the articles (`scripts/bench-pg-search` loads
//! them with `pg-ingest-worker`); the tantivy index is built in `--index DIR` unless it
//! already holds `count` documents. Prints Markdown tables: p50/p95 over all queries,
//! then the median per query with both backends' match counts.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use clap::Parser;
use storyline_search::{IndexBatch, IndexDoc, SearchIndex, SearchQuery};
use storyline_store_pg::{synthetic, PgStore};

#[derive(Parser)]
struct Args {
    /// PostgreSQL URL of the store.
    #[arg(long)]
    store: String,
    #[arg(long)]
    schema: Option<String>,
    /// The tantivy index directory (built if it does not hold `count` documents).
    #[arg(long)]
    index: PathBuf,
    #[arg(long, default_value_t = 200_000)]
    count: usize,
    /// Measured runs of each query on each backend.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
}

/// The made-up topic words of article `index`'s title (`Name0 common name1 in Name2`).
fn topic_words(index: usize) -> Vec<String> {
    let (article, _) = synthetic::article(index);
    let words: Vec<String> = article
        .title
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    vec![words[0].clone(), words[2].clone(), words[4].clone()]
}

/// (label, query): rare words (one topic, 8–9 articles), words in almost every
/// article, phrases, OR, exclusion, filters, and a filter-only listing.
fn queries(count: usize) -> Vec<(String, SearchQuery)> {
    let at = |fraction: f64| ((count as f64 * fraction) as usize).min(count - 1);
    let (a, b, c, d) = (
        topic_words(at(0.01)),
        topic_words(at(0.37)),
        topic_words(at(0.62)),
        topic_words(at(0.91)),
    );
    let text = |t: String| SearchQuery {
        text: t,
        ..SearchQuery::default()
    };
    vec![
        ("rare word".into(), text(a[0].clone())),
        ("rare word".into(), text(b[1].clone())),
        ("rare word".into(), text(c[2].clone())),
        ("rare word".into(), text(d[0].clone())),
        ("two rare words".into(), text(format!("{} {}", a[0], a[2]))),
        ("two rare words".into(), text(format!("{} {}", c[0], c[1]))),
        ("rare OR rare".into(), text(format!("{} OR {}", b[0], d[0]))),
        ("rare + common".into(), text(format!("{} budget", a[1]))),
        ("rare -common".into(), text(format!("{} -budget", c[0]))),
        ("common word".into(), text("budget".into())),
        ("common word".into(), text("council".into())),
        ("two common words".into(), text("residents vote".into())),
        ("common phrase".into(), text("\"city council\"".into())),
        (
            "common + site".into(),
            SearchQuery {
                site: Some("site3.example".into()),
                ..text("budget".into())
            },
        ),
        (
            "common + month".into(),
            SearchQuery {
                from: Some("2026-03".parse().expect("a month")),
                to: Some("2026-03".parse().expect("a month")),
                ..text("budget".into())
            },
        ),
        (
            "rare + lang".into(),
            SearchQuery {
                lang: Some("en".into()),
                ..text(d[1].clone())
            },
        ),
        (
            "no words, site".into(),
            SearchQuery {
                site: Some("mirror1.example".into()),
                ..text(String::new())
            },
        ),
    ]
}

fn build_index(dir: &Path, count: usize) -> anyhow::Result<SearchIndex> {
    let mut index = SearchIndex::open(dir)?;
    if index.doc_count() == count as u64 {
        return Ok(index);
    }
    let started = Instant::now();
    const CHUNK: usize = 20_000;
    for from in (0..count).step_by(CHUNK) {
        let articles: Vec<_> = (from..(from + CHUNK).min(count))
            .map(|i| synthetic::article(i).0)
            .collect();
        let upsert = articles
            .iter()
            .map(|article| IndexDoc {
                article,
                event: None,
                storyline: None,
            })
            .collect();
        index.apply(IndexBatch {
            clear: from == 0,
            upsert,
            ..IndexBatch::default()
        })?;
    }
    eprintln!(
        "built the tantivy index of {count} articles in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    Ok(index)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let pg = match &args.schema {
        Some(schema) => PgStore::open_in_schema(&args.store, schema)?,
        None => PgStore::open(&args.store)?,
    };
    let stored = pg.article_count()?;
    if stored != args.count as u64 {
        bail!(
            "the PostgreSQL store holds {stored} articles, not {}: load them first",
            args.count
        );
    }
    let index = build_index(&args.index, args.count).context("building the tantivy index")?;
    let queries = queries(args.count);
    // samples[q] = (tantivy ms, postgres ms) per measured round.
    let mut samples: Vec<(Vec<f64>, Vec<f64>)> = vec![(Vec::new(), Vec::new()); queries.len()];
    let mut totals = vec![(0u64, 0u64); queries.len()];
    for round in 0..=args.rounds {
        for (q, (_, query)) in queries.iter().enumerate() {
            let started = Instant::now();
            let t = index.search(query)?;
            let tantivy_ms = started.elapsed().as_secs_f64() * 1000.0;
            let started = Instant::now();
            let p = pg.search(query)?;
            let pg_ms = started.elapsed().as_secs_f64() * 1000.0;
            totals[q] = (t.total, p.total);
            if round > 0 {
                samples[q].0.push(tantivy_ms);
                samples[q].1.push(pg_ms);
            }
        }
    }
    let mut all_t: Vec<f64> = samples.iter().flat_map(|s| s.0.clone()).collect();
    let mut all_p: Vec<f64> = samples.iter().flat_map(|s| s.1.clone()).collect();
    all_t.sort_by(f64::total_cmp);
    all_p.sort_by(f64::total_cmp);
    println!(
        "{} articles, {} queries x {} rounds per backend\n",
        args.count,
        queries.len(),
        args.rounds
    );
    println!("| backend | p50 ms | p95 ms | max ms |");
    println!("|---|---|---|---|");
    for (name, all) in [("tantivy", &all_t), ("PostgreSQL", &all_p)] {
        println!(
            "| {name} | {:.1} | {:.1} | {:.1} |",
            percentile(all, 0.5),
            percentile(all, 0.95),
            all.last().copied().unwrap_or(0.0)
        );
    }
    println!("\n| query | text | matches tantivy / PG | tantivy median ms | PG median ms |");
    println!("|---|---|---|---|---|");
    for (q, (label, query)) in queries.iter().enumerate() {
        let (mut t, mut p) = samples[q].clone();
        t.sort_by(f64::total_cmp);
        p.sort_by(f64::total_cmp);
        println!(
            "| {label} | `{}` | {} / {} | {:.1} | {:.1} |",
            query.text.replace('|', "\\|"),
            totals[q].0,
            totals[q].1,
            percentile(&t, 0.5),
            percentile(&p, 0.5)
        );
    }
    Ok(())
}
