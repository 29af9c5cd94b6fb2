//! Behaviour of the store through its public API.

mod common;

use std::collections::HashSet;

use common::{sample, samples};
use storyline_model::{ArticleId, DuplicateGroup, Event, Grouping, PartialDate, Storyline};
use storyline_store::{ArticleQuery, FeedState, InsertOutcome, Store, StoreError, SCHEMA_VERSION};

fn store_with(range: std::ops::Range<usize>) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.insert_articles(&samples(range)).unwrap();
    store
}

#[test]
fn every_article_field_and_raw_input_round_trips() {
    let batch = samples(0..14);
    let mut store = Store::open_in_memory().unwrap();
    let outcomes = store.insert_articles(&batch).unwrap();
    assert!(outcomes.iter().all(|o| *o == InsertOutcome::Inserted));
    for (article, raw) in &batch {
        assert_eq!(
            store.article(article.id.as_str()).unwrap().as_ref(),
            Some(article)
        );
        assert_eq!(store.raw_input(&raw.hash).unwrap().as_ref(), Some(raw));
    }
    let (stored, original) = store.raw_sizes().unwrap();
    assert!(
        stored < original,
        "raw bytes should be compressed: {stored} >= {original}"
    );
}

#[test]
fn ingesting_the_same_content_again_adds_nothing() {
    let batch = samples(0..10);
    let mut store = Store::open_in_memory().unwrap();
    store.insert_articles(&batch[..6]).unwrap();
    let outcomes = store.insert_articles(&batch).unwrap();
    let present = outcomes
        .iter()
        .filter(|o| **o == InsertOutcome::AlreadyPresent)
        .count();
    assert_eq!(present, 6);
    assert_eq!(outcomes[6..], [InsertOutcome::Inserted; 4]);
    assert_eq!(store.article_count().unwrap(), 10);
    assert_eq!(store.raw_count().unwrap(), 10);

    // A repeat inside one batch counts once.
    let repeated = vec![sample(20), sample(20)];
    let outcomes = store.insert_articles(&repeated).unwrap();
    assert_eq!(
        outcomes,
        [InsertOutcome::Inserted, InsertOutcome::AlreadyPresent]
    );
    assert_eq!(store.article_count().unwrap(), 11);
}

#[test]
fn a_batch_with_a_mismatched_raw_input_stores_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let mut batch = samples(0..3);
    batch[2].1 = sample(9).1;
    let err = store.insert_articles(&batch).unwrap_err();
    assert!(matches!(err, StoreError::RawHashMismatch { .. }), "{err}");
    assert!(err.to_string().contains(batch[2].0.id.as_str()), "{err}");
    assert_eq!(store.article_count().unwrap(), 0);
}

#[test]
fn ids_resolve_from_unique_prefixes_and_ambiguous_ones_list_candidates() {
    // Find two samples whose ids share their first four characters.
    let mut first_of_prefix = std::collections::HashMap::new();
    let (a, b) = (0..100_000)
        .find_map(|i| {
            let id = sample(i).0.id;
            first_of_prefix
                .insert(id.0[..4].to_string(), i)
                .map(|j| (j, i))
        })
        .expect("some pair of ids shares a prefix");
    let mut store = Store::open_in_memory().unwrap();
    store
        .insert_articles(&[sample(a), sample(b), sample(a + 1)])
        .unwrap();
    let (id_a, id_b) = (sample(a).0.id, sample(b).0.id);

    let shared = &id_a.0[..4];
    match store.article(shared) {
        Err(StoreError::AmbiguousPrefix { candidates, .. }) => {
            let expected: HashSet<_> = [id_a.0.clone(), id_b.0.clone()].into();
            assert_eq!(candidates.into_iter().collect::<HashSet<_>>(), expected);
        }
        other => panic!("expected an ambiguous prefix, got {other:?}"),
    }
    let distinct = id_a
        .0
        .char_indices()
        .find(|(i, c)| !id_b.0[*i..].starts_with(*c))
        .map(|(i, _)| i + 1)
        .unwrap();
    let found = store.article(&id_a.0[..distinct.max(4)]).unwrap().unwrap();
    assert_eq!(found.id, id_a);
    assert_eq!(store.article(&id_b.0).unwrap().unwrap().id, id_b);
    assert!(matches!(
        store.article("ab"),
        Err(StoreError::PrefixTooShort { .. })
    ));
    assert_eq!(store.article("zzzzzz").unwrap(), None);
}

