//! Parsing stated dates: the free-form date text of a meta tag, a front-matter field, a
//! record field or a byline ("2019-11-05T08:11:00+01:00", "May 29, 2015", "Nov. 5, 2019",
//! "26-FEB-1987 15:01:01.79", "2019/11/05", "5. März 2020", "2019年11月5日").

use std::sync::LazyLock;

use chrono::DateTime;
use regex::{Captures, Regex};
use storyline_model::{DateCandidate, PartialDate, Published};

use crate::vocab::{month_alternation, month_number, MONTH_NAMES};

/// A date found in a piece of text, with its char-free byte span in that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
    /// The match carried a time of day after the date.
    pub has_time: bool,
}

#[derive(Clone, Copy)]
enum Layout {
    /// year, month, day groups 1..3
    Ymd,
    /// day, month, year (numeric, European order)
    Dmy,
    /// first, second, year: day/month (most of the world's order) unless the second
    /// cannot be a month
    Slashed,
    /// day, month name, year
    DayMonthName,
    /// month name, day, year
    MonthNameDay,
    /// month name, year
    MonthNameYear,
    /// day, month, two-digit year ("8.5.12", "26/10/13"), day first as for [`Layout::Slashed`]
    ShortYear,
    /// C's asctime and Java's `Date.toString`: month name, day, time, zone, year
    /// ("Mon Oct 11 14:57:21 CEST 2021"); groups month, day, hour, minute, year
    Asctime,
}

struct Rule {
    re: Regex,
    layout: Layout,
}

const TIME: &str = r"(?:(?:T|,?\s+(?:at\s+|um\s+|à\s+)?)(\d{1,2}):(\d{2}))?";

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let months = month_alternation(MONTH_NAMES);
    let rule = |pattern: String, layout| Rule {
        re: Regex::new(&pattern).expect("date rule compiles"),
        layout,
    };
    vec![
        rule(
            format!(r"(?:^|[^\d])((\d{{4}})-(\d{{1,2}})-(\d{{1,2}})){TIME}"),
            Layout::Ymd,
        ),
        rule(
            format!(r"(?:^|[^\d])((\d{{4}})[/.](\d{{1,2}})[/.](\d{{1,2}})){TIME}"),
            Layout::Ymd,
        ),
        rule(
            r"(?:^|[^\d])((\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)()".to_string(),
            Layout::Ymd,
        ),
        rule(
            format!(r"(?:^|[^\d.])((\d{{1,2}})\.\s?(\d{{1,2}})\.\s?(\d{{4}})){TIME}"),
            Layout::Dmy,
        ),
        rule(
            format!(r"(?:^|[^\d/])((\d{{1,2}})[/-](\d{{1,2}})[/-](\d{{4}})){TIME}"),
            Layout::Slashed,
        ),
        rule(
            format!(
                r"(?i)(?:^|[^\d\w])((\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?[\s\-]*(?:de\s+)?({months})\.?,?[\s\-]*(?:de\s+)?(\d{{4}}))(?-u:\b){TIME}"
            ),
            Layout::DayMonthName,
        ),
        // A two-digit year only when nothing numeric follows: "1.2.33.4" is a version.
        rule(
            r"(?:^|[^\d./])((\d{1,2})([./])(\d{1,2})[./](\d{2}))(?:[^\d./]|[./](?:\s|$)|$)"
                .to_string(),
            Layout::ShortYear,
        ),
        rule(
            format!(
                r"(?i)(?:^|[^\w])(({months})\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}))(?-u:\b){TIME}"
            ),
            Layout::MonthNameDay,
        ),
        rule(
            format!(r"(?i)(?:^|[^\w])(({months})\.?,?\s+(\d{{4}}))(?-u:\b)()"),
            Layout::MonthNameYear,
        ),
        rule(
            format!(
                r"(?i)(?:^|[^\w])(({months})\.?\s+(\d{{1,2}})\s+(\d{{1,2}}):(\d{{2}})(?::\d{{2}})?(?:\s+[a-z]{{2,5}})?\s+(\d{{4}}))(?-u:\b)"
            ),
            Layout::Asctime,
        ),
    ]
});

static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})(?:\d{4,6})?$").expect("compiles"));
static YEAR_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})[-/.](\d{1,2})$").expect("compiles"));
static YEAR_ONLY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{4})$").expect("compiles"));

fn num(caps: &Captures, i: usize) -> Option<u32> {
    caps.get(i)?.as_str().parse().ok()
}

