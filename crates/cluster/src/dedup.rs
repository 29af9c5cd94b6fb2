//! Copies of one article: exact copies by a hash of the normalised text, near copies and
//! contained copies (a quote of a longer article) by MinHash LSH over word shingles,
//! every candidate verified on the actual shingle sets.

use std::collections::{HashMap, VecDeque};

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use storyline_model::{Article, ArticleId, DuplicateGroup};
use xxhash_rust::xxh3::Xxh3;

use crate::config::{DedupConfig, DedupScope};
use crate::events::trusted_day;
use crate::minhash::{
    push_word_hashes, sequence_hash, shingle_hashes, Permutations, SequenceHasher,
};
use crate::order::StreamKey;
use crate::text::{intersection_size, mix64};

/// How a copy relates to its canonical article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CopyKind {
    /// Same title and body once case, punctuation and spacing are ignored.
    Exact,
    /// Mostly the same words in the same order (rewritten headline, light edits,
    /// other boilerplate around it, or a truncated copy).
    Near,
    /// The shorter text is (almost) entirely inside the longer one.
    Contained,
}

impl CopyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CopyKind::Exact => "exact",
            CopyKind::Near => "near",
            CopyKind::Contained => "contained",
        }
    }
}

/// The answer of [`DedupIndex::insert`] for an article that copies an earlier one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicateOf {
    pub canonical: ArticleId,
    pub kind: CopyKind,
    /// Jaccard similarity for near copies, containment for contained ones, 1 for exact.
    pub similarity: f32,
}

/// What an insert needs of an article, computed without touching the index, so that a
/// batch can be sketched in parallel ([`DedupIndex::insert_batch`]).
struct Sketch {
    id: ArticleId,
    site_group: Option<String>,
    /// Publication day when trusted (see [`crate::events::trusted_day`]).
    day: Option<NaiveDate>,
    /// No words: indexed by id only and never called a copy.
    empty: bool,
    /// Normalised title and body, and normalised body alone.
    whole_key: u64,
    body_key: u64,
    /// Title and body with whitespace runs collapsed (nothing else normalised).
    verbatim: u64,
    shingles: Vec<u64>,
    bands: Vec<u64>,
    /// Hashes of the longer paragraphs, sorted.
    paragraphs: Vec<u64>,
}

struct Entry {
    site_group: Option<String>,
    /// The day the window is measured from: the trusted publication day, or for an undated
    /// article the latest day seen when it arrived.
    day: Option<NaiveDate>,
    whole_key: u64,
    body_key: u64,
    verbatim: u64,
    shingles: Vec<u64>,
    bands: Vec<u64>,
    paragraphs: Vec<u64>,
    /// The canonical article this one copies (itself when it is an original). An id, not a
    /// position: the canonical may have left the window while its copies have not.
    canonical: ArticleId,
}

/// An incremental duplicate index. Insert articles in stream order (earliest first,
/// see [`crate::stream_order`]) so that the earliest copy becomes canonical.
///
/// Memory is bounded by [`DedupConfig::window_days`]: an article published more than that
/// many days before the latest one is evicted from every map, so a copy arriving later is
/// not matched with it (a deliberate trade-off; it is matched with any copy still inside).
pub struct DedupIndex {
    config: DedupConfig,
    permutations: Permutations,
    /// Articles still in the window, in insertion order; `entries[i]` has position `base + i`.
    entries: VecDeque<Entry>,
    base: u64,
    exact: FxHashMap<u64, u64>,
    body_exact: FxHashMap<u64, u64>,
    bands: FxHashMap<u64, Bucket>,
    paragraphs: FxHashMap<u64, Bucket>,
    latest_day: Option<NaiveDate>,
    evicted: u64,
}

impl DedupIndex {
    pub fn new(config: DedupConfig) -> Self {
        let permutations = Permutations::new(config.bands * config.rows);
        Self {
            config,
            permutations,
            entries: VecDeque::new(),
            base: 0,
            exact: FxHashMap::default(),
            body_exact: FxHashMap::default(),
            bands: FxHashMap::default(),
            paragraphs: FxHashMap::default(),
            latest_day: None,
            evicted: 0,
        }
    }

