//! Copies of one article: exact copies by a hash of the normalised text, near copies and
//! contained copies (a quote of a longer article) by MinHash LSH over word shingles,
//! every candidate verified on the actual shingle sets.

use std::collections::HashMap;

use serde::Serialize;
use storyline_model::{Article, ArticleId, DuplicateGroup};

use crate::config::{DedupConfig, DedupScope};
use crate::order::StreamKey;
use crate::text::{hash_str, intersection_size, mix64, normalised, shingles, words};

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

struct Entry {
    id: ArticleId,
    site_group: Option<String>,
    shingles: Vec<u64>,
    /// Hash of title and body with whitespace runs collapsed (nothing else normalised).
    verbatim: u64,
    /// Hashes of the longer paragraphs, sorted.
    paragraphs: Vec<u64>,
    /// The canonical article this one copies (itself when it is an original).
    canonical: usize,
}

/// An incremental duplicate index. Insert articles in stream order (earliest first,
/// see [`crate::stream_order`]) so that the earliest copy becomes canonical.
pub struct DedupIndex {
    config: DedupConfig,
    entries: Vec<Entry>,
    exact: HashMap<u64, usize>,
    body_exact: HashMap<u64, usize>,
    bands: HashMap<(u32, u64), Vec<usize>>,
    paragraphs: HashMap<u64, Vec<usize>>,
    seeds: Vec<u64>,
}

