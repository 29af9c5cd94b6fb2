//! Why an article sits in its event: its nearest fellow members, the terms and entities
//! it shares with them, and the time between them. Recomputed from the articles and a
//! grouping, so it works without the in-memory state of the run that made the grouping.

use std::collections::HashMap;

use serde::Serialize;
use storyline_model::{Article, ArticleId, Grouping};

use crate::config::ClusterConfig;
use crate::events::pair_score;
use crate::features::{for_shared, Vocabulary};
use crate::order::publication_day;

const NEAREST: usize = 5;
const SHARED: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub article: ArticleId,
    pub event: String,
    pub event_title: String,
    /// The event's other articles most similar to this one, best first.
    pub nearest: Vec<(ArticleId, f32)>,
    pub shared_terms: Vec<String>,
    pub shared_entities: Vec<String>,
    /// Days between this article and the nearest dated fellow member (None when undated).
    pub time_gap_days: Option<i64>,
}

pub fn explain(
    articles: &[Article],
    grouping: &Grouping,
    id: &ArticleId,
    config: &ClusterConfig,
) -> Option<Explanation> {
    let event = grouping.events.iter().find(|e| e.articles.contains(id))?;
    let index_of: HashMap<&ArticleId, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.id, i))
        .collect();
    let own = *index_of.get(id)?;
    let mut vocabulary = Vocabulary::default();
    let features: Vec<_> = articles.iter().map(|a| vocabulary.add(a)).collect();

    let mut nearest: Vec<(usize, f32)> = event
        .articles
        .iter()
        .filter(|other| *other != id)
        .filter_map(|other| index_of.get(other).copied())
        .map(|i| {
            (
                i,
                pair_score(&vocabulary, &config.events, &features[own], &features[i]),
            )
        })
        .collect();
    nearest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

    let shared = |pick: fn(&crate::features::DocFeatures) -> &crate::features::Sparse| {
        let mut weights: HashMap<u32, f32> = HashMap::new();
        for (i, _) in nearest.iter().take(NEAREST) {
            for_shared(pick(&features[own]), pick(&features[*i]), |f, a, b| {
                *weights.entry(f).or_default() += a.min(b) * vocabulary.idf(f);
            });
        }
        let mut ranked: Vec<(u32, f32)> = weights.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .take(SHARED)
            .map(|(f, _)| vocabulary.name(f).trim_start_matches('@').to_string())
            .collect::<Vec<_>>()
    };
    let shared_terms = shared(|d| &d.text);
    let shared_entities = shared(|d| &d.entities);

    let own_day = publication_day(&articles[own]);
    let time_gap_days = own_day.and_then(|day| {
        nearest
            .iter()
            .filter_map(|(i, _)| publication_day(&articles[*i]))
            .map(|d| (d - day).num_days().abs())
            .min()
    });

    Some(Explanation {
        article: id.clone(),
        event: event.id.clone(),
        event_title: event.title.clone(),
        nearest: nearest
            .into_iter()
            .take(NEAREST)
            .map(|(i, s)| (articles[i].id.clone(), s))
            .collect(),
        shared_terms,
        shared_entities,
        time_gap_days,
    })
}
