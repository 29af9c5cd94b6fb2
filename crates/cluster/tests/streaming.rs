//! Bounded state on a long stream: the dedup window evicts old articles (a copy of an
//! evicted article is deliberately no longer matched), and the event clusterer's kept
//! vectors and index stop growing once the time window is full, while a frozen event can
//! still take a late article.

use storyline_cluster::{DedupConfig, DedupIndex, EventClusterer, EventConfig};

mod common;

use common::{article, day, topic_text};

#[test]
fn a_copy_of_an_article_older_than_the_dedup_window_is_no_longer_matched() {
    let config = DedupConfig::streaming();
    let window = config
        .window_days
        .expect("the streaming config has a window");
    let original = vec![topic_text(1, 1, 200)];
    let mut index = DedupIndex::new(config.clone());
    assert!(index
        .insert(&article("a", "Original", &original, day(0)))
        .is_none());
    // Inside the window the copy is found.
    let copy = index.insert(&article("b", "Copy", &original, day(window)));
    assert_eq!(copy.map(|d| d.canonical.0), Some("a".to_string()));

    // An unrelated article moves the stream past the window of both: they are evicted.
    let later = day(2 * window + 2);
    index.insert(&article("c", "Other", &[topic_text(2, 2, 200)], later));
    assert_eq!(index.evicted(), 2);
    assert_eq!(index.len(), 1);
    // The deliberate trade-off: a late repost of an evicted article is not matched.
    assert!(index
        .insert(&article("d", "Late copy", &original, later))
        .is_none());

    // Without a window, the same late repost is found.
    let mut unbounded = DedupIndex::new(DedupConfig {
        window_days: None,
        ..config
    });
    unbounded.insert(&article("a", "Original", &original, day(0)));
    let late = unbounded.insert(&article("d", "Late copy", &original, later));
    assert_eq!(late.map(|d| d.canonical.0), Some("a".to_string()));
    assert_eq!(unbounded.evicted(), 0);
}

#[test]
fn dedup_memory_stays_within_the_window_on_a_long_stream() {
    let mut index = DedupIndex::new(DedupConfig::streaming());
    let mut held = Vec::new();
    for n in 0..2000usize {
        let d = day(n as i64 / 5); // 5 articles a day, 400 days
        let body = vec![topic_text(n, n as u64, 120)];
        index.insert(&article(&format!("a{n}"), "t", &body, d));
        held.push(index.len());
    }
    // 30 days x 5 a day, plus the current day: never more, however long the stream.
    let most = *held.iter().max().unwrap();
    assert!(most <= 31 * 5, "held {most}");
    assert!(held[1999] >= 30 * 5, "held {}", held[1999]);
    assert_eq!(index.evicted() as usize + index.len(), 2000);
}

#[test]
fn event_state_stops_growing_once_the_window_is_full() {
    let config = EventConfig::default();
    let mut clusterer = EventClusterer::new(config.clone());
    let mut samples = Vec::new();
    // 300 days; each day one article of a never-ending topic 0 and two articles of a topic
    // that lives three days (a new topic every three days).
    for d in 0..300i64 {
        let date = day(d);
        let long = vec![topic_text(0, d as u64, 80)];
        clusterer.insert(&article(&format!("long{d}"), "topic0word1", &long, date));
        for k in 0..2 {
            let topic = 1 + (d / 3) as usize;
            let body = vec![topic_text(topic, (d * 2 + k) as u64, 80)];
            let title = format!("topic{topic}word2");
            clusterer.insert(&article(&format!("t{d}-{k}"), &title, &body, date));
        }
        samples.push((
            clusterer.live_vectors(),
            clusterer.live_events(),
            clusterer.index_entries(),
        ));
    }
    let events = clusterer.events();
    // The never-ending topic is one event, and keeps a bounded number of vectors.
    assert_eq!(
        events[0].len(),
        300,
        "long-running event: {}",
        events[0].len()
    );
    assert_eq!(events.len(), 1 + 100, "one event per short topic");
    let (vectors_mid, live_mid, _) = samples[149];
    let (vectors_end, live_end, index_end) = samples[299];
    // Live events: the long one and the short ones of the last window (15 days / 3).
    assert!(live_end <= 1 + 6, "live events {live_end}");
    assert_eq!(live_mid, live_end);
    // Kept vectors: at most 64 for the long event plus 6 per short topic, whatever the
    // stream's length.
    assert!(vectors_end <= 64 + 6 * 6, "vectors kept {vectors_end}");
    assert_eq!(vectors_mid, vectors_end);
    // The index holds a bounded summary per frozen event (30 features at most) and the
    // live events' features: far less than one listing per feature of every article.
    assert!(index_end <= 101 * 30 + 7 * 40, "index entries {index_end}");
}

