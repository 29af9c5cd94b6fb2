//! Storyline's timeline builder run as a Timeline17 system: the articles' sentences are
//! tagged with the dates they mention (relative ones resolved against the publication
//! day), then `storyline_timeline::build` picks `l` days and `k` sentences per day.
//!
//! It reads only `l` and `k` from the task, as the news-tls protocol allows.

use storyline_model::{ArticleId, PartialDate};
use storyline_timeline::{Granularity, Mention, SourceArticle, SourceSentence, TimelineOptions};

use crate::timelines::{T17Article, Task, Timeline};

/// The system `storyline eval timelines` scores.
pub fn storyline_system(task: &Task, articles: &[&T17Article]) -> Timeline {
    let sources: Vec<SourceArticle> = articles.iter().map(|a| source_article(a)).collect();
    // Dates outside the pool's publication days are background ("since 2001"), not
    // milestones of this coverage.
    let days = articles.iter().map(|a| a.date);
    let (from, to) = (days.clone().min(), days.max());
    let options = TimelineOptions {
        max_dates: Some(task.l),
        from: from.map(PartialDate::from_naive),
        to: to.map(PartialDate::from_naive),
        planned: false,
        sentences_per_date: task.k,
        granularity: Granularity::Day,
        ..TimelineOptions::default()
    };
    let built = storyline_timeline::build(&task.topic, &sources, &options);
    built
        .entries
        .into_iter()
        .fold(Timeline::new(), |mut timeline, entry| {
            let day = entry.date.first_day();
            let sentences = timeline.entry(day).or_default();
            for sentence in entry.summary {
                if sentences.len() < task.k {
                    sentences.push(sentence.text);
                }
            }
            timeline
        })
}

fn source_article(article: &T17Article) -> SourceArticle {
    let anchor = PartialDate::from_naive(article.date);
    let sentences = article
        .sentences
        .iter()
        .map(|text| SourceSentence {
            mentions: storyline_time::tag(&detokenize(text), Some(anchor))
                .into_iter()
                .map(|m| Mention {
                    date: m.date,
                    until: m.until,
                })
                .collect(),
            text: text.clone(),
        })
        .collect();
    SourceArticle {
        id: ArticleId(format!(
            "{}/{}/{}",
            article.folder, article.date, article.name
        )),
        site: Some(article.folder.clone()),
        title: None,
        published: Some(anchor),
        sentences,
    }
}

/// Undo the Penn Treebank tokenisation enough for the date tagger ("May 29 , 2015",
/// "-LRB-"); the sentence itself is kept as given, since the gold is tokenised alike.
fn detokenize(text: &str) -> String {
    text.replace("-LRB-", "(")
        .replace("-RRB-", ")")
        .replace("``", "\"")
        .replace("''", "\"")
        .replace(" ,", ",")
        .replace(" .", ".")
        .replace(" 's", "'s")
        .replace(" n't", "n't")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenised_dates_are_found() {
        let anchor = PartialDate::from_naive(chrono::NaiveDate::from_ymd_opt(2010, 5, 3).unwrap());
        let text = detokenize("The rig exploded on April 20 , 2010 , and sank on Thursday .");
        let dates: Vec<String> = storyline_time::tag(&text, Some(anchor))
            .iter()
            .map(|m| m.date.to_string())
            .collect();
        assert!(dates.contains(&"2010-04-20".to_string()), "{dates:?}");
    }
}
