//! Feeds to poll and their polling state, and claims by pollers (the `claimed_by` /
//! `claimed_until` columns): the same operation as on PostgreSQL, where several
//! watchers share one store; here SQLite's single writer serialises the claims.

use chrono::{DateTime, Utc};
use rusqlite::{params, Row};

use crate::codec;
use crate::error::{Context, StoreError};
use crate::Store;

/// A subscribed feed and where polling it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub url: String,
    pub title: Option<String>,
    pub added: DateTime<Utc>,
    pub state: FeedState,
    /// The poller holding the feed, and until when (for concurrent live ingest).
    pub claimed_by: Option<String>,
    pub claimed_until: Option<DateTime<Utc>>,
}

/// What a poll learns about a feed; written back with [`Store::update_feed_state`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedState {
    /// HTTP validators for conditional requests.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_polled: Option<DateTime<Utc>>,
    pub next_poll: Option<DateTime<Utc>>,
    /// Consecutive failed polls (for back-off).
    pub failures: u32,
    pub last_error: Option<String>,
}

const FEED_COLUMNS: &str = "url, title, added, etag, last_modified, last_polled, next_poll, \
     failures, last_error, claimed_by, claimed_until";

fn feed_from_row(row: &Row<'_>) -> Result<Feed, StoreError> {
    let read = |e: rusqlite::Error| StoreError::Database {
        context: "reading a feed row".to_string(),
        source: Box::new(e),
    };
    let url: String = row.get(0).map_err(read)?;
    let added: String = row.get(2).map_err(read)?;
    let failures: i64 = row.get(7).map_err(read)?;
    Ok(Feed {
        title: row.get(1).map_err(read)?,
        added: codec::parse_timestamp(&added, "feed added time", &url)?,
        state: FeedState {
            etag: row.get(3).map_err(read)?,
            last_modified: row.get(4).map_err(read)?,
            last_polled: codec::parse_optional_timestamp(
                row.get(5).map_err(read)?,
                "last poll",
                &url,
            )?,
            next_poll: codec::parse_optional_timestamp(
                row.get(6).map_err(read)?,
                "next poll",
                &url,
            )?,
            failures: failures.clamp(0, u32::MAX as i64) as u32,
            last_error: row.get(8).map_err(read)?,
        },
        claimed_by: row.get(9).map_err(read)?,
        claimed_until: codec::parse_optional_timestamp(
            row.get(10).map_err(read)?,
            "feed claim",
            &url,
        )?,
        url,
    })
}

impl Store {
    /// Subscribe to a feed; true if it is new, false if it was already subscribed
    /// (its title is then updated when one is given).
    pub fn add_feed(&mut self, url: &str, title: Option<&str>) -> Result<bool, StoreError> {
        let tx = self
            .conn
            .transaction()
            .context(|| format!("starting to add feed {url}"))?;
        let inserted = tx
            .execute(
                "INSERT OR IGNORE INTO feeds (url, title, added) VALUES (?1, ?2, ?3)",
                params![url, title, codec::timestamp(&Utc::now())],
            )
            .context(|| format!("adding feed {url}"))?;
        if inserted == 0 && title.is_some() {
            tx.execute(
                "UPDATE feeds SET title = ?2 WHERE url = ?1",
                params![url, title],
            )
            .context(|| format!("updating the title of feed {url}"))?;
        }
        tx.commit().context(|| format!("adding feed {url}"))?;
        Ok(inserted == 1)
    }

    /// Unsubscribe; true if the feed was there. Articles already ingested stay.
    pub fn remove_feed(&mut self, url: &str) -> Result<bool, StoreError> {
        let removed = self
            .conn
            .execute("DELETE FROM feeds WHERE url = ?1", [url])
            .context(|| format!("removing feed {url}"))?;
        Ok(removed == 1)
    }

