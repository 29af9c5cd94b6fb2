//! A fast, forgiving scan of HTML tags with regexes: no DOM is built. Good enough to read
//! attributes of `<meta>`, `<time>` and dated elements, and to strip markup from text.

use std::sync::LazyLock;

use regex::Regex;

static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"#)
        .expect("attribute pattern compiles")
});
/// Where an invisible block may open, and the closer each kind needs.
static INVISIBLE_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<(script|style|noscript)(?-u:\b)|<!--").expect("opener pattern compiles")
});
static INVISIBLE_CLOSE: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        r"(?i)</script\s*>",
        r"(?i)</style\s*>",
        r"(?i)</noscript\s*>",
        "-->",
    ]
    .map(|p| Regex::new(p).expect("closer pattern compiles"))
});
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("tag pattern compiles"));
static SPACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\s\u{a0}]+").expect("space pattern compiles"));

static OPENERS: LazyLock<[(&str, Regex); 2]> = LazyLock::new(|| {
    ["meta", "link"].map(|name| {
        let re = Regex::new(&format!("(?i)<{name}")).expect("opener pattern compiles");
        (name, re)
    })
});

/// The opening tags named `name` (`meta` or `link`, any case), as (byte offset of `<`, the
/// text between the name and `>`). A literal search (SIMD) for `<meta` then a scan to `>`:
/// a capturing regex over every tag of a page was the largest cost of the cascade.
pub fn opening_tags<'a>(
    html: &'a str,
    name: &'static str,
) -> impl Iterator<Item = (usize, &'a str)> {
    let opener = OPENERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, re)| re)
        .expect("opening_tags is called with a known tag name");
    let bytes = html.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || loop {
        let open = opener.find_at(html, pos)?.start();
        let after = open + 1 + name.len();
        pos = after;
        let boundary = bytes
            .get(after)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>');
        if boundary {
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

/// HTML without scripts, styles and comments (each replaced by a space). Found opener by
/// opener, each closed by its own closer: one lazy `.*?` alternation over the page cost
/// more than everything after it.
pub fn without_invisible(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let (mut copied, mut pos) = (0, 0);
    while let Some(caps) = INVISIBLE_OPEN.captures_at(html, pos) {
        let Some(open) = caps.get(0) else { break };
        let kind = match caps.get(1).map(|m| m.as_str().to_ascii_lowercase()) {
            Some(k) if k == "script" => 0,
            Some(k) if k == "style" => 1,
            Some(_) => 2,
            None => 3,
        };
        match INVISIBLE_CLOSE[kind].find_at(html, open.end()) {
            Some(close) => {
                out.push_str(&html[copied..open.start()]);
                out.push(' ');
                copied = close.end();
                pos = close.end();
            }
            // Unclosed: not a block, as the former regex would not have matched either.
            None => pos = open.end(),
        }
    }
    out.push_str(&html[copied..]);
    out
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
    fn invisible_blocks_are_cut_by_their_own_closers() {
        let html = "a<SCRIPT type=x>1 </style> 2</script >b<!-- c -->d<style>e</style>f<scripts>g";
        assert_eq!(without_invisible(html), "a b d f<scripts>g");
        assert_eq!(
            without_invisible("x<script>never closed"),
            "x<script>never closed"
        );
        assert_eq!(without_invisible(""), "");
    }

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
