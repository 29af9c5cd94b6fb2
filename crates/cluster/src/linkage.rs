//! Average linkage over the pair scores of an event's articles, for the checks that split
//! an event (see [`crate::EventConfig::split_below`] and
//! [`crate::EventConfig::late_split_link`]). Scores are held as a lower triangle by rows:
//! `links[i * (i - 1) / 2 + j]` for items `j < i`, one row appended per article.

/// Groups of items merged by average linkage, and the mean link between what is left.
struct Linkage {
    n: usize,
    /// Dense similarities, updated by the Lance-Williams rule for average linkage.
    sim: Vec<f32>,
    size: Vec<usize>,
    alive: Vec<bool>,
    /// Each item's group, named by its lowest item (item 0's group is always 0).
    group: Vec<usize>,
    groups: usize,
}

impl Linkage {
    fn new(n: usize, links: &[f32]) -> Self {
        debug_assert_eq!(links.len(), n * n.saturating_sub(1) / 2);
        let mut sim = vec![0.0f32; n * n];
        for i in 1..n {
            for j in 0..i {
                let s = links[i * (i - 1) / 2 + j];
                sim[i * n + j] = s;
                sim[j * n + i] = s;
            }
        }
        Self {
            n,
            sim,
            size: vec![1; n],
            alive: vec![true; n],
            group: (0..n).collect(),
            groups: n,
        }
    }

    /// The two groups with the highest mean link (ties to the earliest pair, so the
    /// result is deterministic), or None when no comparable pair is left.
    fn best_pair(&self) -> Option<(usize, usize, f32)> {
        let n = self.n;
        let mut best: Option<(usize, usize, f32)> = None;
        for a in (0..n).filter(|&a| self.alive[a]) {
            for b in (a + 1..n).filter(|&b| self.alive[b]) {
                let s = self.sim[a * n + b];
                if !s.is_nan() && best.is_none_or(|(_, _, top)| s > top) {
                    best = Some((a, b, s));
                }
            }
        }
        best
    }

    fn merge(&mut self, a: usize, b: usize) {
        let n = self.n;
        let (wa, wb) = (self.size[a] as f32, self.size[b] as f32);
        for k in (0..n).filter(|&k| self.alive[k] && k != a && k != b) {
            let s = (wa * self.sim[a * n + k] + wb * self.sim[b * n + k]) / (wa + wb);
            self.sim[a * n + k] = s;
            self.sim[k * n + a] = s;
        }
        self.size[a] += self.size[b];
        self.alive[b] = false;
        for g in self.group.iter_mut().filter(|g| **g == b) {
            *g = a;
        }
        self.groups -= 1;
    }
}

/// Average linkage of `n` items down to two groups: whether each item is in the group
/// without item 0, and the mean score between the two groups (1.0 when there is no
/// grouping to speak of).
pub(crate) fn two_groups(n: usize, links: &[f32]) -> (Vec<bool>, f32) {
    let mut linkage = Linkage::new(n, links);
    while linkage.groups > 2 {
        let Some((a, b, _)) = linkage.best_pair() else {
            return (vec![false; n], 1.0);
        };
        linkage.merge(a, b);
    }
    let other = (1..n).find(|&i| linkage.alive[i]).unwrap_or(0);
    // Row 0 holds item 0's group's mean links: `sim[other]` is `sim[0 * n + other]`.
    let link = if other == 0 { 1.0 } else { linkage.sim[other] };
    (linkage.group.iter().map(|&g| g != 0).collect(), link)
}

/// Average linkage of `n` items, merging while the best mean link is at least `link`:
/// each item's group, named by its lowest item.
pub(crate) fn groups_linked_at(n: usize, links: &[f32], link: f32) -> Vec<usize> {
    let mut linkage = Linkage::new(n, links);
    while let Some((a, b, s)) = linkage.best_pair() {
        if s < link {
            break;
        }
        linkage.merge(a, b);
    }
    linkage.group
}

/// The pair scores among the `picked` items (in that order), as a lower triangle.
pub(crate) fn sub_triangle(links: &[f32], picked: &[usize]) -> Vec<f32> {
    let mut sub = Vec::with_capacity(picked.len() * picked.len().saturating_sub(1) / 2);
    for (a, &i) in picked.iter().enumerate() {
        for &j in &picked[..a] {
            sub.push(links[i * (i - 1) / 2 + j]);
        }
    }
    sub
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two tight pairs {0, 1} and {2, 3} linked weakly across.
    fn two_pairs() -> Vec<f32> {
        // rows: (1,0) | (2,0) (2,1) | (3,0) (3,1) (3,2)
        vec![0.9, 0.1, 0.2, 0.1, 0.1, 0.8]
    }

    #[test]
    fn two_groups_cuts_the_weak_link() {
        let (moving, link) = two_groups(4, &two_pairs());
        assert_eq!(moving, [false, false, true, true]);
        assert!((link - 0.125).abs() < 1e-6, "{link}");
    }

    #[test]
    fn groups_stop_merging_below_the_link() {
        assert_eq!(groups_linked_at(4, &two_pairs(), 0.5), [0, 0, 2, 2]);
        assert_eq!(groups_linked_at(4, &two_pairs(), 0.85), [0, 0, 2, 3]);
        assert_eq!(groups_linked_at(4, &two_pairs(), 0.05), [0, 0, 0, 0]);
    }

    #[test]
    fn sub_triangle_keeps_the_picked_pairs() {
        assert_eq!(sub_triangle(&two_pairs(), &[0, 2, 3]), [0.1, 0.1, 0.8]);
    }
}
