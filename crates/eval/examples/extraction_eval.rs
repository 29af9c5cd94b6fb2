//! Run the extraction benchmark and print the report as JSON.
//!
//! `cargo run --release -p storyline-eval --example extraction_eval -- DATASET [html|text] [RENDER] [PREDICTIONS.json]`
//! `cargo run --release -p storyline-eval --example extraction_eval -- DATASET score OUTPUT.json`

use std::path::PathBuf;

use storyline_eval::extraction::{run, score_file, ExtractionEvalOptions, ExtractionMode};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dataset) = args.first().map(PathBuf::from) else {
        anyhow::bail!(
            "usage: extraction_eval DATASET [html|text|score] [RENDER|OUTPUT] [PREDICTIONS]"
        );
    };
    let report = match args.get(1).map(String::as_str) {
        Some("score") => {
            let output = args.get(2).map(PathBuf::from);
            let output = output.ok_or_else(|| anyhow::anyhow!("score needs an output file"))?;
            score_file(&dataset, &output)?
        }
        mode => {
            let mut opts = ExtractionEvalOptions::default();
            if mode == Some("text") {
                opts.mode = ExtractionMode::Text;
            }
            if let Some(render) = args.get(2) {
                opts.render = render.clone();
            }
            opts.predictions = args.get(3).map(PathBuf::from);
            run(&dataset, &opts)?
        }
    };
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}
