//! Storyline's timeline builder run as a Timeline17 system: the articles' sentences are
//! tagged with the dates they mention (relative ones resolved against the publication
//! day), then `storyline_timeline::build` picks `l` days and `k` sentences per day.
//!
//! It reads only `l` and `k` from the task, as the news-tls protocol allows. The day
//! ranker is a fitted model ([`DateModel`]); on Timeline17 itself it is refitted leave
//! one topic out ([`StorylineSystem::leave_one_topic_out`]): the model that ranks a
//! topic's days never saw that topic's gold dates.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use storyline_model::{ArticleId, PartialDate};
use storyline_timeline::{
    date_features, DateFeatures, DateModel, Granularity, Mention, SourceArticle, SourceSentence,
    TimelineOptions,
};

use crate::timelines::{T17Article, Task, Timeline, T17};

/// L2 penalty of the day ranker's pairwise logistic regression (each timeline's pairs
/// weigh 1 in all). The leave-one-topic-out share of gold days among the top l moved by
/// 0.003 between 1e-3 and 1e-1.
pub const L2: f64 = 1e-3;

/// The system `storyline eval timelines` scores, with the shipped day ranker (fitted on
/// all of Timeline17: on Timeline17 use [`StorylineSystem::leave_one_topic_out`]).
pub fn storyline_system(task: &Task, articles: &[&T17Article]) -> Timeline {
    let sources: Vec<SourceArticle> = articles.iter().map(|a| source_article(a)).collect();
    let refs: Vec<&SourceArticle> = sources.iter().collect();
    run_system(task, &refs, DateModel::SHIPPED)
}

/// Storyline's system with every article tagged once and one day ranker per held-out
/// topic.
pub struct StorylineSystem {
    tagged: HashMap<String, SourceArticle>,
    /// Topic -> the model fitted without it; a topic missing here gets the shipped one.
    models: BTreeMap<String, DateModel>,
}

impl StorylineSystem {
    /// Tag every article of `data` (on up to two threads).
    pub fn tag(data: &T17) -> StorylineSystem {
        let all: Vec<&T17Article> = data.topics.iter().flat_map(|t| &t.articles).collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
        let chunk = all.len().div_ceil(threads).max(1);
        let tagged = std::thread::scope(|scope| {
            let handles: Vec<_> = all
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|a| (key(a), source_article(a)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        StorylineSystem {
            tagged,
            models: BTreeMap::new(),
        }
    }

    /// Tag `data` and fit, for each topic, a day ranker on the other topics' tasks.
    pub fn leave_one_topic_out(data: &T17) -> StorylineSystem {
        let mut system = StorylineSystem::tag(data);
        let examples: Vec<(&Task, Vec<(DateFeatures, bool)>)> = data
            .tasks
            .iter()
            .map(|task| (task, system.examples(data, task)))
            .collect();
        let topics: BTreeSet<&str> = data.tasks.iter().map(|t| t.topic.as_str()).collect();
        for topic in topics {
            let train: Vec<Vec<(DateFeatures, bool)>> = examples
                .iter()
                .filter(|(task, _)| task.topic != topic)
                .map(|(_, e)| e.clone())
                .collect();
            system.models.insert(topic.to_string(), fit(&train));
        }
        system
    }

    /// The day ranker fitted on every task of `data` (what [`DateModel::SHIPPED`] holds).
    pub fn fit_all(&self, data: &T17) -> DateModel {
        let train: Vec<Vec<(DateFeatures, bool)>> = data
            .tasks
            .iter()
            .map(|task| self.examples(data, task))
            .collect();
        fit(&train)
    }

    /// A task's candidate days, labelled with its gold dates.
    pub fn examples(&self, data: &T17, task: &Task) -> Vec<(DateFeatures, bool)> {
        let Some(topic) = data.topic(&task.topic) else {
            return Vec::new();
        };
        let input = task.input_articles(topic);
        let sources: Vec<SourceArticle> = self.sources(&input).into_iter().cloned().collect();
        let (from, to) = span(&input);
        date_features(&sources, false, from, to)
            .into_iter()
            .map(|(slot, x)| (x, task.gold.contains_key(&slot.date.first_day())))
            .collect()
    }

    fn sources<'a>(&'a self, articles: &[&T17Article]) -> Vec<&'a SourceArticle> {
        articles
            .iter()
            .filter_map(|a| self.tagged.get(&key(a)))
            .collect()
    }

    /// Run on one task (the [`crate::timelines::System`] shape).
    pub fn timeline(&self, task: &Task, articles: &[&T17Article]) -> Timeline {
        let model = self
            .models
            .get(&task.topic)
            .copied()
            .unwrap_or(DateModel::SHIPPED);
        run_system(task, &self.sources(articles), model)
    }
}

fn fit(groups: &[Vec<(DateFeatures, bool)>]) -> DateModel {
    DateModel::fit_pairwise(groups, L2)
}

fn key(article: &T17Article) -> String {
    format!("{}/{}/{}", article.folder, article.date, article.name)
}

/// The pool's first and last publication days: dates outside are background ("since
/// 2001"), not milestones of this coverage.
fn span(articles: &[&T17Article]) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let days = articles.iter().map(|a| a.date);
    (days.clone().min(), days.max())
}

fn run_system(task: &Task, sources: &[&SourceArticle], model: DateModel) -> Timeline {
    let sources: Vec<SourceArticle> = sources.iter().map(|s| (*s).clone()).collect();
    let days = sources.iter().filter_map(|a| a.published);
    let (from, to) = (days.clone().min(), days.max());
    let options = TimelineOptions {
        max_dates: Some(task.l),
        from,
        to,
        planned: false,
        sentences_per_date: task.k,
        granularity: Granularity::Day,
        date_model: Some(model),
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
