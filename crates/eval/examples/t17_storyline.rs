//! Run storyline's timeline system on Timeline17 and print the averages (and, with
//! `--verbose`, each timeline): the same run as `storyline eval timelines`, without the CLI.
//! The day ranker is refitted leave one topic out; `--shipped` uses the shipped model
//! instead (fitted on all of Timeline17, so that figure has seen the answers).
//!
//! `cargo run --release -p storyline-eval --example t17_storyline -- ../shared/data/t17 [--verbose] [--shipped]`

use std::path::PathBuf;

use storyline_eval::timeline_system::StorylineSystem;
use storyline_eval::timelines::{load, run_loaded, RunOptions};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .cloned()
            .unwrap_or_else(|| "../shared/data/t17".into()),
    );
    let verbose = args.iter().any(|a| a == "--verbose");
    let data = load(&dir)?;
    let system = if args.iter().any(|a| a == "--shipped") {
        StorylineSystem::tag(&data)
    } else {
        StorylineSystem::leave_one_topic_out(&data)
    };
    let report = run_loaded(
        &data,
        &dir.display().to_string(),
        &|task, articles| system.timeline(task, articles),
        &RunOptions::default(),
    )?;
    if verbose {
        for t in &report.per_timeline {
            println!(
                "{:<22} {:<40} l={:<3} k={} ar1={:.4} ar2={:.4} date={:.4} {:.1}s",
                t.folder, t.gold_name, t.l, t.k, t.ar1_f1, t.ar2_f1, t.date_f1, t.system_seconds
            );
        }
    }
    println!(
        "{}",
        serde_json::json!({
            "timelines": report.timelines,
            "ar1_f1": report.ar1_f1,
            "ar2_f1": report.ar2_f1,
            "date_f1": report.date_f1,
            "seconds": report.seconds,
        })
    );
    Ok(())
}
