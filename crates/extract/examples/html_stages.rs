//! Where HTML extraction spends its time: each stage timed alone over a folder of pages.
//!
//! `cargo run --release -p storyline-extract --example html_stages -- DIR [LIMIT]`
//! DIR is searched recursively for `*.html`/`*.htm` (optionally `.gz`) files, e.g.
//! `../shared/data/scrapinghub/html` or `../shared/data/trafilatura/tests/cache`.
//! Prints the total milliseconds of each stage over all pages, single-threaded.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn pages(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            pages(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e == "gz" || e == "html" || e == "htm")
        {
            out.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> std::io::Result<String> {
    let raw = std::fs::read(path)?;
    let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        out
    } else {
        raw
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn timed<T>(total: &mut Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    *total += start.elapsed();
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().ok_or("usage: html_stages DIR [LIMIT]")?;
    let limit: usize = match args.get(1) {
        Some(n) => n
            .parse()
            .map_err(|_| format!("LIMIT {n:?}: not a number"))?,
        None => usize::MAX,
    };
    let mut files = Vec::new();
    pages(Path::new(dir), &mut files).map_err(|e| format!("{dir}: {e}"))?;
    files.sort();
    files.truncate(limit);
    let htmls: Vec<String> = files
        .iter()
        .map(|p| read(p).map_err(|e| format!("{}: {e}", p.display())))
        .collect::<Result<_, _>>()?;

    let names = [
        "parse only (trafilatura DOM)",
        "trafilatura, fallback on",
        "trafilatura, fallback off",
        "dom_smoothie",
        "storyline extract_html (all)",
    ];
    let mut totals = [Duration::ZERO; 5];
    let base = trafilatura::Options::default()
        .with_exclude_comments(true)
        .with_focus(trafilatura::ExtractionFocus::Balanced);
    let with_fallback = base.clone().with_fallback(true);
    let without_fallback = base.with_fallback(false);
    let smoothie = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Raw,
        ..dom_smoothie::Config::default()
    };
    // STAGE=N runs only that stage (for a profiler).
    let only: Option<usize> = std::env::var("STAGE").ok().and_then(|s| s.parse().ok());
    let on = |i: usize| only.is_none_or(|o| o == i);
    for html in &htmls {
        if on(0) {
            timed(&mut totals[0], || trafilatura::dom::Document::parse(html));
        }
        if on(1) {
            let _ = timed(&mut totals[1], || {
                trafilatura::extract(html, &with_fallback)
            });
        }
        if on(2) {
            let _ = timed(&mut totals[2], || {
                trafilatura::extract(html, &without_fallback)
            });
        }
        if on(3) {
            timed(&mut totals[3], || {
                dom_smoothie::Readability::new(html.as_str(), None, Some(smoothie.clone()))
                    .ok()
                    .map(|mut r| r.parse().ok())
            });
        }
        if on(4) {
            timed(&mut totals[4], || {
                storyline_extract::html::extract_html(html, None)
            });
        }
    }
    let n = htmls.len().max(1) as f64;
    println!("{} pages from {dir}", htmls.len());
    for (name, total) in names.iter().zip(totals) {
        println!(
            "{name:32} {:8.0} ms total  {:6.2} ms/page",
            total.as_secs_f64() * 1000.0,
            total.as_secs_f64() * 1000.0 / n
        );
    }
    Ok(())
}
