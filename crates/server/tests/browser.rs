//! The web UI in a real browser: Debian's headless Chromium loads the home, a storyline,
//! an article and a search page of the demo corpus served on loopback; the dumped DOM is
//! checked with `scraper`, and screenshots go to `target/screenshots/`.
//!
//! Without `/usr/bin/chromium` the test skips with a message, unless
//! `STORYLINE_REQUIRE_BROWSER=1` (set by scripts/test-all after installing it).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{demo_corpus, TestServer};
use scraper::{Html, Selector};

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium() -> Option<&'static Path> {
    let path = Path::new(CHROMIUM);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("STORYLINE_REQUIRE_BROWSER").as_deref() == Ok("1") {
        panic!("{CHROMIUM} is missing and STORYLINE_REQUIRE_BROWSER=1: install it (apt-get install -y chromium)");
    }
    eprintln!("skipping the browser test: {CHROMIUM} is missing (apt-get install -y chromium)");
    None
}

fn screenshots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshots dir");
    dir
}

/// Run headless Chromium with a fresh profile; the flags keep it off the network (only
/// the loopback URL is loaded) and quiet.
fn run_chromium(browser: &Path, profile: &Path, extra: &[String], url: &str) -> String {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(extra)
    .arg(url);
    let output = run_with_timeout(cmd, Duration::from_secs(90));
    assert!(
        output.status.success(),
        "chromium failed on {url}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).to_string()
}

fn run_with_timeout(mut cmd: Command, timeout: Duration) -> std::process::Output {
    use std::process::Stdio;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let started = std::time::Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!(
                "chromium did not finish in {timeout:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

struct Browser<'a> {
    path: &'a Path,
    profile: tempfile::TempDir,
    server: &'a TestServer,
}

impl Browser<'_> {
    fn dom(&self, path: &str) -> Html {
        let html = run_chromium(
            self.path,
            self.profile.path(),
            &["--dump-dom".to_string()],
            &self.server.url(path),
        );
        assert!(html.contains("<html"), "{path}: no DOM dumped: {html}");
        Html::parse_document(&html)
    }

    fn screenshot(&self, path: &str, name: &str) {
        let file = screenshots_dir().join(format!("{name}.png"));
        let _ = std::fs::remove_file(&file);
        run_chromium(
            self.path,
            self.profile.path(),
            &[
                format!("--screenshot={}", file.display()),
                "--window-size=1200,900".to_string(),
            ],
            &self.server.url(path),
        );
        let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(bytes.starts_with(b"\x89PNG"), "{name}: not a PNG");
        assert!(
            bytes.len() > 5_000,
            "{name}: a blank screenshot ({} bytes)",
            bytes.len()
        );
    }
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel).collect()
}

fn text(el: &scraper::ElementRef<'_>) -> String {
    el.text().collect::<String>().trim().to_string()
}

#[test]
fn browser_renders_home_storyline_article_and_search() {
    let Some(path) = chromium() else { return };
    let server = TestServer::start(&[demo_corpus()], None);
    let browser = Browser {
        path,
        profile: tempfile::tempdir().unwrap(),
        server: &server,
    };

    // Home: the latest storylines, linked.
    let home = browser.dom("/");
    let storylines = server.json("/api/storylines");
    let links = select(&home, "ul.storylines a");
    assert_eq!(
        links.len() as u64,
        storylines["total"].as_u64().unwrap().min(12)
    );
    assert_eq!(
        text(&links[0]),
        storylines["items"][0]["title"].as_str().unwrap()
    );
    browser.screenshot("/", "home");

    // Storyline: an SVG timeline with entries, the same dates as the API's.
    let sid = storylines["items"][0]["id"].as_str().unwrap();
    let page = browser.dom(&format!("/storylines/{sid}"));
    let timeline = server.json(&format!("/api/storylines/{sid}/timeline?limit=100"));
    let svg = select(&page, "svg");
    assert_eq!(svg.len(), 1, "one timeline drawing");
    let entries = select(&page, "svg g.entry");
    assert!(!entries.is_empty());
    let api_dates: Vec<&str> = timeline["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    let drawn_dates: Vec<String> = select(&page, "svg g.entry > text")
        .iter()
        .map(text)
        .collect();
    assert_eq!(drawn_dates, api_dates[..drawn_dates.len()].to_vec());
    assert!(!select(&page, "ol.entries a[href^='/articles/']").is_empty());
    browser.screenshot(&format!("/storylines/{sid}"), "storyline");

    // Article: the clean text with its date mentions marked.
    let articles = server.json("/api/articles?limit=100");
    let id = articles["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .find(|id| {
            !server.json(&format!("/api/articles/{id}"))["mentioned_dates"]
                .as_array()
                .unwrap()
                .is_empty()
        })
        .expect("an article with mentions");
    let detail = server.json(&format!("/api/articles/{id}"));
    let page = browser.dom(&format!("/articles/{id}"));
    assert_eq!(
        text(&select(&page, "h1")[0]),
        detail["title"].as_str().unwrap().trim()
    );
    let marks = select(&page, ".body mark");
    assert!(!marks.is_empty(), "mentioned dates marked");
    assert_eq!(
        text(&marks[0]),
        detail["mentioned_dates"][0]["text"].as_str().unwrap()
    );
    assert_eq!(
        select(&page, ".body p").len(),
        detail["paragraphs"].as_array().unwrap().len()
    );
    browser.screenshot(&format!("/articles/{id}"), "article");

    // Search: hits and facets.
    let page = browser.dom("/search?q=Lumora");
    let hits = select(&page, "li.hit a");
    assert!(!hits.is_empty(), "search hits listed");
    let api = server.json("/api/search?q=Lumora&limit=20");
    assert_eq!(
        text(&hits[0]),
        api["items"][0]["title"].as_str().unwrap().trim()
    );
    assert!(!select(&page, ".facets a").is_empty(), "facets as links");
    browser.screenshot("/search?q=Lumora", "search");
}
