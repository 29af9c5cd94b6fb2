//! Ingest: inputs → documents → articles → store, in parallel batches, into either
//! store (`&mut dyn StoreBackend`): the embedded one, whose tantivy index each batch
//! updates, or PostgreSQL, which has no index to update (its search is in the database).

use chrono::Utc;
use rayon::prelude::*;
use serde::Serialize;
use storyline_ingest::{Input, InputKind};
use storyline_model::{Article, ArticleId, Document};
use storyline_pipeline::PipelineOptions;
use storyline_search::SearchIndex;
use storyline_store::{InsertOutcome, RawInput, StoreBackend};

use crate::site::SiteMemory;

/// How many inputs are read and processed in parallel before one store transaction.
/// Large enough to amortise the commit, small enough that a kill loses little work.
const BATCH_INPUTS: usize = 64;

/// WARC records per store transaction and index commit: one record is one small page,
/// so batches are larger than for files; the memory bound is this many pages (their raw
/// bytes, decoded text and parsed DOMs while the batch is processed).
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
    /// Ids of the articles this run stored (new ones only), except those from WARC
    /// records: a WARC file may hold millions, and a run keeps no per-record state
    /// (they are counted in `ingested`).
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
    store: &mut dyn StoreBackend,
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
    let mut run = Run::new(true);
    // A WARC file holds thousands of pages: streamed in batches of records, never whole.
    let (warcs, inputs): (Vec<Input>, Vec<Input>) = inputs.into_iter().partition(|input| {
        matches!(input.kind, InputKind::File(_)) && storyline_ingest::warc::is_warc(&input.source)
    });
    for input in &warcs {
        summary.absorb(ingest_warc(store, input, options, &mut run)?);
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
        summary.absorb(store_documents(store, documents, options, &mut run)?);
        progress.advance(batch.len());
    }
    Ok(summary)
}

/// Stream one WARC file through the pipeline, [`WARC_BATCH`] records at a time, so
/// memory stays flat whatever the file's size: one record is read at a time, a batch is
/// dropped once stored, the search index stays open across batches, and the new ids are
/// not kept.
fn ingest_warc(
    store: &mut dyn StoreBackend,
    input: &Input,
    options: &PipelineOptions,
    run: &mut Run,
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
    // (An error returns from the whole run, so `keep_ids` needs no restoring then.)
    let keep_ids = std::mem::replace(&mut run.keep_ids, false);
    let mut batch = Vec::with_capacity(WARC_BATCH);
    for document in documents {
        batch.push(document.map_err(|err| failure_from(&err)));
        if batch.len() == WARC_BATCH {
            let stored = store_documents(store, std::mem::take(&mut batch), options, run)?;
            summary.absorb(stored);
        }
    }
    summary.absorb(store_documents(store, batch, options, run)?);
    run.keep_ids = keep_ids;
    Ok(summary)
}

/// Ingest documents already read (HTTP POST bodies, fetched pages, WARC records).
pub fn ingest_documents(
    store: &mut dyn StoreBackend,
    documents: Vec<Document>,
    options: &PipelineOptions,
) -> anyhow::Result<IngestSummary> {
    let documents = documents.into_iter().map(Ok).collect();
    store_documents(store, documents, options, &mut Run::new(true))
}

/// What the batches of one ingest run share.
struct Run {
    /// The search index, opened by the first batch that stores something and kept open
    /// for the others (reopening it, and its reader, per batch cost time and memory).
    /// `None` inside: it could not be opened (logged once), so only the store is written.
    index: Option<Option<SearchIndex>>,
    /// Whether to list the stored articles' ids in the summary.
    keep_ids: bool,
}

impl Run {
    fn new(keep_ids: bool) -> Self {
        Run {
            index: None,
            keep_ids,
        }
    }
}

