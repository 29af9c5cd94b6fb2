//! Full-text search on PostgreSQL answers as the tantivy index does: the same matches,
//! totals, filters and facets for the same queries over the same articles (scores have
//! another scale and are not compared), snippets as safe HTML with the matches in <b>.

mod support;

use std::collections::BTreeSet;

use storyline_model::{
    content_hash, Article, ArticleId, DateSource, Event, Format, Grouping, PartialDate, Provenance,
    Published, Storyline,
};
use storyline_search::{IndexDoc, SearchIndex, SearchQuery, SearchResults};
use storyline_store::RawInput;
use support::{pg_url, PgSchema};

fn article(
    n: usize,
    title: &str,
    body: &[&str],
    site: &str,
    lang: &str,
    date: Option<&str>,
) -> (Article, RawInput) {
    let bytes = format!("<html>{n} {title} {}</html>", body.join(" ")).into_bytes();
    let hash = content_hash(&bytes);
    let source = format!("https://{site}/{n}");
    let published = match date {
        Some(d) => Published::stated(d.parse::<PartialDate>().unwrap(), DateSource::MetaTag),
        None => Published::unknown(),
    };
    let article = Article {
        id: ArticleId(hash.clone()),
        source: source.clone(),
        title: title.to_string(),
        authors: vec![],
        site: Some(site.to_string()),
        url: Some(source.clone()),
        lang: Some(lang.to_string()),
        body: body.iter().map(|p| p.to_string()).collect(),
        published,
        modified: None,
        mentioned_dates: vec![],
        format: Format::Html,
        first_seen: "2024-01-01T00:00:00Z".parse().unwrap(),
        raw_hash: hash.clone(),
    };
    let raw = RawInput {
        hash,
        format: Format::Html,
        source,
        bytes,
        provenance: Provenance::default(),
    };
    (article, raw)
}

fn corpus() -> Vec<(Article, RawInput)> {
    vec![
        article(
            0,
            "River floods the old town",
            &[
                "The river flooded the old town on Monday.",
                "Residents were evacuated <quickly> & safely.",
            ],
            "bbc.co.uk",
            "en",
            Some("2019-11-05"),
        ),
        article(
            1,
            "Council approves flood defences",
            &["The city council approved new flood defences for the river bank."],
            "reuters.com",
            "en",
            Some("2019-12"),
        ),
        article(
            2,
            "Budget vote delayed",
            &["Members delayed the budget vote after a long debate about taxes."],
            "reuters.com",
            "en",
            Some("2020-02-01"),
        ),
        article(
            3,
            "Hochwasser in der Altstadt",
            &["Die Überschwemmungen trafen die Altstadt am Montag schwer."],
            "spiegel.de",
            "de",
            Some("2019-11-06"),
        ),
        article(
            4,
            "Market report",
            &["Markets rose as the budget plan was published; floods were not mentioned."],
            "BBC.co.uk",
            "en",
            None,
        ),
        article(
            5,
            "Taxes and the river",
            &["A new tax on river shipping was proposed by the council."],
            "lemonde.fr",
            "fr",
            Some("2018"),
        ),
    ]
}

fn grouping(articles: &[(Article, RawInput)]) -> Grouping {
    let id = |i: usize| articles[i].0.id.clone();
    Grouping {
        duplicates: vec![],
        events: vec![Event {
            id: "e1".into(),
            title: "Floods".into(),
            articles: vec![id(0), id(1)],
            sites: vec![],
            first: None,
            last: None,
        }],
        storylines: vec![Storyline {
            id: "s1".into(),
            title: "Floods".into(),
            events: vec!["e1".into()],
            articles: vec![id(3)],
            first: None,
            last: None,
        }],
    }
}

/// The ids of the hits, and the facets, in a form both backends must agree on.
fn shape(results: &SearchResults) -> (u64, BTreeSet<String>, String) {
    let ids = results.hits.iter().map(|h| h.id.clone()).collect();
    let facets = serde_json::to_string(&results.facets).unwrap();
    (results.total, ids, facets)
}

