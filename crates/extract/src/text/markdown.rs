//! Markdown (and Markdown-ish text renders) to plain lines: inline markup goes, its text
//! stays; lines that carry no text (images, shortcodes, link definitions, rules) go.

use regex::Regex;
use std::sync::OnceLock;

/// One input line after markup removal.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Line {
    /// Plain text of the line, markers removed (may be empty).
    pub text: String,
    /// Chars of `text` that were link text: menus and link lists are mostly links.
    pub link_chars: usize,
    /// A Markdown ATX (`# x`) or setext heading.
    pub heading: bool,
    /// A level-one heading (`# x`, or underlined with `=`): in a page render, the headline.
    pub top_heading: bool,
    /// A bullet or numbered list item.
    pub list_item: bool,
    /// The source line ended with a Markdown hard break (two spaces or a backslash).
    pub hard_break: bool,
    /// Why the whole line was dropped, when it carried markup only.
    pub dropped: Option<&'static str>,
}

macro_rules! regex {
    ($re:expr) => {{
        static RE: OnceLock<Regex> = OnceLock::new();
        RE.get_or_init(|| Regex::new($re).expect("valid regex"))
    }};
}

/// Remove HTML comments, which may span lines.
pub(crate) fn strip_html_comments(text: &str) -> String {
    regex!(r"(?s)<!--.*?-->").replace_all(text, "").into_owned()
}

/// Remove WordPress-style shortcodes (`[the_ad id='1307']`, `[caption ...]...[/caption]`,
/// `[gallery]`) and Hugo shortcodes (`{{< tweet 123 >}}`): CMS markup that leaks into
/// exports. A bracketed lower-case word without attributes (`[sic]`) is left alone unless it
/// is a closing tag or a known shortcode name.
pub(crate) fn strip_shortcodes(line: &str) -> String {
    let line = regex!(r"\{\{[<%].*?[%>]\}\}").replace_all(line, "");
    let line = regex!(r"(?s)\[caption[^\]]*\].*?\[/caption\]").replace_all(&line, "");
    let line = regex!(
        r#"\[/?[a-z][a-z0-9_-]*(\s+[a-z0-9_-]+\s*=\s*("[^"]*"|'[^']*'|[^\s\]]+))+\s*/?\]|\[/[a-z][a-z0-9_-]*\]|\[(caption|gallery|embed|video|audio|playlist|the_ad|ad|adsense|tweet|youtube|instagram|contact-form(-7)?|related_posts?|toc)\s*/?\]"#
    )
    .replace_all(&line, "");
    line.into_owned()
}

