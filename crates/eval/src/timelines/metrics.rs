//! Timeline metrics as news-tls reports them: AR-1 and AR-2 (tilse's
//! `evaluate_align_date_content_costs_many_to_one`, "align+ m:1" of Martschat & Markert
//! 2017, over ROUGE-1.5.5 counts) and Date P/R/F1 (news-tls `evaluate_dates`), averaged
//! as news-tls's `get_average_results` does (mean precision, mean recall, then F1).
//!
//! Floating-point operations follow tilse's order so that argmin ties resolve the same
//! way (numpy's argmin takes the first minimum).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::f1;

use super::rouge::RougeSummary;
use super::Timeline;

/// Precision and recall kept as numerator and denominator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    pub precision_num: f64,
    pub precision_den: f64,
    pub recall_num: f64,
    pub recall_den: f64,
}

impl Prf {
    /// 0 when the denominator is 0, as tilse does.
    pub fn precision(&self) -> f64 {
        ratio(self.precision_num, self.precision_den)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.recall_num, self.recall_den)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

fn ratio(num: f64, den: f64) -> f64 {
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

/// One task's scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskScores {
    pub ar1: Prf,
    pub ar2: Prf,
    pub date: Prf,
}

/// Mean precision, mean recall, and the F1 of those two means.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Mean {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Averages over tasks, news-tls style.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Averages {
    pub ar1: Mean,
    pub ar2: Mean,
    pub date: Mean,
}

/// news-tls `get_average_results`: for each metric the arithmetic mean of the per-task
/// precisions and of the recalls, then F1 of the means (not the mean of per-task F1).
pub fn average(scores: &[TaskScores]) -> Averages {
    let mean = |get: &dyn Fn(&TaskScores) -> Prf| {
        if scores.is_empty() {
            return Mean::default();
        }
        let n = scores.len() as f64;
        let p = scores.iter().map(|s| get(s).precision()).sum::<f64>() / n;
        let r = scores.iter().map(|s| get(s).recall()).sum::<f64>() / n;
        Mean {
            precision: p,
            recall: r,
            f1: f1(p, r),
        }
    };
    Averages {
        ar1: mean(&|s| s.ar1),
        ar2: mean(&|s| s.ar2),
        date: mean(&|s| s.date),
    }
}

