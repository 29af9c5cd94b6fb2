//! The store tests for the operations both backends offer, written once over
//! `StoreBackend` and run on SQLite and on PostgreSQL (one schema per test).

#[path = "../../store/tests/common/mod.rs"]
mod common;
mod support;

use std::collections::HashSet;

use common::{sample, samples};
use storyline_model::{
    Article, ArticleId, DuplicateGroup, Event, Grouping, PartialDate, Precision, Published,
    Storyline,
};
use storyline_store::{
    ArticleQuery, FeedState, InsertOutcome, Store, StoreError, WebItemUpdate, SCHEMA_VERSION,
};
use storyline_store_pg::StoreBackend;

/// Each named function runs once per backend: `sqlite::NAME` and `postgres::NAME`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    let mut store = storyline_store::Store::open_in_memory().unwrap();
                    super::$name(&mut store);
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    let test = concat!("postgres::", stringify!($name));
                    let Some(url) = crate::support::pg_url(test) else { return };
                    let schema = crate::support::PgSchema::new(&url, stringify!($name));
                    let mut store = schema.open();
                    super::$name(&mut store);
                }
            )*
        }
    };
}

on_both_backends!(
    every_article_field_and_raw_input_round_trips,
    ingesting_the_same_content_again_adds_nothing,
    the_order_of_a_batch_changes_no_outcome,
    a_batch_with_a_mismatched_raw_input_stores_nothing,
    ids_resolve_from_unique_prefixes_and_ambiguous_ones_list_candidates,
    keyset_pages_walk_every_article_in_id_order,
    groupings_round_trip_and_are_replaced_whole,
    an_invalid_grouping_is_refused_and_the_previous_one_kept,
    key_values_are_set_replaced_and_deleted,
    a_new_store_is_at_the_current_schema_version,
    listings_are_ordered_deterministically_and_pages_tile_the_whole,
    listings_filter_by_site_language_dates_and_ids,
    streaming_visits_every_article_and_raw_input_once_and_raw_bytes_are_compressed,
    reprocessing_replaces_an_article_but_keeps_when_it_was_first_seen,
    a_replaced_batch_is_all_or_nothing,
    article_groups_follow_the_saved_grouping,
    feeds_are_added_updated_and_removed,
    due_feeds_are_claimed_once_until_released_or_the_lease_ends,
    web_items_are_found_by_guid_then_url_and_version_only_on_changed_text,
    verification_reads_back_every_row,
);

fn every_article_field_and_raw_input_round_trips(store: &mut impl StoreBackend) {
    let batch = samples(0..14);
    let outcomes = store.insert_articles(&batch).unwrap();
    assert!(outcomes.iter().all(|o| *o == InsertOutcome::Inserted));
    for (article, raw) in &batch {
        assert_eq!(
            store.article(article.id.as_str()).unwrap().as_ref(),
            Some(article)
        );
        assert_eq!(store.raw_input(&raw.hash).unwrap().as_ref(), Some(raw));
        assert!(store.contains_article(article.id.as_str()).unwrap());
    }
    assert!(!store.contains_article("0000000000000000").unwrap());
    assert_eq!(store.raw_input("0123456789abcdef").unwrap(), None);
}

fn ingesting_the_same_content_again_adds_nothing(store: &mut impl StoreBackend) {
    let batch = samples(0..10);
    store.insert_articles(&batch[..6]).unwrap();
    let outcomes = store.insert_articles(&batch).unwrap();
    assert_eq!(outcomes[..6], [InsertOutcome::AlreadyPresent; 6]);
    assert_eq!(outcomes[6..], [InsertOutcome::Inserted; 4]);
    assert_eq!(store.article_count().unwrap(), 10);
    assert_eq!(store.raw_count().unwrap(), 10);

    // A repeat inside one batch counts once: the first one is inserted.
    let repeated = vec![sample(20), sample(21), sample(20)];
    let outcomes = store.insert_articles(&repeated).unwrap();
    assert_eq!(
        outcomes,
        [
            InsertOutcome::Inserted,
            InsertOutcome::Inserted,
            InsertOutcome::AlreadyPresent
        ]
    );
    assert_eq!(store.article_count().unwrap(), 12);
}

