//! What a temporal expression means before it is anchored, and how it resolves against
//! a publication date. Resolution never invents precision: an expression that needs the
//! anchor's day ("yesterday") stays unresolved when only the anchor's year is known.

use chrono::{Datelike, Duration, NaiveDate};
use storyline_model::PartialDate;

use crate::vocab::Unit;

/// The meaning of one expression.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// Stated outright: "29 May 2015", "Q3 2019" (a span), "in 2020".
    Absolute {
        from: PartialDate,
        until: Option<PartialDate>,
    },
    /// "this year" (0), "last year" (-1); with `months` a part of that year ("late this
    /// year" → 9..=12, "the second quarter of this year" → 4..=6).
    YearOffset {
        offset: i32,
        months: Option<(u32, u32)>,
    },
    /// "last month" (-1), "next month" (1), "this month" (0).
    MonthOffset(i32),
    /// "in November": the named month of the anchor's year; `shift` -1 for "last November".
    MonthOfYear { month: u32, shift: i32 },
    /// "November 4th": a day of the anchor's year.
    DayOfYear { month: u32, day: u32 },
    /// "yesterday" (-1), "today" (0), "tomorrow" (1).
    DayOffset(i32),
    /// "this week", "earlier this week" (0), "last week" (-1).
    WeekOffset(i32),
    /// "on Monday": the latest such weekday at or before the anchor (`next` = after).
    Weekday { weekday: u32, next: bool },
    /// "four years ago", "two months ago".
    Ago { count: u32, unit: Unit },
    /// "this decade" (0), with `part` -1 for "earlier", 1 for "later".
    Decade { offset: i32, part: i32 },
    /// "in the coming years": the next few years.
    ComingYears,
    /// Two expressions joined into one span: "late this year or in early 2019".
    Span(Box<When>, Box<When>),
}

/// A resolved value: start, optional end of span, and whether the anchor was needed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolved {
    pub date: PartialDate,
    pub until: Option<PartialDate>,
    pub anchored: bool,
}

impl When {
    /// Whether resolving needs a publication date.
    pub fn is_relative(&self) -> bool {
        match self {
            When::Absolute { .. } => false,
            When::Span(a, b) => a.is_relative() || b.is_relative(),
            _ => true,
        }
    }

    /// The value against `anchor` (`None`: only absolute expressions resolve).
    pub fn resolve(&self, anchor: Option<PartialDate>) -> Option<Resolved> {
        if let When::Absolute { from, until } = self {
            return Some(Resolved {
                date: *from,
                until: *until,
                anchored: false,
            });
        }
        if let When::Span(a, b) = self {
            let (a, b) = (a.resolve(anchor)?, b.resolve(anchor)?);
            let end = b.until.unwrap_or(b.date);
            if end.last_day() < a.date.first_day() {
                return None;
            }
            return Some(Resolved {
                date: a.date,
                until: Some(end),
                anchored: a.anchored || b.anchored,
            });
        }
        let anchor = anchor?;
        let year = anchor.year_value();
        let day_anchor = || anchor.day_value().map(|_| anchor.first_day());
        let span = |date: Option<PartialDate>, until: Option<PartialDate>| {
            date.map(|date| Resolved {
                date,
                until,
                anchored: true,
            })
        };
        match *self {
            When::YearOffset {
                offset,
                months: None,
            } => span(PartialDate::year(year + offset), None),
            When::YearOffset {
                offset,
                months: Some((first, last)),
            } => span(
                PartialDate::month(year + offset, first),
                PartialDate::month(year + offset, last),
            ),
            When::MonthOffset(offset) => {
                let month = anchor.month_value()? as i32 - 1 + offset;
                span(
                    PartialDate::month(
                        year + month.div_euclid(12),
                        month.rem_euclid(12) as u32 + 1,
                    ),
                    None,
                )
            }
            When::MonthOfYear { month, shift } => {
                let mut y = year;
                if shift < 0 && anchor.month_value().is_some_and(|m| m <= month) {
                    y -= 1;
                }
                if shift > 0 && anchor.month_value().is_some_and(|m| m >= month) {
                    y += 1;
                }
                span(PartialDate::month(y, month), None)
            }
            When::DayOfYear { month, day } => span(PartialDate::day(year, month, day), None),
            When::DayOffset(offset) => span(
                Some(PartialDate::from_naive(
                    day_anchor()? + Duration::days(offset.into()),
                )),
                None,
            ),
            When::WeekOffset(offset) => {
                let day = day_anchor()? + Duration::weeks(offset.into());
                let monday = day - Duration::days(day.weekday().num_days_from_monday().into());
                span(
                    Some(PartialDate::from_naive(monday)),
                    Some(PartialDate::from_naive(monday + Duration::days(6))),
                )
            }
            When::Weekday { weekday, next } => {
                let day = day_anchor()?;
                let today = day.weekday().num_days_from_monday();
                let date = if next {
                    day + Duration::days(((weekday + 7 - today - 1) % 7 + 1).into())
                } else {
                    day - Duration::days(((today + 7 - weekday) % 7).into())
                };
                span(Some(PartialDate::from_naive(date)), None)
            }
            When::Ago { count, unit } => ago(anchor, count, unit).map(|date| Resolved {
                date,
                until: None,
                anchored: true,
            }),
            When::Decade { offset, part } => {
                let start = (year.div_euclid(10) + offset) * 10;
                let (from, to) = match part {
                    p if p < 0 => (start, year.min(start + 9)),
                    p if p > 0 => ((year + 1).min(start + 9), start + 9),
                    _ => (start, start + 9),
                };
                span(PartialDate::year(from), PartialDate::year(to))
            }
            When::ComingYears => span(PartialDate::year(year + 1), PartialDate::year(year + 5)),
            When::Absolute { .. } | When::Span(..) => None,
        }
    }
}

/// `count` units before the anchor, at the precision of the unit and the anchor.
fn ago(anchor: PartialDate, count: u32, unit: Unit) -> Option<PartialDate> {
    let count = count as i32;
    match unit {
        Unit::Year => PartialDate::year(anchor.year_value() - count),
        Unit::Decade => PartialDate::year(anchor.year_value() - 10 * count),
        Unit::Month | Unit::Quarter | Unit::Half => {
            let per = match unit {
                Unit::Quarter => 3,
                Unit::Half => 6,
                _ => 1,
            };
            let month = anchor.month_value()? as i32 - 1 - per * count;
            PartialDate::month(
                anchor.year_value() + month.div_euclid(12),
                month.rem_euclid(12) as u32 + 1,
            )
        }
        Unit::Week | Unit::Day => {
            anchor.day_value()?;
            let days = if unit == Unit::Week { 7 * count } else { count };
            let date: NaiveDate = anchor.first_day() - Duration::days(days.into());
            Some(PartialDate::from_naive(date))
        }
    }
}
