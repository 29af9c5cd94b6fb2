//! Opening the index and writing to it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use storyline_model::{Article, PartialDate};
use tantivy::directory::error::LockError;
use tantivy::schema::Facet;
use tantivy::{
    DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term,
};

use crate::schema::{self, Fields, SCHEMA_VERSION};
use crate::{tokenize, SearchError};

/// Memory for the writer's in-RAM segments, shared by its threads: large enough that a
/// bulk build writes few segments, small next to the machine's memory.
const WRITER_MEMORY: usize = 192 * 1024 * 1024;
/// Another process (the server, a second ingest) may hold the writer for a moment.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// One article as the index sees it, with the groups the store gives it.
#[derive(Debug, Clone, Copy)]
pub struct IndexDoc<'a> {
    pub article: &'a Article,
    pub event: Option<&'a str>,
    pub storyline: Option<&'a str>,
}

impl IndexDoc<'_> {
    /// A hash of everything this document puts in the index. Equal digests mean the
    /// indexed document is up to date, so a sync can skip it.
    pub fn digest(&self) -> u64 {
        let a = self.article;
        let mut hasher = blake3::Hasher::new();
        let mut put = |part: &str| {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        };
        put(&SCHEMA_VERSION.to_string());
        put(a.id.as_str());
        put(&a.title);
        put(a.site.as_deref().unwrap_or(""));
        put(a.lang.as_deref().unwrap_or(""));
        put(&a.published.date.map(|d| d.to_string()).unwrap_or_default());
        put(self.event.unwrap_or(""));
        put(self.storyline.unwrap_or(""));
        put(&a.body.len().to_string());
        for paragraph in &a.body {
            put(paragraph);
        }
        let bytes = hasher.finalize();
        u64::from_le_bytes(bytes.as_bytes()[..8].try_into().expect("8 bytes"))
    }
}

/// What one write does, committed as one tantivy commit.
#[derive(Debug, Default)]
pub struct IndexBatch<'a> {
    /// Drop every document first (a rebuild).
    pub clear: bool,
    /// Ids to remove.
    pub delete: Vec<String>,
    /// Documents to add or replace (by id).
    pub upsert: Vec<IndexDoc<'a>>,
    /// Kept with the commit (see [`SearchIndex::commit_payload`]); the app records there
    /// which state of the store the index reflects.
    pub payload: Option<String>,
}

