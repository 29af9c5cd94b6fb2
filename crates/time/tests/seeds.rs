//! The tagger and inference on the seed articles' text (skipped when the seeds are absent).

use std::path::PathBuf;

use storyline_model::{DateSource, PartialDate, Precision};
use storyline_time::{infer_published, tag, InferHints};

fn seed(prefix: &str) -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {} is absent", dir.display());
        return None;
    };
    entries
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .and_then(|e| std::fs::read_to_string(e.path()).ok())
}

fn date(s: &str) -> PartialDate {
    s.parse().expect("test date")
}

#[test]
fn seed_000_in_2020_is_a_year() {
    let Some(text) = seed("000") else { return };
    let mentions = tag(&text, Some(date("2019-11-05")));
    let m = mentions
        .iter()
        .find(|m| m.text == "2020")
        .expect("2020 tagged");
    assert_eq!(m.date, date("2020"));
    assert_eq!(m.precision, Precision::Year);
    assert!(!m.anchored);
    let next = mentions
        .iter()
        .find(|m| m.text == "next year")
        .expect("next year tagged");
    assert_eq!(next.date, date("2020"));
    assert!(next.anchored);
}

#[test]
fn seed_002_infers_2018_and_resolves_the_span() {
    let Some(text) = seed("002") else { return };
    let inferred = infer_published(&text, &InferHints::default()).expect("inferred");
    assert_eq!(inferred.date, Some(date("2018")));
    assert_eq!(inferred.precision, Some(Precision::Year));
    assert_eq!(inferred.source, Some(DateSource::Inferred));

    let mentions = tag(&text, Some(date("2018")));
    let span = mentions
        .iter()
        .find(|m| m.text.starts_with("late this year"))
        .expect("span tagged");
    assert!(span.text.ends_with("early 2019"), "{}", span.text);
    assert_eq!(span.date, date("2018-09"));
    assert_eq!(span.until, Some(date("2019-04")));
    assert!(span.anchored);
    assert!(
        !mentions
            .iter()
            .any(|m| m.text.contains("2,000") || m.text.contains("90")),
        "{mentions:?}"
    );
}

#[test]
fn seed_001_infers_november_2019() {
    let Some(text) = seed("001") else { return };
    let inferred = infer_published(&text, &InferHints::default()).expect("inferred");
    let d = inferred.date.expect("date");
    assert_eq!(
        (d.year_value(), d.month_value()),
        (2019, Some(11)),
        "{inferred:?}"
    );
    assert_ne!(inferred.precision, Some(Precision::Year));
    let mentions = tag(&text, None);
    let q3 = mentions
        .iter()
        .find(|m| m.text.contains("third quarter of 2019"))
        .expect("q3");
    assert_eq!(
        (q3.date, q3.until),
        (date("2019-07"), Some(date("2019-09")))
    );
    for m in &mentions {
        assert!(
            !m.text.contains("Note 5") && !m.text.contains("4.5"),
            "{m:?}"
        );
    }
}

#[test]
fn seed_004_is_undated_or_not_before_2017() {
    let Some(text) = seed("004") else { return };
    let article = text.split("Related phones").next().unwrap_or(&text);
    for body in [article, text.as_str()] {
        if let Some(p) = infer_published(body, &InferHints::default()) {
            let d = p.date.expect("date");
            assert!(d.year_value() >= 2017, "{p:?}");
        }
    }
    assert!(tag(article, None).is_empty(), "{:?}", tag(article, None));
}
