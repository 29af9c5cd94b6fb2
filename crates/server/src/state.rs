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
    /// than the query); replaced when the store has moved on.
    index: Mutex<Option<Arc<SearchIndex>>>,
}

pub type Shared = Arc<AppState>;

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

    /// The search index in step with `store`. The cheap check (token and count) runs on
    /// every query; a catch-up runs under the write lock, so two requests never write
    /// the index at once.
    pub fn search_index(&self, store: &Store) -> Result<Arc<SearchIndex>, ApiError> {
        let cached = self.index.lock().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(index) = cached {
            if storyline_app::in_step(store, &index)? {
                return Ok(index);
            }
        }
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let index = Arc::new(storyline_app::index_in_step(store)?);
        *self.index.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::clone(&index));
        Ok(index)
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
