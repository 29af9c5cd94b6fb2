//! Each HTML extractor candidate's body and the chosen body for every page of the
//! trafilatura evaluation set, as JSON `{id: {"trafilatura": ..., "readability": ...,
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
    let eval_path = format!("{dataset}/tests/evaldata.json");
    let entries: BTreeMap<String, serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(&eval_path).map_err(|e| format!("{eval_path}: {e}"))?,
    )?;
    let mut result = BTreeMap::new();
    for (id, entry) in &entries {
        let file = entry["file"].as_str().ok_or("entry without file")?;
        let path = format!("{dataset}/tests/cache/{file}.gz");
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
