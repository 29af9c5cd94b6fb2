//! `duplicates`, `events`, `storylines`, `explain`, `recluster`.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use storyline_model::{Article, ArticleId, PartialDate};

use crate::args::StoreArgs;
use crate::output;

pub fn recluster(data: &Path, target: &StoreArgs) -> anyhow::Result<ExitCode> {
    let mut store = target.open(data)?;
    let grouping = storyline_app::regroup(store.as_mut())?;
    println!(
        "{} duplicate groups, {} events, {} storylines",
        grouping.duplicates.len(),
        grouping.events.len(),
        grouping.storylines.len()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn duplicates(data: &Path, json: bool, target: &StoreArgs) -> anyhow::Result<ExitCode> {
    let store = target.open(data)?;
    let grouping = store.grouping()?;
    if json {
        return print_lines(&grouping.duplicates);
    }
    let titles = titles(&storyline_app::all_articles(store.as_ref())?);
    for group in &grouping.duplicates {
        println!(
            "{}  {}",
            group.canonical,
            title_of(&titles, &group.canonical)
        );
        for copy in &group.copies {
            println!("  copy {}  {}", copy, title_of(&titles, copy));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn events(data: &Path, json: bool, target: &StoreArgs) -> anyhow::Result<ExitCode> {
    let store = target.open(data)?;
    let grouping = store.grouping()?;
    if json {
        return print_lines(&grouping.events);
    }
    let rows: Vec<Vec<String>> = grouping
        .events
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                span(e.first, e.last),
                e.articles.len().to_string(),
                e.sites.len().to_string(),
                output::clip(&e.title, 70),
            ]
        })
        .collect();
    output::print_table(&["event", "dates", "articles", "sites", "title"], &rows);
    Ok(ExitCode::SUCCESS)
}

pub fn storylines(data: &Path, json: bool, target: &StoreArgs) -> anyhow::Result<ExitCode> {
    let store = target.open(data)?;
    let grouping = store.grouping()?;
    if json {
        return print_lines(&grouping.storylines);
    }
    let rows: Vec<Vec<String>> = grouping
        .storylines
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                span(s.first, s.last),
                s.events.len().to_string(),
                s.articles.len().to_string(),
                output::clip(&s.title, 70),
            ]
        })
        .collect();
    output::print_table(
        &["storyline", "dates", "events", "articles", "title"],
        &rows,
    );
    Ok(ExitCode::SUCCESS)
}

pub fn explain(data: &Path, id: &str, json: bool, target: &StoreArgs) -> anyhow::Result<ExitCode> {
    let store = target.open(data)?;
    let Some(article) = store.article(id)? else {
        match store.data_dir() {
            Some(_) => bail!("no article with id {id:?} in {}", data.display()),
            None => bail!("no article with id {id:?} in the PostgreSQL store"),
        }
    };
    let articles = storyline_app::all_articles(store.as_ref())?;
    let grouping = store.grouping()?;
    let config = storyline_cluster::ClusterConfig::default();
    let Some(explanation) = storyline_cluster::explain(&articles, &grouping, &article.id, &config)
    else {
        bail!(
            "article {} is in no event yet: run `storyline recluster`",
            article.id
        );
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&explanation)?);
        return Ok(ExitCode::SUCCESS);
    }
    let titles = titles(&articles);
    println!("{}  {}", article.id, article.title);
    println!(
        "event     {}  {}",
        explanation.event, explanation.event_title
    );
    if let Some(days) = explanation.time_gap_days {
        println!("time gap  {days} days to the nearest article of the event");
    }
    println!(
        "shared entities  {}",
        explanation.shared_entities.join(", ")
    );
    println!("shared terms     {}", explanation.shared_terms.join(", "));
    println!("nearest articles:");
    for (id, similarity) in &explanation.nearest {
        println!("  {similarity:.3}  {id}  {}", title_of(&titles, id));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_lines<T: serde::Serialize>(items: &[T]) -> anyhow::Result<ExitCode> {
    for item in items {
        println!("{}", serde_json::to_string(item)?);
    }
    Ok(ExitCode::SUCCESS)
}

fn span(first: Option<PartialDate>, last: Option<PartialDate>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}..{b}"),
        _ => "undated".to_string(),
    }
}

fn titles(articles: &[Article]) -> HashMap<ArticleId, String> {
    articles
        .iter()
        .map(|a| (a.id.clone(), a.title.clone()))
        .collect()
}

fn title_of<'a>(titles: &'a HashMap<ArticleId, String>, id: &ArticleId) -> &'a str {
    titles.get(id).map(String::as_str).unwrap_or("")
}
