//! The index over small generated articles: ranking, query syntax, filters, facets,
//! snippets, Chinese and Japanese matching, bad queries, reopening.

use chrono::Utc;
use storyline_model::{Article, ArticleId, DateSource, Format, PartialDate, Published};
use storyline_search::{IndexDoc, SearchError, SearchIndex, SearchQuery, SearchResults};

fn article(id: &str, title: &str, body: &str, site: &str, lang: &str, date: &str) -> Article {
    Article {
        id: ArticleId(id.to_string()),
        source: format!("{id}.txt"),
        title: title.to_string(),
        authors: Vec::new(),
        site: Some(site.to_string()),
        url: None,
        lang: Some(lang.to_string()),
        body: body.split("\n\n").map(str::to_string).collect(),
        published: match date {
            "" => Published::unknown(),
            d => Published::stated(d.parse::<PartialDate>().unwrap(), DateSource::FrontMatter),
        },
        modified: None,
        mentioned_dates: Vec::new(),
        format: Format::Text,
        first_seen: Utc::now(),
        raw_hash: id.to_string(),
    }
}

fn corpus() -> Vec<Article> {
    vec![
        article(
            "a1",
            "Earthquake strikes Japan",
            "A strong earthquake hit northern Japan on Monday. Trains were stopped.",
            "nhk.example",
            "en",
            "2019-03-04",
        ),
        article(
            "a2",
            "Markets calm",
            "Stock markets in Europe were calm. Traders said Japan was quiet too.",
            "reuters.example",
            "en",
            "2019-05-10",
        ),
        article(
            "a3",
            "Election results",
            "The ruling party won the election by a wide margin, officials said.",
            "bbc.example",
            "en",
            "2020-11-05",
        ),
        article(
            "a4",
            "Housing prices rise",
            "House prices rose again as buyers returned to the housing market.",
            "bbc.example",
            "en",
            "2020",
        ),
        article(
            "a5",
            "Undated note",
            "Prices of <script>alert(\"x\")</script> & 'quotes' in an earthquake bulletin.",
            "blog.example",
            "en",
            "",
        ),
        article(
            "z1",
            "北京举行新闻发布会",
            "北京大学的研究人员今天在北京发布了一项新的研究成果。",
            "xinhua.example",
            "zh",
            "2021-06-01",
        ),
        article(
            "j1",
            "東京で地震",
            "東京都で強い地震がありました。電車が止まりました。",
            "nhk.example",
            "ja",
            "2021-07-01",
        ),
        article(
            "k1",
            "서울 시장 선거",
            "서울 시장 선거가 오늘 열렸습니다.",
            "yonhap.example",
            "ko",
            "2021-08-01",
        ),
    ]
}

fn build(dir: &std::path::Path) -> SearchIndex {
    let articles = corpus();
    let mut index = SearchIndex::open(dir).unwrap();
    let docs: Vec<IndexDoc> = articles
        .iter()
        .map(|article| IndexDoc {
            article,
            event: article.id.as_str().starts_with('a').then_some("ev1"),
            storyline: (article.id.as_str() == "a1").then_some("st1"),
        })
        .collect();
    index.add(&docs).unwrap();
    index
}

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.to_string(),
        ..SearchQuery::default()
    }
}

fn ids(results: &SearchResults) -> Vec<String> {
    results.hits.iter().map(|h| h.id.clone()).collect()
}

#[test]
fn ranks_title_matches_first_and_stems() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    assert_eq!(index.doc_count(), 8);
    let found = index.search(&query("Japan")).unwrap();
    assert_eq!(ids(&found), ["a1", "a2"], "the title match ranks first");
    assert_eq!(found.total, 2);
    assert!(found.hits[0].score > found.hits[1].score);
    assert_eq!(found.hits[0].title, "Earthquake strikes Japan");
    assert_eq!(found.hits[0].site.as_deref(), Some("nhk.example"));
    assert_eq!(found.hits[0].published, Some("2019-03-04".parse().unwrap()));
    // "housing" and "houses" share the stem "hous"; "prices"/"price" too.
    let found = index.search(&query("house price")).unwrap();
    assert_eq!(ids(&found), ["a4"]);
}

