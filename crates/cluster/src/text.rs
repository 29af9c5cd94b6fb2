//! Text features shared by duplicate detection and event clustering: normalised
//! words, stop words, word shingles, and cheap named-entity-like phrases.
//!
//! Everything here is deterministic and allocation-light; no language model is used.

/// A fast 64-bit hash of a string (FNV-1a followed by a splitmix finaliser, so that
/// nearby inputs land far apart). Stable across runs and platforms, unlike `DefaultHasher`
/// seeds, which keeps groupings reproducible.
pub fn hash_str(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        h ^= u64::from(*byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix64(h)
}

/// splitmix64 finaliser: a bijective bit mixer.
pub fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Lowercased alphanumeric words; punctuation and case are ignored so that a copy with
/// different quotes, dashes or spacing normalises to the same words.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The normalised form used for exact-copy hashing: words joined by single spaces.
pub fn normalised(text: &str) -> String {
    words(text).join(" ")
}

/// Hashes of overlapping `size`-word shingles, sorted and de-duplicated. A text shorter
/// than one shingle yields one shingle of all its words (so short texts still compare).
pub fn shingles(words: &[String], size: usize) -> Vec<u64> {
    let size = size.max(1);
    let mut out: Vec<u64> = if words.len() < size {
        if words.is_empty() {
            Vec::new()
        } else {
            vec![hash_str(&words.join(" "))]
        }
    } else {
        words
            .windows(size)
            .map(|w| hash_str(&w.join(" ")))
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Size of the intersection of two sorted, de-duplicated slices.
pub fn intersection_size(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "two",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "according",
    "told",
    "first",
    "time",
    "people",
    "week",
    "day",
    "today",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "mrs",
    "ms",
    "s",
    "t",
    "don",
    "re",
    "ve",
    "ll",
    "d",
    "m",
    "per",
    "cent",
    "percent",
    "via",
    "would",
    "around",
    "another",
    "however",
];

/// Whether a lowercased word carries no topical weight.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// A crude stemmer: folds common plural and verb endings so that "launches", "launched"
/// and "launch" share a term. Deliberately conservative (short words are kept whole).
pub fn stem(word: &str) -> String {
    let n = word.len();
    if n <= 4 || !word.is_ascii() {
        return word.to_string();
    }
    for suffix in ["ings", "ing", "ies", "ied", "es", "ed", "s"] {
        if let Some(stripped) = word.strip_suffix(suffix) {
            if stripped.len() >= 4 && !stripped.ends_with('s') {
                return match suffix {
                    "ies" | "ied" => format!("{stripped}y"),
                    _ => stripped.to_string(),
                };
            }
        }
    }
    word.to_string()
}

/// Topical terms of a text: lowercased, stop words and 1-letter tokens dropped, stemmed.
pub fn terms(text: &str) -> Vec<String> {
    words(&join_digit_groups(text))
        .into_iter()
        .filter(|w| w.chars().count() > 1 && !is_stop_word(w))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) || w.len() >= 3)
        .map(|w| stem(&w))
        .collect()
}

/// The text with thousands separators dropped from numbers ("6,000" and "6.000" read
/// "6000"), so that a figure written with and without them is one term, not "6" and
/// "000". A separator counts only between a digit and exactly three digits.
pub fn join_digit_groups(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let is_separator = |i: usize| {
        matches!(bytes[i], b',' | b'.')
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.len() >= i + 4
            && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit())
    };
    if !(0..bytes.len()).any(is_separator) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if !(c.is_ascii() && is_separator(i)) {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Named-entity-like features: runs of capitalised words not at a sentence start (or
/// any capitalised run of two or more words), plus longer numbers. Returned lowercased,
/// one entry per occurrence. These stand in for people, places, companies and figures.
pub fn entities(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut run_starts_sentence = false;
    let mut sentence_start = true;
    let flush = |run: &mut Vec<&str>, starts_sentence: bool, out: &mut Vec<String>| {
        // A long capitalised run is a title-case headline, not a name: keep its words.
        if run.len() > 3 {
            for word in run.iter() {
                let word = word.to_lowercase();
                if !is_stop_word(&word) {
                    out.push(word);
                }
            }
            run.clear();
            return;
        }
        let keep = run.len() >= 2 || (!starts_sentence && run.len() == 1);
        if keep {
            let phrase = run.join(" ").to_lowercase();
            if !(run.len() == 1 && is_stop_word(&phrase)) {
                out.push(phrase);
            }
        }
        run.clear();
    };
    for raw in text.split_whitespace() {
        let token = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let ends_sentence = raw.ends_with(['.', '!', '?', ':', '"', '\u{201d}']);
        let capitalised =
            token.chars().next().is_some_and(char::is_uppercase) && token.chars().count() > 1;
        if capitalised {
            if run.is_empty() {
                run_starts_sentence = sentence_start;
            }
            // Possessives ("Xiaomi's") name the same entity.
            let token = token
                .strip_suffix("'s")
                .or_else(|| token.strip_suffix("\u{2019}s"))
                .unwrap_or(token);
            run.push(token);
            let breaks = raw.ends_with([',', ';', ')']) || ends_sentence;
            if breaks {
                flush(&mut run, run_starts_sentence, &mut out);
            }
        } else {
            flush(&mut run, run_starts_sentence, &mut out);
            let number = join_digit_groups(token);
            if number.len() >= 3 && number.chars().all(|c| c.is_ascii_digit()) {
                out.push(number.into_owned());
            }
        }
        sentence_start = ends_sentence || raw.is_empty();
    }
    flush(&mut run, run_starts_sentence, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_ignores_case_punctuation_and_spacing() {
        assert_eq!(
            normalised("Hello,  World!\n\nIt's"),
            normalised("hello world -- it s")
        );
    }

    #[test]
    fn shingles_overlap_for_shared_text() {
        let a = shingles(&words("the quick brown fox jumps over the lazy dog"), 3);
        let b = shingles(&words("the quick brown fox jumps over a sleeping cat"), 3);
        let shared = intersection_size(&a, &b);
        assert_eq!(shared, 4);
        assert_eq!(a.len(), 7);
    }

    #[test]
    fn entities_find_capitalised_phrases_but_not_sentence_starts() {
        let found =
            entities("The company said Lei Jun met Nikkei reporters in Tokyo. Prices rose 2019.");
        assert!(found.contains(&"lei jun".to_string()), "{found:?}");
        assert!(found.contains(&"nikkei".to_string()), "{found:?}");
        assert!(found.contains(&"tokyo".to_string()), "{found:?}");
        assert!(!found.contains(&"the".to_string()), "{found:?}");
        assert!(!found.contains(&"prices".to_string()), "{found:?}");
        assert!(found.contains(&"2019".to_string()), "{found:?}");
    }

    #[test]
    fn numbers_read_the_same_with_and_without_thousands_separators() {
        assert_eq!(
            terms("Bitcoin falls below $6,000"),
            terms("Bitcoin falls below 6000")
        );
        assert!(terms("12.000 Menschen").contains(&"12000".to_string()));
        // Decimals and lists of numbers keep their parts.
        assert!(!terms("rose 3.25 or 1.5 points")
            .iter()
            .any(|t| t == "325" || t == "15"));
        assert_eq!(terms("rates 100,2000"), ["rate", "100", "2000"]);
        assert!(entities("killed 1,200 people").contains(&"1200".to_string()));
    }

    #[test]
    fn stemming_folds_plural_and_verb_forms() {
        assert_eq!(stem("launches"), stem("launch"));
        assert_eq!(stem("launched"), stem("launch"));
        assert_eq!(stem("companies"), "company");
    }
}