/// Python's `string.punctuation`; tilse drops a token when it is a *substring* of it
/// (`k not in string.punctuation`), so "()" is dropped but "``" and "''" are kept.
const PY_PUNCTUATION: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Whitespace tokens counted for the content factor (raw case, no stemming).
fn content_counts(sentences: &[String]) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for s in sentences {
        for tok in s.split_whitespace() {
            if !PY_PUNCTUATION.contains(tok) {
                *counts.entry(tok).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// tilse's `compute_rouge_approximation` with one reference: a unigram F1 on raw tokens.
fn rouge_approximation(pred: &HashMap<&str, usize>, gold: &HashMap<&str, usize>) -> f64 {
    let matched: usize = pred
        .iter()
        .map(|(t, &c)| gold.get(t).map_or(0, |&g| c.min(g)))
        .sum();
    let pred_total: usize = pred.values().sum();
    let gold_total: usize = gold.values().sum();
    let precision = if pred_total == 0 {
        0.0
    } else {
        matched as f64 / pred_total as f64
    };
    let recall = if gold_total == 0 {
        0.0
    } else {
        matched as f64 / gold_total as f64
    };
    f1(precision, recall)
}

fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (a - b).num_days().abs()
}

/// Index of the first minimum, as numpy's `argmin`.
fn argmin(row: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in row.iter().enumerate() {
        if v < row[best] {
            best = i;
        }
    }
    best
}

/// Score one predicted timeline against one gold timeline.
pub fn score(predicted: &Timeline, gold: &Timeline) -> TaskScores {
    let gold_dates: Vec<NaiveDate> = gold.keys().copied().collect();
    let pred_dates: Vec<NaiveDate> = predicted.keys().copied().collect();
    let gold_rouge: Vec<RougeSummary> = gold.values().map(|s| RougeSummary::new(s)).collect();
    let gold_m = |n: usize| gold_rouge.iter().map(|g| g.count(n)).sum::<usize>() as f64;

    let date = {
        let both = pred_dates.iter().filter(|d| gold.contains_key(d)).count() as f64;
        Prf {
            precision_num: both,
            precision_den: pred_dates.len() as f64,
            recall_num: both,
            recall_den: gold_dates.len() as f64,
        }
    };
    if pred_dates.is_empty() {
        // tilse crashes here (argmin of an empty row); an empty timeline scores 0.
        let zero = |n| Prf {
            recall_den: gold_m(n),
            ..Prf::default()
        };
        return TaskScores {
            ar1: zero(1),
            ar2: zero(2),
            date,
        };
    }

    let pred_rouge: Vec<RougeSummary> = predicted.values().map(|s| RougeSummary::new(s)).collect();
    let pred_content: Vec<_> = predicted.values().map(|s| content_counts(s)).collect();
    let gold_content: Vec<_> = gold.values().map(|s| content_counts(s)).collect();
    // cost[p][g] = date factor * content factor. The content F1 is symmetric in its two
    // arguments (same float operations either way), so one matrix serves both sides.
    let cost: Vec<Vec<f64>> = pred_dates
        .iter()
        .enumerate()
        .map(|(pi, &pd)| {
            gold_dates
                .iter()
                .enumerate()
                .map(|(gi, &gd)| {
                    let date_factor = 1.0 - 1.0 / (days_between(pd, gd) as f64 + 1.0);
                    let content_factor =
                        1.0 - rouge_approximation(&pred_content[pi], &gold_content[gi]);
                    date_factor * content_factor
                })
                .collect()
        })
        .collect();

    // Precision: each predicted date to its cheapest gold date.
    let prec_pairs: Vec<(usize, usize)> = (0..pred_dates.len())
        .map(|p| (p, argmin(&cost[p])))
        .collect();
    // Recall: each gold date to its cheapest predicted date.
    let rec_pairs: Vec<(usize, usize)> = (0..gold_dates.len())
        .map(|g| {
            let column: Vec<f64> = cost.iter().map(|row| row[g]).collect();
            (argmin(&column), g)
        })
        .collect();

    let ar = |n: usize| {
        let weighted = |&(p, g): &(usize, usize)| {
            let w = 1.0 / (days_between(pred_dates[p], gold_dates[g]) as f64 + 1.0);
            w * pred_rouge[p].hits(&gold_rouge[g], n) as f64
        };
        Prf {
            precision_num: prec_pairs.iter().map(weighted).sum(),
            precision_den: prec_pairs
                .iter()
                .map(|&(p, _)| pred_rouge[p].count(n))
                .sum::<usize>() as f64,
            recall_num: rec_pairs.iter().map(weighted).sum(),
            recall_den: rec_pairs
                .iter()
                .map(|&(_, g)| gold_rouge[g].count(n))
                .sum::<usize>() as f64,
        }
    };
    TaskScores {
        ar1: ar(1),
        ar2: ar(2),
        date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn tl(entries: &[(&str, &[&str])]) -> Timeline {
        entries
            .iter()
            .map(|(date, s)| (d(date), s.iter().map(|x| x.to_string()).collect()))
            .collect()
    }

    const EPS: f64 = 1e-12;

    #[test]
    fn identical_timelines_score_one() {
        let gold = tl(&[
            ("2011-01-25", &["Protesters fill Cairo streets ."]),
            ("2011-02-11", &["Mubarak resigns as president ."]),
        ]);
        let s = score(&gold, &gold);
        for prf in [s.ar1, s.ar2, s.date] {
            assert!((prf.f1() - 1.0).abs() < EPS, "{prf:?}");
        }
    }

    #[test]
    fn hand_computed_with_a_date_offset() {
        // Gold: 2011-01-25 "protesters fill cairo streets" -> ROUGE tokens protest, fill,
        //   cairo, street (4 unigrams, 3 bigrams); 2011-02-11 "mubarak resigns" ->
        //   mubarak, resign (2 unigrams, 1 bigram).
        // Prediction: 2011-01-26 (one day late) "protesters fill streets" -> protest, fill,
        //   street (3 unigrams, 2 bigrams).
        // Costs: content F1 (raw tokens, "." dropped) vs day 1: match 3 of 3 pred and 4
        //   gold tokens: P=1, R=.75, F=6/7; date factor 1-1/2 = .5; cost = .5*(1/7).
        //   vs day 2 (16 days away): no shared token, cost = (1-1/17)*1 > that. So the
        //   prediction aligns to 2011-01-25 (precision), and both gold dates align to the
        //   only predicted date (recall).
        // AR-1 precision: hits(pred, gold1) = 3, weight 1/2 -> 1.5 / 3 pred unigrams = 0.5.
        // AR-1 recall: gold1: 3 hits * 1/2 = 1.5; gold2: 0 hits -> 1.5 / (4+2) = 0.25.
        // AR-2: bigrams pred (protest fill)(fill street); gold1 (protest fill)(fill cairo)
        //   (cairo street): 1 hit * 1/2 = 0.5. P = 0.5/2 = .25, R = 0.5/(3+1) = .125.
        // Dates: no exact match: P = R = 0.
        let gold = tl(&[
            ("2011-01-25", &["protesters fill cairo streets ."]),
            ("2011-02-11", &["mubarak resigns ."]),
        ]);
        let pred = tl(&[("2011-01-26", &["protesters fill streets ."])]);
        let s = score(&pred, &gold);
        assert!((s.ar1.precision() - 0.5).abs() < EPS, "{:?}", s.ar1);
        assert!((s.ar1.recall() - 0.25).abs() < EPS, "{:?}", s.ar1);
        assert!((s.ar1.f1() - 1.0 / 3.0).abs() < EPS);
        assert!((s.ar2.precision() - 0.25).abs() < EPS, "{:?}", s.ar2);
        assert!((s.ar2.recall() - 0.125).abs() < EPS, "{:?}", s.ar2);
        assert_eq!(
            (s.date.precision(), s.date.recall(), s.date.f1()),
            (0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn content_decides_the_alignment_and_ties_go_to_the_earliest_date() {
        // Gold days 1 and 3; prediction on day 2, equally far (date factor 1/2 both).
        // The text matches day 3 only: cost to day 1 = .5*1, to day 3 = .5*0 -> day 3.
        // AR-1 precision = 1 hit ("quake") * 1/2 / 1 = .5; recall: both gold dates align
        // to day 2: (0 + 1*1/2) / 2 = .25. Dates: 0 of 1 predicted, 0 of 2 gold.
        let gold = tl(&[("2010-01-01", &["storm"]), ("2010-01-03", &["quake"])]);
        let s = score(&tl(&[("2010-01-02", &["quake"])]), &gold);
        assert!((s.ar1.precision() - 0.5).abs() < EPS);
        assert!((s.ar1.recall() - 0.25).abs() < EPS);
        // A tie: "Storms" shares no raw (case-sensitive, unstemmed) token with either gold
        // summary, so both costs are .5 * 1; numpy's argmin takes the first (earliest)
        // date, day 1, whose summary then scores with ROUGE: "storms" and "storm" both
        // stem to "storm", 1 hit * 1/2 / 1 = .5 (day 3, "flood", would give 0).
        let gold = tl(&[("2010-01-01", &["storm"]), ("2010-01-03", &["flood"])]);
        let s = score(&tl(&[("2010-01-02", &["Storms"])]), &gold);
        assert!((s.ar1.precision() - 0.5).abs() < EPS, "{:?}", s.ar1);
    }

    #[test]
    fn date_scores_and_the_empty_prediction() {
        // 2 of 3 predicted dates are gold dates, of 4 gold dates: P=2/3, R=1/2, F=4/7.
        let gold = tl(&[
            ("2010-01-01", &["a"]),
            ("2010-01-02", &["b"]),
            ("2010-01-03", &["c"]),
            ("2010-01-04", &["d"]),
        ]);
        let pred = tl(&[
            ("2010-01-01", &["a"]),
            ("2010-01-02", &["b"]),
            ("2010-02-01", &["x"]),
        ]);
        let s = score(&pred, &gold);
        assert!((s.date.f1() - 4.0 / 7.0).abs() < EPS);
        let empty = score(&Timeline::new(), &gold);
        assert_eq!(empty.ar1.f1() + empty.ar2.f1() + empty.date.f1(), 0.0);
    }

    #[test]
    fn python_punctuation_substrings() {
        // "()" is a substring of string.punctuation; "``" and "''" and "--" are not.
        let sentences = ["( ) () `` '' -- . ok".to_string()];
        let c = content_counts(&sentences);
        let mut keys: Vec<_> = c.keys().copied().collect();
        keys.sort();
        assert_eq!(keys, ["''", "--", "``", "ok"]);
    }

    #[test]
    fn averages_are_f1_of_mean_precision_and_mean_recall() {
        // Task A: P=1, R=0; task B: P=0, R=1. Mean P = Mean R = .5, F1 = .5 (the mean of
        // the per-task F1s would be 0).
        let a = Prf {
            precision_num: 1.0,
            precision_den: 1.0,
            recall_num: 0.0,
            recall_den: 1.0,
        };
        let b = Prf {
            precision_num: 0.0,
            precision_den: 1.0,
            recall_num: 1.0,
            recall_den: 1.0,
        };
        let t = |p| TaskScores {
            ar1: p,
            ar2: p,
            date: p,
        };
        let avg = average(&[t(a), t(b)]);
        assert!((avg.ar1.f1 - 0.5).abs() < EPS);
        assert!((avg.date.precision - 0.5).abs() < EPS);
    }
}
