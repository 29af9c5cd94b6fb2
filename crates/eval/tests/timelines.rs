//! Timeline17 scorer against the shared data: the loader's counts match README.t17.md,
//! and the scorer reproduces the README's tilse (ROUGE-1.5.5) figures. Skips with a
//! message when ../shared/data/t17 is absent.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use storyline_eval::timelines::{self, first_sentences_baseline, RunOptions, Timeline, T17};

fn t17_dir() -> Option<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/t17"
    ));
    if dir.is_dir() {
        Some(dir.to_path_buf())
    } else {
        eprintln!("skipping: {} is absent", dir.display());
        None
    }
}

fn data() -> Option<&'static T17> {
    static DATA: OnceLock<T17> = OnceLock::new();
    let dir = t17_dir()?;
    Some(DATA.get_or_init(|| timelines::load(&dir).expect("T17 loads")))
}

#[test]
fn loader_matches_the_readme_tables() {
    let Some(data) = data() else { return };
    let articles: usize = data.topics.iter().map(|t| t.articles.len()).sum();
    assert_eq!(articles, 4650);
    assert_eq!(data.topics.len(), 9);
    assert_eq!(data.tasks.len(), 19);
    let bpoil = data.topic("bpoil").expect("bpoil topic");
    assert_eq!(bpoil.folders.len(), 5);
    assert_eq!(bpoil.articles.len(), 1461);

    // (folder/gold, l, sentences, k, articles in span) from README.t17.md.
    let rows = [
        ("EgyptianProtest_cnn/tl8", 20, 56, 3, 273),
        ("H1N1_bbc/influenza_A_h1n1_scotland_bbc", 7, 32, 5, 152),
        ("IraqWar_guardian/tl7", 155, 404, 3, 344),
        ("LibyaWar_cnn/tl6", 38, 81, 2, 678),
        // The repaired 2011-04-0 block (3 sentences) makes l 38 (the README's row
        // excludes it: 37 dates, 75 sentences).
        ("MJ_bbc/bbc.co.uk", 38, 78, 2, 141),
        ("bpoil_guardian/guardian", 102, 301, 3, 1437),
        ("bpoil_reuters/rbpoil", 16, 30, 2, 1459),
        ("haiti_bbc/bbc", 11, 86, 8, 231),
    ];
    for (name, l, sentences, k, in_span) in rows {
        let task = data
            .tasks
            .iter()
            .find(|t| format!("{}/{}", t.folder, t.gold_name) == name)
            .unwrap_or_else(|| panic!("task {name}"));
        let topic = data.topic(&task.topic).unwrap();
        let got_sentences: usize = task.gold.values().map(Vec::len).sum();
        assert_eq!(
            (
                task.l,
                got_sentences,
                task.k,
                task.input_articles(topic).len()
            ),
            (l, sentences, k, in_span),
            "{name}"
        );
    }
    // The README's l column sums to 691 (mean 36.4) with the MJ bad block excluded;
    // repaired, that block adds one date.
    assert_eq!(data.tasks.iter().map(|t| t.l).sum::<usize>(), 692);
}

fn egypt() -> Option<(&'static T17, &'static timelines::Task)> {
    let data = data()?;
    let task = data
        .tasks
        .iter()
        .find(|t| t.folder == "EgyptianProtest_cnn" && t.gold_name == "tl8")
        .expect("EgyptianProtest_cnn/tl8");
    Some((data, task))
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() < 0.00005
}

#[test]
fn reproduces_tilse_on_egyptian_protest_exact_dates() {
    let Some((data, task)) = egypt() else { return };
    let topic = data.topic(&task.topic).unwrap();
    let predicted = first_sentences_baseline(task, &task.input_articles(topic));
    assert_eq!(predicted.len(), 20);
    let s = timelines::score(&predicted, &task.gold);
    // README.t17.md, row 1 (tilse 0.2.1 with ROUGE-1.5.5).
    let want = [
        (s.ar1.precision(), 0.0724),
        (s.ar1.recall(), 0.0905),
        (s.ar1.f1(), 0.0805),
        (s.ar2.precision(), 0.0106),
        (s.ar2.recall(), 0.0133),
        (s.ar2.f1(), 0.0118),
        (s.date.f1(), 1.0),
    ];
    for (i, (got, want)) in want.into_iter().enumerate() {
        assert!(
            close(got, want),
            "value {i}: got {got:.6}, tilse {want}; {s:?}"
        );
    }
}

#[test]
fn reproduces_tilse_with_every_date_one_day_late() {
    let Some((data, task)) = egypt() else { return };
    let topic = data.topic(&task.topic).unwrap();
    let predicted: Timeline = first_sentences_baseline(task, &task.input_articles(topic))
        .into_iter()
        .map(|(d, s)| (d.succ_opt().unwrap(), s))
        .collect();
    let s = timelines::score(&predicted, &task.gold);
    // README.t17.md, row 2.
    let want = [
        (s.ar1.precision(), 0.0609),
        (s.ar1.recall(), 0.0754),
        (s.ar1.f1(), 0.0674),
        (s.ar2.precision(), 0.0047),
        (s.ar2.recall(), 0.0059),
        (s.ar2.f1(), 0.0052),
        (s.date.precision(), 0.95),
        (s.date.recall(), 0.95),
        (s.date.f1(), 0.95),
    ];
    for (i, (got, want)) in want.into_iter().enumerate() {
        assert!(
            close(got, want),
            "value {i}: got {got:.6}, tilse {want}; {s:?}"
        );
    }
}

#[test]
fn runner_scores_all_19_and_writes_predictions_that_read_back() {
    let Some(dir) = t17_dir() else { return };
    let out = tempfile::tempdir().unwrap();
    let options = RunOptions {
        predictions: Some(out.path().to_path_buf()),
        ..Default::default()
    };
    let report = timelines::run(&dir, &first_sentences_baseline, &options).unwrap();
    assert_eq!(report.timelines, 19);
    // The gold-peeking baseline only predicts gold dates: date precision 1 everywhere.
    assert!(report
        .per_timeline
        .iter()
        .all(|r| r.scores.date.precision() == 1.0));
    assert!(report.ar1_f1 > 0.0 && report.ar1_f1 < 1.0);
    // Scoring the written files gives the same figures.
    let saved = timelines::score_saved(&dir, out.path()).unwrap();
    assert_eq!(saved.timelines, 19);
    assert!((saved.ar1_f1 - report.ar1_f1).abs() < 1e-12);
    assert!((saved.ar2_f1 - report.ar2_f1).abs() < 1e-12);
    assert!((saved.date_f1 - report.date_f1).abs() < 1e-12);
    assert!(out.path().join("SyrianCrisis_reuters/tl2.1.txt").is_file());

    // The honest baseline predicts at most l dates with at most k sentences each.
    let honest =
        timelines::run(&dir, &timelines::pubcount_baseline, &RunOptions::default()).unwrap();
    assert!(honest
        .per_timeline
        .iter()
        .all(|r| r.predicted_dates <= r.l && r.max_sentences <= r.k));
    eprintln!(
        "first-sentences (peeks at gold dates): AR-1 {:.4} AR-2 {:.4} Date {:.4}; \
         pubcount: AR-1 {:.4} AR-2 {:.4} Date {:.4}",
        report.ar1_f1, report.ar2_f1, report.date_f1, honest.ar1_f1, honest.ar2_f1, honest.date_f1
    );
}
