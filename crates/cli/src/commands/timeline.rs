//! `storyline timeline`: issue #6.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use storyline_app::TimelineScope;
use storyline_model::{EntryKind, Timeline};
use storyline_timeline::{Granularity, TimelineOptions};

use super::articles::parse_date;
use super::open_store;

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Words the articles must match (all of them); omit with --storyline.
    pub query: Option<String>,
    /// A storyline id instead of a query.
    #[arg(long)]
    pub storyline: Option<String>,
    /// Entries on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Entries on or before this date.
    #[arg(long)]
    pub to: Option<String>,
    /// At most this many dates.
    #[arg(long)]
    pub dates: Option<usize>,
    /// At most this many sentences per date.
    #[arg(long, default_value_t = 2)]
    pub sentences: usize,
    /// Date resolution: auto (days for a few months of coverage, months for years), day,
    /// month or year.
    #[arg(long, default_value = "auto")]
    pub granularity: String,
    #[arg(long)]
    pub json: bool,
}

pub fn run(data: &Path, args: TimelineArgs) -> anyhow::Result<ExitCode> {
    let scope = match (args.query, args.storyline) {
        (Some(query), None) => TimelineScope::Query(query),
        (None, Some(id)) => TimelineScope::Storyline(id),
        (Some(_), Some(_)) => anyhow::bail!("give a QUERY or --storyline ID, not both"),
        (None, None) => anyhow::bail!("give a QUERY or --storyline ID"),
    };
    let options = TimelineOptions {
        max_dates: args.dates,
        sentences_per_date: args.sentences,
        from: parse_date("--from", args.from.as_deref())?,
        to: parse_date("--to", args.to.as_deref())?,
        granularity: args
            .granularity
            .parse::<Granularity>()
            .map_err(|e| anyhow::anyhow!("--granularity {e}"))?,
        ..TimelineOptions::default()
    };
    let store = open_store(data)?;
    let timeline = storyline_app::timeline(&store, &scope, &options)?;
    if args.json {
        println!("{}", serde_json::to_string(&timeline)?);
    } else {
        print_timeline(&timeline);
    }
    Ok(ExitCode::SUCCESS)
}

/// A timeline for a terminal: one block per date, planned entries marked with the day
/// they were announced.
fn print_timeline(timeline: &Timeline) {
    if timeline.entries.is_empty() {
        println!("No dated entries for {:?}.", timeline.query);
    }
    for entry in &timeline.entries {
        let kind = match entry.kind {
            EntryKind::Reported => String::new(),
            EntryKind::Planned => {
                let reported: Vec<String> = entry
                    .summary
                    .iter()
                    .filter_map(|s| s.reported_on.map(|d| d.to_string()))
                    .collect();
                format!("  planned (announced {})", reported.join(", "))
            }
        };
        println!("{}{kind}", entry.date);
        for sentence in &entry.summary {
            let site = sentence.site.as_deref().unwrap_or("unknown site");
            println!("  - {}", sentence.text);
            println!(
                "    {site}, {}",
                &sentence.article.as_str()[..8.min(sentence.article.as_str().len())]
            );
        }
        println!();
    }
    if !timeline.undated.is_empty() {
        let ids: Vec<&str> = timeline.undated.iter().map(|id| id.as_str()).collect();
        println!("Undated: {}", ids.join(" "));
    }
}

/// `storyline eval timelines`: the news-tls protocol on Timeline17, the day ranker
/// trained leave one topic out.
pub fn eval(
    dataset: &Path,
    predictions: Option<&Path>,
    verbose: bool,
    json: bool,
) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    use storyline_eval::timeline_system::StorylineSystem;
    use storyline_eval::timelines::{load, run_loaded, RunOptions};
    let options = RunOptions {
        predictions: predictions.map(Path::to_path_buf),
        ..RunOptions::default()
    };
    let data = load(dataset)?;
    // The day ranker is refitted for each topic without that topic's gold timelines:
    // the shipped weights were fitted on Timeline17 and would score answers they saw.
    let system = StorylineSystem::leave_one_topic_out(&data);
    let report = run_loaded(
        &data,
        &dataset.display().to_string(),
        &|task, articles| system.timeline(task, articles),
        &options,
    )
    .with_context(|| format!("evaluating timelines on {}", dataset.display()))?;
    let mut summary = serde_json::json!({
        "dataset": report.dataset,
        "timelines": report.timelines,
        "ar1_f1": report.ar1_f1,
        "ar2_f1": report.ar2_f1,
        "date_f1": report.date_f1,
        "seconds": report.seconds,
    });
    if verbose {
        summary["per_timeline"] = serde_json::to_value(&report.per_timeline)?;
    }
    super::eval::print_report(&summary, json)
}
