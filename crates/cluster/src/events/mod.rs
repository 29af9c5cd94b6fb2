//! Streaming event clustering: each article, in stream order, joins the event it is most
//! similar to or opens a new one. Events whose latest article is older than the time
//! window are frozen: their member vectors are replaced by a bounded centroid. Events are
//! found through an inverted index from their top terms and entities, so a new article is
//! scored only against events sharing one of its own top features, never against every
//! event ever opened; both keep the work and memory per article bounded on a long stream.
//! A young event that turns out to hold two weakly linked groups of articles is split in
//! two (see [`EventConfig::split_below`]), and a frozen event holds the late articles it
//! takes and splits off a later happening among them (see
//! [`EventConfig::late_split_link`]); both checks are in `split.rs`.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{DateTime, NaiveDate, Utc};
use rustc_hash::{FxHashMap, FxHashSet};
use storyline_model::{Article, ArticleId};

use crate::config::EventConfig;
use crate::features::{DenseQuery, DocFeatures, Part, Sparse, Vocabulary};
use crate::order::publication_day;

mod split;

/// Members of a live event that are always kept: the first few define the event.
const FIRST_KEPT: usize = 4;
/// Features an article or event is indexed and looked up by: its strongest text terms and
/// entities under the current IDF.
const INDEX_TERMS: usize = 20;
const INDEX_ENTITIES: usize = 10;
/// Headline terms are keys too: a long body's strongest terms can all miss a story whose
/// headline is the same (measured: a copy with the same headline was never scored).
const INDEX_TITLE_TERMS: usize = 8;
/// Events scored per article, the ones sharing the most top-feature weight with it.
const MAX_CANDIDATES: usize = 64;
/// Features a frozen event's centroid keeps (text, title, entities).
const CENTROID_TEXT: usize = 64;
const CENTROID_TITLE: usize = 12;
const CENTROID_ENTITIES: usize = 16;
/// A live event's index keys are rebuilt from its kept vectors when they pass this many
/// (and twice as many as after the last rebuild): an event that never goes quiet would
/// otherwise be listed under the top features of every article it ever took.
const EVENT_KEYS_REBUILD: usize = 640;
/// Articles between two prunings of rare features from the vocabulary, and the document
/// frequency up to which an unreferenced feature is rare.
const PRUNE_EVERY: usize = 4096;
const PRUNE_MAX_DF: u32 = 3;
/// Articles a live event keeps for comparison: its first few (which define it) and its
/// latest ones. Without a bound, an event that never goes quiet makes every insert cost
/// as much as its size (measured: 3 docs/s at 25,000 generated articles).
const LIVE_REPRESENTATIVES: usize = 64;
/// The score with a frozen event's late articles from which a new article counts as a
/// copy of one of them (copies score about 0.8, articles on one story 0.2 to 0.4).
const LATE_COPY_SCORE: f32 = 0.5;
/// A publication date this many days after the article was first seen is not trusted for
/// timing (a typo or a placeholder such as 2099): the article is clustered as undated.
const FUTURE_TOLERANCE_DAYS: i64 = 2;

struct Member {
    position: usize,
    day: Option<NaiveDate>,
    features: DocFeatures,
}

struct EventState {
    members: Vec<usize>,
    /// Members compared against while live (the first few and the latest); none once frozen.
    kept: Vec<Member>,
    /// Pair scores of the kept members, lower triangle by rows (`links[i*(i-1)/2 + j]` for
    /// members `j < i`), held while every member is kept and splits are on; empty after.
    links: Vec<f32>,
    /// The bounded summary a frozen event is compared through.
    centroid: Option<DocFeatures>,
    /// Articles a frozen event took after freezing, with their pair scores (lower
    /// triangle by rows), for the split check of the late part.
    tail: Vec<Member>,
    tail_links: Vec<f32>,
    /// The latest day of the members a frozen event's summary was made of.
    summary_last_day: Option<NaiveDate>,
    /// Features the event is listed under in the inverted index.
    indexed: FxHashSet<u32>,
    /// Size of `indexed` after its last rebuild.
    indexed_rebuilt: usize,
    first_day: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
    frozen: bool,
}

