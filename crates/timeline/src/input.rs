//! What the timeline builder reads: articles cut into sentences, each sentence with the
//! dates it mentions. Built from stored [`Article`]s, or directly (the Timeline17 files
//! are already one sentence per line).

use storyline_model::{Article, ArticleId, PartialDate};

/// A date a sentence mentions, as the temporal tagger resolved it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub date: PartialDate,
    /// The end of a span ("late this year or in early 2019").
    pub until: Option<PartialDate>,
}

impl Mention {
    /// The date a timeline can honestly place this mention at: for a span, the smallest
    /// period holding both ends ("the first half of 2017" is 2017, not January 2017).
    pub fn covering(&self) -> PartialDate {
        let Some(until) = self.until else {
            return self.date;
        };
        let (start, end) = (self.date, until);
        if start.year_value() != end.year_value() {
            return start.truncate(storyline_model::Precision::Year);
        }
        if start.month_value().is_some() && start.month_value() == end.month_value() {
            start.truncate(storyline_model::Precision::Month)
        } else {
            start.truncate(storyline_model::Precision::Year)
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceSentence {
    pub text: String,
    pub mentions: Vec<Mention>,
}

/// One article as the timeline sees it. `published` is `None` for an undated article:
/// it is listed as undated and never placed.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceArticle {
    pub id: ArticleId,
    pub site: Option<String>,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    /// Body sentences in reading order (the title is not among them).
    pub sentences: Vec<SourceSentence>,
}

impl SourceArticle {
    /// Cut a stored article into sentences and hang each date mention on the sentence
    /// that holds it (mention offsets are chars into `Article::text`).
    pub fn from_article(article: &Article) -> SourceArticle {
        let text = article.text();
        let spans = sentence_spans(&text);
        let mut sentences: Vec<SourceSentence> = spans
            .iter()
            .map(|&(start, end)| SourceSentence {
                text: char_slice(&text, start, end).trim().to_string(),
                mentions: Vec::new(),
            })
            .collect();
        for mention in &article.mentioned_dates {
            if let Some(index) = spans
                .iter()
                .position(|&(start, end)| mention.start >= start && mention.start < end)
            {
                sentences[index].mentions.push(Mention {
                    date: mention.date,
                    until: mention.until,
                });
            }
        }
        sentences.retain(|s| !s.text.is_empty());
        let title = article.title.trim();
        SourceArticle {
            id: article.id.clone(),
            site: article.site.clone(),
            title: (!title.is_empty()).then(|| title.to_string()),
            published: article.published.date,
            sentences,
        }
    }
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "col", "lt",
    "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e", "a.m", "p.m",
];

/// Sentence boundaries as char offsets `[start, end)` over `text`.
///
/// Paragraph breaks always end a sentence. Inside a paragraph a sentence ends at `.`,
/// `!` or `?` (with closing quotes or brackets) followed by a space, or directly by a
/// capital letter after a lower-case word: machine translations and scraped pages
/// often lose the space ("...in 2020.Last month").
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' && chars.get(i + 1) == Some(&'\n') {
            push_span(&mut spans, &chars, start, i);
            while i < chars.len() && chars[i] == '\n' {
                i += 1;
            }
            start = i;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '。' | '！' | '？') {
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end], '"' | '\'' | '”' | '’' | ')' | ']')
            {
                end += 1;
            }
            if is_boundary(&chars, i, end) {
                push_span(&mut spans, &chars, start, end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push_span(&mut spans, &chars, start, chars.len());
    spans
}

fn push_span(spans: &mut Vec<(usize, usize)>, chars: &[char], start: usize, end: usize) {
    if chars[start..end].iter().any(|c| !c.is_whitespace()) {
        spans.push((start, end));
    }
}

fn is_boundary(chars: &[char], stop: usize, after: usize) -> bool {
    if matches!(chars[stop], '。' | '！' | '？') {
        return true;
    }
    let Some(&next) = chars.get(after) else {
        return true;
    };
    let word = word_before(chars, stop);
    if chars[stop] == '.' {
        let lower = word.to_lowercase();
        if ABBREVIATIONS.contains(&lower.as_str()) {
            return false;
        }
        // "J. Smith", "U.S.": a single letter before the stop is an initial.
        if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
            return false;
        }
    }
    if next.is_whitespace() {
        let following = chars[after..].iter().find(|c| !c.is_whitespace());
        return following.is_none_or(|c| {
            c.is_uppercase() || c.is_ascii_digit() || "\"'“‘([".contains(*c) || !c.is_alphabetic()
        });
    }
    // No space: only "word.Next" where the word is lower case (not "3.5", not "U.S.A").
    next.is_uppercase()
        && chars[stop] == '.'
        && word
            .chars()
            .last()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        && word.chars().count() > 1
}

fn word_before(chars: &[char], stop: usize) -> String {
    let mut start = stop;
    while start > 0 && (chars[start - 1].is_alphanumeric() || chars[start - 1] == '.') {
        start -= 1;
    }
    chars[start..stop].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        sentence_spans(text)
            .into_iter()
            .map(|(s, e)| char_slice(text, s, e).trim().to_string())
            .collect()
    }

    #[test]
    fn splits_on_stops_and_paragraphs() {
        assert_eq!(
            split("Mr. Wang spoke. The U.S. market waits!\n\nNew paragraph here"),
            vec![
                "Mr. Wang spoke.",
                "The U.S. market waits!",
                "New paragraph here"
            ]
        );
    }

    #[test]
    fn splits_where_a_translation_lost_the_space() {
        assert_eq!(
            split(
                "It enters Japan in 2020.Last month it opened an account. Shares rose 3.5 percent."
            ),
            vec![
                "It enters Japan in 2020.",
                "Last month it opened an account.",
                "Shares rose 3.5 percent."
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said \"we don't.\" Then he left."),
            vec!["He said \"we don't.\"", "Then he left."]
        );
    }
}
