//! What only the PostgreSQL backend has to show: the same schema as SQLite, migrations
//! under concurrency, version checks, connection errors, and concurrent writers.

#[path = "../../store/tests/common/mod.rs"]
mod common;
mod support;

use std::collections::BTreeMap;

use storyline_store::{InsertOutcome, Store, StoreError, SCHEMA_VERSION};
use storyline_store_pg::{PgStore, StoreBackend};
use support::{pg_url, PgSchema};

/// Table name -> its columns in order.
type Tables = BTreeMap<String, Vec<String>>;

fn sqlite_tables() -> Tables {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join(storyline_store::DB_FILE_NAME)).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' ORDER BY m.name, p.cid",
        )
        .unwrap();
    let mut tables = Tables::new();
    for row in stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
    {
        let (table, column): (String, String) = row.unwrap();
        tables.entry(table).or_default().push(column);
    }
    tables
}

/// Except what PostgreSQL's full-text search adds (the version tables and the generated
/// `articles.search_doc`): on SQLite the search index is the tantivy directory.
#[test]
fn the_schema_has_the_same_tables_and_columns_as_sqlite() {
    let Some(url) = pg_url("the_schema_has_the_same_tables_and_columns_as_sqlite") else {
        return;
    };
    let schema = PgSchema::new(&url, "same_schema");
    drop(schema.open());
    let mut tables = Tables::new();
    for row in schema
        .client()
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = $1
               AND table_name NOT IN ('storyline_schema', 'storyline_search_schema')
               AND (table_name, column_name) <> ('articles', 'search_doc')
             ORDER BY table_name, ordinal_position",
            &[&schema.name],
        )
        .unwrap()
    {
        tables.entry(row.get(0)).or_default().push(row.get(1));
    }
    let expected = sqlite_tables();
    assert!(expected.len() >= 12, "{expected:?}");
    assert_eq!(tables, expected);
}

#[test]
fn workers_opening_a_fresh_store_at_once_migrate_it_once() {
    let Some(url) = pg_url("workers_opening_a_fresh_store_at_once_migrate_it_once") else {
        return;
    };
    let schema = PgSchema::new(&url, "open_at_once");
    let barrier = std::sync::Barrier::new(4);
    std::thread::scope(|scope| {
        let openers: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    barrier.wait();
                    PgStore::open_in_schema(&url, &schema.name).map(|s| s.schema_version())
                })
            })
            .collect();
        for opener in openers {
            let version = opener
                .join()
                .unwrap()
                .expect("every worker opens the store");
            assert_eq!(version.unwrap(), SCHEMA_VERSION);
        }
    });
    let rows: i64 = schema
        .client()
        .query_one("SELECT count(*) FROM storyline_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, 1);
}

#[test]
fn an_older_store_is_migrated_keeping_its_data_and_a_newer_one_refused() {
    let Some(url) = pg_url("an_older_store_is_migrated_keeping_its_data_and_a_newer_one_refused")
    else {
        return;
    };
    let schema = PgSchema::new(&url, "versions");
    {
        let mut old = PgStore::open_at(&url, Some(&schema.name), 1).unwrap();
        assert_eq!(old.schema_version().unwrap(), 1);
        old.insert_articles(&common::samples(0..4)).unwrap();
        assert!(old.kv_get("x").is_err(), "version 1 has no kv table");
    }
    let mut store = schema.open();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.article_count().unwrap(), 4);
    store.kv_set("x", "y").unwrap();
    drop(store);

    schema
        .client()
        .execute(
            "UPDATE storyline_schema SET version = $1",
            &[&(SCHEMA_VERSION + 1)],
        )
        .unwrap();
    let err = PgStore::open_in_schema(&url, &schema.name).unwrap_err();
    assert!(matches!(err, StoreError::SchemaTooNew { .. }), "{err}");
    assert!(err.to_string().contains(&schema.name), "{err}");
}

/// Runs without a server: nothing listens on port 1 of loopback.
#[test]
fn an_unreachable_server_is_one_error_naming_it_without_the_password() {
    let err = PgStore::open("postgres://ann:secret@127.0.0.1:1/news").unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, StoreError::Open { .. }), "{text}");
    assert!(text.contains("postgres://ann@127.0.0.1:1/news"), "{text}");
    assert!(!text.contains("secret"), "{text}");
}

/// Threads inserting the same articles at once, half of them in reverse order and in
/// different batch cuts: no deadlock surfaces, each article is stored once, and each
/// is reported `Inserted` by exactly one writer.
#[test]
fn concurrent_writers_with_overlapping_batches_store_each_article_once() {
    let Some(url) = pg_url("concurrent_writers_with_overlapping_batches_store_each_article_once")
    else {
        return;
    };
    let schema = PgSchema::new(&url, "threads");
    drop(schema.open());
    let all = common::samples(0..240);
    let inserted: Vec<usize> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let (url, name, all) = (&url, &schema.name, &all);
                scope.spawn(move || {
                    let mut store = PgStore::open_in_schema(url, name).unwrap();
                    let mut items: Vec<_> = all.clone();
                    if w % 2 == 1 {
                        items.reverse();
                    }
                    let mut inserted = 0;
                    for batch in items.chunks(17 + w * 6) {
                        let outcomes = store.insert_articles(batch).unwrap();
                        inserted += outcomes
                            .iter()
                            .filter(|o| **o == InsertOutcome::Inserted)
                            .count();
                    }
                    inserted
                })
            })
            .collect();
        writers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    assert_eq!(inserted.iter().sum::<usize>(), all.len(), "{inserted:?}");
    let store = schema.open();
    assert_eq!(store.article_count().unwrap(), all.len() as u64);
    assert_eq!(store.raw_count().unwrap(), all.len() as u64);
    let mut expected: Vec<_> = all.iter().map(|(a, _)| a.clone()).collect();
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(store.all_articles().unwrap(), expected);
}

