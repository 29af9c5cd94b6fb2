//! The feed watcher against a real HTTP server on 127.0.0.1 (tiny_http, port 0) and a
//! real SQLite store: conditional GET, redirects and a redirect loop, 404 and 500, a slow
//! server, a huge body, wrong content types, invalid XML, robots.txt, fallbacks to the
//! feed's text, back-off, restart without duplicates, and identity across a moved URL,
//! a retitled item and a changed text (versions).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use storyline_app::{poll_round, RoundSummary, WatchOptions};
use storyline_fetch::Fetcher;
use storyline_store::Store;

fn page(title: &str, text: &str, canonical: Option<&str>) -> String {
    let link = canonical
        .map(|c| format!("<link rel=\"canonical\" href=\"{c}\">"))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title>{link}</head><body><article><h1>{title}</h1>\
         <p>{text} The council met on Tuesday and agreed on the plan after a long debate about costs.</p>\
         <p>Residents will be consulted again in the spring, officials said on Wednesday evening.</p>\
         </article></body></html>"
    )
}

fn item(title: &str, link: &str, guid: &str, date: &str, description: &str) -> String {
    let description = if description.is_empty() {
        String::new()
    } else {
        format!("<description>{description}</description>")
    };
    format!(
        "<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>\
         <pubDate>{date}</pubDate>{description}</item>"
    )
}

const DATE1: &str = "Tue, 05 Mar 2024 08:00:00 +0000";
const DATE2: &str = "Wed, 06 Mar 2024 09:00:00 +0000";

fn feed(base: &str, version: usize) -> String {
    let fallback =
        "The feed's own summary of this story, long enough to be an article body on its own.";
    let mut items = vec![
        // v2: retitled and moved (same GUID): no new article.
        if version == 1 {
            item(
                "Story A",
                &format!("{base}/a?utm_source=rss#top"),
                "g-a",
                DATE1,
                "",
            )
        } else {
            item(
                "Story A, retitled",
                &format!("{base}/a-moved"),
                "g-a",
                DATE1,
                "",
            )
        },
        // v2: a new date, and the page's text changed: a new version.
        item(
            "Story B",
            &format!("{base}/redirect"),
            "g-b",
            if version == 1 { DATE1 } else { DATE2 },
            "",
        ),
        item("Loop", &format!("{base}/loop1"), "g-loop", DATE1, fallback),
        item(
            "Missing",
            &format!("{base}/missing"),
            "g-404",
            DATE1,
            fallback,
        ),
        item("Broken", &format!("{base}/error"), "g-500", DATE1, ""),
        item("Slow", &format!("{base}/slow"), "g-slow", DATE1, fallback),
        item("Huge", &format!("{base}/huge"), "g-huge", DATE1, fallback),
        item(
            "Image",
            &format!("{base}/image"),
            "g-image",
            DATE1,
            fallback,
        ),
        item(
            "Private",
            &format!("{base}/private/x"),
            "g-private",
            DATE1,
            fallback,
        ),
    ];
    if version > 1 {
        // A new GUID whose page declares story A's canonical URL, with A's text.
        items.push(item(
            "Story A again",
            &format!("{base}/amp/a"),
            "g-a-amp",
            DATE2,
            "",
        ));
    }
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test News</title>{}</channel></rss>",
        items.concat()
    )
}

type Log = Arc<Mutex<Vec<(String, u16)>>>;

struct Server {
    base: String,
    version: Arc<AtomicUsize>,
    /// Every request's path and the status served.
    log: Log,
}

fn serve() -> Server {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let base = format!("http://{}", server.server_addr().to_ip().unwrap());
    let version = Arc::new(AtomicUsize::new(1));
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let (b, v, l) = (base.clone(), Arc::clone(&version), Arc::clone(&log));
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let (b, v, l) = (b.clone(), Arc::clone(&v), Arc::clone(&l));
            std::thread::spawn(move || respond(request, &b, v.load(Ordering::SeqCst), &l));
        }
    });
    Server { base, version, log }
}

