//! Event clustering on news-cluster (Giveme5W1H): articles streamed in publication order
//! (undated last by file name), scored against `newsCluster.EventId` with pairwise and
//! BCubed precision/recall, ARI and AMI (scikit-learn's defaults: arithmetic normalisation,
//! expected mutual information).

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use storyline_cluster::ClusterConfig;
use storyline_model::{Article, ArticleId, DateSource, Format, PartialDate, Published};

use crate::f1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusteringReport {
    pub articles: usize,
    pub events_gold: usize,
    pub events_pred: usize,
    pub pairwise_p: f64,
    pub pairwise_r: f64,
    pub pairwise_f1: f64,
    pub bcubed_p: f64,
    pub bcubed_r: f64,
    pub bcubed_f1: f64,
    pub ari: f64,
    pub ami: f64,
}

/// One labelled article of the data set.
pub struct Labelled {
    pub article: Article,
    /// The file stem (the data set's own id).
    pub name: String,
    pub gold: String,
}

/// Scores storyline's event clustering (default settings) or a predictions file.
pub fn run(dataset: &Path, predictions: Option<&Path>) -> anyhow::Result<ClusteringReport> {
    run_with(dataset, &ClusterConfig::default(), predictions)
}

/// As [`run`], with explicit settings. A predictions file is either a grouping
/// (`{"events": [{"articles": [ids]}]}`) or an object mapping article ids to labels; ids
/// may be file stems or content ids.
pub fn run_with(
    dataset: &Path,
    config: &ClusterConfig,
    predictions: Option<&Path>,
) -> anyhow::Result<ClusteringReport> {
    let labelled = load(dataset)?;
    let gold: Vec<String> = labelled.iter().map(|l| l.gold.clone()).collect();
    let predicted: Vec<String> = match predictions {
        Some(path) => read_predictions(path, &labelled)?,
        None => {
            let articles: Vec<Article> = labelled.iter().map(|l| l.article.clone()).collect();
            storyline_cluster::event_assignments(&articles, &config.events)
                .into_iter()
                .map(|e| e.to_string())
                .collect()
        }
    };
    Ok(score(&gold, &predicted))
}

/// Scores the two README baselines (batch average linkage at cosine distance 0.85, single
/// pass centroid at similarity 0.20).
pub fn baselines(dataset: &Path) -> anyhow::Result<Vec<(String, ClusteringReport)>> {
    let labelled = load(dataset)?;
    let gold: Vec<String> = labelled.iter().map(|l| l.gold.clone()).collect();
    let articles: Vec<Article> = labelled.into_iter().map(|l| l.article).collect();
    let as_strings = |v: Vec<usize>| v.into_iter().map(|x| x.to_string()).collect::<Vec<_>>();
    use storyline_cluster::baselines::{batch_average_linkage, single_pass_centroid};
    Ok(vec![
        (
            "batch_average_linkage_0.85".to_string(),
            score(&gold, &as_strings(batch_average_linkage(&articles, 0.85))),
        ),
        (
            "single_pass_centroid_0.20".to_string(),
            score(&gold, &as_strings(single_pass_centroid(&articles, 0.20))),
        ),
    ])
}

