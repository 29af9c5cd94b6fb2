//! Sparse term and entity vectors for event clustering, with document frequencies counted
//! over the articles seen so far (so IDF is available in a stream).

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use storyline_model::Article;

use crate::text::{entities, terms};

/// Sparse counts: (feature id, weight), sorted by id.
pub type Sparse = Vec<(u32, f32)>;

/// Feature ids and document frequencies. Entities live in the same id space as terms,
/// under an `@` prefix, so one document-frequency table serves both.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
    df: Vec<u32>,
    /// ln(1 + df) per feature and ln(1 + docs), kept up to date as documents are added so
    /// that an IDF lookup costs no logarithm (cosines look IDF up for every feature).
    ln_df: Vec<f32>,
    ln_docs: f32,
    docs: u32,
    /// Ids of pruned features, reused for new ones.
    free: Vec<u32>,
}

impl Vocabulary {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        if let Some(id) = self.free.pop() {
            self.ids.insert(name.to_string(), id);
            self.names[id as usize] = name.to_string();
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        self.df.push(0);
        self.ln_df.push(0.0);
        id
    }

    pub fn name(&self, id: u32) -> &str {
        self.names
            .get(id as usize)
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Smoothed IDF, as scikit-learn's `smooth_idf`: ln((1+N)/(1+df)) + 1.
    pub fn idf(&self, id: u32) -> f32 {
        let ln_df = self.ln_df.get(id as usize).copied().unwrap_or(0.0);
        self.ln_docs - ln_df + 1.0
    }

    /// Features known so far (ids are below this).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Features currently known (pruned ones excluded).
    pub fn live_len(&self) -> usize {
        self.ids.len()
    }

    /// Forgets the features seen in at most `max_df` documents that `referenced` does not
    /// name: on an endless stream most new features are rare (a name, a number, a typo),
    /// and once the vectors holding them are dropped nothing can match them. Their ids are
    /// reused; a forgotten feature seen again counts its document frequency from 1, so its
    /// IDF is that of a new feature. Returns how many were forgotten.
    pub fn prune_rare(&mut self, max_df: u32, referenced: &rustc_hash::FxHashSet<u32>) -> usize {
        let mut pruned = 0;
        for id in 0..self.names.len() {
            let df = self.df[id];
            if df == 0 || df > max_df || referenced.contains(&(id as u32)) {
                continue;
            }
            let name = std::mem::take(&mut self.names[id]);
            self.ids.remove(&name);
            self.df[id] = 0;
            self.ln_df[id] = 0.0;
            self.free.push(id as u32);
            pruned += 1;
        }
        pruned
    }

    /// Documents counted so far.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Turns an article into features and counts its document frequencies.
    pub fn add(&mut self, article: &Article) -> DocFeatures {
        let doc = self.features(article);
        self.docs += 1;
        self.ln_docs = (1.0 + self.docs as f32).ln();
        let mut seen: Vec<u32> = doc.text.iter().map(|(id, _)| *id).collect();
        seen.extend(doc.entities.iter().map(|(id, _)| *id));
        seen.sort_unstable();
        seen.dedup();
        for id in seen {
            self.df[id as usize] += 1;
            self.ln_df[id as usize] = (1.0 + self.df[id as usize] as f32).ln();
        }
        doc
    }

    fn features(&mut self, article: &Article) -> DocFeatures {
        let body = article.text();
        // A page whose extraction failed has neither headline nor body, but its address
        // usually still carries the headline as a slug ("/2017/12/27/rihanna-calls-end-gun-
        // violence/"); without it such an article could only stand alone.
        let slug;
        let title: &str = if article.title.trim().is_empty() && body.trim().is_empty() {
            slug = article.url.as_deref().map(url_slug).unwrap_or_default();
            &slug
        } else {
            &article.title
        };
        let title_terms = terms(title);
        let body_terms = terms(&body);
        // The title counts twice: it states the event most directly.
        let mut text_counts: HashMap<u32, f32> = HashMap::new();
        for t in title_terms
            .iter()
            .chain(title_terms.iter())
            .chain(body_terms.iter())
        {
            *text_counts.entry(self.id(t)).or_default() += 1.0;
        }
        let mut title_counts: HashMap<u32, f32> = HashMap::new();
        for t in &title_terms {
            *title_counts.entry(self.id(t)).or_default() += 1.0;
        }
        // Headlines are often in title case, where every word looks like a name: entities
        // come from the body, and count as title entities when the title names them too.
        let mut found = entities(&body);
        if found.is_empty() {
            found = entities(title);
        }
        let title_words = format!(" {} ", crate::text::normalised(title));
        let mut entity_counts: HashMap<u32, f32> = HashMap::new();
        let mut title_entity_counts: HashMap<u32, f32> = HashMap::new();
        for e in &found {
            let id = self.id(&format!("@{e}"));
            *entity_counts.entry(id).or_default() += 1.0;
            if title_words.contains(&format!(" {} ", crate::text::normalised(e))) {
                title_entity_counts.insert(id, 1.0);
            }
        }
        DocFeatures {
            title_entities: sublinear(title_entity_counts),
            text: sublinear(text_counts),
            title: sublinear(title_counts),
            entities: sublinear(entity_counts),
        }
    }

    /// Cosine similarity of two sparse vectors under the current IDF.
    pub fn cosine(&self, a: &Sparse, b: &Sparse) -> f32 {
        let norm = |v: &Sparse| {
            v.iter()
                .map(|(id, w)| (w * self.idf(*id)).powi(2))
                .sum::<f32>()
                .sqrt()
        };
        let (na, nb) = (norm(a), norm(b));
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        let mut dot = 0.0;
        for_shared(a, b, |id, wa, wb| dot += wa * wb * self.idf(id).powi(2));
        dot / (na * nb)
    }
}

/// Which part of a document a [`DenseQuery`] compares.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    Text,
    Title,
    Entities,
}

