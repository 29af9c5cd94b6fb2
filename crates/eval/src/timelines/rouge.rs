//! ROUGE-1.5.5's n-gram counting, as tilse drives it for timeline evaluation
//! (`ROUGE-1.5.5.pl -a -n 2 -x -f A -d -m -s -t 2` on SEE-format files, one model).
//!
//! Reimplemented because the perl script needs a perl install with XML::Parser and
//! DB_File, writes temporary files per comparison and is slow; the counts here must
//! equal the script's to the unit (checked side by side by `scripts/check-t17-scorer`).
//!
//! The pipeline for one summary (a list of sentences), step by step as in the perl:
//! 1. tilse splits each sentence on whitespace, rejoins with one space and replaces `^` by
//!    `&circ;`; ROUGE's SEE reader keeps the text up to the first `<` and skips a sentence
//!    whose text is empty there.
//! 2. `tr/A-Z/a-z/`, sentences joined with one space.
//! 3. `-` becomes ` - `, every byte outside `[A-Za-z0-9-]` a space (perl works on bytes,
//!    so each byte of a non-ASCII character separates tokens), split on whitespace.
//! 4. SMART stopwords dropped; tokens not starting with `[a-z0-9$]` (the `-` tokens)
//!    dropped.
//! 5. Tokens longer than 3 bytes: WordNet-2.0 exception lookup, else [`porter::stem`].
//! 6. n-grams over what remains (so bigrams span removed stopwords).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::porter;

const SMART_STOPWORDS: &str = include_str!("data/smart_common_words.txt");
// Read in this order with the last line winning, as `buildExeptionDB.pl` filled
// `WordNet-2.0.exc.db` (see data/README.md: this order reproduces the shipped db).
const EXCEPTION_FILES: [&str; 4] = [
    include_str!("data/WordNet-2.0-Exceptions/adj.exc"),
    include_str!("data/WordNet-2.0-Exceptions/adv.exc"),
    include_str!("data/WordNet-2.0-Exceptions/noun.exc"),
    include_str!("data/WordNet-2.0-Exceptions/verb.exc"),
];

fn stopwords() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    // perl `chomp`s each line and uses it verbatim as a key.
    S.get_or_init(|| {
        SMART_STOPWORDS
            .split('\n')
            .filter(|l| !l.is_empty())
            .collect()
    })
}

/// The WordNet-2.0 exception map, inflected form -> base form (5,930 entries).
pub fn exceptions() -> &'static HashMap<&'static str, &'static str> {
    static E: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    E.get_or_init(|| {
        let mut map = HashMap::new();
        for file in EXCEPTION_FILES {
            for line in file.lines() {
                // `split(/\s+/, $line)`; `$db{$tmp[0]} = $tmp[1]`.
                let mut fields = line.split_ascii_whitespace();
                if let (Some(inflected), Some(base)) = (fields.next(), fields.next()) {
                    map.insert(inflected, base);
                }
            }
        }
        map
    })
}

/// Whether ROUGE drops this token as a stopword.
pub fn is_stopword(token: &str) -> bool {
    stopwords().contains(token)
}

/// ROUGE's `MorphStem`: the exception base form if there is one, else the Porter stem.
pub fn morph_stem(token: &str) -> String {
    match exceptions().get(token) {
        Some(base) => (*base).to_string(),
        None => porter::stem(token),
    }
}

/// Python's `str.split()` separators: Unicode whitespace plus the ASCII information
/// separators \x1c-\x1f, which `str.isspace` counts and Rust's `char::is_whitespace` does not.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// The text ROUGE reads for one sentence (steps 1 of the module doc), or `None` when its
/// SEE line would not match ROUGE's pattern (empty text, or text starting with `<`).
fn see_text(sentence: &str) -> Option<String> {
    let joined = sentence
        .split(is_python_space)
        .filter(|t| !t.is_empty())
        .map(|t| t.replace('^', "&circ;"))
        .collect::<Vec<_>>()
        .join(" ");
    let kept = joined.split('<').next().unwrap_or_default();
    (!kept.is_empty()).then(|| kept.to_string())
}

/// The token sequence ROUGE builds n-grams from (steps 1 to 5).
pub fn tokens<S: AsRef<str>>(sentences: &[S]) -> Vec<String> {
    let texts: Vec<String> = sentences
        .iter()
        .filter_map(|s| see_text(s.as_ref()))
        .collect();
    let text = texts.join(" ");
    let mut out = Vec::new();
    // Steps 2 and 3 together: after `-` is spaced out and other bytes blanked, the tokens
    // are exactly the maximal runs of ASCII letters and digits, plus single `-` tokens,
    // which step 4 drops anyway (they do not start with [a-z0-9$]).
    for raw in text
        .as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        let token = String::from_utf8_lossy(raw).to_ascii_lowercase();
        if is_stopword(&token) {
            continue;
        }
        if token.len() > 3 {
            out.push(morph_stem(&token));
        } else {
            out.push(token);
        }
    }
    out
}

/// A summary's n-gram counts for n = 1 and 2, ready to be compared many times.
#[derive(Debug, Clone, Default)]
pub struct RougeSummary {
    unigrams: HashMap<String, usize>,
    bigrams: HashMap<(String, String), usize>,
    /// Number of unigrams (ROUGE's `_cn_` for n = 1).
    pub n1: usize,
    /// Number of bigrams (`_cn_` for n = 2).
    pub n2: usize,
}

