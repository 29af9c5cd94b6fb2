use storyline_model::{ArticleId, EntryKind, PartialDate, Precision};

use super::*;

fn day(s: &str) -> PartialDate {
    s.parse().unwrap()
}

fn sentence(text: &str, mentions: &[&str]) -> SourceSentence {
    SourceSentence {
        text: text.to_string(),
        mentions: mentions
            .iter()
            .map(|m| Mention {
                date: day(m),
                until: None,
            })
            .collect(),
    }
}

fn article(id: &str, published: Option<&str>, sentences: Vec<SourceSentence>) -> SourceArticle {
    SourceArticle {
        id: ArticleId(id.to_string()),
        site: Some(format!("{id}.example")),
        title: None,
        published: published.map(day),
        sentences,
    }
}

#[test]
fn a_future_mention_becomes_a_planned_entry_reported_on_the_publication_date() {
    let articles = vec![
        article(
            "a",
            Some("2019-11-05"),
            vec![sentence(
                "The company will enter the Japanese market in 2020, its chief said.",
                &["2020"],
            )],
        ),
        article(
            "b",
            Some("2019-11-06"),
            vec![sentence(
                "Its phones go on sale in Japanese shops during 2020, the report says.",
                &["2020"],
            )],
        ),
    ];
    let options = TimelineOptions {
        granularity: Granularity::Month,
        ..TimelineOptions::default()
    };
    let timeline = build("japan", &articles, &options);
    let planned: Vec<_> = timeline
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Planned)
        .collect();
    assert_eq!(planned.len(), 1, "{timeline:#?}");
    assert_eq!(planned[0].date, day("2020"));
    assert_eq!(planned[0].precision, Precision::Year);
    assert_eq!(planned[0].summary[0].reported_on, Some(day("2019-11-05")));
}

#[test]
fn one_passing_mention_is_not_a_date_but_two_articles_are() {
    let articles = vec![
        article(
            "a",
            Some("2010-05-02"),
            vec![sentence(
                "The rig exploded on April 20 and sank two days later in the Gulf.",
                &["2010-04-20"],
            )],
        ),
        article(
            "b",
            Some("2010-05-03"),
            vec![
                sentence(
                    "Since the explosion on April 20 oil has leaked into the Gulf.",
                    &["2010-04-20"],
                ),
                sentence(
                    "Officials met on April 28 to discuss the cleanup plans.",
                    &["2010-04-28"],
                ),
            ],
        ),
    ];
    let timeline = build("", &articles, &TimelineOptions::default());
    let dates: Vec<String> = timeline
        .entries
        .iter()
        .map(|e| e.date.to_string())
        .collect();
    assert!(dates.contains(&"2010-04-20".to_string()), "{dates:?}");
    assert!(!dates.contains(&"2010-04-28".to_string()), "{dates:?}");
}

#[test]
fn undated_articles_are_listed_never_placed() {
    let articles = vec![
        article(
            "dated",
            Some("2018-06-01"),
            vec![sentence(
                "The firm opened its first store in Madrid on Friday.",
                &[],
            )],
        ),
        article(
            "undated",
            None,
            vec![sentence(
                "The firm is not coming to America anytime soon at all.",
                &[],
            )],
        ),
    ];
    let timeline = build("", &articles, &TimelineOptions::default());
    assert_eq!(timeline.undated, vec![ArticleId("undated".into())]);
    assert!(timeline
        .entries
        .iter()
        .all(|e| e.summary.iter().all(|s| s.article.0 == "dated")));
}

#[test]
fn max_dates_keeps_the_best_supported_dates_in_date_order() {
    let mut articles = Vec::new();
    for (i, date) in [
        "2011-02-01",
        "2011-02-01",
        "2011-02-01",
        "2011-02-03",
        "2011-02-05",
        "2011-02-05",
    ]
    .iter()
    .enumerate()
    {
        articles.push(article(
            &format!("a{i}"),
            Some(date),
            vec![sentence(
                &format!("Protesters gathered in the square for day number {i} of the uprising."),
                &[],
            )],
        ));
    }
    let options = TimelineOptions {
        max_dates: Some(2),
        sentences_per_date: 1,
        ..TimelineOptions::default()
    };
    let timeline = build("", &articles, &options);
    let dates: Vec<String> = timeline
        .entries
        .iter()
        .map(|e| e.date.to_string())
        .collect();
    assert_eq!(dates, vec!["2011-02-01", "2011-02-05"]);
}

#[test]
fn a_coarse_date_keeps_its_precision_on_a_monthly_timeline() {
    let articles = vec![article(
        "a",
        Some("2018"),
        vec![sentence(
            "Xiaomi says it is ready to sell smartphones in the US late this year.",
            &[],
        )],
    )];
    let options = TimelineOptions {
        granularity: Granularity::Month,
        ..TimelineOptions::default()
    };
    let timeline = build("", &articles, &options);
    assert_eq!(timeline.entries.len(), 1);
    assert_eq!(timeline.entries[0].date.to_string(), "2018");
    assert_eq!(timeline.entries[0].precision, Precision::Year);
}

#[test]
fn from_and_to_bound_the_entries() {
    let articles = vec![
        article(
            "a",
            Some("2015-05-29"),
            vec![sentence(
                "Xiaomi will launch phones in the US, no date set.",
                &[],
            )],
        ),
        article(
            "b",
            Some("2019-11-05"),
            vec![sentence(
                "Xiaomi confirms its plan to enter the Japanese market.",
                &[],
            )],
        ),
    ];
    let options = TimelineOptions {
        from: Some(day("2019")),
        ..TimelineOptions::default()
    };
    let timeline = build("", &articles, &options);
    assert_eq!(timeline.entries.len(), 1);
    assert_eq!(timeline.entries[0].summary[0].article.0, "b");
}

#[test]
fn a_span_is_placed_at_the_period_holding_both_ends() {
    let half = Mention {
        date: day("2017-01"),
        until: Some(day("2017-06")),
    };
    assert_eq!(half.covering(), day("2017"));
    let month = Mention {
        date: day("2019-11-01"),
        until: Some(day("2019-11-10")),
    };
    assert_eq!(month.covering(), day("2019-11"));
    let across = Mention {
        date: day("2018-10"),
        until: Some(day("2019-03")),
    };
    assert_eq!(across.covering(), day("2018"));
}
