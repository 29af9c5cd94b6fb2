//! Snippets: the passage of a hit's body around the query's words, as escaped HTML.
//!
//! Only the hits of the returned page get one, and each walks the hit's whole body, so
//! this was most of a query's time. For the word analyzer (every article's `body`) the
//! passage is chosen exactly as tantivy's `SnippetGenerator` chooses it (same tokens,
//! same fragments, same scores, same tie-break: a test compares the two), but a token
//! is lowercased and stemmed only when its first letter starts one of the query's
//! terms. English stemming (Porter2) rewrites only the end of a word and leaves words
//! under three letters alone, so a stem starts with its word's first letter: the
//! skipped tokens could not have matched. jieba (`body_zh`) runs only for Chinese hits,
//! the only articles that have a `body_zh`.

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, TantivyError};

use crate::query::escape_html;
use crate::tokenize;

/// Snippet length: tantivy's measure, which counts bytes (UTF-8), not characters.
pub(crate) const SNIPPET_CHARS: usize = 220;

/// A passage of a body and the byte ranges (within it) of the matched words.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Passage {
    pub text: String,
    pub highlighted: Vec<Range<usize>>,
}

/// The snippet makers of one query; the best-highlighted passage wins.
pub(crate) struct Snippets<'a> {
    searcher: &'a Searcher,
    query: &'a dyn Query,
    words: Option<WordSnippets>,
    chinese: Option<Field>,
    jieba: OnceCell<SnippetGenerator>,
}

impl<'a> Snippets<'a> {
    pub(crate) fn new(
        searcher: &'a Searcher,
        query: &'a dyn Query,
        body: Field,
        body_zh: Field,
    ) -> Result<Self, TantivyError> {
        let mut queried = Vec::new();
        query.query_terms(&mut |term, _| queried.push(term.field()));
        let words = if queried.contains(&body) {
            Some(WordSnippets::new(searcher, query, body)?)
        } else {
            None
        };
        Ok(Snippets {
            searcher,
            query,
            words,
            chinese: queried.contains(&body_zh).then_some(body_zh),
            jieba: OnceCell::new(),
        })
    }

    /// The snippet of one hit: the passage with the most highlighted words (jieba's
    /// on a tie, as before), or the body's opening when no query word is in the body.
    pub(crate) fn html(&self, body: &str, chinese: bool) -> Result<String, TantivyError> {
        let mut best: Option<Passage> = self.words.as_ref().map(|w| w.passage(body));
        if let (true, Some(field)) = (chinese, self.chinese) {
            let passage = self.jieba(field)?.snippet(body);
            let passage = Passage {
                text: passage.fragment().to_string(),
                highlighted: passage.highlighted().to_vec(),
            };
            if best
                .as_ref()
                .is_none_or(|b| passage.highlighted.len() >= b.highlighted.len())
            {
                best = Some(passage);
            }
        }
        Ok(match best {
            Some(passage) if !passage.highlighted.is_empty() => to_html(&passage),
            // No word of the query is in the body (a title match, or no words): the
            // body's opening instead.
            _ => escape_html(&opening(body, SNIPPET_CHARS)),
        })
    }

    fn jieba(&self, field: Field) -> Result<&SnippetGenerator, TantivyError> {
        if let Some(generator) = self.jieba.get() {
            return Ok(generator);
        }
        let mut generator = SnippetGenerator::create(self.searcher, self.query, field)?;
        generator.set_max_num_chars(SNIPPET_CHARS);
        Ok(self.jieba.get_or_init(|| generator))
    }
}

/// Passages over the word analyzer's tokens (see the module comment).
struct WordSnippets {
    /// The query's terms in this field that occur in the index, each weighed by its
    /// rarity (`1 / (1 + doc freq)`), as tantivy weighs them.
    terms: Vec<(String, f32)>,
    first_letters: Vec<char>,
    /// The field's own analyzer, run on one token at a time.
    analyzer: TextAnalyzer,
}

impl WordSnippets {
    fn new(searcher: &Searcher, query: &dyn Query, field: Field) -> Result<Self, TantivyError> {
        let mut terms = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                terms.insert(term.clone());
            }
        });
        let mut weighed = Vec::with_capacity(terms.len());
        for term in &terms {
            let value = term.value();
            let Some(text) = value.as_str() else { continue };
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 {
                weighed.push((text.to_string(), 1.0 / (1.0 + doc_freq as f32)));
            }
        }
        let mut first_letters: Vec<char> = weighed
            .iter()
            .filter_map(|(t, _)| t.chars().next())
            .collect();
        first_letters.sort_unstable();
        first_letters.dedup();
        Ok(WordSnippets {
            terms: weighed,
            first_letters,
            analyzer: searcher.index().tokenizer_for_field(field)?,
        })
    }

    /// The best passage of `text`: cut into fragments of at most [`SNIPPET_CHARS`]
    /// bytes at token starts, each scored by the weights of the terms it holds; the
    /// best score wins, the earliest on a tie. Empty when no term is in the text.
    fn passage(&self, text: &str) -> Passage {
        #[derive(Default)]
        struct Fragment {
            score: f32,
            start: usize,
            stop: usize,
            highlighted: Vec<Range<usize>>,
        }
        let mut analyzer = self.analyzer.clone();
        let mut best: Option<Fragment> = None;
        let mut fragment = Fragment::default();
        let mut close = |fragment: Fragment| {
            if fragment.score > 0.0 && best.as_ref().is_none_or(|b| fragment.score > b.score) {
                best = Some(fragment);
            }
        };
        tokenize::spans(text, |from, to| {
            // The analyzer drops long tokens before anything sees them.
            if to - from >= tokenize::MAX_TOKEN_BYTES {
                return;
            }
            if to - fragment.start > SNIPPET_CHARS {
                close(std::mem::replace(
                    &mut fragment,
                    Fragment {
                        start: from,
                        stop: from,
                        ..Fragment::default()
                    },
                ));
            }
            fragment.stop = to;
            let word = &text[from..to];
            let first = word.chars().next().and_then(|c| c.to_lowercase().next());
            if first.is_none_or(|c| self.first_letters.binary_search(&c).is_err()) {
                return;
            }
            let mut stream = analyzer.token_stream(word);
            if !stream.advance() {
                return;
            }
            let term = stream.token().text.to_lowercase();
            if let Some((_, weight)) = self.terms.iter().find(|(t, _)| *t == term) {
                fragment.score += weight;
                fragment.highlighted.push(from..to);
            }
        });
        close(fragment);
        match best {
            None => Passage::default(),
            Some(best) => Passage {
                text: text[best.start..best.stop].to_string(),
                highlighted: best
                    .highlighted
                    .iter()
                    .map(|r| r.start - best.start..r.end - best.start)
                    .collect(),
            },
        }
    }
}

