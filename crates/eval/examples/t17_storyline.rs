//! Run storyline's timeline system on Timeline17 and print the averages (and, with
//! `--verbose`, each timeline): the same run as `storyline eval timelines`, without the CLI.
//!
//! `cargo run --release -p storyline-eval --example t17_storyline -- ../shared/data/t17 [--verbose]`

use std::path::PathBuf;

use storyline_eval::timeline_system::storyline_system;
use storyline_eval::timelines::{run, RunOptions};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data/t17".into()));
    let verbose = args.any(|a| a == "--verbose");
    let report = run(&dir, &storyline_system, &RunOptions::default())?;
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
