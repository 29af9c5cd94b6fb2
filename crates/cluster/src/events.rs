//! Streaming event clustering: each article, in stream order, joins the live event it is
//! most similar to or opens a new one. Events whose latest article is older than the time
//! window are frozen: they keep a few representative articles and drop the rest.

use chrono::{DateTime, NaiveDate, Utc};
use storyline_model::{Article, ArticleId};

use crate::config::EventConfig;
use crate::features::{DocFeatures, Vocabulary};
use crate::order::publication_day;

/// Articles a frozen event keeps for comparison with late or undated articles.
const FROZEN_REPRESENTATIVES: usize = 4;
/// Articles a live event keeps for comparison: its first few (which define it) and its
/// latest ones. Without a bound, an event that never goes quiet makes every insert cost
/// as much as its size (measured: 3 docs/s at 25,000 generated articles).
const LIVE_REPRESENTATIVES: usize = 64;
/// A publication date this many days after the article was first seen is not trusted for
/// timing (a typo or a placeholder such as 2099): the article is clustered as undated.
const FUTURE_TOLERANCE_DAYS: i64 = 2;

struct Member {
    position: usize,
    features: DocFeatures,
}

struct EventState {
    members: Vec<usize>,
    /// Members still compared against; all of them while live, a few once frozen.
    kept: Vec<Member>,
    first_day: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
    frozen: bool,
}

/// Why an article was placed as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub event: usize,
    /// The joined event's score, or None when the article opened a new event.
    pub score: Option<f32>,
    /// A note when the article was treated specially (no text, untrusted date).
    pub note: Option<&'static str>,
}

/// The streaming clusterer. Feed articles with [`EventClusterer::insert`] in stream order.
pub struct EventClusterer {
    config: EventConfig,
    vocabulary: Vocabulary,
    events: Vec<EventState>,
    ids: Vec<ArticleId>,
    latest_day: Option<NaiveDate>,
}

impl EventClusterer {
    pub fn new(config: EventConfig) -> Self {
        Self {
            config,
            vocabulary: Vocabulary::default(),
            events: Vec::new(),
            ids: Vec::new(),
            latest_day: None,
        }
    }

    /// Adds one article and returns the index of the event it joined or opened.
    pub fn insert(&mut self, article: &Article) -> Placement {
        let position = self.ids.len();
        self.ids.push(article.id.clone());
        let (day, date_note) = trusted_day(article);
        let features = self.vocabulary.add(article);
        if let Some(day) = day {
            if self.latest_day.is_none_or(|latest| day > latest) {
                self.latest_day = Some(day);
                self.freeze_older_than(day);
            }
        }
        if features.is_empty() {
            // Nothing to compare: the article stands alone rather than being guessed.
            let event = self.open(position, features, day);
            return Placement {
                event,
                score: None,
                note: Some("no words to compare"),
            };
        }

        let mut best: Option<(usize, f32)> = None;
        for (index, event) in self.events.iter().enumerate() {
            let mut score = self.event_score(&features, event);
            if !self.within_window(event, day) {
                // Events can run for months: a late article may still join, but must
                // match more closely than within the window.
                score *= self.config.beyond_window_factor;
            }
            if score >= self.config.join_threshold && best.is_none_or(|(_, s)| score > s) {
                best = Some((index, score));
            }
        }
        match best {
            Some((event, score)) => {
                let state = &mut self.events[event];
                state.members.push(position);
                if !state.frozen || state.kept.len() < FROZEN_REPRESENTATIVES {
                    state.kept.push(Member { position, features });
                    if state.kept.len() > LIVE_REPRESENTATIVES {
                        state.kept.remove(FROZEN_REPRESENTATIVES);
                    }
                }
                if let Some(day) = day {
                    state.first_day = Some(state.first_day.map_or(day, |d| d.min(day)));
                    state.last_day = Some(state.last_day.map_or(day, |d| d.max(day)));
                }
                Placement {
                    event,
                    score: Some(score),
                    note: date_note,
                }
            }
            None => Placement {
                event: self.open(position, features, day),
                score: None,
                note: date_note,
            },
        }
    }

