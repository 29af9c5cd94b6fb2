//! The extraction metrics reproduce the benchmarks' published figures from stored outputs.

use std::path::PathBuf;

use storyline_eval::extraction::score_file;

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
fn scrapinghub_stored_outputs_score_as_published() {
    let Some(data) = shared_data() else { return };
    let dataset = data.join("scrapinghub");
    let cases = [
        ("trafilatura.json", 0.957503, 0.938289, 0.977519, 0.292818),
        ("readability.json", 0.922282, 0.913290, 0.931453, 0.314917),
        ("html-text.json", 0.664936, 0.499508, 0.994196, 0.0),
    ];
    for (file, f1, precision, recall, accuracy) in cases {
        let report = score_file(&dataset, &dataset.join("output").join(file)).unwrap();
        assert_eq!(report.pages, 181, "{file}");
        assert!((report.f1 - f1).abs() < 1e-6, "{file}: f1 {}", report.f1);
        assert!(
            (report.precision - precision).abs() < 1e-6,
            "{file}: p {}",
            report.precision
        );
        assert!(
            (report.recall - recall).abs() < 1e-6,
            "{file}: r {}",
            report.recall
        );
        assert!(
            (report.accuracy - accuracy).abs() < 1e-6,
            "{file}: a {}",
            report.accuracy
        );
    }
}

#[test]
fn gzipped_outputs_are_read_too() {
    let Some(data) = shared_data() else { return };
    let dataset = data.join("scrapinghub");
    // Only the .json.gz exists for this render; asking for the .json finds it.
    let report = score_file(&dataset, &dataset.join("output/mdka.json")).unwrap();
    assert_eq!(report.pages, 181);
    assert!(
        report.recall > 0.5,
        "a whole-page render keeps most of the text"
    );
}

#[test]
fn trafilatura_measured_run_scores_as_published() {
    let Some(data) = shared_data() else { return };
    let dataset = data.join("trafilatura");
    let run = dataset.join("measured/trafilatura-2.3.1.json.gz");
    let report = score_file(&dataset, &run).unwrap();
    let counts = report.counts.expect("snippet counts");
    assert_eq!(
        (counts.tp, counts.fp, counts.fn_, counts.tn),
        (2793, 288, 158, 2678)
    );
    assert!((report.f1 - 0.926061).abs() < 1e-6, "f1 {}", report.f1);
    assert_eq!(report.pages, 990);
}

#[test]
fn a_folder_without_a_benchmark_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let error = score_file(dir.path(), &dir.path().join("x.json")).unwrap_err();
    assert!(error
        .to_string()
        .contains(&dir.path().display().to_string()));
}

/// Each page's figures add up to the report's: the mean of the per-page recalls is the
/// report's recall (every page has gold text), the exact pages are its accuracy, and the
/// file lists every page once, worst F1 first.
#[test]
fn page_scores_add_up_to_the_report_and_are_written_worst_first() {
    let Some(data) = shared_data() else { return };
    let dataset = data.join("scrapinghub");
    let report = score_file(&dataset, &dataset.join("output/trafilatura.json")).unwrap();
    let pages = &report.page_scores;
    assert_eq!(pages.len(), 181);
    let mean_recall = pages.iter().map(|p| p.recall).sum::<f64>() / pages.len() as f64;
    assert!((mean_recall - report.recall).abs() < 1e-9, "{mean_recall}");
    let exact = pages.iter().filter(|p| p.exact == Some(true)).count();
    assert!((exact as f64 / 181.0 - report.accuracy).abs() < 1e-9);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.jsonl");
    storyline_eval::extraction::write_page_scores(&path, &report).unwrap();
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 181);
    let f1s: Vec<f64> = lines.iter().map(|l| l["f1"].as_f64().unwrap()).collect();
    assert!(f1s.windows(2).all(|w| w[0] <= w[1]), "worst first");
    let ids: std::collections::HashSet<&str> =
        lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 181);
}
