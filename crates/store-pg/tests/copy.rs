//! Copying a store SQLite -> PostgreSQL -> SQLite loses and changes nothing.

mod support;

use storyline_cluster::{cluster_all, ClusterConfig};
use storyline_store::{RawInput, Store};
use storyline_store_pg::{copy_store, synthetic, StoreBackend};
use support::{pg_url, PgSchema};

fn raw_inputs(store: &dyn StoreBackend) -> Vec<RawInput> {
    let mut all = Vec::new();
    store.for_each_raw(&mut |raw| all.push(raw)).unwrap();
    all
}

#[test]
fn a_store_copied_to_postgres_and_back_is_the_same_store() {
    let Some(url) = pg_url("a_store_copied_to_postgres_and_back_is_the_same_store") else {
        return;
    };
    // 450 articles: more than two copy batches; with reposts and events.
    let mut sqlite = Store::open_in_memory().unwrap();
    let batch: Vec<_> = (0..450).map(synthetic::article).collect();
    sqlite.insert_articles(&batch).unwrap();
    let grouping = cluster_all(
        &StoreBackend::all_articles(&sqlite).unwrap(),
        &ClusterConfig::default(),
    );
    assert!(!grouping.duplicates.is_empty() && !grouping.events.is_empty());
    sqlite.save_grouping(&grouping).unwrap();

    let schema = PgSchema::new(&url, "copy");
    let mut pg = schema.open();
    let there = copy_store(&sqlite, &mut pg).unwrap();
    assert_eq!(there.articles, 450);
    assert_eq!(there.raw_inputs, 450);
    assert_eq!(there.duplicate_groups, grouping.duplicates.len());

    let mut back = Store::open_in_memory().unwrap();
    let again = copy_store(&pg, &mut back).unwrap();
    assert_eq!(again, there);
    assert_eq!(
        StoreBackend::all_articles(&back).unwrap(),
        StoreBackend::all_articles(&sqlite).unwrap()
    );
    assert_eq!(raw_inputs(&back), raw_inputs(&sqlite));
    assert_eq!(raw_inputs(&pg), raw_inputs(&sqlite));
    assert_eq!(back.grouping().unwrap(), grouping);

    // Only into an empty store: a second copy would silently keep the old rows.
    let err = copy_store(&sqlite, &mut pg).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
}
