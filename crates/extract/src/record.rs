//! JSON records of news tools: news-please, newspaper, Reuters-21578 JSONL, news-cluster
//! files, CMS exports. Fields are found by the user's [`FieldMap`] first, then by the
//! common names. A record's text is already the article, so it is only split into
//! paragraphs and lightly cleaned, never run through the boilerplate classifier.

use regex::Regex;
use serde_json::{Map, Value};
use std::sync::OnceLock;
use storyline_model::{DateCandidate, DateSource};

use crate::text::normalize;
use crate::Extracted;

/// Extra field names for JSON records: `(our field, their field)` pairs, e.g.
/// `("body", "content")`. Our fields: `title`, `body`, `date`, `modified`, `url`, `site`,
/// `authors`, `lang`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldMap {
    pub pairs: Vec<(String, String)>,
}

impl FieldMap {
    /// Their field names for one of our fields, in the order given.
    fn names_for<'a>(&'a self, ours: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(o, _)| o.eq_ignore_ascii_case(ours))
            .map(|(_, theirs)| theirs.as_str())
    }
}

const TITLE: &[&str] = &["title", "headline", "title_page", "title_rss", "name"];
const BODY: &[&str] = &[
    "text",
    "maintext",
    "body",
    "content",
    "article",
    "articleBody",
    "content_text",
    "content_html",
];
/// Used only when no body field is present: a summary beats nothing.
const BODY_LAST_RESORT: &[&str] = &["description", "summary", "abstract"];
const PUBLISHED: &[&str] = &[
    "date_publish",
    "published",
    "published_at",
    "publishedAt",
    "date",
    "pubDate",
    "datePublished",
    "date_published",
    "publish_date",
    "created_at",
];
const MODIFIED: &[&str] = &[
    "date_modify",
    "modified",
    "dateModified",
    "date_modified",
    "updated",
    "updated_at",
];
const URL: &[&str] = &["url", "link", "canonical_url", "canonical"];
const SITE: &[&str] = &[
    "source_domain",
    "site",
    "source",
    "site_name",
    "publisher",
    "domain",
];
const AUTHORS: &[&str] = &["authors", "author", "byline", "creator"];
const LANG: &[&str] = &["language", "lang", "locale"];

/// Extract one JSON record. Non-object or malformed JSON gives an empty [`Extracted`]
/// (the pipeline reports an empty body).
pub fn extract_record(json: &str, map: &FieldMap) -> Extracted {
    let Ok(Value::Object(record)) = serde_json::from_str::<Value>(json) else {
        return Extracted::default();
    };
    let find = |ours: &str, defaults: &[&str]| -> Option<&Value> {
        map.names_for(ours)
            .chain(defaults.iter().copied())
            .find_map(|name| lookup(&record, name))
    };
    let text = |ours: &str, defaults: &[&str]| find(ours, defaults).and_then(scalar_text);

    let mut out = Extracted {
        title: text("title", TITLE)
            .map(|t| normalize::clean_paragraph(&t))
            .unwrap_or_default(),
        url: text("url", URL),
        site: text("site", SITE),
        lang: text("lang", LANG),
        authors: find("authors", AUTHORS).map(names).unwrap_or_default(),
        ..Extracted::default()
    };
    let body = text("body", BODY).or_else(|| text("body", BODY_LAST_RESORT));
    if let Some(body) = body {
        out.body = normalize::split_paragraphs(&strip_markup(&body));
    }
    for (ours, defaults, modified) in [("date", PUBLISHED, false), ("modified", MODIFIED, true)] {
        if let Some(date) = text(ours, defaults) {
            out.date_candidates.push(DateCandidate {
                text: date,
                source: DateSource::RecordField,
                modified,
            });
        }
    }
    out
}

/// A field by name: exact, then case-insensitive, then a dotted path (`meta.title`).
fn lookup<'a>(record: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    let direct = record.get(name).or_else(|| {
        record
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    });
    let found = direct.or_else(|| {
        let (head, rest) = name.split_once('.')?;
        match record.get(head)? {
            Value::Object(inner) => lookup(inner, rest),
            _ => None,
        }
    })?;
    (!found.is_null()).then_some(found)
}

/// A scalar as text; objects give their `name` (authors) or `@value`; empty is absent.
fn scalar_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) => o
            .get("name")
            .or_else(|| o.get("@value"))
            .and_then(scalar_text)?,
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// Author names from a list, a string ("Jane Doe and John Roe") or objects with a `name`.
fn names(value: &Value) -> Vec<String> {
    static SPLIT: OnceLock<Regex> = OnceLock::new();
    let split = SPLIT.get_or_init(|| Regex::new(r"\s*(?:,|;|&|\band\b)\s*").expect("valid"));
    match value {
        Value::Array(items) => items.iter().flat_map(names).collect(),
        other => scalar_text(other)
            .map(|s| {
                let s = s
                    .strip_prefix("By ")
                    .or_else(|| s.strip_prefix("by "))
                    .unwrap_or(&s);
                split
                    .split(s)
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Some tools store the body as HTML: paragraph and line breaks become blank lines, other
/// tags go. Plain text passes unchanged.
fn strip_markup(body: &str) -> String {
    static BREAKS: OnceLock<Regex> = OnceLock::new();
    static TAGS: OnceLock<Regex> = OnceLock::new();
    if !body.contains('<') || !body.contains('>') {
        return body.to_string();
    }
    let breaks = BREAKS.get_or_init(|| {
        Regex::new(r"(?i)</p\s*>|<br\s*/?>|</h[1-6]\s*>|</li\s*>|</div\s*>").expect("valid")
    });
    let tags = TAGS.get_or_init(|| Regex::new(r"(?s)<[a-zA-Z/!][^>]*>").expect("valid"));
    let with_breaks = breaks.replace_all(body, "\n\n");
    tags.replace_all(&with_breaks, "").into_owned()
}