    /// All feeds, by url.
    pub fn feeds(&self) -> Result<Vec<Feed>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {FEED_COLUMNS} FROM feeds ORDER BY url"))
            .context(|| "preparing the feed listing".to_string())?;
        let mut rows = stmt.query([]).context(|| "listing feeds".to_string())?;
        let mut feeds = Vec::new();
        while let Some(row) = rows.next().context(|| "listing feeds".to_string())? {
            feeds.push(feed_from_row(row)?);
        }
        Ok(feeds)
    }

    pub fn feed(&self, url: &str) -> Result<Option<Feed>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {FEED_COLUMNS} FROM feeds WHERE url = ?1"))
            .context(|| "preparing the feed lookup".to_string())?;
        let mut rows = stmt
            .query([url])
            .context(|| format!("looking up feed {url}"))?;
        match rows.next().context(|| format!("reading feed {url}"))? {
            Some(row) => feed_from_row(row).map(Some),
            None => Ok(None),
        }
    }

    /// Record the outcome of a poll. An unknown url is an error (it was removed meanwhile).
    pub fn update_feed_state(&mut self, url: &str, state: &FeedState) -> Result<(), StoreError> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE feeds SET etag = ?2, last_modified = ?3, last_polled = ?4, next_poll = ?5,
                     failures = ?6, last_error = ?7
                 WHERE url = ?1",
            )
            .context(|| "preparing the feed update".to_string())?
            .execute(params![
                url,
                state.etag,
                state.last_modified,
                state.last_polled.as_ref().map(codec::timestamp),
                state.next_poll.as_ref().map(codec::timestamp),
                state.failures as i64,
                state.last_error,
            ])
            .context(|| format!("updating feed {url}"))?;
        if changed == 0 {
            return Err(StoreError::UnknownFeed {
                url: url.to_string(),
            });
        }
        Ok(())
    }

    /// Claim up to `limit` feeds that are due at `now` (never polled, or `next_poll`
    /// passed) and not claimed by a live lease, for `worker`, until `now + lease`: the
    /// operation of `PgStore::claim_due_feeds`, in one write transaction (SQLite has one
    /// writer at a time, so two claims never take the same feed).
    pub fn claim_due_feeds(
        &mut self,
        worker: &str,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: usize,
    ) -> Result<Vec<Feed>, StoreError> {
        let (now_text, until) = (codec::timestamp(&now), codec::timestamp(&(now + lease)));
        let limit = limit.min(i64::MAX as usize) as i64;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .context(|| format!("claiming due feeds for {worker}"))?;
        let claimed = {
            let mut stmt = tx
                .prepare(&format!(
                    "UPDATE feeds SET claimed_by = ?1, claimed_until = ?2
                     WHERE url IN (
                         SELECT url FROM feeds
                         WHERE (next_poll IS NULL OR next_poll <= ?3)
                           AND (claimed_until IS NULL OR claimed_until <= ?3)
                         ORDER BY next_poll NULLS FIRST, url
                         LIMIT ?4)
                     RETURNING {FEED_COLUMNS}"
                ))
                .context(|| "preparing the feed claim".to_string())?;
            let rows = stmt
                .query_map(params![worker, until, now_text, limit], |row| {
                    Ok(feed_from_row(row))
                })
                .context(|| format!("claiming due feeds for {worker}"))?;
            let mut claimed = Vec::new();
            for row in rows {
                claimed.push(row.context(|| format!("claiming due feeds for {worker}"))??);
            }
            claimed
        };
        tx.commit()
            .context(|| format!("claiming due feeds for {worker}"))?;
        // RETURNING gives no order: sorted as the claim chose them (due first, then URL).
        let mut claimed = claimed;
        claimed.sort_by(|a, b| {
            (a.state.next_poll.is_some(), a.state.next_poll, &a.url).cmp(&(
                b.state.next_poll.is_some(),
                b.state.next_poll,
                &b.url,
            ))
        });
        Ok(claimed)
    }

    /// End `worker`'s claim on `url` (after its poll); false when the worker no longer
    /// held it (its lease ran out and another worker took the feed).
    pub fn release_feed(&mut self, url: &str, worker: &str) -> Result<bool, StoreError> {
        let released = self
            .conn
            .prepare_cached(
                "UPDATE feeds SET claimed_by = NULL, claimed_until = NULL
                 WHERE url = ?1 AND claimed_by = ?2",
            )
            .context(|| "preparing the feed release".to_string())?
            .execute(params![url, worker])
            .context(|| format!("releasing feed {url} for {worker}"))?;
        Ok(released == 1)
    }
}
