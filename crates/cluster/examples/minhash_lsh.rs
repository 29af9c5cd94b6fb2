//! Duplicate detection throughput, side by side with Python datasketch
//! (`scripts/bench-datasketch`): reads the same JSON Lines file, inserts every article into
//! a [`DedupIndex`] with the default settings in file order, and times the inserts alone
//! (shingling, MinHash, LSH query and insert, verification; reading JSON is not timed).
//!
//! `cargo run --release -p storyline-cluster --example minhash_lsh -- INPUT.jsonl [PAIRS_OUT.json]`
//! `... --example minhash_lsh -- --permutations OUT.json` writes the MinHash permutation
//! parameters `{"a": [..], "b": [..]}` the Python side then uses, so both sketch with the
//! same permutations.
//!
//! Prints one JSON line with the timing of one insert per article on one thread, and of the
//! same articles through `insert_batch` (sketched in parallel with rayon, inserted in
//! order); PAIRS_OUT gets `{id: [canonical id, kind]}` for every article found to copy an
//! earlier one, the shape the Python side writes.

mod common;

use std::collections::BTreeMap;
use std::time::Instant;

use anyhow::Context;
use storyline_cluster::{DedupConfig, DedupIndex};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let input = args
        .next()
        .context("usage: minhash_lsh INPUT.jsonl [PAIRS_OUT.json]")?;
    if input == "--permutations" {
        let out = args
            .next()
            .context("usage: minhash_lsh --permutations OUT.json")?;
        let index = DedupIndex::new(DedupConfig::default());
        let p = index.permutations();
        let json = serde_json::json!({"scheme": "affine32", "a": p.a, "b": p.b});
        std::fs::write(&out, json.to_string()).with_context(|| format!("writing {out}"))?;
        return Ok(());
    }
    let pairs_out = args.next();

    let mut articles = Vec::new();
    common::for_each_article(&input, usize::MAX, |a| articles.push(a))?;

    let config = DedupConfig::default();
    let mut index = DedupIndex::new(config.clone());
    let started = Instant::now();
    let found: Vec<_> = articles.iter().map(|a| index.insert(a)).collect();
    let seconds = started.elapsed().as_secs_f64();

    let mut batch_index = DedupIndex::new(config.clone());
    let refs: Vec<&_> = articles.iter().collect();
    let started = Instant::now();
    let batch_found = batch_index.insert_batch(&refs);
    let batch_seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(
        batch_found == found,
        "insert_batch and insert disagree on the same articles"
    );

    let pairs: BTreeMap<&str, (&str, &str)> = articles
        .iter()
        .zip(&found)
        .filter_map(|(a, f)| {
            f.as_ref()
                .map(|f| (a.id.as_str(), (f.canonical.as_str(), f.kind.as_str())))
        })
        .collect();
    if let Some(path) = pairs_out {
        let json = serde_json::to_string(&pairs)?;
        std::fs::write(&path, json).with_context(|| format!("writing {path}"))?;
    }
    println!(
        "{}",
        serde_json::json!({
            "tool": "storyline",
            "docs": articles.len(),
            "copies": pairs.len(),
            "shingle_words": config.shingle_words,
            "permutations": config.bands * config.rows,
            "bands": config.bands,
            "rows": config.rows,
            "seconds": seconds,
            "docs_per_second": articles.len() as f64 / seconds,
            "batch_seconds": batch_seconds,
            "batch_threads": rayon::current_num_threads(),
            "batch_docs_per_second": articles.len() as f64 / batch_seconds,
        })
    );
    Ok(())
}
