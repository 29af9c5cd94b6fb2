//! Plain text and Markdown cleaning: front matter, Markdown markup, title, byline, and a
//! line/block classifier that keeps the article and drops the page around it (menus,
//! promos, share rows, "Related" lists, reader comments, reprint notices).
//!
//! Flow: [`front_matter`] → [`flat`] (a page flattened onto one line is cut into
//! sentences) → [`markdown`] per line → units (paragraphs, or lines when a
//! block is not one paragraph) → [`features`] and [`patterns`] → [`title`] and [`byline`]
//! → [`classify`] → [`region`] (the article as one dense stretch; second copies of kept text
//! go) → [`masthead`] (an English headline package above the byline goes) → labelled story
//! links and credited picture captions inside the region go → clean paragraphs
//! ([`normalize`]).

pub(crate) mod byline;
mod classify;
mod features;
mod flat;
mod front_matter;
mod markdown;
mod masthead;
pub(crate) mod normalize;
pub(crate) mod patterns;
mod region;
pub(crate) mod stopwords;
mod title;

use storyline_model::{DateCandidate, DateSource, Format};

use crate::{Extracted, Removed};
use classify::Unit;
use markdown::Line;

/// A byline is looked for in this many units after the title: bylines sit under the headline.
const BYLINE_WINDOW: usize = 4;
/// Without a title, a byline is looked for in this many units at the top.
const TOP_WINDOW: usize = 8;

/// Clean one plain-text or Markdown document.
pub fn extract_text(text: &str, format: Format) -> Extracted {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let (front, body) = front_matter::split(&text);
    let markdown =
        format == Format::Markdown || front.is_some() || markdown::looks_like_markdown(body);
    let body = markdown::strip_html_comments(body);
    let flattened = flat::sentence_lines(&body);
    // A flattened page's line ends are sentence ends storyline cut itself: they say nothing
    // of whether a line is prose.
    let line_ends_are_the_authors = flattened.is_none();
    let body = flattened.unwrap_or(body);

    let mut out = Extracted::default();
    let lines: Vec<Line> = body
        .lines()
        .map(|l| markdown::convert_line(l, markdown))
        .collect();
    let units = build_units(&body, &lines, markdown, &mut out.removed);
    let initial = classify::initial_classes(&units, line_ends_are_the_authors);
    let mut fixed = vec![false; units.len()];

    if let Some(front) = front {
        out.title = front.title.unwrap_or_default();
        out.authors = front.authors;
        out.url = front.url;
        out.lang = front.lang;
        out.site = front.site;
        out.date_candidates = front.dates;
    }
    let title_index = if out.title.is_empty() {
        title::choose(&units, &initial)
    } else {
        let wanted = normalize::collapse_whitespace(&out.title).to_lowercase();
        units
            .iter()
            .take(5)
            .position(|u| u.text.to_lowercase() == wanted)
    };
    if let Some(i) = title_index {
        if out.title.is_empty() {
            out.title = units[i].text.clone();
        }
        // Page renders repeat the headline (document title, then the on-page heading).
        let first_prose = initial
            .iter()
            .position(|c| *c == classify::Class::Good)
            .unwrap_or(units.len());
        let key = units[i].text.to_lowercase();
        for j in i..first_prose.max(i + 1) {
            if units[j].text.to_lowercase() == key {
                fixed[j] = true;
                out.removed.push(removed(&units[j].text, "title"));
            }
        }
    }
    find_byline(&units, &initial, title_index, &mut fixed, &mut out);

    let mut verdicts = classify::decide(&units, &initial, &fixed);
    let headline = headline_occurrences(&units, &out.title);
    region::keep_main_region(&units, &fixed, &headline, &mut verdicts);
    region::drop_repeated_text(&units, &mut verdicts);
    masthead::cut_above_byline(&units, &mut verdicts);
    // Labelled links to other stories and credited picture captions go last, so that they
    // neither end the article region nor make the paragraphs around them look like
    // boilerplate.
    for (unit, verdict) in units.iter().zip(verdicts.iter_mut()) {
        if verdict.is_some() {
            continue;
        }
        let (text, words) = (&unit.text, unit.features.words);
        if patterns::is_inline_story_link(text, words) {
            *verdict = Some("inline story link");
        } else if patterns::is_credited_caption(text, words) {
            *verdict = Some("picture caption");
        }
    }
    for (unit, verdict) in units.iter().zip(verdicts) {
        match verdict {
            None => out.body.push(unit.text.clone()),
            Some("fixed") => {}
            Some(reason) => out.removed.push(removed(&unit.text, reason)),
        }
    }
    let boxes = crate::end_boxes::cut_end_boxes(&mut out.body);
    out.removed.extend(boxes);
    out
}

