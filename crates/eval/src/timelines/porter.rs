//! The Porter stemmer exactly as ROUGE-1.5.5 runs it (`sub stem` in `ROUGE-1.5.5.pl`,
//! Martin Porter's own perl "Release 1" with Chin-Yew Lin's 2004 change to step 4).
//!
//! Why not a crate: `rust-stemmers` implements Porter2 (Snowball English), which differs
//! from the 1980 algorithm in many words (e.g. Porter2 keeps `generous` where Porter
//! gives `gener`, and handles `-ly`, `-li`, `y` differently), so ROUGE counts would drift.
//! This port keeps the perl's departures from the 1980 paper, because ROUGE has them:
//! step 2 uses `bli`→`ble` (not `abli`→`able`) and adds `logi`→`log`; step 4 tries
//! `-ement`, then `-ment`, then `-ent` as three separate rules (see there).
//!
//! The perl tests its measure conditions with regular expressions; we use the same
//! expressions (the `regex` crate decides "is there a match" exactly as perl does for
//! these backreference-free patterns). Where the perl matches an alternation of suffixes
//! anchored at the end (`/(ational|tional|...)$/`), perl's leftmost match is the longest
//! listed suffix, which is what [`longest_suffix`] returns.

use std::sync::OnceLock;

use regex::Regex;

struct Patterns {
    /// `[C]VC...`: measure m > 0.
    mgr0: Regex,
    /// `[C]VC[V]`: m = 1 exactly.
    meq1: Regex,
    /// `[C]VCVC...`: m > 1.
    mgr1: Regex,
    /// the stem contains a vowel.
    has_vowel: Regex,
    /// the whole word is consonant-vowel-consonant, last not w, x or y (`*o` in the paper).
    cvc: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        // Same strings as `sub initialise` in ROUGE-1.5.5.pl.
        let c = "[^aeiou]";
        let v = "[aeiouy]";
        let cc = format!("{c}[^aeiouy]*");
        let vv = format!("{v}[aeiou]*");
        let compile = |s: String| Regex::new(&s).expect("static Porter pattern compiles");
        Patterns {
            mgr0: compile(format!("^({cc})?{vv}{cc}")),
            meq1: compile(format!("^({cc})?{vv}{cc}({vv})?$")),
            mgr1: compile(format!("^({cc})?{vv}{cc}{vv}{cc}")),
            has_vowel: compile(format!("^({cc})?{v}")),
            cvc: compile(format!("^{cc}{v}[^aeiouwxy]$")),
        }
    })
}

const STEP2: &[(&str, &str)] = &[
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
];

const STEP3: &[(&str, &str)] = &[
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
];

const STEP4: &[&str] = &[
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ou", "ism", "ate", "iti",
    "ous", "ive", "ize",
];

/// The longest of `suffixes` that ends `w`, with its index (perl's leftmost match of an
/// end-anchored alternation).
fn longest_suffix<'a, I>(w: &str, suffixes: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    suffixes
        .into_iter()
        .filter(|s| w.ends_with(s))
        .max_by_key(|s| s.len())
}

/// Stem one lowercase token as ROUGE-1.5.5's `stem` does.
pub fn stem(word: &str) -> String {
    // perl's `length` counts bytes here (ROUGE never decodes); tokens reaching the stemmer
    // are ASCII anyway, since the tokeniser keeps only [a-z0-9-].
    if word.len() < 3 {
        return word.to_string();
    }
    let p = patterns();
    let mut w = word.to_string();
    // Initial y is mapped to Y so that the patterns never treat it as a vowel.
    let initial_y = w.starts_with('y');
    if initial_y {
        w.replace_range(0..1, "Y");
    }

    // Step 1a
    if w.ends_with("sses") || w.ends_with("ies") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && w.len() >= 2 && w.as_bytes()[w.len() - 2] != b's' {
        w.truncate(w.len() - 1);
    }

    // Step 1b
    if let Some(stem) = w.strip_suffix("eed") {
        if p.mgr0.is_match(stem) {
            w.truncate(w.len() - 1);
        }
    } else if let Some(stem) = w.strip_suffix("ed").or_else(|| w.strip_suffix("ing")) {
        if p.has_vowel.is_match(stem) {
            w = stem.to_string();
            let b = w.as_bytes();
            let n = b.len();
            if w.ends_with("at") || w.ends_with("bl") || w.ends_with("iz") {
                w.push('e');
            } else if n >= 2 && b[n - 1] == b[n - 2] && !b"aeiouylsz".contains(&b[n - 1]) {
                // `/([^aeiouylsz])\1$/`: a double consonant other than l, s, z.
                w.truncate(n - 1);
            } else if p.cvc.is_match(&w) {
                w.push('e');
            }
        }
    }

    // Step 1c
    if let Some(stem) = w.strip_suffix('y') {
        if p.has_vowel.is_match(stem) {
            w = format!("{stem}i");
        }
    }

    // Step 2
    if let Some(suffix) = longest_suffix(&w, STEP2.iter().map(|(s, _)| *s)) {
        let stem = &w[..w.len() - suffix.len()];
        if p.mgr0.is_match(stem) {
            let to = STEP2.iter().find(|(s, _)| *s == suffix).map(|(_, t)| *t);
            w = format!("{stem}{}", to.unwrap_or_default());
        }
    }

    // Step 3
    if let Some(suffix) = longest_suffix(&w, STEP3.iter().map(|(s, _)| *s)) {
        let stem = &w[..w.len() - suffix.len()];
        if p.mgr0.is_match(stem) {
            let to = STEP3.iter().find(|(s, _)| *s == suffix).map(|(_, t)| *t);
            w = format!("{stem}{}", to.unwrap_or_default());
        }
    }

    // Step 4. Lin's 2004 change split the paper's single rule into three that run one
    // after another (`if`, `if`, `if/elsif`), so a word can lose two suffixes here (e.g.
    // after `-ement` fails its condition, `-ment` may still apply). Kept as ROUGE has it.
    if let Some(suffix) = longest_suffix(&w, STEP4.iter().copied()) {
        let stem = &w[..w.len() - suffix.len()];
        if p.mgr1.is_match(stem) {
            w = stem.to_string();
        }
    }
    if let Some(stem) = w.strip_suffix("ment") {
        if p.mgr1.is_match(stem) {
            w = stem.to_string();
        }
    }
    if let Some(stem) = w.strip_suffix("ent") {
        if p.mgr1.is_match(stem) {
            w = stem.to_string();
        }
    } else if w.ends_with("sion") || w.ends_with("tion") {
        // `/(s|t)(ion)$/`: the stem keeps the s or t.
        let stem = &w[..w.len() - 3];
        if p.mgr1.is_match(stem) {
            w = stem.to_string();
        }
    }

    // Step 5
    if let Some(stem) = w.strip_suffix('e') {
        if p.mgr1.is_match(stem) || (p.meq1.is_match(stem) && !p.cvc.is_match(stem)) {
            w = stem.to_string();
        }
    }
    if w.ends_with("ll") && p.mgr1.is_match(&w) {
        w.truncate(w.len() - 1);
    }

    if initial_y {
        w.replace_range(0..1, "y");
    }
    w
}