impl EventState {
    /// A live event of `members` (in stream order) with their pair scores.
    fn live(members: Vec<Member>, links: Vec<f32>) -> Self {
        let days = members.iter().filter_map(|m| m.day);
        let (first_day, last_day) = (days.clone().min(), days.max());
        Self {
            members: members.iter().map(|m| m.position).collect(),
            kept: members,
            links,
            centroid: None,
            tail: Vec::new(),
            tail_links: Vec::new(),
            summary_last_day: None,
            indexed: FxHashSet::default(),
            indexed_rebuilt: 0,
            first_day,
            last_day,
            frozen: false,
        }
    }
}

/// Why an article was placed as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The event the article joined or opened (or, when its joining split the event, the
    /// part it is in). A later split can still move it: [`EventClusterer::assignments`] and
    /// [`EventClusterer::events`] give the final events.
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
    /// Indices of the events not yet frozen.
    live: Vec<usize>,
    /// Frozen events not yet archived, by their latest day when queued (earliest first; a
    /// frozen event that takes a late article is re-queued under its new latest day).
    frozen: BinaryHeap<Reverse<(NaiveDate, usize)>>,
    /// Feature id -> events listed under it.
    postings: FxHashMap<u32, Vec<u32>>,
    ids: Vec<ArticleId>,
    latest_day: Option<NaiveDate>,
    /// Frozen events holding late articles, checked for `late_tail_days` of quiet.
    tailed: Vec<usize>,
    /// The article being placed, prepared for comparison with every candidate.
    query: DenseQuery,
}

impl EventClusterer {
    pub fn new(config: EventConfig) -> Self {
        Self {
            config,
            vocabulary: Vocabulary::default(),
            events: Vec::new(),
            live: Vec::new(),
            frozen: BinaryHeap::new(),
            postings: FxHashMap::default(),
            ids: Vec::new(),
            latest_day: None,
            tailed: Vec::new(),
            query: DenseQuery::default(),
        }
    }

    /// Adds one article and returns the index of the event it joined or opened.
    pub fn insert(&mut self, article: &Article) -> Placement {
        let placement = self.place(article);
        if self.ids.len().is_multiple_of(PRUNE_EVERY) {
            self.prune_vocabulary();
        }
        placement
    }

    /// Drops the rare features no kept vector, centroid or index key refers to.
    fn prune_vocabulary(&mut self) {
        let mut referenced: FxHashSet<u32> = self.postings.keys().copied().collect();
        for event in &self.events {
            let vectors = event
                .kept
                .iter()
                .chain(&event.tail)
                .map(|m| &m.features)
                .chain(event.centroid.as_ref());
            for f in vectors {
                for part in [&f.text, &f.title, &f.entities, &f.title_entities] {
                    referenced.extend(part.iter().map(|(id, _)| *id));
                }
            }
        }
        self.vocabulary.prune_rare(PRUNE_MAX_DF, &referenced);
    }

    fn place(&mut self, article: &Article) -> Placement {
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

        let keys = self.index_keys(&features);
        self.query.load(&self.vocabulary, &features);
        let mut best: Option<(usize, f32)> = None;
        for index in self.candidates(&keys) {
            let event = &self.events[index];
            let mut score = self.event_score(event);
            if !self.within_window(event, day) {
                // Events can run for months: a late article may still join, but must
                // match more closely than within the window, headline included (see
                // `EventConfig::late_join_title_above`).
                score *= self.config.beyond_window_factor;
                if self.event_title_similarity(event) < self.config.late_join_title_above {
                    continue;
                }
            }
            if score >= self.config.join_threshold && best.is_none_or(|(_, s)| score > s) {
                best = Some((index, score));
            }
        }
        match best {
            Some((event, score)) => {
                let live = !self.events[event].frozen;
                // The article's scores with the kept members, for the split check.
                let link_row = self.link_row(event);
                let state = &mut self.events[event];
                state.members.push(position);
                // A frozen event holds its late articles for the late split check.
                let mut late = None;
                if live {
                    state.kept.push(Member {
                        position,
                        day,
                        features,
                    });
                    if state.kept.len() > LIVE_REPRESENTATIVES {
                        state.kept.remove(FIRST_KEPT);
                    }
                } else if self.config.late_split_link > 0.0 {
                    late = Some(features);
                }
                let holds_links = link_row.is_some();
                match link_row {
                    Some(row) => state.links.extend(row),
                    // Frozen, splits off, or a member no longer kept (a split could not
                    // move every article): no pair scores are held.
                    None => state.links = Vec::new(),
                }
                if let Some(day) = day {
                    state.first_day = Some(state.first_day.map_or(day, |d| d.min(day)));
                    state.last_day = Some(state.last_day.map_or(day, |d| d.max(day)));
                }
                let mut event = event;
                if live {
                    self.index_event(event, &keys);
                    if holds_links {
                        event = self.split_if_two_groups(event);
                    }
                } else if let Some(features) = late {
                    event = self.grow_tail(event, position, day, features);
                }
                Placement {
                    event,
                    score: Some(score),
                    note: date_note,
                }
            }
            None => {
                let event = self.open(position, features, day);
                self.index_event(event, &keys);
                Placement {
                    event,
                    score: None,
                    note: date_note,
                }
            }
        }
    }

