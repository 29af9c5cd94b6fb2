//! Choosing the title of a text document: the first level-one Markdown heading that reads
//! as a headline, else the first Markdown heading, else the first line
//! that reads as a headline once leading noise (ad labels, promos, site names, captions)
//! is skipped.

use super::byline;
use super::classify::{Class, Unit, FEW_FUNCTION_WORDS};
use super::patterns;

/// Headlines are at most this long (chars); longer lines are paragraphs.
const MAX_HEADLINE_CHARS: usize = 250;
const MAX_HEADLINE_WORDS: usize = 30;

/// The index of the title unit, looking only above the first prose paragraph.
pub(crate) fn choose(units: &[Unit], initial: &[Class]) -> Option<usize> {
    let first_prose = initial
        .iter()
        .position(|c| *c == Class::Good)
        .unwrap_or(units.len().min(20));
    let top = 0..first_prose;
    let acceptable = |i: usize| match initial[i] {
        Class::Bad(reason) => reason == FEW_FUNCTION_WORDS,
        _ => true,
    };
    // A heading with the byline right under it is the article's, even below a level-one
    // heading: blog themes set the site's name as `#` and each post's title as `##` over
    // "Posted on <date> by <author>".
    if let Some(i) = (0..units.len().saturating_sub(1)).find(|&i| {
        units[i].heading
            && acceptable(i)
            && headline_like(&units[i])
            && is_byline_line(&units[i + 1].text)
    }) {
        return Some(i);
    }
    // A page render's headline is its level-one heading, wherever menus and sidebars put
    // it; the first heading above the article may be a menu's ("Accessibility links").
    if let Some(i) = (0..units.len())
        .find(|&i| units[i].top_heading && acceptable(i) && headline_like(&units[i]))
    {
        return Some(i);
    }
    if let Some(i) = top
        .clone()
        .find(|&i| units[i].heading && acceptable(i) && !units[i].text.is_empty())
    {
        return Some(i);
    }
    top.into_iter().find(|&i| {
        acceptable(i) && headline_like(&units[i]) && !next_to_boilerplate(units, initial, i)
    })
}

/// Short-ish, several words, no final period, not a list item, date line, label or byline.
/// One colon is allowed ("BREAKING: ..."); profile lines have several.
pub(crate) fn headline_like(unit: &Unit) -> bool {
    let f = &unit.features;
    let text = unit.text.trim_end();
    let enough_words = if f.cjk_ratio > 0.5 {
        f.chars >= 8
    } else {
        f.words >= 3
    };
    enough_words
        && f.words <= MAX_HEADLINE_WORDS
        && f.chars <= MAX_HEADLINE_CHARS
        && !text.ends_with(['.', ':', ',', ';'])
        && !unit.list_item
        && unit.link_density < 0.5
        && f.label_fields <= 1
        && !(f.words <= 6 && byline::contains_date(text))
        && byline::parse(text).is_none()
        && !patterns::is_section_end_heading(text, f.words)
}

/// A byline, or a posting line whose date or name the byline parser does not read
/// ("Posted on Maret 30, 2015 by Admin").
fn is_byline_line(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    byline::parse(text).is_some()
        || (text.split_whitespace().count() <= 12
            && ["posted on ", "published on ", "posted by ", "written by "]
                .iter()
                .any(|label| lower.starts_with(label)))
}

/// Promo boxes put their blurb on the line next to the promo label; a headline stands apart.
fn next_to_boilerplate(units: &[Unit], initial: &[Class], i: usize) -> bool {
    let pattern_bad = |j: usize| {
        units[j].block == units[i].block
            && matches!(initial[j], Class::Bad(r) if r != FEW_FUNCTION_WORDS)
    };
    (i > 0 && pattern_bad(i - 1)) || (i + 1 < units.len() && pattern_bad(i + 1))
}
