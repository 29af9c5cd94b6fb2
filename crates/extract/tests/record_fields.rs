//! JSON records of news tools: field mapping, paragraphs, and the shared data sets.

use std::io::Read;
use std::path::PathBuf;

use storyline_extract::record::{extract_record, FieldMap};
use storyline_model::DateSource;

fn data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: no shared data at {}", dir.display());
        None
    }
}

#[test]
fn news_please_record_fields_are_mapped() {
    let json = r#"{"authors": ["Jane Doe", "John Roe"], "date_publish": "2017-09-15T00:00:00",
        "date_modify": "2017-09-16 10:00:00", "source_domain": "example.com", "language": "en",
        "title": "Port reopens &amp; ships return", "url": "https://example.com/a",
        "maintext": "First paragraph.\nSecond paragraph &#8217;quoted&#8217;.\n\n\nThird   one.  ",
        "description": "A summary."}"#;
    let x = extract_record(json, &FieldMap::default());
    assert_eq!(x.title, "Port reopens & ships return");
    assert_eq!(x.authors, vec!["Jane Doe", "John Roe"]);
    assert_eq!(x.site.as_deref(), Some("example.com"));
    assert_eq!(x.lang.as_deref(), Some("en"));
    assert_eq!(x.url.as_deref(), Some("https://example.com/a"));
    assert_eq!(
        x.body,
        vec![
            "First paragraph.",
            "Second paragraph \u{2019}quoted\u{2019}.",
            "Third one."
        ]
    );
    assert_eq!(x.date_candidates.len(), 2);
    assert_eq!(x.date_candidates[0].text, "2017-09-15T00:00:00");
    assert_eq!(x.date_candidates[0].source, DateSource::RecordField);
    assert!(!x.date_candidates[0].modified && x.date_candidates[1].modified);
    assert!(x.removed.is_empty());
}

#[test]
fn field_map_pairs_are_tried_first() {
    let json = r#"{"headline": "Ignored", "heading": "Chosen", "copy": "Body from copy.", "text": "Default body.",
        "when": "3 March 2019", "writer": "Ann Lee and Raj Patel"}"#;
    let map = FieldMap {
        pairs: vec![
            ("title".into(), "heading".into()),
            ("body".into(), "copy".into()),
            ("date".into(), "when".into()),
            ("authors".into(), "writer".into()),
        ],
    };
    let x = extract_record(json, &map);
    assert_eq!(x.title, "Chosen");
    assert_eq!(x.body, vec!["Body from copy."]);
    assert_eq!(x.date_candidates[0].text, "3 March 2019");
    assert_eq!(x.authors, vec!["Ann Lee", "Raj Patel"]);
}

#[test]
fn description_is_the_last_resort_and_html_bodies_are_stripped() {
    let x = extract_record(
        r#"{"headline": "H", "description": "Only a summary."}"#,
        &FieldMap::default(),
    );
    assert_eq!(x.body, vec!["Only a summary."]);
    let x = extract_record(
        r#"{"title": "T", "content": "<p>One <b>bold</b> line.</p><p>Two.</p>"}"#,
        &FieldMap::default(),
    );
    assert_eq!(x.body, vec!["One bold line.", "Two."]);
    let x = extract_record(
        r#"{"title": "T", "author": {"name": "Ann Lee"}, "published": 1554000000}"#,
        &FieldMap::default(),
    );
    assert_eq!(x.authors, vec!["Ann Lee"]);
    assert_eq!(x.date_candidates[0].text, "1554000000");
}

#[test]
fn non_objects_and_empty_records_give_empty_results() {
    for json in [
        "[1,2]",
        "\"text\"",
        "not json",
        "",
        "{}",
        r#"{"title": null, "text": "  "}"#,
    ] {
        let x = extract_record(json, &FieldMap::default());
        assert!(x.title.is_empty() && x.body.is_empty(), "{json}: {x:?}");
    }
}

#[test]
fn reuters_records_split_into_indented_paragraphs() {
    let Some(dir) = data_dir() else { return };
    let path = dir.join("reuters/reuters21578.jsonl.gz");
    let Ok(file) = std::fs::File::open(&path) else {
        eprintln!("skipping: {} absent", path.display());
        return;
    };
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .expect("gzip");
    let mut with_body = 0;
    for line in text.lines().take(500) {
        let x = extract_record(line, &FieldMap::default());
        assert!(!x.title.is_empty() || x.body.is_empty(), "{line}");
        assert_eq!(x.date_candidates.len(), 1, "{line}");
        assert!(x
            .body
            .iter()
            .all(|p| !p.contains('\n') && !p.contains("  ")));
        if !x.body.is_empty() {
            with_body += 1;
        }
    }
    assert!(with_body > 400, "{with_body}");
    let first = extract_record(text.lines().next().unwrap(), &FieldMap::default());
    assert_eq!(first.title, "BAHIA COCOA REVIEW");
    assert_eq!(first.date_candidates[0].text, "26-FEB-1987 15:01:01.79");
    assert!(
        first.body[0].starts_with("Showers continued throughout the week in the Bahia cocoa zone")
    );
    assert!(first.body[1].starts_with("The dry period means the temporao will be late this year."));
    assert!(first.body.len() >= 10, "{:#?}", first.body);
}

#[test]
fn news_cluster_records_keep_one_paragraph_per_line() {
    let Some(dir) = data_dir() else { return };
    let Ok(entries) = std::fs::read_dir(dir.join("news-cluster")) else {
        eprintln!("skipping: no news-cluster folder");
        return;
    };
    let mut seen = 0;
    for entry in entries.filter_map(Result::ok).take(50) {
        let Ok(json) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let x = extract_record(&json, &FieldMap::default());
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        if let Some(text) = value["text"].as_str() {
            let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
            assert!(
                x.body.len() <= lines && !x.body.is_empty(),
                "{}",
                entry.path().display()
            );
        }
        assert!(x.site.is_some(), "{}", entry.path().display());
        seen += 1;
    }
    assert!(seen > 0);
}
