//! Helpers shared by the CLI tests: run the real binary against a real store.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn storyline(data: &Path, args: &[&str]) -> Output {
    command(data, args)
        .output()
        .expect("the storyline binary runs")
}

/// The real binary on the store in `data`, for tests that spawn it themselves.
pub fn command(data: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_storyline"));
    command
        .arg("--data")
        .arg(data)
        .args(args)
        .env_remove("STORYLINE_DATA");
    command
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `articles --json`, parsed.
pub fn articles(data: &Path) -> Vec<serde_json::Value> {
    let out = storyline(data, &["articles", "--json"]);
    assert!(out.status.success(), "articles failed: {}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// `../shared/<name>` beside the repository, or `None` (with a message) when absent.
pub fn shared(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(name);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping: {} is absent", path.display());
        None
    }
}