/// The documented order, computed independently of the store.
fn listing_key(article: &storyline_model::Article) -> (bool, Option<String>, String, String) {
    let start = article.published.date.map(|d| d.first_day().to_string());
    (
        start.is_none(),
        start,
        article.first_seen.to_rfc3339(),
        article.id.0.clone(),
    )
}

#[test]
fn listings_are_ordered_deterministically_and_pages_tile_the_whole() {
    let mut batch = samples(0..40);
    batch.reverse(); // insertion order must not matter
    let mut store = Store::open_in_memory().unwrap();
    store.insert_articles(&batch).unwrap();

    let all = store.articles(&ArticleQuery::default()).unwrap();
    let mut expected: Vec<_> = batch.iter().map(|(a, _)| a.clone()).collect();
    expected.sort_by_key(listing_key);
    assert_eq!(all, expected);
    assert!(
        all.last().unwrap().published.date.is_none(),
        "undated articles come last"
    );

    let mut paged = Vec::new();
    for page in 0.. {
        let query = ArticleQuery {
            offset: page * 7,
            limit: Some(7),
            ..Default::default()
        };
        let rows = store.articles(&query).unwrap();
        if rows.is_empty() {
            break;
        }
        assert!(rows.len() <= 7);
        paged.extend(rows);
    }
    assert_eq!(paged, all);
}

