//! Features of one text unit (a paragraph or a line) that tell prose from boilerplate
//! without knowing the site: length, function-word density, sentence punctuation, link
//! density, title-case ratio and "Label: 123" metadata patterns.

use super::stopwords::is_stop_word;

/// Measurements of one unit of text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Features {
    pub words: usize,
    pub chars: usize,
    /// Share of words that are function words (0..=1).
    pub stop_density: f64,
    /// The text ends a sentence (`.`, `!`, `?`, also before closing quotes or brackets).
    pub ends_sentence: bool,
    /// Share of words longer than three letters that start upper case (headlines, names, menus).
    pub title_case_ratio: f64,
    /// Number of `Label: 123`-style fields ("Posts: 705; Member since: Nov 24, 2013").
    pub label_fields: usize,
    /// Share of CJK characters among letters: such text has no spaces between words.
    pub cjk_ratio: f64,
}

impl Features {
    /// Length in "word equivalents": CJK text has no spaces, so two CJK characters count as a word.
    pub fn effective_words(&self) -> usize {
        if self.cjk_ratio > 0.5 {
            self.chars / 2
        } else {
            self.words
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Whether text ends like a sentence, looking past closing quotes and brackets.
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*', '_'])
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？'))
}

pub(crate) fn measure(text: &str) -> Features {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower_words: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let stops = lower_words.iter().filter(|w| is_stop_word(w)).count();
    let long_words: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    let capitalised = long_words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(|c| c.is_uppercase())
        })
        .count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    Features {
        words: words.len(),
        chars: text.chars().count(),
        stop_density: ratio(stops, lower_words.len()),
        ends_sentence: ends_sentence(text),
        title_case_ratio: ratio(capitalised, long_words.len()),
        label_fields: count_label_fields(text),
        cjk_ratio: ratio(cjk, letters),
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Counts `Word: <digit...>` and `Word since: ...` fields: forum and profile metadata, spec
/// sheets and score boxes are made of them, prose rarely has two.
fn count_label_fields(text: &str) -> usize {
    let mut count = 0;
    let bytes: Vec<char> = text.chars().collect();
    for (i, &c) in bytes.iter().enumerate() {
        if c != ':' || i == 0 || !bytes[i - 1].is_alphabetic() {
            continue;
        }
        let rest: String = bytes[i + 1..].iter().take(4).collect();
        if rest
            .trim_start()
            .starts_with(|ch: char| ch.is_ascii_digit() || ch.is_uppercase())
        {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_has_many_function_words_menus_few() {
        let prose = measure("The company said that it would not sell phones in the US this year.");
        let menu = measure("Home World Business Tech Markets Opinion Video");
        assert!(prose.stop_density > 0.4, "{prose:?}");
        assert!(menu.stop_density < 0.1, "{menu:?}");
        assert!(prose.ends_sentence && !menu.ends_sentence);
        assert!(menu.title_case_ratio > 0.9);
    }

    #[test]
    fn sentence_end_is_seen_through_closing_quotes() {
        assert!(ends_sentence("He said: “We don’t.”"));
        assert!(ends_sentence("(See the full report.)"));
        assert!(!ends_sentence("Smartphones on display in Barcelona, Spain"));
    }

    #[test]
    fn profile_metadata_has_label_fields() {
        assert_eq!(
            measure("Posts: 705; Member since: Nov 24, 2013").label_fields,
            2
        );
        assert_eq!(measure("He said the plan was simple.").label_fields, 0);
    }

    #[test]
    fn cjk_text_counts_characters_as_words() {
        let f = measure("小米将于2020年进入日本市场，雷军也有全球野心。");
        assert!(f.cjk_ratio > 0.5);
        assert!(f.effective_words() > f.words);
    }
}
