//! Timeline17 evaluation (issue #6): the data set reader ([`dataset`]), ROUGE-1.5.5's
//! counting reimplemented ([`rouge`], [`porter`]), the AR-1/AR-2/Date-F1 metrics
//! ([`metrics`]) and a runner that hands each task's input to a timeline system and
//! scores what it returns, following the news-tls protocol in
//! `../shared/data/README.t17.md`.
//!
//! Owns: T17 parsing, the scorer, the report shape, two baseline systems used to check
//! the scorer. Must not touch: the timeline system itself (crates/timeline plugs in
//! through [`run`]) or any store.

pub mod baselines;
pub mod dataset;
pub mod metrics;
pub mod porter;
pub mod rouge;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use baselines::{first_sentences_baseline, pubcount_baseline};
pub use dataset::{load, T17Article, Task, Topic, T17};
pub use metrics::{average, score, Averages, Mean, Prf, TaskScores};

/// A timeline: date -> that date's summary sentences.
pub type Timeline = BTreeMap<NaiveDate, Vec<String>>;

/// A timeline system: given the task (its l and k; a fair system reads nothing else from
/// it) and the input articles, return a timeline.
pub type System<'a> = dyn Fn(&Task, &[&T17Article]) -> Timeline + Sync + 'a;

/// How to run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Write each predicted timeline as `DIR/<folder>/<gold file name>`.
    pub predictions: Option<PathBuf>,
    /// Worker threads; 0 means up to 2 (the machine's cores, capped at 2).
    pub threads: usize,
    /// Only tasks whose `<folder>/<gold_name>` contains this string.
    pub only: Option<String>,
}

/// One timeline's result.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimelineResult {
    pub topic: String,
    pub folder: String,
    pub gold_name: String,
    pub l: usize,
    pub k: usize,
    pub input_articles: usize,
    pub predicted_dates: usize,
    /// Largest number of sentences on one predicted date (the protocol allows k).
    pub max_sentences: usize,
    pub ar1_f1: f64,
    pub ar2_f1: f64,
    pub date_f1: f64,
    pub scores: TaskScores,
    /// Wall time of the system call alone.
    pub system_seconds: f64,
}

/// The report of one run; the CLI prints it as one JSON object.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimelinesReport {
    pub dataset: String,
    pub timelines: usize,
    pub ar1_f1: f64,
    pub ar2_f1: f64,
    pub date_f1: f64,
    pub averages: Averages,
    pub seconds: f64,
    pub per_timeline: Vec<TimelineResult>,
}

/// Load `dir` and run `system` over every task.
pub fn run(
    dir: &Path,
    system: &System<'_>,
    options: &RunOptions,
) -> anyhow::Result<TimelinesReport> {
    let data = load(dir)?;
    run_loaded(&data, &dir.display().to_string(), system, options)
}

/// Run `system` over every task of an already loaded data set, tasks in parallel.
pub fn run_loaded(
    data: &T17,
    dataset_name: &str,
    system: &System<'_>,
    options: &RunOptions,
) -> anyhow::Result<TimelinesReport> {
    let start = Instant::now();
    let tasks: Vec<&Task> = data
        .tasks
        .iter()
        .filter(|t| {
            options
                .only
                .as_ref()
                .is_none_or(|o| format!("{}/{}", t.folder, t.gold_name).contains(o.as_str()))
        })
        .collect();
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get().min(2)),
        n => n,
    };
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<anyhow::Result<TimelineResult>>>> =
        Mutex::new((0..tasks.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(tasks.len()).max(1) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(task) = tasks.get(i) else { break };
                let r = run_task(data, task, system, options.predictions.as_deref());
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
            });
        }
    });
    let mut per_timeline = Vec::with_capacity(tasks.len());
    for r in results.into_inner().unwrap_or_else(|e| e.into_inner()) {
        per_timeline.push(r.context("a worker thread stopped before its task")??);
    }
    Ok(report(
        dataset_name,
        per_timeline,
        start.elapsed().as_secs_f64(),
    ))
}

fn report(dataset: &str, per_timeline: Vec<TimelineResult>, seconds: f64) -> TimelinesReport {
    let scores: Vec<TaskScores> = per_timeline.iter().map(|r| r.scores).collect();
    let averages = average(&scores);
    TimelinesReport {
        dataset: dataset.to_string(),
        timelines: per_timeline.len(),
        ar1_f1: averages.ar1.f1,
        ar2_f1: averages.ar2.f1,
        date_f1: averages.date.f1,
        averages,
        seconds,
        per_timeline,
    }
}

fn run_task(
    data: &T17,
    task: &Task,
    system: &System<'_>,
    predictions: Option<&Path>,
) -> anyhow::Result<TimelineResult> {
    let topic = data.topic(&task.topic).with_context(|| {
        format!(
            "task {}/{}: no topic {}",
            task.folder, task.gold_name, task.topic
        )
    })?;
    let input = task.input_articles(topic);
    let t0 = Instant::now();
    let predicted = system(task, &input);
    let system_seconds = t0.elapsed().as_secs_f64();
    if let Some(dir) = predictions {
        write_prediction(dir, task, &predicted)?;
    }
    Ok(result(task, input.len(), &predicted, system_seconds))
}

fn result(task: &Task, input_articles: usize, predicted: &Timeline, secs: f64) -> TimelineResult {
    let scores = score(predicted, &task.gold);
    TimelineResult {
        topic: task.topic.clone(),
        folder: task.folder.clone(),
        gold_name: task.gold_name.clone(),
        l: task.l,
        k: task.k,
        input_articles,
        predicted_dates: predicted.len(),
        max_sentences: predicted.values().map(Vec::len).max().unwrap_or(0),
        ar1_f1: scores.ar1.f1(),
        ar2_f1: scores.ar2.f1(),
        date_f1: scores.date.f1(),
        scores,
        system_seconds: secs,
    }
}

/// Write one prediction as `dir/<folder>/<gold file name>` in the gold format.
pub fn write_prediction(dir: &Path, task: &Task, predicted: &Timeline) -> anyhow::Result<()> {
    let folder = dir.join(&task.folder);
    fs::create_dir_all(&folder)
        .with_context(|| format!("cannot create the predictions folder {}", folder.display()))?;
    let path = folder.join(task.gold_file_name());
    fs::write(&path, dataset::format_timeline(predicted))
        .with_context(|| format!("cannot write the prediction {}", path.display()))
}

/// Score saved predictions (`predictions/<folder>/<gold file name>`, as [`RunOptions::predictions`]
/// writes them) against the gold timelines of `dir`. A missing prediction file scores 0.
pub fn score_saved(dir: &Path, predictions: &Path) -> anyhow::Result<TimelinesReport> {
    let start = Instant::now();
    let data = load(dir)?;
    let mut per_timeline = Vec::new();
    for task in &data.tasks {
        let path = predictions.join(&task.folder).join(task.gold_file_name());
        let predicted = if path.exists() {
            dataset::read_timeline(&path)?
        } else {
            Timeline::new()
        };
        let input = data
            .topic(&task.topic)
            .map_or(0, |t| task.input_articles(t).len());
        per_timeline.push(result(task, input, &predicted, 0.0));
    }
    Ok(report(
        &dir.display().to_string(),
        per_timeline,
        start.elapsed().as_secs_f64(),
    ))
}