/// Remove HTML tags a converter left in its output (`<span id="x"></span>`, `<br/>`):
/// Markdown allows inline HTML, and several converters pass through what they cannot map.
/// Autolinks (`<https://...>`) are not tags and stay for the link step.
fn strip_inline_tags(line: &str) -> String {
    if !line.contains('<') {
        return line.to_string();
    }
    // Lower-case names and attribute syntax only: "<The Palace: Tale of Jang Noksu>" is a
    // title in angle brackets (Korean and Japanese usage), not markup.
    regex!(r#"</?[a-z][a-z0-9-]*(?:\s+[a-z][a-z0-9_:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*\s*/?>"#)
        .replace_all(line, " ")
        .into_owned()
}

/// The most words before a link target taken as that link's text.
const LINK_TEXT_WORDS: usize = 6;

/// Remove link targets that text renders write in parentheses after the link text
/// ("Contact us (https://x.com/contact)", "News (/news)"): the address is not text, and
/// the words before it were a link, which menus and link lists are made of.
/// Returns the line and an estimate of its link characters (up to [`LINK_TEXT_WORDS`]
/// words before each target, within its clause).
fn strip_link_targets(line: &str) -> (String, usize) {
    if !line.contains("(http") && !line.contains("(/") && !line.contains("(mailto:") {
        return (line.to_string(), 0);
    }
    strip_targets(line, regex!(r"\s*\((?:https?://|/|mailto:)[^()\s]*\)"))
}

/// [`strip_link_targets`] for a paragraph joined from wrapped lines, where a long address
/// was broken over two lines and so holds a space ("(https://x.com/a-long-ad dress)").
pub(crate) fn strip_wrapped_link_targets(paragraph: &str) -> (String, usize) {
    if !paragraph.contains("(http") {
        return (paragraph.to_string(), 0);
    }
    strip_targets(paragraph, regex!(r"\s*\(https?://[^()]*\)"))
}

fn strip_targets(line: &str, target: &Regex) -> (String, usize) {
    let mut out = String::with_capacity(line.len());
    let mut link_chars = 0;
    let mut at = 0;
    for found in target.find_iter(line) {
        let before = &line[at..found.start()];
        // A link's text does not run back over the end of a clause.
        link_chars += before
            .split_whitespace()
            .rev()
            .take(LINK_TEXT_WORDS)
            .take_while(|w| !w.ends_with([',', '.', ';', ':', '!', '?']))
            .map(|w| w.chars().count() + 1)
            .sum::<usize>();
        out.push_str(before);
        at = found.end();
    }
    out.push_str(&line[at..]);
    (out, link_chars)
}

/// Remove Markdown backslash escapes (`\[the\_ad\]` → `[the_ad]`).
fn unescape(line: &str) -> String {
    regex!(r"\\([\\`*_{}\[\]()#+\-.!|<>~'])")
        .replace_all(line, "$1")
        .into_owned()
}

/// Whether a line is a setext underline or a thematic break.
fn is_rule(trimmed: &str) -> bool {
    let chars: Vec<char> = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    chars.len() >= 3
        && matches!(chars[0], '-' | '=' | '*' | '_')
        && chars.iter().all(|&c| c == chars[0])
}

/// Convert one Markdown line to plain text (`markdown` false: a plain-text line, only
/// shortcodes are removed and list markers noted).
pub(crate) fn convert_line(raw: &str, markdown: bool) -> Line {
    let hard_break = raw.ends_with("  ") || raw.ends_with('\\');
    let mut line = Line {
        hard_break,
        ..Line::default()
    };
    let mut text = raw.trim().to_string();
    if markdown {
        text = unescape(&text);
    }
    let before_shortcodes = text.clone();
    text = strip_shortcodes(&text).trim().to_string();
    if text.is_empty() && !before_shortcodes.is_empty() {
        line.dropped = Some("shortcode");
        return line;
    }
    let before_tags = text.clone();
    text = strip_inline_tags(&text).trim().to_string();
    if text.is_empty() && !before_tags.is_empty() {
        line.dropped = Some("markup");
        return line;
    }

    if markdown {
        if is_rule(&text) {
            line.dropped = Some("rule");
            return line;
        }
        if regex!(r"^\[[^\]]+\]:\s*\S+").is_match(&text) {
            line.dropped = Some("link definition");
            return line;
        }
        if let Some(c) = regex!(r"^(#{1,6})\s+(.*?)\s*#*$").captures(&text) {
            line.heading = true;
            line.top_heading = c[1].len() == 1;
            text = c[2].to_string();
        }
        while let Some(rest) = text.strip_prefix('>') {
            text = rest.trim_start().to_string();
        }
        let without_images =
            regex!(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]").replace_all(&text, "");
        let without_images = regex!(r"\[\s*\]\([^)]*\)").replace_all(&without_images, "");
        if without_images.trim().is_empty() && !text.is_empty() {
            line.dropped = Some("image");
            return line;
        }
        text = without_images.into_owned();
    }
    if let Some(m) = regex!(r"^([-*+•·▪◦‣]|\d{1,3}[.)])\s+").find(&text) {
        line.list_item = true;
        // Numbered lines keep their number: "1. name" may be a comment header the
        // classifier needs to see; bullets carry no text.
        if !text.starts_with(|c: char| c.is_ascii_digit()) {
            text = text[m.end()..].to_string();
        }
    }
    if markdown {
        let mut link_chars = 0;
        let linked = regex!(
            r#"\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)|\[([^\]]+)\]\[[^\]]*\]"#
        )
        .replace_all(&text, |c: &regex::Captures| {
            let t = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            link_chars += t.chars().count();
            t.to_string()
        })
        .into_owned();
        let autolinked = regex!(r"<(https?://[^>\s]+)>").replace_all(&linked, "$1");
        // Two strong markers back to back inside a word ("**[****Engadget****]**", a
        // renderer's nested bold) are no emphasis; left, they pair up with the wrong mates.
        let unnested = regex!(r"(\S)(?:\*\*\*\*|____)(\S)").replace_all(&autolinked, "$1$2");
        let strong = regex!(r"(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)").replace_all(&unnested, "$2");
        let emphasis = regex!(r"(^|[\s(“\x22'])[*_](\S(?:[^*_]*?\S)?)[*_]([\s).,;:!?”\x22']|$)")
            .replace_all(&strong, "$1$2$3");
        let struck = regex!(r"~~(.*?)~~").replace_all(&emphasis, "$1");
        let code = regex!(r"`([^`]*)`").replace_all(&struck, "$1");
        text = code.into_owned();
        line.link_chars += link_chars;
    }
    // After Markdown's own links (`[text](https://...)`), whose targets are theirs.
    let (unlinked, target_link_chars) = strip_link_targets(&text);
    line.link_chars += target_link_chars;
    line.text = unlinked.trim().to_string();
    line
}

/// Emphasis markers left on a paragraph after its lines were joined: a renderer that wraps
/// lines splits `_an emphasised sentence_` over two, and each line alone keeps its marker.
/// Only markers at a word's edge go; `snake_case` keeps its underscore.
pub(crate) fn strip_split_emphasis(text: &str) -> String {
    let opened = regex!(r#"(^|[\s(“"'])(?:_{1,2}|\*{1,2})(\w)"#).replace_all(text, "$1$2");
    regex!(r#"(\w[.!?,;:]?)(?:_{1,2}|\*{1,2})([\s).,;:!?”"']|$)"#)
        .replace_all(&opened, "$1$2")
        .into_owned()
}

/// Whether a plain-text document is in fact Markdown (a text render of a Markdown export).
pub(crate) fn looks_like_markdown(text: &str) -> bool {
    regex!(r"(?m)\]\((https?:|/)[^)]*\)|^#{1,6} \S|^!\[|\\_|\\\[").is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_emphasis_and_escapes_become_text() {
        let l = convert_line(
            "After [taking the market](https://x.com/a) _“We will.”_ **now**",
            true,
        );
        assert_eq!(l.text, "After taking the market “We will.” now");
        assert_eq!(l.link_chars, "taking the market".len());
    }

    #[test]
    fn nested_bold_leaves_no_markers() {
        // A renderer's `<b>[<b>Engadget</b>]</b>`.
        assert_eq!(
            convert_line("**[****Engadget****]**", true).text,
            "[Engadget]"
        );
        assert_eq!(
            convert_line("**Read:** [****Engadget****]", true).text,
            "Read: [Engadget]"
        );
    }

    #[test]
    fn emphasis_split_over_wrapped_lines_goes_once_joined() {
        assert_eq!(
            strip_split_emphasis("_Editor's note: this story was updated at 5 p.m._ More text"),
            "Editor's note: this story was updated at 5 p.m. More text"
        );
        assert_eq!(
            strip_split_emphasis("__Subscribe to our title_ now"),
            "Subscribe to our title now"
        );
        assert_eq!(
            strip_split_emphasis("the max_len field"),
            "the max_len field"
        );
    }

    #[test]
    fn markup_only_lines_are_dropped_with_a_reason() {
        assert_eq!(
            convert_line("![](https://x.com/a.jpg)", true).dropped,
            Some("image")
        );
        assert_eq!(
            convert_line(r"\[the\_ad id='99'\]  ", true).dropped,
            Some("shortcode")
        );
        assert_eq!(
            convert_line("{{< tweet user=\"x\" id=\"1\" >}}", true).dropped,
            Some("shortcode")
        );
        assert_eq!(convert_line("[/caption]", false).dropped, Some("shortcode"));
        assert_eq!(
            convert_line("[ref]: https://x.com", true).dropped,
            Some("link definition")
        );
        assert_eq!(
            convert_line("[sic] as written", false).text,
            "[sic] as written"
        );
    }

    #[test]
    fn headings_and_list_items_are_marked() {
        let h = convert_line("## The plan ##", true);
        assert!(h.heading);
        assert_eq!(h.text, "The plan");
        let li = convert_line("  • Display 6.1 inches", false);
        assert!(li.list_item);
        assert_eq!(li.text, "Display 6.1 inches");
        assert!(convert_line("text  ", true).hard_break);
    }

    #[test]
    fn link_targets_written_after_the_link_text_go_and_count_as_links() {
        let menu = convert_line(
            "Home (https://x.com/) News (/news) Contact (mailto:a@x.com)",
            false,
        );
        assert_eq!(menu.text, "Home News Contact");
        assert_eq!(menu.link_chars, "Home News Contact ".len());
        let prose = convert_line(
            "The council met on Tuesday and agreed the budget, its minutes say (https://x.com/m).",
            false,
        );
        assert_eq!(
            prose.text,
            "The council met on Tuesday and agreed the budget, its minutes say."
        );
        assert!(prose.link_chars < prose.text.len() / 2);
        // A parenthesis that is not an address stays.
        assert_eq!(
            convert_line("Lisbon (Portugal) grew", false).text,
            "Lisbon (Portugal) grew"
        );
    }

    #[test]
    fn inline_html_goes_but_titles_in_angle_brackets_stay() {
        assert_eq!(
            convert_line(r#"<span id="a1"></span> ( _Reuters_ ) said"#, true).text,
            "( Reuters ) said"
        );
        assert_eq!(
            convert_line(r#"<span id="sticky-wrapper"></span>"#, true).dropped,
            Some("markup")
        );
        assert_eq!(
            convert_line("watch <The Palace: Tale of Jang Noksu> tonight", false).text,
            "watch <The Palace: Tale of Jang Noksu> tonight"
        );
    }

    #[test]
    fn comments_span_lines() {
        assert_eq!(strip_html_comments("a<!-- x\ny -->b"), "ab");
    }

    #[test]
    fn markdown_is_detected() {
        assert!(looks_like_markdown("see [this](https://a.b)"));
        assert!(!looks_like_markdown("A plain line.\nAnother one."));
    }
}
