//! Duplicate detection on BBC's labelled copies and a generated near-duplicate benchmark.

use std::path::PathBuf;

#[test]
fn duplicates_are_found_with_high_precision() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if !root.join("bbc").is_dir() {
        eprintln!("skipping: {} not found", root.display());
        return;
    }
    let report = storyline_eval::dedup::run(&root).unwrap();
    eprintln!("{}", serde_json::to_string_pretty(&report).unwrap());
    assert_eq!(report.bbc_exact_groups, 100);
    assert_eq!(report.bbc_exact_found, 100, "{report:?}");
    assert_eq!(report.bbc_exact_false, 0, "{report:?}");
    assert_eq!(
        report.bbc_retitled_found, report.bbc_retitled_pairs,
        "{report:?}"
    );
    for (kind, minimum) in [("wrapped", 0.99), ("edited", 0.99), ("truncated", 0.95)] {
        let s = &report.generated[kind];
        assert!(s.recall >= minimum && s.precision >= 0.99, "{kind}: {s:?}");
    }
}
