//! Input kinds beyond plain files: stdin, globs, field maps, unreadable folders; and
//! `reprocess` over what is stored.

mod common;

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use common::{articles, stderr, stdout, storyline};

const STORY: &str = "Lumora opens a store in Lisbon\n\nLumora opened its first store in Lisbon on Friday. The shop sells scooters and battery modules and has a repair corner for owners.\n";

#[test]
fn stdin_is_read_with_a_dash() {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .arg("--data")
        .arg(data.path())
        .args(["ingest", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(STORY.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let stored = articles(data.path());
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["source"], "-");
    assert_eq!(stored[0]["title"], "Lumora opens a store in Lisbon");
}

#[test]
fn globs_expand_and_a_glob_matching_nothing_is_named() {
    let inputs = tempfile::tempdir().unwrap();
    std::fs::write(inputs.path().join("a.txt"), STORY).unwrap();
    std::fs::write(
        inputs.path().join("b.txt"),
        STORY.replace("Lisbon", "Porto"),
    )
    .unwrap();
    std::fs::write(
        inputs.path().join("c.md"),
        "# Not matched\n\nBody text here.",
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let pattern = format!("{}/*.txt", inputs.path().display());
    let out = storyline(data.path(), &["ingest", &pattern]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(articles(data.path()).len(), 2);
    let nothing = format!("{}/*.nothing", inputs.path().display());
    let out = storyline(data.path(), &["ingest", &nothing]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("*.nothing"), "{}", stderr(&out));
}

#[test]
fn record_fields_can_be_mapped() {
    let inputs = tempfile::tempdir().unwrap();
    let record = r#"{"heading": "Lumora posts first profit", "content": "Lumora reported its first quarterly profit on Thursday, helped by battery sales to other makers.", "when": "2022-07-28"}"#;
    std::fs::write(inputs.path().join("r.json"), record).unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = storyline(
        data.path(),
        &[
            "ingest",
            "--map",
            "title=heading",
            "--map",
            "body=content",
            "--map",
            "date=when",
            inputs.path().to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let stored = articles(data.path());
    assert_eq!(stored[0]["title"], "Lumora posts first profit");
    assert!(stored[0]["body"]
        .as_str()
        .unwrap()
        .starts_with("Lumora reported its first quarterly profit"));
    assert_eq!(stored[0]["published"]["date"], "2022-07-28");
}

#[test]
fn reprocess_rederives_every_article_from_its_raw_input() {
    let inputs = tempfile::tempdir().unwrap();
    std::fs::write(inputs.path().join("a.txt"), STORY).unwrap();
    std::fs::write(
        inputs.path().join("b.txt"),
        STORY.replace("Lisbon", "Porto"),
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    storyline(data.path(), &["ingest", inputs.path().to_str().unwrap()]);
    let before = articles(data.path());
    // The raw inputs are kept: deleting the files loses nothing.
    drop(inputs);
    let out = storyline(data.path(), &["reprocess"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("reprocessed 2, changed 0, failed 0"),
        "{}",
        stdout(&out)
    );
    assert_eq!(articles(data.path()), before);
}

/// Tests run as root in CI, where permissions do not apply: drop to `nobody` with setpriv.
#[test]
fn an_unreadable_folder_is_named_and_the_rest_are_stored() {
    let root = tempfile::tempdir().unwrap();
    let (readable, locked, data) = (
        root.path().join("ok"),
        root.path().join("locked"),
        root.path().join("data"),
    );
    for dir in [&readable, &locked, &data] {
        std::fs::create_dir(dir).unwrap();
    }
    std::fs::write(readable.join("a.txt"), STORY).unwrap();
    std::fs::write(locked.join("hidden.txt"), STORY.replace("Lisbon", "Faro")).unwrap();
    for (path, mode) in [
        (root.path(), 0o755),
        (&readable, 0o755),
        (&locked, 0o000),
        (&data, 0o777),
    ] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(
        readable.join("a.txt"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false);
    let mut command = if is_root {
        if Command::new("setpriv").arg("--version").output().is_err() {
            eprintln!(
                "skipping: running as root and setpriv is absent, so permissions cannot be tested"
            );
            return;
        }
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_storyline"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_storyline"))
    };
    let out = command
        .arg("--data")
        .arg(&data)
        .arg("ingest")
        .arg(root.path().join("ok"))
        .arg(&locked)
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&out);
    assert!(
        !out.status.success(),
        "an unreadable folder must fail the run: {err}"
    );
    assert!(
        err.contains("locked") && err.contains("permission denied"),
        "{err}"
    );
    assert_eq!(
        articles(&data).len(),
        1,
        "the readable input is stored: {err}"
    );
}