#[test]
fn phrases_and_booleans() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    assert_eq!(
        ids(&index.search(&query("\"strong earthquake\"")).unwrap()),
        ["a1"]
    );
    assert!(index
        .search(&query("\"earthquake strong\""))
        .unwrap()
        .hits
        .is_empty());
    assert_eq!(
        ids(&index.search(&query("earthquake NOT Japan")).unwrap()),
        ["a5"]
    );
    assert_eq!(
        ids(&index.search(&query("earthquake -japan")).unwrap()),
        ["a5"]
    );
    let mut either = ids(&index.search(&query("election OR housing")).unwrap());
    either.sort();
    assert_eq!(either, ["a3", "a4"]);
    // Words are all required by default.
    assert!(index
        .search(&query("election housing"))
        .unwrap()
        .hits
        .is_empty());
    assert_eq!(ids(&index.search(&query("title:markets")).unwrap()), ["a2"]);
    assert_eq!(
        ids(&index.search(&query("event:ev1 AND election")).unwrap()),
        ["a3"]
    );
}

#[test]
fn filters_by_date_site_language_storyline() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    let mut q = query("");
    q.from = Some("2020".parse().unwrap());
    q.to = Some("2020-12".parse().unwrap());
    let mut found = ids(&index.search(&q).unwrap());
    found.sort();
    // a4 is dated only "2020": its year meets the range; undated a5 never passes.
    assert_eq!(found, ["a3", "a4"]);
    q.from = Some("2020-11-06".parse().unwrap());
    assert_eq!(ids(&index.search(&q).unwrap()), ["a4"]);

    let mut q = query("prices");
    q.site = Some("BBC.example".to_string());
    assert_eq!(ids(&index.search(&q).unwrap()), ["a4"]);
    let mut q = query("");
    q.lang = Some("ja".to_string());
    assert_eq!(ids(&index.search(&q).unwrap()), ["j1"]);
    let mut q = query("");
    q.storyline = Some("st1".to_string());
    assert_eq!(ids(&index.search(&q).unwrap()), ["a1"]);
}

#[test]
fn empty_text_lists_newest_first_with_paging() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    let mut q = query("");
    q.limit = 3;
    let page = index.search(&q).unwrap();
    assert_eq!(page.total, 8);
    assert_eq!(ids(&page), ["k1", "j1", "z1"]);
    q.offset = 3;
    assert_eq!(ids(&index.search(&q).unwrap()), ["a3", "a4", "a2"]);
}

#[test]
fn facet_counts_cover_all_matches() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    let mut q = query("");
    q.limit = 1;
    let facets = index.search(&q).unwrap().facets;
    let count = |list: &[storyline_search::FacetCount], value: &str| {
        list.iter().find(|f| f.value == value).map(|f| f.count)
    };
    assert_eq!(count(&facets.site, "bbc.example"), Some(2));
    assert_eq!(facets.site[0].value, "bbc.example", "most frequent first");
    assert_eq!(count(&facets.lang, "en"), Some(5));
    assert_eq!(count(&facets.year, "2019"), Some(2));
    assert_eq!(count(&facets.year, "2021"), Some(3));
    assert_eq!(facets.year[0].value, "2021", "newest year first");
    let facets = index.search(&query("prices")).unwrap().facets;
    assert_eq!(count(&facets.site, "bbc.example"), Some(1));
    assert_eq!(count(&facets.site, "blog.example"), Some(1));
    assert_eq!(count(&facets.site, "nhk.example"), None);
}

