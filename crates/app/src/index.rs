//! Keeping the search index (`<data dir>/index/`) in step with the store.
//!
//! The store is the truth; the index is derived and may be behind after a crash, a
//! deleted or damaged index directory, or a writer that bypassed the app. How we know:
//! every write to the store that changes what is indexed first sets a fresh token in
//! the store's kv table (`search.token`); the index write that follows commits with that
//! token as its payload, but only when the index was in step before. The index is in
//! step when its payload equals the store's token and it holds as many documents as the
//! store holds articles (the count catches a crash that raced a catch-up). When it is
//! not, [`search`] catches up first: it compares each article's digest with the indexed
//! one and re-indexes only what differs, so recovery after a crash costs a scan, not a
//! rebuild. An index that cannot be opened is thrown away and rebuilt.
//!
//! Failures to update the index never fail an ingest or a regroup: the store write has
//! happened, and the next search catches up.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use anyhow::Context;
use storyline_model::{Article, ArticleId, Grouping};
use storyline_search::{
    IndexBatch, IndexDoc, SearchError, SearchIndex, SearchQuery, SearchResults,
};
use storyline_store::{Store, StoreBackend};

/// The index directory's name inside the data directory.
pub const INDEX_DIR: &str = "index";
/// The kv key of the token naming the store's last indexed-content change.
const TOKEN_KEY: &str = "search.token";
/// Articles read from the store and indexed per commit during a catch-up or rebuild:
/// bounds memory on large stores while keeping commits few.
const SYNC_CHUNK: usize = 5000;

/// The index directory of this store: `<data dir>/index`.
pub fn index_dir(store: &dyn StoreBackend) -> anyhow::Result<PathBuf> {
    let data = store.data_dir().with_context(|| {
        format!(
            "the {} store has no data directory for an index",
            store.backend_name()
        )
    })?;
    Ok(data.join(INDEX_DIR))
}

/// Whether ingest and regroup keep a tantivy index in step with this store. The
/// embedded store does (in its data directory). PostgreSQL does not, by design: its
/// search is full-text search inside the database, over a generated `tsvector` column
/// PostgreSQL updates with each row, so there is nothing to write and no token to move
/// (a token row every worker rewrote per batch would only make them queue on it).
pub(crate) fn keeps_index(store: &dyn StoreBackend) -> bool {
    !store.is_shared()
}

/// Rebuild the index from the store (every article, with its event and storyline);
/// returns how many documents it holds.
pub fn reindex(store: &Store) -> anyhow::Result<u64> {
    let mut index = open_or_recreate(store)?;
    sync_from_store(store, &mut index, true)?;
    Ok(index.doc_count())
}

/// Search, first bringing the index in step with the store if it is behind.
pub fn search(store: &Store, query: &SearchQuery) -> anyhow::Result<SearchResults> {
    let index = index_in_step(store)?;
    match index.search(query) {
        Err(SearchError::Search { .. }) => {
            // A damaged segment shows only when read: rebuild once and ask again.
            tracing::warn!("search index unreadable, rebuilding it");
            drop(index);
            let index = rebuild(store)?;
            Ok(index.search(query)?)
        }
        result => Ok(result?),
    }
}

/// The index, opened and brought in step with the store: for callers (the server) that
/// keep one open between queries.
pub fn index_in_step(store: &Store) -> anyhow::Result<SearchIndex> {
    let mut index = open_or_recreate(store)?;
    if !in_step(store, &index)? {
        tracing::info!("search index behind the store: catching up");
        if let Err(err) = sync_from_store(store, &mut index, false) {
            tracing::warn!("catching up failed ({err:#}), rebuilding the index");
            drop(index);
            index = rebuild(store)?;
        }
    }
    Ok(index)
}

/// The token naming the store's last indexed-content change: equal tokens mean nothing
/// the index holds has changed in the store. One kv lookup, so a server can check it on
/// every query and run the dearer [`in_step`] (a count over the articles) only when it
/// moves.
pub fn search_token(store: &dyn StoreBackend) -> anyhow::Result<String> {
    current_token(store)
}

/// True when the index reflects the store's last indexed-content change.
pub fn in_step(store: &dyn StoreBackend, index: &SearchIndex) -> anyhow::Result<bool> {
    let token = current_token(store)?;
    Ok(index.commit_payload()?.as_deref() == Some(token.as_str())
        && index.doc_count() == store.article_count()?)
}

