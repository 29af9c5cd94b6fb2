//! Which sentences summarise a date: the ones closest to the centre of what the date's
//! coverage says (TF-IDF centroid), not redundant with sentences already chosen.

// Term vectors are `BTreeMap`s, not `HashMap`s: their sums (norms, cosines) then run in
// one order every time, so two nearly tied sentences rank the same way on every run (in
// hash order the last bits differed, and a tie flipped between runs: a CI failure).
use std::collections::{BTreeMap, HashMap};

/// A sentence that may summarise a slot.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub article: usize,
    pub text: String,
    /// 0 for a title, 1.. for body sentences in reading order.
    pub position: usize,
    /// True when the sentence names the slot's date from an article published after
    /// it: a look back ("the rig sank on April 22") says in a line what the day's
    /// own coverage spreads over paragraphs.
    pub recalls_date: bool,
}

/// Sentences shorter or longer than this (in words) rarely make a readable entry.
const MIN_WORDS: usize = 5;
const MAX_WORDS: usize = 40;
/// Weight of a sentence that recalls the date it summarises ([`Candidate::recalls_date`]).
/// On Timeline17 (leave-one-topic-out runs, docs/benchmarks.md) 1.2-1.5 were all better
/// than no bonus; a bonus for naming the date on the day itself (1.2, the old rule)
/// was not, so it went.
const RECALLS_DATE_BONUS: f64 = 1.35;
/// Score lost per sentence of depth into the article. Small: a look back often sits
/// deep in a later article, and titles are glued to the first sentence anyway.
const POSITION_PENALTY: f64 = 0.015;
/// A candidate this similar to a chosen sentence says the same thing again.
const REDUNDANCY: f64 = 0.5;

/// Word weights learned from every sentence the timeline could use.
pub struct Weights {
    idf: BTreeMap<String, f64>,
    default_idf: f64,
    /// The centre of everything the timeline covers: a sentence far from it is
    /// boilerplate or an aside ("You've selected the U.S. Edition").
    topic: BTreeMap<String, f64>,
}

impl Weights {
    pub fn learn<'a>(sentences: impl Iterator<Item = &'a str> + Clone) -> Weights {
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut n = 0usize;
        for sentence in sentences.clone() {
            n += 1;
            let mut terms = terms(sentence);
            terms.sort();
            terms.dedup();
            for term in terms {
                *df.entry(term).or_default() += 1;
            }
        }
        let n = n.max(1) as f64;
        let idf = df
            .into_iter()
            .map(|(term, df)| (term, (n / df as f64).ln() + 1.0))
            .collect();
        let mut weights = Weights {
            idf,
            default_idf: n.ln() + 1.0,
            topic: BTreeMap::new(),
        };
        let mut topic: BTreeMap<String, f64> = BTreeMap::new();
        for sentence in sentences {
            for (term, weight) in weights.vector(sentence) {
                *topic.entry(term).or_default() += weight;
            }
        }
        normalise(&mut topic);
        weights.topic = topic;
        weights
    }

    fn vector(&self, text: &str) -> BTreeMap<String, f64> {
        let mut vector: BTreeMap<String, f64> = BTreeMap::new();
        for term in terms(text) {
            *vector.entry(term).or_default() += 1.0;
        }
        for (term, weight) in vector.iter_mut() {
            *weight *= self.idf.get(term).copied().unwrap_or(self.default_idf);
        }
        normalise(&mut vector);
        vector
    }
}