    fn open(&mut self, position: usize, features: DocFeatures, day: Option<NaiveDate>) -> usize {
        let member = Member {
            position,
            day,
            features,
        };
        self.events.push(EventState::live(vec![member], Vec::new()));
        self.live.push(self.events.len() - 1);
        self.events.len() - 1
    }

    /// The features an article is indexed and looked up by, with their TF-IDF weights.
    fn index_keys(&self, doc: &DocFeatures) -> Vec<(u32, f32)> {
        let mut keys = top_features(&self.vocabulary, &doc.text, INDEX_TERMS);
        keys.extend(top_features(
            &self.vocabulary,
            &doc.entities,
            INDEX_ENTITIES,
        ));
        // Title terms share ids with text terms (the title is part of the text vector).
        for (id, weight) in top_features(&self.vocabulary, &doc.title, INDEX_TITLE_TERMS) {
            if !keys.iter().any(|&(k, _)| k == id) {
                keys.push((id, weight));
            }
        }
        keys
    }

    fn index_event(&mut self, event: usize, keys: &[(u32, f32)]) {
        let state = &mut self.events[event];
        for &(id, _) in keys {
            if state.indexed.insert(id) {
                self.postings.entry(id).or_default().push(event as u32);
            }
        }
        let size = state.indexed.len();
        if size > EVENT_KEYS_REBUILD && size > 2 * state.indexed_rebuilt {
            self.relist_from_kept(event);
        }
    }

    /// Lists `event` under the index keys of its kept members only.
    fn relist_from_kept(&mut self, event: usize) {
        let kept: FxHashSet<u32> = self.events[event]
            .kept
            .iter()
            .flat_map(|m| self.index_keys(&m.features))
            .map(|(id, _)| id)
            .collect();
        self.relist(event, kept);
        let state = &mut self.events[event];
        state.indexed_rebuilt = state.indexed.len();
    }

    /// Lists `event` under exactly `keys` in the inverted index.
    fn relist(&mut self, event: usize, keys: FxHashSet<u32>) {
        let listed = std::mem::take(&mut self.events[event].indexed);
        for id in listed.iter().filter(|id| !keys.contains(id)) {
            if let Some(list) = self.postings.get_mut(id) {
                list.retain(|&e| e as usize != event);
                if list.is_empty() {
                    self.postings.remove(id);
                }
            }
        }
        for &id in keys.iter().filter(|id| !listed.contains(id)) {
            self.postings.entry(id).or_default().push(event as u32);
        }
        self.events[event].indexed = keys;
    }