fn store_documents(
    store: &mut dyn StoreBackend,
    documents: Vec<Result<Document, Failure>>,
    options: &PipelineOptions,
    run: &mut Run,
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
    let mut extracted = Vec::with_capacity(fresh.len());
    for item in fresh
        .into_par_iter()
        .map(|document| {
            let document = document?;
            let extracted = storyline_extract::extract(&document, &options.extract);
            Ok((document, extracted))
        })
        .collect::<Vec<Result<_, Failure>>>()
    {
        match item {
            Ok(pair) => extracted.push(pair),
            Err(failure) => summary.failed.push(failure),
        }
    }
    // What the sites repeat: the whole batch is counted before any of it is stripped.
    let mut sites = SiteMemory::default();
    let site_names: Vec<Option<String>> = extracted
        .iter()
        .map(|(document, found)| storyline_pipeline::site_of(document, found))
        .collect();
    for ((_, found), site) in extracted.iter().zip(&site_names) {
        if let Some(site) = site {
            sites.observe(store, site, &found.body)?;
        }
    }
    for ((_, found), site) in extracted.iter_mut().zip(&site_names) {
        if let Some(site) = site {
            storyline_pipeline::remove_site_boilerplate(found, sites.get(store, site)?);
        }
    }
    let processed: Vec<Result<(Article, RawInput), Failure>> = extracted
        .into_par_iter()
        .map(|(document, found)| {
            let article =
                storyline_pipeline::article_from(&document, found, now).map_err(|err| Failure {
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
    // Mark the search index behind before the store changes (crash recovery). By
    // design not on PostgreSQL: PostgreSQL indexes each row it stores for its own
    // full-text search, so there is no index here to update or to mark.
    let pending = if crate::index::keeps_index(store) {
        let index = match run.index.take() {
            Some(index) => index,
            None => crate::index::open_for_write(store),
        };
        Some(crate::index::begin_write_with(store, index)?)
    } else {
        None
    };
    let outcomes = store.insert_articles(&batch)?;
    let mut inserted = Vec::with_capacity(batch.len());
    for ((article, _), outcome) in batch.iter().zip(outcomes) {
        match outcome {
            InsertOutcome::Inserted => {
                summary.ingested += 1;
                if run.keep_ids {
                    summary.new_ids.push(article.id.to_string());
                }
                inserted.push(article);
            }
            InsertOutcome::AlreadyPresent => summary.already_present += 1,
        }
    }
    if let Some(pending) = pending {
        run.index = Some(pending.add_new(&inserted));
    }
    sites.save(store)?;
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

#[cfg(test)]
mod tests {
    use std::io::Write;

    use storyline_search::SearchQuery;
    use storyline_store::Store;

    use super::*;

    /// A word unique to record `i`, made of letters only so the tokenizer keeps it whole.
    fn marker(i: usize) -> String {
        let letters: String = format!("{i:04}")
            .bytes()
            .map(|d| char::from(b'a' + (d - b'0')))
            .collect();
        format!("zorblat{letters}")
    }

    fn response(i: usize) -> Vec<u8> {
        let word = marker(i);
        let body = format!(
            "<!DOCTYPE html><html><head><title>Council report {word}</title></head><body>\
             <article><h1>Council report {word}</h1>\
             <p>The council met on Tuesday to discuss the {word} proposal and agreed on a plan.</p>\
             <p>Residents had asked for the change for years, the mayor said after the vote.</p>\
             <p>Work on the first phase is expected to begin in the spring, officials added.</p>\
             </article></body></html>"
        );
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.test/{i}\r\n\
             WARC-Date: 2024-03-01T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        out.extend_from_slice(http.as_bytes());
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// `records` response records numbered from `first`, then (optionally) one cut short.
    fn write_warc(path: &std::path::Path, first: usize, records: usize, truncated: bool) {
        let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
        for i in first..first + records {
            file.write_all(&response(i)).expect("write");
        }
        if truncated {
            let cut = response(first + records);
            file.write_all(&cut[..cut.len() / 2]).expect("write");
        }
        file.flush().expect("flush");
    }

    /// More records than one batch, then a truncated one: every complete record is
    /// stored and indexed through the one index kept open across batches, no ids are
    /// kept, and a re-run finds everything present. A second file ingested into an index
    /// in step leaves it in step (each batch's commit claims the store's new token).
    #[test]
    fn warc_over_several_batches_is_stored_and_indexed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let records = WARC_BATCH + 40;
        let path = dir.path().join("crawl.warc");
        write_warc(&path, 0, records, true);
        let paths = [path.display().to_string()];

        let data = dir.path().join("data");
        let mut store = Store::open(&data).expect("store");
        let options = PipelineOptions::default();
        let summary = ingest_paths(&mut store, &paths, &options, &()).expect("ingest");
        assert_eq!(summary.ingested, records, "{:?}", summary.failed);
        assert!(summary.new_ids.is_empty(), "WARC ids are counted, not kept");
        assert_eq!(summary.failed.len(), 1, "{:?}", summary.failed);
        assert!(
            summary.failed[0]
                .source
                .ends_with(&format!("crawl.warc#{}", records + 1)),
            "{:?}",
            summary.failed[0]
        );
        assert_eq!(store.article_count().expect("count"), records as u64);

        let dir_of_index = crate::index::index_dir(&store).expect("dir");
        let index = SearchIndex::open(&dir_of_index).expect("index");
        assert_eq!(
            index.doc_count(),
            records as u64,
            "indexed by the ingest itself"
        );
        drop(index);
        for i in [0, WARC_BATCH - 1, WARC_BATCH, records - 1] {
            let query = SearchQuery {
                text: marker(i),
                ..SearchQuery::default()
            };
            let found = crate::index::search(&store, &query).expect("search");
            assert_eq!(found.total, 1, "record {i}");
            assert!(found.hits[0].title.contains(&marker(i)), "record {i}");
        }

        let again = ingest_paths(&mut store, &paths, &options, &()).expect("re-ingest");
        assert_eq!((again.ingested, again.already_present), (0, records));
        assert_eq!(store.article_count().expect("count"), records as u64);

        // The searches above brought the index in step; a second file keeps it so.
        let index = SearchIndex::open(&dir_of_index).expect("index");
        assert!(crate::index::in_step(&store, &index).expect("in step"));
        drop(index);
        let second = dir.path().join("second.warc");
        write_warc(&second, 1000, records, false);
        let more = ingest_paths(&mut store, &[second.display().to_string()], &options, &())
            .expect("second ingest");
        assert_eq!((more.ingested, more.failed.len()), (records, 0));
        let index = SearchIndex::open(&dir_of_index).expect("index");
        assert_eq!(index.doc_count(), 2 * records as u64);
        assert!(crate::index::in_step(&store, &index).expect("in step"));
    }
}