/// The groups (event, storyline) of every grouped article, as the store resolves them:
/// the first event (in grouping order) listing the article, and the first storyline
/// listing the article or, failing that, its event.
pub fn groups_by_article(
    grouping: &Grouping,
) -> HashMap<ArticleId, (Option<String>, Option<String>)> {
    let mut event_of: HashMap<&ArticleId, &str> = HashMap::new();
    for event in &grouping.events {
        for article in &event.articles {
            event_of.entry(article).or_insert(&event.id);
        }
    }
    let mut storyline_of: HashMap<&ArticleId, &str> = HashMap::new();
    let mut storyline_of_event: HashMap<&str, &str> = HashMap::new();
    for storyline in &grouping.storylines {
        for article in &storyline.articles {
            storyline_of.entry(article).or_insert(&storyline.id);
        }
        for event in &storyline.events {
            storyline_of_event.entry(event).or_insert(&storyline.id);
        }
    }
    let mut ids: HashSet<&ArticleId> = event_of.keys().copied().collect();
    ids.extend(storyline_of.keys().copied());
    ids.into_iter()
        .map(|id| {
            let event = event_of.get(id).copied();
            let storyline = storyline_of
                .get(id)
                .copied()
                .or_else(|| event.and_then(|e| storyline_of_event.get(e).copied()));
            (
                id.clone(),
                (event.map(str::to_string), storyline.map(str::to_string)),
            )
        })
        .collect()
}

/// Called by ingest before it stores new articles: marks the store as changed and tells
/// whether the index was in step until now (then the articles' own index write may
/// claim the new state).
pub(crate) struct PendingWrite {
    token: String,
    index: Option<SearchIndex>,
    was_in_step: bool,
}

pub(crate) fn begin_write(store: &mut dyn StoreBackend) -> anyhow::Result<PendingWrite> {
    let index = open_for_write(&*store);
    begin_write_with(store, index)
}

/// The index to write to, or `None` (logged) when it cannot be opened: the store write
/// goes on and the next search rebuilds the index.
pub(crate) fn open_for_write(store: &dyn StoreBackend) -> Option<SearchIndex> {
    match index_dir(store).and_then(|dir| Ok(SearchIndex::open(&dir)?)) {
        Ok(index) => Some(index),
        Err(err) => {
            tracing::warn!("search index not updated ({err:#}); the next search rebuilds it");
            None
        }
    }
}

/// [`begin_write`] with an index the caller already holds: a long ingest opens it once
/// and passes it to every batch (see [`PendingWrite::add_new`], which hands it back).
pub(crate) fn begin_write_with(
    store: &mut dyn StoreBackend,
    index: Option<SearchIndex>,
) -> anyhow::Result<PendingWrite> {
    let was_in_step = match &index {
        Some(index) => in_step(&*store, index).unwrap_or(false),
        None => false,
    };
    let token = mark_behind(store)?;
    Ok(PendingWrite {
        token,
        index,
        was_in_step,
    })
}

impl PendingWrite {
    /// Index newly stored articles (not yet grouped); hands the index back for the next
    /// batch.
    pub(crate) fn add_new(self, articles: &[&Article]) -> Option<SearchIndex> {
        let docs = articles
            .iter()
            .map(|&article| IndexDoc {
                article,
                event: None,
                storyline: None,
            })
            .collect();
        let was_in_step = self.was_in_step;
        let token = self.token.clone();
        self.finish(IndexBatch {
            upsert: docs,
            payload: was_in_step.then_some(token),
            ..IndexBatch::default()
        })
    }

    /// Bring the index in line with every article of the store and its grouping (after
    /// a regroup, which may change any article's event, storyline or date).
    pub(crate) fn sync_all(self, articles: &[Article], grouping: &Grouping) {
        let Some(mut index) = self.index else { return };
        let groups = groups_by_article(grouping);
        let result = index
            .digests()
            .map_err(anyhow::Error::from)
            .and_then(|indexed| {
                let batch = diff(articles, &groups, &indexed, false);
                index.apply(IndexBatch {
                    payload: Some(self.token),
                    ..batch
                })?;
                Ok(())
            });
        if let Err(err) = result {
            tracing::warn!("search index not updated ({err:#}); the next search catches up");
        }
    }

    fn finish(self, batch: IndexBatch<'_>) -> Option<SearchIndex> {
        let mut index = self.index?;
        if let Err(err) = index.apply(batch) {
            tracing::warn!("search index not updated ({err}); the next search catches up");
        }
        Some(index)
    }
}