    /// Events sharing one of the article's index features, the most shared weight first,
    /// at most [`MAX_CANDIDATES`], returned in event order (ties of score go to the earliest
    /// event, as in a scan of every event).
    fn candidates(&self, keys: &[(u32, f32)]) -> Vec<usize> {
        let mut shared: FxHashMap<u32, f32> = FxHashMap::default();
        for &(id, weight) in keys {
            for &event in self.postings.get(&id).into_iter().flatten() {
                *shared.entry(event).or_default() += weight;
            }
        }
        let mut ranked: Vec<(u32, f32)> = shared.into_iter().collect();
        if ranked.len() > MAX_CANDIDATES {
            ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked.truncate(MAX_CANDIDATES);
        }
        let mut out: Vec<usize> = ranked.into_iter().map(|(e, _)| e as usize).collect();
        out.sort_unstable();
        out
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

    /// Freezes the live events whose latest article is more than the window before
    /// `today`: their member vectors give way to a bounded centroid, and the inverted index
    /// lists them under the centroid's top features only.
    fn freeze_older_than(&mut self, today: NaiveDate) {
        let window = self.config.window_days;
        let tail_days = self.config.late_tail_days;
        let tailed = std::mem::take(&mut self.tailed);
        for index in tailed {
            let state = &mut self.events[index];
            let quiet = state
                .last_day
                .is_some_and(|last| (today - last).num_days() > tail_days);
            if quiet {
                state.tail = Vec::new();
                state.tail_links = Vec::new();
            } else {
                self.tailed.push(index);
            }
        }
        let live = std::mem::take(&mut self.live);
        for index in live {
            let stale = self.events[index]
                .last_day
                .is_some_and(|last| (today - last).num_days() > window);
            if stale {
                self.freeze(index);
                if let Some(last) = self.events[index].last_day {
                    self.frozen.push(Reverse((last, index)));
                }
            } else {
                self.live.push(index);
            }
        }
        let Some(archive) = self.config.archive_days else {
            return;
        };
        while let Some(&Reverse((queued, index))) = self.frozen.peek() {
            if (today - queued).num_days() <= archive {
                break;
            }
            self.frozen.pop();
            match self.events[index].last_day {
                Some(last) if last > queued => self.frozen.push(Reverse((last, index))),
                _ => self.archive(index),
            }
        }
    }

    /// Takes a long-frozen event out of the index and drops its summary.
    fn archive(&mut self, index: usize) {
        self.events[index].centroid = None;
        self.events[index].tail = Vec::new();
        self.events[index].tail_links = Vec::new();
        self.relist(index, FxHashSet::default());
    }

    fn freeze(&mut self, index: usize) {
        self.events[index].links = Vec::new();
        let kept = std::mem::take(&mut self.events[index].kept);
        let centroid = centroid(&self.vocabulary, &kept);
        let keys: FxHashSet<u32> = self
            .index_keys(&centroid)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        self.relist(index, keys);
        let state = &mut self.events[index];
        state.centroid = Some(centroid);
        state.summary_last_day = state.last_day;
        state.frozen = true;
    }

    /// The event's score for a new article: the mean of its `nearest_k` best pair scores
    /// with the kept members blended with the single best, so one close copy counts but a
    /// broad match counts more; a frozen event, its summary's score, or its late members'
    /// when the article is a copy of one of them. Scores the article loaded in
    /// `self.query` (see [`pair_score`] for one pair).
    fn event_score(&self, event: &EventState) -> f32 {
        if let Some(centroid) = &event.centroid {
            let summary =
                prepared_pair_score(&self.query, &self.vocabulary, &self.config, centroid);
            // A copy of one of the late articles a frozen event took must find it there,
            // not only through the older summary. Only a copy: a plain match with late
            // articles would pull a long story's next articles away from its live event.
            if event.tail.is_empty() {
                return summary;
            }
            let late = self.members_score(&event.tail);
            return if late >= LATE_COPY_SCORE {
                summary.max(late)
            } else {
                summary
            };
        }
        self.members_score(&event.kept)
    }

    fn members_score(&self, members: &[Member]) -> f32 {
        let mut scores: Vec<f32> = members
            .iter()
            .map(|m| prepared_pair_score(&self.query, &self.vocabulary, &self.config, &m.features))
            .collect();
        scores.sort_unstable_by(|a, b| b.total_cmp(a));
        let k = self.config.nearest_k.max(1).min(scores.len());
        if k == 0 {
            return 0.0;
        }
        let mean = scores[..k].iter().sum::<f32>() / k as f32;
        0.5 * scores[0] + 0.5 * mean
    }

    /// The best headline cosine between the article in `self.query` and the event's kept
    /// members (or its frozen summary).
    fn event_title_similarity(&self, event: &EventState) -> f32 {
        let vectors = event
            .kept
            .iter()
            .map(|m| &m.features)
            .chain(&event.centroid);
        vectors
            .map(|f| self.query.cosine(&self.vocabulary, Part::Title, &f.title))
            .fold(0.0, f32::max)
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

    /// Members (insertion positions) of every event, events in opening order (an event
    /// split off another comes after the events opened before the split).
    pub fn events(&self) -> Vec<Vec<usize>> {
        self.events.iter().map(|e| e.members.clone()).collect()
    }

    /// Articles whose vectors are still held (the memory the window bounds).
    pub fn live_vectors(&self) -> usize {
        self.live.iter().map(|&e| self.events[e].kept.len()).sum()
    }

    /// Events not yet frozen.
    pub fn live_events(&self) -> usize {
        self.live.len()
    }

    /// Entries of the inverted index (event listings under a feature).
    pub fn index_entries(&self) -> usize {
        self.postings.values().map(Vec::len).sum()
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

/// The pair scores among the `picked` items (ascending) of a lower triangle by rows, as a
/// lower triangle of their own.
/// The `n` features of a vector with the largest TF-IDF weight, strongest first.
fn top_features(vocabulary: &Vocabulary, v: &Sparse, n: usize) -> Vec<(u32, f32)> {
    let mut weighted: Vec<(u32, f32)> = v
        .iter()
        .map(|&(id, w)| (id, w * vocabulary.idf(id)))
        .collect();
    weighted.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    weighted.truncate(n);
    weighted
}

/// The mean of the members' vectors, each part cut to its strongest features (by TF-IDF
/// weight at freezing time): the bounded summary of a frozen event.
fn centroid(vocabulary: &Vocabulary, members: &[Member]) -> DocFeatures {
    let part = |pick: fn(&DocFeatures) -> &Sparse, keep: usize| -> Sparse {
        let mut sum: FxHashMap<u32, (f32, usize)> = FxHashMap::default();
        for m in members {
            for &(id, w) in pick(&m.features) {
                let entry = sum.entry(id).or_default();
                entry.0 += w;
                entry.1 += 1;
            }
        }
        // A feature of one member only is that article's, not the event's (and would keep
        // one-off names and numbers alive in the vocabulary).
        let needed = members.len().min(2);
        let n = members.len().max(1) as f32;
        let mean: Sparse = sum
            .into_iter()
            .filter(|(_, (_, count))| *count >= needed)
            .map(|(id, (w, _))| (id, w / n))
            .collect();
        // Back to raw weights (IDF is applied at comparison time), sorted by id.
        let mut top: Sparse = top_features(vocabulary, &mean, keep)
            .into_iter()
            .map(|(id, w)| (id, w / vocabulary.idf(id)))
            .collect();
        top.sort_unstable_by_key(|(id, _)| *id);
        top
    };
    DocFeatures {
        text: part(|d| &d.text, CENTROID_TEXT),
        title: part(|d| &d.title, CENTROID_TITLE),
        entities: part(|d| &d.entities, CENTROID_ENTITIES),
        title_entities: part(|d| &d.title_entities, CENTROID_TITLE),
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
    let title = vocabulary.cosine(&a.title, &b.title);
    if text < config.entity_gate_below
        && entity == 0.0
        && title < config.gate_title_above
        && !a.entities.is_empty()
        && !b.entities.is_empty()
    {
        return 0.0;
    }
    let total_weight = 1.0 + config.title_weight + config.entity_weight;
    (text + config.title_weight * title + config.entity_weight * entity) / total_weight
}

/// [`pair_score`] of the article loaded in `query` and `b`: the same formula, one pass
/// over `b`'s features per part.
fn prepared_pair_score(
    query: &DenseQuery,
    vocabulary: &Vocabulary,
    config: &EventConfig,
    b: &DocFeatures,
) -> f32 {
    let text = query.cosine(vocabulary, Part::Text, &b.text);
    let entity = query.cosine(vocabulary, Part::Entities, &b.entities);
    let title = query.cosine(vocabulary, Part::Title, &b.title);
    if text < config.entity_gate_below
        && entity == 0.0
        && title < config.gate_title_above
        && query.has_entities()
        && !b.entities.is_empty()
    {
        return 0.0;
    }
    let total_weight = 1.0 + config.title_weight + config.entity_weight;
    (text + config.title_weight * title + config.entity_weight * entity) / total_weight
}

/// The day used for timing, and a note when the stated date is not trusted.
pub(crate) fn trusted_day(article: &Article) -> (Option<NaiveDate>, Option<&'static str>) {
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
