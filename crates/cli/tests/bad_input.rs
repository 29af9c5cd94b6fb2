//! Bad inputs each get one clear error naming the input; the good ones are stored.

mod common;

use std::io::Write;
use std::path::Path;

use common::{articles, stderr, storyline};

const GOOD: &str = "Lumora opens a battery plant in Porto\n\nLumora, the scooter maker, opened its first European battery plant on Tuesday, the company said. The plant will employ 400 people and supply the company's new models from next spring.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn each_bad_input_is_named_and_the_rest_are_stored() {
    let inputs = tempfile::tempdir().unwrap();
    let dir = inputs.path();
    write(dir, "good.txt", GOOD.as_bytes());
    write(
        dir,
        "good.txt.gz",
        &gzip(GOOD.replace("Porto", "Braga").as_bytes()),
    );
    write(
        dir,
        "binary.bin",
        &[
            0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 0, 0, 0, 0, 3, 0, 0xff, 0,
        ],
    );
    write(dir, "empty.txt", b"");
    let mut bad_utf8 =
        b"<html><head><meta charset=\"utf-8\"><title>T</title></head><body><p>Caf".to_vec();
    bad_utf8.extend_from_slice(&[0xe9, 0x20, 0xff]);
    bad_utf8.extend_from_slice(b" au lait</p></body></html>");
    write(dir, "declared-utf8.html", &bad_utf8);
    let full = gzip(GOOD.replace("Porto", "Faro").as_bytes());
    write(dir, "truncated.txt.gz", &full[..full.len() / 2]);
    let records = concat!(
        r#"{"title": "Record one", "maintext": "The first record body, long enough to be an article about Lumora.", "date_publish": "2019-03-04 10:00:00"}"#,
        "\n",
        r#"{"title": "Record two", "maintext": "#,
        "\n",
        r#"{"title": "Record three", "maintext": "The third record body, also about Lumora and its plans for Europe."}"#,
        "\n"
    );
    write(dir, "records.jsonl", records.as_bytes());

    let data = tempfile::tempdir().unwrap();
    let out = storyline(data.path(), &["ingest", dir.to_str().unwrap()]);
    let err = stderr(&out);
    assert!(
        !out.status.success(),
        "ingest must fail when an input failed"
    );
    for name in [
        "binary.bin",
        "empty.txt",
        "declared-utf8.html",
        "truncated.txt.gz",
        "records.jsonl:2",
    ] {
        assert!(err.contains(name), "no error naming {name}:\n{err}");
    }
    assert!(!err.contains("panicked"), "a panic: {err}");

    let stored = articles(data.path());
    let titles: Vec<&str> = stored.iter().filter_map(|a| a["title"].as_str()).collect();
    assert_eq!(
        stored.len(),
        4,
        "good.txt, good.txt.gz and two records: {titles:?}"
    );
    assert!(titles.contains(&"Record one") && titles.contains(&"Record three"));
    let record_one = stored.iter().find(|a| a["title"] == "Record one").unwrap();
    assert_eq!(record_one["published"]["date"], "2019-03-04");
    assert_eq!(record_one["published"]["source"], "record_field");
}

#[test]
fn ingesting_the_same_content_again_adds_nothing() {
    let inputs = tempfile::tempdir().unwrap();
    write(inputs.path(), "a.txt", GOOD.as_bytes());
    write(inputs.path(), "copy-of-a.txt", GOOD.as_bytes());
    let data = tempfile::tempdir().unwrap();
    let first = storyline(
        data.path(),
        &["ingest", "--json", inputs.path().to_str().unwrap()],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let summary: serde_json::Value = serde_json::from_str(common::stdout(&first).trim()).unwrap();
    assert_eq!(summary["ingested"], 1);
    assert_eq!(summary["already_present"], 1);
    let second = storyline(
        data.path(),
        &["ingest", "--json", inputs.path().to_str().unwrap()],
    );
    let summary: serde_json::Value = serde_json::from_str(common::stdout(&second).trim()).unwrap();
    assert_eq!(summary["ingested"], 0);
    assert_eq!(summary["already_present"], 2);
    assert_eq!(articles(data.path()).len(), 1);
}

#[test]
fn a_missing_path_is_named() {
    let data = tempfile::tempdir().unwrap();
    let out = storyline(data.path(), &["ingest", "/nonexistent/storyline-input.txt"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("/nonexistent/storyline-input.txt"));
}
