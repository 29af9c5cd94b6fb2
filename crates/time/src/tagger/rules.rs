//! The tagger's rules: regexes compiled once from the vocabulary tables, each turning a
//! match into a [`When`]. Overlaps are settled afterwards (longest match wins).

use std::sync::LazyLock;

use regex::{Captures, Regex};
use storyline_model::PartialDate;

use super::expression::When;
use crate::vocab::{alternation, lookup, ENGLISH};

/// A rule match: byte span in the text and its meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct RawMatch {
    pub start: usize,
    pub end: usize,
    pub when: When,
}

type Build = fn(&Captures) -> Option<When>;

struct Rule {
    re: Regex,
    build: Build,
}

const B: &str = r"(?-u:\b)";

fn words() -> (String, String, String, String, String) {
    let v = &ENGLISH;
    (
        alternation(v.months),
        alternation(v.ordinals),
        alternation(v.numbers),
        alternation(v.weekdays),
        alternation(v.deictics),
    )
}

/// "this year", "2019", "last year", "the following year": group `y` (a number) or `d` (a deictic).
fn year_expr(deictics: &str) -> String {
    format!(r"(?:(?P<y>(?:19|20)\d\d){B}|(?P<d>{deictics})\s+year{B})")
}

fn year_of(c: &Captures, months: Option<(u32, u32)>) -> Option<When> {
    if let Some(y) = c.name("y") {
        let year: i32 = y.as_str().parse().ok()?;
        return Some(match months {
            Some((a, b)) => When::Absolute {
                from: PartialDate::month(year, a)?,
                until: PartialDate::month(year, b),
            },
            None => When::Absolute {
                from: PartialDate::year(year)?,
                until: None,
            },
        });
    }
    let offset = c
        .name("d")
        .and_then(|d| lookup(ENGLISH.deictics, &squash(d.as_str())))?;
    Some(When::YearOffset { offset, months })
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn month_word(c: &Captures, name: &str) -> Option<u32> {
    let word = c.name(name)?.as_str();
    // "may" and "march" are verbs, abbreviations are words: a month must be capitalised.
    if !word.starts_with(|ch: char| ch.is_uppercase()) {
        return None;
    }
    lookup(ENGLISH.months, word)
}

fn number(c: &Captures, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

fn count(c: &Captures) -> Option<u32> {
    let word = c.name("n")?.as_str();
    word.parse()
        .ok()
        .or_else(|| lookup(ENGLISH.numbers, &squash(word)))
}

fn part_months(part: u32, of: u32) -> (u32, u32) {
    let len = 12 / of;
    ((part - 1) * len + 1, part * len)
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let (months, ordinals, numbers, weekdays, deictics) = words();
    let year = year_expr(&deictics);
    let parts = alternation(ENGLISH.year_parts);
    let units = alternation(ENGLISH.units);
    let ago = regex::escape(ENGLISH.ago);
    let preps = ENGLISH.year_prepositions.join("|");
    let rule = |pattern: String, build: Build| Rule {
        re: Regex::new(&format!("(?i){pattern}")).expect("tagger rule compiles"),
        build,
    };
    vec![
        // November 4th, 2019 / Nov. 5 2019
        rule(
            format!(
                r"{B}(?P<m>{months})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{B},?\s+(?P<y>(?:19|20)\d\d){B}"
            ),
            |c| {
                let (m, d, y) = (month_word(c, "m")?, number(c, "day")?, number(c, "y")?);
                Some(When::Absolute {
                    from: PartialDate::day(y as i32, m, d)?,
                    until: None,
                })
            },
        ),
        // 4 November 2019 / 4th of November, 2019
        rule(
            format!(
                r"{B}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{months})\.?,?\s+(?P<y>(?:19|20)\d\d){B}"
            ),
            |c| {
                let (m, d, y) = (month_word(c, "m")?, number(c, "day")?, number(c, "y")?);
                Some(When::Absolute {
                    from: PartialDate::day(y as i32, m, d)?,
                    until: None,
                })
            },
        ),
        // 2019-11-05
        rule(
            format!(r"{B}(?P<y>(?:19|20)\d\d)-(?P<mo>\d\d)-(?P<day>\d\d){B}"),
            |c| {
                let (y, m, d) = (number(c, "y")?, number(c, "mo")?, number(c, "day")?);
                Some(When::Absolute {
                    from: PartialDate::day(y as i32, m, d)?,
                    until: None,
                })
            },
        ),
        // November 4th / Nov 4 (year from the anchor)
        rule(
            format!(r"{B}(?P<m>{months})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{B}"),
            |c| {
                let (month, day) = (month_word(c, "m")?, number(c, "day")?);
                (1..=31)
                    .contains(&day)
                    .then_some(When::DayOfYear { month, day })
            },
        ),
        // the 4th of November
        rule(
            format!(r"{B}(?P<day>\d{{1,2}})(?:st|nd|rd|th)\s+of\s+(?P<m>{months}){B}"),
            |c| {
                let (month, day) = (month_word(c, "m")?, number(c, "day")?);
                (1..=31)
                    .contains(&day)
                    .then_some(When::DayOfYear { month, day })
            },
        ),
        // November 2019 / November of 2019
        rule(
            format!(r"{B}(?P<m>{months})\.?,?\s+(?:of\s+)?(?P<y>(?:19|20)\d\d){B}"),
            |c| {
                let (m, y) = (month_word(c, "m")?, number(c, "y")?);
                Some(When::Absolute {
                    from: PartialDate::month(y as i32, m)?,
                    until: None,
                })
            },
        ),
        // in November / last November / early November
        rule(
            format!(
                r"{B}(?P<p>in|since|by|until|till|during|from|before|after|through|last|next|this|early|late|mid|of|to)[\s-]+(?:early\s+|late\s+|mid-?)?(?P<m>{months}){B}"
            ),
            |c| {
                let month = month_word(c, "m")?;
                let shift = match c.name("p")?.as_str().to_lowercase().as_str() {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                Some(When::MonthOfYear { month, shift })
            },
        ),
        // the third quarter of 2019 / the second quarter of this year / the first half of 2019
        rule(
            format!(
                r"{B}(?:the\s+)?(?P<o>{ordinals})\s+(?P<u>quarter|half)(?:\s+(?:of|in)\s+{year})?"
            ),
            |c| {
                let part = lookup(ENGLISH.ordinals, c.name("o")?.as_str())?;
                let of = if c.name("u")?.as_str().eq_ignore_ascii_case("half") {
                    2
                } else {
                    4
                };
                if part > of {
                    return None;
                }
                let months = part_months(part, of);
                if c.name("y").is_none() && c.name("d").is_none() {
                    return Some(When::YearOffset {
                        offset: 0,
                        months: Some(months),
                    });
                }
                year_of(c, Some(months))
            },
        ),
        // Q3 2019 / Q3'19 / H1 2019 / 2019 Q3
        rule(
            format!(r"{B}(?P<u>[QH])(?P<o>[1-4])(?:\s*|\s*'|\s+of\s+)(?P<y>(?:19|20)\d\d){B}"),
            |c| {
                let part = number(c, "o")?;
                let of = if c.name("u")?.as_str().eq_ignore_ascii_case("h") {
                    2
                } else {
                    4
                };
                (part <= of).then(|| year_of(c, Some(part_months(part, of))))?
            },
        ),
        rule(
            format!(r"{B}(?P<y>(?:19|20)\d\d)\s+(?P<u>[QH])(?P<o>[1-4]){B}"),
            |c| {
                let part = number(c, "o")?;
                let of = if c.name("u")?.as_str().eq_ignore_ascii_case("h") {
                    2
                } else {
                    4
                };
                (part <= of).then(|| year_of(c, Some(part_months(part, of))))?
            },
        ),
        // late this year / early 2019 / the end of next year / mid-2020
        rule(format!(r"{B}(?P<f>{parts})[\s-]+(?:of\s+)?{year}"), |c| {
            let part = squash(&c.name("f")?.as_str().to_lowercase());
            year_of(c, Some(lookup(ENGLISH.year_parts, &part)?))
        }),
        // this year / last year / earlier this year / the following year
        rule(
            format!(
                r"{B}(?:(?:earlier|later)\s+)?(?P<d>{deictics})\s+(?P<u>year|month|week|decade){B}"
            ),
            |c| {
                let offset = lookup(ENGLISH.deictics, &squash(c.name("d")?.as_str()))?;
                let whole = c[0].to_lowercase();
                let part = if whole.starts_with("earlier") {
                    -1
                } else if whole.starts_with("later") {
                    1
                } else {
                    0
                };
                Some(match c.name("u")?.as_str().to_lowercase().as_str() {
                    "year" => When::YearOffset {
                        offset,
                        months: None,
                    },
                    "month" => When::MonthOffset(offset),
                    "week" => When::WeekOffset(offset),
                    _ => When::Decade { offset, part },
                })
            },
        ),
        // four years ago / 3 months ago
        rule(
            format!(r"{B}(?P<n>\d{{1,3}}|{numbers})\s+(?P<u>{units})\s+{ago}{B}"),
            |c| {
                let unit = lookup(ENGLISH.units, c.name("u")?.as_str())?;
                Some(When::Ago {
                    count: count(c)?,
                    unit,
                })
            },
        ),
        // yesterday / today / tomorrow
        rule(format!(r"{B}(?P<w>yesterday|today|tomorrow){B}"), |c| {
            let word = c.name("w")?.as_str();
            lookup(ENGLISH.day_words, word).map(When::DayOffset)
        }),
        // on Monday / last Friday / next Tuesday
        rule(
            format!(r"{B}(?P<p>on|last|next|this)\s+(?P<w>{weekdays}){B}"),
            |c| {
                let weekday = lookup(ENGLISH.weekdays, c.name("w")?.as_str())?;
                let next = c.name("p")?.as_str().eq_ignore_ascii_case("next");
                Some(When::Weekday { weekday, next })
            },
        ),
        // in the coming years / in the next few years / over the coming years
        rule(
            format!(
                r"{B}(?:in|over|within)\s+the\s+(?:coming|next(?:\s+few)?|following)\s+years{B}"
            ),
            |_| Some(When::ComingYears),
        ),
        // in 2020 / since 2015 / by 2025 (a bare number is a year only after a preposition)
        rule(
            format!(
                r"{B}(?:{preps})\s+(?:the\s+(?:year\s+)?|year\s+)?(?P<y>(?:19|20)\d\d){B}(?P<after>[.,]\d|%|\s*(?:{units}|million|billion|units|people|stores))?"
            ),
            |c| {
                if c.name("after").is_some() {
                    return None;
                }
                year_of(c, None)
            },
        ),
        // 2018-2019 / 2018–19 as a span
        rule(
            format!(r"{B}(?P<a>(?:19|20)\d\d)\s*[-–]\s*(?P<b>(?:19|20)?\d\d){B}"),
            |c| {
                let a: i32 = c.name("a")?.as_str().parse().ok()?;
                let b_text = c.name("b")?.as_str();
                let b: i32 = b_text.parse().ok()?;
                let b = if b_text.len() == 2 {
                    a / 100 * 100 + b
                } else {
                    b
                };
                if b <= a || b - a > 20 {
                    return None;
                }
                Some(When::Absolute {
                    from: PartialDate::year(a)?,
                    until: PartialDate::year(b),
                })
            },
        ),
    ]
});

/// Every rule match in `text` (overlapping), byte offsets. The span of a year-after-a-
/// preposition match starts at the year: "in" is context, not part of the date.
pub fn raw_matches(text: &str) -> Vec<RawMatch> {
    let mut out = Vec::new();
    for rule in RULES.iter() {
        for c in rule.re.captures_iter(text) {
            let Some(when) = (rule.build)(&c) else {
                continue;
            };
            let whole = c.get(0).expect("group 0 always matches");
            let mut start = whole.start();
            let end = whole.end();
            // Context words before the date ("in", "since", "on") are not part of it.
            if let Some(p) = c.name("p") {
                if p.start() == start && c.name("m").is_some() {
                    start = c.name("m").map_or(start, |m| m.start());
                }
            }
            if matches!(when, When::Absolute { until: None, .. }) {
                if let (Some(y), None) = (c.name("y"), c.name("m")) {
                    if c.name("u").is_none() && c.name("f").is_none() && c.name("day").is_none() {
                        start = y.start();
                    }
                }
            }
            out.push(RawMatch { start, end, when });
        }
    }
    out
}
