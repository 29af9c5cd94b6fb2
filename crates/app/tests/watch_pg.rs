//! Two watchers sharing one PostgreSQL store, against a real HTTP server on 127.0.0.1
//! (tiny_http, port 0): in one round every feed is fetched by exactly one of them (feed
//! claims), every item is stored once, and right after the round no feed is due.
//! Needs `STORYLINE_PG_URL` (skips with a message without it, fails without it when
//! `STORYLINE_REQUIRE_PG=1`).

use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use storyline_app::{poll_round, RoundSummary, WatchOptions};
use storyline_fetch::Fetcher;
use storyline_store_pg::testing::{pg_url, PgSchema};

const FEEDS: usize = 12;
const ITEMS: usize = 3;

/// Feed `k` lists pages `/page/k/0..ITEMS`; every request's path is counted.
fn serve() -> (String, Arc<Mutex<HashMap<String, usize>>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let base = format!("http://{}", server.server_addr().to_ip().unwrap());
    let hits: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let (b, h) = (base.clone(), Arc::clone(&hits));
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let path = request.url().to_string();
            *h.lock().unwrap().entry(path.clone()).or_default() += 1;
            let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
            let (body, kind) = match parts.as_slice() {
                ["feed", k] => {
                    let k = k.trim_end_matches(".xml");
                    let items: String = (0..ITEMS)
                        .map(|j| {
                            format!(
                                "<item><title>Story {k}-{j}</title><link>{b}/page/{k}/{j}</link>\
                                 <guid>g-{k}-{j}</guid><pubDate>Tue, 05 Mar 2024 08:00:00 +0000</pubDate></item>"
                            )
                        })
                        .collect();
                    (
                        format!(
                            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>\
                             <title>Feed {k}</title>{items}</channel></rss>"
                        ),
                        "application/rss+xml",
                    )
                }
                ["page", k, j] => (
                    format!(
                        "<!DOCTYPE html><html><head><title>Story {k}-{j}</title></head><body>\
                         <article><h1>Story {k}-{j}</h1><p>Report number {k} {j}: the council \
                         of district {k} met on Tuesday and agreed on plan {j} after a long \
                         debate about costs.</p><p>Residents will be consulted again in the \
                         spring, officials said on Wednesday evening.</p></article></body></html>"
                    ),
                    "text/html; charset=utf-8",
                ),
                _ => {
                    let _ = request.respond(tiny_http::Response::empty(404));
                    continue;
                }
            };
            let header =
                tiny_http::Header::from_bytes(&b"Content-Type"[..], kind.as_bytes()).unwrap();
            let _ = request.respond(tiny_http::Response::from_string(body).with_header(header));
        }
    });
    (base, hits)
}

fn options() -> WatchOptions {
    let mut options = WatchOptions {
        interval: Duration::from_secs(600),
        ..WatchOptions::default()
    };
    options.fetch.per_host_delay = Duration::ZERO;
    options
}

#[test]
fn two_watchers_on_one_store_fetch_each_feed_once_per_round() {
    let test = "two_watchers_on_one_store_fetch_each_feed_once_per_round";
    let Some(url) = pg_url(test) else { return };
    let schema = PgSchema::new(&url, "watch_shared");
    let (base, hits) = serve();
    let mut store = schema.open();
    for k in 0..FEEDS {
        storyline_app::subscribe(&mut store, &format!("{base}/feed/{k}.xml"), None).unwrap();
    }
    drop(store);

    let round = || -> Vec<RoundSummary> {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..2)
                .map(|_| {
                    scope.spawn(|| {
                        let mut store = schema.open();
                        let options = options();
                        let mut fetcher = Fetcher::new(options.fetch.clone()).unwrap();
                        let stop = AtomicBool::new(false);
                        poll_round(&mut store, &mut fetcher, &options, &stop).unwrap()
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap()).collect()
        })
    };
    let first = round();
    let polled: usize = first.iter().map(|s| s.feeds_polled).sum();
    let new: usize = first.iter().map(|s| s.items_new).sum();
    let failures: Vec<_> = first
        .iter()
        .flat_map(|s| s.feed_failures.iter().chain(&s.page_failures))
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(polled, FEEDS, "{first:?}");
    assert_eq!(new, FEEDS * ITEMS, "{first:?}");
    {
        let hits = hits.lock().unwrap();
        for k in 0..FEEDS {
            assert_eq!(hits.get(&format!("/feed/{k}.xml")), Some(&1), "{hits:?}");
            for j in 0..ITEMS {
                assert_eq!(hits.get(&format!("/page/{k}/{j}")), Some(&1), "{hits:?}");
            }
        }
    }
    let store = schema.open();
    assert_eq!(store.article_count().unwrap(), (FEEDS * ITEMS) as u64);
    for feed in store.feeds().unwrap() {
        assert_eq!(feed.claimed_by, None, "released after its poll");
        assert!(feed.state.next_poll.is_some(), "due again next round");
    }

    // Right after the round nothing is due: neither watcher fetches anything.
    let second = round();
    assert_eq!(second.iter().map(|s| s.feeds_polled).sum::<usize>(), 0);
    assert_eq!(
        hits.lock()
            .unwrap()
            .keys()
            .filter(|p| p.starts_with("/feed/"))
            .count(),
        FEEDS
    );
    assert!(hits
        .lock()
        .unwrap()
        .iter()
        .filter(|(p, _)| p.starts_with("/feed/"))
        .all(|(_, n)| *n == 1));
    drop(store);
}
