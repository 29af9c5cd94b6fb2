//! Block classification, jusText-style but for text that lost its markup: each unit is
//! first judged alone (good / near-good / short / bad, from [`features`](super::features)
//! and [`patterns`](super::patterns)), then whole-document structure (comment threads,
//! spec boxes, "Related ..." lists) and the neighbours decide the rest.

use std::collections::HashMap;

use super::features::Features;
use super::patterns;

/// Units shorter than this (in chars) are "short": too little text to judge alone.
const LENGTH_LOW: usize = 70;
/// Units longer than this with enough function words are prose on their own.
const LENGTH_HIGH: usize = 200;
/// Function-word density below which a unit is not prose (names, menus, labels).
const STOP_LOW: f64 = 0.25;
/// Function-word density enough for long text of several sentences: prose in a language
/// with a short function-word list here (Indonesian runs at 0.10-0.25).
const STOP_SENTENCES: f64 = 0.10;
/// Function-word density of confident prose.
const STOP_HIGH: f64 = 0.32;
/// Units whose text is mostly link text are navigation.
const MAX_LINK_DENSITY: f64 = 0.4;
/// Share of the long units' text that must have function words for the document to count
/// as written in a known language.
const PROSE_LANGUAGE_SHARE: f64 = 0.25;
/// "jdoe says:" lines needed before they mark a comment thread (an article may have two
/// quotes introduced by "... said:").
const MIN_COMMENTER_LINES: usize = 3;
/// Date lines at most this many units apart make a dated teaser list.
const TEASER_DATE_GAP: usize = 5;
/// Near-good sentences in a row that make prose by themselves.
const PROSE_RUN: usize = 3;
/// A paragraph opening with a dateline is the article's first when it has this many words.
const DATELINE_WORDS: usize = 12;
/// CJK text has no spaces and no function-word list here: judged by length in chars.
const CJK_LENGTH_LOW: usize = 25;
const CJK_LENGTH_HIGH: usize = 100;

/// One unit of text: a paragraph, or a line of a block that is not one paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unit {
    pub text: String,
    pub features: Features,
    pub link_density: f64,
    pub heading: bool,
    /// A level-one Markdown heading.
    pub top_heading: bool,
    pub list_item: bool,
    /// Index of the blank-line separated block the unit came from.
    pub block: usize,
}

impl Unit {
    /// Short, no final period, several words: reads like a caption or a label.
    pub fn caption_like(&self) -> bool {
        let f = &self.features;
        !f.ends_sentence && f.effective_words() >= 3 && f.effective_words() <= 30
    }
}

/// How a unit was judged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Class {
    Good,
    NearGood,
    Short,
    Bad(&'static str),
}

/// The reason given to units with too few function words (these may still be headlines).
pub(crate) const FEW_FUNCTION_WORDS: &str = "few function words";

/// Judge every unit on its own. `prose_language` is false when no unit of the document has
/// the function words of a known language; length alone then decides. `sentence_ends` says
/// whether a unit ending a sentence was written so (false for a flattened page, which
/// storyline cut into sentences itself).
pub(crate) fn initial_classes(units: &[Unit], sentence_ends: bool) -> Vec<Class> {
    let prose_language = prose_language(units);
    let counts = repeat_counts(units);
    units
        .iter()
        .map(|u| initial_class(u, counts[&key(&u.text)], prose_language, sentence_ends))
        .collect()
}

/// Whether the document is in a language whose function words are known: enough of its
/// long units (by length) have them. One English line (a login prompt) in a page in
/// another language does not make the page English.
fn prose_language(units: &[Unit]) -> bool {
    let long = || units.iter().filter(|u| u.features.chars >= LENGTH_HIGH);
    let total: usize = long().map(|u| u.features.chars).sum();
    let with_stops: usize = long()
        .filter(|u| u.features.stop_density >= STOP_LOW)
        .map(|u| u.features.chars)
        .sum();
    if total == 0 {
        return units.iter().any(|u| u.features.stop_density >= STOP_LOW);
    }
    with_stops as f64 >= PROSE_LANGUAGE_SHARE * total as f64
}

