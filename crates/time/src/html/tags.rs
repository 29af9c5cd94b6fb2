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

/// The opening tags named `name` (ASCII, any case), as (byte offset of `<`, the text between
/// the name and `>`). A plain scan from `<` to `<`: a capturing regex over every tag of a
/// page was the largest cost of the cascade.
pub fn opening_tags<'a>(
    html: &'a str,
    name: &'static str,
) -> impl Iterator<Item = (usize, &'a str)> {
    let bytes = html.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || loop {
        let open = pos + html.get(pos..)?.find('<')?;
        let after = open + 1 + name.len();
        pos = open + 1;
        let named = bytes
            .get(open + 1..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let boundary = bytes
            .get(after)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>');
        if named && boundary {
            let close = after + html[after..].find('>')?;
            pos = close + 1;
            return Some((open, &html[after..close]));
        }
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_tags_match_the_whole_name_in_any_case() {
        let html = r#"<META name="a"><metadata x><meta/><link rel=x><meta
            name="b">"#;
        let inners: Vec<&str> = opening_tags(html, "meta").map(|(_, i)| i).collect();
        assert_eq!(
            inners,
            vec![r#" name="a""#, "/", "\n            name=\"b\""]
        );
        assert_eq!(opening_tags("<meta name=x", "meta").count(), 0);
        assert_eq!(opening_tags("", "meta").count(), 0);
    }
}
