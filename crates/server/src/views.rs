//! View models for the pages: plain data the templates only print (askama escapes every
//! piece), so no markup is ever built from article text by hand.

use storyline_model::{DateMention, EntryKind, Timeline};

/// A run of paragraph text, marked when it is a date mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    /// The resolved date (shown as the mark's title) when this run is a mention.
    pub mark: Option<String>,
}

/// The body paragraphs cut into runs around the mentioned dates. Mention offsets are in
/// chars over the paragraphs joined by `"\n\n"`; overlapping or out-of-range mentions are
/// dropped rather than trusted.
pub fn highlight(paragraphs: &[String], mentions: &[DateMention]) -> Vec<Vec<Segment>> {
    let mut sorted: Vec<&DateMention> = mentions.iter().filter(|m| m.start < m.end).collect();
    sorted.sort_by_key(|m| (m.start, m.end));
    let mut out = Vec::with_capacity(paragraphs.len());
    let mut para_start = 0usize;
    for paragraph in paragraphs {
        let chars: Vec<char> = paragraph.chars().collect();
        let para_end = para_start + chars.len();
        let mut segments = Vec::new();
        let mut cursor = 0usize; // in chars, within this paragraph
        for m in &sorted {
            if m.start < para_start + cursor || m.end > para_end {
                continue; // overlaps the previous mark, or crosses a paragraph break
            }
            let (s, e) = (m.start - para_start, m.end - para_start);
            if s > cursor {
                segments.push(Segment {
                    text: chars[cursor..s].iter().collect(),
                    mark: None,
                });
            }
            segments.push(Segment {
                text: chars[s..e].iter().collect(),
                mark: Some(m.date.to_string()),
            });
            cursor = e;
        }
        if cursor < chars.len() || segments.is_empty() {
            segments.push(Segment {
                text: chars[cursor..].iter().collect(),
                mark: None,
            });
        }
        out.push(segments);
        para_start = para_end + 2; // the "\n\n" between paragraphs
    }
    out
}

/// A URL that may become a link: http or https only (no `javascript:`, `data:`, ...).
pub fn http_url(url: Option<&str>) -> Option<String> {
    let url = url?.trim();
    let lower = url.to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && url.len() > "https://".len()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| url.to_string())
}

/// `text` cut to `max` chars, with an ellipsis when cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// One line of sentence text in the drawing, linking to its article.
#[derive(Debug, Clone)]
pub struct SvgLine {
    pub y: u32,
    pub text: String,
    pub href: String,
}

/// One entry of the drawing.
#[derive(Debug, Clone)]
pub struct SvgEntry {
    pub y: u32,
    pub date: String,
    pub planned: bool,
    /// The diamond's points for planned entries (a circle is drawn for reported ones).
    pub diamond: String,
    pub lines: Vec<SvgLine>,
}

/// A timeline laid out as a vertical axis: dates on the left, markers on the axis
/// (filled circles reported, hollow diamonds planned), sentences to the right.
#[derive(Debug, Clone)]
pub struct SvgTimeline {
    pub width: u32,
    pub height: u32,
    pub axis_x: u32,
    pub axis_top: u32,
    pub axis_bottom: u32,
    pub entries: Vec<SvgEntry>,
    /// Entries not drawn (shown in the list below only).
    pub omitted: usize,
}

pub const SVG_MAX_ENTRIES: usize = 40;
const SVG_SENTENCES_PER_ENTRY: usize = 2;
const SVG_LINE_CHARS: usize = 70;

pub fn layout_timeline(timeline: &Timeline) -> SvgTimeline {
    let axis_x = 118;
    let axis_top = 52;
    let mut y = axis_top + 22;
    let mut entries = Vec::new();
    for entry in timeline.entries.iter().take(SVG_MAX_ENTRIES) {
        let lines: Vec<SvgLine> = entry
            .summary
            .iter()
            .take(SVG_SENTENCES_PER_ENTRY)
            .enumerate()
            .map(|(i, s)| SvgLine {
                y: y + 5 + 18 * i as u32,
                text: clip(&s.text, SVG_LINE_CHARS),
                href: format!("/articles/{}", s.article),
            })
            .collect();
        let rows = lines.len().max(1) as u32;
        entries.push(SvgEntry {
            y,
            date: entry.date.to_string(),
            planned: entry.kind == EntryKind::Planned,
            diamond: format!(
                "{},{} {},{} {},{} {},{}",
                axis_x,
                y - 7,
                axis_x + 7,
                y,
                axis_x,
                y + 7,
                axis_x - 7,
                y
            ),
            lines,
        });
        y += 18 * rows + 16;
    }
    SvgTimeline {
        width: 760,
        height: y,
        axis_x,
        axis_top,
        axis_bottom: y.saturating_sub(12).max(axis_top),
        entries,
        omitted: timeline.entries.len().saturating_sub(SVG_MAX_ENTRIES),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_model::{PartialDate, Precision};

    fn mention(text: &str, start: usize, end: usize) -> DateMention {
        DateMention {
            text: text.into(),
            start,
            end,
            date: PartialDate::year(2019).unwrap(),
            until: None,
            precision: Precision::Year,
            sentence: String::new(),
            anchored: false,
        }
    }

    #[test]
    fn mentions_are_cut_out_per_paragraph() {
        let paras = vec![
            "In 2019 it grew.".to_string(),
            "By 2020, <b>more</b>.".to_string(),
        ];
        // "In 2019 it grew." is 16 chars; the second paragraph starts at 18.
        let out = highlight(&paras, &[mention("2019", 3, 7), mention("2020", 21, 25)]);
        assert_eq!(
            out[0][1],
            Segment {
                text: "2019".into(),
                mark: Some("2019".into())
            }
        );
        assert_eq!(out[0][0].text, "In ");
        assert_eq!(out[1][0].text, "By ");
        assert_eq!(out[1][1].text, "2020");
        assert_eq!(out[1][2].text, ", <b>more</b>.");
    }

    #[test]
    fn bad_offsets_are_dropped_not_trusted() {
        let paras = vec!["short".to_string()];
        let out = highlight(&paras, &[mention("x", 2, 99), mention("y", 4, 2)]);
        assert_eq!(
            out,
            vec![vec![Segment {
                text: "short".into(),
                mark: None
            }]]
        );
        let out = highlight(&paras, &[mention("ho", 1, 3), mention("or", 2, 4)]);
        assert_eq!(out[0].iter().filter(|s| s.mark.is_some()).count(), 1);
    }

    #[test]
    fn only_http_urls_become_links() {
        assert!(http_url(Some("https://example.com/a")).is_some());
        assert!(http_url(Some("HTTP://example.com")).is_some());
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil",
            "https://a b",
            "https://",
        ] {
            assert!(http_url(Some(bad)).is_none(), "{bad}");
        }
    }
}
