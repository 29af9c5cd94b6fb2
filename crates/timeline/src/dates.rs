//! Which dates a timeline shows: every piece of coverage votes for the date it points
//! at, and the dates with the most independent votes win.
//!
//! A vote is an article published on a date, or a sentence mentioning a date. Votes are
//! counted per article, so one article repeating a date does not outvote two articles.
//! A mention of a date after its article's publication is a plan or a schedule: it votes
//! for a *planned* entry on that date (reported on the publication date).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use storyline_model::{EntryKind, PartialDate, Precision};

use crate::input::SourceArticle;

/// How fine the timeline's dates are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// Days for a few months of coverage, months for up to ten years, years beyond.
    #[default]
    Auto,
    Day,
    Month,
    Year,
}

impl std::str::FromStr for Granularity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(Granularity::Auto),
            "day" => Ok(Granularity::Day),
            "month" => Ok(Granularity::Month),
            "year" => Ok(Granularity::Year),
            other => Err(format!("{other:?}: expected auto, day, month or year")),
        }
    }
}

/// Coverage spanning up to this many days is laid out by day.
const DAY_SPAN_LIMIT: i64 = 120;
/// Up to this many days, by month; beyond, by year.
const MONTH_SPAN_LIMIT: i64 = 3660;

/// The precision a timeline's entries get for these articles.
pub fn resolve_granularity(granularity: Granularity, articles: &[SourceArticle]) -> Precision {
    match granularity {
        Granularity::Day => Precision::Day,
        Granularity::Month => Precision::Month,
        Granularity::Year => Precision::Year,
        Granularity::Auto => {
            let days: Vec<NaiveDate> = articles
                .iter()
                .filter_map(|a| a.published)
                .flat_map(|d| [d.first_day(), d.last_day()])
                .collect();
            let (Some(first), Some(last)) = (days.iter().min(), days.iter().max()) else {
                return Precision::Day;
            };
            match (*last - *first).num_days() {
                span if span <= DAY_SPAN_LIMIT => Precision::Day,
                span if span <= MONTH_SPAN_LIMIT => Precision::Month,
                _ => Precision::Year,
            }
        }
    }
}

/// A timeline slot: a date at the timeline's precision (or coarser, when the evidence
/// is coarser: an article dated only "2018" sits at "2018" on a monthly timeline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot {
    pub date: PartialDate,
    pub kind: EntryKind,
}

/// Where one sentence points, if anywhere: the slot of the first date it mentions that
/// the timeline can place.
pub fn sentence_slot(
    mention: &PartialDate,
    published: Option<PartialDate>,
    precision: Precision,
) -> Option<Slot> {
    let date = place(mention, precision)?;
    let kind = match published {
        Some(published) if is_after(&date, &published) => EntryKind::Planned,
        _ => EntryKind::Reported,
    };
    Some(Slot { date, kind })
}

/// A date at the timeline's precision; `None` when it is too coarse to place on a
/// day timeline (a month mentioned in a day-by-day timeline says too little).
pub fn place(date: &PartialDate, precision: Precision) -> Option<PartialDate> {
    if date.precision() >= precision {
        return Some(date.truncate(precision));
    }
    // Coarser than the timeline: a year on a monthly timeline is kept; on a daily one
    // it would crowd out the days, so it is dropped.
    (precision != Precision::Day).then_some(*date)
}

/// True when `date` lies wholly after `reference` (a "2020" plan reported in 2019; not a
/// "2019" plan reported in November 2019).
pub fn is_after(date: &PartialDate, reference: &PartialDate) -> bool {
    date.first_day() > reference.last_day()
}

/// Votes per slot: the articles published there and the articles whose sentences point
/// there. Each article counts once per slot.
#[derive(Debug, Default)]
pub struct Votes {
    pub published: BTreeMap<Slot, BTreeSet<usize>>,
    pub mentioned: BTreeMap<Slot, BTreeSet<usize>>,
}

impl Votes {
    pub fn count(articles: &[SourceArticle], precision: Precision, planned: bool) -> Votes {
        let mut votes = Votes::default();
        for (index, article) in articles.iter().enumerate() {
            let Some(published) = article.published else {
                continue;
            };
            if let Some(date) = place(&published, precision) {
                let slot = Slot {
                    date,
                    kind: EntryKind::Reported,
                };
                votes.published.entry(slot).or_default().insert(index);
            }
            for sentence in &article.sentences {
                for mention in &sentence.mentions {
                    let reference = planned.then_some(published);
                    if let Some(slot) = sentence_slot(&mention.covering(), reference, precision) {
                        votes.mentioned.entry(slot).or_default().insert(index);
                    }
                }
            }
        }
        votes
    }

    /// Every slot with a vote, scored by the square roots of the articles published in
    /// it and of the articles mentioning it.
    pub fn scored(&self) -> Vec<(Slot, f64, usize)> {
        let slots: BTreeSet<Slot> = self
            .published
            .keys()
            .chain(self.mentioned.keys())
            .copied()
            .collect();
        let empty = BTreeSet::new();
        slots
            .into_iter()
            .map(|slot| {
                let published = self.published.get(&slot).unwrap_or(&empty);
                let mentioned = self.mentioned.get(&slot).unwrap_or(&empty);
                // Square roots: a day with forty articles is not forty times a day with
                // one; a busy news day must not bury a day every later article recalls.
                let score = (published.len() as f64).sqrt()
                    + MENTION_WEIGHT * (mentioned.len() as f64).sqrt();
                let supporters = published.union(mentioned).count();
                (slot, score, supporters)
            })
            .collect()
    }
}

/// An article pointing at a day is evidence the day mattered as strong as an article
/// published on it: news recaps the key dates of a story.
pub const MENTION_WEIGHT: f64 = 1.0;
