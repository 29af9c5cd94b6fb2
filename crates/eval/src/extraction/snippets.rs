//! The trafilatura evaluation-set metric (upstream `tests/eval_common.py`): whitespace
//! normalised snippets that must (`with`) or must not (`without`) occur in the extraction,
//! micro-averaged over pages.

/// Python's `str.isspace()`: Rust's whitespace plus the four information separators.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Collapse every whitespace run to one space and trim both ends.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_python_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Confusion counts, per page or summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SnippetCounts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub tn: usize,
}

impl SnippetCounts {
    pub fn add(&mut self, other: SnippetCounts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
        self.tn += other.tn;
    }

    fn ratio(numerator: usize, denominator: usize) -> f64 {
        if denominator == 0 {
            0.0
        } else {
            numerator as f64 / denominator as f64
        }
    }

    pub fn precision(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fn_)
    }

    pub fn accuracy(&self) -> f64 {
        Self::ratio(self.tp + self.tn, self.tp + self.fp + self.fn_ + self.tn)
    }

    pub fn f1(&self) -> f64 {
        Self::ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

/// Score one page. `None` means the extractor returned nothing: no snippet is found.
pub fn score_page(extraction: Option<&str>, with: &[String], without: &[String]) -> SnippetCounts {
    let Some(text) = extraction else {
        return SnippetCounts {
            fn_: with.len(),
            tn: without.len(),
            ..SnippetCounts::default()
        };
    };
    let text = normalise(text);
    let found = |snippet: &String| text.contains(normalise(snippet).as_str());
    let tp = with.iter().filter(|s| found(s)).count();
    let fp = without.iter().filter(|s| found(s)).count();
    SnippetCounts {
        tp,
        fp,
        fn_: with.len() - tp,
        tn: without.len() - fp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn snippets_match_across_whitespace_differences() {
        let counts = score_page(
            Some("The  main\ntext\u{a0}here.\u{1f}End"),
            &strings(&["main text here.", "missing"]),
            &strings(&["here. End", "Menu"]),
        );
        assert_eq!(
            counts,
            SnippetCounts {
                tp: 1,
                fp: 1,
                fn_: 1,
                tn: 1
            }
        );
        assert!((counts.f1() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn no_extraction_finds_nothing() {
        let counts = score_page(None, &strings(&["a"]), &strings(&["b", "c"]));
        assert_eq!(
            counts,
            SnippetCounts {
                tp: 0,
                fp: 0,
                fn_: 1,
                tn: 2
            }
        );
    }
}
