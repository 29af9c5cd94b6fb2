//! `storyline migrate`: the seeds ingested into a data directory, copied into
//! PostgreSQL and back into a second directory, read the same through the CLI
//! (`articles`, `show`, `events`, `duplicates`). Needs `STORYLINE_PG_URL` (skips with a
//! message without it, fails without it when `STORYLINE_REQUIRE_PG=1`, as the store-pg
//! tests do).

mod common;

use std::path::Path;
use std::process::Command;

use common::{articles, shared, stderr, stdout, storyline};
use storyline_store_pg::testing::{pg_url, PgSchema};

fn migrate(from: &str, to: &str, schema: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(["migrate", "--from", from, "--to", to, "--schema", schema])
        .output()
        .expect("the storyline binary runs");
    assert!(out.status.success(), "migrate failed: {}", stderr(&out));
    stdout(&out)
}

fn listing(data: &Path, args: &[&str]) -> String {
    let out = storyline(data, args);
    assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn a_store_copied_into_postgresql_and_back_is_the_same_store() {
    let Some(url) = pg_url("a_store_copied_into_postgresql_and_back_is_the_same_store") else {
        return;
    };
    let Some(seeds) = shared("seeds") else { return };
    let schema = PgSchema::new(&url, "cli_migrate");
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let out = storyline(first.path(), &["ingest", seeds.to_str().unwrap()]);
    assert!(out.status.success(), "ingest failed: {}", stderr(&out));
    let before = articles(first.path());
    assert!(before.len() >= 5, "{before:?}");

    let there = migrate(first.path().to_str().unwrap(), &url, &schema.name);
    assert!(
        there.contains(&format!("copied and checked {} articles", before.len())),
        "{there}"
    );
    assert!(there.contains("sqlite -> postgres"), "{there}");
    // Into a store that is not empty: refused, nothing changed.
    let again = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args([
            "migrate",
            "--from",
            first.path().to_str().unwrap(),
            "--to",
            &url,
        ])
        .args(["--schema", &schema.name])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(stderr(&again).contains("not empty"), "{}", stderr(&again));

    // The copy answers `search --store` with PostgreSQL's full-text search: the same
    // articles as the data directory's tantivy index for the same query.
    // A word of the first title (the longest: not a stop word, which PostgreSQL's
    // English configuration drops and tantivy keeps).
    let word = before[0]["title"]
        .as_str()
        .unwrap()
        .split(|c: char| !c.is_alphabetic())
        .max_by_key(|w| w.len())
        .unwrap()
        .to_lowercase();
    let search = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["search", word.as_str(), "--json", "--limit", "100"];
        args.extend_from_slice(extra);
        let mut ids: Vec<String> = listing(first.path(), &args)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
            .collect();
        ids.sort();
        ids
    };
    let on_pg = search(&["--store", &url, "--schema", &schema.name]);
    assert!(!on_pg.is_empty());
    assert_eq!(on_pg, search(&[]));

    // `articles` and `show` read the PostgreSQL copy as they read the directory.
    let on = ["--store", url.as_str(), "--schema", schema.name.as_str()];
    let id = before[0]["id"].as_str().unwrap();
    assert_eq!(
        listing(first.path(), &[&["articles", "--json"][..], &on].concat()),
        listing(first.path(), &["articles", "--json"])
    );
    assert_eq!(
        listing(first.path(), &[&["show", id, "--json"][..], &on].concat()),
        listing(first.path(), &["show", id, "--json"])
    );

    let back = migrate(&url, second.path().to_str().unwrap(), &schema.name);
    assert!(back.contains("postgres -> sqlite"), "{back}");

    assert_eq!(articles(second.path()), before);
    for command in [["events", "--json"], ["duplicates", "--json"]] {
        assert_eq!(
            listing(second.path(), &command),
            listing(first.path(), &command),
            "{command:?}"
        );
    }
    assert_eq!(
        listing(second.path(), &["show", id, "--json"]),
        listing(first.path(), &["show", id, "--json"])
    );
}

#[test]
fn commands_not_on_postgresql_yet_refuse_rather_than_use_the_directory() {
    let data = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_storyline"))
            .arg("--data")
            .arg(data.path())
            .args(args)
            .env("STORYLINE_STORE", "postgres://nobody@127.0.0.1:9/none")
            .output()
            .unwrap()
    };
    let out = run(&["reindex"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("`storyline reindex` does not work on a PostgreSQL store yet"),
        "{}",
        stderr(&out)
    );
    // `ingest` takes the store: it fails on the unreachable one, naming it, and does not
    // fall back to the directory.
    let out = run(&["ingest", "-"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("postgres://nobody@127.0.0.1:9/none"),
        "{}",
        stderr(&out)
    );
    assert!(!data.path().join(storyline_store::DB_FILE_NAME).exists());
}