    fn open(&mut self, position: usize, features: DocFeatures, day: Option<NaiveDate>) -> usize {
        self.events.push(EventState {
            members: vec![position],
            kept: vec![Member { position, features }],
            first_day: day,
            last_day: day,
            frozen: false,
        });
        self.events.len() - 1
    }

    fn within_window(&self, event: &EventState, day: Option<NaiveDate>) -> bool {
        match (day, event.first_day, event.last_day) {
            (Some(day), Some(first), Some(last)) => {
                let window = self.config.window_days;
                (day - last).num_days() <= window && (first - day).num_days() <= window
            }
            _ => true,
        }
    }

    fn freeze_older_than(&mut self, today: NaiveDate) {
        let window = self.config.window_days;
        for event in &mut self.events {
            let stale = event
                .last_day
                .is_some_and(|last| (today - last).num_days() > window);
            if stale && !event.frozen {
                event.frozen = true;
                event.kept.truncate(FROZEN_REPRESENTATIVES);
                event.kept.shrink_to_fit();
            }
        }
    }

    /// The event's score for a new article: the mean of its `nearest_k` best pair scores
    /// blended with the single best, so one close copy counts but a broad match counts more.
    fn event_score(&self, doc: &DocFeatures, event: &EventState) -> f32 {
        let mut scores: Vec<f32> = event
            .kept
            .iter()
            .map(|m| pair_score(&self.vocabulary, &self.config, doc, &m.features))
            .collect();
        scores.sort_unstable_by(|a, b| b.total_cmp(a));
        let k = self.config.nearest_k.max(1).min(scores.len());
        if k == 0 {
            return 0.0;
        }
        let mean = scores[..k].iter().sum::<f32>() / k as f32;
        0.5 * scores[0] + 0.5 * mean
    }

    /// Event index per inserted article, in insertion order.
    pub fn assignments(&self) -> Vec<usize> {
        let mut out = vec![0; self.ids.len()];
        for (index, event) in self.events.iter().enumerate() {
            for &m in &event.members {
                out[m] = index;
            }
        }
        out
    }

    /// Members (insertion positions) of every event, events in opening order.
    pub fn events(&self) -> Vec<Vec<usize>> {
        self.events.iter().map(|e| e.members.clone()).collect()
    }

    /// Articles whose vectors are still held (the memory the window bounds).
    pub fn live_vectors(&self) -> usize {
        self.events.iter().map(|e| e.kept.len()).sum()
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Position of a kept member (for explanations); None once dropped.
    pub fn kept_positions(&self, event: usize) -> Vec<usize> {
        self.events
            .get(event)
            .map(|e| e.kept.iter().map(|m| m.position).collect())
            .unwrap_or_default()
    }
}

/// Similarity of two articles: body-and-title TF-IDF cosine plus weighted title and entity
/// similarity, gated on entities when the text match alone is weak.
pub fn pair_score(
    vocabulary: &Vocabulary,
    config: &EventConfig,
    a: &DocFeatures,
    b: &DocFeatures,
) -> f32 {
    let text = vocabulary.cosine(&a.text, &b.text);
    let entity = vocabulary.cosine(&a.entities, &b.entities);
    if text < config.entity_gate_below
        && entity == 0.0
        && !a.entities.is_empty()
        && !b.entities.is_empty()
    {
        return 0.0;
    }
    let title = vocabulary.cosine(&a.title, &b.title);
    let total_weight = 1.0 + config.title_weight + config.entity_weight;
    (text + config.title_weight * title + config.entity_weight * entity) / total_weight
}

/// The day used for timing, and a note when the stated date is not trusted.
fn trusted_day(article: &Article) -> (Option<NaiveDate>, Option<&'static str>) {
    match publication_day(article) {
        None => (None, Some("undated: compared with every event")),
        Some(day) if is_future(day, article.first_seen) => (
            None,
            Some("published date after first seen: timed as undated"),
        ),
        Some(day) => (Some(day), None),
    }
}

fn is_future(day: NaiveDate, first_seen: DateTime<Utc>) -> bool {
    (day - first_seen.date_naive()).num_days() > FUTURE_TOLERANCE_DAYS
}