    /// Articles still held (inside the window).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Articles dropped because they left the window.
    pub fn evicted(&self) -> u64 {
        self.evicted
    }

    /// The MinHash permutations in use (the benchmark hands them to datasketch).
    pub fn permutations(&self) -> &Permutations {
        &self.permutations
    }

    /// Adds one article; returns what it copies when it is a copy of an earlier article.
    /// Articles with no words are indexed by id only and never called copies.
    pub fn insert(&mut self, article: &Article) -> Option<DuplicateOf> {
        let sketch = self.sketch(article);
        self.insert_sketch(sketch)
    }

    /// Adds articles in the given (stream) order, as [`DedupIndex::insert`] one by one
    /// would, but hashes and sketches them in parallel first.
    pub fn insert_batch(&mut self, articles: &[&Article]) -> Vec<Option<DuplicateOf>> {
        let sketches: Vec<Sketch> = articles.par_iter().map(|a| self.sketch(a)).collect();
        sketches
            .into_iter()
            .map(|s| self.insert_sketch(s))
            .collect()
    }

    fn sketch(&self, article: &Article) -> Sketch {
        let mut body_words = Vec::new();
        let mut paragraphs = Vec::new();
        for paragraph in &article.body {
            let start = body_words.len();
            push_word_hashes(paragraph, &mut body_words);
            if body_words.len() - start >= self.config.min_paragraph_words {
                paragraphs.push(sequence_hash(&body_words[start..]));
            }
        }
        paragraphs.sort_unstable();
        paragraphs.dedup();
        let mut sketch = Sketch {
            id: article.id.clone(),
            site_group: self.site_group_of(article),
            day: trusted_day(article).0,
            empty: body_words.is_empty(),
            whole_key: 0,
            body_key: 0,
            verbatim: 0,
            shingles: Vec::new(),
            bands: Vec::new(),
            paragraphs: Vec::new(),
        };
        if sketch.empty {
            return sketch;
        }
        let mut title_words = Vec::new();
        push_word_hashes(&article.title, &mut title_words);
        sketch.body_key = sequence_hash(&body_words);
        // The title, a separator no word hash is likely to equal, then the body.
        let mut whole = SequenceHasher::default();
        title_words.iter().for_each(|&h| whole.push(h));
        whole.push(SEPARATOR);
        body_words.iter().for_each(|&h| whole.push(h));
        sketch.whole_key = whole.finish();
        sketch.verbatim = verbatim_hash(article);
        sketch.shingles = shingle_hashes(&body_words, self.config.shingle_words);
        let signature = self.permutations.signature(&sketch.shingles);
        sketch.bands = band_keys(&signature, self.config.rows);
        sketch.paragraphs = paragraphs;
        sketch
    }

