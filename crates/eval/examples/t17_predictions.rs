//! Write baseline timelines for Timeline17 and score them with the Rust scorer, for
//! `scripts/check-t17-scorer` to score the same files with tilse side by side.
//!
//! Usage: t17_predictions T17_DIR OUT_DIR [--only SUBSTRING]
//!        t17_predictions --stem   (stems stdin's words, one a line, with ROUGE's Porter)
//!
//! Writes OUT_DIR/gold/<folder>/<gold file> (the gold as our loader reads it, the MJ date
//! repaired, so tilse can read it too) and OUT_DIR/<system>/<folder>/<gold file> for three
//! systems: `first_sentences` (README's trivial timeline), `first_sentences_plus1` (the
//! same summaries one day late) and `pubcount`. Then prints one JSON line per system and
//! timeline with the Rust scores of the files as written (read back from disk).

use std::path::PathBuf;

use anyhow::{bail, Context};
use storyline_eval::timelines::{
    self, dataset, first_sentences_baseline, pubcount_baseline, RunOptions, T17Article, Task,
    Timeline,
};

fn plus_one(task: &Task, articles: &[&T17Article]) -> Timeline {
    first_sentences_baseline(task, articles)
        .into_iter()
        .filter_map(|(d, s)| Some((d.succ_opt()?, s)))
        .collect()
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args == ["--stem"] {
        use std::io::{BufRead, Write};
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for line in std::io::stdin().lock().lines() {
            writeln!(out, "{}", timelines::porter::stem(&line?))?;
        }
        return Ok(());
    }
    let (dir, out, only) = match args.as_slice() {
        [d, o] => (PathBuf::from(d), PathBuf::from(o), None),
        [d, o, flag, s] if flag == "--only" => {
            (PathBuf::from(d), PathBuf::from(o), Some(s.clone()))
        }
        _ => bail!("usage: t17_predictions T17_DIR OUT_DIR [--only SUBSTRING]"),
    };
    let data = timelines::load(&dir)?;
    let gold_dir = out.join("gold");
    for task in &data.tasks {
        timelines::write_prediction(&gold_dir, task, &task.gold)?;
    }
    type Sys = fn(&Task, &[&T17Article]) -> Timeline;
    let systems: [(&str, Sys); 3] = [
        ("first_sentences", first_sentences_baseline),
        ("first_sentences_plus1", plus_one),
        ("pubcount", pubcount_baseline),
    ];
    for (name, system) in systems {
        let target = out.join(name);
        let options = RunOptions {
            predictions: Some(target.clone()),
            only: only.clone(),
            ..Default::default()
        };
        timelines::run_loaded(&data, &dir.display().to_string(), &system, &options)?;
        for task in &data.tasks {
            let path = target.join(&task.folder).join(task.gold_file_name());
            if !path.exists() {
                continue;
            }
            let predicted = dataset::read_timeline(&path)?;
            let gold =
                dataset::read_timeline(&gold_dir.join(&task.folder).join(task.gold_file_name()))
                    .context("reading back the gold")?;
            let s = timelines::score(&predicted, &gold);
            let prf = |p: timelines::Prf| serde_json::json!([p.precision(), p.recall(), p.f1()]);
            println!(
                "{}",
                serde_json::json!({
                    "system": name,
                    "timeline": format!("{}/{}", task.folder, task.gold_file_name()),
                    "ar1": prf(s.ar1),
                    "ar2": prf(s.ar2),
                    "date": prf(s.date),
                })
            );
        }
    }
    Ok(())
}
