//! Dates stated for readers inside the page: `<time datetime>` elements, `<abbr title>`
//! and elements whose class or id says they hold a date ("date", "byline", "posted").

use std::sync::LazyLock;

use regex::Regex;
use storyline_model::DateSource;

use super::tags::{attr, attributes, plain_text};
use super::Stated;
use crate::parse::{find_dates, parse_date_text};

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<time(?-u:\b)([^>]*)>(.{0,300}?)</time\s*>").expect("time pattern compiles")
});
static ABBR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<abbr(?-u:\b)([^>]*)>").expect("abbr pattern compiles"));
/// An opening tag whose class or id names a date-holding element.
static DATED_ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?is)<(?:div|span|p|li|time|small|em|strong|b|i|td|header|footer|section|a|h[1-6]|ul|dd|dt|abbr)(?-u:\b)[^>]*(?-u:\b)(?:class|id)\s*=\s*["']?([^"'>]*(?:date|datum|time|publi|posted|byline|entry-meta|post-meta|article-meta|meta-info|dateline|fecha|data|zeit|stamp)[^"'>]*)["']?[^>]*>"#,
    )
    .expect("dated element pattern compiles")
});
static NOT_PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)modif|updat|comment|reply|footer|copyright|sidebar|widget|related|archive|calendar|event|expir|geändert|aktualisiert|runtime|timeline|datatable|validat|candidate|metadata")
        .expect("exclusion pattern compiles")
});
static PUBLICATION_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)publi|pubdate|posted|entry-date|post-date|created|article-date|byline|dateline",
    )
    .expect("publication mark pattern compiles")
});

/// The first element marked as holding the publication date, and the first unmarked
/// dated one, each with its byte position in the page.
#[derive(Debug, Default)]
pub struct Found {
    pub marked: Option<(usize, Stated)>,
    pub plain: Option<(usize, Stated)>,
}

/// `<time>` elements: the first one marked as the publication date (`pubdate`,
/// `itemprop=datePublished`, a class naming publication), and the first dated one that
/// is not marked as a modification.
pub fn time_elements(html: &str) -> Found {
    let mut found = Found::default();
    for caps in TIME.captures_iter(html) {
        let position = caps.get(0).map_or(0, |m| m.start());
        let attrs = attributes(&caps[1]);
        let marks = format!(
            "{} {} {}",
            attr(&attrs, "class").unwrap_or(""),
            attr(&attrs, "itemprop").unwrap_or(""),
            if attr(&attrs, "pubdate").is_some() {
                "pubdate"
            } else {
                ""
            }
        );
        if NOT_PUBLICATION.is_match(&marks) && !PUBLICATION_MARK.is_match(&marks) {
            continue;
        }
        let parsed = attr(&attrs, "datetime")
            .and_then(parse_date_text)
            .or_else(|| parse_date_text(&plain_text(&caps[2])));
        let Some((date, timestamp)) = parsed else {
            continue;
        };
        let stated = Stated {
            date,
            timestamp,
            source: DateSource::TimeElement,
            rank: 0,
        };
        if PUBLICATION_MARK.is_match(&marks) {
            found.marked = Some((position, stated));
            return found;
        }
        if found.plain.is_none() {
            found.plain = Some((position, Stated { rank: 1, ..stated }));
        }
    }
    found
}

/// `<abbr class="published" title="2019-11-05">` (hAtom microformat).
pub fn abbr_elements(html: &str) -> Option<(usize, Stated)> {
    ABBR.captures_iter(html).find_map(|caps| {
        let position = caps.get(0).map_or(0, |m| m.start());
        let attrs = attributes(&caps[1]);
        let class = attr(&attrs, "class").unwrap_or("");
        if !PUBLICATION_MARK.is_match(class) {
            return None;
        }
        let title = attr(&attrs, "title").or(attr(&attrs, "data-utime"))?;
        let (date, timestamp) = parse_date_text(title)?;
        let stated = Stated {
            date,
            timestamp,
            source: DateSource::TimeElement,
            rank: 0,
        };
        Some((position, stated))
    })
}

/// Elements whose class or id says "date": the first whose text (up to ~250 chars after
/// the opening tag) holds a full date. Elements marked as modification, comment or
/// sidebar dates are skipped.
pub fn dated_elements(html: &str) -> Found {
    let mut found = Found::default();
    for caps in DATED_ELEMENT.captures_iter(html) {
        let marks = &caps[1];
        if NOT_PUBLICATION.is_match(marks) && !PUBLICATION_MARK.is_match(marks) {
            continue;
        }
        let Some(whole) = caps.get(0) else { continue };
        let position = whole.start();
        // A machine-readable copy in the tag itself: title="2020-09-20T14:20:02Z".
        let attrs = attributes(whole.as_str());
        let in_tag = ["datetime", "content", "title", "data-date", "data-time"]
            .iter()
            .filter_map(|k| attr(&attrs, k))
            .find_map(|v| parse_date_text(v).filter(|(d, _)| d.day_value().is_some()));
        if let Some((date, timestamp)) = in_tag {
            let rank = usize::from(!PUBLICATION_MARK.is_match(marks));
            let stated = Stated {
                date,
                timestamp,
                source: DateSource::Byline,
                rank,
            };
            if rank == 0 {
                found.marked = Some((position, stated));
                return found;
            }
            found.plain.get_or_insert((position, stated));
            continue;
        }
        let end = floor_char_boundary(html, whole.end() + 400);
        let text = plain_text(&html[whole.end()..end]);
        let marked = PUBLICATION_MARK.is_match(marks);
        let text: String = text.chars().take(120).collect();
        let Some(in_text) = find_dates(&text)
            .into_iter()
            .find(|f| f.date.day_value().is_some())
        else {
            continue;
        };
        let stated = Stated {
            date: in_text.date,
            timestamp: None,
            source: DateSource::Byline,
            rank: 0,
        };
        if marked {
            found.marked = Some((position, stated));
            return found;
        }
        if found.plain.is_none() {
            found.plain = Some((position, Stated { rank: 1, ..stated }));
        }
    }
    found
}

/// The largest char boundary at or before `index` (clamped to the string).
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
