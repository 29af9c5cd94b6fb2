//! YAML (`---`) and TOML (`+++`) front matter at the start of Markdown exports (Hugo, Jekyll,
//! static-site archives). Dates are handed on as text; the time crate parses them.

use serde_json::Value;
use storyline_model::{DateCandidate, DateSource};

/// What front matter says about the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub site: Option<String>,
    pub dates: Vec<DateCandidate>,
}

const PUBLISHED_KEYS: &[&str] = &[
    "date",
    "published",
    "publishdate",
    "pubdate",
    "date_published",
    "datepublished",
    "created",
    "publish_date",
];
const MODIFIED_KEYS: &[&str] = &[
    "lastmod",
    "updated",
    "modified",
    "last_modified",
    "datemodified",
    "date_modified",
    "update_date",
];
const AUTHOR_KEYS: &[&str] = &["author", "authors", "byline", "creator"];
const URL_KEYS: &[&str] = &[
    "canonical",
    "canonical_url",
    "canonicalurl",
    "url",
    "permalink",
    "link",
    "source_url",
];
const LANG_KEYS: &[&str] = &["lang", "language", "locale"];
const SITE_KEYS: &[&str] = &[
    "site",
    "site_name",
    "sitename",
    "publisher",
    "source",
    "source_domain",
];

/// Split leading front matter from the rest of the text. Returns `None` and the whole text
/// when there is none (or it is never closed).
pub(crate) fn split(text: &str) -> (Option<FrontMatter>, &str) {
    let trimmed = text.trim_start_matches(['\u{feff}', '\n', '\r', ' ', '\t']);
    let Some(fence) = ["---", "+++"].into_iter().find(|f| {
        trimmed.starts_with(f)
            && trimmed[3..]
                .trim_start_matches([' ', '\t'])
                .starts_with(['\n', '\r'])
    }) else {
        return (None, text);
    };
    let after_open = &trimmed[3..];
    let after_open = &after_open[after_open.find('\n').map_or(after_open.len(), |i| i + 1)..];
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        let bare = line.trim_end();
        let closes = bare == fence || (fence == "---" && bare == "...");
        if closes {
            let header = &after_open[..offset];
            let rest = &after_open[offset + line.len()..];
            return (Some(parse(header, fence == "+++")), rest);
        }
        offset += line.len();
    }
    (None, text)
}

fn parse(header: &str, toml_syntax: bool) -> FrontMatter {
    let value = if toml_syntax {
        header
            .parse::<toml::Table>()
            .ok()
            .map(|t| toml_to_json(toml::Value::Table(t)))
    } else {
        serde_yaml_ng::from_str::<serde_yaml_ng::Value>(header)
            .ok()
            .and_then(|v| serde_json::to_value(v).ok())
    };
    let value = match value {
        Some(v @ Value::Object(_)) => v,
        // Malformed YAML/TOML: fall back to `key: value` / `key = value` lines.
        _ => simple_pairs(header),
    };
    from_fields(&value)
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn simple_pairs(header: &str) -> Value {
    let mut map = serde_json::Map::new();
    for line in header.lines() {
        let Some((key, value)) = line.split_once(':').or_else(|| line.split_once('=')) else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']);
        if !key.trim().is_empty() && !value.is_empty() {
            map.insert(key.trim().to_string(), Value::String(value.to_string()));
        }
    }
    Value::Object(map)
}

/// The value of the first of `keys` present (case-insensitive key match).
fn field<'a>(object: &'a serde_json::Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|key| {
        object
            .iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(key) && !v.is_null())
            .map(|(_, v)| v)
    })
}

/// A scalar as text (strings trimmed, numbers printed); empty strings are absent.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) => o.get("name").and_then(scalar_text)?,
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// Names from a string ("Jane Doe and John Roe"), a list, or objects with a `name`.
pub(crate) fn names(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().flat_map(names).collect(),
        other => scalar_text(other)
            .map(|s| super::byline::split_names(&s))
            .unwrap_or_default(),
    }
}

fn from_fields(value: &Value) -> FrontMatter {
    let Value::Object(object) = value else {
        return FrontMatter::default();
    };
    let text = |keys: &[&str]| field(object, keys).and_then(scalar_text);
    let mut dates = Vec::new();
    for (keys, modified) in [(PUBLISHED_KEYS, false), (MODIFIED_KEYS, true)] {
        if let Some(text) = text(keys) {
            dates.push(DateCandidate {
                text,
                source: DateSource::FrontMatter,
                modified,
            });
        }
    }
    FrontMatter {
        title: text(&["title", "headline"]),
        authors: field(object, AUTHOR_KEYS).map(names).unwrap_or_default(),
        url: text(URL_KEYS),
        lang: text(LANG_KEYS),
        site: text(SITE_KEYS),
        dates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_gives_title_and_dates() {
        let text = "---\ntitle: 'A Plan: Revealed'\ndate: 2019-11-05T08:11:00+01:00\nlastmod: 2019-11-06\nauthors: [Jane Doe, John Roe]\nlang: en\n---\n\nBody.";
        let (fm, rest) = split(text);
        let fm = fm.unwrap();
        assert_eq!(fm.title.as_deref(), Some("A Plan: Revealed"));
        assert_eq!(fm.dates[0].text, "2019-11-05T08:11:00+01:00");
        assert!(!fm.dates[0].modified);
        assert_eq!(fm.dates[1].text, "2019-11-06");
        assert!(fm.dates[1].modified);
        assert_eq!(fm.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(fm.lang.as_deref(), Some("en"));
        assert_eq!(rest.trim(), "Body.");
    }

    #[test]
    fn toml_front_matter_keeps_datetime_text() {
        let text = "+++\ntitle = \"T\"\ndate = 2020-01-02T03:04:05Z\nauthor = \"Ann Lee\"\ncanonical = \"https://a.b/c\"\n+++\nBody";
        let (fm, rest) = split(text);
        let fm = fm.unwrap();
        assert_eq!(fm.dates[0].text, "2020-01-02T03:04:05Z");
        assert_eq!(fm.authors, vec!["Ann Lee"]);
        assert_eq!(fm.url.as_deref(), Some("https://a.b/c"));
        assert_eq!(rest, "Body");
    }

    #[test]
    fn broken_yaml_falls_back_to_lines_and_unclosed_is_no_front_matter() {
        let (fm, _) = split("---\ntitle: a: b: [\ndate: 2018-01-01\n---\nx");
        assert_eq!(fm.unwrap().dates[0].text, "2018-01-01");
        let (fm, rest) = split("---\ntitle: never closed\n");
        assert!(fm.is_none());
        assert!(rest.starts_with("---"));
        assert!(split("--- not a fence\n").0.is_none());
    }
}