#[test]
fn postgres_search_finds_what_tantivy_finds() {
    let Some(url) = pg_url("postgres_search_finds_what_tantivy_finds") else {
        return;
    };
    let schema = PgSchema::new(&url, "search_same");
    let mut pg = schema.open();
    let articles = corpus();
    pg.insert_articles(&articles).unwrap();
    let grouping = grouping(&articles);
    pg.save_grouping(&grouping).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let mut index = SearchIndex::open(dir.path()).unwrap();
    let groups = [Some("e1"), Some("e1"), None, None, None, None];
    let storylines = [Some("s1"), Some("s1"), None, Some("s1"), None, None];
    let docs: Vec<IndexDoc> = articles
        .iter()
        .enumerate()
        .map(|(i, (a, _))| IndexDoc {
            article: a,
            event: groups[i],
            storyline: storylines[i],
        })
        .collect();
    index.add(&docs).unwrap();

    let queries: Vec<SearchQuery> = vec![
        SearchQuery {
            text: "river".into(),
            ..Default::default()
        },
        // Stemming: "flooding" finds "floods", "flooded" and "flood" in English.
        SearchQuery {
            text: "flooding".into(),
            ..Default::default()
        },
        SearchQuery {
            text: "river council".into(),
            ..Default::default()
        },
        SearchQuery {
            text: "\"flood defences\"".into(),
            ..Default::default()
        },
        SearchQuery {
            text: "budget OR taxes".into(),
            ..Default::default()
        },
        SearchQuery {
            text: "budget -vote".into(),
            ..Default::default()
        },
        SearchQuery {
            text: "budget NOT vote".into(),
            ..Default::default()
        },
        SearchQuery {
            text: "title:river".into(),
            ..Default::default()
        },
        SearchQuery {
            text: "river site:reuters.com".into(),
            ..Default::default()
        },
        SearchQuery {
            text: "budget".into(),
            site: Some("bbc.co.uk".into()),
            ..Default::default()
        },
        SearchQuery {
            text: "Altstadt".into(),
            lang: Some("DE".into()),
            ..Default::default()
        },
        SearchQuery {
            text: "river".into(),
            from: Some("2019-11".parse().unwrap()),
            to: Some("2019".parse().unwrap()),
            ..Default::default()
        },
        SearchQuery {
            text: "".into(),
            storyline: Some("s1".into()),
            ..Default::default()
        },
        SearchQuery {
            text: "river event:e1".into(),
            ..Default::default()
        },
        SearchQuery {
            text: "".into(),
            ..Default::default()
        },
        SearchQuery {
            text: "nothingmatchesthis".into(),
            ..Default::default()
        },
        SearchQuery {
            text: "river".into(),
            limit: 1,
            offset: 1,
            ..Default::default()
        },
    ];
    for query in &queries {
        let (want, got) = (index.search(query).unwrap(), pg.search(query).unwrap());
        assert_eq!(shape(&got), shape(&want), "{query:?}");
        for (p, t) in got.hits.iter().zip(&want.hits) {
            assert!(p.score >= 0.0, "{query:?}");
            if !query.text.is_empty() && query.limit == 0 {
                // Same hit set; the page order may differ only by score scale, so
                // compare per id rather than by position.
                let same = want.hits.iter().find(|h| h.id == p.id).unwrap();
                assert_eq!(
                    (&p.title, &p.site, p.published),
                    (&same.title, &same.site, same.published)
                );
            }
            let _ = t;
        }
    }
}

#[test]
fn ranking_snippets_and_languages() {
    let Some(url) = pg_url("ranking_snippets_and_languages") else {
        return;
    };
    let schema = PgSchema::new(&url, "search_rank");
    let mut pg = schema.open();
    pg.insert_articles(&corpus()).unwrap();

    // Title matches outrank the body-only match.
    let results = pg
        .search(&SearchQuery {
            text: "river".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(results.total, 3);
    assert_eq!(results.hits[2].title, "Council approves flood defences");
    assert!(results.hits[1].score > results.hits[2].score, "{results:?}");
    // The snippet is escaped HTML with the stemmed matches in bold.
    let snippet = &results.hits[2].snippet;
    assert!(snippet.contains("<b>river</b>"), "{snippet}");
    let flood = pg
        .search(&SearchQuery {
            text: "flood".into(),
            ..Default::default()
        })
        .unwrap();
    let town = flood
        .hits
        .iter()
        .find(|h| h.title.starts_with("River"))
        .unwrap();
    assert!(town.snippet.contains("<b>flooded</b>"), "{}", town.snippet);
    let evacuated = pg
        .search(&SearchQuery {
            text: "evacuated".into(),
            ..Default::default()
        })
        .unwrap();
    // Safe HTML: the only tags are the highlights, `&` is escaped. (ts_headline drops
    // text that looks like a tag, such as "<quickly>", from the snippet.)
    let snippet = &evacuated.hits[0].snippet;
    assert!(
        snippet.contains("<b>evacuated</b> &amp; safely"),
        "{snippet}"
    );
    assert!(
        !snippet.replace("<b>", "").replace("</b>", "").contains('<'),
        "{snippet}"
    );

    // German is stemmed as German: "Überschwemmung" finds "Überschwemmungen".
    let german = pg
        .search(&SearchQuery {
            text: "Überschwemmung".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(german.total, 1, "{german:?}");
    assert_eq!(german.facets.lang[0].value, "de");

    // No words: every article, newest first, the undated last, each with its opening.
    let all = pg.search(&SearchQuery::default()).unwrap();
    assert_eq!(all.total, 6);
    assert_eq!(all.hits[0].title, "Budget vote delayed");
    assert_eq!(all.hits[5].title, "Market report");
    assert!(
        all.hits[5].snippet.starts_with("Markets rose"),
        "{:?}",
        all.hits[5]
    );
    let years: Vec<&str> = all.facets.year.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(years, ["2020", "2019", "2018"]);

    // An article changed in place is searched by its new text.
    let (mut changed, _) = corpus().remove(2);
    changed.body = vec!["Now about a volcano.".into()];
    pg.replace_article(&changed).unwrap();
    let volcano = pg
        .search(&SearchQuery {
            text: "volcano".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(volcano.total, 1);
}

#[test]
fn the_search_index_is_created_once_by_workers_opening_at_once() {
    let Some(url) = pg_url("the_search_index_is_created_once_by_workers_opening_at_once") else {
        return;
    };
    let schema = PgSchema::new(&url, "search_open");
    let barrier = std::sync::Barrier::new(4);
    std::thread::scope(|scope| {
        let openers: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    barrier.wait();
                    storyline_store_pg::PgStore::open_in_schema(&url, &schema.name).map(|_| ())
                })
            })
            .collect();
        for opener in openers {
            opener.join().unwrap().unwrap();
        }
    });
    let version: i64 = schema
        .client()
        .query_one("SELECT version FROM storyline_search_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, 1);
}
