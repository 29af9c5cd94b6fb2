//! Duplicates, events and storylines over articles in memory.
//!
//! Owns: copy detection ([`DedupIndex`]: exact hashes, MinHash LSH over word shingles
//! with datasketch's affine32 permutations ([`minhash`]), verified Jaccard and
//! containment), streaming event clustering ([`EventClusterer`]: TF-IDF with IDF so far,
//! entity-like phrases, a time window, an inverted index of events by top features),
//! storylines linking events, and explanations of a placement. Entry points:
//! [`cluster_all`] and [`explain`]. On an endless stream, [`DedupConfig::streaming`] and
//! [`EventConfig::streaming`] keep memory bounded (dedup window, event archive).
//!
//! Must not touch: the store, SQL, HTML, files, the network or the CLI. Input is model
//! [`Article`]s, output is a model [`Grouping`]. Deterministic: the same articles give the
//! same grouping whatever order or batches they arrive in (they are put in stream order).

pub mod baselines;
mod config;
mod dedup;
mod events;
mod explain;
mod features;
mod linkage;
pub mod minhash;
mod order;
mod storylines;
pub mod text;

use std::collections::HashMap;

use storyline_model::{Article, Event, Grouping};

pub use config::{
    ClusterConfig, DedupConfig, DedupScope, EventConfig, StorylineConfig, SPLIT_MIN_GROUP,
    STREAM_ARCHIVE_DAYS, STREAM_DEDUP_WINDOW_DAYS,
};
pub use dedup::{find_duplicates, CopyKind, DedupIndex, DuplicateOf};
pub use events::{EventClusterer, Placement};
pub use explain::{explain, Explanation};
pub use features::{DocFeatures, Vocabulary};
pub use order::{publication_day, stream_order};
pub use storylines::link_storylines;

/// Groups a whole collection: copies, events (streamed in publication order) and storylines.
pub fn cluster_all(articles: &[Article], config: &ClusterConfig) -> Grouping {
    let order = stream_order(articles);
    let duplicates = find_duplicates(articles, &config.dedup);

    let mut clusterer = EventClusterer::new(config.events.clone());
    for &i in &order {
        clusterer.insert(&articles[i]);
    }
    // Positions in the clusterer are stream positions; map back to article indices.
    let events: Vec<(Event, Vec<usize>)> = clusterer
        .events()
        .into_iter()
        .map(|positions| {
            let members: Vec<usize> = positions.iter().map(|&p| order[p]).collect();
            (make_event(articles, &members), members)
        })
        .collect();

    let mut vocabulary = Vocabulary::default();
    let features: Vec<DocFeatures> = articles.iter().map(|a| vocabulary.add(a)).collect();
    let storylines = link_storylines(
        articles,
        &features,
        &vocabulary,
        &events,
        &config.storylines,
    );
    Grouping {
        duplicates,
        events: events.into_iter().map(|(e, _)| e).collect(),
        storylines,
    }
}

/// Event clustering alone: the event index of every article (indices into `articles`).
pub fn event_assignments(articles: &[Article], config: &EventConfig) -> Vec<usize> {
    let order = stream_order(articles);
    let mut clusterer = EventClusterer::new(config.clone());
    for &i in &order {
        clusterer.insert(&articles[i]);
    }
    let by_position = clusterer.assignments();
    let mut out = vec![0; articles.len()];
    for (position, &i) in order.iter().enumerate() {
        out[i] = by_position[position];
    }
    out
}

fn make_event(articles: &[Article], members: &[usize]) -> Event {
    let first = &articles[members[0]];
    let title = members
        .iter()
        .map(|&i| articles[i].title.trim())
        .find(|t| !t.is_empty())
        .unwrap_or("")
        .to_string();
    let mut sites: Vec<String> = members
        .iter()
        .filter_map(|&i| articles[i].site.clone())
        .collect();
    sites.sort();
    sites.dedup();
    let dates: Vec<_> = members
        .iter()
        .filter_map(|&i| articles[i].published.date)
        .collect();
    let mut seen = HashMap::new();
    let ids = members
        .iter()
        .map(|&i| articles[i].id.clone())
        .filter(|id| seen.insert(id.clone(), ()).is_none())
        .collect();
    Event {
        id: format!("event-{}", first.id),
        title,
        articles: ids,
        sites,
        first: dates.iter().min().copied(),
        last: dates.iter().max().copied(),
    }
}
