//! Reprocess: re-run the current pipeline over every stored raw input.
//!
//! Articles keep their ids (derived from the raw bytes) and first-seen times; only what
//! the pipeline derives (title, body, dates...) is replaced.

use chrono::Utc;
use rayon::prelude::*;
use serde::Serialize;
use storyline_model::{Article, Document};
use storyline_pipeline::PipelineOptions;
use storyline_store::Store;

use crate::Failure;

/// Articles are re-derived a page at a time, so memory stays flat over a large store.
const PAGE: usize = 256;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReprocessReport {
    pub seen: usize,
    pub changed: usize,
    pub failed: Vec<Failure>,
}

pub fn reprocess(store: &mut Store, options: &PipelineOptions) -> anyhow::Result<ReprocessReport> {
    let mut report = ReprocessReport::default();
    let mut after = None;
    loop {
        let page = store.articles_after(after.as_ref(), PAGE)?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        let mut raws = Vec::with_capacity(page.len());
        for article in &page {
            raws.push(store.raw_input(&article.raw_hash)?);
        }
        let results: Vec<Result<Option<Article>, Failure>> = page
            .par_iter()
            .zip(raws.into_par_iter())
            .map(|(old, raw)| rederive(old, raw, options))
            .collect();
        let mut changed = Vec::new();
        for result in results {
            report.seen += 1;
            match result {
                Ok(Some(article)) => changed.push(article),
                Ok(None) => {}
                Err(failure) => report.failed.push(failure),
            }
        }
        report.changed += changed.len();
        store.replace_articles(&changed)?;
    }
    Ok(report)
}

/// The article as the current pipeline derives it, or `None` when nothing changed.
fn rederive(
    old: &Article,
    raw: Option<storyline_store::RawInput>,
    options: &PipelineOptions,
) -> Result<Option<Article>, Failure> {
    let fail = |reason: String| Failure {
        source: old.source.clone(),
        reason,
    };
    let raw = raw.ok_or_else(|| {
        fail(format!(
            "{}: raw input {} missing",
            old.source, old.raw_hash
        ))
    })?;
    let text = storyline_ingest::decode(&raw.bytes, Some(raw.format), &raw.source)
        .map_err(|err| fail(err.to_string()))?;
    let document = Document {
        source: raw.source,
        format: raw.format,
        text,
        raw: raw.bytes,
        provenance: raw.provenance,
    };
    let mut article = storyline_pipeline::process(&document, options, Utc::now())
        .map_err(|err| fail(err.to_string()))?;
    article.first_seen = old.first_seen;
    Ok((article != *old).then_some(article))
}
