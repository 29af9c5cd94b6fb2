//! Quick development harness: date the htmldate or trafilatura page set and print the
//! exact-day accuracy and speed. The scored harness is `storyline_eval::dates::run`;
//! this one exists so the time crate can be measured alone.
//!
//! `cargo run -p storyline-time --release --example date_bench -- ../shared/data/htmldate [errors.json]`

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn read_page(path: &Path) -> Option<String> {
    let raw = std::fs::read(path).ok()?;
    let mut bytes = Vec::new();
    if raw.starts_with(&[0x1f, 0x8b]) {
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut bytes)
            .ok()?;
    } else {
        bytes = raw;
    }
    Some(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let bytes = e.into_bytes();
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(&bytes, true);
            det.guess(None, chardetng::Utf8Detection::Allow)
                .decode(&bytes)
                .0
                .into_owned()
        }
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: date_bench DATASET_DIR [ERRORS_OUT]");
        std::process::exit(2);
    };
    let tests = dir.join("tests");
    let mut entries: Vec<(String, PathBuf, Option<String>)> = Vec::new();
    if tests.join("evaldata.json").is_file() {
        let text = std::fs::read_to_string(tests.join("evaldata.json")).expect("evaldata");
        let v: BTreeMap<String, serde_json::Value> = serde_json::from_str(&text).expect("json");
        for (url, e) in v {
            let Some(date) = e["date"].as_str().filter(|d| !d.is_empty()) else {
                continue;
            };
            let file = e["file"].as_str().unwrap_or_default();
            entries.push((
                url,
                tests.join("cache").join(format!("{file}.gz")),
                Some(date.into()),
            ));
        }
    } else {
        for name in ["eval_mediacloud_2020.json", "eval_default.json"] {
            let text = std::fs::read_to_string(tests.join(name)).expect("eval file");
            let text = text.replace(": NaN", ": null");
            let v: BTreeMap<String, serde_json::Value> = serde_json::from_str(&text).expect("json");
            for (url, e) in v {
                let file = e["file"].as_str().unwrap_or_default();
                let path = ["test_set", "cache", "eval"]
                    .iter()
                    .map(|s| tests.join(s).join(format!("{file}.gz")))
                    .find(|p| p.is_file())
                    .unwrap_or_default();
                entries.push((url, path, e["date"].as_str().map(String::from)));
            }
        }
    }
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut spent = Duration::ZERO;
    let mut errors = Vec::new();
    for (url, path, gold) in &entries {
        let Some(html) = read_page(path) else {
            fn_ += 1;
            continue;
        };
        let t = Instant::now();
        let got = storyline_time::html_published(&html, None);
        spent += t.elapsed();
        let day = got
            .as_ref()
            .and_then(|p| p.date)
            .filter(|d| d.day_value().is_some());
        match day.map(|d| d.to_string()) {
            None => {
                fn_ += 1;
                errors
                    .push(serde_json::json!({"url": url, "file": path, "gold": gold, "got": null}));
            }
            Some(d) if Some(&d) == gold.as_ref() => tp += 1,
            Some(d) => {
                fp += 1;
                errors.push(
                    serde_json::json!({"url": url, "file": path, "gold": gold, "got": d,
                    "source": got.and_then(|p| p.source).map(|s| s.as_str())}),
                );
            }
        }
    }
    let n = entries.len() as f64;
    println!(
        "pages {} tp {tp} fp {fp} fn {fn_} accuracy {:.4} precision {:.4} pages/s {:.0}",
        entries.len(),
        tp as f64 / n,
        tp as f64 / (tp + fp).max(1) as f64,
        n / spent.as_secs_f64()
    );
    if let Some(out) = args.get(2) {
        std::fs::write(
            out,
            serde_json::to_string_pretty(&errors).unwrap_or_default(),
        )
        .ok();
    }
}
