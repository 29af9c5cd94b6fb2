//! The five seed documents through the whole CLI: ingest, then `articles --json`.

mod common;

use common::{articles, shared, storyline};
use serde_json::Value;

fn by_prefix<'a>(all: &'a [Value], prefix: &str) -> &'a Value {
    all.iter()
        .find(|a| {
            let source = a["source"].as_str().unwrap_or_default();
            source
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .starts_with(prefix)
        })
        .unwrap_or_else(|| panic!("no article from seed {prefix}"))
}

#[test]
fn seeds_are_cleaned_titled_and_dated() {
    let Some(seeds) = shared("seeds") else { return };
    let data = tempfile::tempdir().unwrap();
    let out = storyline(data.path(), &["ingest", seeds.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "ingest failed: {}",
        common::stderr(&out)
    );
    let all = articles(data.path());
    assert_eq!(all.len(), 5);
    for article in &all {
        assert_eq!(article["lang"], "en", "{}", article["source"]);
    }

    let a000 = by_prefix(&all, "000_");
    assert_eq!(
        a000["title"],
        "Xiaomi Confirms Plans to Enter Japan in 2020 With Smartphones, Wearables"
    );
    assert_eq!(a000["published"]["date"], "2019-11-05");
    assert_eq!(a000["published"]["precision"], "day");
    assert_eq!(a000["published"]["source"], "front_matter");
    let body = a000["body"].as_str().unwrap();
    for noise in ["[the_ad", "the\\_ad", "![", "Source link"] {
        assert!(!body.contains(noise), "000 body still has {noise:?}");
    }
    assert!(body.contains("We should be able to (enter Japan) in 2020"));

    let a003 = by_prefix(&all, "003_");
    assert_eq!(
        a003["title"],
        "Xiaomi Will Launch Smartphones in the US, but No Date Set"
    );
    assert_eq!(a003["published"]["date"], "2015-05-29");
    assert_eq!(a003["published"]["precision"], "day");
    assert_eq!(a003["published"]["source"], "byline");
    assert_eq!(a003["authors"], serde_json::json!(["Tom Dawson"]));

    let a002 = by_prefix(&all, "002_");
    assert_eq!(
        a002["title"],
        "Xiaomi smartphones could make official US debut this year"
    );
    let body = a002["body"].as_str().unwrap();
    for noise in [
        "Advertisement",
        "Get more with myNEWS",
        "Learn more",
        "newsletter",
    ] {
        assert!(!body.contains(noise), "002 body still has {noise:?}");
    }
    assert!(
        !body.lines().any(|l| l.trim() == "Post"),
        "002 keeps the 'Post' line"
    );
    let caption = "Smartphones on display at Xiaomi's new store in Barcelona, Spain";
    assert!(
        body.matches(caption).count() <= 1,
        "002 repeats its caption"
    );
    assert!(body.contains("Just four years ago"));
    assert_eq!(a002["published"]["source"], "inferred");
    assert_eq!(a002["published"]["date"], "2018");
    assert_eq!(a002["published"]["precision"], "year");

    let a004 = by_prefix(&all, "004_");
    let body = a004["body"].as_str().unwrap();
    for noise in [
        "Related phones",
        "Member since",
        "Latest Stories",
        "non-commercial use",
    ] {
        assert!(!body.contains(noise), "004 body still has {noise:?}");
    }
    assert!(body
        .trim_end()
        .ends_with("The full interview is available at Engadget."));
    if let Some(date) = a004["published"]["date"].as_str() {
        assert!(
            date >= "2017",
            "004 dated {date} before its evidence allows"
        );
    }

    let a001 = by_prefix(&all, "001_");
    let body = a001["body"].as_str().unwrap();
    assert!(body.contains("Xiaomi, which is “four sides of the country”"));
    assert!(body.trim_end().ends_with("Do accumulation."));
    assert_eq!(a001["published"]["source"], "inferred");
    assert!(a001["published"]["date"]
        .as_str()
        .unwrap()
        .starts_with("2019-11"));
}

#[test]
fn show_json_lists_mentioned_dates_with_spans() {
    let Some(seeds) = shared("seeds") else { return };
    let data = tempfile::tempdir().unwrap();
    storyline(data.path(), &["ingest", seeds.to_str().unwrap()]);
    let all = articles(data.path());
    let id = by_prefix(&all, "000_")["id"].as_str().unwrap().to_string();
    let out = storyline(data.path(), &["show", &id[..8], "--json"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let shown: Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    let mentions = shown["mentioned_dates"].as_array().unwrap();
    let in_2020 = mentions
        .iter()
        .find(|m| m["text"].as_str().unwrap().contains("2020"))
        .expect("a mention of 2020");
    assert_eq!(in_2020["date"], "2020");
    assert_eq!(in_2020["precision"], "year");
    let text: Vec<char> = shown["body"].as_str().unwrap().chars().collect();
    let (start, end) = (
        in_2020["start"].as_u64().unwrap() as usize,
        in_2020["end"].as_u64().unwrap() as usize,
    );
    let span: String = text[start..end].iter().collect();
    assert_eq!(
        span,
        in_2020["text"].as_str().unwrap(),
        "the span points at the mention"
    );
}
