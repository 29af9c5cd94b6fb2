//! The stream order every algorithm here uses: dated articles by publication date, then
//! undated ones (a date known only to the year counts as undated), ties broken by whether
//! the date is stated (a stated date beats one inferred, e.g. lent by a copy), first-seen
//! time, source and id. A fixed order makes every grouping deterministic, and the first
//! article of a group is its canonical one.

use chrono::{DateTime, NaiveDate, Utc};
use storyline_model::{Article, ArticleId, DateSource};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StreamKey {
    undated: bool,
    date: Option<NaiveDate>,
    inferred: bool,
    first_seen: DateTime<Utc>,
    source: String,
    id: ArticleId,
}

impl StreamKey {
    pub fn of(article: &Article) -> Self {
        let date = publication_day(article);
        Self {
            undated: date.is_none(),
            date,
            inferred: article.published.source == Some(DateSource::Inferred),
            first_seen: article.first_seen,
            source: article.source.clone(),
            id: article.id.clone(),
        }
    }
}

/// The first day of the article's publication date, when it is known to the month at
/// least. A year alone ("2017", often inferred from the text) cannot place an article
/// within an event's two-week window, and read as January 1st it would put the article
/// months before its event in the stream: it is timed as undated instead.
pub fn publication_day(article: &Article) -> Option<NaiveDate> {
    article
        .published
        .date
        .filter(|date| date.month_value().is_some())
        .map(|date| date.first_day())
}

/// Indices of `articles` in stream order.
pub fn stream_order(articles: &[Article]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_cached_key(|&i| StreamKey::of(&articles[i]));
    order
}