    fn insert_sketch(&mut self, sketch: Sketch) -> Option<DuplicateOf> {
        let day = sketch.day.or(self.latest_day);
        if let Some(day) = sketch.day {
            if self.latest_day.is_none_or(|latest| day > latest) {
                self.latest_day = Some(day);
                self.evict_older_than(day);
            }
        }
        let position = self.base + self.entries.len() as u64;
        let mut entry = Entry {
            site_group: sketch.site_group,
            day,
            whole_key: sketch.whole_key,
            body_key: sketch.body_key,
            verbatim: sketch.verbatim,
            shingles: sketch.shingles,
            bands: sketch.bands,
            paragraphs: sketch.paragraphs,
            canonical: sketch.id,
        };
        if sketch.empty {
            self.entries.push_back(entry);
            return None;
        }

        // The normalised hash finds copies that differ in case, punctuation or spacing;
        // only a copy whose text is the same once runs of whitespace are collapsed is
        // called exact, the others are near copies with similarity 1.
        let mut found = None;
        if let Some(&other) = self.exact.get(&entry.whole_key) {
            if self.in_scope(&entry, other) {
                let kind = if self.entry(other).verbatim == entry.verbatim {
                    CopyKind::Exact
                } else {
                    CopyKind::Near
                };
                found = Some((other, kind, 1.0));
            }
        }
        if found.is_none() {
            if let Some(&other) = self.body_exact.get(&entry.body_key) {
                if self.in_scope(&entry, other) {
                    // Same body under another headline: a repost, not an exact copy.
                    found = Some((other, CopyKind::Near, 1.0));
                }
            }
        }
        if found.is_none() {
            found = self.best_candidate(&entry);
        }

        if let Some((other, _, _)) = found {
            entry.canonical = self.entry(other).canonical.clone();
        }
        self.exact.entry(entry.whole_key).or_insert(position);
        self.body_exact.entry(entry.body_key).or_insert(position);
        for key in &entry.bands {
            add_posting(&mut self.bands, *key, position);
        }
        for key in &entry.paragraphs {
            add_posting(&mut self.paragraphs, *key, position);
        }
        let answer = found.map(|(_, kind, similarity)| DuplicateOf {
            canonical: entry.canonical.clone(),
            kind,
            similarity,
        });
        self.entries.push_back(entry);
        answer
    }

    fn entry(&self, position: u64) -> &Entry {
        &self.entries[(position - self.base) as usize]
    }

    /// Drops the articles whose day is more than the window before `today`. Entries are in
    /// stream order, so the old ones are at the front; an undated article counts from the
    /// day it arrived.
    fn evict_older_than(&mut self, today: NaiveDate) {
        let Some(window) = self.config.window_days else {
            return;
        };
        while let Some(front) = self.entries.front() {
            if front.day.is_some_and(|d| (today - d).num_days() <= window) {
                break;
            }
            let Some(entry) = self.entries.pop_front() else {
                break;
            };
            let position = self.base;
            self.base += 1;
            self.evicted += 1;
            if self.exact.get(&entry.whole_key) == Some(&position) {
                self.exact.remove(&entry.whole_key);
            }
            if self.body_exact.get(&entry.body_key) == Some(&position) {
                self.body_exact.remove(&entry.body_key);
            }
            for key in &entry.bands {
                remove_posting(&mut self.bands, *key, position);
            }
            for key in &entry.paragraphs {
                remove_posting(&mut self.paragraphs, *key, position);
            }
        }
    }

    fn site_group_of(&self, article: &Article) -> Option<String> {
        let site = article.site.as_deref()?.to_lowercase();
        let site = site.trim_start_matches("www.").to_string();
        Some(
            self.config
                .site_groups
                .iter()
                .find(|(_, members)| members.iter().any(|m| m.eq_ignore_ascii_case(&site)))
                .map(|(group, _)| group.clone())
                .unwrap_or(site),
        )
    }

    fn in_scope(&self, entry: &Entry, other: u64) -> bool {
        match self.config.scope {
            DedupScope::All => true,
            DedupScope::AcrossSites => {
                entry.site_group.is_none() || entry.site_group != self.entry(other).site_group
            }
            DedupScope::WithinSite => entry.site_group == self.entry(other).site_group,
        }
    }

    /// Verifies every LSH or shared-paragraph candidate; the strongest verified one wins,
    /// ties going to the earliest article.
    fn best_candidate(&self, entry: &Entry) -> Option<(u64, CopyKind, f32)> {
        let mut candidates: Vec<u64> = entry
            .bands
            .iter()
            .filter_map(|key| self.bands.get(key))
            .chain(
                entry
                    .paragraphs
                    .iter()
                    .filter_map(|k| self.paragraphs.get(k)),
            )
            .flat_map(Bucket::positions)
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();

        let mut best: Option<(u64, CopyKind, f32)> = None;
        for other in candidates {
            if !self.in_scope(entry, other) {
                continue;
            }
            let Some((kind, score)) = self.verify(entry, self.entry(other)) else {
                continue;
            };
            let better = match best {
                None => true,
                Some((_, best_kind, best_score)) => {
                    rank(kind) > rank(best_kind) || (kind == best_kind && score > best_score)
                }
            };
            if better {
                best = Some((other, kind, score));
            }
        }
        best
    }

