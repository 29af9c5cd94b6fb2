//! A kill -9 in the middle of an ingest leaves a consistent store, and re-running the
//! ingest completes it.
//!
//! The parent test re-runs this test executable, selecting the ignored helper test
//! below with an environment variable naming the data directory; the helper inserts
//! batches until the parent kills it with SIGKILL.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use storyline_store::{InsertOutcome, Store};

const DIR_VAR: &str = "STORYLINE_STORE_CRASH_DIR";
const BATCH: usize = 200;
const BATCHES: usize = 60;
const HELPER: &str = "crash_helper_inserts_batches_until_killed";

fn batch(index: usize) -> Vec<(storyline_model::Article, storyline_store::RawInput)> {
    common::samples(index * BATCH..(index + 1) * BATCH)
}

/// Not a test of its own: the body the parent runs in a child process and kills.
#[test]
#[ignore = "helper process for crash_mid_ingest_leaves_a_consistent_store"]
fn crash_helper_inserts_batches_until_killed() {
    let Ok(dir) = std::env::var(DIR_VAR) else {
        eprintln!("{DIR_VAR} is not set: this helper only runs under the crash test");
        return;
    };
    // Build every batch first, so that after each "committed" line the process is
    // straight back inside a transaction, where the kill should land.
    let batches: Vec<_> = (0..BATCHES).map(batch).collect();
    let mut store = Store::open(std::path::Path::new(&dir)).unwrap();
    for (index, items) in batches.iter().enumerate() {
        store.insert_articles(items).unwrap();
        println!("committed batch {index}");
    }
}

/// Run the helper until it has committed `batches_before_kill` batches, then kill it.
fn run_and_kill(dir: &std::path::Path, batches_before_kill: usize, delay: Duration) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            HELPER,
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DIR_VAR, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the test executable can re-run itself");
    let stdout = child.stdout.take().unwrap();
    let mut committed = 0;
    for line in BufReader::new(stdout).lines() {
        if line.unwrap().starts_with("committed batch") {
            committed += 1;
            if committed == batches_before_kill {
                break;
            }
        }
    }
    assert_eq!(committed, batches_before_kill, "the helper stopped early");
    // Let the next batch (tens of milliseconds) get under way, then kill without
    // warning (SIGKILL on Unix).
    std::thread::sleep(delay);
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the helper should have been killed, not finished"
    );
}

/// The store is sound, every stored article is whole, and batches were all-or-nothing.
fn check_consistent(
    dir: &std::path::Path,
    expected: &HashMap<String, storyline_model::Article>,
) -> u64 {
    let store = Store::open(dir).unwrap();
    let report = store.verify().unwrap();
    assert!(
        report.is_ok(),
        "store inconsistent after a kill: {report:?}"
    );
    let count = store.article_count().unwrap();
    assert_eq!(
        count % BATCH as u64,
        0,
        "a batch was stored in part: {count} articles"
    );
    assert_eq!(store.raw_count().unwrap(), count);
    store
        .for_each_article(|article| {
            let original = &expected[article.id.as_str()];
            assert_eq!(
                &article, original,
                "article {} differs from what was inserted",
                article.id
            );
            let raw = store
                .raw_input(&article.raw_hash)
                .unwrap()
                .expect("raw input stored");
            assert_eq!(storyline_model::content_hash(&raw.bytes), article.raw_hash);
        })
        .unwrap();
    count
}

#[test]
fn crash_mid_ingest_leaves_a_consistent_store() {
    let dir = tempfile::tempdir().unwrap();
    let expected: HashMap<String, storyline_model::Article> = (0..BATCHES)
        .flat_map(batch)
        .map(|(article, _)| (article.id.0.clone(), article))
        .collect();

    run_and_kill(dir.path(), 3, Duration::from_millis(5));
    let after_first = check_consistent(dir.path(), &expected);
    assert!(after_first >= 3 * BATCH as u64, "{after_first}");

    // A second run starts over from batch 0: stored batches are skipped, and it dies again.
    run_and_kill(
        dir.path(),
        after_first as usize / BATCH + 2,
        Duration::from_millis(20),
    );
    let after_second = check_consistent(dir.path(), &expected);
    assert!(
        after_second > after_first,
        "{after_second} <= {after_first}"
    );

    // Re-running to the end completes the set without duplicates.
    let mut store = Store::open(dir.path()).unwrap();
    let mut already = 0;
    for index in 0..BATCHES {
        let outcomes = store.insert_articles(&batch(index)).unwrap();
        already += outcomes
            .iter()
            .filter(|o| **o == InsertOutcome::AlreadyPresent)
            .count();
    }
    assert_eq!(already as u64, after_second);
    assert_eq!(store.article_count().unwrap(), (BATCHES * BATCH) as u64);
    assert!(store.verify().unwrap().is_ok());
}
