//! Publication-date evaluation: htmldate's page set (`tests/eval_*.json`, pages under
//! `tests/`) and the date field of trafilatura's set (`tests/evaldata.json`), scored as
//! README.dates-feeds.md and README.extraction.md define: the predicted day must equal
//! the gold day exactly.
//!
//! As in the benchmarks, no URL is passed: the date must come from the HTML.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use storyline_model::Precision;

/// Scores of one data set (or one eval file of it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DateScores {
    pub name: String,
    pub pages: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    /// Share of all pages whose predicted day equals the gold day (the headline figure).
    pub accuracy: f64,
    /// Of the pages given a date, the share that is right.
    pub precision: f64,
    /// TP / (TP + FN), as upstream defines it.
    pub recall: f64,
    pub f1: f64,
    /// Share of pages given a date at all.
    pub coverage: f64,
}

/// The report of one run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DatesReport {
    pub dataset: String,
    /// "htmldate" or "trafilatura".
    pub layout: String,
    pub overall: DateScores,
    pub per_set: Vec<DateScores>,
    /// Milliseconds per page spent in the date call alone (reading and decoding excluded);
    /// `None` when saved predictions were scored.
    pub ms_per_page: Option<f64>,
    pub pages_per_second: Option<f64>,
    /// Pages that could not be read, named with the reason.
    pub errors: Vec<String>,
    /// The predicted day per URL (`null` when none), in the benchmarks' predictions shape.
    pub predictions: BTreeMap<String, Option<String>>,
}

/// One page to date: its URL key, file path and gold day (`None` when the gold is unusable).
struct Entry {
    url: String,
    file: Option<PathBuf>,
    gold: Option<String>,
    set: String,
}

/// Run the date cascade over a data set (htmldate or trafilatura layout) and score it; with
/// `predictions`, score a saved `{url: "YYYY-MM-DD" | null}` map instead of running.
pub fn run(dataset: &Path, predictions: Option<&Path>) -> anyhow::Result<DatesReport> {
    let (layout, entries) = if dataset.join("tests/evaldata.json").is_file() {
        ("trafilatura", trafilatura_entries(dataset)?)
    } else {
        ("htmldate", htmldate_entries(dataset)?)
    };
    if entries.is_empty() {
        bail!("no date entries found under {}", dataset.display());
    }
    let saved = predictions.map(read_predictions).transpose()?;
    let mut report = DatesReport {
        dataset: dataset.display().to_string(),
        layout: layout.to_string(),
        ..Default::default()
    };
    let mut spent = Duration::ZERO;
    for entry in &entries {
        let predicted = match &saved {
            Some(saved) => saved.get(&entry.url).cloned().flatten(),
            None => match entry.file.as_deref().map(read_page) {
                Some(Ok(html)) => {
                    let started = Instant::now();
                    let published = storyline_time::html_published(&html, None);
                    spent += started.elapsed();
                    published
                        .and_then(|p| p.date)
                        .filter(|d| d.precision() == Precision::Day)
                        .map(|d| d.to_string())
                }
                Some(Err(e)) => {
                    report.errors.push(format!("{}: {e:#}", entry.url));
                    None
                }
                None => {
                    report
                        .errors
                        .push(format!("{}: page file not found", entry.url));
                    None
                }
            },
        };
        report.predictions.insert(entry.url.clone(), predicted);
    }
    if saved.is_none() {
        let ms = spent.as_secs_f64() * 1000.0 / entries.len() as f64;
        report.ms_per_page = Some(ms);
        report.pages_per_second = Some(entries.len() as f64 / spent.as_secs_f64().max(1e-9));
    }
    let mut sets: Vec<String> = entries.iter().map(|e| e.set.clone()).collect();
    sets.dedup();
    report.overall = score("all", &entries, &report.predictions);
    if sets.len() > 1 {
        for set in sets {
            let subset: Vec<&Entry> = entries.iter().filter(|e| e.set == set).collect();
            report
                .per_set
                .push(score(&set, subset, &report.predictions));
        }
    }
    Ok(report)
}

