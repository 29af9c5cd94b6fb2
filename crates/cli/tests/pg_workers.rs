//! `storyline ingest --store postgres://...` and `storyline recluster --store`, with
//! the real binary:
//!
//! - the many-writers acceptance test: 4 `storyline ingest` processes ingest
//!   overlapping halves of N generated article files into one PostgreSQL schema at once
//!   (each file is in two workers' halves, two workers take theirs backwards); one is
//!   killed with SIGKILL mid-way and restarted. The store must hold each article exactly
//!   once and the same duplicate and event groups as one `storyline ingest` into a data
//!   directory. N is 2,000 (CI time); `STORYLINE_PG_WORKERS_N=20000` runs the size.
//! - `recluster` gives the same grouping on both backends for the same inputs.
//! - `ingest`, `recluster`, `reprocess` and `feeds` reach the store named, never the data directory;
//!   the group listings (`duplicates`, `events`, `storylines`, `explain`) read alike.
//!
//! Needs `STORYLINE_PG_URL` (skips with a message without it, fails without it when
//! `STORYLINE_REQUIRE_PG=1`).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{shared, stderr, stdout};
use storyline_model::Grouping;
use storyline_store::Store;
use storyline_store_pg::testing::{pg_url, PgSchema};
use storyline_store_pg::{synthetic, StoreBackend};

const WORKERS: usize = 4;

fn storyline() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_storyline"));
    command
        .env_remove("STORYLINE_DATA")
        .env_remove("STORYLINE_STORE");
    command
}

fn succeeded(output: Output, what: &str) -> String {
    assert!(
        output.status.success(),
        "{what} failed: {}",
        stderr(&output)
    );
    stdout(&output)
}

/// Generated article `i` as an HTML file (the generator's raw bytes, so its id is the
/// generator's id).
fn write_inputs(dir: &Path, n: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    (0..n)
        .map(|i| {
            let path = dir.join(format!("a{i:06}.html"));
            std::fs::write(&path, &synthetic::article(i).1.bytes).unwrap();
            path
        })
        .collect()
}

/// Worker `w`'s half: `n / 2` files from `w * n / 4`, wrapping; odd workers backwards.
fn half(files: &[PathBuf], worker: usize) -> Vec<&Path> {
    let n = files.len();
    let mut mine: Vec<&Path> = (0..n / 2)
        .map(|k| files[(worker * n / WORKERS + k) % n].as_path())
        .collect();
    if worker % 2 == 1 {
        mine.reverse();
    }
    mine
}