impl RougeSummary {
    pub fn new<S: AsRef<str>>(sentences: &[S]) -> Self {
        let toks = tokens(sentences);
        let mut s = RougeSummary {
            n1: toks.len(),
            n2: toks.len().saturating_sub(1),
            ..Default::default()
        };
        for t in &toks {
            *s.unigrams.entry(t.clone()).or_default() += 1;
        }
        for w in toks.windows(2) {
            *s.bigrams.entry((w[0].clone(), w[1].clone())).or_default() += 1;
        }
        s
    }

    /// Number of n-grams (n = 1 or 2).
    pub fn count(&self, n: usize) -> usize {
        match n {
            1 => self.n1,
            2 => self.n2,
            _ => panic!("ROUGE-{n} is not computed here (only 1 and 2)"),
        }
    }

    /// ROUGE's hit count H: the sum over n-grams of min(peer count, model count).
    pub fn hits(&self, model: &RougeSummary, n: usize) -> usize {
        fn clip<K: std::hash::Hash + Eq>(a: &HashMap<K, usize>, b: &HashMap<K, usize>) -> usize {
            a.iter()
                .map(|(g, &c)| b.get(g).map_or(0, |&m| c.min(m)))
                .sum()
        }
        match n {
            1 => clip(&self.unigrams, &model.unigrams),
            2 => clip(&self.bigrams, &model.bigrams),
            _ => panic!("ROUGE-{n} is not computed here (only 1 and 2)"),
        }
    }
}

/// Raw ROUGE-N counts of one peer against one model, as `-t 2` prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RougeCounts {
    /// Model (reference) n-grams.
    pub m: usize,
    /// Peer (predicted) n-grams.
    pub p: usize,
    /// Hits.
    pub h: usize,
}

/// ROUGE-N counts of `peer` sentences against `model` sentences.
pub fn rouge_n<S: AsRef<str>, T: AsRef<str>>(peer: &[S], model: &[T], n: usize) -> RougeCounts {
    let peer = RougeSummary::new(peer);
    let model = RougeSummary::new(model);
    RougeCounts {
        m: model.count(n),
        p: peer.count(n),
        h: peer.hits(&model, n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_match_rouge() {
        // 598 stopword lines, two of them repeated ("may" and "would"):
        // 596 distinct; 5,939 exception lines of which 9 repeat a key: 5,930 keys, the size
        // of ROUGE's WordNet-2.0.exc.db.
        assert_eq!(SMART_STOPWORDS.lines().count(), 598);
        assert_eq!(stopwords().len(), 596);
        assert_eq!(exceptions().len(), 5930);
        // Repeated keys resolve as in the db: later file (adj < adv < noun < verb) wins,
        // and within a file the later line.
        assert_eq!(exceptions()["best"], "well");
        assert_eq!(exceptions()["is"], "be");
        assert_eq!(exceptions()["testes"], "testes");
        assert_eq!(exceptions()["involucra"], "involucrum");
        assert_eq!(exceptions()["went"], "go");
        assert_eq!(exceptions()["mice"], "mouse");
    }

    #[test]
    fn tokenising_stopwords_and_stems() {
        // SMART stopwords here: "the", "to", "u", "s". "U.S." splits into "u" and "s";
        // "cats'" gives "cats" -> Porter "cat"; "mice" -> WordNet exception "mouse";
        // "ran" and "cat" have 3 bytes and are never stemmed; "state-run" -> "state", "-",
        // "run" with the "-" dropped; "state" stays (step 5: m(stat) = 1 and stat is cvc).
        // The real ROUGE-1.5.5 counts 6 unigrams for this sentence.
        let toks = tokens(&["The mice ran to U.S. cats' state-run cat"]);
        assert_eq!(toks, ["mouse", "ran", "cat", "state", "run", "cat"]);
    }

    #[test]
    fn see_reader_edge_cases() {
        // Text after the first `<` is not read; a sentence starting with `<` is skipped;
        // `^` becomes `&circ;`, i.e. the token "circ" ("x" is a stopword); each byte of a
        // non-ASCII character separates tokens. (ROUGE-1.5.5 counts 2, 0, 2 and 4 unigrams.)
        assert_eq!(
            tokens(&["protests grow <b>ignored</b>"]),
            ["protest", "grow"]
        );
        assert!(tokens(&["<p> nothing here"]).is_empty());
        assert_eq!(tokens(&["x^2"]), ["circ", "2"]);
        assert_eq!(tokens(&["naïve plans café"]), ["na", "ve", "plan", "caf"]);
        let none: [&str; 0] = [];
        assert!(tokens(&none).is_empty());
    }

    #[test]
    fn counts_by_hand() {
        // peer tokens: police, fire, tear, gas, police ("gas" has 3 bytes: not stemmed).
        // model tokens: "police fired gas at protesters" -> "at" stopword;
        //   police, fire (fired -> Porter step 1b: fir + e (cvc) -> fire), gas, protest
        //   ("protesters" -> 1a protester -> step 4 -er: protest).
        // unigram hits: police min(2,1)=1, fire 1, gas 1 -> 3; P=5, M=4 (ROUGE-1.5.5
        // prints the same: M_count 4, P_count 5, H_count 3; and 3, 4, 1 for ROUGE-2).
        // bigrams peer: (police fire)(fire tear)(tear gas)(gas police) = 4
        // bigrams model: (police fire)(fire gas)(gas protest) = 3; hits: (police fire) = 1.
        let peer = ["police fire tear gas police"];
        let model = ["police fired gas at protesters"];
        assert_eq!(rouge_n(&peer, &model, 1), RougeCounts { m: 4, p: 5, h: 3 });
        assert_eq!(rouge_n(&peer, &model, 2), RougeCounts { m: 3, p: 4, h: 1 });
    }
}
