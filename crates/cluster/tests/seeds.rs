//! The five seed articles: one storyline, `000` and `001` one event, no duplicates.

use std::path::PathBuf;

use chrono::Utc;
use storyline_cluster::{cluster_all, ClusterConfig};
use storyline_model::{Article, ArticleId, Format, Published};

fn seeds() -> Option<Vec<Article>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {} not found", dir.display());
        return None;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Some(
        paths
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).unwrap();
                let mut lines = text.lines();
                let title = lines.next().unwrap_or("").to_string();
                let body = lines
                    .collect::<Vec<_>>()
                    .join("\n")
                    .split("\n\n")
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                let name = p.file_name().unwrap().to_str().unwrap()[..3].to_string();
                Article {
                    id: ArticleId(name.clone()),
                    source: name,
                    title,
                    authors: vec![],
                    site: None,
                    url: None,
                    lang: None,
                    body,
                    published: Published::unknown(),
                    modified: None,
                    mentioned_dates: vec![],
                    format: Format::Text,
                    first_seen: Utc::now(),
                    raw_hash: String::new(),
                }
            })
            .collect(),
    )
}

#[test]
fn seeds_form_one_storyline_and_000_001_one_event() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("storyline_cluster=debug")
        .with_test_writer()
        .try_init();
    let Some(articles) = seeds() else { return };
    assert_eq!(articles.len(), 5);
    let grouping = cluster_all(&articles, &ClusterConfig::default());
    eprintln!("{}", serde_json::to_string_pretty(&grouping).unwrap());
    assert!(grouping.duplicates.is_empty(), "{:?}", grouping.duplicates);
    let event_of = |id: &str| {
        grouping
            .events
            .iter()
            .position(|e| e.articles.iter().any(|a| a.0 == id))
            .unwrap()
    };
    assert_eq!(event_of("000"), event_of("001"));
    let covered: usize = grouping
        .storylines
        .iter()
        .filter(|s| s.articles.len() == 5)
        .count();
    let all_in_one = grouping.events.len() == 1 || (grouping.storylines.len() == 1 && covered == 1);
    assert!(all_in_one, "{:?}", grouping.storylines);
    if let Some(story) = grouping.storylines.first() {
        assert!(story.title.contains("Xiaomi"), "{}", story.title);
    }
}
