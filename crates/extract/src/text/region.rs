//! The article as one dense region (body-text extraction, Finn et al.; the maximum-subarray
//! form): after the unit classifier, kept units score their length and removed units cost
//! theirs, and the contiguous stretch with the highest total is the article. Kept prose
//! outside it (teaser lists, reader comments, "more stories" blurbs) sits across runs of
//! boilerplate heavier than itself and is dropped. A clean article has no removed runs to
//! cross, so the region is the whole text and nothing changes.

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
