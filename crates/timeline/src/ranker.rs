//! A learned day ranker for day-by-day timelines, after DATEWISE (Gholipour Ghalandari
//! and Ifrim 2020): each candidate day gets a few coverage statistics (articles
//! published on it, articles mentioning it on the day, afterwards, a week or more
//! afterwards, articles published after it at all) and a linear model scores it.
//!
//! Features are logarithms of counts, so the model multiplies powers of counts (it
//! learned to divide recalls by about the square root of the articles that could have
//! recalled the day), and a collection ten times larger shifts every day's score alike.
//! The model is data: [`DateModel::SHIPPED`] holds weights fitted offline, and
//! [`DateModel::fit_pairwise`] fits new ones from labelled days (the caller supplies
//! the labels; this crate knows no data set).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use chrono::{Duration, NaiveDate};
use storyline_model::{EntryKind, Precision};

use crate::dates::{place, sentence_slot, Slot};
use crate::input::SourceArticle;

/// Length of a day's feature vector.
pub const FEATURES: usize = 6;

/// What each feature is, in order (for printing fitted weights). Every feature is
/// ln(1 + a count): a linear model over them multiplies powers of the counts, so it can
/// learn "articles recalling the day, per article published after it" as well as sums.
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "published",
    "mentioned_afterwards",
    "later_articles",
    "mentioning_articles",
    "mentioned_same_day",
    "mentioned_a_week_later",
];

/// One day's features.
pub type DateFeatures = [f64; FEATURES];

/// A linear scorer over [`DateFeatures`]: higher is more likely a milestone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateModel {
    pub bias: f64,
    pub weights: DateFeatures,
}

impl DateModel {
    /// Fitted on every Timeline17 task (gold dates as positives; pairwise, see
    /// [`DateModel::fit_pairwise`]) by
    /// `cargo run --release -p storyline-eval --example t17_date_model -- ../shared/data/t17`,
    /// which prints this constant. Evaluations must not use it on Timeline17 itself
    /// (it has seen the answers): `storyline eval timelines` refits leave-one-topic-out.
    pub const SHIPPED: DateModel = DateModel {
        bias: 0.0,
        weights: [
            0.566340,  // published
            0.658852,  // mentioned_afterwards
            -0.465956, // later_articles
            0.459906,  // mentioning_articles
            -0.349563, // mentioned_same_day
            0.371380,  // mentioned_a_week_later
        ],
    };

    pub fn score(&self, x: &DateFeatures) -> f64 {
        self.bias + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f64>()
    }

    /// A ranker from groups of labelled days (one group per timeline): logistic
    /// regression on the differences between a milestone's and a non-milestone's
    /// features within a group, so only the order inside a timeline is learned.
    pub fn fit_pairwise(groups: &[Vec<(DateFeatures, bool)>], l2: f64) -> DateModel {
        let mut pairs = Vec::new();
        for group in groups {
            let (pos, neg): (Vec<_>, Vec<_>) = group.iter().partition(|(_, y)| *y);
            // Every timeline weighs the same, however many days it has.
            let weight = 1.0 / (pos.len() * neg.len()).max(1) as f64;
            for (p, _) in &pos {
                for (n, _) in &neg {
                    let mut d = [0.0; FEATURES];
                    for f in 0..FEATURES {
                        d[f] = p[f] - n[f];
                    }
                    pairs.push((d, true, weight));
                    pairs.push((d.map(|v| -v), false, weight));
                }
            }
        }
        let mut model = DateModel::fit_weighted(&pairs, l2);
        model.bias = 0.0;
        model
    }

    /// Logistic regression by Newton's method with an L2 penalty `l2` on the weights
    /// (not the bias). `examples` pairs a day's features with whether it is a milestone.
    pub fn fit(examples: &[(DateFeatures, bool)], l2: f64) -> DateModel {
        let weighted: Vec<(DateFeatures, bool, f64)> =
            examples.iter().map(|(x, y)| (*x, *y, 1.0)).collect();
        DateModel::fit_weighted(&weighted, l2)
    }