    fn verify(&self, new: &Entry, old: &Entry) -> Option<(CopyKind, f32)> {
        let (a, b) = (&new.shingles, &old.shingles);
        if a.is_empty() || b.is_empty() {
            return None;
        }
        let shared = intersection_size(a, b);
        let union = a.len() + b.len() - shared;
        let jaccard = shared as f32 / union as f32;
        if jaccard >= self.config.near_jaccard {
            return Some((CopyKind::Near, jaccard));
        }
        let shorter = a.len().min(b.len());
        let containment = shared as f32 / shorter as f32;
        if shorter >= self.config.min_contained_shingles && containment >= self.config.contained_min
        {
            return Some((CopyKind::Contained, containment));
        }
        None
    }
}

/// One key per band: the band's rows and its index folded into a u64.
fn band_keys(signature: &[u32], rows: usize) -> Vec<u64> {
    signature
        .chunks(rows.max(1))
        .enumerate()
        .map(|(band, rows)| {
            rows.iter()
                .fold(band as u64, |acc, &v| mix64(acc ^ u64::from(v)))
        })
        .collect()
}

/// The articles under one LSH band key or paragraph hash. Almost every key has a single
/// article: holding it inline saves an allocation per key (42 band keys per article).
enum Bucket {
    One(u64),
    Many(Vec<u64>),
}

impl Bucket {
    fn positions(&self) -> &[u64] {
        match self {
            Bucket::One(p) => std::slice::from_ref(p),
            Bucket::Many(list) => list,
        }
    }
}

fn add_posting(map: &mut FxHashMap<u64, Bucket>, key: u64, position: u64) {
    match map.get_mut(&key) {
        None => {
            map.insert(key, Bucket::One(position));
        }
        Some(Bucket::Many(list)) => list.push(position),
        Some(bucket) => {
            let Bucket::One(first) = *bucket else {
                return;
            };
            *bucket = Bucket::Many(vec![first, position]);
        }
    }
}

/// Removes `position` from a posting list (it is at the front: positions are added and
/// evicted in increasing order), and the key when nothing is left under it.
fn remove_posting(map: &mut FxHashMap<u64, Bucket>, key: u64, position: u64) {
    let empty = match map.get_mut(&key) {
        None => return,
        Some(Bucket::One(p)) => *p == position,
        Some(Bucket::Many(list)) => {
            if let Some(i) = list.iter().position(|&p| p == position) {
                list.remove(i);
            }
            list.is_empty()
        }
    };
    if empty {
        map.remove(&key);
    }
}

fn rank(kind: CopyKind) -> u8 {
    match kind {
        CopyKind::Exact => 2,
        CopyKind::Near => 1,
        CopyKind::Contained => 0,
    }
}

/// Hash of the title and body with runs of whitespace collapsed (paragraph breaks are
/// whitespace too), word by word: no joined copy of the text is built.
fn verbatim_hash(article: &Article) -> u64 {
    let mut hasher = Xxh3::new();
    let mut first = true;
    feed_collapsed(&article.title, &mut hasher, &mut first);
    hasher.update(b"\n");
    // Paragraph breaks are whitespace too: the body is one run of tokens.
    let mut first = true;
    for paragraph in &article.body {
        feed_collapsed(paragraph, &mut hasher, &mut first);
    }
    hasher.digest()
}

