//! Each HTML extractor candidate's body and the chosen body for every page of the
//! trafilatura or ScrapingHub evaluation set, as JSON `{id: {"trafilatura": ..., "readability": ...,
//! "chosen": ...}}`, to see which candidate loses which snippet.
//!
//! `cargo run --release -p storyline-extract --example candidates_dump -- DATASET OUT.json`
//! Pages are decoded as UTF-8 (lossy): a diagnostic, not the benchmark run.

use std::collections::BTreeMap;
use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dataset), Some(out)) = (args.first(), args.get(1)) else {
        return Err("usage: candidates_dump DATASET OUT.json".into());
    };
    let mut result = BTreeMap::new();
    for (id, path) in pages(dataset)? {
        let raw = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
        let mut bytes = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_end(&mut bytes)?;
        let html = String::from_utf8_lossy(&bytes);
        let url = id.starts_with("http").then_some(id.as_str());
        let mut page = BTreeMap::new();
        for candidate in storyline_extract::html::extract_candidates(&html, url) {
            page.insert(candidate.extractor, candidate.paragraphs.join("\n"));
        }
        let chosen = storyline_extract::html::extract_html(&html, url);
        page.insert("chosen", chosen.body.join("\n"));
        result.insert(id.clone(), page);
    }
    std::fs::write(out, serde_json::to_string(&result)?)?;
    Ok(())
}

/// (page id, gzipped page path) for either layout: trafilatura's (`tests/evaldata.json`)
/// or ScrapingHub's (`html/<id>.html.gz`).
fn pages(dataset: &str) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let eval_path = format!("{dataset}/tests/evaldata.json");
    if std::path::Path::new(&eval_path).exists() {
        let entries: BTreeMap<String, serde_json::Value> = serde_json::from_str(
            &std::fs::read_to_string(&eval_path).map_err(|e| format!("{eval_path}: {e}"))?,
        )?;
        return entries
            .into_iter()
            .map(|(id, entry)| {
                let file = entry["file"].as_str().ok_or("entry without file")?;
                Ok((id, format!("{dataset}/tests/cache/{file}.gz")))
            })
            .collect();
    }
    let dir = format!("{dataset}/html");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(|e| format!("{dir}: {e}"))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if let Some(id) = name.strip_suffix(".html.gz") {
            pages.push((id.to_string(), path.display().to_string()));
        }
    }
    Ok(pages)
}
