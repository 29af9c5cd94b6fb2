//! Extraction evaluation (issue 10): runs storyline's HTML (or plain-text) extraction over
//! the ScrapingHub and trafilatura benchmark sets and scores it with each benchmark's own
//! metric; also re-scores stored tool outputs so our metric can be checked against
//! published figures.

pub mod datasets;
pub mod shingles;
pub mod snippets;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde::Serialize;
use storyline_extract::{extract, ExtractOptions};
use storyline_model::{Document, Format, Provenance};

pub use datasets::{detect_layout, Layout};
use snippets::SnippetCounts;

/// What the extractor is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExtractionMode {
    /// The archived HTML page.
    #[default]
    Html,
    /// A stored whole-page plain-text render (`output/<render>.json`), to measure the
    /// text/Markdown cleaner on the same pages.
    Text,
}

impl ExtractionMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ExtractionMode::Html => "html",
            ExtractionMode::Text => "text",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ExtractionEvalOptions {
    pub mode: ExtractionMode,
    /// The stored render used in text mode (`html-text`, `html2text`, `inscriptis`...).
    pub render: String,
    /// Where to write our predictions as `{id: {"articleBody": text}}`.
    pub predictions: Option<PathBuf>,
}

impl Default for ExtractionEvalOptions {
    fn default() -> Self {
        Self {
            mode: ExtractionMode::Html,
            render: "html-text".to_string(),
            predictions: None,
        }
    }
}

/// One run's figures. ScrapingHub: macro precision/recall over pages, accuracy = exact
/// token match. Trafilatura: micro-averaged snippet counts (in `counts`).
#[derive(Debug, Clone, Serialize)]
pub struct ExtractionReport {
    pub dataset: String,
    pub mode: String,
    pub pages: usize,
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    pub accuracy: f64,
    /// Wall-clock time per page over the whole run (0 when scoring a stored file).
    pub ms_per_page: f64,
    /// Time inside the extraction call per page, summed over the worker threads: reading
    /// and gunzipping the page file are left out, as Python trafilatura's timing of its
    /// `extract()` call leaves them out (0 when scoring a stored file).
    pub extract_ms_per_page: f64,
    pub layout: String,
    pub threads: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<SnippetCounts>,
    /// Each page's own figures, for [`write_page_scores`]; not part of the report line.
    #[serde(skip)]
    pub page_scores: Vec<PageScore>,
}

/// One page's figures: which pages lose, and how (for someone improving a rule).
#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    pub id: String,
    /// ScrapingHub: this page's shingle precision and recall; trafilatura set: found
    /// "with" snippets over all snippets found, and over all "with" snippets. 1 when
    /// there is nothing to divide by.
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// ScrapingHub: the tokens match the gold exactly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact: Option<bool>,
    /// Trafilatura set: the page's snippet counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<SnippetCounts>,
}

impl PageScore {
    fn new(id: &str, tp: usize, fp: usize, fn_: usize) -> PageScore {
        let ratio = |part: usize, whole: usize| {
            if whole == 0 {
                1.0
            } else {
                part as f64 / whole as f64
            }
        };
        let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        let f1 = crate::f1(precision, recall);
        PageScore {
            id: id.to_string(),
            precision,
            recall,
            f1,
            exact: None,
            counts: None,
        }
    }
}

/// Write each page's figures as JSON lines, worst F1 first.
pub fn write_page_scores(path: &Path, report: &ExtractionReport) -> Result<()> {
    let mut pages: Vec<&PageScore> = report.page_scores.iter().collect();
    pages.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
    let mut out = String::new();
    for page in pages {
        out.push_str(&serde_json::to_string(page)?);
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))
}