#[test]
fn listings_filter_by_site_language_dates_and_ids() {
    let store = store_with(0..60);
    let all = store.articles(&ArticleQuery::default()).unwrap();

    let site = ArticleQuery {
        site: Some("site1.example".into()),
        ..Default::default()
    };
    let rows = store.articles(&site).unwrap();
    assert_eq!(
        rows.len(),
        all.iter()
            .filter(|a| a.site.as_deref() == Some("site1.example"))
            .count()
    );
    assert!(!rows.is_empty());
    assert_eq!(store.count_articles(&site).unwrap(), rows.len() as u64);

    let german = ArticleQuery {
        lang: Some("de".into()),
        ..Default::default()
    };
    let rows = store.articles(&german).unwrap();
    assert_eq!(rows.len(), 12);
    assert!(rows.iter().all(|a| a.lang.as_deref() == Some("de")));

    let from: PartialDate = "2019-03".parse().unwrap();
    let to: PartialDate = "2019-05-15".parse().unwrap();
    let spring = ArticleQuery {
        from: Some(from),
        to: Some(to),
        ..Default::default()
    };
    let rows = store.articles(&spring).unwrap();
    let overlaps = |a: &storyline_model::Article| {
        a.published
            .date
            .is_some_and(|d| d.last_day() >= from.first_day() && d.first_day() <= to.last_day())
    };
    assert_eq!(rows.len(), all.iter().filter(|a| overlaps(a)).count());
    assert!(rows.iter().all(overlaps));
    // Year-precision articles overlap every range within their year.
    assert!(rows
        .iter()
        .any(|a| a.published.precision == Some(storyline_model::Precision::Year)));

    let wanted: Vec<ArticleId> = [
        all[3].id.clone(),
        all[17].id.clone(),
        ArticleId("missing".into()),
    ]
    .into();
    let rows = store
        .articles(&ArticleQuery {
            ids: wanted,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(rows, vec![all[3].clone(), all[17].clone()]);
}

#[test]
fn streaming_visits_every_article_and_raw_input_once() {
    let store = store_with(0..25);
    let mut ids = HashSet::new();
    assert_eq!(
        store
            .for_each_article(|a| assert!(ids.insert(a.id)))
            .unwrap(),
        25
    );
    assert_eq!(ids.len(), 25);
    let mut hashes = HashSet::new();
    assert_eq!(
        store
            .for_each_raw(|r| assert!(hashes.insert(r.hash)))
            .unwrap(),
        25
    );
    let stopped =
        store.try_for_each_article(|_| Err(StoreError::UnknownArticle { id: "stop".into() }));
    assert!(stopped.is_err());
}

#[test]
fn reprocessing_replaces_an_article_but_keeps_when_it_was_first_seen() {
    let mut store = store_with(0..3);
    let (original, _) = sample(1);
    let mut newer = original.clone();
    newer.title = "A better title".into();
    newer
        .body
        .push("A paragraph the old extractor missed.".into());
    newer.published = storyline_model::Published::unknown();
    newer.first_seen = common::base_time() + chrono::Duration::days(30);
    store.replace_article(&newer).unwrap();

    let stored = store.article(original.id.as_str()).unwrap().unwrap();
    assert_eq!(stored.title, "A better title");
    assert_eq!(stored.body, newer.body);
    assert_eq!(stored.published, newer.published);
    assert_eq!(stored.first_seen, original.first_seen);

    let stranger = sample(99).0;
    assert!(matches!(
        store.replace_article(&stranger),
        Err(StoreError::UnknownArticle { .. })
    ));
}

fn ids(range: std::ops::Range<usize>) -> Vec<ArticleId> {
    range.map(|i| ArticleId(format!("{i:016x}"))).collect()
}

fn grouping_one() -> Grouping {
    let a = ids(0..10);
    Grouping {
        duplicates: vec![DuplicateGroup {
            canonical: a[0].clone(),
            copies: vec![a[1].clone(), a[2].clone()],
            kinds: vec!["exact".into(), "near".into()],
        }],
        events: vec![
            Event {
                id: "e2".into(),
                title: "Flood".into(),
                articles: vec![a[3].clone(), a[0].clone()],
                sites: vec!["b.example".into(), "a.example".into()],
                first: Some("2019-11".parse().unwrap()),
                last: Some("2019-11-05".parse().unwrap()),
            },
            Event {
                id: "e1".into(),
                title: "Vote".into(),
                articles: vec![a[4].clone()],
                sites: vec![],
                first: None,
                last: None,
            },
        ],
        storylines: vec![Storyline {
            id: "s1".into(),
            title: "Floods and votes".into(),
            events: vec!["e2".into(), "e1".into()],
            articles: vec![a[3].clone(), a[4].clone()],
            first: Some("2019".parse().unwrap()),
            last: None,
        }],
    }
}

#[test]
fn groupings_round_trip_and_are_replaced_whole() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.grouping().unwrap(), Grouping::default());
    let first = grouping_one();
    store.save_grouping(&first).unwrap();
    assert_eq!(store.grouping().unwrap(), first);

    let a = ids(0..10);
    assert_eq!(
        store.article_groups(a[1].as_str()).unwrap(),
        (Some(a[0].clone()), None, None)
    );
    // a[0] is listed in no storyline, but its event e2 belongs to s1.
    assert_eq!(
        store.article_groups(a[0].as_str()).unwrap(),
        (None, Some("e2".to_string()), Some("s1".to_string()))
    );
    let bulk = store.article_groups_bulk(&a[3..6]).unwrap();
    assert_eq!(bulk[&a[3]].event.as_deref(), Some("e2"));
    assert_eq!(bulk[&a[4]].storyline.as_deref(), Some("s1"));
    assert_eq!(bulk[&a[5]], Default::default());

    let second = Grouping {
        duplicates: vec![],
        events: vec![Event {
            id: "e9".into(),
            articles: vec![a[1].clone()],
            ..first.events[1].clone()
        }],
        storylines: vec![],
    };
    store.save_grouping(&second).unwrap();
    assert_eq!(store.grouping().unwrap(), second);
    assert_eq!(
        store.article_groups(a[1].as_str()).unwrap(),
        (None, Some("e9".into()), None)
    );
    assert_eq!(
        store.article_groups(a[3].as_str()).unwrap(),
        (None, None, None)
    );
}