fn initial_class(unit: &Unit, repeats: usize, prose_language: bool, sentence_ends: bool) -> Class {
    let f = &unit.features;
    if let Some(reason) = patterns::boilerplate_reason(&unit.text, f.words) {
        return Class::Bad(reason);
    }
    if f.label_fields >= 2 && f.words <= 20 {
        return Class::Bad("label: value metadata");
    }
    if unit.link_density > MAX_LINK_DENSITY {
        return Class::Bad("mostly links");
    }
    if repeats > 1 && !unit.caption_like() && f.chars < LENGTH_LOW {
        return Class::Bad("repeated line");
    }
    if f.ends_sentence && f.words >= DATELINE_WORDS && patterns::opens_with_dateline(&unit.text) {
        // Wire copy's first paragraph ("LONDON (AP) — ..."): the article starts here.
        return Class::Good;
    }
    if f.cjk_ratio > 0.5 {
        return match f.chars {
            c if c < CJK_LENGTH_LOW => Class::Short,
            c if c > CJK_LENGTH_HIGH => Class::Good,
            _ => Class::NearGood,
        };
    }
    if f.chars < LENGTH_LOW {
        return Class::Short;
    }
    if !prose_language {
        return if f.chars > LENGTH_HIGH {
            Class::Good
        } else {
            Class::NearGood
        };
    }
    if f.stop_density >= STOP_HIGH {
        if f.chars > LENGTH_HIGH {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if f.stop_density >= STOP_LOW || several_sentences(unit) {
        Class::NearGood
    } else if sentence_ends
        && (f.ends_sentence || (f.words >= 12 && unit.text.trim_end().ends_with(':')))
        && f.stop_density >= STOP_SENTENCES
    {
        // A whole sentence thick with names and figures ("Wichita West senior David Garcia
        // finished second in the 50 yard freestyle."): prose with few function words, not
        // a tag cloud or a menu, which do not end sentences. Its neighbours decide. So for
        // a long line that ends in a colon: it introduces the quote, list or table after it.
        Class::Short
    } else {
        Class::Bad(FEW_FUNCTION_WORDS)
    }
}

/// Long running text of three or more sentences with some function words: prose in a
/// language whose list here is short (its density sits under the threshold), not a tag
/// cloud or a name list (no sentences).
fn several_sentences(unit: &Unit) -> bool {
    let f = &unit.features;
    // The cheap tests first: the word scan runs only for long running text.
    f.chars > LENGTH_HIGH
        && f.ends_sentence
        && f.stop_density >= STOP_SENTENCES
        && unit
            .text
            .split_whitespace()
            .filter(|w| super::features::ends_sentence(w))
            .nth(2)
            .is_some()
}

fn key(text: &str) -> String {
    text.to_lowercase()
}

fn repeat_counts(units: &[Unit]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for u in units {
        *counts.entry(key(&u.text)).or_insert(0) += 1;
    }
    counts
}

/// Decide every unit: `None` keeps it, `Some(reason)` removes it. `fixed` units (title,
/// byline) are already taken out and are invisible to the neighbour rules.
pub(crate) fn decide(
    units: &[Unit],
    initial: &[Class],
    fixed: &[bool],
) -> Vec<Option<&'static str>> {
    let mut classes = initial.to_vec();
    mark_comment_thread(units, &mut classes);
    mark_spec_boxes(units, &mut classes);
    mark_dated_teasers(units, &mut classes, fixed);
    mark_kicker_teasers(units, &mut classes, fixed);
    let prose_run = near_good_prose_runs(units, &classes, fixed);
    mark_lists_after_section_headings(units, &mut classes, fixed, &prose_run);
    if !classes.contains(&Class::Good) {
        // A short article of medium paragraphs: its best paragraphs anchor the rest.
        for c in classes.iter_mut().filter(|c| **c == Class::NearGood) {
            *c = Class::Good;
        }
    }
    if !classes.contains(&Class::Good) {
        // A note of a few short sentences: its sentences are the article.
        for (c, u) in classes.iter_mut().zip(units) {
            if *c == Class::Short && sentence_like(&u.features) {
                *c = Class::Good;
            }
        }
    }
    resolve_near_good(units, &mut classes, fixed);
    resolve_short(units, &mut classes, fixed);
    let mut verdicts: Vec<Option<&'static str>> = classes
        .iter()
        .zip(fixed)
        .map(|(c, &f)| match c {
            _ if f => Some("fixed"),
            Class::Bad(reason) => Some(*reason),
            _ => None,
        })
        .collect();
    dedupe_repeated_captions(units, &mut verdicts);
    verdicts
}

/// Reader comments: two or more comment markers ("Posts: N; Member since", "unregistered",
/// reply buttons, or three or more "jdoe says:" lines) after the article start a thread
/// that runs to the end of the document.
fn mark_comment_thread(units: &[Unit], classes: &mut [Class]) {
    let commenter_lines: Vec<usize> = (0..units.len())
        .filter(|&i| patterns::is_commenter_line(&units[i].text))
        .collect();
    let mut markers: Vec<usize> = (0..units.len())
        .filter(|&i| patterns::is_comment_marker(&units[i].text))
        .collect();
    if commenter_lines.len() >= MIN_COMMENTER_LINES {
        markers.extend(commenter_lines);
        markers.sort_unstable();
    }
    if markers.len() < 2 {
        return;
    }
    // The thread starts at the first marker with article text above it and another marker
    // below it; markers above the article (a rating box in the header) are only themselves.
    let prose_before = |i: usize| {
        classes[..i]
            .iter()
            .any(|c| matches!(c, Class::Good | Class::NearGood))
    };
    let first = markers[..markers.len() - 1]
        .iter()
        .copied()
        .find(|&m| prose_before(m));
    if let Some(mut start) = first {
        if start > 0 && patterns::is_numbered_handle(&units[start - 1].text) {
            start -= 1;
        }
        for &i in markers.iter().filter(|&&i| i < start) {
            classes[i] = Class::Bad("reader comments");
        }
        for c in &mut classes[start..] {
            *c = Class::Bad("reader comments");
        }
    } else {
        for &i in &markers {
            classes[i] = Class::Bad("reader comments");
        }
    }
}

/// A date on a line of its own ("November 16, 2019 at 8:19 pm"): the date is most of it.
fn date_line(unit: &Unit) -> bool {
    unit.features.words <= 8
        && super::byline::date_span(&unit.text).is_some_and(|len| len * 10 >= unit.text.len() * 6)
}

/// Teaser lists after the article: each item a headline, a date line, a blurb. Two date
/// lines within a few units of each other, below article text, start such a list; it runs
/// while date lines keep coming (plus the headline above the first and the blurb under the
/// last). The blurbs are prose and would otherwise join the article.
fn mark_dated_teasers(units: &[Unit], classes: &mut [Class], fixed: &[bool]) {
    let dates: Vec<usize> = (0..units.len())
        .filter(|&i| !fixed[i] && date_line(&units[i]))
        .collect();
    mark_teaser_stream(units, classes, fixed, &dates, 2, "dated teaser list");
}

/// An all-capitals kicker ("WORTH THE WAIT") right above a headline-like line (no final
/// period): the first line of a teaser in a stream of teasers. Section headings inside an
/// article are followed by a paragraph, not by another label.
fn kicker_line(units: &[Unit], i: usize) -> bool {
    let u = &units[i];
    let letters = u.text.chars().filter(|c| c.is_alphabetic());
    let (mut upper, mut lower) = (0, 0);
    for c in letters {
        upper += usize::from(c.is_uppercase());
        lower += usize::from(c.is_lowercase());
    }
    upper >= 6
        && lower == 0
        && u.features.words <= 8
        && !u.features.ends_sentence
        && units
            .get(i + 1)
            .is_some_and(|next| next.caption_like() && next.features.words <= 25)
}

/// Teaser streams without dates: three or more kicker lines a few units apart below article
/// text (kicker, headline, source line, blurb, repeated). The blurbs are prose.
fn mark_kicker_teasers(units: &[Unit], classes: &mut [Class], fixed: &[bool]) {
    let is_kicker: Vec<bool> = (0..units.len())
        .map(|i| !fixed[i] && kicker_line(units, i))
        .collect();
    // Each teaser has a blurb: a sentence of some length before the next kicker. An article's
    // labelled list ("EASY", items, "HARD", items) has none.
    let has_blurb = |i: usize| {
        (i + 2..units.len().min(i + 5))
            .take_while(|&j| !is_kicker[j])
            .any(|j| units[j].features.ends_sentence && units[j].features.words >= 8)
    };
    let kickers: Vec<usize> = (0..units.len())
        .filter(|&i| is_kicker[i] && has_blurb(i))
        .collect();
    mark_teaser_stream(units, classes, fixed, &kickers, 3, "teaser stream");
}

/// Mark a stream of teasers found by their `markers` (one line per teaser): at least
/// `min_markers` of them, each within a few units of the next, below article text.
fn mark_teaser_stream(
    units: &[Unit],
    classes: &mut [Class],
    fixed: &[bool],
    markers: &[usize],
    min_markers: usize,
    reason: &'static str,
) {
    let gap = TEASER_DATE_GAP;
    let dates = markers;
    let mut k = 0;
    while k + 1 < dates.len() {
        let first = dates[k];
        let started = (0..first).any(|j| !fixed[j] && classes[j] == Class::Good);
        if !started || dates[k + 1] - first > gap {
            k += 1;
            continue;
        }
        let mut last = k + 1;
        while last + 1 < dates.len() && dates[last + 1] - dates[last] <= gap {
            last += 1;
        }
        if last + 1 - k < min_markers {
            k = last + 1;
            continue;
        }
        let mut start = first;
        if start > 0
            && !units[start - 1].features.ends_sentence
            && classes[start - 1] != Class::Good
        {
            start -= 1;
        }
        let end = (dates[last] + gap.min(3)).min(units.len() - 1);
        for c in &mut classes[start..=end] {
            if !matches!(c, Class::Bad(_)) {
                *c = Class::Bad(reason);
            }
        }
        k = last + 1;
    }
}

/// Spec boxes: three or more spec lines ("Battery 3350 mAh"), with at most one other short
/// line between them, plus the product name line just before.
fn mark_spec_boxes(units: &[Unit], classes: &mut [Class]) {
    let is_spec: Vec<bool> = units
        .iter()
        .map(|u| patterns::is_spec_line(&u.text))
        .collect();
    let mut i = 0;
    while i < units.len() {
        if !is_spec[i] {
            i += 1;
            continue;
        }
        let mut end = i;
        let mut count = 1;
        let mut j = i + 1;
        while j < units.len() {
            if is_spec[j] {
                count += 1;
                end = j;
                j += 1;
            } else if j + 1 < units.len() && is_spec[j + 1] && units[j].features.chars < LENGTH_LOW
            {
                j += 1;
            } else {
                break;
            }
        }
        if count >= 3 {
            let mut start = i;
            if start > 0
                && classes[start - 1] == Class::Short
                && !units[start - 1].features.ends_sentence
            {
                start -= 1;
            }
            for c in &mut classes[start..=end] {
                *c = Class::Bad("spec box");
            }
        }
        i = end + 1;
    }
}

/// "Related ...", "Latest Stories", "You may also like": the heading and the list after it
/// (everything up to the next paragraph that is prose on its own, or the next run of
/// medium sentences: a "see also" box can sit above the article's first paragraph).
fn mark_lists_after_section_headings(
    units: &[Unit],
    classes: &mut [Class],
    fixed: &[bool],
    prose_run: &[bool],
) {
    let mut i = 0;
    while i < units.len() {
        let u = &units[i];
        // Before the article starts, "Latest" or "Topics" is a menu item, not a list heading.
        // The title (fixed) is no article text: a menu under it is still a menu.
        let article_started =
            (0..i).any(|j| !fixed[j] && matches!(classes[j], Class::Good | Class::NearGood));
        let heading = article_started
            && !matches!(classes[i], Class::Good)
            && (!u.features.ends_sentence || u.text.ends_with("...") || u.text.ends_with('…'))
            && patterns::is_section_end_heading(&u.text, u.features.words);
        if !heading {
            i += 1;
            continue;
        }
        // With no paragraph that is prose on its own above it, the article may not have
        // started yet; its first run of medium sentences ends the list.
        let no_good_above = !classes[..i].contains(&Class::Good);
        classes[i] = Class::Bad("section heading of a link list");
        i += 1;
        while i < units.len()
            && classes[i] != Class::Good
            && !(no_good_above && prose_run[i])
            && !sentences_follow(units, classes, i)
            && !opens_the_article(units, classes, i)
        {
            if !matches!(classes[i], Class::Bad(_)) {
                classes[i] = Class::Bad("link list after a section heading");
            }
            i += 1;
        }
    }
}

/// Whether a near-good sentence stands right above a paragraph that is prose on its own: a
/// short opening paragraph after a "More on" box, not one of the box's teasers (a teaser's
/// blurb is followed by the next headline).
fn opens_the_article(units: &[Unit], classes: &[Class], i: usize) -> bool {
    classes[i] == Class::NearGood
        && units[i].features.ends_sentence
        && classes.get(i + 1) == Some(&Class::Good)
}

/// Whether [`PROSE_RUN`] near-good sentences follow one another from `i`, nothing between
/// them: article text resuming after a "Related articles" box. Teaser lists alternate a
/// headline with a blurb, so their blurbs never stand in such a row.
fn sentences_follow(units: &[Unit], classes: &[Class], i: usize) -> bool {
    i + PROSE_RUN <= units.len()
        && (i..i + PROSE_RUN)
            .all(|j| classes[j] == Class::NearGood && units[j].features.ends_sentence)
}

/// The nearest decided neighbour (Good or Bad) in a direction, skipping fixed units and
/// the classes in `skip`; the document edge counts as Bad.
fn neighbour(
    classes: &[Class],
    fixed: &[bool],
    from: usize,
    forward: bool,
    skip_near_good: bool,
) -> Class {
    let mut i = from;
    loop {
        if forward {
            i += 1;
            if i >= classes.len() {
                return Class::Bad("edge");
            }
        } else {
            if i == 0 {
                return Class::Bad("edge");
            }
            i -= 1;
        }
        if fixed[i] {
            continue;
        }
        match classes[i] {
            Class::Short => continue,
            Class::NearGood if skip_near_good => continue,
            other => return other,
        }
    }
}

/// Near-good units stay unless boilerplate surrounds them on both sides. A run of several
/// near-good sentences is prose by itself (an article of medium paragraphs whose neighbours
/// happen to be judged bad), so it stays whatever surrounds it; the region pass
/// ([`region`](super::region)) drops such a run when it lies away from the article.
fn resolve_near_good(units: &[Unit], classes: &mut [Class], fixed: &[bool]) {
    let snapshot = classes.to_vec();
    let prose_run = near_good_prose_runs(units, &snapshot, fixed);
    for i in 0..classes.len() {
        if snapshot[i] != Class::NearGood || fixed[i] {
            continue;
        }
        let prev = neighbour(&snapshot, fixed, i, false, true);
        let next = neighbour(&snapshot, fixed, i, true, true);
        classes[i] =
            if !prose_run[i] && matches!(prev, Class::Bad(_)) && matches!(next, Class::Bad(_)) {
                Class::Bad("medium paragraph among boilerplate")
            } else {
                Class::Good
            };
    }
}

/// Near-good units that belong to a run (only near-good and short units between them) with
/// at least [`PROSE_RUN`] near-good units ending a sentence.
fn near_good_prose_runs(units: &[Unit], classes: &[Class], fixed: &[bool]) -> Vec<bool> {
    let mut out = vec![false; classes.len()];
    let mut i = 0;
    while i < classes.len() {
        if classes[i] != Class::NearGood || fixed[i] {
            i += 1;
            continue;
        }
        let start = i;
        let mut sentences = 0;
        while i < classes.len()
            && (fixed[i] || matches!(classes[i], Class::NearGood | Class::Short))
        {
            if classes[i] == Class::NearGood && units[i].features.ends_sentence {
                sentences += 1;
            }
            i += 1;
        }
        if sentences >= PROSE_RUN {
            for (j, o) in out.iter_mut().enumerate().take(i).skip(start) {
                *o = classes[j] == Class::NearGood;
            }
        }
    }
    out
}

/// Short units between good ones stay; between bad ones they go; at the border of the
/// article only real short sentences stay, and only in an unbroken row from the good side
/// ("A half century on, the band is still touring." above a name-thick sentence above the
/// article's prose).
fn resolve_short(units: &[Unit], classes: &mut [Class], fixed: &[bool]) {
    let snapshot = classes.to_vec();
    let mut border = Vec::new();
    for i in 0..classes.len() {
        if snapshot[i] != Class::Short || fixed[i] {
            continue;
        }
        let prev = neighbour(&snapshot, fixed, i, false, false);
        let next = neighbour(&snapshot, fixed, i, true, false);
        let good = |c: Class| matches!(c, Class::Good);
        classes[i] = if good(prev) && good(next) {
            Class::Good
        } else if !good(prev) && !good(next) {
            Class::Bad("short, among boilerplate")
        } else {
            border.push(i);
            Class::Bad(SHORT_AT_BORDER)
        };
    }
    // Grow the article outward through the border's sentences, one unit at a time.
    let kept = |classes: &[Class], j: Option<usize>| j.is_some_and(|j| classes[j] == Class::Good);
    loop {
        let mut grew = false;
        for &i in &border {
            if classes[i] == Class::Good || !border_sentence(&units[i].features) {
                continue;
            }
            let before = (0..i).rev().find(|&j| !fixed[j]);
            let after = (i + 1..classes.len()).find(|&j| !fixed[j]);
            if kept(classes, before) || kept(classes, after) {
                classes[i] = Class::Good;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
}

const SHORT_AT_BORDER: &str = "short, at the border of the article";

/// A sentence that may stand at the article's border: a real short sentence, or a whole
/// sentence thick with names (long enough not to be a caption's credit line).
fn border_sentence(f: &Features) -> bool {
    sentence_like(f)
        || (f.ends_sentence && f.chars >= LENGTH_LOW && f.stop_density >= STOP_SENTENCES)
}

/// A real short sentence: ends like one, has a few words and function words.
fn sentence_like(f: &Features) -> bool {
    f.ends_sentence && f.effective_words() >= 4 && (f.stop_density >= STOP_LOW || f.cjk_ratio > 0.5)
}

/// A caption-like line that occurs more than once is kept at most once: its first kept
/// occurrence inside the article (between the first and last kept prose units).
fn dedupe_repeated_captions(units: &[Unit], verdicts: &mut [Option<&'static str>]) {
    let kept: Vec<usize> = (0..units.len())
        .filter(|&i| verdicts[i].is_none())
        .collect();
    let (Some(&first), Some(&last)) = (kept.first(), kept.last()) else {
        return;
    };
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        if u.caption_like() {
            groups.entry(key(&u.text)).or_default().push(i);
        }
    }
    for positions in groups.values().filter(|p| p.len() > 1) {
        let keep = positions.iter().copied().find(|&i| {
            verdicts[i].is_none() && (first..=last).contains(&i) && i != first && i != last
        });
        for &i in positions {
            if Some(i) != keep && verdicts[i].is_none() {
                verdicts[i] = Some("repeated caption");
            }
        }
    }
}