impl DedupIndex {
    pub fn new(config: DedupConfig) -> Self {
        let permutations = config.bands * config.rows;
        let seeds = (0..permutations as u64)
            .map(|i| mix64(i.wrapping_add(0x9e37_79b9_7f4a_7c15)))
            .collect();
        Self {
            config,
            entries: Vec::new(),
            exact: HashMap::new(),
            body_exact: HashMap::new(),
            bands: HashMap::new(),
            paragraphs: HashMap::new(),
            seeds,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds one article; returns what it copies when it is a copy of an earlier article.
    /// Articles with no words are indexed by id only and never called copies.
    pub fn insert(&mut self, article: &Article) -> Option<DuplicateOf> {
        let index = self.entries.len();
        let body_words = words(&article.text());
        let site_group = self.site_group_of(article);
        let mut entry = Entry {
            id: article.id.clone(),
            site_group,
            shingles: Vec::new(),
            paragraphs: Vec::new(),
            verbatim: 0,
            canonical: index,
        };
        if body_words.is_empty() {
            self.entries.push(entry);
            return None;
        }

        let title = normalised(&article.title);
        let body = body_words.join(" ");
        let whole_key = hash_str(&format!("{title}\n{body}"));
        let body_key = hash_str(&body);
        entry.shingles = shingles(&body_words, self.config.shingle_words);

        // The normalised hash finds copies that differ in case, punctuation or spacing;
        // only a copy whose text is the same once runs of whitespace are collapsed is
        // called exact, the others are near copies with similarity 1.
        entry.verbatim = verbatim_hash(article);
        let mut found = None;
        if let Some(&other) = self.exact.get(&whole_key) {
            if self.in_scope(&entry, other) {
                let kind = if self.entries[other].verbatim == entry.verbatim {
                    CopyKind::Exact
                } else {
                    CopyKind::Near
                };
                found = Some((other, kind, 1.0));
            }
        }
        if found.is_none() {
            if let Some(&other) = self.body_exact.get(&body_key) {
                if self.in_scope(&entry, other) {
                    // Same body under another headline: a repost, not an exact copy.
                    found = Some((other, CopyKind::Near, 1.0));
                }
            }
        }
        let signature = self.signature(&entry.shingles);
        entry.paragraphs = paragraph_keys(article, self.config.min_paragraph_words);
        if found.is_none() {
            found = self.best_candidate(&entry, &signature);
        }

        if let Some((other, _, _)) = found {
            entry.canonical = self.entries[other].canonical;
        }
        self.exact.entry(whole_key).or_insert(index);
        self.body_exact.entry(body_key).or_insert(index);
        for (band, key) in self.band_keys(&signature) {
            self.bands.entry((band, key)).or_default().push(index);
        }
        for key in &entry.paragraphs {
            self.paragraphs.entry(*key).or_default().push(index);
        }
        self.entries.push(entry);

        found.map(|(other, kind, similarity)| DuplicateOf {
            canonical: self.entries[self.entries[other].canonical].id.clone(),
            kind,
            similarity,
        })
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

    fn in_scope(&self, entry: &Entry, other: usize) -> bool {
        match self.config.scope {
            DedupScope::All => true,
            DedupScope::AcrossSites => {
                entry.site_group.is_none() || entry.site_group != self.entries[other].site_group
            }
            DedupScope::WithinSite => entry.site_group == self.entries[other].site_group,
        }
    }

    fn signature(&self, shingles: &[u64]) -> Vec<u64> {
        self.seeds
            .iter()
            .map(|seed| {
                shingles
                    .iter()
                    .map(|s| mix64(s ^ seed))
                    .min()
                    .unwrap_or(u64::MAX)
            })
            .collect()
    }

    fn band_keys(&self, signature: &[u64]) -> Vec<(u32, u64)> {
        signature
            .chunks(self.config.rows)
            .enumerate()
            .map(|(band, rows)| {
                let key = rows.iter().fold(band as u64, |acc, v| mix64(acc ^ v));
                (band as u32, key)
            })
            .collect()
    }

    /// Verifies every LSH or shared-paragraph candidate; the strongest verified one wins,
    /// ties going to the earliest article.
    fn best_candidate(&self, entry: &Entry, signature: &[u64]) -> Option<(usize, CopyKind, f32)> {
        let mut candidates: Vec<usize> = self
            .band_keys(signature)
            .iter()
            .filter_map(|key| self.bands.get(key))
            .chain(
                entry
                    .paragraphs
                    .iter()
                    .filter_map(|k| self.paragraphs.get(k)),
            )
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();

        let mut best: Option<(usize, CopyKind, f32)> = None;
        for other in candidates {
            if !self.in_scope(entry, other) {
                continue;
            }
            let Some((kind, score)) = self.verify(entry, &self.entries[other]) else {
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

    /// The duplicate groups seen so far (groups with at least one copy), canonical first.
    pub fn groups(&self, kinds: &HashMap<usize, CopyKind>) -> Vec<DuplicateGroup> {
        let mut by_canonical: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            if e.canonical != i {
                by_canonical.entry(e.canonical).or_default().push(i);
            }
        }
        let mut canonicals: Vec<usize> = by_canonical.keys().copied().collect();
        canonicals.sort_unstable();
        canonicals
            .into_iter()
            .map(|c| {
                let copies = &by_canonical[&c];
                DuplicateGroup {
                    canonical: self.entries[c].id.clone(),
                    copies: copies.iter().map(|&i| self.entries[i].id.clone()).collect(),
                    kinds: copies
                        .iter()
                        .map(|i| {
                            kinds
                                .get(i)
                                .copied()
                                .unwrap_or(CopyKind::Near)
                                .as_str()
                                .to_string()
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

fn rank(kind: CopyKind) -> u8 {
    match kind {
        CopyKind::Exact => 2,
        CopyKind::Near => 1,
        CopyKind::Contained => 0,
    }
}

fn verbatim_hash(article: &Article) -> u64 {
    let collapse = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    hash_str(&format!(
        "{}\n{}",
        collapse(&article.title),
        collapse(&article.text())
    ))
}

/// Hashes of the normalised, longer paragraphs: a quoted block of paragraphs shares them
/// exactly with its source even when it is a small part of a long article.
fn paragraph_keys(article: &Article, min_words: usize) -> Vec<u64> {
    let mut keys: Vec<u64> = article
        .body
        .iter()
        .map(|p| words(p))
        .filter(|w| w.len() >= min_words)
        .map(|w| hash_str(&w.join(" ")))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Finds duplicate groups over a whole collection, inserting in stream order.
pub fn find_duplicates(articles: &[Article], config: &DedupConfig) -> Vec<DuplicateGroup> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| StreamKey::of(&articles[i]));
    let mut index = DedupIndex::new(config.clone());
    let mut kinds = HashMap::new();
    for (position, &i) in order.iter().enumerate() {
        if let Some(found) = index.insert(&articles[i]) {
            kinds.insert(position, found.kind);
        }
    }
    index.groups(&kinds)
}
