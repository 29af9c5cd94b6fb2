//! Streaming event clustering throughput and memory over a long time-ordered stream
//! (`scripts/bench-stream`): reads JSON Lines articles one at a time (the file is never held
//! in memory), inserts each into a [`DedupIndex`] (with [`DedupConfig::streaming`]: a 30-day window)
//! and an [`EventClusterer`] with the default settings, as articles arriving one by one would be, and reports every CHECKPOINT articles
//! the docs/s of that stretch, the events so far (and how many are live), the feature
//! vectors kept, the event index's entries, the articles the dedup window holds and the RSS.
//!
//! `cargo run --release -p storyline-cluster --example stream_events -- INPUT.jsonl LIMIT [CHECKPOINT [both|dedup|events]]`
//!
//! The last argument runs only one of the two indexes, to see which one holds the memory.
//!
//! The last line is one JSON object with the totals. Peak memory of the whole process is
//! best read with `/usr/bin/time -v` (maximum resident set size).

mod common;

use std::time::{Duration, Instant};

use anyhow::Context;
use storyline_cluster::{DedupConfig, DedupIndex, EventClusterer, EventConfig};

fn main() -> anyhow::Result<()> {
    let usage = "usage: stream_events INPUT.jsonl LIMIT [CHECKPOINT [both|dedup|events]]";
    let mut args = std::env::args().skip(1);
    let input = args.next().context(usage)?;
    let limit: usize = args
        .next()
        .context(usage)?
        .parse()
        .with_context(|| format!("LIMIT: {usage}"))?;
    let checkpoint: usize = match args.next() {
        Some(v) => v.parse().with_context(|| format!("CHECKPOINT: {usage}"))?,
        None => 5000,
    }
    .max(1);
    let parts = args.next().unwrap_or_else(|| "both".to_string());
    let (run_dedup, run_events) = match parts.as_str() {
        "both" => (true, true),
        "dedup" => (true, false),
        "events" => (false, true),
        other => anyhow::bail!("{other:?}: expected both, dedup or events; {usage}"),
    };

    // The streaming settings: a 30-day dedup window (events: the default 14-day window).
    let mut dedup = DedupIndex::new(DedupConfig::streaming());
    // LATE_SPLIT_LINK=0 turns the late split off, for a side-by-side run.
    let mut config = EventConfig::streaming();
    if let Some(link) = std::env::var("LATE_SPLIT_LINK")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        config.late_split_link = link;
    }
    let mut events = EventClusterer::new(config);
    let (mut in_dedup, mut in_events) = (Duration::ZERO, Duration::ZERO);
    let (mut copies, mut seen) = (0usize, 0usize);
    let mut stretch = (Instant::now(), Duration::ZERO);
    let started = Instant::now();
    // Copies of one base article keep its headline and come within six days of each other
    // (the generator repeats a base over a few days): the gold label of the recall check.
    let mut titles: Vec<(String, i64)> = Vec::new();
    let count = common::for_each_article(&input, limit, |article| {
        let day = storyline_cluster::publication_day(&article)
            .map_or(0, |d| chrono::Datelike::num_days_from_ce(&d));
        titles.push((article.title.clone(), day as i64));
        let t0 = Instant::now();
        if run_dedup {
            copies += usize::from(dedup.insert(&article).is_some());
        }
        let t1 = Instant::now();
        if run_events {
            events.insert(&article);
        }
        let t2 = Instant::now();
        in_dedup += t1 - t0;
        in_events += t2 - t1;
        stretch.1 += t2 - t0;
        seen += 1;
        if seen % checkpoint == 0 {
            let (rss, peak) = common::rss_mib().unwrap_or((0.0, 0.0));
            eprintln!(
                "{seen:>7} articles  {:>7.0} docs/s (last {checkpoint}, clustering only)  \
                 {:>6} events ({} live)  {:>7} vectors kept  {:>7} index entries  \
                 {:>8} features  dedup holds {:>6} (evicted {:>7})  RSS {rss:.0} MiB (peak {peak:.0})",
                checkpoint as f64 / stretch.1.as_secs_f64(),
                events.events().len(),
                events.live_events(),
                events.live_vectors(),
                events.index_entries(),
                events.vocabulary().live_len(),
                dedup.len(),
                dedup.evicted(),
            );
            stretch = (Instant::now(), Duration::ZERO);
        }
    })?;
    let wall = started.elapsed().as_secs_f64();
    // The largest events: a few events that never go quiet keep every member's vector.
    let mut sizes: Vec<usize> = events.events().iter().map(Vec::len).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes.truncate(5);
    let (rss, peak) = common::rss_mib().unwrap_or((0.0, 0.0));
    let (pairwise_recall, bcubed_recall) = if run_events {
        copy_recall(&titles, &events.assignments())
    } else {
        (f64::NAN, f64::NAN)
    };
    println!(
        "{}",
        serde_json::json!({
            "articles": count,
            "parts": parts,
            "copies": copies,
            "events": events.events().len(),
            "vectors_kept": events.live_vectors(),
            "live_events": events.live_events(),
            "event_index_entries": events.index_entries(),
            "features": events.vocabulary().live_len(),
            "dedup_held": dedup.len(),
            "dedup_evicted": dedup.evicted(),
            "largest_events": sizes,
            "seconds_dedup": in_dedup.as_secs_f64(),
            "seconds_events": in_events.as_secs_f64(),
            "seconds_wall": wall,
            "events_docs_per_second": count as f64 / in_events.as_secs_f64(),
            "dedup_and_events_docs_per_second": count as f64 / (in_dedup + in_events).as_secs_f64(),
            "copies_pairwise_recall": pairwise_recall,
            "copies_bcubed_recall": bcubed_recall,
            "rss_mib": rss,
            "peak_rss_mib": peak,
        })
    );
    Ok(())
}

/// Whether the copies of one base article stay in one event: pairwise and BCubed recall
/// with the copies as the gold label (the same headline, each within six days of the
/// previous one: Reuters-21578 repeats some headlines, and the stream reuses its bases once
/// it has been through them). Events may join several bases (that is their job), so
/// precision means nothing here.
fn copy_recall(titles: &[(String, i64)], events: &[usize]) -> (f64, f64) {
    use std::collections::HashMap;
    // The stream is in day order: a headline last seen more than six days ago starts a
    // new base.
    let mut last_seen: HashMap<&str, (i64, usize)> = HashMap::new();
    let mut bases = 0usize;
    let mut by_base: HashMap<usize, HashMap<usize, usize>> = HashMap::new();
    for ((title, day), &event) in titles.iter().zip(events) {
        let base = match last_seen.get(title.as_str()) {
            Some(&(seen, base)) if day - seen <= 6 => base,
            _ => {
                bases += 1;
                bases
            }
        };
        last_seen.insert(title, (*day, base));
        *by_base.entry(base).or_default().entry(event).or_default() += 1;
    }
    let (mut together, mut pairs, mut bcubed) = (0u64, 0u64, 0.0f64);
    for parts in by_base.values() {
        let size: usize = parts.values().sum();
        pairs += (size * (size - 1) / 2) as u64;
        for &n in parts.values() {
            together += (n * (n - 1) / 2) as u64;
            bcubed += (n * n) as f64 / size as f64;
        }
    }
    let pairwise = if pairs == 0 {
        1.0
    } else {
        together as f64 / pairs as f64
    };
    (pairwise, bcubed / titles.len().max(1) as f64)
}