/// Units that are the page's headline: the title itself, or the title's first part when the
/// title is "Headline - Site" or "Headline | Site" (a document title above the page).
fn headline_occurrences(units: &[Unit], title: &str) -> Vec<bool> {
    let title = normalize::collapse_whitespace(title).to_lowercase();
    units
        .iter()
        .map(|u| {
            let text = u.text.to_lowercase();
            !title.is_empty()
                && u.features.words >= 3
                && (text == title
                    || title.strip_prefix(text.as_str()).is_some_and(|rest| {
                        [" - ", " | ", " – ", " — ", " :: ", " · "]
                            .iter()
                            .any(|sep| rest.starts_with(sep))
                    }))
        })
        .collect()
}

fn removed(text: &str, reason: &str) -> Removed {
    Removed::new(text, reason)
}

/// Look for a byline just under the title (or above the first paragraph); take its authors
/// and date and remove the line.
fn find_byline(
    units: &[Unit],
    initial: &[classify::Class],
    title_index: Option<usize>,
    fixed: &mut [bool],
    out: &mut Extracted,
) {
    let first_prose = initial
        .iter()
        .position(|c| *c == classify::Class::Good)
        .unwrap_or(units.len());
    // Under the title, or near the top when there is none; never past the first paragraph.
    let end = title_index
        .map_or(TOP_WINDOW, |t| t + 1 + BYLINE_WINDOW)
        .min(first_prose + 1)
        .min(units.len());
    for i in 0..end {
        if fixed[i] || units[i].features.words > 25 {
            continue;
        }
        let Some(found) = byline::parse(&units[i].text) else {
            continue;
        };
        for author in found.authors {
            if !out.authors.contains(&author) {
                out.authors.push(author);
            }
        }
        if let Some(date) = found.date {
            out.date_candidates.push(DateCandidate {
                text: date,
                source: DateSource::Byline,
                modified: found.modified,
            });
        }
        fixed[i] = true;
        out.removed.push(removed(&units[i].text, "byline"));
    }
}

/// Group lines into units. Blank lines separate blocks. In Markdown, the lines of a block
/// form one paragraph unless they are headings, list items or end in a hard break. In plain
/// text, a block is one paragraph only when its lines are hard-wrapped or soft-wrapped
/// sentences; otherwise every line is its own unit (text renders put one element per line).
fn build_units(
    body: &str,
    lines: &[Line],
    markdown: bool,
    removed_out: &mut Vec<Removed>,
) -> Vec<Unit> {
    let raw: Vec<&str> = body.lines().collect();
    let one_element_per_line = markdown && !separates_paragraphs(&raw);
    let mut units = Vec::new();
    let mut block = 0;
    let mut i = 0;
    while i < lines.len() {
        if raw[i].trim().is_empty() {
            block += 1;
            i += 1;
            continue;
        }
        // Collect the block's non-dropped lines.
        let mut members: Vec<Line> = Vec::new();
        while i < lines.len() && !raw[i].trim().is_empty() {
            let line = &lines[i];
            if let Some(reason) = line.dropped {
                if reason == "rule"
                    && markdown
                    && !members.is_empty()
                    && raw[i].trim_start().starts_with(['=', '-'])
                {
                    let last = members.last_mut().expect("non-empty");
                    last.heading = true;
                    last.top_heading = raw[i].trim_start().starts_with('=');
                } else if reason != "rule" {
                    removed_out.push(removed(raw[i].trim(), reason));
                }
            } else if !line.text.is_empty() {
                members.push(line.clone());
            }
            i += 1;
        }
        for group in group_block(&members, markdown, one_element_per_line) {
            let joined = group
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let joined = if markdown {
                markdown::strip_split_emphasis(&joined)
            } else {
                joined
            };
            let (joined, wrapped_link_chars) = if group.len() > 1 {
                markdown::strip_wrapped_link_targets(&joined)
            } else {
                (joined, 0)
            };
            let text = normalize::clean_paragraph(&joined);
            if text.is_empty() {
                continue;
            }
            let link_chars: usize =
                group.iter().map(|l| l.link_chars).sum::<usize>() + wrapped_link_chars;
            let features = features::measure(&text);
            units.push(Unit {
                link_density: link_chars as f64 / features.chars.max(1) as f64,
                heading: group.iter().any(|l| l.heading),
                top_heading: group.iter().any(|l| l.top_heading),
                list_item: group.first().is_some_and(|l| l.list_item),
                text,
                features,
                block,
            });
        }
        block += 1;
    }
    units
}

/// A document whose blocks (runs of lines between blank lines) average more lines than
/// this does not use blank lines to separate its paragraphs. Page renders that do keep
/// 1 to 6 lines a block (headings, a paragraph, a short list); converters that write one
/// element per line with no blank line between make blocks of dozens to hundreds.
const MAX_MEAN_BLOCK_LINES: f64 = 8.0;

