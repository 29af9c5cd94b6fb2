//! Dates stated for machines: JSON-LD (`datePublished`, `dateModified`) and meta tags
//! (`article:published_time`, `DC.date.issued`, `itemprop="datePublished"`, ...).

use std::sync::LazyLock;

use regex::Regex;
use storyline_model::DateSource;

use super::tags::{attr, attributes};
use super::Stated;
use crate::parse::parse_date_text;

/// Meta names that state the publication date, best first. Lowercase.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "dcterms.issued",
    "dc.date.issued",
    "dc:date:issued",
    "citation_publication_date",
    "citation_date",
    "parsely-pub-date",
    "sailthru.date",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "published_date",
    "published_time",
    "publication_date",
    "pubdate",
    "pub_date",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "original-publish-date",
    "rnews:datepublished",
    "bt:pubdate",
    "cxenseparse:recs:publishtime",
    "og:pubdate",
    "datecreated",
    "dc.date.created",
    "dcterms.created",
    "creation_date",
    "created",
    "dcterms.date",
    "dc.date",
    "dc:date",
    "date",
    "displaydate",
    "article:post_date",
    "og:regdate",
    "shareaholic:article_published_time",
];

/// Meta names that state a modification date. Lowercase.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
    "lastmodified",
    "revised",
    "modified",
    "updated",
];

static META: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<meta(?-u:\b)([^>]*)>").expect("meta pattern compiles"));
static ITEMPROP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<[a-z][a-z0-9]*(?-u:\b)([^>]*(?-u:\b)itemprop\s*=\s*["']?date(?:published|created|modified)[^>]*)>"#)
        .expect("itemprop pattern compiles")
});
static JSON_LD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(datePublished|dateCreated|dateModified|uploadDate)"\s*:\s*"([^"]{4,60})""#)
        .expect("json-ld pattern compiles")
});

static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<link(?-u:\b)([^>]*)>").expect("link pattern compiles"));

/// The page's own URL as it states it: `<link rel="canonical">`, else `og:url`.
pub fn own_url(html: &str) -> Option<String> {
    let canonical = LINK.captures_iter(html).find_map(|caps| {
        let attrs = attributes(&caps[1]);
        attr(&attrs, "rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
            .then(|| attr(&attrs, "href").map(str::to_string))
            .flatten()
    });
    canonical.or_else(|| {
        META.captures_iter(html).find_map(|caps| {
            let attrs = attributes(&caps[1]);
            attr(&attrs, "property")
                .is_some_and(|p| p.eq_ignore_ascii_case("og:url"))
                .then(|| attr(&attrs, "content").map(str::to_string))
                .flatten()
        })
    })
}

/// Dates from JSON-LD: the first `datePublished` (or `dateCreated`, `uploadDate`) and the
/// first `dateModified`.
pub fn json_ld(html: &str) -> (Vec<Stated>, Option<Stated>) {
    let (mut published, mut created, mut modified) = (None, None, None);
    for caps in JSON_LD.captures_iter(html) {
        let Some((date, timestamp)) = parse_date_text(&caps[2]) else {
            continue;
        };
        let stated = Stated {
            date,
            timestamp,
            source: DateSource::JsonLd,
            rank: 0,
        };
        match &caps[1] {
            "datePublished" if published.is_none() => published = Some(stated),
            "dateModified" if modified.is_none() => modified = Some(stated),
            "dateCreated" | "uploadDate" if created.is_none() => created = Some(stated),
            _ => {}
        }
    }
    (published.into_iter().chain(created).collect(), modified)
}

/// Dates from meta tags and `itemprop` attributes: the publication dates, best-ranked first, and
/// the first modification date.
pub fn meta_tags(html: &str) -> (Vec<Stated>, Option<Stated>) {
    let mut published: Vec<Stated> = Vec::new();
    let mut modified: Option<Stated> = None;
    let tags = META.captures_iter(html).chain(ITEMPROP.captures_iter(html));
    for caps in tags {
        let attrs = attributes(&caps[1]);
        let key = ["property", "name", "itemprop", "http-equiv"]
            .iter()
            .find_map(|k| attr(&attrs, k))
            .map(str::to_ascii_lowercase);
        let Some(key) = key else { continue };
        let Some(value) = attr(&attrs, "content").or(attr(&attrs, "datetime")) else {
            continue;
        };
        if let Some(rank) = PUBLISHED_KEYS.iter().position(|k| *k == key) {
            if let Some((date, timestamp)) = parse_date_text(value) {
                published.push(Stated {
                    date,
                    timestamp,
                    source: DateSource::MetaTag,
                    rank,
                });
            }
        } else if modified.is_none() && MODIFIED_KEYS.contains(&key.as_str()) {
            if let Some((date, timestamp)) = parse_date_text(value) {
                modified = Some(Stated {
                    date,
                    timestamp,
                    source: DateSource::MetaTag,
                    rank: 0,
                });
            }
        }
    }
    published.sort_by_key(|s| s.rank);
    (published, modified)
}
