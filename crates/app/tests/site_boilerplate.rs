//! Per-site boilerplate through the real ingest path and a real SQLite store: a line one
//! site repeats across its articles leaves their bodies, learning carries over from one
//! ingest run to the next (the counts are stored), and `reprocess` takes what later
//! articles taught out of the earlier ones. Another site's articles are left alone.

use std::path::Path;

use storyline_app::{all_articles, ingest_paths, reprocess};
use storyline_model::Article;
use storyline_pipeline::PipelineOptions;
use storyline_store::{Store, StoreBackend};
use storyline_store_pg::testing::{pg_url, PgSchema};

const PROMO: &str = "We pay for your stories! Do you have a story for the Daily Example?";
const AD: &str = "Advertisement";

const STORIES: [&str; 6] = [
    "The harbour board approved the new quay on Tuesday after a long debate about costs.",
    "Floods closed the valley road for a second week, and farmers asked for help.",
    "The city council voted to keep the night buses running through the winter months.",
    "A local bakery won the regional bread prize with a rye loaf made from old grain.",
    "The museum reopened its east wing after repairs to the roof that took two years.",
    "Teachers at the grammar school agreed a new timetable that starts later each day.",
];

/// One JSON record of `site`, its body the story with the site's furniture around it.
fn write_record(dir: &Path, name: &str, site: &str, story: &str, furniture: bool) -> String {
    // A second paragraph of its own (names with digits would not do: counting reads
    // every digit as 0, so "a1" and "a2" are one word to it).
    let more: String = story.split_whitespace().rev().collect::<Vec<_>>().join(" ");
    let body = if furniture {
        format!("{story}\n\n{AD}\n\n{more}\n\n{PROMO}")
    } else {
        format!("{story}\n\n{more}")
    };
    let record = serde_json::json!({
        "title": format!("{name} headline"),
        "url": format!("https://{site}/news/{name}"),
        "date": "2019-05-04",
        "body": body,
    });
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, record.to_string()).expect("write record");
    path.display().to_string()
}

fn body_of<'a>(articles: &'a [Article], name: &str) -> &'a [String] {
    let article = articles
        .iter()
        .find(|a| a.title == format!("{name} headline"))
        .unwrap_or_else(|| panic!("{name} stored"));
    &article.body
}

fn has_furniture(body: &[String]) -> bool {
    body.iter().any(|p| p == AD || p == PROMO)
}

#[test]
fn a_sites_repeated_lines_leave_its_articles_and_the_counts_carry_over() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("data")).expect("store");
    learns_and_strips(&mut store, dir.path());
}

/// The same on PostgreSQL, whose key-value table holds the counts there.
#[test]
fn the_counts_carry_over_on_postgresql_too() {
    let Some(url) = pg_url("site_boilerplate") else {
        return;
    };
    let schema = PgSchema::new(&url, "site_boilerplate");
    let dir = tempfile::tempdir().expect("temp dir");
    learns_and_strips(&mut schema.open(), dir.path());
}

fn learns_and_strips(store: &mut dyn StoreBackend, dir: &Path) {
    let options = PipelineOptions::default();

    // Run 1: two articles of the site: twice is not yet a pattern.
    let first: Vec<String> = (0..2)
        .map(|i| write_record(dir, &format!("a{i}"), "example.test", STORIES[i], true))
        .collect();
    let summary = ingest_paths(store, &first, &options, &()).expect("ingest 1");
    assert_eq!(summary.ingested, 2, "{:?}", summary.failed);
    let articles = all_articles(store).expect("articles");
    assert!(has_furniture(body_of(&articles, "a0")));

    // Run 2: two more; with four sightings the lines are the site's, and the new
    // articles lose them, though each run saw too few alone.
    let second: Vec<String> = (2..4)
        .map(|i| write_record(dir, &format!("a{i}"), "example.test", STORIES[i], true))
        .collect();
    // Another site with the same furniture but only once: untouched.
    let other = write_record(dir, "b0", "other.test", STORIES[4], true);
    let mut inputs = second.clone();
    inputs.push(other);
    let summary = ingest_paths(store, &inputs, &options, &()).expect("ingest 2");
    assert_eq!(summary.ingested, 3, "{:?}", summary.failed);
    let articles = all_articles(store).expect("articles");
    for name in ["a2", "a3"] {
        let body = body_of(&articles, name);
        assert!(!has_furniture(body), "{name}: {body:?}");
        assert_eq!(
            body.len(),
            2,
            "{name}: the story and its second paragraph stay"
        );
    }
    assert!(
        has_furniture(body_of(&articles, "a0")),
        "earlier articles wait for reprocess"
    );
    assert!(
        has_furniture(body_of(&articles, "b0")),
        "another site's counts are its own"
    );

    // Reprocess applies what the site taught since to the earlier articles.
    let report = reprocess(store, &options).expect("reprocess");
    assert_eq!(report.changed, 2, "{:?}", report.failed);
    let articles = all_articles(store).expect("articles");
    for name in ["a0", "a1", "a2", "a3"] {
        assert!(
            !has_furniture(body_of(&articles, name)),
            "{name} after reprocess"
        );
    }
    assert!(has_furniture(body_of(&articles, "b0")));

    // A single new article is cleaned on the stored counts alone.
    let late = write_record(dir, "a5", "example.test", STORIES[5], true);
    ingest_paths(store, &[late], &options, &()).expect("ingest 3");
    let articles = all_articles(store).expect("articles");
    assert!(!has_furniture(body_of(&articles, "a5")));
}
