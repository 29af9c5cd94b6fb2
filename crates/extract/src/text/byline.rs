//! Bylines: "May 29, 2015 - Written By Tom Dawson", "By Jane Doe and John Roe",
//! "By Jane Doe | March 3, 2019", "Posted on 2019-11-05 by admin", "Published: 3 March 2019".
//! The authors and the date text are taken; the date is not interpreted here.

use regex::Regex;
use std::sync::OnceLock;

/// What a byline line says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Byline {
    pub authors: Vec<String>,
    pub date: Option<String>,
    /// The date is an update time ("Updated: ...").
    pub modified: bool,
}

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

fn date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let time = r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?)?";
        let pattern = format!(
            r"(?i)(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}){time}"
        );
        Regex::new(&pattern).expect("valid")
    })
}

fn by_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)(?:^|[\s|•·,–—-])(?:(?:written|posted|published|reported|words|story|text)\s+)?by:?\s+(.+)$").expect("valid")
    })
}

/// Separators between a byline's parts ("By Jane Doe | March 3, 2019").
const PART_SEPARATORS: &[&str] = &[" | ", " • ", " · ", " - ", " – ", " — ", "|"];

/// Whether a line states a full date ("August 08, 2018", "2019-11-05").
pub(crate) fn contains_date(line: &str) -> bool {
    date_regex().is_match(line)
}

/// The length (bytes) of the first full date in a line, if any.
pub(crate) fn date_span(line: &str) -> Option<usize> {
    date_regex().find(line).map(|m| m.len())
}

/// Read a short line as a byline. `None` when it is not one.
pub(crate) fn parse(line: &str) -> Option<Byline> {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if words == 0 || words > 25 {
        return None;
    }
    let date_match = date_regex().find(line);
    let lower = line.to_lowercase();
    let modified = lower.starts_with("updated")
        || lower.starts_with("last updated")
        || lower.starts_with("modified");
    let authors = by_regex().captures(line).and_then(|c| {
        let by_start = c.get(0).map_or(0, |m| m.start());
        // "By" must open the line or follow a date or a verb like "Written"; otherwise it is
        // prose ("Stand by Me", "was developed by Google").
        let prefix = line[..by_start].trim();
        let prefix_ok = prefix.is_empty()
            || date_match.is_some_and(|d| d.start() < by_start)
            || regex_is_verbish(&line[by_start..]);
        if !prefix_ok {
            return None;
        }
        let mut names_text = c[1].to_string();
        if let Some(d) = date_regex().find(&names_text) {
            names_text.truncate(d.start());
        }
        for sep in PART_SEPARATORS {
            if let Some(i) = names_text.find(sep) {
                names_text.truncate(i);
            }
        }
        let names_text = names_text
            .trim()
            .trim_end_matches([',', ';', ':', '-', '|'])
            .trim();
        let names = split_names(names_text);
        (!names.is_empty() && names.iter().all(|n| plausible_name(n))).then_some(names)
    });
    let date_only = date_match.is_some_and(|d| {
        let rest = line[..d.start()].to_string() + &line[d.end()..];
        let rest = rest.to_lowercase();
        let rest = rest.trim_matches(|c: char| !c.is_alphanumeric());
        rest.is_empty() || regex_date_label().is_match(rest)
    });
    if authors.is_none() && !date_only {
        return None;
    }
    Some(Byline {
        authors: authors.unwrap_or_default(),
        date: date_match.map(|d| d.as_str().trim().to_string()),
        modified,
    })
}

fn regex_is_verbish(by_part: &str) -> bool {
    let lower = by_part
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    [
        "written",
        "posted",
        "published",
        "reported",
        "words",
        "story",
        "text",
    ]
    .iter()
    .any(|v| lower.starts_with(v))
}

/// What may stand around a date on a date line ("Published: ...", "Posted on ...", "Updated").
fn regex_date_label() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(posted|published|updated|last updated|modified|first published|date|dated|veröffentlicht|publié|publicado)?( on| at)?[\s:|-]*$").expect("valid")
    })
}

/// Split "Jane Doe, John Roe and Ann Lee" into names.
pub(crate) fn split_names(text: &str) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*").expect("valid")
    });
    re.split(text)
        .map(|n| n.trim().trim_start_matches("By ").trim().to_string())
        .filter(|n| !n.is_empty() && !is_role(n))
        .collect()
}

/// Job titles that follow names in bylines ("Ann Lee, Staff Writer"): not authors.
fn is_role(name: &str) -> bool {
    let last = name.split_whitespace().last().unwrap_or("").to_lowercase();
    [
        "writer",
        "reporter",
        "correspondent",
        "editor",
        "contributor",
        "staff",
        "columnist",
        "desk",
    ]
    .contains(&last.as_str())
}

/// A name has one to five words and no digits ("Jane Doe", "admin", "Ana de la Cruz").
fn plausible_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=5).contains(&words)
        && !name.chars().any(|c| c.is_ascii_digit())
        && name.chars().count() <= 60
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, authors: &[&str], date: Option<&str>) {
        let b = parse(line).unwrap_or_else(|| panic!("{line:?} is a byline"));
        assert_eq!(b.authors, authors, "{line}");
        assert_eq!(b.date.as_deref(), date, "{line}");
    }

    #[test]
    fn common_byline_shapes() {
        check(
            "May 29, 2015 - Written By Tom Dawson",
            &["Tom Dawson"],
            Some("May 29, 2015"),
        );
        check("By Jane Doe and John Roe", &["Jane Doe", "John Roe"], None);
        check(
            "By Jane Doe | March 3, 2019",
            &["Jane Doe"],
            Some("March 3, 2019"),
        );
        check(
            "Posted on 2019-11-05 by admin",
            &["admin"],
            Some("2019-11-05"),
        );
        check("Published: 3 March 2019", &[], Some("3 March 2019"));
        check(
            "By Ann Lee, Staff Writer • Jan. 4, 2021 at 5:30 p.m. ET",
            &["Ann Lee"],
            Some("Jan. 4, 2021 at 5:30 p.m. ET"),
        );
    }

    #[test]
    fn updated_dates_are_marked_modified() {
        assert!(parse("Updated: 2020-02-03").unwrap().modified);
    }

    #[test]
    fn prose_and_titles_are_not_bylines() {
        assert!(parse("Stand by Me turns 35").is_none());
        assert!(
            parse("The app was developed by Google engineers in 2019 and later sold").is_none()
        );
        assert!(parse("On March 3, 2019 the company opened its first store.").is_none());
    }
}