/// Whether blank lines separate the document's paragraphs (see [`MAX_MEAN_BLOCK_LINES`]).
fn separates_paragraphs(raw: &[&str]) -> bool {
    let mut lines = 0usize;
    let mut blocks = 0usize;
    let mut in_block = false;
    for line in raw {
        let blank = line.trim().is_empty();
        if !blank {
            lines += 1;
            blocks += usize::from(!in_block);
        }
        in_block = !blank;
    }
    blocks == 0 || lines as f64 / blocks as f64 <= MAX_MEAN_BLOCK_LINES
}

/// Split a block's lines into paragraphs.
/// In a Markdown block, lines join into one paragraph; `one_element_per_line` (a document
/// that does not separate its paragraphs with blank lines) joins only a sentence cut by a
/// wrap, as plain text does.
fn group_block(members: &[Line], markdown: bool, one_element_per_line: bool) -> Vec<Vec<&Line>> {
    let texts: Vec<&str> = members.iter().map(|l| l.text.as_str()).collect();
    let hard_wrapped =
        normalize::looks_hard_wrapped(&texts) && !members.iter().any(|l| l.list_item);
    let wrapped = !markdown && hard_wrapped;
    let line_per_element = one_element_per_line && !hard_wrapped;
    let mut groups: Vec<Vec<&Line>> = Vec::new();
    for (k, line) in members.iter().enumerate() {
        let joins = k > 0 && {
            let prev = &members[k - 1];
            let standalone = line.heading || line.list_item || prev.heading || prev.hard_break;
            if markdown {
                (!standalone
                    && (!line_per_element || normalize::continues_sentence(&prev.text, &line.text)))
                    || (prev.list_item
                        && !line.list_item
                        && !line.heading
                        && normalize::continues_sentence(&prev.text, &line.text))
            } else {
                !line.list_item
                    && (wrapped || normalize::continues_sentence(&prev.text, &line.text))
            }
        };
        match groups.last_mut() {
            Some(group) if joins => group.push(line),
            _ => groups.push(vec![line]),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The units of a document, as `extract_text` builds them.
    fn units_of(body: &str, markdown: bool) -> Vec<Unit> {
        let lines: Vec<Line> = body
            .lines()
            .map(|l| markdown::convert_line(l, markdown))
            .collect();
        build_units(body, &lines, markdown, &mut Vec::new())
    }

    #[test]
    fn an_address_wrapped_over_two_lines_goes_and_its_text_counts_as_a_link() {
        // Hard-wrapped at 60 columns, the address broken where the wrap fell.
        let body = "Chelsea paid the fee this morning, and the keeper flies to\n\
                    London (https://x.com/2018/08/chelsea-activate-716m-release\n\
                    -clause.html) tonight to complete the formalities.\n";
        let units = units_of(body, false);
        assert_eq!(units.len(), 1);
        assert_eq!(
            units[0].text,
            "Chelsea paid the fee this morning, and the keeper flies to London tonight to \
             complete the formalities."
        );
        assert!(units[0].link_density > 0.0);
    }

    #[test]
    fn markdown_without_blank_lines_is_read_one_element_per_line() {
        let mut doc = String::from("# Lumora opens in Lisbon\nSeptember 10, 2018 | by Catherine\n");
        for n in 0..10 {
            // Lines of uneven length: not a fixed-width wrap.
            let detail = " and then some more of what was said".repeat(n % 4);
            doc.push_str(&format!(
                "Paragraph {n} says what happened in Lisbon{detail}.\n"
            ));
        }
        let units = units_of(&doc, true);
        assert_eq!(
            units.len(),
            12,
            "{:?}",
            units.iter().map(|u| &u.text).collect::<Vec<_>>()
        );
        assert_eq!(units[1].text, "September 10, 2018 | by Catherine");
        // With blank lines between paragraphs, a paragraph's lines still join.
        let doc = "First line of a paragraph\ncontinues here\nand ends here.\n\nNext one.\n";
        let units = units_of(doc, true);
        assert_eq!(
            units[0].text,
            "First line of a paragraph continues here and ends here."
        );
    }

    #[test]
    fn markdown_paragraph_lines_join_but_headings_and_items_stand_alone() {
        let doc = "# Headline here\n\nFirst line of a paragraph\ncontinues here.\n\n- item one\n- item two\n";
        let x = extract_text(doc, Format::Markdown);
        assert_eq!(x.title, "Headline here");
        assert!(
            x.body
                .iter()
                .any(|p| p == "First line of a paragraph continues here."),
            "{:?}",
            x.body
        );
    }
}
