//! `storyline extract FILE`: one page's extraction, for people debugging a source.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use chrono::Utc;
use serde_json::json;
use storyline_pipeline::PipelineOptions;

use crate::output;

pub fn run(file: &Path, json: bool, explain: bool) -> anyhow::Result<ExitCode> {
    let source = file.display().to_string();
    let inputs = storyline_ingest::expand_inputs(std::slice::from_ref(&source));
    let input = inputs
        .into_iter()
        .next()
        .ok_or_else(|| anyhow!("{source}: nothing to read"))??;
    let Some(document) = storyline_ingest::read_input(&input).into_iter().next() else {
        bail!("{source}: no document in this input");
    };
    let document = document?;
    let options = PipelineOptions::default();
    let extracted = storyline_extract::extract(&document, &options.extract);
    let (removed, added) = (extracted.removed.clone(), extracted.added.clone());
    let article = storyline_pipeline::article_from(&document, extracted, Utc::now())?;
    if json {
        let mut value = output::article_json(&article, &Default::default(), true);
        if explain {
            value["removed"] = json!(removed);
            value["added"] = json!(added);
        }
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("title     {}", article.title);
    println!("authors   {}", article.authors.join(", "));
    println!("published {}", output::date_label(&article));
    println!("format    {}", article.format);
    println!();
    for paragraph in &article.body {
        println!("{paragraph}\n");
    }
    if explain {
        println!("--- removed ({} blocks)", removed.len());
        for block in &removed {
            println!("[{}] {}", block.reason, output::clip(&block.text, 100));
        }
        if !added.is_empty() {
            println!("--- added ({} blocks)", added.len());
            for block in &added {
                println!("[{}] {}", block.reason, output::clip(&block.text, 100));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
