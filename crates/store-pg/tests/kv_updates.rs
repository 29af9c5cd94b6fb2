//! `kv_update` is an atomic read-modify-write on both backends: writers on separate
//! connections (threads here, processes in use) that update one key at the same time
//! never lose each other's update. A `kv_get` then `kv_set` would.

mod support;

use storyline_store_pg::StoreBackend;

const WRITERS: usize = 4;
const UPDATES_EACH: usize = 25;

/// Each writer opens its own store and adds 1 to a counter under `key`, many times over.
fn count_concurrently<S: StoreBackend>(open: impl Fn() -> S + Sync, key: &str) {
    std::thread::scope(|scope| {
        for _ in 0..WRITERS {
            scope.spawn(|| {
                let mut store = open();
                for _ in 0..UPDATES_EACH {
                    store
                        .kv_update(key, &mut |current| {
                            let n: usize = current.map_or(0, |v| v.parse().expect("a count"));
                            // Widen the window between read and write, as real work does.
                            std::thread::yield_now();
                            (n + 1).to_string()
                        })
                        .expect("kv_update");
                }
            });
        }
    });
    let total = open().kv_get(key).expect("kv_get");
    assert_eq!(total, Some((WRITERS * UPDATES_EACH).to_string()));
}

#[test]
fn sqlite_writers_on_one_file_lose_no_update() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().to_path_buf();
    count_concurrently(
        || storyline_store::Store::open(&path).expect("open store"),
        "counter",
    );
}

#[test]
fn postgres_writers_on_one_schema_lose_no_update() {
    let Some(url) = support::pg_url("postgres_writers_on_one_schema_lose_no_update") else {
        return;
    };
    let schema = support::PgSchema::new(&url, "kv_updates");
    count_concurrently(|| schema.open(), "counter");
}
