//! The operations every store offers, as one trait, so that code written once (the
//! store tests, the ingest worker, the CLI's `articles`, `show` and `migrate`,
//! benchmarks) runs on this SQLite store and on PostgreSQL (`storyline-store-pg`, which
//! implements it for its `PgStore` with [`forward_store_backend!`]).
//!
//! It covers what ingest, regroup, reprocess, the feed watcher and listing need:
//! `storyline-app` takes a `&mut dyn StoreBackend` for those; search, the timeline and
//! the server still take the SQLite `Store` (they reach its tantivy index).
//! Each method has the meaning documented on the `Store` method of that name.

use std::collections::HashMap;

use storyline_model::{Article, ArticleId, Grouping};

use crate::{
    ArticleGroups, ArticleQuery, Feed, FeedState, GroupIds, InsertOutcome, RawInput, Store,
    StoreError, VerifyReport, WebItem, WebItemUpdate, WebItemVersion,
};

pub trait StoreBackend {
    /// `"sqlite"` or `"postgres"`, for messages and benchmark tables.
    fn backend_name(&self) -> &'static str;
    /// True for a store several processes write at once (PostgreSQL). Such a store has
    /// no tantivy index beside it (its search is in the database), its watchers claim
    /// feeds instead of polling them all, and any worker's regroup must cover every
    /// article, since another worker may have died before regrouping its own.
    fn is_shared(&self) -> bool {
        self.backend_name() == "postgres"
    }
    fn insert_articles(
        &mut self,
        batch: &[(Article, RawInput)],
    ) -> Result<Vec<InsertOutcome>, StoreError>;
    fn article(&self, id_or_prefix: &str) -> Result<Option<Article>, StoreError>;
    fn articles_after(
        &self,
        after: Option<&ArticleId>,
        limit: usize,
    ) -> Result<Vec<Article>, StoreError>;
    fn article_count(&self) -> Result<u64, StoreError>;
    fn contains_article(&self, id: &str) -> Result<bool, StoreError>;
    fn raw_input(&self, hash: &str) -> Result<Option<RawInput>, StoreError>;
    fn raw_count(&self) -> Result<u64, StoreError>;
    fn save_grouping(&mut self, grouping: &Grouping) -> Result<(), StoreError>;
    fn grouping(&self) -> Result<Grouping, StoreError>;
    fn kv_get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn kv_set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Atomic read-modify-write of one key: concurrent updaters never lose each other's.
    fn kv_update(
        &mut self,
        key: &str,
        update: &mut dyn FnMut(Option<String>) -> String,
    ) -> Result<(), StoreError>;
    fn kv_delete(&mut self, key: &str) -> Result<bool, StoreError>;
    fn schema_version(&self) -> Result<i64, StoreError>;
    fn replace_article(&mut self, article: &Article) -> Result<(), StoreError>;
    fn replace_articles(&mut self, articles: &[Article]) -> Result<(), StoreError>;
    fn articles(&self, query: &ArticleQuery) -> Result<Vec<Article>, StoreError>;
    fn count_articles(&self, query: &ArticleQuery) -> Result<u64, StoreError>;
    fn for_each_article(&self, visit: &mut dyn FnMut(Article)) -> Result<u64, StoreError>;
    fn for_each_raw(&self, visit: &mut dyn FnMut(RawInput)) -> Result<u64, StoreError>;
    fn raw_sizes(&self) -> Result<(u64, u64), StoreError>;
    fn article_groups(&self, id: &str) -> Result<GroupIds, StoreError>;
    fn article_groups_bulk(
        &self,
        ids: &[ArticleId],
    ) -> Result<HashMap<ArticleId, ArticleGroups>, StoreError>;
    fn add_feed(&mut self, url: &str, title: Option<&str>) -> Result<bool, StoreError>;
    fn remove_feed(&mut self, url: &str) -> Result<bool, StoreError>;
    fn feeds(&self) -> Result<Vec<Feed>, StoreError>;
    fn feed(&self, url: &str) -> Result<Option<Feed>, StoreError>;
    fn update_feed_state(&mut self, url: &str, state: &FeedState) -> Result<(), StoreError>;
    fn claim_due_feeds(
        &mut self,
        worker: &str,
        now: chrono::DateTime<chrono::Utc>,
        lease: chrono::Duration,
        limit: usize,
    ) -> Result<Vec<Feed>, StoreError>;
    fn release_feed(&mut self, url: &str, worker: &str) -> Result<bool, StoreError>;
    fn find_web_item(
        &self,
        feed_url: Option<&str>,
        guid: Option<&str>,
        url_key: Option<&str>,
    ) -> Result<Option<WebItem>, StoreError>;
    fn find_article_by_text_hash(&self, text_hash: &str) -> Result<Option<String>, StoreError>;
    fn record_web_item(
        &mut self,
        id: Option<i64>,
        update: &WebItemUpdate,
        seen: chrono::DateTime<chrono::Utc>,
    ) -> Result<i64, StoreError>;
    fn web_item_versions(&self, id: i64) -> Result<Vec<WebItemVersion>, StoreError>;
    fn web_item_count(&self) -> Result<u64, StoreError>;
    fn verify(&self) -> Result<VerifyReport, StoreError>;
    /// The embedded store's data directory, where the app keeps its tantivy search
    /// index; `None` on PostgreSQL (its search is in the database) and in memory.
    fn data_dir(&self) -> Option<std::path::PathBuf>;
    /// Take the grouping lock until [`StoreBackend::unlock_grouping`], so that reading
    /// every article, grouping them and saving the grouping is one step with respect to
    /// other writers: on PostgreSQL the session advisory lock `save_grouping` also takes,
    /// so the last worker to regroup groups every article the others committed; nothing
    /// on SQLite (see `Store::lock_grouping`).
    fn lock_grouping(&mut self) -> Result<(), StoreError>;
    fn unlock_grouping(&mut self) -> Result<(), StoreError>;