/// Extract every page of a benchmark folder with storyline and score the result.
pub fn run(dataset: &Path, opts: &ExtractionEvalOptions) -> Result<ExtractionReport> {
    let layout = detect_layout(dataset)?;
    let threads = worker_count()?;
    let extract_ns = AtomicU64::new(0);
    let started = Instant::now();
    let (ids, predictions) = match (layout, opts.mode) {
        (Layout::ScrapingHub, ExtractionMode::Html) => {
            let truth = datasets::scrapinghub_truth(dataset)?;
            let predictions = parallel_map(&truth, threads, |page| {
                let path = datasets::scrapinghub_page(dataset, &page.id);
                let bytes = datasets::read_maybe_gzip(&path)?;
                let url = page.url.as_deref();
                Ok(Some(timed(&extract_ns, || extract_page(&path, bytes, url))))
            })?;
            (
                truth.into_iter().map(|p| p.id).collect::<Vec<_>>(),
                predictions,
            )
        }
        (Layout::ScrapingHub, ExtractionMode::Text) => {
            let truth = datasets::scrapinghub_truth(dataset)?;
            let render_path = dataset.join("output").join(format!("{}.json", opts.render));
            let renders = datasets::read_outputs(&render_path)?;
            let format = render_format(&opts.render);
            let predictions = parallel_map(&truth, threads, |page| {
                let render = renders.get(&page.id).cloned().flatten().unwrap_or_default();
                Ok(Some(timed(&extract_ns, || {
                    storyline_extract::text::extract_text(&render, format)
                        .body
                        .join("\n")
                })))
            })?;
            (truth.into_iter().map(|p| p.id).collect(), predictions)
        }
        (Layout::Trafilatura, ExtractionMode::Html) => {
            let entries = datasets::trafilatura_entries(dataset)?;
            let predictions = parallel_map(&entries, threads, |entry| {
                let path = datasets::trafilatura_page(dataset, &entry.file);
                let bytes = datasets::read_maybe_gzip(&path)?;
                let url = entry.id.starts_with("http").then_some(entry.id.as_str());
                Ok(Some(timed(&extract_ns, || extract_page(&path, bytes, url))))
            })?;
            (entries.into_iter().map(|e| e.id).collect(), predictions)
        }
        (Layout::Trafilatura, ExtractionMode::Text) => bail!(
            "{}: the trafilatura set has no stored text renders; use --mode html",
            dataset.display()
        ),
    };
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Some(path) = &opts.predictions {
        write_predictions(path, &ids, &predictions)?;
    }
    let outputs: HashMap<String, Option<String>> = ids.into_iter().zip(predictions).collect();
    let mut report = score(dataset, layout, &outputs)?;
    report.mode = opts.mode.as_str().to_string();
    report.ms_per_page = elapsed_ms / report.pages.max(1) as f64;
    report.extract_ms_per_page = extract_ns.into_inner() as f64 / 1e6 / report.pages.max(1) as f64;
    report.threads = threads;
    Ok(report)
}

/// Score a stored output file (`output/trafilatura.json`, a predictions file, or a
/// trafilatura-set run) against the data set's annotations.
pub fn score_file(dataset: &Path, output_file: &Path) -> Result<ExtractionReport> {
    let layout = detect_layout(dataset)?;
    let outputs = datasets::read_outputs(output_file)?;
    let mut report = score(dataset, layout, &outputs)?;
    report.mode = format!("file:{}", output_file.display());
    Ok(report)
}

