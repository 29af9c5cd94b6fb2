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

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:published|posted|veröffentlicht|publiziert|erschienen|erstellt|publié|publicado|pubblicato|gepubliceerd|opublikowano|written|dated?|datum|stand|fecha|am|vom|on|le|el|du)\s*(?:on|am|le|el)?\s*[:|\-–]?\s*(?:\w+,\s*)?$")
        .expect("label pattern compiles")
});
static LATER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:updated|modified|aktualisiert|geändert|mis à jour|actualizado|last edited)\s*(?:on|am|le|el)?\s*[:|\-–]?\s*(?:\w+,\s*)?$")
        .expect("later label pattern compiles")
});

static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}:\d{2}")
        .expect("timestamp pattern compiles")
});

/// The first full timestamp (`2019-11-05T08:11:00`, `2019-11-05 08:11:00`) anywhere in
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