fn respond(
    request: tiny_http::Request,
    base: &str,
    version: usize,
    log: &Mutex<Vec<(String, u16)>>,
) {
    use tiny_http::{Header, Response};
    let header = |k: &str, v: &str| Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap();
    let html = || header("Content-Type", "text/html; charset=utf-8");
    let route = request
        .url()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    let etag = format!("\"v{version}\"");
    let if_none_match = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("If-None-Match"))
        .map(|h| h.value.to_string());
    let reply = |body: String, status: u16, headers: Vec<Header>| {
        let mut r = Response::from_string(body).with_status_code(status);
        for h in headers {
            r.add_header(h);
        }
        r
    };
    let a_page = || page("Story A", "Alpha text.", Some(&format!("{base}/a")));
    let response = match route.as_str() {
        "/robots.txt" => reply(
            "User-agent: *\nDisallow: /private/\n".into(),
            200,
            vec![header("Content-Type", "text/plain")],
        ),
        "/feed.xml" if if_none_match.as_deref() == Some(etag.as_str()) => {
            reply(String::new(), 304, vec![])
        }
        "/feed.xml" => reply(
            feed(base, version),
            200,
            vec![
                header("Content-Type", "application/rss+xml"),
                header("ETag", &etag),
            ],
        ),
        "/bad.xml" => reply(
            "<rss version=\"2.0\"><channel><item><title>unclosed".into(),
            200,
            vec![header("Content-Type", "text/xml")],
        ),
        "/wrongtype.xml" => reply("PNG".into(), 200, vec![header("Content-Type", "image/png")]),
        "/feed500" => reply("oops".into(), 500, vec![]),
        "/a" | "/a-moved" => reply(a_page(), 200, vec![html()]),
        "/amp/a" => reply(
            a_page().replace(
                &format!("{base}/a\""),
                &format!("{base}/a?utm_medium=amp\""),
            ),
            200,
            vec![html()],
        ),
        "/redirect" => reply(String::new(), 302, vec![header("Location", "/b")]),
        "/b" if version == 1 => reply(page("Story B", "Bravo text.", None), 200, vec![html()]),
        "/b" => reply(
            page(
                "Story B",
                "Bravo text, corrected: the vote was postponed.",
                None,
            ),
            200,
            vec![html()],
        ),
        "/loop1" => reply(String::new(), 301, vec![header("Location", "/loop2")]),
        "/loop2" => reply(String::new(), 301, vec![header("Location", "/loop1")]),
        "/missing" => reply("not here".into(), 404, vec![html()]),
        "/error" => reply("broken".into(), 500, vec![html()]),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            reply(page("Slow", "Too late.", None), 200, vec![html()])
        }
        "/huge" => reply("<p>x</p>".repeat(200_000), 200, vec![html()]),
        "/image" => reply("PNG".into(), 200, vec![header("Content-Type", "image/png")]),
        _ => reply("no route".into(), 404, vec![]),
    };
    let status = response.status_code().0;
    log.lock().unwrap().push((route, status));
    let _ = request.respond(response);
}

fn options() -> WatchOptions {
    let mut options = WatchOptions {
        interval: Duration::from_secs(60),
        regroup: false,
        ..WatchOptions::default()
    };
    options.fetch.per_host_delay = Duration::from_millis(5);
    options.fetch.timeout = Duration::from_secs(1);
    options.fetch.max_body = 1024 * 1024;
    options
}

/// One round with a fresh fetcher and a freshly opened store: what a restart does.
fn round(dir: &std::path::Path) -> (RoundSummary, Store) {
    let mut store = Store::open(dir).unwrap();
    let options = options();
    let mut fetcher = Fetcher::new(options.fetch.clone()).unwrap();
    let summary = poll_round(&mut store, &mut fetcher, &options, &AtomicBool::new(false)).unwrap();
    (summary, store)
}

