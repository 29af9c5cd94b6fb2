//! Output shapes: the JSON every script relies on, and plain text for a person.

use serde_json::{json, Value};
use storyline_model::Article;

/// Group memberships shown beside an article (null until grouping has run).
#[derive(Debug, Default, Clone)]
pub struct Memberships {
    pub duplicate_of: Option<String>,
    pub event: Option<String>,
    pub storyline: Option<String>,
}

/// The `articles --json` line; `full` adds what `show --json` shows.
pub fn article_json(article: &Article, groups: &Memberships, full: bool) -> Value {
    let mut value = json!({
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "authors": article.authors,
        "site": article.site,
        "lang": article.lang,
        "published": article.published,
        "body": article.text(),
        "words": article.word_count(),
        "duplicate_of": groups.duplicate_of,
        "event": groups.event,
        "storyline": groups.storyline,
    });
    if full {
        let extra = json!({
            "url": article.url,
            "format": article.format,
            "modified": article.modified,
            "paragraphs": article.body,
            "mentioned_dates": article.mentioned_dates,
            "first_seen": article.first_seen,
            "raw_hash": article.raw_hash,
        });
        if let (Value::Object(map), Value::Object(more)) = (&mut value, extra) {
            map.extend(more);
        }
    }
    value
}

/// `2019-11-05 (day, front_matter)` or `undated`.
pub fn date_label(article: &Article) -> String {
    let p = &article.published;
    match (&p.date, p.source) {
        (Some(date), Some(source)) => format!("{date} ({})", source.as_str()),
        (Some(date), None) => date.to_string(),
        _ => "undated".to_string(),
    }
}

/// Cut `text` to at most `max` chars, marking the cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// Print an aligned table: the last column takes the remaining width.
pub fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns - 1) {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 < columns {
                out.push_str(&format!("{cell:<w$}  ", w = widths[i]));
            } else {
                out.push_str(cell);
            }
        }
        println!("{}", out.trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}
