//! Flattened text: a whole page as one or a few very long lines (a `get_text(" ")` dump, a
//! scraper that joined every text node with spaces, a corpus that stores bodies on one
//! line). With no line structure, menus, headline, article and footer are one "paragraph"
//! to the classifier, which can only keep or drop all of it. Cut into sentences, the
//! article's sentences stand apart from the menu runs and link lists around them.

/// Lines averaging more characters than this are not paragraphs but a flattened page: a
/// long news paragraph runs to about a thousand.
const MIN_MEAN_LINE_CHARS: usize = 2000;

/// The text with one sentence per line when it is flattened (see [`MIN_MEAN_LINE_CHARS`]),
/// else `None`.
pub(crate) fn sentence_lines(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let chars: usize = lines.iter().map(|l| l.chars().count()).sum();
    if lines.is_empty() || chars / lines.len() <= MIN_MEAN_LINE_CHARS {
        return None;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 50);
    for line in lines {
        split_sentences(line, &mut out);
        out.push('\n');
    }
    Some(out)
}

/// Append `line` to `out` with a line break after each sentence end: `.`, `!` or `?`
/// (and any closing quotes or brackets after it), then space, then a capital, a digit or
/// an opening quote.
fn split_sentences(line: &str, out: &mut String) {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        out.push(chars[i]);
        if matches!(chars[i], '.' | '!' | '?' | '。' | '！' | '？')
            && !after_abbreviation(&chars[..=i])
        {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j], '"' | '\'' | '”' | '’' | ')' | '»') {
                out.push(chars[j]);
                j += 1;
            }
            let space_end = chars[j..]
                .iter()
                .position(|c| !c.is_whitespace())
                .map_or(chars.len(), |k| j + k);
            let starts_sentence = space_end > j
                && chars.get(space_end).is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '«' | '(')
                });
            if starts_sentence {
                out.push('\n');
                i = space_end;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
}

/// Whether the full stop ending `before` closes an abbreviation or an initial ("Dr.",
/// "St.", "W.", "U.S.") rather than a sentence: a capitalised word of at most three
/// letters, or one with a full stop inside.
fn after_abbreviation(before: &[char]) -> bool {
    if before.last() != Some(&'.') {
        return false;
    }
    let word_start = before[..before.len() - 1]
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |k| k + 1);
    let word = &before[word_start..before.len() - 1];
    !word.is_empty()
        && word[0].is_uppercase()
        && (word.len() <= 3 || word.contains(&'.'))
        && word.iter().all(|c| c.is_alphabetic() || *c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flattened_page_is_cut_into_sentences() {
        let page = format!(
            "Home News Sport {} The council met on Tuesday. It agreed the budget! \"We are glad,\" she said. Prices rose 3.5 per cent in 2019.",
            "Menu item ".repeat(250)
        );
        let lines = sentence_lines(&page).expect("flattened");
        let lines: Vec<&str> = lines.lines().collect();
        assert!(lines[0].ends_with("The council met on Tuesday."));
        assert_eq!(lines[1], "It agreed the budget!");
        assert_eq!(lines[2], "\"We are glad,\" she said.");
        assert_eq!(lines[3], "Prices rose 3.5 per cent in 2019.");
        let dotted = sentence_lines(&format!(
            "{} Dr. Joneigh Khaldun of the U.S. Army spoke. Then.",
            "x ".repeat(1100)
        ))
        .expect("flattened");
        assert!(
            dotted.contains("Dr. Joneigh Khaldun of the U.S. Army spoke.\nThen."),
            "{dotted}"
        );
    }

    #[test]
    fn text_with_paragraph_lines_is_left_alone() {
        let text = "A first paragraph of ordinary length.\n\nA second one, also short.\n";
        assert_eq!(sentence_lines(text), None);
    }
}
