//! `storyline search` and `storyline reindex` over a real store and index: the seeds,
//! filters, bad queries, and recovery when the index is deleted, damaged or behind.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::{articles, shared, stderr, stdout, storyline};
use serde_json::Value;

fn ingest(data: &Path, paths: &[&str]) {
    let mut args = vec!["ingest"];
    args.extend_from_slice(paths);
    let out = storyline(data, &args);
    assert!(out.status.success(), "ingest failed: {}", stderr(&out));
}

fn search(data: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.push("--json");
    let out = storyline(data, &all);
    assert!(
        out.status.success(),
        "search {args:?} failed: {}",
        stderr(&out)
    );
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// Article id → the seed file name prefix ("000", "001"...).
fn seed_names(data: &Path) -> HashMap<String, String> {
    articles(data)
        .iter()
        .map(|a| {
            let source = a["source"].as_str().unwrap();
            let file = source.rsplit('/').next().unwrap();
            (a["id"].as_str().unwrap().to_string(), file[..3].to_string())
        })
        .collect()
}

fn ranked_seeds(data: &Path, args: &[&str]) -> Vec<String> {
    let names = seed_names(data);
    search(data, args)
        .iter()
        .map(|hit| names[hit["id"].as_str().unwrap()].clone())
        .collect()
}

#[test]
fn seeds_japan_ranks_000_and_001_first() {
    let Some(seeds) = shared("seeds") else { return };
    let data = tempfile::tempdir().unwrap();
    ingest(data.path(), &[seeds.to_str().unwrap()]);
    let hits = search(data.path(), &["Japan"]);
    let ranked = ranked_seeds(data.path(), &["Japan"]);
    let mut first_two = ranked[..2].to_vec();
    first_two.sort();
    assert_eq!(first_two, ["000", "001"], "ranking: {ranked:?}");
    let hit = &hits[0];
    for key in ["id", "title", "site", "published", "score", "snippet"] {
        assert!(hit.get(key).is_some(), "no {key} in {hit}");
    }
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert!(
        hit["snippet"].as_str().unwrap().contains("<b>Japan</b>"),
        "{hit}"
    );
    assert!(hits
        .iter()
        .all(|h| h["score"].as_f64() <= hit["score"].as_f64()));

    // Filters: 000 is dated 2019-11-05; 003 is from 2015.
    let in_2019 = ranked_seeds(
        data.path(),
        &["Xiaomi", "--from", "2019-11", "--to", "2019-11"],
    );
    assert!(in_2019.contains(&"000".to_string()), "{in_2019:?}");
    assert!(!in_2019.contains(&"003".to_string()), "{in_2019:?}");
    assert!(search(data.path(), &["Xiaomi", "--lang", "fr"]).is_empty());
    assert_eq!(search(data.path(), &["Xiaomi", "--limit", "2"]).len(), 2);
    // A phrase and a negation.
    let phrase = ranked_seeds(data.path(), &["\"enter Japan\""]);
    assert!(phrase.contains(&"000".to_string()) && !phrase.contains(&"004".to_string()));
    let not = ranked_seeds(data.path(), &["Xiaomi -Japan"]);
    assert!(
        !not.contains(&"000".to_string()) && !not.is_empty(),
        "{not:?}"
    );

    // The readable list names the count and the titles.
    let out = storyline(data.path(), &["search", "Japan"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with(&format!("{} match", hits.len())), "{text}");
    assert!(text.contains(hits[0]["title"].as_str().unwrap()), "{text}");

    let out = storyline(data.path(), &["reindex"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("indexed 5 documents"),
        "{}",
        stdout(&out)
    );
    assert_eq!(ranked_seeds(data.path(), &["Japan"]), ranked);
}

#[test]
fn bad_queries_and_dates_are_clear_errors() {
    let Some(seeds) = shared("seeds") else { return };
    let data = tempfile::tempdir().unwrap();
    ingest(data.path(), &[seeds.to_str().unwrap()]);
    let out = storyline(data.path(), &["search", "nosuchfield:japan"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("bad search query \"nosuchfield:japan\""),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let out = storyline(data.path(), &["search", "Japan", "--from", "2019-02-30"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("--from \"2019-02-30\""),
        "{}",
        stderr(&out)
    );
}

fn write_article(dir: &Path, name: &str, title: &str, body: &str) -> String {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!("---\ntitle: '{title}'\ndate: 2021-03-04\n---\n\n{body}\n"),
    )
    .unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn index_recovers_when_deleted_damaged_or_behind() {
    let data = tempfile::tempdir().unwrap();
    let inputs = tempfile::tempdir().unwrap();
    let first = write_article(
        inputs.path(),
        "a.md",
        "Lighthouse keepers strike",
        "The lighthouse keepers of the northern coast went on strike over pay.",
    );
    let second = write_article(
        inputs.path(),
        "b.md",
        "Ferry timetable changes",
        "The island ferry will sail twice a day from June, the operator said.",
    );
    ingest(data.path(), &[&first]);
    assert_eq!(search(data.path(), &["lighthouse"]).len(), 1);

    let index = data.path().join("index");
    assert!(index.join("meta.json").exists(), "ingest built the index");

    // Deleted: the index is rebuilt by the next search, and kept in step by an ingest
    // that happens before it.
    std::fs::remove_dir_all(&index).unwrap();
    ingest(data.path(), &["--no-group", &second]);
    assert_eq!(
        search(data.path(), &["lighthouse"]).len(),
        1,
        "the old article is back"
    );
    assert_eq!(search(data.path(), &["ferry"]).len(), 1);

    // Damaged: meta.json garbage.
    std::fs::write(index.join("meta.json"), b"{ this is not json").unwrap();
    assert_eq!(search(data.path(), &["ferry"]).len(), 1);
    // Damaged: every segment file truncated.
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e != "json" && e != "lock") {
            std::fs::write(&path, b"").unwrap();
        }
    }
    assert_eq!(search(data.path(), &["lighthouse"]).len(), 1);

    // Behind: the store changed without the index (as after a crash between the store
    // commit and the index commit), and its token says so.
    {
        let mut store = storyline_store::Store::open(data.path()).unwrap();
        let ferry = search(data.path(), &["ferry"]);
        let id = ferry[0]["id"].as_str().unwrap();
        let mut article = store.article(id).unwrap().unwrap();
        article.title = "Ferry timetable changes for the albatross season".to_string();
        store.replace_article(&article).unwrap();
        assert!(
            search(data.path(), &["albatross"]).is_empty(),
            "in step until marked"
        );
        store.kv_set("search.token", "crashed-mid-ingest").unwrap();
    }
    let found = search(data.path(), &["albatross"]);
    assert_eq!(
        found.len(),
        1,
        "the catch-up re-indexed the changed article"
    );
    assert_eq!(
        found[0]["title"],
        "Ferry timetable changes for the albatross season"
    );
    assert_eq!(search(data.path(), &["lighthouse"]).len(), 1);
}
