//! `storyline timeline` over the seeds and the demo corpus.

mod common;

use common::{articles, shared, stderr, stdout, storyline};
use serde_json::Value;

fn seed_id(all: &[Value], prefix: &str) -> String {
    all.iter()
        .find(|a| {
            a["source"]
                .as_str()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .is_some_and(|name| name.starts_with(prefix))
        })
        .and_then(|a| a["id"].as_str())
        .unwrap_or_else(|| panic!("no article from seed {prefix}"))
        .to_string()
}

fn timeline_json(data: &std::path::Path, args: &[&str]) -> Value {
    let out = storyline(data, args);
    assert!(out.status.success(), "timeline failed: {}", stderr(&out));
    let text = stdout(&out);
    serde_json::from_str(text.trim()).expect("one JSON object")
}

#[test]
fn seeds_timeline_tells_reported_from_planned_in_date_order() {
    let Some(seeds) = shared("seeds") else { return };
    let data = tempfile::tempdir().unwrap();
    let out = storyline(data.path(), &["ingest", seeds.to_str().unwrap()]);
    assert!(out.status.success(), "ingest failed: {}", stderr(&out));
    let all = articles(data.path());
    let timeline = timeline_json(data.path(), &["timeline", "Xiaomi", "--json"]);
    assert_eq!(timeline["query"], "Xiaomi");

    let entries = timeline["entries"].as_array().unwrap();
    let shape: Vec<(String, String)> = entries
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap().to_string(),
                e["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("2015-05", "reported"),
        ("2018", "reported"),
        ("2019-11", "reported"),
        ("2020", "planned"),
    ]
    .iter()
    .map(|(d, k)| (d.to_string(), k.to_string()))
    .collect();
    assert_eq!(shape, expected, "{timeline:#}");

    // Who said so: each entry's sentences come from the articles that support it.
    let sources = |i: usize| -> Vec<String> {
        entries[i]["summary"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["article"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(sources(0).contains(&seed_id(&all, "003_")));
    assert!(sources(1).contains(&seed_id(&all, "002_")));
    let japan = [seed_id(&all, "000_"), seed_id(&all, "001_")];
    assert!(sources(2).iter().all(|id| japan.contains(id)));
    assert!(sources(3).iter().all(|id| japan.contains(id)));
    for sentence in entries[3]["summary"].as_array().unwrap() {
        assert!(
            sentence["text"].as_str().unwrap().contains("2020"),
            "{sentence}"
        );
        assert!(sentence["reported_on"]
            .as_str()
            .unwrap()
            .starts_with("2019-11"));
    }
    for entry in entries {
        assert_eq!(
            entry["precision"],
            precision_of(entry["date"].as_str().unwrap())
        );
    }

    // 004 states no date and its text gives none: it is listed, never placed.
    let undated: Vec<&str> = timeline["undated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let id004 = seed_id(&all, "004_");
    assert_eq!(undated, vec![id004.as_str()]);
    assert!(entries.iter().all(|e| e["summary"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["article"] != id004.as_str())));
}

fn precision_of(date: &str) -> &'static str {
    match date.len() {
        4 => "year",
        7 => "month",
        _ => "day",
    }
}

#[test]
fn timeline_flags_bound_dates_and_sentences() {
    let Some(seeds) = shared("seeds") else { return };
    let data = tempfile::tempdir().unwrap();
    assert!(storyline(data.path(), &["ingest", seeds.to_str().unwrap()])
        .status
        .success());
    let timeline = timeline_json(
        data.path(),
        &[
            "timeline",
            "Xiaomi",
            "--from",
            "2019",
            "--sentences",
            "1",
            "--json",
        ],
    );
    let entries = timeline["entries"].as_array().unwrap();
    assert!(!entries.is_empty());
    for entry in entries {
        assert!(entry["date"].as_str().unwrap() >= "2019", "{entry}");
        assert_eq!(entry["summary"].as_array().unwrap().len(), 1);
    }
    let day = timeline_json(
        data.path(),
        &["timeline", "Xiaomi", "--granularity", "day", "--json"],
    );
    let dates: Vec<&str> = day["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    assert!(dates.contains(&"2015-05-29"), "{dates:?}");
}

#[test]
fn a_storyline_timeline_and_clear_errors() {
    let data = tempfile::tempdir().unwrap();
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../demo/corpus");
    assert!(storyline(data.path(), &["ingest", corpus]).status.success());
    let out = storyline(data.path(), &["storylines", "--json"]);
    let first: Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    let id = first["id"].as_str().unwrap();
    let timeline = timeline_json(data.path(), &["timeline", "--storyline", id, "--json"]);
    let entries = timeline["entries"].as_array().unwrap();
    assert!(!entries.is_empty(), "{timeline:#}");
    let members: Vec<&Value> = first["articles"].as_array().unwrap().iter().collect();
    for entry in entries {
        for sentence in entry["summary"].as_array().unwrap() {
            assert!(members.contains(&&sentence["article"]), "{sentence}");
        }
    }
    let dates: Vec<&str> = entries
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);

    let bad = storyline(data.path(), &["timeline", "--storyline", "nope"]);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("no storyline \"nope\""),
        "{}",
        stderr(&bad)
    );
    let bad = storyline(data.path(), &["timeline", "x", "--from", "May"]);
    assert!(stderr(&bad).contains("--from \"May\""), "{}", stderr(&bad));
}

/// A Timeline17-layout folder small enough to reason about: one topic, two outlets, one
/// gold timeline of two days.
fn tiny_t17(root: &std::path::Path) {
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "quake_bbc/InputDocs/2010-01-12/1.htm.txt",
        "A powerful earthquake struck Haiti on Tuesday , flattening much of the capital .\n\
         Thousands of people are feared dead in Port-au-Prince .\n",
    );
    write(
        "quake_bbc/InputDocs/2010-01-13/2.htm.txt",
        "Rescuers searched the rubble of Port-au-Prince after the earthquake on January 12 .\n\
         Aid flights began arriving at the damaged airport .\n",
    );
    write(
        "quake_reuters/InputDocs/2010-01-14/1.htm.txt",
        "The United Nations appealed for aid as the death toll from the earthquake rose .\n\
         Aid flights were diverted from the congested airport .\n",
    );
    write(
        "quake_bbc/timelines/tl.txt",
        "2010-01-12\nA powerful earthquake strikes Haiti , flattening the capital . \n\
         --------------------------------\n\
         2010-01-14\nThe United Nations appeals for aid as the toll rises . \n\
         --------------------------------\n",
    );
}

#[test]
fn eval_timelines_reports_the_news_tls_figures_and_writes_predictions() {
    let root = tempfile::tempdir().unwrap();
    tiny_t17(root.path());
    let predictions = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = storyline(
        data.path(),
        &[
            "eval",
            "timelines",
            "--dataset",
            root.path().to_str().unwrap(),
            "--predictions",
            predictions.path().to_str().unwrap(),
            "--json",
            "--verbose",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let report: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(report["timelines"], 1);
    for key in ["ar1_f1", "ar2_f1", "date_f1"] {
        let value = report[key].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&value), "{key} = {value}");
    }
    // Both gold days hold the most coverage: the 12th (published and recalled) and one of
    // the two later days, so at least one of the two dates matches.
    assert!(report["date_f1"].as_f64().unwrap() >= 0.5, "{report}");
    assert_eq!(report["per_timeline"].as_array().unwrap().len(), 1);
    let written = std::fs::read_to_string(predictions.path().join("quake_bbc/tl.txt")).unwrap();
    assert!(written.contains("2010-01-12\n"), "{written}");
    assert!(written.contains(&"-".repeat(32)), "{written}");
}
