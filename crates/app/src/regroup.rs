//! Regroup: recompute duplicates, events and storylines over the whole store.
//!
//! The grouping is derived state: it is rebuilt from the stored articles in publication
//! order, deterministically, and saved in one transaction. Grouping also lends dates:
//! an undated copy of a dated article is dated by inference from its copies.
//!
//! Several writers (PostgreSQL workers) regroup one at a time, under the store's
//! grouping lock held from the read to the save: each regroup groups every article
//! committed before it, so once the workers are done the grouping is the one a single
//! writer would compute over the same stored articles, whichever worker stored which.

use std::collections::HashMap;

use storyline_cluster::ClusterConfig;
use storyline_model::{Article, ArticleId, DateSource, Grouping, PartialDate};
use storyline_store::{ArticleQuery, StoreBackend};
use storyline_time::InferHints;

/// Every stored article, in the store's deterministic order (publication date, first seen, id).
pub fn all_articles(store: &dyn StoreBackend) -> anyhow::Result<Vec<Article>> {
    Ok(store.articles(&ArticleQuery::default())?)
}

/// Recompute and save the grouping, under the store's grouping lock; returns it.
pub fn regroup(store: &mut dyn StoreBackend) -> anyhow::Result<Grouping> {
    store.lock_grouping()?;
    let result = regroup_locked(store);
    // Released whatever happened (a dead worker's lock goes with its connection).
    let unlocked = store.unlock_grouping();
    let grouping = result?;
    unlocked?;
    Ok(grouping)
}

fn regroup_locked(store: &mut dyn StoreBackend) -> anyhow::Result<Grouping> {
    let config = ClusterConfig::default();
    let mut articles = all_articles(store)?;
    let mut grouping = storyline_cluster::cluster_all(&articles, &config);
    let redated = date_copies_from_each_other(&articles, &grouping);
    // Mark the search index behind before the store changes (crash recovery); a store
    // searched in the database (PostgreSQL) has no index to mark.
    let pending = if crate::index::keeps_index(store) {
        Some(crate::index::begin_write(store)?)
    } else {
        None
    };
    if !redated.is_empty() {
        store.replace_articles(&redated)?;
        // Dates decide which copy is canonical and where events start: group again with
        // the new dates (once: a second pass lends no new dates, only stated ones lend).
        articles = all_articles(store)?;
        grouping = storyline_cluster::cluster_all(&articles, &config);
    }
    store.save_grouping(&grouping)?;
    // Events, storylines and lent dates change indexed fields: re-index what differs.
    if let Some(pending) = pending {
        pending.sync_all(&articles, &grouping);
    }
    Ok(grouping)
}

fn is_stated(article: &Article) -> bool {
    matches!(article.published.source, Some(source) if source != DateSource::Inferred)
}

/// Articles with no stated date whose copies state one, re-dated by inference from those
/// copies (`source: inferred`), their relative date mentions re-anchored accordingly.
fn date_copies_from_each_other(articles: &[Article], grouping: &Grouping) -> Vec<Article> {
    let by_id: HashMap<&ArticleId, &Article> = articles.iter().map(|a| (&a.id, a)).collect();
    let mut redated = Vec::new();
    for group in &grouping.duplicates {
        let members: Vec<&Article> = std::iter::once(&group.canonical)
            .chain(&group.copies)
            .filter_map(|id| by_id.get(id).copied())
            .collect();
        let copy_dates: Vec<PartialDate> = members
            .iter()
            .filter(|a| is_stated(a))
            .filter_map(|a| a.published.date)
            .collect();
        if copy_dates.is_empty() {
            continue;
        }
        let hints = InferHints {
            copy_dates,
            ..InferHints::default()
        };
        for member in members.into_iter().filter(|a| !is_stated(a)) {
            let text = member.text();
            let Some(published) = storyline_time::infer_published(&text, &hints) else {
                continue;
            };
            if published != member.published {
                let mut article = member.clone();
                article.mentioned_dates = storyline_time::tag(&text, published.date);
                article.published = published;
                redated.push(article);
            }
        }
    }
    redated
}
