//! The ScrapingHub article-extraction-benchmark metric (upstream `evaluate.py`):
//! 4-token shingles, per-page precision and recall, macro averages, F1 of the averages,
//! and accuracy as exact equality of token sequences.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Python's `\w` on a `str`: `_` plus the letter and number general categories. Rust's
/// `\w` also counts marks and joiners, which would shift the figures slightly.
static PYTHON_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[_\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nd}\p{Nl}\p{No}]+").expect("valid word regex")
});

/// The tokens of a text, as `re.findall(r"\w+", text)` gives them.
pub fn tokens(text: &str) -> Vec<&str> {
    PYTHON_WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of 4-token shingles; texts of 1 to 3 tokens give one short shingle.
fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < 4 {
        counts.insert(tokens.to_vec(), 1);
        return counts;
    }
    for window in tokens.windows(4) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Shingle counts of one page: true positives, false positives, false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageCounts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    /// The prediction's tokens equal the ground truth's exactly.
    pub exact: bool,
}

/// Compare one prediction with its ground truth.
pub fn score_page(truth: &str, prediction: &str) -> PageCounts {
    let truth_tokens = tokens(truth);
    let predicted_tokens = tokens(prediction);
    let truth_shingles = shingles(&truth_tokens);
    let predicted_shingles = shingles(&predicted_tokens);
    let mut counts = PageCounts {
        exact: truth_tokens == predicted_tokens,
        ..PageCounts::default()
    };
    for (shingle, &t) in &truth_shingles {
        let p = predicted_shingles.get(shingle).copied().unwrap_or(0);
        counts.tp += t.min(p);
        counts.fn_ += t.saturating_sub(p);
    }
    for (shingle, &p) in &predicted_shingles {
        let t = truth_shingles.get(shingle).copied().unwrap_or(0);
        counts.fp += p.saturating_sub(t);
    }
    counts
}

/// The macro averages over pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
}

/// Average per-page precision over pages with a non-empty prediction and per-page recall
/// over pages with a non-empty ground truth; F1 of the two averages.
pub fn summarise(pages: &[PageCounts]) -> Summary {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let precision = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fp > 0)
            .map(|c| c.tp as f64 / (c.tp + c.fp) as f64)
            .collect(),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fn_ > 0)
            .map(|c| c.tp as f64 / (c.tp + c.fn_) as f64)
            .collect(),
    );
    let f1 = crate::f1(precision, recall);
    let accuracy = if pages.is_empty() {
        0.0
    } else {
        pages.iter().filter(|c| c.exact).count() as f64 / pages.len() as f64
    };
    Summary {
        precision,
        recall,
        f1,
        accuracy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_python_word_class() {
        // `½` (No) is a word character in Python; the combining acute (Mn) is not.
        assert_eq!(tokens("a_b, c½ e\u{301}x"), vec!["a_b", "c½", "e", "x"]);
    }

    #[test]
    fn identical_texts_score_perfectly_and_extra_text_costs_precision() {
        let truth = "one two three four five";
        let same = score_page(truth, "one, two. three four five");
        assert_eq!((same.tp, same.fp, same.fn_, same.exact), (2, 0, 0, true));
        let longer = score_page(truth, "menu one two three four five");
        assert_eq!(
            (longer.tp, longer.fp, longer.fn_, longer.exact),
            (2, 1, 0, false)
        );
        let summary = summarise(&[same, longer]);
        assert!((summary.precision - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-12);
        assert_eq!(summary.recall, 1.0);
        assert_eq!(summary.accuracy, 0.5);
    }

    #[test]
    fn empty_prediction_counts_in_recall_only() {
        let empty = score_page("one two three four", "");
        let summary = summarise(&[empty, score_page("a b", "a b")]);
        assert_eq!(summary.precision, 1.0);
        assert_eq!(summary.recall, 0.5);
    }
}