/// Feeds `text` with its runs of whitespace collapsed to one space, after a space when
/// tokens came before. Most paragraphs are already in that form and are fed whole.
fn feed_collapsed(text: &str, hasher: &mut Xxh3, first: &mut bool) {
    let bytes = text.as_bytes();
    let clean = text.is_ascii()
        && bytes.first().is_none_or(|&b| b != b' ')
        && bytes.last().is_none_or(|&b| b != b' ')
        && !bytes
            .iter()
            .any(|&b| matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
        && !bytes.windows(2).any(|w| w == b"  ");
    if clean {
        if !bytes.is_empty() {
            if !*first {
                hasher.update(b" ");
            }
            hasher.update(bytes);
            *first = false;
        }
        return;
    }
    for token in text.split_whitespace() {
        if !*first {
            hasher.update(b" ");
        }
        hasher.update(token.as_bytes());
        *first = false;
    }
}

/// Between the title and the body in whole-text hashes.
const SEPARATOR: u64 = 0x7469_746c_655f_656e;

/// Stream positions of a canonical article's copies, with how each copies it.
type Copies = Vec<(usize, CopyKind)>;

/// Finds duplicate groups over a whole collection, inserting in stream order. Groups are
/// in the stream order of their canonical article, copies in stream order.
pub fn find_duplicates(articles: &[Article], config: &DedupConfig) -> Vec<DuplicateGroup> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_cached_key(|&i| StreamKey::of(&articles[i]));
    let ordered: Vec<&Article> = order.iter().map(|&i| &articles[i]).collect();
    let mut index = DedupIndex::new(config.clone());
    let found = index.insert_batch(&ordered);

    let mut first_position: HashMap<&ArticleId, usize> = HashMap::new();
    for (position, article) in ordered.iter().enumerate() {
        first_position.entry(&article.id).or_insert(position);
    }
    let mut groups: HashMap<&ArticleId, Copies> = HashMap::new();
    for (position, duplicate) in found.iter().enumerate() {
        if let Some(d) = duplicate {
            groups
                .entry(&d.canonical)
                .or_default()
                .push((position, d.kind));
        }
    }
    let mut groups: Vec<(usize, &ArticleId, Copies)> = groups
        .into_iter()
        .map(|(canonical, copies)| {
            (
                first_position.get(canonical).copied().unwrap_or(usize::MAX),
                canonical,
                copies,
            )
        })
        .collect();
    groups.sort_by_key(|(position, canonical, _)| (*position, (*canonical).clone()));
    groups
        .into_iter()
        .map(|(_, canonical, copies)| DuplicateGroup {
            canonical: canonical.clone(),
            copies: copies.iter().map(|&(p, _)| ordered[p].id.clone()).collect(),
            kinds: copies
                .iter()
                .map(|&(_, kind)| kind.as_str().to_string())
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_model::{Format, Published};

    fn article(title: &str, body: &[&str]) -> Article {
        Article {
            id: ArticleId("a".into()),
            source: "a".into(),
            title: title.into(),
            authors: vec![],
            site: None,
            url: None,
            lang: None,
            body: body.iter().map(|p| p.to_string()).collect(),
            published: Published::unknown(),
            modified: None,
            mentioned_dates: vec![],
            format: Format::Text,
            first_seen: chrono::Utc::now(),
            raw_hash: String::new(),
        }
    }

    /// The verbatim hash is that of the title and the body with whitespace runs collapsed,
    /// whatever the paragraph breaks (which are whitespace too).
    #[test]
    fn verbatim_hash_is_the_hash_of_the_collapsed_text() {
        let reference = |a: &Article| {
            let collapse = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            xxhash_rust::xxh3::xxh3_64(
                format!("{}\n{}", collapse(&a.title), collapse(&a.text())).as_bytes(),
            )
        };
        let cases = [
            article("A  title", &["One two.", "Three\tfour", "", "  five  "]),
            article("A title", &["One two. Three four five"]),
            article("Été", &["Déjà  vu\u{a0}encore", "fin"]),
        ];
        for a in &cases {
            assert_eq!(verbatim_hash(a), reference(a), "{:?}", a.body);
        }
        assert_eq!(verbatim_hash(&cases[0]), verbatim_hash(&cases[1]));
        assert_ne!(
            verbatim_hash(&cases[1]),
            verbatim_hash(&article("A title", &["One two. Three four six"]))
        );
    }
}