fn score<'a>(
    name: &str,
    entries: impl IntoIterator<Item = &'a Entry>,
    predictions: &BTreeMap<String, Option<String>>,
) -> DateScores {
    let mut s = DateScores {
        name: name.to_string(),
        ..Default::default()
    };
    for entry in entries {
        s.pages += 1;
        match predictions.get(&entry.url).cloned().flatten() {
            None => s.false_negatives += 1,
            Some(p) if Some(&p) == entry.gold.as_ref() => s.true_positives += 1,
            Some(_) => s.false_positives += 1,
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (tp, fp, fn_) = (s.true_positives, s.false_positives, s.false_negatives);
    s.accuracy = ratio(tp, s.pages);
    s.precision = ratio(tp, tp + fp);
    // The trafilatura date check counts a missing date as wrong; its recall is not defined
    // upstream, so the same TP/(TP+FN) is reported for both layouts.
    s.recall = ratio(tp, tp + fn_);
    s.f1 = ratio(2 * tp, 2 * tp + fp + fn_);
    s.coverage = ratio(tp + fp, s.pages);
    s
}

#[derive(Deserialize)]
struct HtmldateGold {
    file: String,
    date: Option<String>,
}

/// htmldate layout: `tests/eval_mediacloud_2020.json` then `tests/eval_default.json` (and
/// any other `tests/eval_*.json`), pages looked up in test_set/, cache/, eval/ with `.gz`.
fn htmldate_entries(dir: &Path) -> anyhow::Result<Vec<Entry>> {
    let tests = dir.join("tests");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&tests)
        .with_context(|| format!("reading {}", tests.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("eval_") && n.ends_with(".json"))
        })
        .collect();
    // Upstream loads mediacloud first; sort so the order is stable and matches.
    files.sort_by_key(|p| !p.to_string_lossy().contains("mediacloud"));
    let mut entries = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        // Upstream writes the bare token NaN for unknown gold dates: not JSON.
        let text = text.replace(": NaN", ": null");
        let gold: BTreeMap<String, HtmldateGold> =
            serde_json::from_str(&text).with_context(|| format!("parsing {}", file.display()))?;
        let set = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (url, g) in gold {
            let file = ["test_set", "cache", "eval"]
                .iter()
                .flat_map(|sub| {
                    let base = tests.join(sub).join(&g.file);
                    [base.with_file_name(format!("{}.gz", g.file)), base]
                })
                .find(|p| p.is_file());
            entries.push(Entry {
                url,
                file,
                gold: g.date,
                set: set.clone(),
            });
        }
    }
    Ok(entries)
}

#[derive(Deserialize)]
struct TrafilaturaGold {
    file: String,
    #[serde(default)]
    date: Option<String>,
}

/// trafilatura layout: `tests/evaldata.json`, pages in `tests/cache/<file>[.gz]`; only
/// entries with a non-empty `date` are scored.
fn trafilatura_entries(dir: &Path) -> anyhow::Result<Vec<Entry>> {
    let path = dir.join("tests/evaldata.json");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let gold: BTreeMap<String, TrafilaturaGold> =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let cache = dir.join("tests/cache");
    Ok(gold
        .into_iter()
        .filter(|(_, g)| g.date.as_deref().is_some_and(|d| !d.is_empty()))
        .map(|(url, g)| {
            let file = [cache.join(format!("{}.gz", g.file)), cache.join(&g.file)]
                .into_iter()
                .find(|p| p.is_file());
            Entry {
                url,
                file,
                gold: g.date,
                set: "evaldata".to_string(),
            }
        })
        .collect())
}

fn read_predictions(path: &Path) -> anyhow::Result<BTreeMap<String, Option<String>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Read a page: gunzip by magic bytes, then UTF-8, else the detected charset (lossy).
fn read_page(path: &Path) -> anyhow::Result<String> {
    let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let bytes = storyline_ingest::gunzip_if_gzip(&path.display().to_string(), raw)?;
    Ok(storyline_ingest::decode_lenient(
        &bytes,
        Some(storyline_model::Format::Html),
    ))
}
