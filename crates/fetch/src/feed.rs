//! Feeds (feed-rs) into plain items, and OPML subscription lists.

use chrono::{DateTime, Utc};

/// One feed, reduced to what ingest needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
}

/// One feed item. `guid` is the feed's own id for it; `None` when the feed gives none
/// (feed-rs would invent a random one, useless for recognising the item next time).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeedItem {
    pub guid: Option<String>,
    /// The article's link, resolved against the feed's URL.
    pub link: Option<String>,
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    /// The item's own full text (HTML), when the feed carries it.
    pub content_html: Option<String>,
    /// The item's summary or description (HTML or text).
    pub summary: Option<String>,
    pub authors: Vec<String>,
}

impl FeedItem {
    /// The date the item carries: published, else updated.
    pub fn date(&self) -> Option<DateTime<Utc>> {
        self.published.or(self.updated)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}: {reason}")]
pub struct FeedError {
    pub source_name: String,
    pub reason: String,
}

/// Parse RSS 0.9x/1.0/2.0, Atom (feeds and entry documents) or JSON Feed. `base` (the
/// feed's URL) resolves relative links and names the feed in errors.
pub fn parse_feed(bytes: &[u8], base: &str) -> Result<ParsedFeed, FeedError> {
    // A name that is not an absolute URL (a file) cannot resolve links: feed-rs would fail.
    let base_uri = url::Url::parse(base).ok().map(|_| base);
    let parse = |bytes: &[u8]| {
        feed_rs::parser::Builder::new()
            .base_uri(base_uri)
            // No invented ids: an item without one is identified by its URL or content.
            .id_generator(|_, _, _| String::new())
            .build()
            .parse(bytes)
    };
    // feed-rs is strict about a few legacy forms real feeds still use; those get a
    // second try after a minimal rewrite (see `normalise_legacy`), never the first.
    let feed = match parse(bytes) {
        Ok(feed) if !feed.entries.is_empty() => feed,
        first => match normalise_legacy(bytes) {
            Some(patched) => match (parse(&patched), first) {
                (Ok(feed), _) => feed,
                (Err(_), Ok(feed)) => feed,
                (Err(_), Err(err)) => return Err(describe(base, err)),
            },
            None => first.map_err(|err| describe(base, err))?,
        },
    };
    let items = feed
        .entries
        .into_iter()
        .map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.trim().to_string())
                .filter(|h| !h.is_empty());
            FeedItem {
                guid: Some(entry.id.trim().to_string()).filter(|id| !id.is_empty()),
                link,
                title: entry
                    .title
                    .map(|t| t.content.trim().to_string())
                    .filter(|t| !t.is_empty()),
                published: entry.published,
                updated: entry.updated,
                content_html: entry
                    .content
                    .and_then(|c| c.body)
                    .filter(|b| !b.trim().is_empty()),
                summary: entry
                    .summary
                    .map(|s| s.content)
                    .filter(|s| !s.trim().is_empty()),
                authors: entry
                    .authors
                    .into_iter()
                    .map(|p| p.name.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect(),
            }
        })
        .collect();
    Ok(ParsedFeed {
        title: feed
            .title
            .map(|t| t.content.trim().to_string())
            .filter(|t| !t.is_empty()),
        items,
    })
}

fn describe(base: &str, err: feed_rs::parser::ParseFeedError) -> FeedError {
    use feed_rs::parser::ParseFeedError as E;
    let reason = match err {
        E::ParseError(kind) => format!("not a feed ({kind})"),
        E::IoError(e) => format!("cannot read the feed: {e}"),
        E::JsonSerde(e) => format!("invalid JSON Feed: {e}"),
        E::JsonUnsupportedVersion(v) => format!("unsupported JSON Feed version {v:?}"),
        E::XmlReader(e) => format!("invalid XML: {e}"),
    };
    FeedError {
        source_name: base.to_string(),
        reason,
    }
}

