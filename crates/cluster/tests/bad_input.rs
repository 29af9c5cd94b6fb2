//! Bad input is clustered or left alone with a reason, never a panic.

use chrono::{Duration, Utc};
use storyline_cluster::{
    cluster_all, explain, ClusterConfig, DedupConfig, DedupIndex, EventClusterer, EventConfig,
};
use storyline_model::{Article, ArticleId, DateSource, PartialDate, Published};

mod common;

/// An article first seen now, with a stated date (any precision) or none.
fn article(id: &str, title: &str, body: &[&str], date: Option<&str>) -> Article {
    let body: Vec<String> = body.iter().map(|s| s.to_string()).collect();
    let published = date
        .map(|d| Published::stated(d.parse::<PartialDate>().unwrap(), DateSource::RecordField))
        .unwrap_or_default();
    common::text_article(id, title, &body, published, Utc::now())
}

const QUAKE: &[&str] = &[
    "A strong earthquake struck off the coast of Sumatra on Monday, Indonesian officials said.",
    "The magnitude 7.1 quake shook buildings in Padang and Banda Aceh and prompted a tsunami warning.",
];

#[test]
fn an_empty_article_stands_alone_with_a_reason() {
    let mut clusterer = EventClusterer::new(EventConfig::default());
    clusterer.insert(&article(
        "a",
        "Earthquake hits Sumatra",
        QUAKE,
        Some("2020-01-06"),
    ));
    let placed = clusterer.insert(&article("b", "", &[], Some("2020-01-06")));
    assert_eq!(placed.score, None);
    assert_eq!(placed.note, Some("no words to compare"));
    assert_ne!(placed.event, 0);
    let mut index = DedupIndex::new(DedupConfig::default());
    assert!(index.insert(&article("c", "", &[], None)).is_none());
    assert!(
        index.insert(&article("d", "", &[], None)).is_none(),
        "two empty articles are not copies"
    );
}

#[test]
fn undated_and_future_dated_articles_still_join_their_event() {
    let future = (Utc::now() + Duration::days(3650))
        .format("%Y-%m-%d")
        .to_string();
    let articles = vec![
        article("a", "Earthquake hits Sumatra", QUAKE, Some("2020-01-06")),
        article("b", "Sumatra earthquake: tsunami warning after magnitude 7.1 quake", &[
            "A magnitude 7.1 earthquake struck off Sumatra, shaking Padang and Banda Aceh.",
            "Indonesian officials issued a tsunami warning for the coast.",
        ], None),
        article("c", "Tsunami warning as earthquake shakes Sumatra", &[
            "The earthquake off Sumatra shook Padang; a tsunami warning was issued by Indonesian officials.",
        ], Some(&future)),
        article("d", "Central bank raises interest rates", &[
            "The Federal Reserve raised its benchmark interest rate by a quarter point on Wednesday.",
        ], Some("2020-01-07")),
    ];
    let grouping = cluster_all(&articles, &ClusterConfig::default());
    let event_of = |id: &str| {
        grouping
            .events
            .iter()
            .position(|e| e.articles.iter().any(|a| a.0 == id))
            .unwrap()
    };
    assert_eq!(event_of("a"), event_of("b"));
    assert_eq!(event_of("a"), event_of("c"));
    assert_ne!(event_of("a"), event_of("d"));
    let why = explain(
        &articles,
        &grouping,
        &ArticleId("b".into()),
        &ClusterConfig::default(),
    )
    .unwrap();
    assert!(
        why.shared_terms
            .iter()
            .any(|t| t.starts_with("sumatra") || t.starts_with("earthquak")),
        "{why:?}"
    );
    assert_eq!(
        why.time_gap_days, None,
        "an undated article has no time gap"
    );
    assert!(explain(
        &articles,
        &grouping,
        &ArticleId("missing".into()),
        &ClusterConfig::default()
    )
    .is_none());
}