#[test]
fn snippets_highlight_and_escape() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    let hit = &index.search(&query("trains")).unwrap().hits[0];
    assert!(hit.snippet.contains("<b>Trains</b>"), "{}", hit.snippet);
    let hit = &index.search(&query("bulletin")).unwrap().hits[0];
    assert_eq!(hit.id, "a5");
    assert!(hit.snippet.contains("<b>bulletin</b>"), "{}", hit.snippet);
    assert!(!hit.snippet.contains("<script>"), "{}", hit.snippet);
    assert!(
        hit.snippet.contains("&lt;script&gt;alert(&quot;x&quot;)"),
        "{}",
        hit.snippet
    );
    assert!(
        hit.snippet.contains("&amp; &#39;quotes&#39;"),
        "{}",
        hit.snippet
    );
    // A title-only match still gets the body's opening, escaped.
    let hit = &index.search(&query("title:undated")).unwrap().hits[0];
    assert!(
        hit.snippet.starts_with("Prices of &lt;script&gt;"),
        "{}",
        hit.snippet
    );
}

#[test]
fn chinese_japanese_korean() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    // jieba words and bigrams both find the Chinese article.
    assert_eq!(ids(&index.search(&query("北京大学")).unwrap()), ["z1"]);
    assert_eq!(ids(&index.search(&query("研究")).unwrap()), ["z1"]);
    let hit = &index.search(&query("研究")).unwrap().hits[0];
    assert!(hit.snippet.contains("<b>研究</b>"), "{}", hit.snippet);
    // Japanese by bigrams: a word inside a run of kanji and kana.
    assert_eq!(ids(&index.search(&query("地震")).unwrap()), ["j1"]);
    assert_eq!(ids(&index.search(&query("東京都")).unwrap()), ["j1"]);
    let hit = &index.search(&query("電車")).unwrap().hits[0];
    assert!(hit.snippet.contains("<b>電車</b>"), "{}", hit.snippet);
    // Bigrams must be contiguous: both characters present, not side by side.
    assert!(index.search(&query("京電")).unwrap().hits.is_empty());
    assert_eq!(ids(&index.search(&query("선거")).unwrap()), ["k1"]);
}

#[test]
fn bad_query_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let index = build(dir.path());
    for bad in ["nosuchfield:japan", "published_first:[2019 TO"] {
        match index.search(&query(bad)) {
            Err(err @ SearchError::BadQuery { .. }) => {
                assert!(err.to_string().contains(bad), "{err}")
            }
            other => panic!("{bad}: expected a bad query error, got {other:?}"),
        }
    }
}

#[test]
fn upserts_by_id_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    drop(build(dir.path()));
    let mut index = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(index.doc_count(), 8);
    let before = index.digests().unwrap();
    assert_eq!(before.len(), 8);
    let changed = article(
        "a2",
        "Markets fall",
        "Stock markets fell sharply.",
        "reuters.example",
        "en",
        "2019-05-10",
    );
    let doc = IndexDoc {
        article: &changed,
        event: None,
        storyline: None,
    };
    index.add(&[doc]).unwrap();
    assert_eq!(index.doc_count(), 8, "replaced, not added");
    assert_eq!(ids(&index.search(&query("sharply")).unwrap()), ["a2"]);
    assert!(index.search(&query("traders")).unwrap().hits.is_empty());
    let after = index.digests().unwrap();
    assert_eq!(after["a2"], doc.digest());
    assert_ne!(after["a2"], before["a2"]);
    assert_eq!(after["a1"], before["a1"]);
}

#[test]
fn damaged_index_is_an_open_error() {
    let dir = tempfile::tempdir().unwrap();
    drop(build(dir.path()));
    std::fs::write(dir.path().join("meta.json"), b"{ not json").unwrap();
    match SearchIndex::open(dir.path()) {
        Err(err @ SearchError::Open { .. }) => {
            assert!(err.to_string().contains(&dir.path().display().to_string()))
        }
        other => panic!("expected an open error, got {other:?}"),
    }
}