/// What to write so the index holds exactly `articles` (the whole store) with these groups.
fn diff<'a>(
    articles: &'a [Article],
    groups: &'a HashMap<ArticleId, (Option<String>, Option<String>)>,
    indexed: &HashMap<String, u64>,
    rebuild: bool,
) -> IndexBatch<'a> {
    let mut batch = IndexBatch {
        clear: rebuild,
        ..IndexBatch::default()
    };
    let mut present = HashSet::with_capacity(articles.len());
    for article in articles {
        present.insert(article.id.as_str());
        let doc = index_doc(article, groups);
        if rebuild || indexed.get(article.id.as_str()) != Some(&doc.digest()) {
            batch.upsert.push(doc);
        }
    }
    if !rebuild {
        batch.delete = indexed
            .keys()
            .filter(|id| !present.contains(id.as_str()))
            .cloned()
            .collect();
    }
    batch
}

fn index_doc<'a>(
    article: &'a Article,
    groups: &'a HashMap<ArticleId, (Option<String>, Option<String>)>,
) -> IndexDoc<'a> {
    let (event, storyline) = groups
        .get(&article.id)
        .map_or((None, None), |(e, s)| (e.as_deref(), s.as_deref()));
    IndexDoc {
        article,
        event,
        storyline,
    }
}

/// Make the index hold exactly the store's articles, reading them a chunk at a time;
/// `rebuild` re-indexes everything instead of what differs. Commits the store's token
/// with the last chunk, so a crash half-way leaves the index marked behind.
fn sync_from_store(store: &Store, index: &mut SearchIndex, rebuild: bool) -> anyhow::Result<()> {
    // Read the token before the articles: a write that lands during the scan sets a
    // newer token, and the index stays marked behind rather than wrongly in step.
    let token = current_token(store)?;
    let groups = groups_by_article(&store.grouping()?);
    let indexed = if rebuild {
        HashMap::new()
    } else {
        index.digests()?
    };
    let mut present: HashSet<String> = HashSet::new();
    let mut after: Option<ArticleId> = None;
    let mut first = true;
    loop {
        let chunk = store.articles_after(after.as_ref(), SYNC_CHUNK)?;
        let last_chunk = chunk.len() < SYNC_CHUNK;
        after = chunk.last().map(|a| a.id.clone());
        let mut batch = IndexBatch {
            clear: rebuild && first,
            ..IndexBatch::default()
        };
        for article in &chunk {
            present.insert(article.id.to_string());
            let doc = index_doc(article, &groups);
            if rebuild || indexed.get(article.id.as_str()) != Some(&doc.digest()) {
                batch.upsert.push(doc);
            }
        }
        if last_chunk {
            batch.delete = indexed
                .keys()
                .filter(|id| !present.contains(id.as_str()))
                .cloned()
                .collect();
            batch.payload = Some(token);
            index.apply(batch)?;
            return Ok(());
        }
        if !batch.upsert.is_empty() || batch.clear {
            index.apply(batch)?;
        }
        first = false;
    }
}

/// Open the index; when it cannot be opened (damaged, or another schema), throw it away
/// and start an empty one (the caller then fills it from the store).
fn open_or_recreate(store: &Store) -> anyhow::Result<SearchIndex> {
    let dir = index_dir(store)?;
    match SearchIndex::open(&dir) {
        Ok(index) => Ok(index),
        Err(err @ (SearchError::Open { .. } | SearchError::SchemaMismatch { .. })) => {
            tracing::warn!("{err}; rebuilding the index");
            remove_index_dir(&dir)?;
            Ok(SearchIndex::open(&dir)?)
        }
        Err(err) => Err(err.into()),
    }
}

fn rebuild(store: &Store) -> anyhow::Result<SearchIndex> {
    let dir = index_dir(store)?;
    remove_index_dir(&dir)?;
    let mut index = SearchIndex::open(&dir)?;
    sync_from_store(store, &mut index, true)?;
    Ok(index)
}

fn remove_index_dir(dir: &std::path::Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            Err(err).with_context(|| format!("cannot remove the damaged index {}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// Give the store a new token before changing what the index holds, so that an index
/// committed under the old one reads as behind (also after a crash half-way); returns it.
pub(crate) fn mark_behind(store: &mut dyn StoreBackend) -> anyhow::Result<String> {
    let token = new_token();
    store.kv_set(TOKEN_KEY, &token)?;
    Ok(token)
}

fn current_token(store: &dyn StoreBackend) -> anyhow::Result<String> {
    Ok(store
        .kv_get(TOKEN_KEY)?
        .unwrap_or_else(|| "initial".to_string()))
}

fn new_token() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}