/// Reads every `*.json` article of the data set, sorted by file name.
pub fn load(dataset: &Path) -> anyhow::Result<Vec<Labelled>> {
    let mut paths: Vec<_> = std::fs::read_dir(dataset)
        .with_context(|| format!("reading {}", dataset.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let first_seen = Utc::now();
    paths
        .iter()
        .map(|path| {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let value: serde_json::Value = serde_json::from_slice(&bytes)
                .with_context(|| format!("parsing {}", path.display()))?;
            to_labelled(path, &bytes, &value, first_seen)
                .with_context(|| format!("in {}", path.display()))
        })
        .collect()
}

fn to_labelled(
    path: &Path,
    bytes: &[u8],
    value: &serde_json::Value,
    first_seen: DateTime<Utc>,
) -> anyhow::Result<Labelled> {
    let field = |k: &str| {
        value
            .get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let gold = match value.pointer("/newsCluster/EventId") {
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        _ => anyhow::bail!("no newsCluster.EventId"),
    };
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string();
    let text = field("text");
    // Some records have no text; their description still carries the event.
    let text = if text.is_empty() {
        field("description")
    } else {
        text
    };
    let body: Vec<String> = text
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    let date = field("date_publish");
    let published = date
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| Published::stated(PartialDate::from_naive(d), DateSource::RecordField))
        .unwrap_or_default();
    let site = Some(field("source_domain")).filter(|s| !s.is_empty());
    let url = Some(field("url")).filter(|s| !s.is_empty());
    let article = Article {
        id: ArticleId::from_raw(bytes),
        source: path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string(),
        title: field("title"),
        authors: Vec::new(),
        site,
        url,
        lang: Some("en".to_string()),
        body,
        published,
        modified: None,
        mentioned_dates: Vec::new(),
        format: Format::Record,
        first_seen,
        raw_hash: storyline_model::content_hash(bytes),
    };
    Ok(Labelled {
        article,
        name,
        gold,
    })
}

fn read_predictions(path: &Path, labelled: &[Labelled]) -> anyhow::Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let mut label_of: HashMap<String, String> = HashMap::new();
    if let Some(events) = value.get("events").and_then(|e| e.as_array()) {
        for (n, event) in events.iter().enumerate() {
            let label = event
                .get("id")
                .and_then(|v| v.as_str())
                .map_or(n.to_string(), str::to_string);
            for id in event
                .get("articles")
                .and_then(|a| a.as_array())
                .into_iter()
                .flatten()
            {
                if let Some(id) = id.as_str() {
                    label_of.insert(id.to_string(), label.clone());
                }
            }
        }
    } else if let Some(map) = value.as_object() {
        for (id, label) in map {
            let label = label.as_str().map_or(label.to_string(), str::to_string);
            label_of.insert(id.clone(), label);
        }
    } else {
        anyhow::bail!(
            "{}: expected a grouping or an id → label object",
            path.display()
        );
    }
    // Articles the predictions leave out count as singletons.
    Ok(labelled
        .iter()
        .map(|l| {
            label_of
                .get(&l.name)
                .or_else(|| label_of.get(l.article.id.as_str()))
                .or_else(|| label_of.get(&l.article.source))
                .cloned()
                .unwrap_or_else(|| format!("unassigned:{}", l.name))
        })
        .collect())
}

/// All metrics for one labelling against the gold one (same length, same order).
pub fn score(gold: &[String], predicted: &[String]) -> ClusteringReport {
    let n = gold.len();
    let gold_ids = intern(gold);
    let pred_ids = intern(predicted);
    let events_gold = gold_ids.iter().max().map_or(0, |m| m + 1);
    let events_pred = pred_ids.iter().max().map_or(0, |m| m + 1);
    let mut table: HashMap<(usize, usize), u64> = HashMap::new();
    for (g, p) in gold_ids.iter().zip(&pred_ids) {
        *table.entry((*g, *p)).or_default() += 1;
    }
    let mut gold_sizes = vec![0u64; events_gold];
    let mut pred_sizes = vec![0u64; events_pred];
    for (g, p) in gold_ids.iter().zip(&pred_ids) {
        gold_sizes[*g] += 1;
        pred_sizes[*p] += 1;
    }
    let pairs = |x: u64| (x * x.saturating_sub(1) / 2) as f64;
    let same_both: f64 = table.values().map(|&c| pairs(c)).sum();
    let same_pred: f64 = pred_sizes.iter().map(|&c| pairs(c)).sum();
    let same_gold: f64 = gold_sizes.iter().map(|&c| pairs(c)).sum();
    let pairwise_p = ratio(same_both, same_pred);
    let pairwise_r = ratio(same_both, same_gold);

    let (mut bp, mut br) = (0.0, 0.0);
    for (g, p) in gold_ids.iter().zip(&pred_ids) {
        let both = table[&(*g, *p)] as f64;
        bp += both / pred_sizes[*p] as f64;
        br += both / gold_sizes[*g] as f64;
    }
    let (bcubed_p, bcubed_r) = if n == 0 {
        (1.0, 1.0)
    } else {
        (bp / n as f64, br / n as f64)
    };

    let total_pairs = pairs(n as u64);
    let expected = if total_pairs == 0.0 {
        0.0
    } else {
        same_gold * same_pred / total_pairs
    };
    let max_index = (same_gold + same_pred) / 2.0;
    let ari = if (max_index - expected).abs() < 1e-12 {
        1.0
    } else {
        (same_both - expected) / (max_index - expected)
    };

    ClusteringReport {
        articles: n,
        events_gold,
        events_pred,
        pairwise_p,
        pairwise_r,
        pairwise_f1: f1(pairwise_p, pairwise_r),
        bcubed_p,
        bcubed_r,
        bcubed_f1: f1(bcubed_p, bcubed_r),
        ari,
        ami: adjusted_mutual_information(&table, &gold_sizes, &pred_sizes, n as u64),
    }
}

fn intern(labels: &[String]) -> Vec<usize> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    labels
        .iter()
        .map(|l| {
            let next = ids.len();
            *ids.entry(l.as_str()).or_insert(next)
        })
        .collect()
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        1.0
    } else {
        a / b
    }
}

