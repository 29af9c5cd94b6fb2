//! Schema migrations: a numbered list of SQL scripts, applied in order, each in its own
//! transaction together with the bump of `PRAGMA user_version`, so a crash mid-migration
//! leaves the store at the previous version and the next open retries.
//!
//! Never edit a script that has shipped: append a new one.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Context, StoreError};

/// Migration `i` (0-based) brings the schema from version `i` to version `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: raw inputs and articles.
    r#"
    CREATE TABLE raw_inputs (
        hash        TEXT PRIMARY KEY,
        format      TEXT NOT NULL,
        source      TEXT NOT NULL,
        compression TEXT NOT NULL,      -- 'none' | 'deflate'
        size        INTEGER NOT NULL,   -- uncompressed length in bytes
        bytes       BLOB NOT NULL,
        provenance  TEXT NOT NULL,      -- JSON (storyline_model::Provenance)
        first_seen  TEXT NOT NULL
    );
    CREATE TABLE articles (
        id                   TEXT PRIMARY KEY,
        raw_hash             TEXT NOT NULL REFERENCES raw_inputs(hash),
        source               TEXT NOT NULL,
        title                TEXT NOT NULL,
        authors              TEXT NOT NULL,  -- JSON array of strings
        site                 TEXT,
        url                  TEXT,
        lang                 TEXT,
        body                 TEXT NOT NULL,  -- JSON array of paragraphs
        published_date       TEXT,           -- YYYY, YYYY-MM or YYYY-MM-DD
        published_precision  TEXT,
        published_source     TEXT,
        published_confidence REAL,
        published_timestamp  TEXT,
        published_start      TEXT,           -- first day of the published period (filters, order)
        published_end        TEXT,           -- last day of the published period
        modified             TEXT,
        mentions             TEXT NOT NULL,  -- JSON array of DateMention
        format               TEXT NOT NULL,
        first_seen           TEXT NOT NULL,  -- RFC 3339, fixed width, so text order is time order
        words                INTEGER NOT NULL
    );
    -- The listing order: dated articles first, by date, then by arrival, then by id.
    CREATE INDEX articles_in_order ON articles (published_start IS NULL, published_start, first_seen, id);
    CREATE INDEX articles_by_site ON articles (site);
    "#,
    // 2: groupings (copies, events, storylines). Positions keep the order they were saved in.
    r#"
    CREATE TABLE duplicate_groups (
        position     INTEGER PRIMARY KEY,
        canonical_id TEXT NOT NULL,
        kinds        TEXT NOT NULL          -- JSON array, as DuplicateGroup::kinds
    );
    CREATE TABLE duplicates (
        copy_id         TEXT PRIMARY KEY,
        canonical_id    TEXT NOT NULL,
        group_position  INTEGER NOT NULL REFERENCES duplicate_groups(position),
        member_position INTEGER NOT NULL,
        kind            TEXT
    );
    CREATE INDEX duplicates_by_canonical ON duplicates (canonical_id);
    CREATE TABLE events (
        id       TEXT PRIMARY KEY,
        position INTEGER NOT NULL UNIQUE,
        title    TEXT NOT NULL,
        first    TEXT,
        last     TEXT,
        sites    TEXT NOT NULL              -- JSON array
    );
    CREATE TABLE event_articles (
        event_id   TEXT NOT NULL REFERENCES events(id),
        position   INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (event_id, position)
    );
    CREATE INDEX event_articles_by_article ON event_articles (article_id);
    CREATE TABLE storylines (
        id       TEXT PRIMARY KEY,
        position INTEGER NOT NULL UNIQUE,
        title    TEXT NOT NULL,
        first    TEXT,
        last     TEXT
    );
    CREATE TABLE storyline_events (
        storyline_id TEXT NOT NULL REFERENCES storylines(id),
        position     INTEGER NOT NULL,
        event_id     TEXT NOT NULL,
        PRIMARY KEY (storyline_id, position)
    );
    CREATE INDEX storyline_events_by_event ON storyline_events (event_id);
    CREATE TABLE storyline_articles (
        storyline_id TEXT NOT NULL REFERENCES storylines(id),
        position     INTEGER NOT NULL,
        article_id   TEXT NOT NULL,
        PRIMARY KEY (storyline_id, position)
    );
    CREATE INDEX storyline_articles_by_article ON storyline_articles (article_id);
    "#,
    // 3: feeds to poll and small key-value state.
    r#"
    CREATE TABLE feeds (
        url           TEXT PRIMARY KEY,
        title         TEXT,
        added         TEXT NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        last_polled   TEXT,
        next_poll     TEXT,
        failures      INTEGER NOT NULL DEFAULT 0,
        last_error    TEXT,
        claimed_by    TEXT,                 -- which poller holds the feed, for live ingest
        claimed_until TEXT
    );
    CREATE TABLE kv (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    "#,
    // 4: identity of fetched web items (feed GUID, canonical URL, text) and the versions
    // of an article whose text changed, so a re-fetch neither duplicates nor loses.
    r#"
    CREATE TABLE web_items (
        id          INTEGER PRIMARY KEY,
        feed_url    TEXT,                 -- NULL for items not from a feed
        guid        TEXT,                 -- the feed's own id, scoped by feed_url
        url_key     TEXT,                 -- canonical URL without scheme and www.
        url         TEXT,                 -- canonical URL
        title       TEXT,
        feed_date   TEXT,                 -- the item's date as the feed gave it (RFC 3339)
        first_seen  TEXT NOT NULL,
        last_seen   TEXT NOT NULL,
        article_id  TEXT                  -- the current version's article
    );
    CREATE UNIQUE INDEX web_items_by_guid ON web_items (feed_url, guid) WHERE guid IS NOT NULL;
    CREATE INDEX web_items_by_url ON web_items (url_key);
    CREATE TABLE web_item_versions (
        item_id    INTEGER NOT NULL REFERENCES web_items(id),
        version    INTEGER NOT NULL,      -- 1, 2, ...
        article_id TEXT NOT NULL,
        text_hash  TEXT NOT NULL,         -- content hash of the extracted title and body
        seen       TEXT NOT NULL,
        PRIMARY KEY (item_id, version)
    );
    CREATE INDEX web_item_versions_by_text ON web_item_versions (text_hash);
    "#,
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn schema_version(conn: &Connection) -> Result<i64, StoreError> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .context(|| "reading the schema version".to_string())
}

/// Bring the schema up to `target` (at most [`SCHEMA_VERSION`]); refuse newer stores.
pub(crate) fn migrate_to(
    conn: &mut Connection,
    path: &Path,
    target: i64,
) -> Result<(), StoreError> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (index, script) in MIGRATIONS.iter().enumerate().take(target as usize) {
        let version = index + 1;
        if (version as i64) <= found {
            continue;
        }
        let fail = |source: rusqlite::Error| StoreError::Migration {
            version,
            source: Box::new(source),
        };
        // IMMEDIATE takes the write lock first, so two processes opening a fresh store
        // at once cannot both apply the same script.
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(fail)?;
        let current: i64 = tx
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(fail)?;
        if current >= version as i64 {
            continue; // another process applied it meanwhile
        }
        tx.execute_batch(script).map_err(fail)?;
        tx.execute_batch(&format!("PRAGMA user_version = {version}"))
            .map_err(fail)?;
        tx.commit().map_err(fail)?;
        tracing::debug!(version, "applied store schema migration");
    }
    Ok(())
}