/// The full-text index in one directory.
pub struct SearchIndex {
    pub(crate) dir: PathBuf,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

impl SearchIndex {
    /// Open the index in `dir`, creating the directory and an empty index if missing.
    /// An index written with another schema is refused ([`SearchError::SchemaMismatch`]):
    /// the caller rebuilds it.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let open_error = |reason: String| SearchError::Open {
            dir: dir.to_path_buf(),
            reason,
        };
        std::fs::create_dir_all(dir).map_err(|e| open_error(e.to_string()))?;
        let (schema, fields) = schema::build();
        let index = if dir.join("meta.json").exists() {
            let index = Index::open_in_dir(dir).map_err(|e| open_error(e.to_string()))?;
            if index.schema() != schema {
                return Err(SearchError::SchemaMismatch {
                    dir: dir.to_path_buf(),
                });
            }
            index
        } else {
            Index::create_in_dir(dir, schema).map_err(|e| open_error(e.to_string()))?
        };
        tokenize::register(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(|e: TantivyError| open_error(e.to_string()))?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
        })
    }

    /// The directory the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Add or replace (by article id) these documents, and commit.
    pub fn add(&mut self, docs: &[IndexDoc<'_>]) -> Result<(), SearchError> {
        self.apply(IndexBatch {
            upsert: docs.to_vec(),
            ..IndexBatch::default()
        })
    }

    /// Apply one batch of changes as one commit; readers of this handle see it at once,
    /// other processes' readers within a moment.
    pub fn apply(&mut self, batch: IndexBatch<'_>) -> Result<(), SearchError> {
        let mut writer = self.writer()?;
        let failed = |context: &str, e: TantivyError| SearchError::Write {
            dir: self.dir.clone(),
            reason: format!("{context}: {e}"),
        };
        if batch.clear {
            writer
                .delete_all_documents()
                .map_err(|e| failed("clearing the index", e))?;
        }
        for id in &batch.delete {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
        }
        for doc in &batch.upsert {
            let id = doc.article.id.as_str();
            if !batch.clear {
                writer.delete_term(Term::from_field_text(self.fields.id, id));
            }
            writer
                .add_document(self.document(doc))
                .map_err(|e| failed(&format!("adding article {id}"), e))?;
        }
        let mut commit = writer
            .prepare_commit()
            .map_err(|e| failed("committing", e))?;
        if let Some(payload) = &batch.payload {
            commit.set_payload(payload);
        }
        commit.commit().map_err(|e| failed("committing", e))?;
        // Let the merges this commit started finish, so repeated small commits do not
        // pile up segments.
        writer
            .wait_merging_threads()
            .map_err(|e| failed("merging segments", e))?;
        self.reader
            .reload()
            .map_err(|e| failed("reloading the reader", e))?;
        Ok(())
    }

    /// See the commits made since the reader last looked (another process's commits
    /// show by themselves only after a short delay).
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload().map_err(|e| SearchError::Open {
            dir: self.dir.clone(),
            reason: format!("reloading the reader: {e}"),
        })
    }

    /// How many documents the index holds.
    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The payload of the last commit, as read from disk now (another process may have
    /// committed since this handle was opened).
    pub fn commit_payload(&self) -> Result<Option<String>, SearchError> {
        let metas = self.index.load_metas().map_err(|e| SearchError::Open {
            dir: self.dir.clone(),
            reason: e.to_string(),
        })?;
        Ok(metas.payload)
    }

    /// Every indexed article id with the digest of its indexed document.
    pub fn digests(&self) -> Result<HashMap<String, u64>, SearchError> {
        let read_error = |e: TantivyError| SearchError::Open {
            dir: self.dir.clone(),
            reason: format!("reading the indexed ids: {e}"),
        };
        self.reader.reload().map_err(read_error)?;
        let searcher = self.reader.searcher();
        let mut found = HashMap::with_capacity(searcher.num_docs() as usize);
        let mut id = String::new();
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let ids = fast.str("id").map_err(read_error)?;
            let digests = fast.u64("digest").map_err(read_error)?;
            let Some(ids) = ids else { continue };
            for doc in segment.doc_ids_alive() {
                let Some(ord) = ids.term_ords(doc).next() else {
                    continue;
                };
                id.clear();
                ids.ord_to_str(ord, &mut id)
                    .map_err(|e| read_error(TantivyError::from(e)))?;
                found.insert(id.clone(), digests.first(doc).unwrap_or(0));
            }
        }
        Ok(found)
    }

    fn writer(&self) -> Result<IndexWriter, SearchError> {
        let started = Instant::now();
        loop {
            match self.index.writer(WRITER_MEMORY) {
                Ok(writer) => return Ok(writer),
                Err(TantivyError::LockFailure(LockError::LockBusy, _))
                    if started.elapsed() < LOCK_WAIT =>
                {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                    return Err(SearchError::Locked {
                        dir: self.dir.clone(),
                    })
                }
                Err(e) => {
                    return Err(SearchError::Write {
                        dir: self.dir.clone(),
                        reason: format!("opening the writer: {e}"),
                    })
                }
            }
        }
    }

    fn document(&self, doc: &IndexDoc<'_>) -> TantivyDocument {
        let f = &self.fields;
        let a = doc.article;
        let body = a.text();
        let mut out = TantivyDocument::default();
        out.add_text(f.id, a.id.as_str());
        out.add_text(f.title, &a.title);
        out.add_text(f.body, &body);
        if a.lang.as_deref().is_some_and(|l| l.starts_with("zh")) {
            out.add_text(f.title_zh, &a.title);
            out.add_text(f.body_zh, &body);
        }
        if let Some(site) = a.site.as_deref().filter(|s| !s.is_empty()) {
            out.add_text(f.site, site);
            out.add_facet(f.facets, Facet::from_path(["site", site]));
        }
        if let Some(lang) = a.lang.as_deref().filter(|s| !s.is_empty()) {
            out.add_text(f.lang, lang);
            out.add_facet(f.facets, Facet::from_path(["lang", lang]));
        }
        if let Some(event) = doc.event {
            out.add_text(f.event, event);
        }
        if let Some(storyline) = doc.storyline {
            out.add_text(f.storyline, storyline);
        }
        if let Some(date) = a.published.date {
            let first = day_start(date.first_day());
            out.add_text(f.published, date.to_string());
            out.add_date(f.published_first, first);
            out.add_date(f.published_last, day_start(date.last_day()));
            out.add_i64(f.sort_ts, first.into_timestamp_secs());
            let year = date.year_value().to_string();
            out.add_facet(f.facets, Facet::from_path(["year", year.as_str()]));
        }
        out.add_u64(f.digest, doc.digest());
        out
    }
}

pub(crate) fn day_start(day: chrono::NaiveDate) -> DateTime {
    let secs = day
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp();
    DateTime::from_timestamp_secs(secs)
}

pub(crate) fn parse_published(value: &str) -> Option<PartialDate> {
    value.parse().ok()
}