fn spawn_worker(schema: &PgSchema, files: &[&Path]) -> Child {
    storyline()
        .args([
            "ingest",
            "--json",
            "--store",
            &schema.url,
            "--schema",
            &schema.name,
        ])
        .args(files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting storyline ingest")
}

/// Duplicate groups and events as sets of member ids: which article is canonical (and
/// so an event's id) follows first-seen times among same-day copies, and those are the
/// times each worker stored them; the groups themselves must not depend on that.
type Groups = BTreeSet<BTreeSet<String>>;

fn groups(grouping: &Grouping) -> (Groups, Groups) {
    let duplicates = grouping
        .duplicates
        .iter()
        .map(|g| {
            std::iter::once(&g.canonical)
                .chain(&g.copies)
                .map(|id| id.to_string())
                .collect()
        })
        .collect();
    let events = grouping
        .events
        .iter()
        .map(|e| e.articles.iter().map(|id| id.to_string()).collect())
        .collect();
    (duplicates, events)
}

fn articles() -> usize {
    std::env::var("STORYLINE_PG_WORKERS_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

#[test]
fn four_ingest_processes_one_killed_store_each_article_once_grouped_as_one_writer() {
    let test = "four_ingest_processes_one_killed_store_each_article_once_grouped_as_one_writer";
    let Some(url) = pg_url(test) else { return };
    let n = articles();
    let dir = tempfile::tempdir().unwrap();
    let files = write_inputs(&dir.path().join("inputs"), n);
    let schema = PgSchema::new(&url, "workers");
    // Migrate the schema once before the race (each worker would also do it, under the
    // migration lock): the watcher below needs it to count.
    let watcher = schema.open();

    let mut workers: Vec<Child> = (0..WORKERS)
        .map(|w| spawn_worker(&schema, &half(&files, w)))
        .collect();

    // Kill worker 0 with SIGKILL (Child::kill on Unix) once the store holds a few
    // batches, while it is still running.
    let started = Instant::now();
    while watcher.article_count().unwrap() < 200 {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the workers stored nothing in five minutes"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        workers[0].try_wait().unwrap().is_none(),
        "worker 0 finished before the kill"
    );
    workers[0].kill().unwrap();
    let killed = workers[0].wait().unwrap();
    assert!(!killed.success(), "worker 0 should have died, got {killed}");
    let before_restart = watcher.article_count().unwrap();
    assert!(
        before_restart < n as u64,
        "everything was stored before the restart"
    );

    // Restarted: it redoes its whole half; what it had stored is already present.
    workers[0] = spawn_worker(&schema, &half(&files, 0));
    let mut ingested = 0;
    for (w, child) in workers.into_iter().enumerate() {
        let out = succeeded(child.wait_with_output().unwrap(), &format!("worker {w}"));
        let summary: serde_json::Value = serde_json::from_str(out.trim()).expect(&out);
        assert_eq!(summary["failed"], serde_json::json!([]), "worker {w}");
        assert_eq!(
            summary["ingested"].as_u64().unwrap() + summary["already_present"].as_u64().unwrap(),
            (n / 2) as u64,
            "worker {w}: {summary}"
        );
        ingested += summary["ingested"].as_u64().unwrap();
    }

    // Each article exactly once: as many rows as files, every generated id among them,
    // and the finished workers' inserts (plus what the killed one had stored) add up.
    let store = schema.open();
    assert_eq!(store.article_count().unwrap(), n as u64);
    assert_eq!(store.raw_count().unwrap(), n as u64);
    let stored: BTreeSet<String> = store
        .all_articles()
        .unwrap()
        .into_iter()
        .map(|a| a.id.to_string())
        .collect();
    let expected: BTreeSet<String> = (0..n)
        .map(|i| synthetic::article(i).0.id.to_string())
        .collect();
    assert_eq!(stored, expected);
    assert!(ingested <= n as u64, "{ingested} inserts for {n} articles");

    // The last regroup saw every article: regrouping again changes nothing.
    let grouping = store.grouping().unwrap();
    drop(store);
    succeeded(
        storyline()
            .args(["recluster", "--store", &url, "--schema", &schema.name])
            .output()
            .unwrap(),
        "recluster",
    );
    assert_eq!(schema.open().grouping().unwrap(), grouping);

    // The same groups as one writer ingesting every file into a data directory.
    let data = dir.path().join("single");
    succeeded(
        storyline()
            .arg("--data")
            .arg(&data)
            .arg("ingest")
            .arg(dir.path().join("inputs"))
            .output()
            .unwrap(),
        "single-writer ingest",
    );
    let reference = Store::open(&data).unwrap().grouping().unwrap();
    assert!(
        reference.duplicates.len() >= n / synthetic::REPOST_EVERY / 2,
        "the reposts should be found as copies: {} groups",
        reference.duplicates.len()
    );
    assert!(
        reference.events.iter().any(|e| e.articles.len() >= 3),
        "the topics should make events"
    );
    assert_eq!(groups(&grouping), groups(&reference));
}

/// The same inputs ingested into a data directory and into PostgreSQL (one process
/// each, grouping left for later), then `recluster` on each: the same grouping, ids
/// and order included.
#[test]
fn recluster_groups_alike_on_both_backends() {
    let test = "recluster_groups_alike_on_both_backends";
    let Some(url) = pg_url(test) else { return };
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_inputs(&inputs, 240);
    let mut paths = vec![inputs];
    paths.extend(shared("seeds"));
    let schema = PgSchema::new(&url, "recluster");
    let data = dir.path().join("data");

    let sqlite = |args: &[&str]| {
        let mut command = storyline();
        command.arg("--data").arg(&data).args(args);
        command
    };
    let postgres = |args: &[&str]| {
        let mut command = storyline();
        command
            .args(args)
            .args(["--store", &url, "--schema", &schema.name]);
        command
    };
    succeeded(
        sqlite(&["ingest", "--no-group"])
            .args(&paths)
            .output()
            .unwrap(),
        "ingest into SQLite",
    );
    succeeded(
        postgres(&["ingest", "--no-group"])
            .args(&paths)
            .output()
            .unwrap(),
        "ingest into PostgreSQL",
    );
    assert!(Store::open(&data)
        .unwrap()
        .grouping()
        .unwrap()
        .events
        .is_empty());
    assert!(schema.open().grouping().unwrap().events.is_empty());

    let said_sqlite = succeeded(sqlite(&["recluster"]).output().unwrap(), "recluster");
    let said_pg = succeeded(postgres(&["recluster"]).output().unwrap(), "recluster");
    assert_eq!(said_sqlite, said_pg);
    let on_sqlite = Store::open(&data).unwrap().grouping().unwrap();
    let on_pg = schema.open().grouping().unwrap();
    assert!(on_sqlite.duplicates.len() >= 20, "{said_sqlite}");
    assert!(on_sqlite.events.len() >= 20, "{said_sqlite}");
    assert_eq!(on_pg, on_sqlite);

    // Reprocessing re-derives every article alike on both (nothing changed since the
    // ingest) and regroups to the same grouping.
    let again_sqlite = succeeded(sqlite(&["reprocess"]).output().unwrap(), "reprocess");
    let again_pg = succeeded(postgres(&["reprocess"]).output().unwrap(), "reprocess");
    assert_eq!(again_pg, again_sqlite);
    assert!(again_pg.contains(", changed 0, failed 0"), "{again_pg}");
    assert_eq!(schema.open().grouping().unwrap(), on_sqlite);

    // The group listings read it alike from either store.
    let explained = on_sqlite.events[0].articles[0].to_string();
    for args in [
        &["duplicates"][..],
        &["duplicates", "--json"],
        &["events", "--json"],
        &["storylines"],
        &["storylines", "--json"],
        &["explain", &explained, "--json"],
    ] {
        let from_sqlite = succeeded(sqlite(args).output().unwrap(), &args.join(" "));
        let from_pg = succeeded(postgres(args).output().unwrap(), &args.join(" "));
        assert!(!from_sqlite.trim().is_empty(), "{args:?}");
        assert_eq!(from_pg, from_sqlite, "{args:?}");
    }
}

/// `ingest` and `recluster` take `$STORYLINE_STORE` as they take `--store`.
#[test]
fn ingest_and_recluster_take_the_store_from_the_environment() {
    let test = "ingest_and_recluster_take_the_store_from_the_environment";
    let Some(url) = pg_url(test) else { return };
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_inputs(&inputs, 30);
    let schema = PgSchema::new(&url, "env");
    // The schema: --schema needs --store, so a store in a schema is named by the URL's
    // search_path option here.
    let in_schema = format!("{url}?options=-csearch_path%3D{}", schema.name);
    schema.open();
    let data = dir.path().join("unused");
    let out = storyline()
        .env("STORYLINE_STORE", &in_schema)
        .arg("--data")
        .arg(&data)
        .arg("ingest")
        .arg(&inputs)
        .output()
        .unwrap();
    let said = succeeded(out, "ingest with STORYLINE_STORE");
    assert!(said.contains("ingested 30,"), "{said}");
    assert_eq!(schema.open().article_count().unwrap(), 30);
    assert!(!schema.open().grouping().unwrap().events.is_empty());
    assert!(!data.exists(), "the data directory was used");
    let out = storyline()
        .env("STORYLINE_STORE", &in_schema)
        .arg("--data")
        .arg(&data)
        .arg("recluster")
        .output()
        .unwrap();
    succeeded(out, "recluster with STORYLINE_STORE");
    assert!(!data.exists(), "the data directory was used");
}

/// `feeds add|list|remove` on a PostgreSQL store (the subscriptions `watch --store`
/// polls), with --store after the subcommand; nothing lands in the data directory.
#[test]
fn feeds_are_kept_in_the_postgresql_store() {
    let test = "feeds_are_kept_in_the_postgresql_store";
    let Some(url) = pg_url(test) else { return };
    let schema = PgSchema::new(&url, "feeds");
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("unused");
    let feeds = |args: &[&str]| {
        storyline()
            .arg("--data")
            .arg(&data)
            .arg("feeds")
            .args(args)
            .args(["--store", &url, "--schema", &schema.name])
            .output()
            .unwrap()
    };
    let said = succeeded(feeds(&["add", "https://news.example/rss"]), "feeds add");
    assert_eq!(said.trim(), "subscribed https://news.example/rss");
    let listed = succeeded(feeds(&["list", "--json"]), "feeds list");
    let rows: Vec<serde_json::Value> = listed
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 1, "{listed}");
    assert_eq!(rows[0]["url"], "https://news.example/rss");
    assert_eq!(schema.open().feeds().unwrap().len(), 1);
    succeeded(
        feeds(&["remove", "https://news.example/rss"]),
        "feeds remove",
    );
    assert!(schema.open().feeds().unwrap().is_empty());
    assert!(!data.exists(), "the data directory was used");
}
