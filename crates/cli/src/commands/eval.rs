//! `storyline eval ...`: benchmark harnesses; the last line of output is one JSON object.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::args::EvalCommand;

/// Where the shared benchmark data lives when `--dataset` is not given.
fn shared_data(name: &str) -> PathBuf {
    Path::new("../shared/data").join(name)
}

pub fn run(command: EvalCommand, verbose: bool) -> anyhow::Result<ExitCode> {
    match command {
        EvalCommand::Extraction {
            dataset,
            mode,
            render,
            score,
            predictions,
            pages,
            json,
        } => {
            let dataset = dataset.unwrap_or_else(|| shared_data("scrapinghub"));
            let report = match score {
                Some(file) => storyline_eval::extraction::score_file(&dataset, &file)?,
                None => {
                    let options = storyline_eval::extraction::ExtractionEvalOptions {
                        mode: parse_mode(&mode)?,
                        render,
                        predictions,
                    };
                    storyline_eval::extraction::run(&dataset, &options)?
                }
            };
            if let Some(path) = pages {
                storyline_eval::extraction::write_page_scores(&path, &report)?;
            }
            print_report(&report, json)
        }
        EvalCommand::Clustering {
            dataset,
            predictions,
            json,
        } => {
            let report = storyline_eval::clustering::run(&dataset, predictions.as_deref())
                .with_context(|| format!("evaluating clustering on {}", dataset.display()))?;
            print_report(&report, json)
        }
        EvalCommand::Dedup { data_root, json } => {
            let report = storyline_eval::dedup::run(&data_root)
                .with_context(|| format!("evaluating dedup on {}", data_root.display()))?;
            print_report(&report, json)
        }
        EvalCommand::Dates {
            dataset,
            predictions,
            score,
            json,
        } => {
            let report = storyline_eval::dates::run(&dataset, score.as_deref())
                .with_context(|| format!("evaluating dates on {}", dataset.display()))?;
            if let Some(path) = predictions {
                let file = std::fs::File::create(&path)
                    .with_context(|| format!("cannot write predictions to {}", path.display()))?;
                serde_json::to_writer_pretty(std::io::BufWriter::new(file), &report.predictions)?;
            }
            for error in &report.errors {
                eprintln!("storyline: {error}");
            }
            let summary = serde_json::json!({
                "dataset": report.dataset,
                "layout": report.layout,
                "pages": report.overall.pages,
                "accuracy": report.overall.accuracy,
                "precision": report.overall.precision,
                "recall": report.overall.recall,
                "coverage": report.overall.coverage,
                "ms_per_page": report.ms_per_page,
                "pages_per_second": report.pages_per_second,
                "per_set": report.per_set,
            });
            print_report(&summary, json)
        }
        EvalCommand::Timelines {
            dataset,
            predictions,
            json,
        } => super::timeline::eval(&dataset, predictions.as_deref(), verbose, json),
    }
}

fn parse_mode(mode: &str) -> anyhow::Result<storyline_eval::extraction::ExtractionMode> {
    use storyline_eval::extraction::ExtractionMode;
    match mode {
        "html" => Ok(ExtractionMode::Html),
        "text" => Ok(ExtractionMode::Text),
        other => anyhow::bail!("--mode {other:?}: expected html or text"),
    }
}

pub(crate) fn print_report<T: Serialize>(report: &T, json: bool) -> anyhow::Result<ExitCode> {
    if !json {
        println!("{}", serde_json::to_string_pretty(report)?);
    }
    println!("{}", serde_json::to_string(report)?);
    Ok(ExitCode::SUCCESS)
}
