//! Ingest: inputs → documents → articles → store, in parallel batches.

use chrono::Utc;
use rayon::prelude::*;
use serde::Serialize;
use storyline_ingest::{Input, InputKind};
use storyline_model::{Article, ArticleId, Document};
use storyline_pipeline::PipelineOptions;
use storyline_store::{InsertOutcome, RawInput, Store};

/// How many inputs are read and processed in parallel before one store transaction.
/// Large enough to amortise the commit, small enough that a kill loses little work.
const BATCH_INPUTS: usize = 64;

/// WARC records per store transaction: one record is one small page, so batches are
/// larger than for files; the memory bound is this many pages.
const WARC_BATCH: usize = 256;

/// One input (or one record of an input) that could not be ingested, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub source: String,
    pub reason: String,
}

/// What an ingest run did. `failed` lists every input that was not stored; the others
/// are stored all the same.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestSummary {
    pub ingested: usize,
    pub already_present: usize,
    pub failed: Vec<Failure>,
    /// Ids of the articles this run stored (new ones only).
    #[serde(skip)]
    pub new_ids: Vec<String>,
}

impl IngestSummary {
    pub fn is_success(&self) -> bool {
        self.failed.is_empty()
    }

    fn absorb(&mut self, other: IngestSummary) {
        self.ingested += other.ingested;
        self.already_present += other.already_present;
        self.failed.extend(other.failed);
        self.new_ids.extend(other.new_ids);
    }
}

/// Receives progress as inputs are handled (a terminal progress bar, a log line...).
pub trait IngestProgress: Sync {
    fn total(&self, _inputs: usize) {}
    fn advance(&self, _inputs: usize) {}
}

impl IngestProgress for () {}

/// Ingest files, folders, globs or `-`: every readable document is processed and stored;
/// each failure is recorded with the input it came from.
pub fn ingest_paths(
    store: &mut Store,
    paths: &[String],
    options: &PipelineOptions,
    progress: &dyn IngestProgress,
) -> anyhow::Result<IngestSummary> {
    let mut summary = IngestSummary::default();
    let mut inputs = Vec::new();
    for expanded in storyline_ingest::expand_inputs(paths) {
        match expanded {
            Ok(input) => inputs.push(input),
            Err(err) => summary.failed.push(failure_from(&err)),
        }
    }
    progress.total(inputs.len());
    // A WARC file holds thousands of pages: streamed in batches of records, never whole.
    let (warcs, inputs): (Vec<Input>, Vec<Input>) = inputs.into_iter().partition(|input| {
        matches!(input.kind, InputKind::File(_)) && storyline_ingest::warc::is_warc(&input.source)
    });
    for input in &warcs {
        summary.absorb(ingest_warc(store, input, options)?);
        progress.advance(1);
    }
    for batch in inputs.chunks(BATCH_INPUTS) {
        let documents: Vec<Result<Document, Failure>> = batch
            .par_iter()
            .flat_map_iter(|input: &Input| {
                storyline_ingest::read_input(input)
                    .into_iter()
                    .map(|read| read.map_err(|err| failure_from(&err)))
            })
            .collect();
        summary.absorb(store_documents(store, documents, options)?);
        progress.advance(batch.len());
    }
    Ok(summary)
}

/// Stream one WARC file through the pipeline, [`WARC_BATCH`] records at a time, so
/// memory stays flat whatever the file's size.
fn ingest_warc(
    store: &mut Store,
    input: &Input,
    options: &PipelineOptions,
) -> anyhow::Result<IngestSummary> {
    let mut summary = IngestSummary::default();
    let InputKind::File(path) = &input.kind else {
        return Ok(summary);
    };
    let documents = match storyline_ingest::warc::read_warc(path) {
        Ok(documents) => documents,
        Err(err) => {
            summary.failed.push(failure_from(&err));
            return Ok(summary);
        }
    };
    let mut batch = Vec::with_capacity(WARC_BATCH);
    for document in documents {
        batch.push(document.map_err(|err| failure_from(&err)));
        if batch.len() == WARC_BATCH {
            summary.absorb(store_documents(store, std::mem::take(&mut batch), options)?);
        }
    }
    summary.absorb(store_documents(store, batch, options)?);
    Ok(summary)
}

/// Ingest documents already read (HTTP POST bodies, fetched pages, WARC records).
pub fn ingest_documents(
    store: &mut Store,
    documents: Vec<Document>,
    options: &PipelineOptions,
) -> anyhow::Result<IngestSummary> {
    store_documents(store, documents.into_iter().map(Ok).collect(), options)
}

fn store_documents(
    store: &mut Store,
    documents: Vec<Result<Document, Failure>>,
    options: &PipelineOptions,
) -> anyhow::Result<IngestSummary> {
    let now = Utc::now();
    let mut summary = IngestSummary::default();
    // An article's id is the hash of its raw bytes: what the store already holds needs no
    // extraction (this is what makes a re-run after a crash cheap).
    let mut fresh = Vec::with_capacity(documents.len());
    for document in documents {
        match &document {
            Ok(doc) if store.contains_article(ArticleId::from_raw(&doc.raw).as_str())? => {
                summary.already_present += 1
            }
            _ => fresh.push(document),
        }
    }
    let processed: Vec<Result<(Article, RawInput), Failure>> = fresh
        .into_par_iter()
        .map(|document| {
            let document = document?;
            let article =
                storyline_pipeline::process(&document, options, now).map_err(|err| Failure {
                    source: document.source.clone(),
                    reason: err.to_string(),
                })?;
            Ok((article, raw_input_of(document)))
        })
        .collect();
    let mut batch = Vec::with_capacity(processed.len());
    for item in processed {
        match item {
            Ok(pair) => batch.push(pair),
            Err(failure) => summary.failed.push(failure),
        }
    }
    if batch.is_empty() {
        return Ok(summary);
    }
    // Mark the search index behind before the store changes (crash recovery).
    let pending = crate::index::begin_write(store)?;
    let outcomes = store.insert_articles(&batch)?;
    let mut inserted = Vec::with_capacity(batch.len());
    for ((article, _), outcome) in batch.iter().zip(outcomes) {
        match outcome {
            InsertOutcome::Inserted => {
                summary.ingested += 1;
                summary.new_ids.push(article.id.to_string());
                inserted.push(article);
            }
            InsertOutcome::AlreadyPresent => summary.already_present += 1,
        }
    }
    pending.add_new(&inserted);
    Ok(summary)
}

fn raw_input_of(document: Document) -> RawInput {
    RawInput {
        hash: document.raw_hash(),
        format: document.format,
        source: document.source,
        bytes: document.raw,
        provenance: document.provenance,
    }
}

fn failure_from(err: &storyline_ingest::IngestError) -> Failure {
    Failure {
        source: err.source_name().to_string(),
        reason: err.to_string(),
    }
}
