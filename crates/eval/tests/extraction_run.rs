//! Storyline's own extraction over the benchmark sets, scored end to end.

use std::path::PathBuf;

use storyline_eval::extraction::{run, score_file, ExtractionEvalOptions, ExtractionMode};

fn shared_data() -> Option<PathBuf> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipping: {} is absent", path.display());
        None
    }
}

#[test]
fn scrapinghub_html_extraction_beats_the_published_extractors() {
    let Some(data) = shared_data() else { return };
    let dataset = data.join("scrapinghub");
    let dir = tempfile::tempdir().unwrap();
    let predictions = dir.path().join("predictions.json");
    let opts = ExtractionEvalOptions {
        predictions: Some(predictions.clone()),
        ..ExtractionEvalOptions::default()
    };
    let report = run(&dataset, &opts).unwrap();
    eprintln!("{}", serde_json::to_string(&report).unwrap());
    assert_eq!((report.pages, report.mode.as_str()), (181, "html"));
    // Python trafilatura 2.0.0 publishes 0.958 / 0.293 on this set, Zyte's AutoExtract
    // 0.970 / 0.470; issue 10 asks 0.970 / 0.33 and sets 0.975 / 0.48 as its goal, which
    // holds since English deks stay out of the body (0.9774 / 0.530; see html/lead.rs).
    assert!(report.f1 >= 0.975, "f1 {}", report.f1);
    assert!(report.accuracy >= 0.48, "accuracy {}", report.accuracy);
    // Time inside the extraction calls, summed over the workers: some, and no more than
    // the workers had between them.
    assert!(report.extract_ms_per_page > 0.0);
    assert!(
        report.extract_ms_per_page <= report.ms_per_page * report.threads as f64,
        "{} > {} x {}",
        report.extract_ms_per_page,
        report.ms_per_page,
        report.threads
    );
    // The predictions file re-scores to the same figures.
    let rescored = score_file(&dataset, &predictions).unwrap();
    assert!((rescored.f1 - report.f1).abs() < 1e-12);
    assert!((rescored.accuracy - report.accuracy).abs() < 1e-12);
}

#[test]
fn scrapinghub_text_mode_reads_the_stored_render() {
    let Some(data) = shared_data() else { return };
    let opts = ExtractionEvalOptions {
        mode: ExtractionMode::Text,
        ..ExtractionEvalOptions::default()
    };
    // The renders keep every menu and footer: as-is F1 0.665; issue 10 asks >= 0.90 for
    // the plain render and the Markdown one, and sets 0.93 as its goal, which both reach
    // (0.9358 and 0.9352, docs/benchmarks.md): the floor is the goal.
    for render in ["html-text", "html2text"] {
        let opts = ExtractionEvalOptions {
            render: render.to_string(),
            ..opts.clone()
        };
        let report = run(&data.join("scrapinghub"), &opts).unwrap();
        eprintln!("{render}: {}", serde_json::to_string(&report).unwrap());
        assert_eq!((report.pages, report.mode.as_str()), (181, "text"));
        assert!(report.f1 >= 0.93, "{render}: f1 {}", report.f1);
    }
    let missing = ExtractionEvalOptions {
        render: "no-such-render".to_string(),
        ..opts
    };
    let error = run(&data.join("scrapinghub"), &missing).unwrap_err();
    assert!(format!("{error:#}").contains("no-such-render"), "{error:#}");
}

/// Other converters' renders of the same pages: each writes links, paragraphs and markup
/// its own way (link targets in parentheses, inline HTML, no blank lines between
/// paragraphs, the whole page on one line). Floors just under the figures measured in
/// docs/benchmarks.md (session 13's text sections), as regression guards.
#[test]
fn scrapinghub_text_mode_holds_across_converters() {
    let Some(data) = shared_data() else { return };
    let floors = [
        ("inscriptis", 0.93),
        ("fast_html2md", 0.925),
        ("html2text_rs", 0.905),
        ("mdka", 0.898),
        ("nanohtml2text", 0.888),
        ("august", 0.872),
        ("beautifulsoup", 0.745),
    ];
    for (render, floor) in floors {
        let opts = ExtractionEvalOptions {
            mode: ExtractionMode::Text,
            render: render.to_string(),
            ..ExtractionEvalOptions::default()
        };
        let report = run(&data.join("scrapinghub"), &opts).unwrap();
        eprintln!("{render}: {}", serde_json::to_string(&report).unwrap());
        assert!(report.f1 >= floor, "{render}: f1 {} < {floor}", report.f1);
    }
}

#[test]
fn trafilatura_set_html_extraction_scores_close_to_python_trafilatura() {
    let Some(data) = shared_data() else { return };
    let report = run(&data.join("trafilatura"), &ExtractionEvalOptions::default()).unwrap();
    eprintln!("{}", serde_json::to_string(&report).unwrap());
    let counts = report.counts.expect("snippet counts");
    assert_eq!(counts.tp + counts.fn_, 2951);
    assert_eq!(counts.fp + counts.tn, 2966);
    // Python trafilatura 2.3.1 (standard) measures 0.926 here; issue 10 asks 0.930.
    assert!(report.f1 >= 0.930, "f1 {}", report.f1);
}
