//! A fast, forgiving scan of HTML tags with regexes: no DOM is built. Good enough to read
//! attributes of `<meta>`, `<time>` and dated elements, and to strip markup from text.

use std::sync::LazyLock;

use regex::Regex;

static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#)
        .expect("attribute pattern compiles")
});
static INVISIBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<script(?-u:\b).*?</script\s*>|<style(?-u:\b).*?</style\s*>|<!--.*?-->|<noscript(?-u:\b).*?</noscript\s*>")
        .expect("invisible pattern compiles")
});
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("tag pattern compiles"));
static SPACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\s\u{a0}]+").expect("space pattern compiles"));

/// The attributes of one opening tag (the text between the tag name and `>`), names lowercased.
pub fn attributes(inner: &str) -> Vec<(String, String)> {
    ATTR.captures_iter(inner)
        .map(|c| {
            let value = c
                .get(2)
                .or(c.get(3))
                .or(c.get(4))
                .map_or("", |m| m.as_str());
            (c[1].to_ascii_lowercase(), decode_entities(value.trim()))
        })
        .collect()
}

/// The value of attribute `name` in a parsed attribute list.
pub fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The few entities that occur in dates and date labels.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&nbsp;", " ")
        .replace("&#160;", " ")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&#8211;", "–")
        .replace("&auml;", "ä")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
}

/// HTML without scripts, styles and comments.
pub fn without_invisible(html: &str) -> String {
    INVISIBLE.replace_all(html, " ").into_owned()
}

/// Markup stripped to plain text with collapsed whitespace (entities for spaces decoded).
pub fn plain_text(html: &str) -> String {
    let text = TAG.replace_all(html, " ");
    let text = decode_entities(&text);
    SPACE.replace_all(&text, " ").into_owned()
}
