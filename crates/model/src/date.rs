//! Dates that say how much they know: a year, a month, or a day.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

impl FromStr for Precision {
    type Err = ParseDateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "year" => Ok(Precision::Year),
            "month" => Ok(Precision::Month),
            "day" => Ok(Precision::Day),
            other => Err(ParseDateError(format!("unknown precision {other:?}"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date: {0}")]
pub struct ParseDateError(pub String);

/// A calendar date known to year, month or day precision. Always a real date:
/// constructors refuse month 13 or February 30.
///
/// Serialises as `"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> Option<Self> {
        (1..=9999).contains(&year).then_some(Self {
            year,
            month: None,
            day: None,
        })
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        let valid = (1..=9999).contains(&year) && (1..=12).contains(&month);
        valid.then_some(Self {
            year,
            month: Some(month as u8),
            day: None,
        })
    }

    pub fn day(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day)?;
        Self::month(year, month).map(|d| Self {
            day: Some(day as u8),
            ..d
        })
    }

    pub fn from_naive(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: Some(date.month() as u8),
            day: Some(date.day() as u8),
        }
    }

    pub fn year_value(&self) -> i32 {
        self.year
    }

    pub fn month_value(&self) -> Option<u32> {
        self.month.map(u32::from)
    }

    pub fn day_value(&self) -> Option<u32> {
        self.day.map(u32::from)
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The same date cut down to at most `precision` (never invents precision).
    pub fn truncate(&self, precision: Precision) -> Self {
        match precision {
            Precision::Year => Self {
                month: None,
                day: None,
                ..*self
            },
            Precision::Month => Self { day: None, ..*self },
            Precision::Day => *self,
        }
    }

    /// The first day of the period this date names.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(
            self.year,
            self.month_value().unwrap_or(1),
            self.day_value().unwrap_or(1),
        )
        .expect("PartialDate is always valid")
    }

    /// The last day of the period this date names.
    pub fn last_day(&self) -> NaiveDate {
        match (self.month_value(), self.day_value()) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => {
                let (ny, nm) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
        .expect("PartialDate is always valid")
    }

    /// Whether `other` lies within the period this date names.
    pub fn contains(&self, other: &PartialDate) -> bool {
        self.first_day() <= other.first_day() && other.last_day() <= self.last_day()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = ParseDateError;
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParseDateError(s.to_string());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
        match parts.as_slice() {
            [y] if y.len() == 4 => PartialDate::year(num(y)? as i32).ok_or_else(bad),
            [y, m] if y.len() == 4 => PartialDate::month(num(y)? as i32, num(m)?).ok_or_else(bad),
            [y, m, d] if y.len() == 4 => {
                PartialDate::day(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad)
            }
            _ => Err(bad()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    FrontMatter,
    JsonLd,
    MetaTag,
    TimeElement,
    Url,
    Byline,
    Feed,
    RecordField,
    /// Deduced from evidence (mentions in the text, dated copies, crawl times).
    Inferred,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::FrontMatter => "front_matter",
            DateSource::JsonLd => "json_ld",
            DateSource::MetaTag => "meta_tag",
            DateSource::TimeElement => "time_element",
            DateSource::Url => "url",
            DateSource::Byline => "byline",
            DateSource::Feed => "feed",
            DateSource::RecordField => "record_field",
            DateSource::Inferred => "inferred",
        }
    }
}

impl FromStr for DateSource {
    type Err = ParseDateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(s.to_string()))
            .map_err(|_| ParseDateError(format!("unknown date source {s:?}")))
    }
}

/// An article's publication date: `{date, precision, source}` in JSON, all null when unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Published {
    pub date: Option<PartialDate>,
    pub precision: Option<Precision>,
    pub source: Option<DateSource>,
    /// 0..=1; 1.0 for stated dates, lower for inferred ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// The full timestamp as stated, time zone kept (e.g. `2019-11-05T08:11:00+01:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
}

impl Published {
    pub fn unknown() -> Self {
        Self::default()
    }

    /// A date stated by the document itself (confidence 1).
    pub fn stated(date: PartialDate, source: DateSource) -> Self {
        Self {
            date: Some(date),
            precision: Some(date.precision()),
            source: Some(source),
            confidence: Some(1.0),
            timestamp: None,
        }
    }

    pub fn inferred(date: PartialDate, confidence: f32) -> Self {
        Self {
            date: Some(date),
            precision: Some(date.precision()),
            source: Some(DateSource::Inferred),
            confidence: Some(confidence.clamp(0.0, 1.0)),
            timestamp: None,
        }
    }

    pub fn with_timestamp(mut self, timestamp: impl Into<String>) -> Self {
        self.timestamp = Some(timestamp.into());
        self
    }

    pub fn is_known(&self) -> bool {
        self.date.is_some()
    }
}

/// A date as a document states it, before interpretation: the text of a front-matter
/// field, a record field or a byline, with where it was found. The time crate parses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateCandidate {
    /// The date text as found (`2019-11-05T08:11:00+01:00`, `May 29, 2015`, `26-FEB-1987 15:01:01.79`).
    pub text: String,
    pub source: DateSource,
    /// True for a modification/update date, kept apart from the publication date.
    pub modified: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_round_trip_and_reject_impossible_dates() {
        for s in ["2019", "2019-11", "2019-11-05", "2016-02-29"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
        for s in ["2019-13", "2019-02-30", "2015-02-29", "19", "2019-1x", ""] {
            assert!(s.parse::<PartialDate>().is_err(), "{s} should be refused");
        }
    }

    #[test]
    fn periods_have_first_and_last_days() {
        let m: PartialDate = "2020-02".parse().unwrap();
        assert_eq!(m.last_day().to_string(), "2020-02-29");
        let y: PartialDate = "2018".parse().unwrap();
        assert!(y.contains(&"2018-12-31".parse().unwrap()));
        assert!(!y.contains(&"2019-01-01".parse().unwrap()));
    }

    #[test]
    fn published_serialises_with_nulls_when_unknown() {
        let json = serde_json::to_string(&Published::unknown()).unwrap();
        assert_eq!(json, r#"{"date":null,"precision":null,"source":null}"#);
        let p = Published::stated("2015-05-29".parse().unwrap(), DateSource::Byline);
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(v["date"], "2015-05-29");
        assert_eq!(v["precision"], "day");
        assert_eq!(v["source"], "byline");
    }
}