/// Rewrite the legacy forms feed-rs does not read; `None` when nothing applies:
/// UTF-16 (with BOM) transcoded to UTF-8; `<rss>` without `version=` read as RSS 2.0
/// (the only version still written), and one with no `<channel>` as empty; the RSS 0.90 namespaces as RSS 1.0 (same RDF
/// shape); Atom 0.3 as Atom 1.0 (`issued`/`modified` are `published`/`updated`); JSON
/// Feed `tags` given as one comma-separated string instead of an array.
fn normalise_legacy(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut changed = false;
    let mut text: String = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (decoded, _, _) = encoding_rs::UTF_16LE.decode(bytes); // decode() sniffs the BOM
        changed = true;
        decoded
            .into_owned()
            .replacen("encoding=\"utf-16\"", "encoding=\"utf-8\"", 1)
            .replacen("encoding=\"UTF-16\"", "encoding=\"UTF-8\"", 1)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    };
    if text.trim_start().starts_with('{') {
        return fix_json_tags(&text);
    }
    if let Some(at) = text.find("<rss") {
        let end = at + text[at..].find('>')?;
        let tag = &text[at..end];
        let next = tag.as_bytes().get(4).copied().unwrap_or(b'>');
        if (next.is_ascii_whitespace() || end == at + 4) && !tag.contains("version=") {
            text.insert_str(at + 4, " version=\"2.0\"");
            changed = true;
        }
        // An `<rss>` with no channel is an empty feed, not a broken one.
        if !text.contains("<channel") {
            let close = at + text[at..].find('>')? + 1;
            text.insert_str(close, "<channel></channel>");
            changed = true;
        }
    }
    for legacy in [
        "http://my.netscape.com/rdf/simple/0.9/",
        "http://channel.netscape.com/rdf/simple/0.9/",
    ] {
        if text.contains(legacy) {
            text = text.replace(legacy, "http://purl.org/rss/1.0/");
            changed = true;
        }
    }
    if text.contains("http://purl.org/atom/ns#") {
        text = text
            .replace("http://purl.org/atom/ns#", "http://www.w3.org/2005/Atom")
            .replace("<issued>", "<published>")
            .replace("</issued>", "</published>")
            .replace("<modified>", "<updated>")
            .replace("</modified>", "</updated>");
        changed = true;
    }
    changed.then(|| text.into_bytes())
}

fn fix_json_tags(text: &str) -> Option<Vec<u8>> {
    let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut changed = false;
    for item in value.get_mut("items")?.as_array_mut()? {
        if let Some(tags) = item.get_mut("tags") {
            if let Some(joined) = tags.as_str() {
                let list: Vec<serde_json::Value> = joined
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(|t| serde_json::Value::String(t.to_string()))
                    .collect();
                *tags = serde_json::Value::Array(list);
                changed = true;
            }
        }
    }
    changed.then(|| value.to_string().into_bytes())
}

/// The feed URLs (and titles) of an OPML file, outlines nested at any depth.
pub fn parse_opml(
    text: &str,
    source_name: &str,
) -> Result<Vec<(String, Option<String>)>, FeedError> {
    let opml = opml::OPML::from_str(text).map_err(|e| FeedError {
        source_name: source_name.to_string(),
        reason: format!("invalid OPML: {e}"),
    })?;
    let mut out = Vec::new();
    let mut stack: Vec<&opml::Outline> = opml.body.outlines.iter().rev().collect();
    while let Some(outline) = stack.pop() {
        if let Some(url) = outline
            .xml_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            let title = outline
                .title
                .clone()
                .or_else(|| Some(outline.text.clone()))
                .filter(|t| !t.trim().is_empty());
            out.push((url.to_string(), title));
        }
        stack.extend(outline.outlines.iter().rev());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_keep_guid_link_date_and_text() {
        let xml = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
            <item><title>One</title><link>/a/1</link><guid>g-1</guid>
              <pubDate>Tue, 05 Nov 2019 08:11:00 +0100</pubDate><description>Short text.</description></item>
            <item><title>No id</title><description>Only text.</description></item>
            </channel></rss>"#;
        let feed = parse_feed(xml, "https://example.com/feed.xml").unwrap();
        assert_eq!(feed.title.as_deref(), Some("T"));
        assert_eq!(feed.items.len(), 2);
        let one = &feed.items[0];
        assert_eq!(one.guid.as_deref(), Some("g-1"));
        assert_eq!(one.link.as_deref(), Some("https://example.com/a/1"));
        assert_eq!(
            one.date().unwrap().to_rfc3339(),
            "2019-11-05T07:11:00+00:00"
        );
        assert_eq!(one.summary.as_deref(), Some("Short text."));
        assert_eq!(feed.items[1].guid, None, "no invented id");
    }

    #[test]
    fn rss_without_version_and_invalid_xml() {
        let xml = b"<rss><channel><title>T</title><item><title>A</title><link>http://x.test/a</link></item></channel></rss>";
        assert_eq!(parse_feed(xml, "u").unwrap().items.len(), 1);
        let err =
            parse_feed(b"<rss version=\"2.0\"><channel><item>", "http://x.test/f").unwrap_err();
        assert_eq!(err.source_name, "http://x.test/f");
        let err = parse_feed(b"hello", "http://x.test/g").unwrap_err();
        assert!(err.to_string().contains("not a feed"), "{err}");
    }

    #[test]
    fn opml_outlines_at_any_depth() {
        let text = r#"<?xml version="1.0"?><opml version="2.0"><head><title>s</title></head><body>
            <outline text="News"><outline text="A" type="rss" xmlUrl="http://a.test/feed"/></outline>
            <outline text="B" type="rss" xmlUrl="http://b.test/rss"/></body></opml>"#;
        let feeds = parse_opml(text, "subs.opml").unwrap();
        assert_eq!(
            feeds,
            vec![
                ("http://a.test/feed".to_string(), Some("A".to_string())),
                ("http://b.test/rss".to_string(), Some("B".to_string()))
            ]
        );
        assert!(parse_opml("<nope/>", "x.opml")
            .unwrap_err()
            .to_string()
            .starts_with("x.opml: "));
    }
}