/// Pick up to `k` sentences for one slot. `taken` holds the vectors of sentences already
/// used elsewhere in the timeline, so an entry does not repeat another.
pub fn summarise(
    candidates: &[Candidate],
    k: usize,
    weights: &Weights,
    taken: &mut Vec<BTreeMap<String, f64>>,
) -> Vec<usize> {
    let usable: Vec<(usize, BTreeMap<String, f64>)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| readable(c))
        .map(|(i, c)| (i, weights.vector(&c.text)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    if usable.is_empty() || k == 0 {
        return Vec::new();
    }
    let mut centroid: BTreeMap<String, f64> = BTreeMap::new();
    for (_, vector) in &usable {
        for (term, weight) in vector {
            *centroid.entry(term.clone()).or_default() += weight;
        }
    }
    normalise(&mut centroid);
    let mut ranked: Vec<(f64, usize, &BTreeMap<String, f64>)> = usable
        .iter()
        .map(|(i, v)| {
            let c = &candidates[*i];
            // Central to the date and to the whole coverage: the first alone lets a
            // date's boilerplate win when few articles fall on it.
            let mut score = cosine(v, &centroid) + cosine(v, &weights.topic);
            if c.recalls_date {
                score *= RECALLS_DATE_BONUS;
            }
            // Leads and titles summarise; the tenth paragraph seldom does.
            score /= 1.0 + POSITION_PENALTY * c.position.min(20) as f64;
            (score, *i, v)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen = Vec::new();
    // A date whose every sentence repeats another entry still gets its best one: the
    // date itself is news.
    let best = ranked[0].1;
    let best_vector = ranked[0].2.clone();
    for (_, index, vector) in ranked {
        if chosen.len() == k {
            break;
        }
        if taken.iter().any(|t| cosine(t, vector) > REDUNDANCY) {
            continue;
        }
        taken.push(vector.clone());
        chosen.push(index);
    }
    if chosen.is_empty() {
        taken.push(best_vector);
        chosen.push(best);
    }
    chosen
}

fn readable(candidate: &Candidate) -> bool {
    let words = candidate.text.split_whitespace().count();
    let min = if candidate.position == 0 {
        3
    } else {
        MIN_WORDS
    };
    (min..=MAX_WORDS).contains(&words)
}

/// Lower-cased words of two or more letters, without the commonest function words.
pub fn terms(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
}

fn normalise(vector: &mut BTreeMap<String, f64>) {
    let norm = vector.values().map(|w| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        vector.values_mut().for_each(|w| *w /= norm);
    }
}

fn cosine(a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .filter_map(|(term, w)| large.get(term).map(|v| w * v))
        .sum()
}

const STOPWORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "it", "with", "as", "was",
    "at", "by", "be", "this", "are", "from", "or", "an", "have", "has", "had", "not", "but", "its",
    "they", "he", "she", "his", "her", "we", "you", "their", "which", "will", "would", "been",
    "were", "there", "said", "says", "also", "who", "than", "more", "about", "after", "into", "up",
    "out", "so", "if", "can", "all", "one", "no", "do", "lrb", "rrb",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(text: &str, position: usize) -> Candidate {
        Candidate {
            article: 0,
            text: text.to_string(),
            position,
            recalls_date: false,
        }
    }

    #[test]
    fn picks_the_central_sentence_and_skips_a_repeat() {
        let candidates = vec![
            candidate(
                "The weather in the capital was mild and dry all week long.",
                1,
            ),
            candidate(
                "Xiaomi will enter the Japanese smartphone market next year.",
                1,
            ),
            candidate(
                "Xiaomi will enter the Japanese smartphone market next year, it said.",
                2,
            ),
            candidate(
                "Xiaomi confirmed its Japanese smartphone launch on Weibo today.",
                1,
            ),
        ];
        let weights = Weights::learn(candidates.iter().map(|c| c.text.as_str()));
        let mut taken = Vec::new();
        let chosen = summarise(&candidates, 2, &weights, &mut taken);
        assert_eq!(chosen.len(), 2);
        assert!(chosen.contains(&1), "{chosen:?}");
        assert!(
            !chosen.contains(&2),
            "the near-repeat must be skipped: {chosen:?}"
        );
        assert!(
            !chosen.contains(&0),
            "the off-topic sentence must lose: {chosen:?}"
        );
    }

    #[test]
    fn a_look_back_beats_an_equally_central_sentence_of_the_day_placed_higher() {
        // Equally central (their cosines differ only in the last bits, which follow hash
        // order, so no exact tie is asserted); the second sits one sentence deeper.
        let mut candidates = vec![
            candidate("The oil rig sank in the gulf overnight alpha.", 1),
            candidate("The oil rig sank in the gulf overnight beta.", 2),
        ];
        let weights = Weights::learn(candidates.iter().map(|c| c.text.as_str()));
        assert_eq!(summarise(&candidates, 1, &weights, &mut Vec::new()), [0]);
        candidates[1].recalls_date = true;
        assert_eq!(summarise(&candidates, 1, &weights, &mut Vec::new()), [1]);
    }

    #[test]
    fn too_short_sentences_are_not_summaries() {
        let candidates = vec![candidate("Advertisement", 1), candidate("Learn more", 2)];
        let weights = Weights::learn(candidates.iter().map(|c| c.text.as_str()));
        assert!(summarise(&candidates, 3, &weights, &mut Vec::new()).is_empty());
    }
}