#[test]
fn grouping_is_the_same_whatever_the_input_order() {
    let articles = vec![
        article("a", "Earthquake hits Sumatra", QUAKE, Some("2020-01-06")),
        article("b", "Sumatra quake", QUAKE, Some("2020-01-07")),
        article(
            "d",
            "Central bank raises interest rates",
            &["The Federal Reserve raised rates."],
            Some("2020-01-07"),
        ),
    ];
    let mut reversed = articles.clone();
    reversed.reverse();
    let config = ClusterConfig::default();
    assert_eq!(
        cluster_all(&articles, &config),
        cluster_all(&reversed, &config)
    );
    let grouping = cluster_all(&articles, &config);
    assert_eq!(grouping.duplicates.len(), 1);
    assert_eq!(
        grouping.duplicates[0].canonical.0, "a",
        "the earliest copy is canonical"
    );
    assert_eq!(
        grouping.duplicates[0].kinds,
        vec!["near".to_string()],
        "retitled copy"
    );
}

#[test]
fn an_article_with_no_headline_or_body_joins_its_event_by_its_url_slug() {
    let mut clusterer = EventClusterer::new(EventConfig::default());
    clusterer.insert(&article(
        "a",
        "Earthquake hits Sumatra, tsunami warning issued",
        QUAKE,
        Some("2020-01-06"),
    ));
    let mut empty = article("b", "", &[], Some("2020-01-06"));
    empty.url = Some(
        "https://news.example.com/world/2020/01/06/earthquake-hits-sumatra-tsunami-warning/".into(),
    );
    let placed = clusterer.insert(&empty);
    assert_eq!(placed.event, 0, "{placed:?}");
    assert!(placed.score.is_some());
    // Without a slug it still stands alone, with the reason.
    let mut bare = article("c", "", &[], Some("2020-01-06"));
    bare.url = Some("https://news.example.com/story/414726".into());
    assert_eq!(clusterer.insert(&bare).note, Some("no words to compare"));
}

/// Two reports of one verdict whose bodies spell the names differently (no shared
/// entity, little shared text) but carry the same headline.
fn same_headline_other_names() -> (Article, Article) {
    let a = article(
        "a",
        "Morsi sentenced to three years for insulting judiciary",
        &[
            "Mohammed Morsi, the ousted Egyptian president, was sentenced on Saturday by a court \
             in Cairo along with nineteen other defendants, lawyers for the Muslim Brotherhood said.",
            "Prosecutors had argued that televised speeches made while in office defamed named \
             magistrates; defence teams called the hearing political and vowed an appeal.",
        ],
        Some("2017-12-30"),
    );
    let b = article(
        "b",
        "Morsi sentenced to three years for insulting judiciary",
        &[
            "A tribunal handed the deposed leader Morsy a jail term over remarks about judges, \
             according to state media in Egypt, which gave no further detail of the ruling.",
            "Observers noted the verdict adds to earlier convictions; his family could not be \
             reached for comment by telephone late that evening.",
        ],
        Some("2017-12-30"),
    );
    (a, b)
}

#[test]
fn a_matching_headline_lifts_the_shared_name_gate() {
    let (a, b) = same_headline_other_names();
    let mut clusterer = EventClusterer::new(EventConfig::default());
    clusterer.insert(&a);
    let placed = clusterer.insert(&b);
    assert_eq!(placed.event, 0, "{placed:?}");
    // With the gate kept whatever the headlines say, the two stand apart.
    let mut strict = EventClusterer::new(EventConfig {
        gate_title_above: 2.0,
        ..EventConfig::default()
    });
    strict.insert(&a);
    assert_eq!(strict.insert(&b).score, None);
}

#[test]
fn a_date_known_only_to_the_year_is_timed_as_undated() {
    let year_only = article("y", "Earthquake hits Sumatra", QUAKE, Some("2020"));
    let dated = article("d", "Earthquake hits Sumatra", QUAKE, Some("2020-06-01"));
    let month = article("m", "Earthquake hits Sumatra", QUAKE, Some("2020-03"));
    assert_eq!(storyline_cluster::publication_day(&year_only), None);
    assert_eq!(
        storyline_cluster::publication_day(&month),
        chrono::NaiveDate::from_ymd_opt(2020, 3, 1)
    );
    // Read as January 1st, the year-only article would come first; it goes with the undated.
    let articles = [year_only, dated, month];
    assert_eq!(storyline_cluster::stream_order(&articles), [2, 1, 0]);
}