/// One document prepared for comparison with many others: its TF-IDF weights scattered
/// into arrays indexed by feature id, and its norms. Each comparison is then one pass over
/// the other vector (no sorted merge, no norm of this document recomputed per pair), with
/// the same result as [`Vocabulary::cosine`].
#[derive(Debug, Default)]
pub struct DenseQuery {
    /// Text and entity weights (their ids are disjoint: entities live under `@`).
    text: Vec<f32>,
    title: Vec<f32>,
    loaded: Vec<u32>,
    text_norm: f32,
    title_norm: f32,
    entity_norm: f32,
    has_entities: bool,
}

impl DenseQuery {
    pub fn load(&mut self, vocabulary: &Vocabulary, doc: &DocFeatures) {
        for &id in &self.loaded {
            self.text[id as usize] = 0.0;
            self.title[id as usize] = 0.0;
        }
        self.loaded.clear();
        self.text.resize(vocabulary.len(), 0.0);
        self.title.resize(vocabulary.len(), 0.0);
        let mut scatter = |dense: &mut Vec<f32>, v: &Sparse| -> f32 {
            let mut norm = 0.0;
            for &(id, w) in v {
                let weighted = w * vocabulary.idf(id);
                dense[id as usize] = weighted;
                norm += weighted * weighted;
                self.loaded.push(id);
            }
            norm.sqrt()
        };
        self.text_norm = scatter(&mut self.text, &doc.text);
        self.entity_norm = scatter(&mut self.text, &doc.entities);
        self.title_norm = scatter(&mut self.title, &doc.title);
        self.has_entities = !doc.entities.is_empty();
    }

    pub fn has_entities(&self) -> bool {
        self.has_entities
    }

    /// Cosine of the loaded document's `part` with `v` under the current IDF.
    pub fn cosine(&self, vocabulary: &Vocabulary, part: Part, v: &Sparse) -> f32 {
        let (dense, own_norm) = match part {
            Part::Text => (&self.text, self.text_norm),
            Part::Entities => (&self.text, self.entity_norm),
            Part::Title => (&self.title, self.title_norm),
        };
        if own_norm == 0.0 {
            return 0.0;
        }
        let (mut dot, mut norm) = (0.0f32, 0.0f32);
        for &(id, w) in v {
            let weighted = w * vocabulary.idf(id);
            norm += weighted * weighted;
            dot += weighted * dense.get(id as usize).copied().unwrap_or(0.0);
        }
        if norm == 0.0 {
            return 0.0;
        }
        dot / (own_norm * norm.sqrt())
    }
}

/// The headline words of a URL: its path segment with the most hyphen- or underscore-
/// separated words (at least three), extension and numeric ids dropped. Empty when no
/// segment looks like a slug (`/news/414726/`, `?id=5`).
pub fn url_slug(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let words_of = |segment: &str| -> Vec<String> {
        let segment = segment.rsplit_once('.').map_or(segment, |(stem, ext)| {
            if ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphabetic()) {
                stem
            } else {
                segment
            }
        });
        segment
            .split(['-', '_', '+'])
            .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_string)
            .collect()
    };
    path.split('/')
        .skip(1)
        .map(words_of)
        .filter(|w| w.len() >= 3)
        .max_by_key(Vec::len)
        .map(|w| w.join(" "))
        .unwrap_or_default()
}

/// Calls `f(id, weight_a, weight_b)` for every feature present in both vectors.
pub fn for_shared(a: &Sparse, b: &Sparse, mut f: impl FnMut(u32, f32, f32)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(a[i].0, a[i].1, b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
}

fn sublinear(counts: HashMap<u32, f32>) -> Sparse {
    let mut v: Sparse = counts
        .into_iter()
        .map(|(id, c)| (id, 1.0 + c.ln()))
        .collect();
    v.sort_unstable_by_key(|(id, _)| *id);
    v
}

/// One article's features.
#[derive(Debug, Clone, Default)]
pub struct DocFeatures {
    /// Title (twice) and body terms, sublinear TF.
    pub text: Sparse,
    pub title: Sparse,
    pub entities: Sparse,
    /// Entities named in the title (also counted in `entities`).
    pub title_entities: Sparse,
}

impl DocFeatures {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.entities.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::url_slug;

    #[test]
    fn url_slug_finds_the_headline_segment() {
        assert_eq!(
            url_slug("http://www.telegraph.co.uk/news/2017/12/27/rihanna-calls-end-gun-violence/"),
            "rihanna calls end gun violence"
        );
        assert_eq!(
            url_slug("https://www.rt.com/news/414726-australia-beach-fireworks-injured/?utm=x"),
            "australia beach fireworks injured"
        );
        assert_eq!(
            url_slug("https://example.com/story_of-the-day.html"),
            "story of the day"
        );
        assert_eq!(url_slug("https://example.com/news/414726/"), "");
        assert_eq!(url_slug("not a url"), "");
    }
}
