//! The two reference baselines of the news-cluster benchmark, kept to validate metric code
//! and to show what the real clusterer adds: batch TF-IDF with average linkage, and a
//! single-pass centroid stream. Text is the title twice plus the body, stop words removed,
//! sublinear TF, smoothed IDF (as scikit-learn's TfidfVectorizer).

use std::collections::HashMap;

use storyline_model::Article;

use crate::order::stream_order;
use crate::text::{is_stop_word, words};

type Vector = Vec<(u32, f32)>;

fn tokens(article: &Article) -> Vec<String> {
    let text = format!("{} {} {}", article.title, article.title, article.text());
    words(&text)
        .into_iter()
        .filter(|w| w.chars().count() > 1 && !is_stop_word(w))
        .collect()
}

fn counts(tokens: &[String], ids: &mut HashMap<String, u32>) -> Vector {
    let mut tf: HashMap<u32, f32> = HashMap::new();
    for t in tokens {
        let next = ids.len() as u32;
        let id = *ids.entry(t.clone()).or_insert(next);
        *tf.entry(id).or_default() += 1.0;
    }
    let mut v: Vector = tf.into_iter().map(|(id, c)| (id, 1.0 + c.ln())).collect();
    v.sort_unstable_by_key(|(id, _)| *id);
    v
}

fn idf(df: u32, docs: u32) -> f32 {
    ((1.0 + docs as f32) / (1.0 + df as f32)).ln() + 1.0
}

fn weighted(v: &Vector, df: &[u32], docs: u32) -> Vector {
    let mut out: Vector = v
        .iter()
        .map(|(id, w)| (*id, w * idf(df[*id as usize], docs)))
        .collect();
    let norm = out.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        out.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    out
}

fn dot(a: &Vector, b: &Vector) -> f32 {
    let mut sum = 0.0;
    crate::features::for_shared(a, b, |_, x, y| sum += x * y);
    sum
}

/// Batch TF-IDF, average linkage on cosine distance, cut at `distance_threshold`
/// (clusters merge while their average distance is below it). Returns a label per article.
pub fn batch_average_linkage(articles: &[Article], distance_threshold: f32) -> Vec<usize> {
    let n = articles.len();
    let mut ids = HashMap::new();
    let raw: Vec<Vector> = articles
        .iter()
        .map(|a| counts(&tokens(a), &mut ids))
        .collect();
    let mut df = vec![0u32; ids.len()];
    for v in &raw {
        for (id, _) in v {
            df[*id as usize] += 1;
        }
    }
    let vectors: Vec<Vector> = raw.iter().map(|v| weighted(v, &df, n as u32)).collect();
    let mut distance = vec![vec![0f32; n]; n];
    for i in 0..n {
        for j in (i + 1)..n {
            let d = 1.0 - dot(&vectors[i], &vectors[j]);
            distance[i][j] = d;
            distance[j][i] = d;
        }
    }
    let mut size = vec![1usize; n];
    let mut alive = vec![true; n];
    let mut label: Vec<usize> = (0..n).collect();
    loop {
        let mut best: Option<(usize, usize, f32)> = None;
        for i in (0..n).filter(|&i| alive[i]) {
            for j in ((i + 1)..n).filter(|&j| alive[j]) {
                if best.is_none_or(|(_, _, d)| distance[i][j] < d) {
                    best = Some((i, j, distance[i][j]));
                }
            }
        }
        let Some((i, j, d)) = best else { break };
        if d >= distance_threshold {
            break;
        }
        // Lance-Williams update for average linkage.
        for k in (0..n).filter(|&k| alive[k] && k != i && k != j) {
            let merged = (size[i] as f32 * distance[k][i] + size[j] as f32 * distance[k][j])
                / (size[i] + size[j]) as f32;
            distance[k][i] = merged;
            distance[i][k] = merged;
        }
        size[i] += size[j];
        alive[j] = false;
        label.iter_mut().filter(|l| **l == j).for_each(|l| *l = i);
    }
    label
}

/// Single pass in stream order: each article joins the most similar cluster centroid when
/// the cosine similarity (IDF over the articles seen so far) reaches `threshold`.
pub fn single_pass_centroid(articles: &[Article], threshold: f32) -> Vec<usize> {
    let mut ids = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    let mut docs = 0u32;
    let mut centroids: Vec<HashMap<u32, f32>> = Vec::new();
    let mut labels = vec![0; articles.len()];
    for i in stream_order(articles) {
        let raw = counts(&tokens(&articles[i]), &mut ids);
        df.resize(ids.len(), 0);
        docs += 1;
        for (id, _) in &raw {
            df[*id as usize] += 1;
        }
        let vector = weighted(&raw, &df, docs);
        let mut best: Option<(usize, f32)> = None;
        for (c, centroid) in centroids.iter().enumerate() {
            let norm = centroid.values().map(|w| w * w).sum::<f32>().sqrt();
            if norm == 0.0 {
                continue;
            }
            let sim: f32 = vector
                .iter()
                .map(|(id, w)| w * centroid.get(id).copied().unwrap_or(0.0))
                .sum::<f32>()
                / norm;
            if sim >= threshold && best.is_none_or(|(_, s)| sim > s) {
                best = Some((c, sim));
            }
        }
        let cluster = match best {
            Some((c, _)) => c,
            None => {
                centroids.push(HashMap::new());
                centroids.len() - 1
            }
        };
        for (id, w) in &vector {
            *centroids[cluster].entry(*id).or_default() += w;
        }
        labels[i] = cluster;
    }
    labels
}