fn to_date(caps: &Captures, layout: Layout) -> Option<PartialDate> {
    match layout {
        Layout::Ymd => PartialDate::day(num(caps, 2)? as i32, num(caps, 3)?, num(caps, 4)?),
        Layout::Dmy => PartialDate::day(num(caps, 4)? as i32, num(caps, 3)?, num(caps, 2)?),
        Layout::Slashed => {
            let (a, b, y) = (num(caps, 2)?, num(caps, 3)?, num(caps, 4)? as i32);
            if b > 12 {
                PartialDate::day(y, a, b)
            } else {
                PartialDate::day(y, b, a)
            }
        }
        Layout::DayMonthName => {
            let month = month_number(caps.get(3)?.as_str())?;
            PartialDate::day(num(caps, 4)? as i32, month, num(caps, 2)?)
        }
        Layout::MonthNameDay => {
            let month = month_number(caps.get(2)?.as_str())?;
            PartialDate::day(num(caps, 4)? as i32, month, num(caps, 3)?)
        }
        Layout::MonthNameYear => {
            let month = month_number(caps.get(2)?.as_str())?;
            PartialDate::month(num(caps, 3)? as i32, month)
        }
        Layout::ShortYear => {
            let (a, b, y) = (num(caps, 2)?, num(caps, 4)?, num(caps, 5)?);
            // htmldate's window: 90-99 are the 1990s, the rest this century.
            let year = if y >= 90 { 1900 + y } else { 2000 + y } as i32;
            // A dot needs the same dot twice ("8.5.12"), a slash the same slash.
            if caps[1].matches(&caps[3]).count() != 2 {
                return None;
            }
            if b > 12 {
                PartialDate::day(year, a, b)
            } else {
                PartialDate::day(year, b, a)
            }
        }
        Layout::Asctime => {
            let month = month_number(caps.get(2)?.as_str())?;
            PartialDate::day(num(caps, 6)? as i32, month, num(caps, 3)?)
        }
    }
}

/// Every date written out in `text` (numeric, with month names, CJK), in order of
/// position; overlapping matches keep the most precise, earliest one.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let mut found: Vec<FoundDate> = Vec::new();
    for rule in RULES.iter() {
        for caps in rule.re.captures_iter(text) {
            let Some(span) = caps.get(1) else { continue };
            // No lookahead in `regex`: refuse a date glued to more digits ("2019-11-0512").
            if text[span.end()..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let Some(date) = to_date(&caps, rule.layout) else {
                continue;
            };
            let has_time = match rule.layout {
                Layout::MonthNameYear | Layout::ShortYear => false,
                Layout::Asctime => true,
                _ => caps.get(5).is_some_and(|m| !m.as_str().is_empty()),
            };
            found.push(FoundDate {
                start: span.start(),
                end: span.end(),
                date,
                has_time,
            });
        }
    }
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.date.precision()), f.end));
    let mut kept: Vec<FoundDate> = Vec::new();
    for f in found {
        if kept.last().is_some_and(|last| f.start < last.end) {
            continue;
        }
        kept.push(f);
    }
    kept
}

/// Parse one stated date. Returns the date at the precision the text states, and the
/// timestamp normalised to RFC 3339 when it carries a time (with its zone when stated).
pub fn parse_date_text(text: &str) -> Option<(PartialDate, Option<String>)> {
    let text = text.trim();
    if text.is_empty() || text.len() > 200 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some((
            PartialDate::from_naive(dt.date_naive()),
            Some(dt.to_rfc3339()),
        ));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Some((
            PartialDate::from_naive(dt.date_naive()),
            Some(dt.to_rfc3339()),
        ));
    }
    if let Some(c) = COMPACT.captures(text) {
        return PartialDate::day(num(&c, 1)? as i32, num(&c, 2)?, num(&c, 3)?).map(|d| (d, None));
    }
    if let Some(c) = YEAR_MONTH.captures(text) {
        return PartialDate::month(num(&c, 1)? as i32, num(&c, 2)?).map(|d| (d, None));
    }
    if let Some(c) = YEAR_ONLY.captures(text) {
        return PartialDate::year(num(&c, 1)? as i32).map(|d| (d, None));
    }
    let first = find_dates(text).into_iter().next()?;
    let timestamp = first.has_time.then(|| text.to_string());
    Some((first.date, timestamp))
}