    /// [`DateModel::fit`] with a weight per example.
    // Index loops read as the Newton step's formulas; the system is 7x7.
    #[allow(clippy::needless_range_loop)]
    fn fit_weighted(examples: &[(DateFeatures, bool, f64)], l2: f64) -> DateModel {
        const D: usize = FEATURES + 1;
        let mut beta = [0.0f64; D];
        let row = |x: &DateFeatures| {
            let mut r = [1.0f64; D];
            r[1..].copy_from_slice(x);
            r
        };
        for _ in 0..50 {
            let mut gradient = [0.0f64; D];
            let mut hessian = [[0.0f64; D]; D];
            for (x, y, weight) in examples {
                let r = row(x);
                let z: f64 = r.iter().zip(&beta).map(|(a, b)| a * b).sum();
                let p = 1.0 / (1.0 + (-z).exp());
                let target = if *y { 1.0 } else { 0.0 };
                let w = weight * (p * (1.0 - p)).max(1e-12);
                for i in 0..D {
                    gradient[i] += weight * (p - target) * r[i];
                    for j in 0..D {
                        hessian[i][j] += w * r[i] * r[j];
                    }
                }
            }
            for i in 1..D {
                gradient[i] += l2 * beta[i];
                hessian[i][i] += l2;
            }
            // The bias gets a tiny ridge too, so a one-class sample still solves.
            hessian[0][0] += 1e-9;
            let Some(step) = solve(hessian, gradient) else {
                break;
            };
            let mut change = 0.0f64;
            for i in 0..D {
                beta[i] -= step[i];
                change = change.max(step[i].abs());
            }
            if change < 1e-9 {
                break;
            }
        }
        let mut weights = [0.0; FEATURES];
        weights.copy_from_slice(&beta[1..]);
        DateModel {
            bias: beta[0],
            weights,
        }
    }
}

