//! The article as one dense region (body-text extraction, Finn et al.; the maximum-subarray
//! form): after the unit classifier, kept units score their length and removed units cost
//! theirs, and the contiguous stretch with the highest total is the article. Kept prose
//! outside it (teaser lists, reader comments, "more stories" blurbs) sits across runs of
//! boilerplate heavier than itself and is dropped. A clean article has no removed runs to
//! cross, so the region is the whole text and nothing changes.

use std::collections::HashSet;

use super::classify::Unit;

/// Every removed unit costs at least this many words: a menu of one-word items is a long
/// run of boilerplate even though each item is short.
const MIN_REMOVED_COST: f64 = 4.0;
/// Weight of a removed unit's own words (boilerplate paragraphs weigh as much as prose).
const REMOVED_WEIGHT: f64 = 1.0;

/// What an occurrence of the page's headline is worth, in words: the body follows the
/// headline, so a region that starts under it outweighs a similar one elsewhere (a long
/// comment thread, a cookie notice, a teaser list). It is lent to the first kept unit after
/// the headline, less the boilerplate between them, so a document title far above the
/// article (a menu between) lends nothing and the bonus alone never makes a region.
const HEADLINE_BONUS: f64 = 150.0;

/// Drop kept units outside the best-scoring contiguous region. `verdicts[i] == None` means
/// kept; `fixed` units (title, byline) are neutral; `headline` marks where the page's title
/// stands on its own line (see [`HEADLINE_BONUS`]).
pub(crate) fn keep_main_region(
    units: &[Unit],
    fixed: &[bool],
    headline: &[bool],
    verdicts: &mut [Option<&'static str>],
) {
    let mut pending = 0.0_f64;
    let mut values = Vec::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        let words = u.features.effective_words() as f64;
        let value = if headline[i] {
            pending = HEADLINE_BONUS;
            0.0
        } else if fixed[i] {
            0.0
        } else if verdicts[i].is_none() {
            let v = words + pending;
            pending = 0.0;
            v
        } else {
            let cost = (words * REMOVED_WEIGHT).max(MIN_REMOVED_COST);
            pending = (pending - cost).max(0.0);
            -cost
        };
        values.push(value);
    }
    let Some((start, end)) = best_region(&values) else {
        return;
    };
    for (i, v) in verdicts.iter_mut().enumerate() {
        if v.is_none() && (i < start || i > end) {
            *v = Some("outside the article region");
        }
    }
}

/// Units shorter than this (in words) are never judged as repeats: short lines repeat
/// legitimately (a refrain, "Advertisement").
const MIN_REPEAT_WORDS: usize = 8;
/// Share of a unit's word 4-grams already kept above it that makes it a repeat.
const REPEAT_SHARE: f64 = 0.8;

/// Drop kept units whose text was already kept above: renders carry the same summary, teaser
/// block or whole article twice (a no-script copy, a print version), and a second copy only
/// adds words the article does not have twice.
pub(crate) fn drop_repeated_text(units: &[Unit], verdicts: &mut [Option<&'static str>]) {
    let mut seen: HashSet<[String; 4]> = HashSet::new();
    for (u, v) in units.iter().zip(verdicts.iter_mut()) {
        if v.is_some() {
            continue;
        }
        let grams = shingles(&u.text);
        if u.features.words >= MIN_REPEAT_WORDS && !grams.is_empty() {
            let known = grams.iter().filter(|g| seen.contains(*g)).count();
            if known as f64 >= REPEAT_SHARE * grams.len() as f64 {
                *v = Some("repeats text kept above");
                continue;
            }
        }
        seen.extend(grams);
    }
}

/// Lower-cased word 4-grams of a text.
fn shingles(text: &str) -> Vec<[String; 4]> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(4)
        .map(|w| [w[0].clone(), w[1].clone(), w[2].clone(), w[3].clone()])
        .collect()
}

/// Kadane's maximum subarray: the inclusive range with the largest positive sum.
fn best_region(values: &[f64]) -> Option<(usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    let mut sum = 0.0;
    let mut start = 0;
    for (i, &v) in values.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += v;
        if sum > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_region_spans_small_gaps_but_not_heavy_ones() {
        // Article, a small ad gap, more article, then a heavy menu, then a teaser.
        let v = [50.0, -4.0, 40.0, -4.0, -4.0, -30.0, -20.0, 20.0];
        assert_eq!(best_region(&v), Some((0, 2)));
        assert_eq!(best_region(&[-1.0, -2.0]), None);
    }
}
