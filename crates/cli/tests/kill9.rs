//! An ingest killed with SIGKILL half-way leaves a consistent store; running it again
//! completes it without duplicates.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{articles, storyline};

#[test]
fn killed_ingest_is_completed_by_a_second_run() {
    let inputs = tempfile::tempdir().unwrap();
    let total = 3000;
    for i in 0..total {
        let text = format!(
            "Lumora update number {i}\n\nLumora said on Monday that shipment batch {i} left its plant, \
             the {i}th such batch this year, and that demand in market {m} kept growing.\n",
            m = i % 17
        );
        std::fs::write(inputs.path().join(format!("{i:05}.txt")), text).unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .arg("--data")
        .arg(data.path())
        .args(["ingest", inputs.path().to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill once the store has some committed batches, or after a bound.
    let db = data.path().join("storyline.db");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        if db.metadata().map(|m| m.len() > 200_000).unwrap_or(false) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    let partial = articles(data.path()).len();
    eprintln!("killed with {partial} of {total} stored (exit {status:?})");

    let rerun = storyline(
        data.path(),
        &["ingest", "--json", inputs.path().to_str().unwrap()],
    );
    assert!(rerun.status.success(), "{}", common::stderr(&rerun));
    let all = articles(data.path());
    assert_eq!(all.len(), total);
    let mut ids: Vec<&str> = all.iter().map(|a| a["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), total, "no article stored twice");
}
