//! Readers for the two extraction benchmark layouts and for stored tool outputs.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use flate2::read::GzDecoder;
use serde_json::Value;

/// Which published layout a data-set folder follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `html/<id>.html.gz`, `ground-truth.json`, `output/<tool>.json`.
    ScrapingHub,
    /// `tests/evaldata.json` and `tests/cache/<file>.gz`.
    Trafilatura,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::ScrapingHub => "scrapinghub",
            Layout::Trafilatura => "trafilatura",
        }
    }
}

/// Tell the layout from the files present.
pub fn detect_layout(dataset: &Path) -> Result<Layout> {
    if dataset.join("ground-truth.json").is_file() && dataset.join("html").is_dir() {
        Ok(Layout::ScrapingHub)
    } else if dataset.join("tests/evaldata.json").is_file() {
        Ok(Layout::Trafilatura)
    } else {
        bail!(
            "{}: not an extraction benchmark (expected ground-truth.json + html/, or tests/evaldata.json)",
            dataset.display()
        )
    }
}

/// The bytes of a file, gunzipped when they start with the gzip magic bytes.
pub fn read_maybe_gzip(path: &Path) -> Result<Vec<u8>> {
    let mut raw = Vec::new();
    File::open(path)
        .and_then(|mut f| f.read_to_end(&mut raw))
        .with_context(|| format!("reading {}", path.display()))?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        GzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .with_context(|| format!("gunzipping {}", path.display()))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// Parse a JSON file, plain or gzipped; `x.json` falls back to `x.json.gz` when absent.
pub fn read_json(path: &Path) -> Result<Value> {
    let path = if path.exists() {
        path.to_path_buf()
    } else {
        let mut gz = path.as_os_str().to_owned();
        gz.push(".gz");
        PathBuf::from(gz)
    };
    let bytes = read_maybe_gzip(&path)?;
    serde_json::from_slice(&bytes).with_context(|| format!("parsing JSON in {}", path.display()))
}

/// One ScrapingHub page with its annotated body.
#[derive(Debug, Clone)]
pub struct TruthPage {
    pub id: String,
    pub body: String,
    pub url: Option<String>,
}

/// `ground-truth.json`, sorted by id so runs are reproducible.
pub fn scrapinghub_truth(dataset: &Path) -> Result<Vec<TruthPage>> {
    let path = dataset.join("ground-truth.json");
    let value = read_json(&path)?;
    let Value::Object(map) = value else {
        bail!("{}: expected a JSON object of pages", path.display());
    };
    let mut pages: Vec<TruthPage> = map
        .into_iter()
        .map(|(id, entry)| TruthPage {
            body: entry["articleBody"].as_str().unwrap_or("").to_string(),
            url: entry["url"].as_str().map(str::to_string),
            id,
        })
        .collect();
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The page file of a ScrapingHub id.
pub fn scrapinghub_page(dataset: &Path, id: &str) -> PathBuf {
    dataset.join("html").join(format!("{id}.html.gz"))
}

/// A stored tool output as `id -> text`; `None` for a null or missing body. Accepts the
/// plain map, the `{"version", "output"}` wrapper, and `articleBody` or `text` fields.
pub fn read_outputs(path: &Path) -> Result<HashMap<String, Option<String>>> {
    let value = read_json(path)?;
    let map = match value.get("output") {
        Some(Value::Object(inner)) => inner.clone(),
        _ => match value {
            Value::Object(map) => map,
            _ => bail!("{}: expected a JSON object of outputs", path.display()),
        },
    };
    Ok(map
        .into_iter()
        .map(|(id, entry)| {
            let text = entry
                .get("articleBody")
                .or_else(|| entry.get("text"))
                .and_then(Value::as_str)
                .map(str::to_string);
            (id, text)
        })
        .collect())
}

/// One entry of the trafilatura evaluation set.
#[derive(Debug, Clone)]
pub struct SnippetPage {
    pub id: String,
    pub file: String,
    pub with: Vec<String>,
    pub without: Vec<String>,
}

fn string_list(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// `tests/evaldata.json`, in file order.
pub fn trafilatura_entries(dataset: &Path) -> Result<Vec<SnippetPage>> {
    let path = dataset.join("tests/evaldata.json");
    let value = read_json(&path)?;
    let Value::Object(map) = value else {
        bail!("{}: expected a JSON object of entries", path.display());
    };
    map.into_iter()
        .map(|(id, entry)| {
            let file = entry["file"]
                .as_str()
                .with_context(|| format!("{}: entry {id:?} has no \"file\"", path.display()))?
                .to_string();
            Ok(SnippetPage {
                with: string_list(&entry["with"]),
                without: string_list(&entry["without"]),
                file,
                id,
            })
        })
        .collect()
}

/// The page file of a trafilatura entry (stored gzipped).
pub fn trafilatura_page(dataset: &Path, file: &str) -> PathBuf {
    dataset.join("tests/cache").join(format!("{file}.gz"))
}
