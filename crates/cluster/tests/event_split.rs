//! A new happening chained into an older event through one borderline article is split
//! off again once its own articles make two weakly linked groups
//! (`EventConfig::split_below`).

use chrono::{Duration, NaiveDate, NaiveTime};
use storyline_cluster::{EventClusterer, EventConfig, SPLIT_MIN_GROUP};
use storyline_model::{Article, ArticleId, DateSource, Format, PartialDate, Published};

fn article(id: &str, title: &str, body: &[String], day: NaiveDate) -> Article {
    Article {
        id: ArticleId(id.to_string()),
        source: format!("{id}.txt"),
        title: title.to_string(),
        authors: vec![],
        site: Some("example.com".into()),
        url: None,
        lang: None,
        body: body.to_vec(),
        published: Published::stated(
            day.to_string().parse::<PartialDate>().unwrap(),
            DateSource::RecordField,
        ),
        modified: None,
        mentioned_dates: vec![],
        format: Format::Text,
        first_seen: day.and_time(NaiveTime::MIN).and_utc(),
        raw_hash: String::new(),
    }
}

/// A deterministic text of `n` words drawn from topic `topic`'s own 40 words (no two
/// topics share a word), varied by `seed`.
fn topic_text(topic: usize, seed: u64, n: usize) -> String {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(topic as u64 + 1);
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            format!("topic{topic}word{}", (state >> 33) % 40)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(n)
}

/// Articles on each side of the chain: one more than a split needs.
const SIDE: usize = SPLIT_MIN_GROUP + 1;

/// `SIDE` articles on topic 1; one article half on topic 1 and half on topic 2 (it joins
/// the topic-1 event); then `SIDE` articles on topic 2 alone, which follow it there.
/// Returns the final event of every article, in that order.
fn chained_stream(config: EventConfig) -> Vec<usize> {
    let mut clusterer = EventClusterer::new(config);
    let mut stream = Vec::new();
    for k in 0..SIDE as u64 {
        stream.push(article(
            &format!("a{k}"),
            &topic_text(1, 100 + k, 6),
            &[topic_text(1, k, 80)],
            day(0),
        ));
    }
    stream.push(article(
        "bridge",
        &topic_text(2, 200, 6),
        &[topic_text(1, 50, 40), topic_text(2, 50, 40)],
        day(1),
    ));
    for k in 0..SIDE as u64 {
        stream.push(article(
            &format!("b{k}"),
            &topic_text(2, 300 + k, 6),
            &[topic_text(2, 10 + k, 80)],
            day(1),
        ));
    }
    for a in &stream {
        clusterer.insert(a);
    }
    clusterer.assignments()
}

#[test]
fn a_happening_chained_into_an_older_event_is_split_off() {
    let events = chained_stream(EventConfig::default());
    let (a, rest) = events.split_at(SIDE);
    let (bridge, b) = rest.split_at(1);
    assert!(
        a.iter().all(|&e| e == a[0]),
        "topic 1 stays together: {events:?}"
    );
    assert!(
        b.iter().all(|&e| e == b[0]),
        "topic 2 stays together: {events:?}"
    );
    assert_ne!(a[0], b[0], "two happenings, two events: {events:?}");
    assert_eq!(
        bridge[0], b[0],
        "the bridge goes with its own headline's happening"
    );

    // Without the split check, every article ends in the first event.
    let unsplit = chained_stream(EventConfig {
        split_below: 0.0,
        ..EventConfig::default()
    });
    assert!(unsplit.iter().all(|&e| e == unsplit[0]), "{unsplit:?}");
}

#[test]
fn a_cohesive_event_is_not_split() {
    let mut clusterer = EventClusterer::new(EventConfig::default());
    for k in 0..12u64 {
        clusterer.insert(&article(
            &format!("a{k}"),
            &topic_text(1, 100 + k, 6),
            &[topic_text(1, k, 80)],
            day(k as i64 / 4),
        ));
    }
    assert_eq!(clusterer.events().len(), 1);
}
