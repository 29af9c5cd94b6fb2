//! The temporal tagger: finds the dates a text mentions (absolute, relative, fuzzy) and
//! resolves them against the publication date. English rules over a vocabulary table
//! (`vocab::ENGLISH`); another language adds a table.

mod expression;
mod rules;
mod sentences;

use storyline_model::{DateMention, PartialDate};

pub use expression::{Resolved, When};

use rules::{raw_matches, RawMatch};

/// One expression found in a text, before resolution. Offsets are in chars.
#[derive(Debug, Clone, PartialEq)]
pub struct Expression {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: String,
    pub when: When,
}

/// Every temporal expression in `text`, in order, unresolved.
pub fn expressions(text: &str) -> Vec<Expression> {
    let mut matches = raw_matches(text);
    // Longest first, then earliest: "November 4th, 2019" beats "November 4th".
    matches.sort_by_key(|m| (std::cmp::Reverse(m.end - m.start), m.start));
    let mut kept: Vec<RawMatch> = Vec::new();
    for m in matches {
        if kept.iter().all(|k| m.end <= k.start || m.start >= k.end) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.start);
    let kept = join_spans(text, kept);
    let offsets = sentences::CharOffsets::new(text);
    kept.into_iter()
        .map(|m| Expression {
            text: text[m.start..m.end].to_string(),
            start: offsets.char_at(m.start),
            end: offsets.char_at(m.end),
            sentence: sentences::sentence_around(text, m.start, m.end).to_string(),
            when: m.when,
        })
        .collect()
}

/// "late this year or in early 2019": two ranges joined by "or"/"to"/"and" make one span.
fn join_spans(text: &str, matches: Vec<RawMatch>) -> Vec<RawMatch> {
    let mut out: Vec<RawMatch> = Vec::new();
    for m in matches {
        if let Some(last) = out.last_mut() {
            let between = text[last.end..m.start].trim().to_lowercase();
            let joiner = between
                .trim_start_matches(',')
                .trim()
                .strip_prefix("or")
                .or_else(|| between.strip_prefix("to"))
                .or_else(|| between.strip_prefix("through"))
                .or_else(|| between.strip_prefix("until"))
                .or_else(|| between.strip_prefix("and"))
                .or_else(|| between.strip_prefix('-'))
                .or_else(|| between.strip_prefix('–'))
                .map(str::trim);
            let joined = matches!(joiner, Some("" | "in" | "by" | "into" | "the"));
            if joined && is_period(&last.when) && is_period(&m.when) {
                last.end = m.end;
                last.when = When::Span(Box::new(last.when.clone()), Box::new(m.when));
                continue;
            }
        }
        out.push(m);
    }
    out
}

fn is_period(when: &When) -> bool {
    matches!(
        when,
        When::Absolute { .. }
            | When::YearOffset { .. }
            | When::MonthOfYear { .. }
            | When::MonthOffset(_)
            | When::Decade { .. }
    )
}

/// The dates `text` mentions, resolved against `anchor` (the publication date). Without
/// an anchor, relative expressions are left out; with a coarse anchor (a year), those
/// needing more ("yesterday") are left out: nothing is resolved against today's date.
pub fn tag(text: &str, anchor: Option<PartialDate>) -> Vec<DateMention> {
    let mut out = Vec::new();
    for e in expressions(text) {
        let resolved = match (&e.when, anchor) {
            // Without an anchor, keep the absolute half of a mixed span.
            (When::Span(a, b), None) if e.when.is_relative() => {
                let part = if a.is_relative() { b } else { a };
                part.resolve(None)
            }
            (when, anchor) => when.resolve(anchor),
        };
        let Some(r) = resolved else { continue };
        out.push(DateMention {
            text: e.text,
            start: e.start,
            end: e.end,
            date: r.date,
            until: r.until,
            precision: r.date.precision(),
            sentence: e.sentence,
            anchored: r.anchored,
        });
    }
    out
}
