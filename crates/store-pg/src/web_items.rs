//! Fetched web items (identity by feed GUID, canonical URL and text) and the versions
//! of an article whose text changed, as on SQLite.
//!
//! Under several writers: recording an existing item first updates (so locks) its row,
//! and the version check that follows reads what a concurrent recorder committed, so
//! two workers never append the same version number. Two workers creating an item for
//! one new URL from two different feeds at once can still make two items (there is no
//! unique key on the URL, as on SQLite); feed claims keep one feed to one worker.

use chrono::{DateTime, Utc};
use postgres::Row;
use storyline_store::{codec, StoreError, WebItem, WebItemUpdate, WebItemVersion};

use crate::error::PgContext;
use crate::PgStore;

const COLUMNS: &str =
    "id, feed_url, guid, url_key, url, title, feed_date, first_seen, last_seen, article_id";

fn item_from_row(row: &Row) -> Result<WebItem, StoreError> {
    let read = |e: postgres::Error| StoreError::Database {
        context: "reading a web item row".to_string(),
        source: Box::new(e),
    };
    let id: i64 = row.try_get(0).map_err(read)?;
    let key = id.to_string();
    let first: String = row.try_get(7).map_err(read)?;
    let last: String = row.try_get(8).map_err(read)?;
    Ok(WebItem {
        id,
        feed_url: row.try_get(1).map_err(read)?,
        guid: row.try_get(2).map_err(read)?,
        url_key: row.try_get(3).map_err(read)?,
        url: row.try_get(4).map_err(read)?,
        title: row.try_get(5).map_err(read)?,
        feed_date: row.try_get(6).map_err(read)?,
        first_seen: codec::parse_timestamp(&first, "web item first seen", &key)?,
        last_seen: codec::parse_timestamp(&last, "web item last seen", &key)?,
        article_id: row.try_get(9).map_err(read)?,
    })
}

impl PgStore {
    /// The item with this feed GUID, else the one with this canonical-URL key.
    pub fn find_web_item(
        &self,
        feed_url: Option<&str>,
        guid: Option<&str>,
        url_key: Option<&str>,
    ) -> Result<Option<WebItem>, StoreError> {
        if let (Some(feed), Some(guid)) = (feed_url, guid) {
            let found = self
                .client()
                .query_opt(
                    &format!("SELECT {COLUMNS} FROM web_items WHERE feed_url = $1 AND guid = $2"),
                    &[&feed, &guid],
                )
                .context(|| format!("looking up item {guid} of {feed}"))?;
            if let Some(row) = found {
                return item_from_row(&row).map(Some);
            }
        }
        if let Some(key) = url_key {
            let found = self
                .client()
                .query_opt(
                    &format!(
                        "SELECT {COLUMNS} FROM web_items WHERE url_key = $1 ORDER BY id LIMIT 1"
                    ),
                    &[&key],
                )
                .context(|| format!("looking up item {key}"))?;
            if let Some(row) = found {
                return item_from_row(&row).map(Some);
            }
        }
        Ok(None)
    }

    /// The article of any item version with this text hash.
    pub fn find_article_by_text_hash(&self, text_hash: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .client()
            .query_opt(
                "SELECT article_id FROM web_item_versions WHERE text_hash = $1 LIMIT 1",
                &[&text_hash],
            )
            .context(|| format!("looking up text hash {text_hash}"))?
            .map(|row| row.get(0)))
    }

    /// Insert the item (`id` None) or update it, in one transaction with its new
    /// version: a version is appended when the article's text hash differs from the
    /// latest one. Returns the item's id.
    pub fn record_web_item(
        &mut self,
        id: Option<i64>,
        update: &WebItemUpdate,
        seen: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let when = codec::timestamp(&seen);
        let describe = || {
            format!(
                "recording web item {}",
                update
                    .url
                    .as_deref()
                    .or(update.guid.as_deref())
                    .unwrap_or("?")
            )
        };
        let mut client = self.client();
        let mut tx = client.transaction().context(describe)?;
        let article_id = update.article.as_ref().map(|(id, _)| id.as_str());
        let id: i64 = match id {
            None => tx
                .query_one(
                    "INSERT INTO web_items (feed_url, guid, url_key, url, title, feed_date,
                         first_seen, last_seen, article_id)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id",
                    &[
                        &update.feed_url,
                        &update.guid,
                        &update.url_key,
                        &update.url,
                        &update.title,
                        &update.feed_date,
                        &when,
                        &article_id,
                    ],
                )
                .context(describe)?
                .get(0),
            Some(id) => {
                // Keys are added, never replaced (as on SQLite).
                tx.execute(
                    "UPDATE web_items SET guid = COALESCE(guid, $2), url_key = COALESCE(url_key, $3),
                         url = COALESCE(url, $4), title = COALESCE($5, title),
                         feed_date = COALESCE($6, feed_date), last_seen = $7,
                         article_id = COALESCE($8, article_id)
                     WHERE id = $1",
                    &[
                        &id,
                        &update.guid,
                        &update.url_key,
                        &update.url,
                        &update.title,
                        &update.feed_date,
                        &when,
                        &article_id,
                    ],
                )
                .context(describe)?;
                id
            }
        };
        if let Some((article_id, text_hash)) = &update.article {
            let last: Option<(i64, String)> = tx
                .query_opt(
                    "SELECT version, text_hash FROM web_item_versions WHERE item_id = $1
                     ORDER BY version DESC LIMIT 1",
                    &[&id],
                )
                .context(describe)?
                .map(|row| (row.get(0), row.get(1)));
            if last.as_ref().map(|(_, hash)| hash) != Some(text_hash) {
                let version = last.map_or(1, |(v, _)| v + 1);
                tx.execute(
                    "INSERT INTO web_item_versions (item_id, version, article_id, text_hash, seen)
                     VALUES ($1, $2, $3, $4, $5)",
                    &[&id, &version, article_id, text_hash, &when],
                )
                .context(describe)?;
            }
        }
        tx.commit().context(describe)?;
        Ok(id)
    }

    /// The versions of an item, oldest first.
    pub fn web_item_versions(&self, id: i64) -> Result<Vec<WebItemVersion>, StoreError> {
        self.client()
            .query(
                "SELECT version, article_id, text_hash, seen FROM web_item_versions
                 WHERE item_id = $1 ORDER BY version",
                &[&id],
            )
            .context(|| format!("listing versions of web item {id}"))?
            .iter()
            .map(|row| {
                let version: i64 = row.get(0);
                let seen: String = row.get(3);
                Ok(WebItemVersion {
                    version: version.clamp(0, u32::MAX as i64) as u32,
                    article_id: row.get(1),
                    text_hash: row.get(2),
                    seen: codec::parse_timestamp(&seen, "web item version seen", &id.to_string())?,
                })
            })
            .collect()
    }

    /// How many web items are known (all feeds).
    pub fn web_item_count(&self) -> Result<u64, StoreError> {
        self.client()
            .query_one("SELECT count(*) FROM web_items", &[])
            .map(|row| row.get::<_, i64>(0) as u64)
            .context(|| "counting web items".to_string())
    }
}