#[test]
fn an_invalid_grouping_is_refused_and_the_previous_one_kept() {
    let mut store = Store::open_in_memory().unwrap();
    let first = grouping_one();
    store.save_grouping(&first).unwrap();
    let mut bad = first.clone();
    bad.duplicates.push(DuplicateGroup {
        canonical: ids(7..8)[0].clone(),
        copies: vec![ids(2..3)[0].clone()],
        kinds: vec![],
    });
    let err = store.save_grouping(&bad).unwrap_err();
    assert!(matches!(err, StoreError::InvalidGrouping { .. }), "{err}");
    assert!(err.to_string().contains(ids(2..3)[0].as_str()), "{err}");

    let mut twice = first.clone();
    twice.events.push(first.events[0].clone());
    assert!(matches!(
        store.save_grouping(&twice),
        Err(StoreError::InvalidGrouping { .. })
    ));
    assert_eq!(store.grouping().unwrap(), first);
}

#[test]
fn feeds_are_added_updated_and_removed() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(store.add_feed("https://a.example/rss", Some("A")).unwrap());
    assert!(!store.add_feed("https://a.example/rss", None).unwrap());
    assert!(store.add_feed("https://b.example/atom", None).unwrap());
    let feeds = store.feeds().unwrap();
    assert_eq!(
        feeds.iter().map(|f| f.url.as_str()).collect::<Vec<_>>(),
        ["https://a.example/rss", "https://b.example/atom"]
    );
    assert_eq!(feeds[0].title.as_deref(), Some("A"));
    assert_eq!(feeds[0].state, FeedState::default());

    let state = FeedState {
        etag: Some("\"abc\"".into()),
        last_modified: Some("Tue, 05 Nov 2019 08:11:00 GMT".into()),
        last_polled: Some(common::base_time()),
        next_poll: Some(common::base_time() + chrono::Duration::minutes(15)),
        failures: 2,
        last_error: Some("HTTP 503".into()),
    };
    store
        .update_feed_state("https://b.example/atom", &state)
        .unwrap();
    assert_eq!(
        store.feed("https://b.example/atom").unwrap().unwrap().state,
        state
    );

    let err = store
        .update_feed_state("https://gone.example/", &state)
        .unwrap_err();
    assert!(err.to_string().contains("https://gone.example/"), "{err}");
    assert!(store.remove_feed("https://a.example/rss").unwrap());
    assert!(!store.remove_feed("https://a.example/rss").unwrap());
    assert_eq!(store.feeds().unwrap().len(), 1);
}

#[test]
fn key_values_are_set_replaced_and_deleted() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.kv_get("pipeline_version").unwrap(), None);
    store.kv_set("pipeline_version", "1").unwrap();
    store.kv_set("pipeline_version", "2").unwrap();
    assert_eq!(
        store.kv_get("pipeline_version").unwrap().as_deref(),
        Some("2")
    );
    assert!(store.kv_delete("pipeline_version").unwrap());
    assert_eq!(store.kv_get("pipeline_version").unwrap(), None);
}

#[test]
fn opening_twice_keeps_data_and_older_stores_are_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested/data");
    {
        let mut store = Store::open(&data).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        store.insert_articles(&samples(0..5)).unwrap();
    }
    let store = Store::open(&data).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.article_count().unwrap(), 5);
    assert!(data.join(storyline_store::DB_FILE_NAME).exists());
    drop(store);

    // A store as the first release left it: articles only, no groups, feeds or kv.
    let old = dir.path().join("old");
    {
        let mut store = Store::open_at_schema_version(&old, 1).unwrap();
        assert_eq!(store.schema_version().unwrap(), 1);
        store.insert_articles(&samples(0..4)).unwrap();
        assert!(store.kv_get("x").is_err(), "version 1 has no kv table");
    }
    let mut store = Store::open(&old).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.article_count().unwrap(), 4);
    store.kv_set("x", "y").unwrap();
    store.save_grouping(&grouping_one()).unwrap();
    assert!(store.verify().unwrap().is_ok());
}

