//! A new happening chained into an older event through one borderline article is split
//! off again once its own articles make two weakly linked groups
//! (`EventConfig::split_below`).

use storyline_cluster::{EventClusterer, EventConfig, SPLIT_MIN_GROUP};

mod common;

use common::{article, day, topic_text};

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

#[test]
fn groups_linked_at_least_split_below_stay_one_event() {
    // The two happenings of `chained_stream` are linked only through the bridge article:
    // a little, but more than this much on average, so they stay one event.
    let events = chained_stream(EventConfig {
        split_below: 0.01,
        ..EventConfig::default()
    });
    assert!(events.iter().all(|&e| e == events[0]), "{events:?}");
}