/// PostgreSQL inserts in id order (the lock order); outcomes still follow the batch.
fn the_order_of_a_batch_changes_no_outcome(store: &mut impl StoreBackend) {
    store.insert_articles(&samples(0..3)).unwrap();
    let mut batch = samples(0..8);
    batch.reverse();
    let outcomes = store.insert_articles(&batch).unwrap();
    let expected: Vec<InsertOutcome> = (0..8)
        .rev()
        .map(|i| {
            if i < 3 {
                InsertOutcome::AlreadyPresent
            } else {
                InsertOutcome::Inserted
            }
        })
        .collect();
    assert_eq!(outcomes, expected);
}

fn a_batch_with_a_mismatched_raw_input_stores_nothing(store: &mut impl StoreBackend) {
    let mut batch = samples(0..3);
    batch[2].1 = sample(9).1;
    let err = store.insert_articles(&batch).unwrap_err();
    assert!(matches!(err, StoreError::RawHashMismatch { .. }), "{err}");
    assert!(err.to_string().contains(batch[2].0.id.as_str()), "{err}");
    assert_eq!(store.article_count().unwrap(), 0);
    assert_eq!(store.raw_count().unwrap(), 0);
}

fn ids_resolve_from_unique_prefixes_and_ambiguous_ones_list_candidates(
    store: &mut impl StoreBackend,
) {
    let mut first_of_prefix = std::collections::HashMap::new();
    let (a, b) = (0..100_000)
        .find_map(|i| {
            let id = sample(i).0.id;
            first_of_prefix
                .insert(id.0[..4].to_string(), i)
                .map(|j| (j, i))
        })
        .expect("some pair of ids shares a prefix");
    store
        .insert_articles(&[sample(a), sample(b), sample(a + 1)])
        .unwrap();
    let (id_a, id_b) = (sample(a).0.id, sample(b).0.id);
    match store.article(&id_a.0[..4]) {
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
    assert!(matches!(
        store.article("ab"),
        Err(StoreError::PrefixTooShort { .. })
    ));
    assert_eq!(store.article("zzzzzz").unwrap(), None);
}

fn keyset_pages_walk_every_article_in_id_order(store: &mut impl StoreBackend) {
    let batch = samples(0..23);
    store.insert_articles(&batch).unwrap();
    let mut expected: Vec<ArticleId> = batch.iter().map(|(a, _)| a.id.clone()).collect();
    expected.sort();
    let mut seen = Vec::new();
    let mut after: Option<ArticleId> = None;
    loop {
        let page = store.articles_after(after.as_ref(), 5).unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 5);
        after = page.last().map(|a| a.id.clone());
        seen.extend(page.into_iter().map(|a| a.id));
    }
    assert_eq!(seen, expected);
    let all: Vec<ArticleId> = store
        .all_articles()
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(all, expected);
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

fn groupings_round_trip_and_are_replaced_whole(store: &mut impl StoreBackend) {
    assert_eq!(store.grouping().unwrap(), Grouping::default());
    let first = grouping_one();
    store.save_grouping(&first).unwrap();
    assert_eq!(store.grouping().unwrap(), first);
    let second = Grouping {
        duplicates: vec![],
        events: vec![Event {
            id: "e9".into(),
            articles: vec![ids(1..2)[0].clone()],
            ..first.events[1].clone()
        }],
        storylines: vec![],
    };
    store.save_grouping(&second).unwrap();
    assert_eq!(store.grouping().unwrap(), second);
}

fn an_invalid_grouping_is_refused_and_the_previous_one_kept(store: &mut impl StoreBackend) {
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
    let err = store.save_grouping(&twice).unwrap_err();
    assert!(matches!(err, StoreError::InvalidGrouping { .. }), "{err}");
    assert!(err.to_string().contains("e2"), "{err}");
    assert_eq!(store.grouping().unwrap(), first);
}

fn key_values_are_set_replaced_and_deleted(store: &mut impl StoreBackend) {
    assert_eq!(store.kv_get("search.token").unwrap(), None);
    store.kv_set("search.token", "1").unwrap();
    store.kv_set("search.token", "2").unwrap();
    store.kv_set("other", "x").unwrap();
    assert_eq!(store.kv_get("search.token").unwrap().as_deref(), Some("2"));
    assert!(store.kv_delete("search.token").unwrap());
    assert!(!store.kv_delete("search.token").unwrap());
    assert_eq!(store.kv_get("search.token").unwrap(), None);
    assert_eq!(store.kv_get("other").unwrap().as_deref(), Some("x"));
}

fn a_new_store_is_at_the_current_schema_version(store: &mut impl StoreBackend) {
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(["sqlite", "postgres"].contains(&store.backend_name()));
}

/// Both backends hold the same values for one article: what `migrate` will rely on.
#[test]
fn both_backends_read_back_identical_articles() {
    let Some(url) = support::pg_url("both_backends_read_back_identical_articles") else {
        return;
    };
    let schema = support::PgSchema::new(&url, "identical");
    let mut pg = schema.open();
    let mut sqlite = Store::open_in_memory().unwrap();
    let batch = samples(0..30);
    pg.insert_articles(&batch).unwrap();
    sqlite.insert_articles(&batch).unwrap();
    assert_eq!(
        StoreBackend::all_articles(&pg).unwrap(),
        StoreBackend::all_articles(&sqlite).unwrap()
    );
}

/// The documented listing order, computed independently of the store.
fn listing_key(article: &Article) -> (bool, Option<String>, String, String) {
    let start = article.published.date.map(|d| d.first_day().to_string());
    (
        start.is_none(),
        start,
        article.first_seen.to_rfc3339(),
        article.id.0.clone(),
    )
}

fn listings_are_ordered_deterministically_and_pages_tile_the_whole(store: &mut impl StoreBackend) {
    let mut batch = samples(0..40);
    batch.reverse(); // insertion order must not matter
    store.insert_articles(&batch).unwrap();
    let all = store.articles(&ArticleQuery::default()).unwrap();
    let mut expected: Vec<_> = batch.iter().map(|(a, _)| a.clone()).collect();
    expected.sort_by_key(listing_key);
    assert_eq!(all, expected);
    assert!(all.last().unwrap().published.date.is_none());
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

fn listings_filter_by_site_language_dates_and_ids(store: &mut impl StoreBackend) {
    store.insert_articles(&samples(0..60)).unwrap();
    let all = store.articles(&ArticleQuery::default()).unwrap();
    let site = ArticleQuery {
        site: Some("site1.example".into()),
        ..Default::default()
    };
    let rows = store.articles(&site).unwrap();
    let expected = all
        .iter()
        .filter(|a| a.site.as_deref() == Some("site1.example"))
        .count();
    assert!(expected > 0);
    assert_eq!(rows.len(), expected);
    assert_eq!(store.count_articles(&site).unwrap(), expected as u64);

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
    let overlaps = |a: &Article| {
        a.published
            .date
            .is_some_and(|d| d.last_day() >= from.first_day() && d.first_day() <= to.last_day())
    };
    assert_eq!(rows.len(), all.iter().filter(|a| overlaps(a)).count());
    assert!(rows.iter().all(overlaps));
    assert!(rows
        .iter()
        .any(|a| a.published.precision == Some(Precision::Year)));
    assert_eq!(store.count_articles(&spring).unwrap(), rows.len() as u64);

    let wanted = vec![
        all[3].id.clone(),
        all[17].id.clone(),
        ArticleId("missing".into()),
    ];
    let rows = store
        .articles(&ArticleQuery {
            ids: wanted,
            limit: Some(10),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(rows, vec![all[3].clone(), all[17].clone()]);
}

fn streaming_visits_every_article_and_raw_input_once_and_raw_bytes_are_compressed(
    store: &mut impl StoreBackend,
) {
    // More than one page of the PostgreSQL streams (500 articles, 200 raw inputs).
    store.insert_articles(&samples(0..520)).unwrap();
    let mut ids = HashSet::new();
    let visited = store
        .for_each_article(&mut |a| assert!(ids.insert(a.id)))
        .unwrap();
    assert_eq!((visited, ids.len()), (520, 520));
    let mut hashes = HashSet::new();
    let visited = store
        .for_each_raw(&mut |r| assert!(hashes.insert(r.hash)))
        .unwrap();
    assert_eq!((visited, hashes.len()), (520, 520));
    let (stored, original) = store.raw_sizes().unwrap();
    assert!(stored < original, "{stored} >= {original}");
}

fn reprocessing_replaces_an_article_but_keeps_when_it_was_first_seen(
    store: &mut impl StoreBackend,
) {
    store.insert_articles(&samples(0..3)).unwrap();
    let (original, _) = sample(1);
    let mut newer = original.clone();
    newer.title = "A better title".into();
    newer
        .body
        .push("A paragraph the old extractor missed.".into());
    newer.published = Published::unknown();
    newer.first_seen = common::base_time() + chrono::Duration::days(30);
    store.replace_article(&newer).unwrap();
    let stored = store.article(original.id.as_str()).unwrap().unwrap();
    assert_eq!(stored.title, "A better title");
    assert_eq!(stored.body, newer.body);
    assert_eq!(stored.published, newer.published);
    assert_eq!(stored.first_seen, original.first_seen);
    let err = store.replace_article(&sample(99).0).unwrap_err();
    assert!(matches!(err, StoreError::UnknownArticle { .. }), "{err}");
}

fn a_replaced_batch_is_all_or_nothing(store: &mut impl StoreBackend) {
    store.insert_articles(&samples(0..3)).unwrap();
    let mut changed: Vec<Article> = (0..3).map(|i| sample(i).0).collect();
    for article in &mut changed {
        article.title = format!("{} (revised)", article.title);
    }
    let mut with_stranger = changed.clone();
    with_stranger.insert(1, sample(50).0);
    assert!(store.replace_articles(&with_stranger).is_err());
    assert_eq!(
        store.article(changed[0].id.as_str()).unwrap().unwrap(),
        sample(0).0
    );
    store.replace_articles(&changed).unwrap();
    assert_eq!(
        store
            .article(changed[2].id.as_str())
            .unwrap()
            .unwrap()
            .title,
        changed[2].title
    );
}

fn article_groups_follow_the_saved_grouping(store: &mut impl StoreBackend) {
    store.save_grouping(&grouping_one()).unwrap();
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
}

fn feeds_are_added_updated_and_removed(store: &mut impl StoreBackend) {
    assert!(store.add_feed("https://a.example/rss", Some("A")).unwrap());
    assert!(!store.add_feed("https://a.example/rss", None).unwrap());
    assert!(store.add_feed("https://b.example/atom", None).unwrap());
    assert!(!store.add_feed("https://b.example/atom", Some("B")).unwrap());
    let feeds = store.feeds().unwrap();
    assert_eq!(
        feeds.iter().map(|f| f.url.as_str()).collect::<Vec<_>>(),
        ["https://a.example/rss", "https://b.example/atom"]
    );
    assert_eq!(feeds[0].title.as_deref(), Some("A"));
    assert_eq!(feeds[1].title.as_deref(), Some("B"));
    assert_eq!(feeds[0].state, FeedState::default());
    assert_eq!(feeds[0].claimed_by, None);

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
    assert_eq!(store.feed("https://a.example/rss").unwrap(), None);
}

/// The claim both backends offer (the watch workers' sharing is tested with concurrent
/// claimers in tests/postgres.rs): due feeds first, each claimed once until released
/// or its lease ends; a feed not due (next poll later) is not claimed.
fn due_feeds_are_claimed_once_until_released_or_the_lease_ends(store: &mut impl StoreBackend) {
    let now = common::base_time();
    let lease = chrono::Duration::minutes(10);
    for url in [
        "https://a.example/",
        "https://b.example/",
        "https://c.example/",
    ] {
        store.add_feed(url, None).unwrap();
    }
    let later = FeedState {
        next_poll: Some(now + chrono::Duration::hours(1)),
        ..FeedState::default()
    };
    store
        .update_feed_state("https://c.example/", &later)
        .unwrap();
    let first = store.claim_due_feeds("w1", now, lease, 1).unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].url, "https://a.example/");
    assert_eq!(first[0].claimed_by.as_deref(), Some("w1"));
    assert_eq!(first[0].claimed_until, Some(now + lease));
    let rest = store.claim_due_feeds("w2", now, lease, 10).unwrap();
    assert_eq!(
        rest.iter().map(|f| f.url.as_str()).collect::<Vec<_>>(),
        ["https://b.example/"]
    );
    assert!(store
        .claim_due_feeds("w3", now, lease, 10)
        .unwrap()
        .is_empty());
    assert!(!store.release_feed("https://a.example/", "w2").unwrap());
    assert!(store.release_feed("https://a.example/", "w1").unwrap());
    let again = store.claim_due_feeds("w3", now, lease, 10).unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].url, "https://a.example/");
    // w2 died: its lease ends, and the feed is claimable again.
    let after = store.claim_due_feeds("w4", now + lease, lease, 10).unwrap();
    // (In no particular order: RETURNING gives none on PostgreSQL.)
    let mut urls: Vec<&str> = after.iter().map(|f| f.url.as_str()).collect();
    urls.sort();
    assert_eq!(urls, ["https://a.example/", "https://b.example/"]);
}

