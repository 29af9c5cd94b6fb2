//! The last resort of the cascade: dates written in the page's visible text. A date right
//! after a publication label ("Published:", "Veröffentlicht am", "Posted on") wins; else
//! the date written most often, the earliest on ties (copies of the publication date in
//! headers and footers outnumber one-off dates in the text).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use storyline_model::{DateSource, PartialDate};

use super::elements::floor_char_boundary;
use super::{Bounds, Stated};
use crate::parse::find_dates;

/// A label right before a date: "Published:", "Posted on", "Veröffentlicht am", or a
/// byline "by Jane Doe on", "von X am", "By Jane Doe |". A bare "on"/"am" is not one: in
/// prose it introduces any date the article mentions ("On July 31, the senators...").
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:published|posted|veröffentlicht|publiziert|erschienen|erstellt|publié|publicado|pubblicato|gepubliceerd|opublikowano|written|dated?|datum|stand|fecha)\s*(?:on|am|le|el)?\s*[:|\-–]?|(?:^|[^\w])(?:by|von|par|por|door)\s+[^\s.;:,|·]+(?:\s+[^\s.;:,|·]+){0,3}?(?:\s+(?:on|am|le|el|il|op)|\s*[|·,–\-]))\s*(?:\w+,\s*)?$")
        .expect("label pattern compiles")
});
static LATER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:updated|modified|aktualisiert|geändert|mis à jour|actualizado|last edited)\s*(?:on|am|le|el)?\s*[:|\-–]?\s*(?:\w+,\s*)?$")
        .expect("later label pattern compiles")
});

static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{4})[-/](\d{2})[-/](\d{2})[T ]\d{2}:\d{2}:\d{2}")
        .expect("timestamp pattern compiles")
});

/// The first full timestamp (`2019-11-05T08:11:00`, `2019/11/05 08:11:00`) anywhere in
/// the page, scripts included: a date and time of day written by software for software is
/// the page's own record (a JSON blob, a tracking call), not a date an author mentions.
pub fn first_timestamp(html: &str, bounds: &Bounds) -> Option<Stated> {
    TIMESTAMP.captures_iter(html).find_map(|caps| {
        let number = |i: usize| caps[i].parse::<u32>().ok();
        let date = PartialDate::day(number(1)? as i32, number(2)?, number(3)?)?;
        bounds.allows(&date).then(|| stated(date, 1))
    })
}

/// The publication date the visible text states, within `bounds`.
pub fn text_date(text: &str, bounds: &Bounds) -> Option<Stated> {
    let found: Vec<_> = find_dates(text)
        .into_iter()
        .filter(|f| f.date.day_value().is_some() && bounds.allows(&f.date))
        .collect();
    let labelled = found.iter().find(|f| {
        let before = &text[floor_char_boundary(text, f.start.saturating_sub(40))..f.start];
        LABEL.is_match(before) && !LATER_LABEL.is_match(before)
    });
    if let Some(f) = labelled {
        return Some(stated(f.date, 0));
    }
    // A date with its time of day ("January 13, 2020 at 08:45") is a posting time, written
    // by the publishing software; dates the article mentions rarely carry one.
    if let Some(f) = found.iter().find(|f| f.has_time) {
        return Some(stated(f.date, 1));
    }
    let mut counts: HashMap<PartialDate, (usize, usize)> = HashMap::new();
    for (i, f) in found.iter().enumerate() {
        counts.entry(f.date).or_insert((0, i)).0 += 1;
    }
    let (date, _) = counts
        .into_iter()
        .max_by_key(|(_, (count, first))| (*count, std::cmp::Reverse(*first)))?;
    Some(stated(date, 1))
}

fn stated(date: PartialDate, rank: usize) -> Stated {
    Stated {
        date,
        timestamp: None,
        source: DateSource::Byline,
        rank,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        text_date(text, &Bounds::default()).map(|s| s.date.to_string())
    }

    #[test]
    fn a_bare_on_in_prose_is_no_label_but_a_byline_is() {
        // Prose: the most frequent date wins, not the one after "On".
        let prose = "August 6, 2019. On July 31, 2019, the senators met. August 6, 2019";
        assert_eq!(date(prose), Some("2019-08-06".into()));
        let byline = "Notes 3 May 2014, 3 May 2014. By Jane Doe on May 5, 2014";
        assert_eq!(date(byline), Some("2014-05-05".into()));
        let german = "Termin 5. Februar 2020, 5. Februar 2020. von rasos am 24. Juli 2017";
        assert_eq!(date(german), Some("2017-07-24".into()));
        let piped = "1 March 2020 1 March 2020 yas! | By Cara Stiles | April 13, 2020";
        assert_eq!(date(piped), Some("2020-04-13".into()));
    }

    #[test]
    fn a_date_with_its_time_of_day_beats_frequent_mentions() {
        let text = "Released on December 3, 2008. January 13, 2020 at 08:45. \
                    Python 3.0 came out December 3, 2008.";
        assert_eq!(date(text), Some("2020-01-13".into()));
    }

    #[test]
    fn script_timestamps_accept_slashes_and_refuse_bare_dates() {
        let bounds = Bounds::default();
        let at = |html: &str| first_timestamp(html, &bounds).map(|s| s.date.to_string());
        assert_eq!(
            at(r#"showDate("2020/04/17 01:43:09")"#),
            Some("2020-04-17".into())
        );
        assert_eq!(at(r#"{"d":"2020-04-17"}"#), None);
        assert_eq!(at("12019-04-17 01:43:09"), None);
    }
}