fn score(
    dataset: &Path,
    layout: Layout,
    outputs: &HashMap<String, Option<String>>,
) -> Result<ExtractionReport> {
    let mut report = ExtractionReport {
        dataset: dataset.display().to_string(),
        mode: String::new(),
        pages: 0,
        f1: 0.0,
        precision: 0.0,
        recall: 0.0,
        accuracy: 0.0,
        ms_per_page: 0.0,
        extract_ms_per_page: 0.0,
        layout: layout.name().to_string(),
        threads: 1,
        counts: None,
        page_scores: Vec::new(),
    };
    match layout {
        Layout::ScrapingHub => {
            let truth = datasets::scrapinghub_truth(dataset)?;
            let pages: Vec<_> = truth
                .iter()
                .map(|page| {
                    let predicted = outputs.get(&page.id).cloned().flatten();
                    shingles::score_page(&page.body, predicted.as_deref().unwrap_or(""))
                })
                .collect();
            report.page_scores = truth
                .iter()
                .zip(&pages)
                .map(|(page, counts)| PageScore {
                    exact: Some(counts.exact),
                    ..PageScore::new(&page.id, counts.tp, counts.fp, counts.fn_)
                })
                .collect();
            let summary = shingles::summarise(&pages);
            report.pages = pages.len();
            report.f1 = summary.f1;
            report.precision = summary.precision;
            report.recall = summary.recall;
            report.accuracy = summary.accuracy;
        }
        Layout::Trafilatura => {
            let entries = datasets::trafilatura_entries(dataset)?;
            let mut total = SnippetCounts::default();
            for entry in &entries {
                let predicted = outputs.get(&entry.id).cloned().flatten();
                let counts =
                    snippets::score_page(predicted.as_deref(), &entry.with, &entry.without);
                total.add(counts);
                report.page_scores.push(PageScore {
                    counts: Some(counts),
                    ..PageScore::new(&entry.id, counts.tp, counts.fp, counts.fn_)
                });
            }
            report.pages = entries.len();
            report.f1 = total.f1();
            report.precision = total.precision();
            report.recall = total.recall();
            report.accuracy = total.accuracy();
            report.counts = Some(total);
        }
    }
    Ok(report)
}

/// Decode and extract one page; the body paragraphs joined by newlines.
fn extract_page(path: &Path, raw: Vec<u8>, url: Option<&str>) -> String {
    let text = storyline_ingest::decode_lenient(&raw, Some(Format::Html));
    let doc = Document {
        source: path.display().to_string(),
        format: Format::Html,
        text,
        raw,
        provenance: Provenance {
            url: url.map(str::to_string),
            ..Provenance::default()
        },
    };
    extract(&doc, &ExtractOptions::default()).body.join("\n")
}

/// Run one page's extraction, adding the time it took to `total_ns`.
fn timed(total_ns: &AtomicU64, extract: impl FnOnce() -> String) -> String {
    let started = Instant::now();
    let text = extract();
    let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    total_ns.fetch_add(nanos, Ordering::Relaxed);
    text
}

/// Markdown converters' renders go through the Markdown cleaner, the rest as plain text.
fn render_format(render: &str) -> Format {
    let markdown_renders = ["html2text", "html2md", "mdka", "august", "fast_html2md"];
    if markdown_renders.iter().any(|name| render.starts_with(name)) {
        Format::Markdown
    } else {
        Format::Text
    }
}

fn write_predictions(path: &Path, ids: &[String], predictions: &[Option<String>]) -> Result<()> {
    let map: BTreeMap<&str, serde_json::Value> = ids
        .iter()
        .zip(predictions)
        .map(|(id, text)| (id.as_str(), serde_json::json!({ "articleBody": text })))
        .collect();
    let json = serde_json::to_string_pretty(&map)?;
    std::fs::write(path, json).with_context(|| format!("writing {}", path.display()))
}

/// Worker threads: `STORYLINE_THREADS` when set (so speed can be compared with
/// single-threaded tools), else the available cores, at most 8.
fn worker_count() -> Result<usize> {
    if let Ok(value) = std::env::var("STORYLINE_THREADS") {
        return match value.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => bail!("STORYLINE_THREADS={value:?}: expected a positive whole number"),
        };
    }
    Ok(std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8))
}

/// Map `f` over `items` on `threads` scoped threads, keeping order; the first error wins.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<R>>>> =
        Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(items.len()).max(1) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(index) else { break };
                let result = f(item);
                results
                    .lock()
                    .expect("no worker panics while holding the lock")[index] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .expect("workers finished")
        .into_iter()
        .map(|r| r.expect("every index was processed"))
        .collect()
}