/// Parse a date candidate handed over by extraction (front matter, record field, byline).
/// Modification dates are not publication dates: they give `None`.
pub fn parse_candidate(candidate: &DateCandidate) -> Option<Published> {
    if candidate.modified {
        return None;
    }
    let (date, timestamp) = parse_date_text(&candidate.text)?;
    let published = Published::stated(date, candidate.source);
    Some(match timestamp {
        Some(ts) => published.with_timestamp(ts),
        None => published,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_model::{DateSource, Precision};

    fn parsed(text: &str) -> Option<String> {
        parse_date_text(text).map(|(d, _)| d.to_string())
    }

    #[test]
    fn iso_dates_keep_their_timestamp_and_zone() {
        let (date, ts) = parse_date_text("2019-11-05T08:11:00+01:00").unwrap();
        assert_eq!(date.to_string(), "2019-11-05");
        assert_eq!(ts.as_deref(), Some("2019-11-05T08:11:00+01:00"));
        assert_eq!(parsed("2019-11-05 08:11"), Some("2019-11-05".into()));
        assert_eq!(parsed("2019-11-05"), Some("2019-11-05".into()));
    }

    #[test]
    fn rfc2822_and_named_months_parse() {
        let (date, ts) = parse_date_text("Tue, 05 Nov 2019 08:11:00 +0100").unwrap();
        assert_eq!(date.to_string(), "2019-11-05");
        assert!(ts.unwrap().starts_with("2019-11-05T08:11:00+01:00"));
        assert_eq!(parsed("May 29, 2015"), Some("2015-05-29".into()));
        assert_eq!(parsed("29 May 2015"), Some("2015-05-29".into()));
        assert_eq!(parsed("Nov. 5, 2019"), Some("2019-11-05".into()));
        assert_eq!(parsed("26-FEB-1987 15:01:01.79"), Some("1987-02-26".into()));
        assert_eq!(parsed("5. März 2020"), Some("2020-03-05".into()));
        assert_eq!(parsed("2019年11月5日"), Some("2019-11-05".into()));
        assert_eq!(parsed("15 августа 2016, 13:43"), Some("2016-08-15".into()));
        assert_eq!(
            parsed("Mon Oct 11 14:57:21 CEST 2021"),
            Some("2021-10-11".into())
        );
        assert_eq!(
            parsed("Fri Feb 18 10:27:24 2022"),
            Some("2022-02-18".into())
        );
        assert_eq!(
            parsed("Sat, Dec 16 2023 02:02:33 PM"),
            Some("2023-12-16".into())
        );
    }

    #[test]
    fn numeric_layouts_parse() {
        assert_eq!(parsed("2019/11/05"), Some("2019-11-05".into()));
        assert_eq!(parsed("05.11.2019"), Some("2019-11-05".into()));
        // Day first unless the second number cannot be a month.
        assert_eq!(parsed("05/11/2019"), Some("2019-11-05".into()));
        assert_eq!(parsed("11/25/2019"), Some("2019-11-25".into()));
        assert_eq!(parsed("25/12/2019"), Some("2019-12-25".into()));
        assert_eq!(parsed("20191105"), Some("2019-11-05".into()));
        assert_eq!(parsed("8.5.12"), Some("2012-05-08".into()));
        assert_eq!(parsed("Von: B. J. | 31.10.23"), Some("2023-10-31".into()));
        assert_eq!(parsed("am 26/10/13, 03:48"), Some("2013-10-26".into()));
        assert_eq!(parsed("31.12.98"), Some("1998-12-31".into()));
        // Versions and mixed separators are not dates.
        assert_eq!(parsed("version 1.2.33.4"), None);
        assert_eq!(parsed("3.10/12"), None);
    }

    #[test]
    fn partial_dates_keep_their_precision() {
        let (d, _) = parse_date_text("2019-11").unwrap();
        assert_eq!(d.precision(), Precision::Month);
        let (d, _) = parse_date_text("November 2019").unwrap();
        assert_eq!(d.to_string(), "2019-11");
        let (d, _) = parse_date_text("2019").unwrap();
        assert_eq!(d.precision(), Precision::Year);
    }

    #[test]
    fn impossible_and_empty_dates_are_refused() {
        for text in [
            "2019-02-30",
            "31.02.2019",
            "",
            "hello",
            "2019-13",
            "00000000",
        ] {
            assert_eq!(parsed(text), None, "{text}");
        }
    }

    #[test]
    fn candidates_carry_source_and_skip_modified() {
        let c = DateCandidate {
            text: "May 29, 2015 - Written By Tom Dawson".into(),
            source: DateSource::Byline,
            modified: false,
        };
        let p = parse_candidate(&c).unwrap();
        assert_eq!(p.date.unwrap().to_string(), "2015-05-29");
        assert_eq!(p.source, Some(DateSource::Byline));
        let m = DateCandidate {
            modified: true,
            ..c
        };
        assert_eq!(parse_candidate(&m), None);
    }
}
