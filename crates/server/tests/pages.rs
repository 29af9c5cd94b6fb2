//! The web UI over a real server: every page renders the store's content, escapes every
//! piece of article text, and the storyline page draws its timeline.

mod common;

use common::{demo_corpus, TestServer, TOKEN};

const SCRIPT: &str = "<script>alert(1)</script>";
const ATTR: &str = "\"><img src=x onerror=alert(1)>";

/// Raw markup an attacker wants to see in the page, in any of its forms.
fn assert_escaped(page: &str, where_: &str) {
    for bad in [
        SCRIPT,
        ATTR,
        "<img src=x",
        "onerror=alert(1)>",
        "<script>alert",
    ] {
        assert!(!page.contains(bad), "{where_}: unescaped {bad:?}");
    }
}

#[test]
fn pages_escape_hostile_titles_and_bodies() {
    let server = TestServer::start(&[demo_corpus()], Some(TOKEN));
    let bearer = format!("Bearer {TOKEN}");
    let doc = format!(
        "---\ntitle: 'Lumora {SCRIPT} recall {ATTR}'\ndate: 2019-03-02\nauthor: 'Eve {ATTR}'\nsite: 'evil{SCRIPT}.test'\nurl: 'javascript:alert(1)'\n---\n\n\
         Lumora recalls 12,000 scooters after battery fires {SCRIPT}, the company said on 2 March 2019.\n\n\
         Lumora {ATTR} battery fires recall. The scooters will be fixed by June 2019 {SCRIPT}.\n"
    );
    let reply = server.post("/api/ingest?name=hostile.md", Some(&bearer), doc.as_bytes());
    assert_eq!(reply.status, 200, "{}", reply.body);
    let id = reply.json()["ids"][0]
        .as_str()
        .expect("ingested")
        .to_string();
    let article = server.json(&format!("/api/articles/{id}"));
    assert!(
        article["title"].as_str().unwrap().contains(SCRIPT),
        "the title keeps the text as is"
    );
    let event = article["event"].as_str().expect("grouped").to_string();
    let storyline = article["storyline"].as_str().map(str::to_string);

    let mut pages = vec![
        "/".to_string(),
        format!("/articles/{id}"),
        format!("/events/{event}"),
        "/search?q=Lumora+recall".to_string(),
        format!("/search?q={}", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
    ];
    if let Some(s) = &storyline {
        pages.push(format!("/storylines/{s}"));
    }
    for path in &pages {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        assert!(reply.content_type.starts_with("text/html"), "{path}");
        assert_escaped(&reply.body, path);
    }
    let page = server.get(&format!("/articles/{id}")).body;
    // askama writes numeric entities; either spelling is the text shown, not run.
    let shown = [
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    ];
    assert!(
        shown.iter().any(|s| page.contains(s)),
        "the text is shown, escaped: {page}"
    );
    assert!(
        !page.contains("href=\"javascript:"),
        "only http(s) URLs become links"
    );
    assert!(page.contains("<mark"), "mentioned dates are highlighted");
}

#[test]
fn article_page_marks_every_mention_and_links_the_original() {
    let server = TestServer::start(&[demo_corpus()], None);
    let list = server.json("/api/articles?limit=100");
    let with_url = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["url"].as_str().is_some_and(|u| u.starts_with("http")))
        .expect("an article with a URL");
    let id = with_url["id"].as_str().unwrap();
    let detail = server.json(&format!("/api/articles/{id}"));
    let page = server.get(&format!("/articles/{id}"));
    assert_eq!(page.status, 200);
    let doc = scraper::Html::parse_document(&page.body);
    let h1 = scraper::Selector::parse("h1").unwrap();
    let title: String = doc.select(&h1).next().unwrap().text().collect();
    assert_eq!(title.trim(), detail["title"].as_str().unwrap().trim());
    let link = scraper::Selector::parse("a[rel~=noopener]").unwrap();
    let href = doc
        .select(&link)
        .next()
        .expect("original link")
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(href, detail["url"].as_str().unwrap());
    let marks = scraper::Selector::parse(".body mark").unwrap();
    let marked: Vec<String> = doc.select(&marks).map(|m| m.text().collect()).collect();
    let mentions: Vec<String> = detail["mentioned_dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect();
    assert!(!mentions.is_empty(), "{detail}");
    // Overlapping mentions are drawn once, so every mark is a mention, in order.
    assert!(!marked.is_empty());
    let mut it = mentions.iter();
    for m in &marked {
        assert!(
            it.any(|x| x == m),
            "{m:?} is not a mention in order: {mentions:?}"
        );
    }
}

#[test]
fn storyline_and_event_pages_show_timeline_and_reporters() {
    let server = TestServer::start(&[demo_corpus()], None);
    let storylines = server.json("/api/storylines");
    let sid = storylines["items"][0]["id"].as_str().unwrap();
    let page = server.get(&format!("/storylines/{sid}"));
    assert_eq!(page.status, 200);
    let doc = scraper::Html::parse_document(&page.body);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let timeline = server.json(&format!("/api/storylines/{sid}/timeline?limit=100"));
    let entries = timeline["entries"].as_array().unwrap();
    assert!(!entries.is_empty(), "{timeline}");
    assert_eq!(doc.select(&sel("svg")).count(), 1);
    let drawn = doc.select(&sel("svg g.entry")).count();
    assert_eq!(drawn, entries.len().min(40));
    let planned = entries.iter().filter(|e| e["kind"] == "planned").count();
    assert_eq!(
        doc.select(&sel("svg g.entry.planned polygon")).count(),
        planned.min(40)
    );
    let first_date: String = doc
        .select(&sel("svg g.entry text"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(first_date, entries[0]["date"].as_str().unwrap());
    assert!(doc.select(&sel("svg a[href^='/articles/']")).count() >= drawn);
    assert!(
        page.body.contains("reported:") && page.body.contains("planned:"),
        "a legend"
    );

    let events = server.json("/api/events?limit=100");
    let biggest = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|e| e["articles"].as_u64().unwrap())
        .unwrap();
    let eid = biggest["id"].as_str().unwrap();
    let page = server.get(&format!("/events/{eid}"));
    assert_eq!(page.status, 200);
    let doc = scraper::Html::parse_document(&page.body);
    let sites: Vec<String> = doc
        .select(&sel("ul.reported-by > li > strong"))
        .map(|s| s.text().collect())
        .collect();
    let api: Vec<String> = server.json(&format!("/api/events/{eid}"))["also_reported_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["site"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sites, api);
    assert!(sites.len() >= 2);
}

#[test]
fn unknown_pages_are_html_404s() {
    let server = TestServer::start(&[], None);
    for path in [
        "/articles/0123456789abcdef",
        "/articles/zz",
        "/events/event-00",
        "/storylines/x",
        "/nope",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(reply.content_type.starts_with("text/html"), "{path}");
        assert!(reply.body.contains("404"));
    }
}
