//! Throughput of duplicate detection and event clustering on Reuters-21578, run by hand:
//! `cargo test -p storyline-eval --release --test dedup_speed -- --ignored --nocapture`.

use std::path::PathBuf;
use std::time::Instant;

use storyline_cluster::{DedupConfig, DedupIndex, EventClusterer, EventConfig};

#[test]
#[ignore = "a measurement, run in release mode"]
fn measure_throughput_on_reuters() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/reuters/reuters21578.jsonl.gz");
    if !path.is_file() {
        eprintln!("skipping: {} not found", path.display());
        return;
    }
    let articles = storyline_eval::dedup::load_reuters(&path, 1, usize::MAX).unwrap();
    let start = Instant::now();
    let mut index = DedupIndex::new(DedupConfig::default());
    let copies = articles
        .iter()
        .filter(|a| index.insert(a).is_some())
        .count();
    let seconds = start.elapsed().as_secs_f64();
    eprintln!(
        "dedup: {} articles, {copies} copies, {:.0} docs/s",
        articles.len(),
        articles.len() as f64 / seconds
    );
    assert_eq!(index.len(), articles.len());

    let sample = &articles[..articles.len().min(5000)];
    let start = Instant::now();
    let mut clusterer = EventClusterer::new(EventConfig::default());
    for a in sample {
        clusterer.insert(a);
    }
    let seconds = start.elapsed().as_secs_f64();
    eprintln!(
        "events: {} articles, {} events, {:.0} docs/s, {} vectors held",
        sample.len(),
        clusterer.events().len(),
        sample.len() as f64 / seconds,
        clusterer.live_vectors()
    );
}
