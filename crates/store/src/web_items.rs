//! Fetched web items: how the watcher recognises an article it has seen before (feed
//! GUID, canonical URL, extracted text) and the versions of one whose text changed.
//! The store only keeps these keys; computing them (canonical URLs, text hashes) is the
//! caller's.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};

use crate::codec;
use crate::error::{Context, StoreError};
use crate::Store;

/// One known web item.
#[derive(Debug, Clone, PartialEq)]
pub struct WebItem {
    pub id: i64,
    pub feed_url: Option<String>,
    pub guid: Option<String>,
    pub url_key: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub feed_date: Option<String>,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    pub article_id: Option<String>,
}

/// One version of an item's article.
#[derive(Debug, Clone, PartialEq)]
pub struct WebItemVersion {
    pub version: u32,
    pub article_id: String,
    pub text_hash: String,
    pub seen: DateTime<Utc>,
}

/// What a poll learned about an item: written with [`Store::record_web_item`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WebItemUpdate {
    pub feed_url: Option<String>,
    pub guid: Option<String>,
    pub url_key: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub feed_date: Option<String>,
    /// The article (and its text hash) now standing for the item, if any.
    pub article: Option<(String, String)>,
}

const COLUMNS: &str =
    "id, feed_url, guid, url_key, url, title, feed_date, first_seen, last_seen, article_id";

fn item_from_row(row: &Row<'_>) -> rusqlite::Result<(WebItem, String, String)> {
    let first: String = row.get(7)?;
    let last: String = row.get(8)?;
    Ok((
        WebItem {
            id: row.get(0)?,
            feed_url: row.get(1)?,
            guid: row.get(2)?,
            url_key: row.get(3)?,
            url: row.get(4)?,
            title: row.get(5)?,
            feed_date: row.get(6)?,
            first_seen: DateTime::<Utc>::MIN_UTC,
            last_seen: DateTime::<Utc>::MIN_UTC,
            article_id: row.get(9)?,
        },
        first,
        last,
    ))
}

fn finish(parts: (WebItem, String, String)) -> Result<WebItem, StoreError> {
    let (mut item, first, last) = parts;
    let key = item.id.to_string();
    item.first_seen = codec::parse_timestamp(&first, "web item first seen", &key)?;
    item.last_seen = codec::parse_timestamp(&last, "web item last seen", &key)?;
    Ok(item)
}

