//! The demo corpus through the CLI, checked against the ground truth it was written to
//! (`demo/expected.json`): everything stored, stated dates read, reposts grouped.

mod common;

use std::path::Path;

use common::{articles, storyline};
use serde_json::Value;

fn demo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo")
}

/// The article whose source ends with `name` (records: `records.jsonl:N`).
fn find<'a>(all: &'a [Value], name: &str) -> &'a Value {
    all.iter()
        .find(|a| a["source"].as_str().unwrap_or_default().ends_with(name))
        .unwrap_or_else(|| panic!("no article from {name}"))
}

#[test]
fn demo_corpus_is_stored_dated_and_reposts_grouped() {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(demo().join("expected.json")).unwrap())
            .unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = storyline(
        data.path(),
        &["ingest", demo().join("corpus").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let all = articles(data.path());
    assert_eq!(all.len(), 43);

    // Stated dates are read exactly; undated documents never get a stated date.
    for (file, date) in expected["dates"].as_object().unwrap() {
        assert_eq!(find(&all, file)["published"]["date"], *date, "{file}");
    }
    for file in expected["undated"].as_object().unwrap().keys() {
        let published = &find(&all, file)["published"];
        assert!(
            published["date"].is_null() || published["source"] == "inferred",
            "{file} has no stated date but got {published}"
        );
    }
    let stated = [
        "dailyvolt/2016-03-lumora-seed.md",
        "globalbiz/porto-plant.html",
    ];
    assert_eq!(find(&all, stated[0])["published"]["source"], "front_matter");
    assert_eq!(find(&all, stated[1])["published"]["source"], "url");

    assert_eq!(find(&all, "other/lumora-berlin-de.txt")["lang"], "de");
    assert_eq!(find(&all, "other/lumora-europe-zh.txt")["lang"], "zh");
    assert_eq!(find(&all, "cityledger/lumora-recall.html")["lang"], "en");

    // Every designed repost is grouped under its original.
    for pair in expected["duplicates"].as_array().unwrap() {
        let original = find(&all, pair[0].as_str().unwrap());
        let copy = find(&all, pair[1].as_str().unwrap());
        let (a, b) = (&original["id"], &copy["id"]);
        let grouped = copy["duplicate_of"] == *a || original["duplicate_of"] == *b;
        assert!(
            grouped,
            "{} and {} not grouped ({})",
            pair[0], pair[1], pair[2]
        );
    }
    // Articles that are not copies of each other are not called copies.
    let copies = all.iter().filter(|a| !a["duplicate_of"].is_null()).count();
    assert_eq!(copies, expected["duplicates"].as_array().unwrap().len());
}

#[test]
fn the_readme_first_command_builds_and_runs_the_storyline_binary() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    let first = readme
        .split("```sh\n")
        .nth(1)
        .and_then(|block| block.lines().next())
        .expect("README has a first sh block");
    // The workspace has several binaries (storyline, and the PostgreSQL worker and bench
    // of store-pg): a bare `cargo run` stops with "could not determine which binary".
    let run = first
        .split("&&")
        .find(|part| part.contains("cargo run"))
        .expect("the first command builds with cargo run");
    assert!(
        run.contains("-p storyline ") || run.contains("--bin storyline "),
        "{run}"
    );
    assert!(run.contains("ingest demo/corpus"), "{run}");
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_quietly() {
    use std::process::Stdio;
    let data = tempfile::tempdir().unwrap();
    let ingest = storyline(
        data.path(),
        &["ingest", demo().join("corpus").to_str().unwrap()],
    );
    assert!(ingest.status.success(), "{}", common::stderr(&ingest));
    // `storyline articles | head -n 0`: the reader has closed the pipe before the table
    // (some 40 rows, which would all fit in a pipe's buffer) is written, while storyline
    // is still opening its store.
    let mut child = common::command(data.path(), &["articles"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    // The status a shell reports for a process SIGPIPE ended.
    assert_eq!(out.status.code(), Some(141), "{:?}", out.status);
}
