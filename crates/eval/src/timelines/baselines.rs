//! Two simple timeline systems that exercise the runner and the scorer. Neither is the
//! product's timeline system (that is crates/timeline).

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use super::{T17Article, Task, Timeline};

/// README.t17.md's "trivial timeline": for each gold date, the first k lines of the first
/// article published that day (articles in input order: date, folder, file name).
/// It reads the gold dates, so it is a scorer check, never a result to report.
pub fn first_sentences_baseline(task: &Task, articles: &[&T17Article]) -> Timeline {
    let mut out = Timeline::new();
    for date in task.gold.keys() {
        if let Some(article) = articles.iter().find(|a| a.date == *date) {
            out.insert(
                *date,
                article.sentences.iter().take(task.k).cloned().collect(),
            );
        }
    }
    out
}

/// An honest baseline in the spirit of news-tls's PUBCOUNT: the l days with the most
/// articles (ties to the earlier day), and for each the first lines of that day's
/// articles in order (one per article, skipping empty and repeated lines) until k.
pub fn pubcount_baseline(task: &Task, articles: &[&T17Article]) -> Timeline {
    let mut per_day: BTreeMap<NaiveDate, Vec<&T17Article>> = BTreeMap::new();
    for a in articles {
        per_day.entry(a.date).or_default().push(a);
    }
    let mut days: Vec<(&NaiveDate, &Vec<&T17Article>)> = per_day.iter().collect();
    // Stable sort on the count keeps ascending dates among equals.
    days.sort_by_key(|(_, day)| std::cmp::Reverse(day.len()));
    let mut out = Timeline::new();
    for (date, day_articles) in days.into_iter().take(task.l) {
        let mut seen = HashSet::new();
        let summary: Vec<String> = day_articles
            .iter()
            .filter_map(|a| a.sentences.iter().find(|s| !s.trim().is_empty()))
            .filter(|s| seen.insert(s.trim().to_string()))
            .take(task.k)
            .cloned()
            .collect();
        out.insert(*date, summary);
    }
    out
}
