//! `storyline ingest` and `storyline reprocess`.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::OnceLock;

use anyhow::bail;
use indicatif::{ProgressBar, ProgressStyle};
use storyline_app::IngestProgress;
use storyline_extract::record::FieldMap;
use storyline_pipeline::PipelineOptions;

use crate::args::{IngestArgs, StoreArgs};

pub fn run(data: &Path, args: IngestArgs) -> anyhow::Result<ExitCode> {
    let mut options = PipelineOptions::default();
    options.extract.field_map = parse_field_map(&args.field_map)?;
    let mut store = args.target.open(data)?;
    let progress = TerminalProgress::new();
    let summary = storyline_app::ingest_paths(store.as_mut(), &args.paths, &options, &progress)?;
    progress.finish();
    // A worker restarted after a kill finds its articles present and stores nothing, but
    // it may have died after storing them and before regrouping, later than the other
    // workers' last regroup: on a shared store it regroups whenever its inputs are stored.
    let stored = summary.ingested > 0 || (store.is_shared() && summary.already_present > 0);
    if stored && !args.no_group {
        // Grouping is derived state: bring it in step with what was just stored (on a
        // shared PostgreSQL store, under its grouping lock: every stored article, not
        // only this worker's).
        storyline_app::regroup(store.as_mut())?;
    }
    for failure in &summary.failed {
        eprintln!("storyline: {}", failure.reason);
    }
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        println!(
            "ingested {}, already present {}, failed {}",
            summary.ingested,
            summary.already_present,
            summary.failed.len()
        );
    }
    Ok(if summary.is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub fn reprocess(data: &Path, target: &StoreArgs) -> anyhow::Result<ExitCode> {
    let mut store = target.open(data)?;
    let report = storyline_app::reprocess(store.as_mut(), &PipelineOptions::default())?;
    // Reprocessing re-derives each article alone; what grouping adds (dates lent by
    // copies) is restored by grouping again.
    storyline_app::regroup(store.as_mut())?;
    println!(
        "reprocessed {}, changed {}, failed {}",
        report.seen,
        report.changed,
        report.failed.len()
    );
    for failure in &report.failed {
        eprintln!("storyline: {}", failure.reason);
    }
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn parse_field_map(pairs: &[String]) -> anyhow::Result<FieldMap> {
    let mut map = FieldMap::default();
    for pair in pairs {
        let Some((ours, theirs)) = pair.split_once('=') else {
            bail!("--map {pair:?}: expected FIELD=NAME, e.g. body=content");
        };
        map.pairs
            .push((ours.trim().to_string(), theirs.trim().to_string()));
    }
    Ok(map)
}

/// A progress bar on stderr, shown only to a person at a terminal and only on long runs.
struct TerminalProgress {
    bar: OnceLock<ProgressBar>,
}

impl TerminalProgress {
    /// Fewer inputs than this finish too fast for a bar to help.
    const MIN_INPUTS: usize = 200;

    fn new() -> Self {
        Self {
            bar: OnceLock::new(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

impl IngestProgress for TerminalProgress {
    fn total(&self, inputs: usize) {
        if inputs < Self::MIN_INPUTS || !std::io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::new(inputs as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} inputs  {per_sec}  eta {eta}")
        {
            bar.set_style(style);
        }
        let _ = self.bar.set(bar);
    }

    fn advance(&self, inputs: usize) {
        if let Some(bar) = self.bar.get() {
            bar.inc(inputs as u64);
        }
    }
}
