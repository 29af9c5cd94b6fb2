//! Paragraph normalisation shared by the text cleaner and the record mapper: HTML entities
//! that leaked into text, runs of whitespace, and hard-wrapped lines.

/// Decode HTML entities (`&amp;`, `&#8217;`, `&nbsp;`) that leak into text exports,
/// then collapse every run of whitespace to one space and trim.
pub(crate) fn clean_paragraph(text: &str) -> String {
    let decoded = if text.contains('&') {
        html_escape::decode_html_entities(text).into_owned()
    } else {
        text.to_string()
    };
    collapse_whitespace(&decoded)
}

/// One space between words, none at the ends.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines wider than this are not a fixed-width wrap (terminals and mailers wrap at 60..=80).
const MAX_WRAP_WIDTH: usize = 100;
/// A wrapped line fills at least this share of the widest line of its block.
const WRAP_FILL: f64 = 0.7;

/// Whether a run of lines reads as one paragraph wrapped at a fixed width (newswire copy,
/// e-mail, `fmt` output) rather than one paragraph per line: every line but the last is
/// nearly as wide as the widest, and the widest stays within a wrap width.
pub(crate) fn looks_hard_wrapped(lines: &[&str]) -> bool {
    if lines.len() < 2 {
        return false;
    }
    let widths: Vec<usize> = lines.iter().map(|l| l.trim_end().chars().count()).collect();
    let widest = widths.iter().copied().max().unwrap_or(0);
    if !(30..=MAX_WRAP_WIDTH).contains(&widest) {
        return false;
    }
    let body = &widths[..widths.len() - 1];
    let filled = body
        .iter()
        .filter(|&&w| w as f64 >= WRAP_FILL * widest as f64)
        .count();
    filled as f64 >= 0.8 * body.len() as f64
}

/// Whether `next` continues the sentence `prev` was cut in (a soft wrap): `prev` does not
/// end a sentence and `next` starts in lower case.
pub(crate) fn continues_sentence(prev: &str, next: &str) -> bool {
    let prev = prev.trim_end();
    let ends = prev
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '”' | '。' | '！' | '？'));
    let next_lower = next
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase());
    !ends && next_lower && prev.chars().count() >= 30
}

/// Split a record body into paragraphs: blank lines always separate; inside a block,
/// indented lines start a new paragraph (newswire style), hard-wrapped lines are joined,
/// otherwise each line is its own paragraph.
pub(crate) fn split_paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs = Vec::new();
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.is_empty() {
            continue;
        }
        let indented = lines[1..]
            .iter()
            .filter(|l| l.starts_with("  ") || l.starts_with('\t'))
            .count();
        let mut current: Vec<&str> = Vec::new();
        let flush = |current: &mut Vec<&str>, out: &mut Vec<String>| {
            let joined = clean_paragraph(&current.join(" "));
            if !joined.is_empty() {
                out.push(joined);
            }
            current.clear();
        };
        if indented > 0 {
            for line in &lines {
                if (line.starts_with("  ") || line.starts_with('\t')) && !current.is_empty() {
                    flush(&mut current, &mut paragraphs);
                }
                current.push(line);
            }
        } else if looks_hard_wrapped(&lines) {
            current.extend(lines.iter());
        } else {
            for (i, line) in lines.iter().enumerate() {
                if i > 0 && !continues_sentence(lines[i - 1], line) {
                    flush(&mut current, &mut paragraphs);
                }
                current.push(line);
            }
        }
        flush(&mut current, &mut paragraphs);
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_whitespace_are_cleaned() {
        assert_eq!(
            clean_paragraph("  AT&amp;T\u{a0} and  Verizon&#8217;s\tplans "),
            "AT&T and Verizon\u{2019}s plans"
        );
    }

    #[test]
    fn newswire_paragraphs_split_on_indentation_and_join_wraps() {
        let body = "Showers continued throughout the week in\nthe Bahia cocoa zone, said the review.\n    The dry period means the temporao will be\nlate this year.";
        assert_eq!(
            split_paragraphs(body),
            vec![
                "Showers continued throughout the week in the Bahia cocoa zone, said the review.",
                "The dry period means the temporao will be late this year."
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line_stays_split() {
        let body = "China opposes the launch.\nXinhua | Updated: 2017-09-15 17:52\nBEIJING -- China on Friday said it opposes launches.";
        assert_eq!(split_paragraphs(body).len(), 3);
    }

    #[test]
    fn wrap_detection_needs_even_widths() {
        let wrapped = [
            "Showers continued throughout the week in",
            "the Bahia cocoa zone, alleviating the dr",
            "end.",
        ];
        assert!(looks_hard_wrapped(&wrapped));
        assert!(!looks_hard_wrapped(&[
            "Short title",
            "A much longer line of text that goes on and on"
        ]));
    }
}
