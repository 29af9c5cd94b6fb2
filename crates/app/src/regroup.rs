//! Regroup: recompute duplicates, events and storylines over the whole store.
//!
//! The grouping is derived state: it is rebuilt from the stored articles in publication
//! order, deterministically, and saved in one transaction.

use storyline_cluster::ClusterConfig;
use storyline_model::{Article, Grouping};
use storyline_store::{ArticleQuery, Store};

/// Every stored article, in the store's deterministic order (publication date, first seen, id).
pub fn all_articles(store: &Store) -> anyhow::Result<Vec<Article>> {
    Ok(store.articles(&ArticleQuery::default())?)
}

/// Recompute and save the grouping; returns it.
pub fn regroup(store: &mut Store) -> anyhow::Result<Grouping> {
    let articles = all_articles(store)?;
    let grouping = storyline_cluster::cluster_all(&articles, &ClusterConfig::default());
    store.save_grouping(&grouping)?;
    Ok(grouping)
}
