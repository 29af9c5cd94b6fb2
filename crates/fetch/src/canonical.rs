//! Canonical URLs: one spelling per article page, so the same article reached through a
//! tracking link, a fragment or a reordered query is recognised.

use url::Url;

/// Query parameters that only track the reader (campaigns, click ids); they never
/// select a different page. Prefixes end with `_`.
const TRACKING_PARAMS: &[&str] = &[
    "utm_",
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "ocid",
    "cmpid",
    "ref_src",
    "ref_url",
    "smid",
    "cmp",
    "at_medium",
    "at_campaign",
    "ito",
];

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    TRACKING_PARAMS.iter().any(|t| {
        if t.ends_with('_') {
            name.starts_with(t)
        } else {
            name == *t
        }
    })
}

/// The canonical spelling of an http(s) URL: lowercase scheme and host (the url crate
/// does both, and drops default ports), no fragment, no tracking parameters, the other
/// parameters sorted (stable sort: repeated keys keep their order), no empty `?`.
/// `www.` is kept here, since this URL may be fetched; [`identity_key`] drops it.
pub fn canonical_url(input: &str) -> Result<String, String> {
    let mut url = Url::parse(input.trim()).map_err(|e| format!("invalid URL {input:?}: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("{input}: only http and https URLs are fetched"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{input}: URL without a host"));
    }
    url.set_fragment(None);
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    if pairs.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    Ok(url.to_string())
}

/// The identity of an article page: its canonical URL without scheme and without a
/// leading `www.`, so `http://www.x.com/a` and `https://x.com/a` are one article.
pub fn identity_key(input: &str) -> Result<String, String> {
    let canonical = canonical_url(input)?;
    let rest = canonical
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(&canonical);
    Ok(rest.strip_prefix("www.").unwrap_or(rest).to_string())
}

/// The page's own `<link rel="canonical" href="...">`, resolved against the URL it was
/// fetched from; `None` when absent or not http(s).
pub fn canonical_link(html: &str, base: &str) -> Option<String> {
    // Only the head matters and a page can be megabytes: parse up to </head>.
    let end = find_ascii_ci(html, "</head>").unwrap_or(html.len().min(256 * 1024));
    let head = &html[..end];
    let document = scraper::Html::parse_document(head);
    let selector = scraper::Selector::parse("link[rel][href]").ok()?;
    let href = document.select(&selector).find_map(|link| {
        let rel = link.value().attr("rel")?;
        rel.split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("canonical"))
            .then(|| link.value().attr("href"))
            .flatten()
    })?;
    let resolved = Url::parse(base).ok()?.join(href.trim()).ok()?;
    canonical_url(resolved.as_str()).ok()
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    haystack
        .as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_fragments_and_order_do_not_make_a_new_url() {
        let a = canonical_url(
            "HTTPS://News.Example.COM:443/a/b?utm_source=x&b=2&fbclid=Z&a=1#comments",
        )
        .unwrap();
        assert_eq!(a, "https://news.example.com/a/b?a=1&b=2");
        assert_eq!(
            canonical_url("http://example.com/story?utm_medium=rss").unwrap(),
            "http://example.com/story"
        );
        assert_eq!(
            identity_key("http://www.example.com/story?gclid=1").unwrap(),
            identity_key("https://example.com/story").unwrap()
        );
        // A parameter that selects the page stays.
        assert_ne!(
            identity_key("https://example.com/story?id=1").unwrap(),
            identity_key("https://example.com/story?id=2").unwrap()
        );
    }

    #[test]
    fn other_schemes_and_garbage_are_refused_with_the_input_named() {
        let err = canonical_url("ftp://example.com/x").unwrap_err();
        assert!(err.contains("ftp://example.com/x"), "{err}");
        assert!(canonical_url("not a url")
            .unwrap_err()
            .contains("not a url"));
        assert!(canonical_url("javascript:alert(1)").is_err());
    }

    #[test]
    fn the_pages_canonical_link_is_resolved() {
        let html = r#"<html><head><link rel="stylesheet" href="/s.css">
            <link rel="Canonical" href="/news/story-1?utm_campaign=x"></head><body></body></html>"#;
        assert_eq!(
            canonical_link(html, "https://example.com/amp/story-1").as_deref(),
            Some("https://example.com/news/story-1")
        );
        assert_eq!(
            canonical_link("<p>no head</p>", "https://example.com/"),
            None
        );
    }
}
