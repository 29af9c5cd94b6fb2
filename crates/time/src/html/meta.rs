//! Dates stated for machines: JSON-LD (`datePublished`, `dateModified`) and meta tags
//! (`article:published_time`, `DC.date.issued`, `itemprop="datePublished"`, ...).

use std::sync::LazyLock;

use regex::Regex;
use storyline_model::DateSource;

use super::tags::{attr, attributes, opening_tags};
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

static ITEMPROP_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("itemprop").expect("literal pattern compiles"));

/// Every meta key above holds one of these; a tag without one is skipped before its
/// attributes are parsed (pages carry hundreds of meta tags).
static DATE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)date|time|pub|creat|issued|modif|updat|lastmod|revised")
        .expect("date cue pattern compiles")
});
static JSON_LD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""(datePublished|dateCreated|dateModified|uploadDate)"\s*:\s*"([^"]{4,60})""#)
        .expect("json-ld pattern compiles")
});

/// The page's own URL as it states it: `<link rel="canonical">`, else `og:url`.
pub fn own_url(html: &str) -> Option<String> {
    let canonical = opening_tags(html, "link").find_map(|(_, inner)| {
        if !contains_ignore_case(inner, "canonical") {
            return None;
        }
        let attrs = attributes(inner);
        attr(&attrs, "rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
            .then(|| attr(&attrs, "href").map(str::to_string))
            .flatten()
    });
    canonical.or_else(|| {
        opening_tags(html, "meta").find_map(|(_, inner)| {
            if !contains_ignore_case(inner, "og:url") {
                return None;
            }
            let attrs = attributes(inner);
            attr(&attrs, "property")
                .is_some_and(|p| p.eq_ignore_ascii_case("og:url"))
                .then(|| attr(&attrs, "content").map(str::to_string))
                .flatten()
        })
    })
}

/// The URL of the page's `og:image`: an image stored under the day it was uploaded
/// (`/2016/05/04/`) dates the article it was uploaded for.
pub fn og_image(html: &str) -> Option<String> {
    opening_tags(html, "meta").find_map(|(_, inner)| {
        if !contains_ignore_case(inner, "og:image") {
            return None;
        }
        let attrs = attributes(inner);
        attr(&attrs, "property")
            .is_some_and(|p| p.eq_ignore_ascii_case("og:image"))
            .then(|| attr(&attrs, "content").map(str::to_string))
            .flatten()
    })
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The inner text (after the tag name) of every non-`meta` tag carrying
/// `itemprop="date(Published|Created|Modified)"`, found from the attribute name outwards: a
/// regex over every tag of the page costs more than the rest of the cascade.
fn itemprop_tags(html: &str) -> impl Iterator<Item = &str> {
    // The regex crate finds a literal with SIMD (memchr's memmem); `str::match_indices` is
    // several times slower on a whole page.
    ITEMPROP_WORD.find_iter(html).filter_map(move |m| {
        let i = m.start();
        let rest = html[i + "itemprop".len()..].trim_start();
        let value = rest.strip_prefix('=')?.trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let head = value.get(..4)?;
        if !head.eq_ignore_ascii_case("date") {
            return None;
        }
        let open = html[..i].rfind('<')?;
        let close = i + html[i..].find('>')?;
        let inner = &html[open + 1..close];
        let name_end = inner
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(inner.len());
        let name = &inner[..name_end];
        (!name.eq_ignore_ascii_case("meta") && !inner.contains('<')).then_some(&inner[name_end..])
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

/// Dates from meta tags and `itemprop` attributes: the publication dates in document order, and
/// the first modification date. Document order, not the order of [`PUBLISHED_KEYS`]: a page
/// that states two publication dates puts the one it means first (htmldate's rule too).
pub fn meta_tags(html: &str) -> (Vec<Stated>, Option<Stated>) {
    let mut published: Vec<Stated> = Vec::new();
    let mut modified: Option<Stated> = None;
    let metas = opening_tags(html, "meta").map(|(_, inner)| inner);
    for inner in metas.chain(itemprop_tags(html)) {
        if !DATE_CUE.is_match(inner) {
            continue;
        }
        let attrs = attributes(inner);
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
    (published, modified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn itemprop_dates_are_read_from_any_element_but_meta_once() {
        let html = r#"<span itemprop="datePublished" content="2019-11-05">5 Nov</span>
            <meta itemprop="dateModified" content="2019-11-07">
            <div itemprop = 'author'>x</div>"#;
        let (published, modified) = meta_tags(html);
        assert_eq!(published.len(), 1);
        assert_eq!(published[0].date.to_string(), "2019-11-05");
        assert_eq!(
            modified.map(|m| m.date.to_string()),
            Some("2019-11-07".into())
        );
    }

    #[test]
    fn the_own_url_is_the_canonical_link_else_og_url() {
        let both = r#"<meta property="og:url" content="https://a.com/og">
            <link href="https://a.com/c" rel="Canonical">"#;
        assert_eq!(own_url(both).as_deref(), Some("https://a.com/c"));
        let og = r#"<meta property="og:url" content="https://a.com/og">"#;
        assert_eq!(own_url(og).as_deref(), Some("https://a.com/og"));
        assert_eq!(own_url("<p>none</p>"), None);
    }
}

#[cfg(test)]
mod order_tests {
    use super::*;

    #[test]
    fn publication_meta_tags_keep_document_order() {
        let html = r#"<meta name="sailthru.date" content="2023-11-08 14:40:04">
            <meta property="article:published_time" content="2023-11-09T01:09:55Z">"#;
        let (published, _) = meta_tags(html);
        assert_eq!(published[0].date.to_string(), "2023-11-08");
    }
}
