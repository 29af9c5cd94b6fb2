//! The many-writers acceptance test, with real processes: 4 workers ingest overlapping
//! halves of N generated articles into one PostgreSQL store at once (each article is
//! in two workers' halves, two workers walk backwards); one is killed with SIGKILL
//! mid-way and restarted (and a second one killed as soon as it commits, so most
//! likely inside a transaction). The store must then hold each article exactly once, byte for
//! byte as generated, and group them exactly as a single writer's SQLite store does.
//!
//! N is 2,000 (CI time); `STORYLINE_PG_WORKERS_N=20000` runs the size.

mod support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use storyline_cluster::{cluster_all, ClusterConfig};
use storyline_model::Article;
use storyline_store::Store;
use storyline_store_pg::{synthetic, StoreBackend};
use support::{pg_url, PgSchema};

const WORKER: &str = env!("CARGO_BIN_EXE_pg-ingest-worker");
const WORKERS: usize = 4;

fn articles() -> usize {
    std::env::var("STORYLINE_PG_WORKERS_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

fn spawn(url: &str, schema: &str, worker: usize, n: usize) -> Child {
    Command::new(WORKER)
        .args(["--store", url, "--schema", schema, "--batch", "50"])
        .args(["--from", &(worker * n / WORKERS).to_string()])
        .args(["--count", &(n / 2).to_string(), "--total", &n.to_string()])
        .args(if worker % 2 == 1 {
            &["--reverse"][..]
        } else {
            &[]
        })
        // The victim sleeps between batches, so the kill lands mid-way.
        .args(["--pause-ms", if worker == 0 { "30" } else { "0" }])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting pg-ingest-worker")
}

/// Wait for a worker; its stdout lines, or a panic with its stderr.
fn finish(child: Child, what: &str) -> Vec<String> {
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn four_workers_two_killed_and_restarted_store_each_article_once() {
    let Some(url) = pg_url("four_workers_two_killed_and_restarted_store_each_article_once") else {
        return;
    };
    let n = articles();
    let schema = PgSchema::new(&url, "workers");

    let mut workers: Vec<Child> = (0..WORKERS)
        .map(|w| spawn(&url, &schema.name, w, n))
        .collect();

    // Kill worker 0 with SIGKILL (Child::kill on Unix) after its third committed batch.
    let mut victim = workers.remove(0);
    let mut lines = BufReader::new(victim.stdout.take().unwrap()).lines();
    let mut committed = 0;
    while committed < 3 {
        let line = lines
            .next()
            .expect("worker 0 ended before its third batch")
            .unwrap();
        assert!(line.starts_with("batch "), "{line}");
        committed += 1;
    }
    victim.kill().unwrap();
    let status = victim.wait().unwrap();
    assert!(!status.success(), "worker 0 should have died, got {status}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        !rest.iter().any(|l| l.starts_with("done")),
        "worker 0 finished before the kill: {rest:?}"
    );

    // Worker 2 runs without pauses and spends most of its time inside insert
    // transactions: killed as soon as its first batch is committed, it most likely dies
    // mid-transaction (if it happened to finish first, it is simply run again).
    let mut second = workers.remove(1);
    let mut second_lines = BufReader::new(second.stdout.take().unwrap()).lines();
    let first = second_lines
        .next()
        .expect("worker 2 printed nothing")
        .unwrap();
    assert!(first.starts_with("batch "), "{first}");
    second.kill().unwrap();
    second.wait().unwrap();

    // Restarted: each redoes its whole half; what it had stored is AlreadyPresent.
    let restarted = [
        spawn(&url, &schema.name, 0, n),
        spawn(&url, &schema.name, 2, n),
    ];
    let mut reports = Vec::new();
    for (w, child) in restarted.into_iter().zip([0, 2]).map(|(c, w)| (w, c)) {
        reports.push(finish(child, &format!("restarted worker {w}")));
    }
    for (w, child) in workers.into_iter().zip([1, 3]).map(|(c, w)| (w, c)) {
        reports.push(finish(child, &format!("worker {w}")));
    }
    for report in &reports {
        assert!(
            report.last().is_some_and(|l| l.starts_with("done ")),
            "{report:?}"
        );
    }

    let store = schema.open();
    assert_eq!(store.article_count().unwrap(), n as u64);
    assert_eq!(store.raw_count().unwrap(), n as u64);
    let stored = store.all_articles().unwrap();
    let expected: HashMap<_, Article> = (0..n)
        .map(|i| {
            let (article, raw) = synthetic::article(i);
            assert_eq!(store.raw_input(&raw.hash).unwrap().as_ref(), Some(&raw));
            (article.id.clone(), article)
        })
        .collect();
    assert_eq!(stored.len(), n);
    for article in &stored {
        assert_eq!(Some(article), expected.get(&article.id));
    }

    // The same grouping as one writer's SQLite store of the same articles.
    let dir = tempfile::tempdir().unwrap();
    let mut single = Store::open(dir.path()).unwrap();
    let all: Vec<_> = (0..n).map(synthetic::article).collect();
    for batch in all.chunks(500) {
        single.insert_articles(batch).unwrap();
    }
    let config = ClusterConfig::default();
    let reference = cluster_all(&StoreBackend::all_articles(&single).unwrap(), &config);
    let grouping = cluster_all(&stored, &config);
    assert!(
        reference.duplicates.len() >= n / synthetic::REPOST_EVERY / 2,
        "the reposts should be found as copies: {} groups",
        reference.duplicates.len()
    );
    assert!(
        reference.events.iter().any(|e| e.articles.len() >= 3),
        "the topics should make events"
    );
    assert_eq!(grouping, reference);
    let mut store = store;
    store.save_grouping(&grouping).unwrap();
    assert_eq!(store.grouping().unwrap(), reference);
}