/// Event 0 (three articles on topic 7, headline "topic7word3", day 0), then forty days
/// of other topics, which freeze it.
fn topic7_event_frozen_for_forty_days(config: EventConfig) -> EventClusterer {
    let mut clusterer = EventClusterer::new(config);
    for k in 0..3u64 {
        let body = vec![topic_text(7, k, 80)];
        clusterer.insert(&article(&format!("first{k}"), "topic7word3", &body, day(0)));
    }
    for d in 1..40i64 {
        let body = vec![topic_text(100 + d as usize, d as u64, 80)];
        clusterer.insert(&article(&format!("o{d}"), "other", &body, day(d)));
    }
    clusterer
}

#[test]
fn a_frozen_event_still_takes_a_late_article_through_the_index() {
    let mut clusterer = topic7_event_frozen_for_forty_days(EventConfig::default());
    assert!(clusterer.live_events() < clusterer.events().len());
    let late = clusterer.insert(&article(
        "late",
        "topic7word3",
        &[topic_text(7, 99, 80)],
        day(40),
    ));
    assert_eq!(late.event, 0, "late article joins the frozen event");
    assert!(late.score.is_some());
}

/// A new happening on an old event's subject: same vocabulary in the body, a headline
/// of its own, more than the window after the event went quiet.
#[test]
fn a_late_article_with_a_headline_of_its_own_opens_a_new_event() {
    let run = |config: EventConfig| {
        topic7_event_frozen_for_forty_days(config).insert(&article(
            "late",
            "ceasefire talks resume",
            &[topic_text(7, 99, 80)],
            day(40),
        ))
    };
    let late = run(EventConfig::default());
    assert_ne!(
        late.event, 0,
        "a different headline after the window: a new event"
    );
    assert!(late.score.is_none());
    // The headline check is what keeps it out: without it the body match wins.
    let unchecked = run(EventConfig {
        late_join_title_above: 0.0,
        ..EventConfig::default()
    });
    assert_eq!(unchecked.event, 0);
}

#[test]
fn one_off_features_are_forgotten_once_their_articles_are_dropped() {
    let mut clusterer = EventClusterer::new(EventConfig::default());
    let mut sizes = Vec::new();
    for n in 0..12_000usize {
        // 20 articles a day; a topic for three days, from 50 topics (2,000 words in all),
        // and in every article a word no other article has.
        let d = n as i64 / 20;
        let topic = 1 + (d / 3) as usize % 50;
        let body = vec![format!("{} uniqueword{n}", topic_text(topic, n as u64, 40))];
        clusterer.insert(&article(&format!("a{n}"), "headline", &body, day(d)));
        sizes.push(clusterer.vocabulary().live_len());
    }
    // Without pruning the vocabulary would end with 2,000 topic words and 12,000 one-off
    // ones. Pruning (every 4,096 articles) forgets the one-offs of dropped vectors: at most
    // the topic words, one pruning period's one-offs and the window's stay.
    let most = *sizes.iter().max().unwrap();
    assert!(most <= 2_000 + 4_096 + 15 * 20 + 100, "features {most}");
    assert!(sizes[11_999] >= 2_000, "topic words are kept");
}