/// Gaussian elimination with partial pivoting; `None` for a singular system.
// Index loops read as the textbook elimination; the matrix is 7x7.
#[allow(clippy::needless_range_loop)]
fn solve<const D: usize>(mut a: [[f64; D]; D], mut b: [f64; D]) -> Option<[f64; D]> {
    for col in 0..D {
        let pivot = (col..D).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-15 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for r in col + 1..D {
            let f = a[r][col] / a[col][col];
            for c in col..D {
                a[r][c] -= f * a[col][c];
            }
            b[r] -= f * b[col];
        }
    }
    let mut x = [0.0; D];
    for r in (0..D).rev() {
        let s: f64 = (r + 1..D).map(|c| a[r][c] * x[c]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    Some(x)
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    /// Articles published on the day.
    published: f64,
    /// Articles with a sentence naming the day ...
    articles: f64,
    /// ... published after it (recalling it), and a week or more after it ...
    afterwards: f64,
    week_later: f64,
    /// ... or before it (announcing it).
    beforehand: f64,
}

/// The features of every day slot within `[from, to]` that the articles publish on or
/// mention, for a timeline at day precision. Slots are in date order.
pub fn date_features(
    articles: &[SourceArticle],
    planned: bool,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Vec<(Slot, DateFeatures)> {
    let precision = Precision::Day;
    let mut counts: BTreeMap<Slot, Counts> = BTreeMap::new();
    // Publications per day, for "articles published after a day".
    let mut per_day: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    for article in articles {
        let Some(published) = article.published else {
            continue;
        };
        if let Some(date) = place(&published, precision) {
            let slot = Slot {
                date,
                kind: EntryKind::Reported,
            };
            counts.entry(slot).or_default().published += 1.0;
            *per_day.entry(date.first_day()).or_default() += 1.0;
        }
        let reference = planned.then_some(published);
        let mentioned: BTreeSet<Slot> = article
            .sentences
            .iter()
            .flat_map(|s| &s.mentions)
            .filter_map(|m| sentence_slot(&m.covering(), reference, precision))
            .collect();
        for slot in mentioned {
            let c = counts.entry(slot).or_default();
            c.articles += 1.0;
            let (day, first) = (slot.date.first_day(), published.first_day());
            if first > day {
                c.afterwards += 1.0;
                if first - day >= Duration::days(7) {
                    c.week_later += 1.0;
                }
            } else if published.last_day() < day {
                c.beforehand += 1.0;
            }
        }
    }
    counts
        .iter()
        .filter(|(slot, _)| {
            let day = slot.date.first_day();
            slot.date.precision() == Precision::Day
                && from.is_none_or(|f| day >= f)
                && to.is_none_or(|t| day <= t)
        })
        .map(|(slot, c)| {
            // A day late in the coverage has few later articles to recall it: the
            // model learns how much to discount recalls by this.
            let day = slot.date.first_day();
            let later: f64 = per_day
                .range((Bound::Excluded(day), Bound::Unbounded))
                .map(|(_, n)| n)
                .sum();
            let x = [
                c.published,
                c.afterwards,
                later,
                c.articles,
                (c.articles - c.afterwards - c.beforehand).max(0.0),
                c.week_later,
            ]
            .map(f64::ln_1p);
            (*slot, x)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Mention, SourceSentence};
    use storyline_model::{ArticleId, PartialDate};

    fn day(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    fn article(published: &str, mentions: &[&str]) -> SourceArticle {
        SourceArticle {
            id: ArticleId(format!("{published}-{}", mentions.join("-"))),
            site: None,
            title: None,
            published: Some(day(published)),
            sentences: vec![SourceSentence {
                text: "A sentence.".into(),
                mentions: mentions
                    .iter()
                    .map(|m| Mention {
                        date: day(m),
                        until: None,
                    })
                    .collect(),
            }],
        }
    }

    #[test]
    fn counts_recalls_announcements_and_later_articles() {
        let articles = vec![
            article("2011-01-25", &["2011-01-25"]),
            article("2011-01-27", &["2011-01-25", "2011-01-28"]),
            article("2011-02-03", &["2011-01-25"]),
        ];
        let rows = date_features(&articles, false, None, None);
        let get = |d: &str| rows.iter().find(|(s, _)| s.date == day(d)).unwrap().1;
        let ln = |v: f64| v.ln_1p();
        // 25 January: published once, recalled twice (once a week later), named the
        // same day once, two articles published after it.
        assert_eq!(
            get("2011-01-25"),
            [ln(1.0), ln(2.0), ln(2.0), ln(3.0), ln(1.0), ln(1.0)]
        );
        // 28 January: announced the day before, never published on.
        assert_eq!(get("2011-01-28"), [0.0, 0.0, ln(1.0), ln(1.0), 0.0, 0.0]);
        let bounded = date_features(&articles, false, None, Some(day("2011-01-27").last_day()));
        assert_eq!(bounded.len(), 2, "{bounded:?}");
    }

    #[test]
    fn pairwise_fit_weights_the_feature_that_separates_milestones() {
        let mut groups = Vec::new();
        for g in 0..3 {
            let mut group = Vec::new();
            for i in 0..20 {
                let milestone = i % 4 == 0;
                let mut x = [0.0; FEATURES];
                x[1] = if milestone { 2.0 } else { 0.5 } + 0.01 * (i + g) as f64;
                x[2] = ((i * 7 + g) % 5) as f64;
                group.push((x, milestone));
            }
            groups.push(group);
        }
        let model = DateModel::fit_pairwise(&groups, 1e-3);
        assert!(model.weights[1] > 1.0, "{model:?}");
        assert!(model.weights[1] > 5.0 * model.weights[2].abs(), "{model:?}");
        let top = groups[0]
            .iter()
            .max_by(|a, b| model.score(&a.0).total_cmp(&model.score(&b.0)))
            .unwrap();
        assert!(top.1);
    }
}