#[cfg(test)]
mod tests {
    use super::stem;

    /// Examples from Porter (1980), "An algorithm for suffix stripping", worked step by
    /// step; each line says which rule fires.
    #[test]
    fn paper_examples() {
        let cases = [
            // Step 1a: SSES -> SS, IES -> I, SS -> SS, S -> "".
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("caress", "caress"),
            ("cats", "cat"),
            // Step 1b: (m>0) EED -> EE; (*v*) ED, ING removed, then AT->ATE, BL->BLE,
            // IZ->IZE, double consonant -> single (not L, S, Z), (m=1 and *o) -> +E.
            ("feed", "feed"),
            ("agreed", "agre"), // agree, then step 5 drops the e (m(agr)=1, not *o)
            ("plastered", "plaster"),
            ("bled", "bled"),
            ("motoring", "motor"),
            ("sing", "sing"),
            ("conflated", "conflat"), // conflate, then step 5 (m>1) drops the e
            ("troubled", "troubl"),   // trouble, then step 5
            ("sized", "size"),        // siz + e (cvc), step 5 keeps it (m=1 and *o)
            ("hopping", "hop"),
            ("tanned", "tan"),
            ("falling", "fall"),
            ("hissing", "hiss"),
            ("fizzed", "fizz"),
            ("failing", "fail"),
            ("filing", "file"),
            // Step 1c: (*v*) Y -> I.
            ("happy", "happi"),
            ("sky", "sky"),
            // Step 2 (m>0).
            ("relational", "relat"),       // relate, then step 5
            ("conditional", "condit"),     // condition, then step 4 (-ion after t)
            ("valenci", "valenc"),         // valence, then step 5
            ("digitizer", "digit"),        // digitize, then step 4 -ize
            ("differentli", "differ"),     // different, then step 4 -ent
            ("vietnamization", "vietnam"), // vietnamize, then step 4 -ize
            ("operator", "oper"),          // operate, then step 4 -ate
            ("hopefulness", "hope"),       // hopeful, then step 3 -ful
            ("sensibiliti", "sensibl"),    // sensible, then step 5
            // Step 3 (m>0).
            ("triplicate", "triplic"),
            ("formative", "form"),
            ("formalize", "formal"),
            ("electriciti", "electr"), // electric, then step 4 -ic
            ("electrical", "electr"),
            ("goodness", "good"),
            // Step 4 (m>1).
            ("revival", "reviv"),
            ("allowance", "allow"),
            ("inference", "infer"),
            ("airliner", "airlin"),
            ("adjustable", "adjust"),
            ("irritant", "irrit"),
            ("replacement", "replac"),
            ("adjustment", "adjust"),
            ("dependent", "depend"),
            ("adoption", "adopt"),
            ("homologou", "homolog"),
            ("communism", "commun"),
            ("activate", "activ"),
            ("angulariti", "angular"),
            ("homologous", "homolog"),
            ("effective", "effect"),
            ("bowdlerize", "bowdler"),
            // Step 5a/5b.
            ("probate", "probat"),
            ("rate", "rate"),
            ("cease", "ceas"),
            ("controll", "control"),
            ("roll", "roll"),
            // Initial y is a consonant.
            ("yelling", "yell"),
        ];
        for (word, want) in cases {
            assert_eq!(stem(word), want, "stem({word})");
        }
    }

    /// Where ROUGE's perl differs from the 1980 paper, ROUGE wins.
    #[test]
    fn rouge_departures() {
        // `bli` -> `ble` (paper: `abli` -> `able`), then step 5 drops the e (m>1).
        assert_eq!(stem("possibli"), "possibl");
        // `logi` -> `log` is not in the paper at all.
        assert_eq!(stem("archaeologi"), "archaeolog");
        // Lin's step 4: `-ement` is tried first; for "cement" the stem "c" fails m>1,
        // then `-ment` (stem "ce") and `-ent` (stem "cem") fail too: unchanged.
        assert_eq!(stem("cement"), "cement");
        // Short words come back unchanged.
        assert_eq!(stem("is"), "is");
    }
}
