//! Feeds to poll, as on SQLite, and what only a shared store needs: claims with a
//! lease, so several watch workers share the polling without two fetching one feed in
//! the same round, and a dead worker's feeds come back when its lease runs out.

use chrono::{DateTime, Duration, Utc};
use postgres::Row;
use storyline_store::{codec, Feed, FeedState, StoreError};

use crate::error::PgContext;
use crate::PgStore;

const FEED_COLUMNS: &str = "url, title, added, etag, last_modified, last_polled, next_poll, \
     failures, last_error, claimed_by, claimed_until";

fn feed_from_row(row: &Row) -> Result<Feed, StoreError> {
    let read = |e: postgres::Error| StoreError::Database {
        context: "reading a feed row".to_string(),
        source: Box::new(e),
    };
    let url: String = row.try_get(0).map_err(read)?;
    let added: String = row.try_get(2).map_err(read)?;
    let failures: i64 = row.try_get(7).map_err(read)?;
    let time = |i: usize, what: &'static str| -> Result<Option<DateTime<Utc>>, StoreError> {
        codec::parse_optional_timestamp(row.try_get(i).map_err(read)?, what, &url)
    };
    Ok(Feed {
        title: row.try_get(1).map_err(read)?,
        added: codec::parse_timestamp(&added, "feed added time", &url)?,
        state: FeedState {
            etag: row.try_get(3).map_err(read)?,
            last_modified: row.try_get(4).map_err(read)?,
            last_polled: time(5, "last poll")?,
            next_poll: time(6, "next poll")?,
            failures: failures.clamp(0, u32::MAX as i64) as u32,
            last_error: row.try_get(8).map_err(read)?,
        },
        claimed_by: row.try_get(9).map_err(read)?,
        claimed_until: time(10, "feed claim")?,
        url,
    })
}

impl PgStore {
    /// Subscribe to a feed; true if it is new, false if it was already subscribed
    /// (its title is then updated when one is given).
    pub fn add_feed(&mut self, url: &str, title: Option<&str>) -> Result<bool, StoreError> {
        let mut client = self.client();
        let mut tx = client
            .transaction()
            .context(|| format!("starting to add feed {url}"))?;
        let inserted = tx
            .execute(
                "INSERT INTO feeds (url, title, added) VALUES ($1, $2, $3) ON CONFLICT (url) DO NOTHING",
                &[&url, &title, &codec::timestamp(&Utc::now())],
            )
            .context(|| format!("adding feed {url}"))?;
        if inserted == 0 && title.is_some() {
            tx.execute(
                "UPDATE feeds SET title = $2 WHERE url = $1",
                &[&url, &title],
            )
            .context(|| format!("updating the title of feed {url}"))?;
        }
        tx.commit().context(|| format!("adding feed {url}"))?;
        Ok(inserted == 1)
    }

    /// Unsubscribe; true if the feed was there. Articles already ingested stay.
    pub fn remove_feed(&mut self, url: &str) -> Result<bool, StoreError> {
        let removed = self
            .client()
            .execute("DELETE FROM feeds WHERE url = $1", &[&url])
            .context(|| format!("removing feed {url}"))?;
        Ok(removed == 1)
    }

    /// All feeds, by url.
    pub fn feeds(&self) -> Result<Vec<Feed>, StoreError> {
        self.client()
            .query(
                &format!("SELECT {FEED_COLUMNS} FROM feeds ORDER BY url"),
                &[],
            )
            .context(|| "listing feeds".to_string())?
            .iter()
            .map(feed_from_row)
            .collect()
    }

    pub fn feed(&self, url: &str) -> Result<Option<Feed>, StoreError> {
        self.client()
            .query_opt(
                &format!("SELECT {FEED_COLUMNS} FROM feeds WHERE url = $1"),
                &[&url],
            )
            .context(|| format!("looking up feed {url}"))?
            .as_ref()
            .map(feed_from_row)
            .transpose()
    }

    /// Record the outcome of a poll. An unknown url is an error (it was removed meanwhile).
    pub fn update_feed_state(&mut self, url: &str, state: &FeedState) -> Result<(), StoreError> {
        let changed = self
            .client()
            .execute(
                "UPDATE feeds SET etag = $2, last_modified = $3, last_polled = $4, next_poll = $5,
                     failures = $6, last_error = $7
                 WHERE url = $1",
                &[
                    &url,
                    &state.etag,
                    &state.last_modified,
                    &state.last_polled.as_ref().map(codec::timestamp),
                    &state.next_poll.as_ref().map(codec::timestamp),
                    &(state.failures as i64),
                    &state.last_error,
                ],
            )
            .context(|| format!("updating feed {url}"))?;
        if changed == 0 {
            return Err(StoreError::UnknownFeed {
                url: url.to_string(),
            });
        }
        Ok(())
    }

    /// Claim up to `limit` feeds that are due at `now` (never polled, or `next_poll`
    /// passed) and not claimed by a live lease, for `worker`, until `now + lease`.
    ///
    /// Safe with many workers at once: candidate rows are locked `FOR UPDATE SKIP
    /// LOCKED`, so a feed another worker is claiming is skipped rather than waited for,
    /// and a claim committed meanwhile is re-checked and excluded. A worker that dies
    /// keeps its feeds only until its lease ends; callers pass their clock's `now`
    /// (workers on several machines need synchronised clocks, as for any lease).
    pub fn claim_due_feeds(
        &mut self,
        worker: &str,
        now: DateTime<Utc>,
        lease: Duration,
        limit: usize,
    ) -> Result<Vec<Feed>, StoreError> {
        let (now_text, until) = (codec::timestamp(&now), codec::timestamp(&(now + lease)));
        let limit = limit.min(i64::MAX as usize) as i64;
        self.client()
            .query(
                &format!(
                    "UPDATE feeds SET claimed_by = $1, claimed_until = $2
                     WHERE url IN (
                         SELECT url FROM feeds
                         WHERE (next_poll IS NULL OR next_poll <= $3)
                           AND (claimed_until IS NULL OR claimed_until <= $3)
                         ORDER BY next_poll NULLS FIRST, url
                         LIMIT $4
                         FOR UPDATE SKIP LOCKED)
                     RETURNING {FEED_COLUMNS}"
                ),
                &[&worker, &until, &now_text, &limit],
            )
            .context(|| format!("claiming due feeds for {worker}"))?
            .iter()
            .map(feed_from_row)
            .collect()
    }

    /// End `worker`'s claim on `url` (after its poll); false when the worker no longer
    /// held it (its lease ran out and another worker took the feed).
    pub fn release_feed(&mut self, url: &str, worker: &str) -> Result<bool, StoreError> {
        let released = self
            .client()
            .execute(
                "UPDATE feeds SET claimed_by = NULL, claimed_until = NULL
                 WHERE url = $1 AND claimed_by = $2",
                &[&url, &worker],
            )
            .context(|| format!("releasing feed {url} for {worker}"))?;
        Ok(released == 1)
    }
}