fn entropy(sizes: &[u64], n: f64) -> f64 {
    sizes
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.ln()
        })
        .sum()
}

/// AMI with arithmetic-mean normalisation and the exact expected mutual information of
/// the hypergeometric model, as scikit-learn computes it.
fn adjusted_mutual_information(
    table: &HashMap<(usize, usize), u64>,
    a: &[u64],
    b: &[u64],
    n: u64,
) -> f64 {
    // Both labellings a single cluster (or identical trivial ones): perfect agreement.
    if (a.len() == 1 && b.len() == 1) || (a.len() == n as usize && b.len() == n as usize) {
        return 1.0;
    }
    let nf = n as f64;
    let mi: f64 = table
        .iter()
        .map(|(&(g, p), &c)| {
            let c = c as f64;
            c / nf * (nf * c / (a[g] as f64 * b[p] as f64)).ln()
        })
        .sum();
    let mut ln_fact = vec![0f64; n as usize + 1];
    for i in 1..=n as usize {
        ln_fact[i] = ln_fact[i - 1] + (i as f64).ln();
    }
    let mut emi = 0.0;
    for &ai in a {
        for &bj in b {
            let start = 1.max((ai + bj).saturating_sub(n));
            let end = ai.min(bj);
            for nij in start..=end {
                let nijf = nij as f64;
                let term1 = nijf / nf * (nf * nijf / (ai as f64 * bj as f64)).ln();
                let log_p = ln_fact[ai as usize]
                    + ln_fact[bj as usize]
                    + ln_fact[(n - ai) as usize]
                    + ln_fact[(n - bj) as usize]
                    - ln_fact[n as usize]
                    - ln_fact[nij as usize]
                    - ln_fact[(ai - nij) as usize]
                    - ln_fact[(bj - nij) as usize]
                    - ln_fact[(n + nij - ai - bj) as usize];
                emi += term1 * log_p.exp();
            }
        }
    }
    let normaliser = (entropy(a, nf) + entropy(b, nf)) / 2.0;
    let denominator = normaliser - emi;
    if denominator.abs() < 1e-15 {
        return 1.0;
    }
    (mi - emi) / denominator
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<String> {
        s.chars().map(|c| c.to_string()).collect()
    }

    #[test]
    fn perfect_clustering_scores_one_everywhere() {
        let r = score(&labels("aabbbc"), &labels("xxyyyz"));
        assert_eq!((r.pairwise_f1, r.bcubed_f1), (1.0, 1.0));
        assert!(
            (r.ari - 1.0).abs() < 1e-9 && (r.ami - 1.0).abs() < 1e-9,
            "{r:?}"
        );
    }

    #[test]
    fn metrics_match_scikit_learn_on_a_small_case() {
        // sklearn: adjusted_rand_score([0,0,0,1,1,1],[0,0,1,1,2,2]) = 0.24242424
        //          adjusted_mutual_info_score(...) = 0.29879245
        let r = score(&labels("aaabbb"), &labels("xxyyzz"));
        assert!((r.ari - 0.242_424_24).abs() < 1e-6, "{r:?}");
        assert!((r.ami - 0.298_792_45).abs() < 1e-6, "{r:?}");
        // 6 gold pairs, 3 predicted pairs, 2 shared.
        assert!((r.pairwise_p - 2.0 / 3.0).abs() < 1e-9);
        assert!((r.pairwise_r - 2.0 / 6.0).abs() < 1e-9);
    }
}