impl Store {
    /// The item with this feed GUID, else the one with this canonical-URL key.
    pub fn find_web_item(
        &self,
        feed_url: Option<&str>,
        guid: Option<&str>,
        url_key: Option<&str>,
    ) -> Result<Option<WebItem>, StoreError> {
        if let (Some(feed), Some(guid)) = (feed_url, guid) {
            let found = self
                .conn
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM web_items WHERE feed_url = ?1 AND guid = ?2"
                ))
                .context(|| "preparing the web item lookup".to_string())?
                .query_row(params![feed, guid], item_from_row)
                .optional()
                .context(|| format!("looking up item {guid} of {feed}"))?;
            if let Some(parts) = found {
                return finish(parts).map(Some);
            }
        }
        if let Some(key) = url_key {
            let found = self
                .conn
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM web_items WHERE url_key = ?1 ORDER BY id LIMIT 1"
                ))
                .context(|| "preparing the web item lookup".to_string())?
                .query_row([key], item_from_row)
                .optional()
                .context(|| format!("looking up item {key}"))?;
            if let Some(parts) = found {
                return finish(parts).map(Some);
            }
        }
        Ok(None)
    }

    /// The article of any item version with this text hash (the same text reached
    /// under another URL or GUID).
    pub fn find_article_by_text_hash(&self, text_hash: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT article_id FROM web_item_versions WHERE text_hash = ?1 LIMIT 1")
            .context(|| "preparing the text hash lookup".to_string())?
            .query_row([text_hash], |row| row.get(0))
            .optional()
            .context(|| format!("looking up text hash {text_hash}"))
    }

    /// Insert the item (`id` None) or update it, in one transaction with its new version:
    /// a version is appended when the article's text hash differs from the latest one.
    /// Returns the item's id.
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
        let tx = self.conn.transaction().context(describe)?;
        let article_id = update.article.as_ref().map(|(id, _)| id.as_str());
        let id = match id {
            None => {
                tx.execute(
                    "INSERT INTO web_items (feed_url, guid, url_key, url, title, feed_date,
                         first_seen, last_seen, article_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                    params![
                        update.feed_url,
                        update.guid,
                        update.url_key,
                        update.url,
                        update.title,
                        update.feed_date,
                        when,
                        article_id
                    ],
                )
                .context(describe)?;
                tx.last_insert_rowid()
            }
            Some(id) => {
                // Keys are added, never replaced: the first canonical URL stays the key
                // (a moved item is still found by its GUID), so no key is ever lost.
                tx.execute(
                    "UPDATE web_items SET guid = COALESCE(guid, ?2), url_key = COALESCE(url_key, ?3),
                         url = COALESCE(url, ?4), title = COALESCE(?5, title),
                         feed_date = COALESCE(?6, feed_date), last_seen = ?7,
                         article_id = COALESCE(?8, article_id)
                     WHERE id = ?1",
                    params![
                        id,
                        update.guid,
                        update.url_key,
                        update.url,
                        update.title,
                        update.feed_date,
                        when,
                        article_id
                    ],
                )
                .context(describe)?;
                id
            }
        };
        if let Some((article_id, text_hash)) = &update.article {
            let last: Option<(u32, String)> = tx
                .query_row(
                    "SELECT version, text_hash FROM web_item_versions WHERE item_id = ?1
                     ORDER BY version DESC LIMIT 1",
                    [id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()
                .context(describe)?;
            if last.as_ref().map(|(_, hash)| hash) != Some(text_hash) {
                let version = last.map_or(1, |(v, _)| v + 1);
                tx.execute(
                    "INSERT INTO web_item_versions (item_id, version, article_id, text_hash, seen)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, version, article_id, text_hash, when],
                )
                .context(describe)?;
            }
        }
        tx.commit().context(describe)?;
        Ok(id)
    }

    /// The versions of an item, oldest first.
    pub fn web_item_versions(&self, id: i64) -> Result<Vec<WebItemVersion>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT version, article_id, text_hash, seen FROM web_item_versions
                 WHERE item_id = ?1 ORDER BY version",
            )
            .context(|| "preparing the version listing".to_string())?;
        let rows = stmt
            .query_map([id], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get::<_, String>(3)?,
                ))
            })
            .context(|| format!("listing versions of web item {id}"))?;
        let mut out = Vec::new();
        for row in rows {
            let (version, article_id, text_hash, seen) =
                row.context(|| format!("reading versions of web item {id}"))?;
            out.push(WebItemVersion {
                version,
                article_id,
                text_hash,
                seen: codec::parse_timestamp(&seen, "web item version seen", &id.to_string())?,
            });
        }
        Ok(out)
    }

    /// How many web items are known (all feeds).
    pub fn web_item_count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT COUNT(*) FROM web_items", [], |row| row.get(0))
            .context(|| "counting web items".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_then_url_identity_and_versions_only_on_changed_text() {
        let mut store = Store::open_in_memory().unwrap();
        let t0 = Utc::now();
        let update = WebItemUpdate {
            feed_url: Some("http://f.test/rss".into()),
            guid: Some("g1".into()),
            url_key: Some("f.test/a".into()),
            url: Some("http://f.test/a".into()),
            title: Some("A".into()),
            feed_date: None,
            article: Some(("art1".into(), "h1".into())),
        };
        let id = store.record_web_item(None, &update, t0).unwrap();
        let by_guid = store
            .find_web_item(Some("http://f.test/rss"), Some("g1"), Some("other/url"))
            .unwrap()
            .unwrap();
        assert_eq!(by_guid.id, id);
        let by_url = store
            .find_web_item(None, None, Some("f.test/a"))
            .unwrap()
            .unwrap();
        assert_eq!(by_url.id, id);
        assert!(store
            .find_web_item(Some("http://f.test/rss"), Some("g2"), Some("f.test/b"))
            .unwrap()
            .is_none());
        // The same text again adds no version; a new text does.
        store.record_web_item(Some(id), &update, t0).unwrap();
        assert_eq!(store.web_item_versions(id).unwrap().len(), 1);
        let changed = WebItemUpdate {
            article: Some(("art2".into(), "h2".into())),
            title: Some("A, retitled".into()),
            ..update.clone()
        };
        store
            .record_web_item(Some(id), &changed, Utc::now())
            .unwrap();
        let versions = store.web_item_versions(id).unwrap();
        assert_eq!(
            versions
                .iter()
                .map(|v| v.article_id.as_str())
                .collect::<Vec<_>>(),
            ["art1", "art2"]
        );
        let item = store
            .find_web_item(None, None, Some("f.test/a"))
            .unwrap()
            .unwrap();
        assert_eq!(item.article_id.as_deref(), Some("art2"));
        assert_eq!(item.first_seen, by_url.first_seen, "first seen is kept");
        assert_eq!(
            store.find_article_by_text_hash("h1").unwrap().as_deref(),
            Some("art1")
        );
        assert_eq!(store.web_item_count().unwrap(), 1);
    }
}
