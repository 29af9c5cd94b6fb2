//! Storylines: events linked over months or years by shared key entities and terms
//! (a company and a market), labelled with their strongest entities.

use std::collections::HashMap;

use storyline_model::{Article, Event, Storyline};

use crate::config::StorylineConfig;
use crate::features::{DocFeatures, Vocabulary};

/// An event's key entities, strongest first: entities named in titles count three times,
/// body mentions by sublinear frequency, IDF damped by a square root (the key entity of a
/// storyline recurs everywhere, so rarity matters less than presence). Bare numbers and
/// years are left out: they link unrelated events.
fn key_entities(vocabulary: &Vocabulary, members: &[&DocFeatures], keep: usize) -> Vec<u32> {
    let mut weights: HashMap<u32, f32> = HashMap::new();
    for doc in members {
        for (id, tf) in &doc.entities {
            *weights.entry(*id).or_default() += tf * vocabulary.idf(*id).sqrt();
        }
        for (id, _) in &doc.title_entities {
            *weights.entry(*id).or_default() += 3.0 * vocabulary.idf(*id).sqrt();
        }
    }
    let mut ranked: Vec<(u32, f32)> = weights
        .into_iter()
        .filter(|(id, _)| {
            !vocabulary
                .name(*id)
                .trim_start_matches('@')
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .collect();
    // Ties broken by id so that profiles are deterministic.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(keep);
    tracing::debug!(entities = ?ranked.iter().map(|(id, w)| (vocabulary.name(*id), *w)).collect::<Vec<_>>(), "event key entities");
    ranked.into_iter().map(|(id, _)| id).collect()
}

/// Two events belong to one storyline when the main entity of one is among the leading
/// entities of the other (the same company, person or place drives both).
fn linked(a: &[u32], b: &[u32], leading: usize) -> bool {
    let lead = |v: &[u32]| v.iter().take(leading).copied().collect::<Vec<_>>();
    a.first().is_some_and(|x| lead(b).contains(x)) || b.first().is_some_and(|x| lead(a).contains(x))
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Links events into storylines. `features[i]` belongs to `articles[i]`; `events` hold
/// indices into `articles`, in opening order.
pub fn link_storylines(
    articles: &[Article],
    features: &[DocFeatures],
    vocabulary: &Vocabulary,
    events: &[(Event, Vec<usize>)],
    config: &StorylineConfig,
) -> Vec<Storyline> {
    let profiles: Vec<Vec<u32>> = events
        .iter()
        .map(|(_, members)| {
            let docs: Vec<&DocFeatures> = members.iter().map(|&i| &features[i]).collect();
            key_entities(vocabulary, &docs, config.key_features)
        })
        .collect();
    let mut parent: Vec<usize> = (0..events.len()).collect();
    for i in 0..events.len() {
        for j in (i + 1)..events.len() {
            if linked(&profiles[i], &profiles[j], config.leading_entities) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..events.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut roots: Vec<usize> = groups.keys().copied().collect();
    roots.sort_unstable();
    roots
        .into_iter()
        .filter(|r| groups[r].len() >= config.min_events.max(1))
        .map(|root| {
            let members = &groups[&root];
            let all_docs: Vec<usize> = members.iter().flat_map(|&e| events[e].1.clone()).collect();
            let mut article_ids: Vec<_> =
                all_docs.iter().map(|&i| articles[i].id.clone()).collect();
            article_ids.sort();
            article_ids.dedup();
            let docs: Vec<&DocFeatures> = all_docs.iter().map(|&i| &features[i]).collect();
            Storyline {
                id: format!("story-{}", events[root].0.id.trim_start_matches("event-")),
                title: label(vocabulary, &docs),
                events: members.iter().map(|&e| events[e].0.id.clone()).collect(),
                articles: article_ids,
                first: members.iter().filter_map(|&e| events[e].0.first).min(),
                last: members.iter().filter_map(|&e| events[e].0.last).max(),
            }
        })
        .collect()
}

/// "Xiaomi · Japan · US": the three entities found in most of the storyline's articles,
/// IDF breaking near-ties; falls back to title terms when no entity recurs.
pub fn label(vocabulary: &Vocabulary, docs: &[&DocFeatures]) -> String {
    let mut counts: HashMap<u32, f32> = HashMap::new();
    for doc in docs {
        for (id, _) in &doc.entities {
            *counts.entry(*id).or_default() += 1.0;
        }
    }
    if counts.is_empty() {
        for doc in docs {
            for (id, _) in &doc.title {
                *counts.entry(*id).or_default() += 1.0;
            }
        }
    }
    let mut ranked: Vec<(u32, f32)> = counts
        .into_iter()
        .map(|(id, n)| (id, n * vocabulary.idf(id).sqrt()))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut names: Vec<String> = Vec::new();
    for (id, _) in ranked {
        let name = display(vocabulary.name(id).trim_start_matches('@'));
        // Skip a name already covered by a longer or shorter chosen one ("Lei" vs "Lei Jun").
        let covered = names.iter().any(|n| {
            let (a, b) = (n.to_lowercase(), name.to_lowercase());
            a.contains(&b) || b.contains(&a)
        });
        if !covered && !name.is_empty() {
            names.push(name);
        }
        if names.len() == 3 {
            break;
        }
    }
    names.join(" · ")
}

/// Title-cases a lowercased entity; short all-letter words (US, UK, EU) are upper-cased.
fn display(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            if w.len() <= 2 {
                w.to_uppercase()
            } else {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
