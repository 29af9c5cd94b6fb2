//! Duplicate detection: the BBC set's labelled exact copies and retitled reposts, plus a
//! generated near-duplicate benchmark built from real articles (BBC, Reuters-21578,
//! Timeline17): copies wrapped in boilerplate, lightly edited (5% of words), truncated to
//! 60%, and three paragraphs quoted inside another article, among unrelated same-topic
//! articles as negatives. Generation uses a fixed-seed RNG, so figures are reproducible.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::Path;

use anyhow::Context;
use chrono::{NaiveDate, TimeZone, Utc};
use serde::Serialize;
use storyline_cluster::{DedupConfig, DedupIndex};
use storyline_model::{Article, ArticleId, DateSource, Format, PartialDate, Published};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DedupReport {
    /// Labelled exact groups in bbc/duplicates.json, and how many were found whole as exact.
    pub bbc_exact_groups: usize,
    pub bbc_exact_found: usize,
    /// Articles called exact copies outside any labelled exact group.
    pub bbc_exact_false: usize,
    pub bbc_retitled_pairs: usize,
    pub bbc_retitled_found: usize,
    /// Any copy link between BBC articles not labelled as copies.
    pub bbc_other_links: usize,
    /// Per generated kind: precision and recall of the copy links.
    pub generated: BTreeMap<String, KindScore>,
    /// Unrelated articles (originals, hosts and negatives) linked to something else.
    pub negatives: usize,
    pub negatives_flagged: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindScore {
    pub copies: usize,
    pub found: usize,
    pub wrong: usize,
    pub precision: f64,
    pub recall: f64,
}

/// Runs both parts on the shared data root (the folder holding `bbc/`, `reuters/`, `t17/`).
pub fn run(data_root: &Path) -> anyhow::Result<DedupReport> {
    let bbc = load_bbc(&data_root.join("bbc"))?;
    let labelled: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(data_root.join("bbc/duplicates.json"))
            .context("reading bbc/duplicates.json")?,
    )
    .context("parsing bbc/duplicates.json")?;
    let groups = |key: &str| -> Vec<Vec<String>> {
        labelled[key]
            .as_array()
            .into_iter()
            .flatten()
            .map(|g| {
                g.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .collect()
    };
    let exact_groups = groups("exact");
    let retitled = groups("same_body_other_title");

    let mut index = DedupIndex::new(DedupConfig::default());
    let mut link: HashMap<String, (String, String)> = HashMap::new();
    for (name, article) in &bbc {
        if let Some(found) = index.insert(article) {
            link.insert(
                name.clone(),
                (found.canonical.0.clone(), found.kind.as_str().to_string()),
            );
        }
    }
    let canonical_of = |name: &str| link.get(name).map_or(name.to_string(), |(c, _)| c.clone());
    let kind_of = |name: &str| link.get(name).map(|(_, k)| k.as_str());
    let exact_found = exact_groups
        .iter()
        .filter(|g| {
            let root = canonical_of(&g[0]);
            g.iter().all(|n| canonical_of(n) == root)
                && g.iter()
                    .filter(|n| link.contains_key(*n))
                    .all(|n| kind_of(n) == Some("exact"))
        })
        .count();
    let in_exact: std::collections::HashSet<&String> = exact_groups.iter().flatten().collect();
    let exact_false = link
        .iter()
        .filter(|(n, (_, k))| k == "exact" && !in_exact.contains(n))
        .inspect(|(n, (c, _))| tracing::info!("exact outside labels: {n} copies {c}"))
        .count();
    let retitled_found = retitled
        .iter()
        .filter(|g| g.iter().all(|n| canonical_of(n) == canonical_of(&g[0])))
        .count();
    let labelled_names: std::collections::HashSet<&String> =
        exact_groups.iter().chain(&retitled).flatten().collect();
    let other_links = link.keys().filter(|n| !labelled_names.contains(n)).count();

    let generated = generated_benchmark(data_root, &bbc, &labelled_names)?;
    Ok(DedupReport {
        bbc_exact_groups: exact_groups.len(),
        bbc_exact_found: exact_found,
        bbc_exact_false: exact_false,
        bbc_retitled_pairs: retitled.len(),
        bbc_retitled_found: retitled_found,
        bbc_other_links: other_links,
        generated: generated.0,
        negatives: generated.1,
        negatives_flagged: generated.2,
    })
}

/// A deterministic splitmix64 generator: reproducible benchmarks without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        storyline_cluster::text::mix64(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn article(id: &str, title: &str, body: Vec<String>, day: NaiveDate) -> Article {
    Article {
        id: ArticleId(id.to_string()),
        source: id.to_string(),
        title: title.to_string(),
        authors: Vec::new(),
        site: None,
        url: None,
        lang: Some("en".into()),
        body,
        published: Published::stated(PartialDate::from_naive(day), DateSource::RecordField),
        modified: None,
        mentioned_dates: Vec::new(),
        format: Format::Text,
        first_seen: Utc
            .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_default(),
        raw_hash: String::new(),
    }
}

/// BBC articles as (category/nnn.txt, article), sorted by name. One file is not UTF-8:
/// it is read lossily rather than skipped.
fn load_bbc(root: &Path) -> anyhow::Result<Vec<(String, Article)>> {
    let mut out = Vec::new();
    let day = NaiveDate::from_ymd_opt(2005, 1, 1).unwrap_or_default();
    for category in ["business", "entertainment", "politics", "sport", "tech"] {
        let dir = root.join(category);
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        for path in names {
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let text = String::from_utf8_lossy(&bytes);
            let mut lines = text.lines();
            let title = lines.next().unwrap_or("").trim().to_string();
            let body = paragraphs(&lines.collect::<Vec<_>>().join("\n"));
            let name = format!(
                "{category}/{}",
                path.file_name().and_then(|n| n.to_str()).unwrap_or("")
            );
            out.push((name.clone(), article(&name, &title, body, day)));
        }
    }
    Ok(out)
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reuters-21578 stories with at least `min_words` body words, up to `limit` of them.
pub fn load_reuters(path: &Path, min_words: usize, limit: usize) -> anyhow::Result<Vec<Article>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let day = NaiveDate::from_ymd_opt(1987, 3, 1).unwrap_or_default();
    let mut out = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{} line {}", path.display(), n + 1))?;
        let record: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{} line {}", path.display(), n + 1))?;
        let body = record["body"].as_str().unwrap_or("");
        // Long stories only: short ones are tables and one-line briefs.
        if body.split_whitespace().count() < min_words.max(1) {
            continue;
        }
        let title = record["title"].as_str().unwrap_or("");
        out.push(article(
            &format!("reuters/{n}"),
            title,
            paragraphs(body),
            day,
        ));
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}

fn load_t17(root: &Path, per_folder: usize) -> anyhow::Result<Vec<Article>> {
    let day = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default();
    let mut out = Vec::new();
    let mut folders: Vec<_> = std::fs::read_dir(root)
        .with_context(|| format!("reading {}", root.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        let mut files = Vec::new();
        let mut days: Vec<_> = std::fs::read_dir(folder.join("InputDocs"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        days.sort();
        for d in days {
            let mut f: Vec<_> = std::fs::read_dir(&d)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            f.sort();
            files.extend(f);
        }
        for path in files.into_iter().take(per_folder) {
            let text = String::from_utf8_lossy(&std::fs::read(&path)?).to_string();
            let body = paragraphs(&text);
            if body
                .iter()
                .map(|p| p.split_whitespace().count())
                .sum::<usize>()
                < 150
            {
                continue;
            }
            let id = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            out.push(article(
                &format!("t17/{id}"),
                &body[0].clone(),
                body[1..].to_vec(),
                day,
            ));
        }
    }
    Ok(out)
}

const KINDS: [&str; 4] = ["wrapped", "edited", "truncated", "quoted"];
const BOILERPLATE: &[&str] = &[
    "Sign up for our newsletter to get the top stories delivered to your inbox every morning.",
    "Share this article on Facebook Twitter Email Print",
    "Advertisement",
    "Related coverage: more from our correspondents around the world",
    "Copyright 2024 All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
];

/// Generates copies of originals and scores the index on them; returns per-kind scores,
/// the number of unrelated articles and how many of them were linked to something.
fn generated_benchmark(
    root: &Path,
    bbc: &[(String, Article)],
    labelled_bbc: &std::collections::HashSet<&String>,
) -> anyhow::Result<(BTreeMap<String, KindScore>, usize, usize)> {
    let mut pool: Vec<Article> = bbc
        .iter()
        .filter(|(n, a)| !labelled_bbc.contains(n) && a.word_count() >= 150)
        .map(|(_, a)| a.clone())
        .collect();
    pool.extend(load_reuters(
        &root.join("reuters/reuters21578.jsonl.gz"),
        150,
        1500,
    )?);
    pool.extend(load_t17(&root.join("t17"), 80)?);
    let mut rng = Rng(0x5eed_d00d);
    // Every fourth pool article is an original, every fourth (offset one) a quote host kept
    // out of the index; the rest are negatives.
    let originals: Vec<usize> = (0..pool.len()).filter(|i| i % 4 == 0).collect();
    let later = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or_default();
    let mut copies: Vec<(Article, usize, &str)> = Vec::new();
    for (n, &o) in originals.iter().enumerate() {
        let original = &pool[o];
        let kind = KINDS[n % KINDS.len()];
        let body = match kind {
            "wrapped" => {
                let mut b = vec![BOILERPLATE[rng.below(BOILERPLATE.len())].to_string()];
                b.extend(original.body.iter().cloned());
                b.push(BOILERPLATE[rng.below(BOILERPLATE.len())].to_string());
                b.push(BOILERPLATE[rng.below(BOILERPLATE.len())].to_string());
                b
            }
            "edited" => edit_words(&original.body, 0.05, &mut rng),
            "truncated" => truncate_words(&original.body, 0.6),
            _ => {
                let host = loop {
                    let h = rng.below(pool.len());
                    if h % 4 == 1 {
                        break h;
                    }
                };
                let start = rng.below(original.body.len().saturating_sub(3) + 1);
                let quote: Vec<String> =
                    original.body.iter().skip(start).take(3).cloned().collect();
                let mut b = pool[host].body.clone();
                let at = rng.below(b.len() + 1);
                b.splice(at..at, quote);
                b
            }
        };
        let title = if kind == "wrapped" {
            format!("{} | News", original.title)
        } else {
            original.title.clone()
        };
        copies.push((
            article(&format!("copy/{kind}/{n}"), &title, body, later),
            o,
            kind,
        ));
    }

    let mut index = DedupIndex::new(DedupConfig::default());
    let (mut flagged, mut inserted) = (0, 0);
    // The pool holds real copies of its own (wire stories, re-crawls): a generated copy is
    // right when it lands in its original's group, whichever article leads that group.
    let mut root: HashMap<ArticleId, ArticleId> = HashMap::new();
    for (i, a) in pool.iter().enumerate() {
        if i % 4 == 1 {
            continue; // quote hosts stay out of the index: the quoting article is new
        }
        inserted += 1;
        if let Some(found) = index.insert(a) {
            flagged += 1;
            root.insert(a.id.clone(), found.canonical);
        }
    }
    let mut scores: BTreeMap<String, KindScore> = BTreeMap::new();
    for (copy, origin, kind) in &copies {
        let s = scores.entry(kind.to_string()).or_insert(KindScore {
            copies: 0,
            found: 0,
            wrong: 0,
            precision: 0.0,
            recall: 0.0,
        });
        s.copies += 1;
        match index.insert(copy) {
            Some(found)
                if Some(&found.canonical)
                    == root.get(&pool[*origin].id).or(Some(&pool[*origin].id)) =>
            {
                s.found += 1
            }
            Some(_) => s.wrong += 1,
            None => {}
        }
    }
    for s in scores.values_mut() {
        let predicted = s.found + s.wrong;
        s.precision = if predicted == 0 {
            1.0
        } else {
            s.found as f64 / predicted as f64
        };
        s.recall = s.found as f64 / s.copies.max(1) as f64;
    }
    Ok((scores, inserted, flagged))
}

fn edit_words(body: &[String], share: f64, rng: &mut Rng) -> Vec<String> {
    body.iter()
        .map(|p| {
            p.split_whitespace()
                .map(|w| {
                    if (rng.next() % 10_000) as f64 / 10_000.0 < share {
                        "edited".to_string()
                    } else {
                        w.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn truncate_words(body: &[String], share: f64) -> Vec<String> {
    let total: usize = body.iter().map(|p| p.split_whitespace().count()).sum();
    let mut left = (total as f64 * share).round() as usize;
    let mut out = Vec::new();
    for p in body {
        if left == 0 {
            break;
        }
        let words: Vec<&str> = p.split_whitespace().take(left).collect();
        left -= words.len();
        out.push(words.join(" "));
    }
    out
}