/// Workers claiming due feeds at once never get the same feed; a claimed feed is not
/// due again until its lease ends (a dead worker's feeds come back), nor a feed whose
/// next poll is still ahead.
#[test]
fn feed_claims_are_exclusive_and_leases_expire() {
    let Some(url) = pg_url("feed_claims_are_exclusive_and_leases_expire") else {
        return;
    };
    let schema = PgSchema::new(&url, "claims");
    let mut store = schema.open();
    for i in 0..30 {
        store
            .add_feed(&format!("https://f{i:02}.example/rss"), None)
            .unwrap();
    }
    let now = common::base_time();
    let later = storyline_store::FeedState {
        next_poll: Some(now + chrono::Duration::hours(1)),
        ..Default::default()
    };
    store
        .update_feed_state("https://f29.example/rss", &later)
        .unwrap();
    let lease = chrono::Duration::minutes(5);

    let barrier = std::sync::Barrier::new(4);
    let claims: Vec<Vec<String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|w| {
                let (url, name, barrier) = (&url, &schema.name, &barrier);
                scope.spawn(move || {
                    let mut store = PgStore::open_in_schema(url, name).unwrap();
                    barrier.wait();
                    let mut mine = Vec::new();
                    // Small rounds, so the workers race for the same rows many times.
                    loop {
                        let got = store
                            .claim_due_feeds(&format!("w{w}"), now, lease, 3)
                            .unwrap();
                        if got.is_empty() {
                            return mine;
                        }
                        for feed in got {
                            assert_eq!(feed.claimed_by.as_deref(), Some(&*format!("w{w}")));
                            assert_eq!(feed.claimed_until, Some(now + lease));
                            mine.push(feed.url);
                        }
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let mut all: Vec<&String> = claims.iter().flatten().collect();
    all.sort();
    let claimed = all.len();
    all.dedup();
    assert_eq!(all.len(), claimed, "a feed was claimed twice: {claims:?}");
    assert_eq!(claimed, 29, "every due feed once, the one not due never");

    // Within the lease nothing is due; the owner releases one, a stranger cannot.
    assert!(store
        .claim_due_feeds("w9", now, lease, 100)
        .unwrap()
        .is_empty());
    let owner = claims.iter().position(|c| !c.is_empty()).unwrap();
    let feed = &claims[owner][0];
    assert!(!store.release_feed(feed, "w9").unwrap());
    assert!(store.release_feed(feed, &format!("w{owner}")).unwrap());
    let again = store.claim_due_feeds("w9", now, lease, 100).unwrap();
    assert_eq!(again.iter().map(|f| &f.url).collect::<Vec<_>>(), [feed]);

    // After the leases (the workers "died"), every claimed feed is due again (w9's too),
    // and f29 once its next poll comes (w8 holds the rest for two hours).
    let after = now + lease + chrono::Duration::seconds(1);
    assert_eq!(
        store
            .claim_due_feeds("w8", after, chrono::Duration::hours(2), 100)
            .unwrap()
            .len(),
        29
    );
    let hour = now + chrono::Duration::hours(1);
    let last = store.claim_due_feeds("w7", hour, lease, 100).unwrap();
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].url, "https://f29.example/rss");
}

#[test]
fn verification_names_rows_that_do_not_read_back() {
    let Some(url) = pg_url("verification_names_rows_that_do_not_read_back") else {
        return;
    };
    let schema = PgSchema::new(&url, "verify");
    let mut store = schema.open();
    let batch = common::samples(0..5);
    store.insert_articles(&batch).unwrap();
    let (bad_article, bad_raw) = (batch[1].0.id.to_string(), batch[3].1.hash.clone());
    let mut client = schema.client();
    client
        .execute(
            "UPDATE articles SET body = 'not json' WHERE id = $1",
            &[&bad_article],
        )
        .unwrap();
    client
        .execute(
            "UPDATE raw_inputs SET compression = 'zstd' WHERE hash = $1",
            &[&bad_raw],
        )
        .unwrap();
    let report = store.verify().unwrap();
    assert!(!report.is_ok());
    assert_eq!(report.unreadable.len(), 2, "{report:?}");
    assert!(report.unreadable[0].contains(&bad_article), "{report:?}");
    assert!(report.unreadable[1].contains(&bad_raw), "{report:?}");
    assert_eq!((report.articles_checked, report.raw_inputs_checked), (5, 5));
}
