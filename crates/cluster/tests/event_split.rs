//! A new happening chained into an older event through one borderline article is split
//! off again once its own articles make two weakly linked groups
//! (`EventConfig::split_below`), and one that a quiet event took through its summary is
//! split off once its articles make a later group among the late ones
//! (`EventConfig::late_split_link`).

use storyline_cluster::{EventClusterer, EventConfig, SPLIT_MIN_GROUP};
use storyline_model::Article;

mod common;

use common::{article, day, topic_text};

/// Articles on each side of the chain: one more than a split needs.
const SIDE: usize = SPLIT_MIN_GROUP + 1;

/// `SIDE` articles on topic 1, published on day 0: the event every stream starts with.
fn first_event() -> Vec<Article> {
    (0..SIDE as u64)
        .map(|k| {
            article(
                &format!("a{k}"),
                &topic_text(1, 100 + k, 6),
                &[topic_text(1, k, 80)],
                day(0),
            )
        })
        .collect()
}

/// `SIDE` articles on topic 1; one article half on topic 1 and half on topic 2 (it joins
/// the topic-1 event); then `SIDE` articles on topic 2 alone, which follow it there.
/// Returns the final event of every article, in that order.
fn chained_stream(config: EventConfig) -> Vec<usize> {
    let mut clusterer = EventClusterer::new(config);
    let mut stream = first_event();
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

/// An event on topic 1 (day 0), frozen by a quiet month; then, through its summary, a
/// resumption of the same story (days 30-31) and a new happening that shares only part
/// of its words (topic 2 with some of topic 1; from day `new_from`). Returns the final
/// event of every article: `SIDE` first, `SIDE` resumed, `SIDE` new.
fn resumed_stream(config: EventConfig, new_from: i64) -> Vec<usize> {
    let mut clusterer = EventClusterer::new(config);
    let mut stream = first_event();
    for k in 0..SIDE as u64 {
        stream.push(article(
            &format!("r{k}"),
            // A story that resumes comes back under a similar headline.
            &topic_text(1, 100 + k, 6),
            &[topic_text(1, 20 + k, 80)],
            day(30 + k as i64 / 2),
        ));
    }
    for k in 0..SIDE as u64 {
        let title = format!(
            "{} {}",
            topic_text(1, 100 + k, 3),
            topic_text(2, 600 + k, 3)
        );
        let body = [topic_text(1, 40 + k, 30), topic_text(2, 60 + k, 80)];
        stream.push(article(
            &format!("n{k}"),
            &title,
            &body,
            day(new_from + k as i64 / 2),
        ));
    }
    stream.sort_by_key(|a| a.published.date.map(|d| d.first_day()));
    let ids: Vec<String> = stream.iter().map(|a| a.id.0.clone()).collect();
    for a in &stream {
        clusterer.insert(a);
    }
    let events = clusterer.assignments();
    let of = |id: String| events[ids.iter().position(|i| *i == id).unwrap()];
    (0..SIDE)
        .map(|k| of(format!("a{k}")))
        .chain((0..SIDE).map(|k| of(format!("r{k}"))))
        .chain((0..SIDE).map(|k| of(format!("n{k}"))))
        .collect()
}

#[test]
fn a_later_happening_taken_by_a_frozen_event_is_split_off() {
    let events = resumed_stream(EventConfig::default(), 40);
    let (old, new) = events.split_at(2 * SIDE);
    assert!(old.iter().all(|&e| e == old[0]), "{events:?}");
    assert!(new.iter().all(|&e| e == new[0]), "{events:?}");
    assert_ne!(
        old[0], new[0],
        "the new happening is an event of its own: {events:?}"
    );

    // Without the late check, the frozen event takes every late article.
    let unsplit = resumed_stream(
        EventConfig {
            late_split_link: 0.0,
            ..EventConfig::default()
        },
        40,
    );
    assert!(unsplit.iter().all(|&e| e == unsplit[0]), "{unsplit:?}");
}

#[test]
fn late_groups_over_the_same_days_stay_one_event() {
    // The same two late groups, interleaved over days 30-31: two sides of one story.
    let events = resumed_stream(EventConfig::default(), 30);
    assert!(events.iter().all(|&e| e == events[0]), "{events:?}");
}

#[test]
fn a_frozen_event_is_compared_through_its_late_articles_too() {
    let mut clusterer = EventClusterer::new(EventConfig::default());
    for a in first_event() {
        clusterer.insert(&a);
    }
    // A month later (the event is frozen) a late article half on the old subject joins
    // through the summary; its copy then meets the late article itself.
    let late = |id: &str| {
        article(
            id,
            &topic_text(1, 100, 6),
            &[topic_text(1, 70, 40), topic_text(3, 70, 40)],
            day(30),
        )
    };
    let first = clusterer.insert(&late("late"));
    let copy = clusterer.insert(&late("copy"));
    assert_eq!(first.event, 0, "{first:?}");
    assert_eq!(copy.event, 0, "{copy:?}");
    let (first, copy) = (first.score.unwrap(), copy.score.unwrap());
    assert!(
        copy > first + 0.3,
        "the copy scores as a copy: {copy} against {first}"
    );
}