    /// Every article in id order, read in keyset pages (bounded memory per page).
    fn all_articles(&self) -> Result<Vec<Article>, StoreError> {
        let mut all: Vec<Article> = Vec::new();
        loop {
            let page = self.articles_after(all.last().map(|a| &a.id), 500)?;
            if page.is_empty() {
                return Ok(all);
            }
            all.extend(page);
        }
    }
}

/// One impl per store, each forwarding to the inherent method of the same name (the
/// PostgreSQL backend invokes it for its `PgStore`).
#[doc(hidden)]
#[macro_export]
macro_rules! forward_store_backend {
    ($store:ty, $name:literal) => {
        impl $crate::StoreBackend for $store {
            fn backend_name(&self) -> &'static str {
                $name
            }
            fn insert_articles(
                &mut self,
                batch: &[(::storyline_model::Article, $crate::RawInput)],
            ) -> Result<Vec<$crate::InsertOutcome>, $crate::StoreError> {
                <$store>::insert_articles(self, batch)
            }
            fn article(
                &self,
                id_or_prefix: &str,
            ) -> Result<Option<::storyline_model::Article>, $crate::StoreError> {
                <$store>::article(self, id_or_prefix)
            }
            fn articles_after(
                &self,
                after: Option<&::storyline_model::ArticleId>,
                limit: usize,
            ) -> Result<Vec<::storyline_model::Article>, $crate::StoreError> {
                <$store>::articles_after(self, after, limit)
            }
            fn article_count(&self) -> Result<u64, $crate::StoreError> {
                <$store>::article_count(self)
            }
            fn contains_article(&self, id: &str) -> Result<bool, $crate::StoreError> {
                <$store>::contains_article(self, id)
            }
            fn raw_input(
                &self,
                hash: &str,
            ) -> Result<Option<$crate::RawInput>, $crate::StoreError> {
                <$store>::raw_input(self, hash)
            }
            fn raw_count(&self) -> Result<u64, $crate::StoreError> {
                <$store>::raw_count(self)
            }
            fn save_grouping(
                &mut self,
                grouping: &::storyline_model::Grouping,
            ) -> Result<(), $crate::StoreError> {
                <$store>::save_grouping(self, grouping)
            }
            fn grouping(&self) -> Result<::storyline_model::Grouping, $crate::StoreError> {
                <$store>::grouping(self)
            }
            fn kv_get(&self, key: &str) -> Result<Option<String>, $crate::StoreError> {
                <$store>::kv_get(self, key)
            }
            fn kv_set(&mut self, key: &str, value: &str) -> Result<(), $crate::StoreError> {
                <$store>::kv_set(self, key, value)
            }
            fn kv_update(
                &mut self,
                key: &str,
                update: &mut dyn FnMut(Option<String>) -> String,
            ) -> Result<(), $crate::StoreError> {
                <$store>::kv_update(self, key, update)
            }
            fn kv_delete(&mut self, key: &str) -> Result<bool, $crate::StoreError> {
                <$store>::kv_delete(self, key)
            }
            fn schema_version(&self) -> Result<i64, $crate::StoreError> {
                <$store>::schema_version(self)
            }
            fn replace_article(
                &mut self,
                article: &::storyline_model::Article,
            ) -> Result<(), $crate::StoreError> {
                <$store>::replace_article(self, article)
            }
            fn replace_articles(
                &mut self,
                articles: &[::storyline_model::Article],
            ) -> Result<(), $crate::StoreError> {
                <$store>::replace_articles(self, articles)
            }
            fn articles(
                &self,
                query: &$crate::ArticleQuery,
            ) -> Result<Vec<::storyline_model::Article>, $crate::StoreError> {
                <$store>::articles(self, query)
            }
            fn count_articles(
                &self,
                query: &$crate::ArticleQuery,
            ) -> Result<u64, $crate::StoreError> {
                <$store>::count_articles(self, query)
            }
            fn for_each_article(
                &self,
                visit: &mut dyn FnMut(::storyline_model::Article),
            ) -> Result<u64, $crate::StoreError> {
                <$store>::for_each_article(self, visit)
            }
            fn for_each_raw(
                &self,
                visit: &mut dyn FnMut($crate::RawInput),
            ) -> Result<u64, $crate::StoreError> {
                <$store>::for_each_raw(self, visit)
            }
            fn raw_sizes(&self) -> Result<(u64, u64), $crate::StoreError> {
                <$store>::raw_sizes(self)
            }
            fn article_groups(&self, id: &str) -> Result<$crate::GroupIds, $crate::StoreError> {
                <$store>::article_groups(self, id)
            }
            fn article_groups_bulk(
                &self,
                ids: &[::storyline_model::ArticleId],
            ) -> Result<
                ::std::collections::HashMap<::storyline_model::ArticleId, $crate::ArticleGroups>,
                $crate::StoreError,
            > {
                <$store>::article_groups_bulk(self, ids)
            }
            fn add_feed(
                &mut self,
                url: &str,
                title: Option<&str>,
            ) -> Result<bool, $crate::StoreError> {
                <$store>::add_feed(self, url, title)
            }
            fn remove_feed(&mut self, url: &str) -> Result<bool, $crate::StoreError> {
                <$store>::remove_feed(self, url)
            }
            fn feeds(&self) -> Result<Vec<$crate::Feed>, $crate::StoreError> {
                <$store>::feeds(self)
            }
            fn feed(&self, url: &str) -> Result<Option<$crate::Feed>, $crate::StoreError> {
                <$store>::feed(self, url)
            }
            fn update_feed_state(
                &mut self,
                url: &str,
                state: &$crate::FeedState,
            ) -> Result<(), $crate::StoreError> {
                <$store>::update_feed_state(self, url, state)
            }
            fn claim_due_feeds(
                &mut self,
                worker: &str,
                now: ::chrono::DateTime<::chrono::Utc>,
                lease: ::chrono::Duration,
                limit: usize,
            ) -> Result<Vec<$crate::Feed>, $crate::StoreError> {
                <$store>::claim_due_feeds(self, worker, now, lease, limit)
            }
            fn release_feed(
                &mut self,
                url: &str,
                worker: &str,
            ) -> Result<bool, $crate::StoreError> {
                <$store>::release_feed(self, url, worker)
            }
            fn find_web_item(
                &self,
                feed_url: Option<&str>,
                guid: Option<&str>,
                url_key: Option<&str>,
            ) -> Result<Option<$crate::WebItem>, $crate::StoreError> {
                <$store>::find_web_item(self, feed_url, guid, url_key)
            }
            fn find_article_by_text_hash(
                &self,
                text_hash: &str,
            ) -> Result<Option<String>, $crate::StoreError> {
                <$store>::find_article_by_text_hash(self, text_hash)
            }
            fn record_web_item(
                &mut self,
                id: Option<i64>,
                update: &$crate::WebItemUpdate,
                seen: ::chrono::DateTime<::chrono::Utc>,
            ) -> Result<i64, $crate::StoreError> {
                <$store>::record_web_item(self, id, update, seen)
            }
            fn web_item_versions(
                &self,
                id: i64,
            ) -> Result<Vec<$crate::WebItemVersion>, $crate::StoreError> {
                <$store>::web_item_versions(self, id)
            }
            fn web_item_count(&self) -> Result<u64, $crate::StoreError> {
                <$store>::web_item_count(self)
            }
            fn verify(&self) -> Result<$crate::VerifyReport, $crate::StoreError> {
                <$store>::verify(self)
            }
            fn data_dir(&self) -> Option<::std::path::PathBuf> {
                <$store>::data_dir(self)
            }
            fn lock_grouping(&mut self) -> Result<(), $crate::StoreError> {
                <$store>::lock_grouping(self)
            }
            fn unlock_grouping(&mut self) -> Result<(), $crate::StoreError> {
                <$store>::unlock_grouping(self)
            }
        }
    };
}

crate::forward_store_backend!(Store, "sqlite");
