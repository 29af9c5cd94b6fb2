//! Inferring a publication date when nothing states one, from the text's own evidence:
//! reported (past-tense) absolute dates bound the writing date from below, future ones
//! from above, and spans mixing relative and absolute parts ("late this year or in early
//! 2019") pin the anchor year. Dated copies and crawl times come in as hints.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use regex::Regex;
use storyline_model::{PartialDate, Precision, Published};

use crate::tagger::{expressions, When};

/// Evidence from outside the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InferHints {
    /// Publication dates of copies of the same article (from the cluster stage).
    pub copy_dates: Vec<PartialDate>,
    /// When a crawler or feed poller fetched the document: the writing date is not later.
    pub fetched_at: Option<DateTime<Utc>>,
}

static PAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:was|were|had|did|said|reported|announced|confirmed|released|opened|launched|rose|fell|dropped|grew|increased|decreased|declined|ranked|took|became|showed|realized|realised|reached|sold|shipped|posted|recorded|cooperated|won|lost|signed|entered|began|started|ended|agreed|unveiled|revealed|published|according to)(?-u:\b)")
        .expect("past pattern compiles")
});
/// "confirmed to enter Japan in 2020": the date belongs to the infinitive, not the report.
static INFINITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)to\s+[a-z]+(?:\s+[a-z]+){0,4}\s+(?:in|by|from|on)\s*$")
        .expect("infinitive pattern compiles")
});
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:will|would|shall|plans?|planning|expects?|expected|intends?|aims?|going to|upcoming|could|should|might|ready to|set to|hopes?)(?-u:\b)")
        .expect("future pattern compiles")
});

/// The earliest day a reported period lets the text be written: after a quarter, half or
/// month ends (its results are in); within a year; on or after a day.
fn written_after(from: PartialDate, until: Option<PartialDate>) -> NaiveDate {
    let last = until.unwrap_or(from);
    match last.precision() {
        Precision::Day => last.first_day(),
        Precision::Month if until.is_some() => {
            last.last_day().succ_opt().unwrap_or(last.last_day())
        }
        Precision::Month => last.first_day(),
        Precision::Year => last.first_day(),
    }
}

/// A publication date inferred from `text` and `hints`, `source: Inferred`, with the
/// precision the evidence justifies (a year unless a reported day pins the month).
pub fn infer_published(text: &str, hints: &InferHints) -> Option<Published> {
    if let Some(earliest) = hints.copy_dates.iter().min_by_key(|d| d.first_day()) {
        return Some(Published::inferred(*earliest, 0.8));
    }
    let latest = hints.fetched_at.map(|t| t.date_naive());
    let exprs = expressions(text);
    let past = |e: &crate::tagger::Expression| {
        let before = e.sentence.find(&e.text).map_or("", |i| &e.sentence[..i]);
        PAST.is_match(&e.sentence) && !FUTURE.is_match(&e.sentence) && !INFINITIVE.is_match(before)
    };

    // 1. Reported absolute periods bound the writing date from below.
    let mut lower: Option<(NaiveDate, Precision)> = None;
    for e in &exprs {
        if let When::Absolute { from, until } = e.when {
            if past(e) {
                let day = written_after(from, until);
                if latest.is_none_or(|l| day <= l) && lower.is_none_or(|(d, _)| day > d) {
                    lower = Some((day, Precision::Year));
                }
            }
        }
    }
    // 2. Spans mixing relative and absolute parts pin the anchor year.
    let mut pinned: Option<i32> = None;
    for e in &exprs {
        if let When::Span(a, b) = &e.when {
            if a.is_relative() != b.is_relative() {
                let base = lower.map_or(1995, |(d, _)| d.year());
                let abs = if a.is_relative() { b } else { a };
                let Some(abs) = abs.resolve(None) else {
                    continue;
                };
                let center = abs.date.year_value();
                pinned = (center - 2..=center + 2).filter(|y| *y >= base).find(|y| {
                    e.when.resolve(PartialDate::year(*y)).is_some() && span_in_order(&e.when, *y)
                });
            }
        }
    }
    let year = pinned.or(lower.map(|(d, _)| d.year()))?;
    // 3. Reported days of the anchor year ("On November 4th") raise the bound to a month.
    for e in &exprs {
        if let When::DayOfYear { month, day } = e.when {
            if past(e) {
                let Some(date) = PartialDate::day(year, month, day) else {
                    continue;
                };
                let date = date.first_day();
                if lower.is_none_or(|(d, _)| date >= d) && latest.is_none_or(|l| date <= l) {
                    lower = Some((date, Precision::Month));
                }
            }
        }
    }
    match lower {
        Some((day, Precision::Month)) if day.year() == year => {
            PartialDate::month(day.year(), day.month()).map(|d| Published::inferred(d, 0.6))
        }
        _ => PartialDate::year(year).map(|d| Published::inferred(d, 0.5)),
    }
}

/// For a span "A or B" with one relative part: resolved with anchor year `y`, A must end
/// before B begins ("late this year or early 2019" only fits this year = 2018).
fn span_in_order(when: &When, y: i32) -> bool {
    let When::Span(a, b) = when else { return false };
    let anchor = PartialDate::year(y);
    match (a.resolve(anchor), b.resolve(anchor)) {
        (Some(a), Some(b)) => {
            let a_end = a.until.unwrap_or(a.date).last_day();
            a_end < b.date.first_day() && (b.date.first_day() - a_end).num_days() <= 62
        }
        _ => false,
    }
}
