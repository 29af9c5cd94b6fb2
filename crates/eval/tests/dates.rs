//! Date evaluation over the shared benchmark sets (skipped when /work/shared/data is absent).

use std::path::PathBuf;

fn data(sub: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} is absent", dir.display());
        None
    }
}

#[test]
fn htmldate_saved_predictions_reproduce_the_published_accuracy() {
    let Some(dir) = data("htmldate") else { return };
    let saved = dir.join("measured/htmldate-1.11.0-extensive.json");
    let report = storyline_eval::dates::run(&dir, Some(&saved)).unwrap();
    let o = &report.overall;
    assert_eq!(o.pages, 1000);
    assert_eq!(
        (o.true_positives, o.false_positives, o.false_negatives),
        (903, 91, 6)
    );
    assert!((o.accuracy - 0.903).abs() < 1e-9);
}

#[test]
fn htmldate_pages_are_dated_accurately() {
    let Some(dir) = data("htmldate") else { return };
    let report = storyline_eval::dates::run(&dir, None).unwrap();
    let mut shown = report.clone();
    shown.predictions.clear();
    eprintln!("{}", serde_json::to_string_pretty(&shown).unwrap());
    if let Ok(out) = std::env::var("DATES_PREDICTIONS_OUT") {
        std::fs::write(
            out,
            serde_json::to_string_pretty(&report.predictions).unwrap(),
        )
        .unwrap();
    }
    assert_eq!(report.overall.pages, 1000);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    // A regression floor at the measured 0.865, not the goal: issue 4 asks for >= 0.890
    // (Python htmldate 1.11 on the same pages); docs/benchmarks.md tracks the gap.
    assert!(
        report.overall.accuracy >= 0.86,
        "accuracy {}",
        report.overall.accuracy
    );
}

#[test]
fn trafilatura_pages_are_dated_accurately() {
    let Some(dir) = data("trafilatura") else {
        return;
    };
    let report = storyline_eval::dates::run(&dir, None).unwrap();
    let mut shown = report.clone();
    shown.predictions.clear();
    eprintln!("{}", serde_json::to_string_pretty(&shown).unwrap());
    if let Ok(out) = std::env::var("TRAF_PREDICTIONS_OUT") {
        std::fs::write(
            out,
            serde_json::to_string_pretty(&report.predictions).unwrap(),
        )
        .unwrap();
    }
    assert_eq!(report.overall.pages, 728);
    // A regression floor at the measured 0.842, not the goal: issue 4 asks for >= 0.865
    // (Python trafilatura 2.3.1); docs/benchmarks.md tracks the gap.
    assert!(
        report.overall.accuracy >= 0.835,
        "date exact match {}",
        report.overall.accuracy
    );
}
