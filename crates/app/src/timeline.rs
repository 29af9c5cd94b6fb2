//! Timelines over the store: choose the articles (a query or a storyline), leave out
//! copies so a repost does not vote twice, and hand them to the timeline builder.

use std::collections::HashSet;

use anyhow::Context;
use storyline_model::{Article, ArticleId, Timeline};
use storyline_store::Store;
use storyline_timeline::{SourceArticle, TimelineOptions};

/// Which articles a timeline covers.
#[derive(Debug, Clone)]
pub enum TimelineScope {
    /// Articles whose title or text holds every word of the query (case-insensitive).
    Query(String),
    /// The articles of one storyline (id or unique prefix).
    Storyline(String),
}

/// Build the timeline for `scope` from the stored articles and grouping.
pub fn timeline(
    store: &Store,
    scope: &TimelineScope,
    options: &TimelineOptions,
) -> anyhow::Result<Timeline> {
    let grouping = store.grouping()?;
    let copies: HashSet<&ArticleId> = grouping
        .duplicates
        .iter()
        .flat_map(|group| group.copies.iter())
        .collect();
    let (label, selected): (String, Vec<Article>) = match scope {
        TimelineScope::Query(query) => {
            let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
            let mut selected = Vec::new();
            store.for_each_article(|article| {
                if !copies.contains(&article.id) && matches_all(&article, &words) {
                    selected.push(article);
                }
            })?;
            (query.clone(), selected)
        }
        TimelineScope::Storyline(id) => {
            let storyline = find_storyline(&grouping.storylines, id)?;
            let mut selected = Vec::new();
            for article_id in &storyline.articles {
                if copies.contains(article_id) {
                    continue;
                }
                if let Some(article) = store.article(article_id.as_str())? {
                    selected.push(article);
                }
            }
            (storyline.title.clone(), selected)
        }
    };
    let sources: Vec<SourceArticle> = selected.iter().map(SourceArticle::from_article).collect();
    Ok(storyline_timeline::build(&label, &sources, options))
}

fn find_storyline<'a>(
    storylines: &'a [storyline_model::Storyline],
    id: &str,
) -> anyhow::Result<&'a storyline_model::Storyline> {
    let matching: Vec<_> = storylines.iter().filter(|s| s.id.starts_with(id)).collect();
    match matching.as_slice() {
        [one] => Ok(one),
        [] => None.with_context(|| format!("no storyline {id:?}")),
        _ => anyhow::bail!("storyline id {id:?} is ambiguous: {} match", matching.len()),
    }
}

fn matches_all(article: &Article, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let title = article.title.to_lowercase();
    let mut missing: Vec<&String> = words
        .iter()
        .filter(|w| !title.contains(w.as_str()))
        .collect();
    for paragraph in &article.body {
        if missing.is_empty() {
            break;
        }
        let paragraph = paragraph.to_lowercase();
        missing.retain(|w| !paragraph.contains(w.as_str()));
    }
    missing.is_empty()
}