#[test]
fn a_store_from_a_newer_release_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let db = dir.path().join(storyline_store::DB_FILE_NAME);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
        .unwrap();
    drop(conn);
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::SchemaTooNew { found, .. } if found == SCHEMA_VERSION + 1));
    assert!(err.to_string().contains("storyline.db"), "{err}");
}

#[test]
fn verification_finds_rows_that_do_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.insert_articles(&samples(0..5)).unwrap();
    let report = store.verify().unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!((report.articles_checked, report.raw_inputs_checked), (5, 5));

    let broken = sample(2).0.id;
    let conn = rusqlite::Connection::open(dir.path().join(storyline_store::DB_FILE_NAME)).unwrap();
    conn.execute(
        "UPDATE articles SET body = '[\"unterminated' WHERE id = ?1",
        [broken.as_str()],
    )
    .unwrap();
    drop(conn);
    let err = store.article(broken.as_str()).unwrap_err();
    assert!(err.to_string().contains(broken.as_str()), "{err}");
    let report = store.verify().unwrap();
    assert!(!report.is_ok());
    assert_eq!(report.unreadable.len(), 1);
    assert!(report.unreadable[0].contains(broken.as_str()));
}

#[test]
fn keyset_pages_walk_every_article_while_batches_are_replaced() {
    let mut store = store_with(0..23);
    let mut after: Option<ArticleId> = None;
    let mut walked = Vec::new();
    loop {
        let page = store.articles_after(after.as_ref(), 5).unwrap();
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        let renamed: Vec<_> = page
            .iter()
            .map(|a| storyline_model::Article {
                title: format!("v2 {}", a.title),
                ..a.clone()
            })
            .collect();
        store.replace_articles(&renamed).unwrap();
        walked.extend(page.into_iter().map(|a| a.id));
    }
    let mut expected: Vec<_> = samples(0..23).into_iter().map(|(a, _)| a.id).collect();
    expected.sort();
    assert_eq!(walked, expected);
    store
        .for_each_article(|a| assert!(a.title.starts_with("v2 "), "{}", a.title))
        .unwrap();

    // A batch naming an unknown article changes nothing.
    let mut batch = vec![sample(0).0, sample(500).0];
    batch[0].title = "never stored".into();
    assert!(store.replace_articles(&batch).is_err());
    assert!(store
        .article(sample(0).0.id.as_str())
        .unwrap()
        .unwrap()
        .title
        .starts_with("v2 "));
}

#[test]
fn a_reader_and_a_writer_share_one_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = Store::open(dir.path()).unwrap();
    let reader = Store::open(dir.path()).unwrap();
    writer.insert_articles(&samples(0..8)).unwrap();
    assert_eq!(reader.article_count().unwrap(), 8);
    // A reader mid-scan does not block the writer (WAL), and sees its own snapshot.
    let mut seen = 0;
    reader
        .for_each_article(|_| {
            if seen == 0 {
                writer.insert_articles(&samples(8..10)).unwrap();
            }
            seen += 1;
        })
        .unwrap();
    assert_eq!(seen, 8);
    assert_eq!(reader.article_count().unwrap(), 10);
}

/// Several processes (threads here) opening one fresh data directory at the same moment
/// all get a store: the first converts the new file to WAL and applies the schema, the
/// others wait for it instead of failing with "database is locked".
#[test]
fn a_fresh_store_opened_by_many_at_once_opens_for_all() {
    const OPENERS: usize = 6;
    for round in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let barrier = std::sync::Barrier::new(OPENERS);
        std::thread::scope(|scope| {
            for _ in 0..OPENERS {
                scope.spawn(|| {
                    barrier.wait();
                    let store = Store::open(dir.path())
                        .unwrap_or_else(|e| panic!("round {round}: open failed: {e}"));
                    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
                });
            }
        });
    }
}
