//! Every parseable feed of the shared data set parses, with the item count feedparser
//! found (manifest.json); the malformed ones fail with an error naming the file or
//! parse leniently, never panic.

use std::path::PathBuf;

fn feeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/feeds"
    ));
    if dir.join("manifest.json").is_file() {
        Some(dir)
    } else {
        println!("skipped: {} is absent", dir.display());
        None
    }
}

#[test]
fn every_shared_feed_parses_with_feedparsers_item_count() {
    let Some(dir) = feeds_dir() else { return };
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in manifest["feeds"].as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        if file.contains('/') {
            continue; // malformed/ and other/: below
        }
        let expected = entry["items"].as_u64().unwrap() as usize;
        let bytes = std::fs::read(dir.join(file)).unwrap();
        match storyline_fetch::parse_feed(&bytes, file) {
            Ok(feed) if feed.items.len() == expected => {}
            Ok(feed) => failures.push(format!(
                "{file}: {} items, feedparser found {expected}",
                feed.items.len()
            )),
            Err(err) => failures.push(err.to_string()),
        }
        checked += 1;
    }
    assert_eq!(checked, 78, "the manifest lists 78 parseable feeds");
    assert!(
        failures.is_empty(),
        "{} of {checked} feeds:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn malformed_feeds_give_an_error_naming_the_file_or_parse_leniently() {
    let Some(dir) = feeds_dir() else { return };
    for sub in ["malformed", "other"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.display().to_string();
            let bytes = std::fs::read(&path).unwrap();
            match storyline_fetch::parse_feed(&bytes, &name) {
                Ok(feed) => println!("{name}: parsed leniently, {} items", feed.items.len()),
                Err(err) => {
                    assert!(err.to_string().starts_with(&name), "{err}");
                    println!("{err}");
                }
            }
        }
    }
}