fn web_items_are_found_by_guid_then_url_and_version_only_on_changed_text(
    store: &mut impl StoreBackend,
) {
    let t0 = common::base_time();
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
    assert_eq!(by_guid.first_seen, t0);
    let by_url = store
        .find_web_item(None, None, Some("f.test/a"))
        .unwrap()
        .unwrap();
    assert_eq!(by_url, by_guid);
    assert!(store
        .find_web_item(Some("http://f.test/rss"), Some("g2"), Some("f.test/b"))
        .unwrap()
        .is_none());
    store.record_web_item(Some(id), &update, t0).unwrap();
    assert_eq!(store.web_item_versions(id).unwrap().len(), 1);
    let changed = WebItemUpdate {
        article: Some(("art2".into(), "h2".into())),
        title: Some("A, retitled".into()),
        url_key: Some("f.test/moved".into()),
        ..update.clone()
    };
    let t1 = t0 + chrono::Duration::hours(1);
    store.record_web_item(Some(id), &changed, t1).unwrap();
    let versions = store.web_item_versions(id).unwrap();
    assert_eq!(
        versions
            .iter()
            .map(|v| (v.version, v.article_id.as_str(), v.seen))
            .collect::<Vec<_>>(),
        [(1, "art1", t0), (2, "art2", t1)]
    );
    let item = store
        .find_web_item(None, None, Some("f.test/a"))
        .unwrap()
        .unwrap();
    assert_eq!(item.article_id.as_deref(), Some("art2"));
    assert_eq!(item.title.as_deref(), Some("A, retitled"));
    assert_eq!(
        item.url_key.as_deref(),
        Some("f.test/a"),
        "the first key stays"
    );
    assert_eq!((item.first_seen, item.last_seen), (t0, t1));
    assert_eq!(
        store.find_article_by_text_hash("h1").unwrap().as_deref(),
        Some("art1")
    );
    assert_eq!(store.find_article_by_text_hash("h9").unwrap(), None);
    assert_eq!(store.web_item_count().unwrap(), 1);
}

fn verification_reads_back_every_row(store: &mut impl StoreBackend) {
    store.insert_articles(&samples(0..510)).unwrap();
    let report = store.verify().unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(
        (report.articles_checked, report.raw_inputs_checked),
        (510, 510)
    );
}