/// The passage as HTML: every piece of text escaped, the highlights wrapped in `<b>`.
/// Written here rather than `Snippet::to_html` so that the escaping covers quotes too
/// and stays ours to test.
fn to_html(passage: &Passage) -> String {
    let fragment = passage.text.as_str();
    let mut ranges = passage.highlighted.clone();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut html = String::with_capacity(fragment.len() + 16);
    let mut at = 0;
    for range in ranges {
        let start = range.start.max(at);
        if start >= range.end || range.end > fragment.len() {
            continue;
        }
        html.push_str(&escape_html(&fragment[at..start]));
        html.push_str("<b>");
        html.push_str(&escape_html(&fragment[start..range.end]));
        html.push_str("</b>");
        at = range.end;
    }
    html.push_str(&escape_html(&fragment[at..]));
    html
}

/// At most `chars` characters from the start of `text`, cut at a word boundary when
/// one is near, with an ellipsis when cut.
fn opening(text: &str, chars: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(chars) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = match head.rfind(char::is_whitespace) {
                Some(space) if space > cut / 2 => &head[..space],
                _ => head,
            };
            format!("{}…", head.trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::QueryParser;
    use tantivy::{doc, Index};

    #[test]
    fn opening_cuts_at_a_word() {
        assert_eq!(opening("short", 10), "short");
        assert_eq!(opening("one two three four", 10), "one two…");
    }

    /// Our passages are tantivy's `SnippetGenerator` passages, over bodies with long
    /// and short fragments, words whose stems change their ends (skies, dying, rates),
    /// capitals, non-ASCII and CJK text, and over-long tokens.
    #[test]
    fn passages_match_tantivys_snippet_generator() {
        let (schema, fields) = crate::schema::build();
        let index = Index::create_in_ram(schema);
        tokenize::register(index.tokenizers());
        let filler = "The committee met again on Tuesday and said nothing new about it. ";
        let long_token = "x".repeat(80);
        let bodies = [
            format!(
                "{}Interest RATES rose. {}Rates fell, rating agencies said.",
                filler.repeat(3),
                filler
            ),
            format!(
                "Skies darkened over the skiing resort; the sky was dying. {}",
                filler.repeat(5)
            ),
            format!(
                "{}Ölpreise und Öl: ÖL. İstanbul banks {} bank banking.",
                filler, long_token
            ),
            format!(
                "東京都の銀行 bank {} 東京 rates {}",
                filler.repeat(4),
                filler
            ),
            "Nothing here matches at all.".to_string(),
            format!(
                "{}{}",
                filler.repeat(8),
                "Finally the banks raised interest rates, banks said."
            ),
        ];
        let mut writer = index.writer_with_num_threads(1, 20_000_000).unwrap();
        for body in &bodies {
            writer
                .add_document(doc!(fields.body => body.as_str()))
                .unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let parser = QueryParser::for_index(&index, vec![fields.body]);
        let queries = [
            "rates",
            "interest rates",
            "\"interest rates\"",
            "sky dying",
            "öl istanbul",
            "bank OR 東京",
            "committee tuesday",
            "nothing",
        ];
        let mut highlighted = 0;
        for text in queries {
            let query = parser.parse_query(text).unwrap();
            let ours = WordSnippets::new(&searcher, &*query, fields.body).unwrap();
            let mut theirs = SnippetGenerator::create(&searcher, &*query, fields.body).unwrap();
            theirs.set_max_num_chars(SNIPPET_CHARS);
            for body in &bodies {
                let expected = theirs.snippet(body);
                let got = ours.passage(body);
                assert_eq!(got.text, expected.fragment(), "{text:?} over {body:?}");
                assert_eq!(
                    got.highlighted,
                    expected.highlighted(),
                    "{text:?} over {body:?}"
                );
                highlighted += got.highlighted.len();
            }
        }
        // The comparison is not vacuous: most pairs highlight something.
        assert!(highlighted > 30, "only {highlighted} highlights");
    }
}
