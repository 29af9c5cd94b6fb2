//! Dated summaries of a set of articles: what happened when, who said so, and what was
//! planned for later.
//!
//! Owns: choosing a timeline's dates from publication dates and mentioned dates (by
//! votes, or for day timelines by a fitted linear model over per-day counts),
//! telling reported entries from planned ones, picking each entry's sentences
//! ([`build`]), and cutting an article into sentences for that ([`SourceArticle`]).
//!
//! Must not touch: the store, the search index, parsing dates out of text (the time
//! crate tags mentions before articles get here) or output formats. It sees articles
//! and returns a [`Timeline`]; callers choose which articles.

mod dates;
mod input;
mod ranker;
mod summary;

use std::collections::{BTreeSet, HashMap, HashSet};

use storyline_model::{
    EntryKind, PartialDate, Precision, SummarySentence, Timeline, TimelineEntry,
};

pub use dates::{resolve_granularity, Granularity, Slot};
pub use input::{sentence_spans, Mention, SourceArticle, SourceSentence};
pub use ranker::{date_features, DateFeatures, DateModel, FEATURES, FEATURE_NAMES};

use dates::{sentence_slot, Votes};
use summary::{Candidate, Weights};

/// What kind of timeline to build.
#[derive(Debug, Clone)]
pub struct TimelineOptions {
    /// At most this many dates; `None` keeps every date with enough support.
    pub max_dates: Option<usize>,
    /// At most this many sentences per date.
    pub sentences_per_date: usize,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub granularity: Granularity,
    /// Body sentences of an article that may summarise its publication date: news puts
    /// the summary first.
    pub lead_sentences: usize,
    /// Mentions of dates after their article's publication make `planned` entries. Off,
    /// every entry is `reported` (the Timeline17 task has no such distinction).
    pub planned: bool,
    /// Scores the days of a day-by-day timeline ([`ranker`]). `None`, or a coarser
    /// timeline, ranks by the square roots of publications and mentions ([`Votes`]):
    /// the model was fitted on days and says nothing about months.
    pub date_model: Option<DateModel>,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        TimelineOptions {
            max_dates: None,
            sentences_per_date: 2,
            from: None,
            to: None,
            granularity: Granularity::Auto,
            lead_sentences: 10,
            planned: true,
            date_model: Some(DateModel::SHIPPED),
        }
    }
}

/// Without `--dates`, a date needs an article published on it or this many articles
/// pointing at it: one passing mention is not a milestone.
const MIN_SUPPORT_WITHOUT_PUBLICATION: usize = 2;
/// Without `--dates`, a timeline still stops somewhere.
const DEFAULT_MAX_DATES: usize = 40;

/// Build a timeline over `articles`. Undated articles are listed in `undated`, never
/// placed; copies should already be left out by the caller (they would vote twice).
pub fn build(query: &str, articles: &[SourceArticle], options: &TimelineOptions) -> Timeline {
    let precision = resolve_granularity(options.granularity, articles);
    let votes = Votes::count(articles, precision, options.planned);
    let mut scored: Vec<(Slot, f64, usize)> = votes
        .scored()
        .into_iter()
        .filter(|(slot, _, _)| in_range(&slot.date, options))
        .collect();
    if let (Precision::Day, Some(model)) = (precision, &options.date_model) {
        let from = options.from.map(|d| d.first_day());
        let to = options.to.map(|d| d.last_day());
        let learned: HashMap<Slot, f64> = date_features(articles, options.planned, from, to)
            .into_iter()
            .map(|(slot, x)| (slot, model.score(&x)))
            .collect();
        for (slot, score, _) in scored.iter_mut() {
            if let Some(learned) = learned.get(slot) {
                *score = *learned;
            }
        }
    }
    if options.max_dates.is_none() {
        scored.retain(|(slot, _, supporters)| {
            votes.published.contains_key(slot) || *supporters >= MIN_SUPPORT_WITHOUT_PUBLICATION
        });
    }
    // Best first; ties go to the better-supported, then the earlier date.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    let limit = options.max_dates.unwrap_or(DEFAULT_MAX_DATES);

    let weights = Weights::learn(
        articles
            .iter()
            .flat_map(|a| a.title.iter().chain(a.sentences.iter().map(|s| &s.text)))
            .map(String::as_str),
    );
    let mut taken = Vec::new();
    let mut entries = Vec::new();
    for (slot, _, _) in scored {
        if entries.len() == limit {
            break;
        }
        let candidates = candidates(articles, slot, precision, options);
        let chosen = summary::summarise(
            &candidates,
            options.sentences_per_date,
            &weights,
            &mut taken,
        );
        if chosen.is_empty() {
            continue;
        }
        let summary = chosen
            .into_iter()
            .map(|i| {
                let candidate = &candidates[i];
                let article = &articles[candidate.article];
                SummarySentence {
                    text: candidate.text.clone(),
                    article: article.id.clone(),
                    site: article.site.clone(),
                    reported_on: (slot.kind == EntryKind::Planned)
                        .then_some(article.published)
                        .flatten(),
                }
            })
            .collect();
        entries.push(TimelineEntry {
            date: slot.date,
            precision: slot.date.precision(),
            kind: slot.kind,
            summary,
        });
    }
    entries.sort_by(|a, b| a.date.cmp(&b.date).then(a.kind.cmp(&b.kind)));
    let undated = articles
        .iter()
        .filter(|a| a.published.is_none())
        .map(|a| a.id.clone())
        .collect();
    Timeline {
        query: query.to_string(),
        entries,
        undated,
    }
}

fn in_range(date: &PartialDate, options: &TimelineOptions) -> bool {
    options
        .from
        .is_none_or(|from| date.last_day() >= from.first_day())
        && options
            .to
            .is_none_or(|to| date.first_day() <= to.last_day())
}

/// Sentences that may summarise `slot`: sentences naming its date, and for a reported
/// slot the titles and leads of the articles published in it (unless a lead sentence
/// names another date: then it belongs there).
fn candidates(
    articles: &[SourceArticle],
    slot: Slot,
    precision: storyline_model::Precision,
    options: &TimelineOptions,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut push = |out: &mut Vec<Candidate>, candidate: Candidate| {
        // Copies of a sentence across articles are one candidate.
        if seen.insert(candidate.text.to_lowercase()) {
            out.push(candidate);
        }
    };
    for (index, article) in articles.iter().enumerate() {
        let Some(published) = article.published else {
            continue;
        };
        let published_here = slot.kind == EntryKind::Reported
            && dates::place(&published, precision) == Some(slot.date);
        if published_here {
            if let Some(title) = &article.title {
                push(
                    &mut out,
                    Candidate {
                        article: index,
                        text: title.clone(),
                        position: 0,
                        recalls_date: false,
                    },
                );
            }
        }
        for (position, sentence) in article.sentences.iter().enumerate() {
            let slots: BTreeSet<Slot> = sentence
                .mentions
                .iter()
                .filter_map(|m| {
                    sentence_slot(
                        &m.covering(),
                        options.planned.then_some(published),
                        precision,
                    )
                })
                .collect();
            let names_date = slots.contains(&slot);
            let lead = published_here && position < options.lead_sentences && slots.is_empty();
            if names_date || lead {
                push(
                    &mut out,
                    Candidate {
                        article: index,
                        text: sentence.text.clone(),
                        position: position + 1,
                        recalls_date: names_date
                            && dates::place(&published, precision)
                                .is_some_and(|p| p.first_day() > slot.date.last_day()),
                    },
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
