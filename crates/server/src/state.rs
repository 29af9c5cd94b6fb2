//! Shared state: a small pool of store handles and the write lock.
//!
//! `Store` wraps a SQLite connection, which is `Send` but not `Sync`: each request takes
//! a handle out of the pool for the duration of one blocking task, so readers run in
//! parallel (SQLite WAL) and no connection is shared between threads. Writes take the
//! write lock as well, so two ingests never interleave their regrouping.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use storyline_search::SearchIndex;
use storyline_store::Store;

use crate::error::ApiError;
use crate::ServerConfig;

/// Idle handles kept for reuse; more are opened on demand under load and dropped after.
const MAX_IDLE_STORES: usize = 16;

pub struct AppState {
    data_dir: PathBuf,
    pub token: Option<String>,
    idle: Mutex<Vec<Store>>,
    write_lock: Mutex<()>,
    /// The search index, kept open between queries (opening it per query costs more
    /// than the query), with the store's search token it was last found in step at.
    index: Mutex<Option<CachedIndex>>,
}

pub type Shared = Arc<AppState>;

#[derive(Clone)]
struct CachedIndex {
    index: Arc<SearchIndex>,
    /// The store's search token when the index was last checked in step with it.
    token: String,
}

impl AppState {
    pub fn new(config: ServerConfig) -> Self {
        Self {
            data_dir: config.data_dir,
            token: config.token,
            idle: Mutex::new(Vec::new()),
            write_lock: Mutex::new(()),
            index: Mutex::new(None),
        }
    }

    fn take(&self) -> Result<Store, ApiError> {
        let pooled = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match pooled {
            Some(store) => Ok(store),
            None => Store::open(&self.data_dir).map_err(|err| {
                tracing::error!("{err}");
                ApiError::internal(format!("cannot open the store: {err}"))
            }),
        }
    }

    fn give_back(&self, store: Store) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE_STORES {
            idle.push(store);
        }
    }

    /// Run `job` with a store handle on the blocking pool.
    pub async fn read<T, F>(self: &Arc<Self>, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = state.take()?;
            let result = job(&store);
            state.give_back(store);
            result
        })
        .await
        .map_err(|err| ApiError::internal(format!("request task failed: {err}")))?
    }

    /// The search index in step with `store`. A query reads the store's search token
    /// (one kv lookup): every store write that changes what is indexed sets a new one,
    /// so while it is the token the index was last checked at, the index is in step.
    /// When it moved, the reader is reloaded (the write's index commit may come from
    /// another process) and the full check (commit payload, document count against a
    /// `count(*)` of the store) runs once; a catch-up runs under the write lock, so two
    /// requests never write the index at once.
    pub fn search_index(&self, store: &Store) -> Result<Arc<SearchIndex>, ApiError> {
        // Read before any check: a write landing during the check sets a newer token,
        // which the next query sees as moved, so the cache never claims a newer state
        // than the one checked.
        let token = storyline_app::search_token(store)?;
        let cached = self.index.lock().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(cached) = cached {
            if cached.token == token {
                return Ok(cached.index);
            }
            // A reader that cannot reload is replaced below, like an index behind.
            if cached.index.reload().is_ok() && storyline_app::in_step(store, &cached.index)? {
                self.remember(&cached.index, token);
                return Ok(cached.index);
            }
        }
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let index = Arc::new(storyline_app::index_in_step(store)?);
        self.remember(&index, token);
        Ok(index)
    }

    fn remember(&self, index: &Arc<SearchIndex>, token: String) {
        *self.index.lock().unwrap_or_else(|p| p.into_inner()) = Some(CachedIndex {
            index: Arc::clone(index),
            token,
        });
    }

    /// Run `job` with a store handle and the write lock held: writes serialize.
    pub async fn write<T, F>(self: &Arc<Self>, job: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let _guard = state.write_lock.lock().unwrap_or_else(|p| p.into_inner());
            let mut store = state.take()?;
            let result = job(&mut store);
            state.give_back(store);
            result
        })
        .await
        .map_err(|err| ApiError::internal(format!("request task failed: {err}")))?
    }
}
