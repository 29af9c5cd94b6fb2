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