fn reasons(failures: &[storyline_app::Failure]) -> String {
    failures
        .iter()
        .map(|f| f.reason.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_round_survives_every_failure_and_a_restart_neither_loses_nor_duplicates() {
    let server = serve();
    let base = &server.base;
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        for path in ["/feed.xml", "/bad.xml", "/wrongtype.xml", "/feed500"] {
            storyline_app::subscribe(&mut store, &format!("{base}{path}"), None).unwrap();
        }
        let refused = storyline_app::subscribe(&mut store, "ftp://x.test/feed", None);
        assert!(refused
            .unwrap_err()
            .to_string()
            .contains("ftp://x.test/feed"));
    }

    // Round 1: everything that can fail does, and the watcher keeps going.
    let (first, store) = round(dir.path());
    assert_eq!(first.feeds_polled, 4);
    let feed_errors = reasons(&first.feed_failures);
    assert_eq!(first.feed_failures.len(), 3, "{feed_errors}");
    assert!(
        feed_errors.contains(&format!("{base}/bad.xml: ")),
        "{feed_errors}"
    );
    assert!(
        feed_errors.contains("/wrongtype.xml: content type \"image/png\""),
        "{feed_errors}"
    );
    assert!(feed_errors.contains("/feed500: HTTP 500"), "{feed_errors}");
    let page_errors = reasons(&first.page_failures);
    for expected in [
        "redirect loop",
        "/missing: HTTP 404",
        "/error: HTTP 500",
        "/slow: timed out",
        "/huge: body larger than",
        "/image: content type",
        "/private/x: disallowed by robots.txt",
    ] {
        assert!(
            page_errors.contains(expected),
            "{expected:?} not in\n{page_errors}"
        );
    }
    assert_eq!(first.page_failures.len(), 7, "{page_errors}");
    assert_eq!(first.pages_fetched, 2, "a, and b through a redirect");
    assert_eq!(
        first.fallbacks, 6,
        "loop, 404, slow, huge, image, robots: the feed's text"
    );
    assert_eq!(first.items_new, 8, "{first:?}");
    assert_eq!(first.item_failures.len(), 1, "{:?}", first.item_failures);
    assert!(
        first.item_failures[0].source.ends_with("/error"),
        "no page, no feed text"
    );
    assert_eq!(store.article_count().unwrap(), 8);
    let key_a = format!("{}/a", base.trim_start_matches("http://"));
    let a = store.find_web_item(None, None, Some(&key_a)).unwrap();
    let a = a.expect("story A is known by its canonical URL, tracking and fragment stripped");
    let article = store
        .article(a.article_id.as_deref().unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(article.title, "Story A");
    assert_eq!(
        article.published.date.unwrap().to_string(),
        "2024-03-05",
        "the feed's date"
    );
    drop(store);

    // Round 2, after a "restart": the feed answers 304; the failed feeds back off.
    let feed_requests = |log: &Log| {
        log.lock()
            .unwrap()
            .iter()
            .filter(|(p, _)| p == "/feed.xml")
            .count()
    };
    let before = feed_requests(&server.log);
    let (second, store) = round(dir.path());
    assert_eq!(second.feeds_not_modified, 1, "{second:?}");
    assert_eq!(second.feeds_backing_off, 3);
    assert_eq!(
        second.items_new + second.pages_fetched + second.page_failures.len(),
        0
    );
    assert_eq!(store.article_count().unwrap(), 8, "nothing duplicated");
    assert_eq!(feed_requests(&server.log), before + 1);
    let last = server.log.lock().unwrap().last().cloned().unwrap();
    assert_eq!(last, ("/feed.xml".to_string(), 304));
    let bad = store.feed(&format!("{base}/bad.xml")).unwrap().unwrap();
    assert_eq!(bad.state.failures, 1);
    assert!(bad.state.next_poll.is_some() && bad.state.last_error.is_some());
    drop(store);

    // Round 3: the feed changed. A retitled, moved item and an AMP copy declaring the
    // same canonical URL add nothing; story B's text changed: a second version.
    server.version.store(2, Ordering::SeqCst);
    let (third, store) = round(dir.path());
    assert_eq!(third.feeds_not_modified, 0);
    assert_eq!(third.items_updated, 1, "{third:?}");
    assert_eq!(third.items_new, 0, "{third:?}");
    assert_eq!(
        store.article_count().unwrap(),
        9,
        "one new version of B, nothing else"
    );
    let feed_url = format!("{base}/feed.xml");
    let b = store
        .find_web_item(Some(&feed_url), Some("g-b"), None)
        .unwrap()
        .unwrap();
    let versions = store.web_item_versions(b.id).unwrap();
    assert_eq!(versions.len(), 2);
    assert_ne!(versions[0].article_id, versions[1].article_id);
    let amp = store
        .find_web_item(Some(&feed_url), Some("g-a-amp"), None)
        .unwrap();
    assert!(
        amp.is_none(),
        "the AMP copy was recognised as story A: {amp:?}"
    );
}
