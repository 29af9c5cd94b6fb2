//! Tokenizers: words for alphabetic scripts, overlapping character bigrams for Chinese,
//! Japanese and Korean runs, jieba words for Chinese.
//!
//! Bigrams are the classic answer for Japanese and Korean when no morphological
//! dictionary is at hand (lindera cannot be had here): a query's bigrams must occur
//! contiguously (the query parser turns them into a phrase), which finds words without
//! knowing where they end. Chinese articles are also indexed with jieba, whose words rank
//! better than bigrams.

use tantivy::tokenizer::{
    LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer, TextAnalyzer, Token, TokenStream,
    Tokenizer, TokenizerManager,
};

/// Words and CJK bigrams, lowercased, English-stemmed: title and body of every article.
pub const TEXT: &str = "storyline_text";
/// jieba words, lowercased: the Chinese copies of title and body.
pub const CHINESE: &str = "storyline_zh";
/// The whole value as one lowercased term: site and language.
pub const KEYWORD: &str = "storyline_keyword";

/// Tokens longer than this (bytes) are dropped: base64 blobs and URLs in bodies only
/// bloat the term dictionary.
pub(crate) const MAX_TOKEN_BYTES: usize = 60;

pub(crate) fn register(manager: &TokenizerManager) {
    manager.register(
        TEXT,
        TextAnalyzer::builder(CjkBigramTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(Stemmer::default())
            .build(),
    );
    manager.register(
        CHINESE,
        TextAnalyzer::builder(ChineseTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .build(),
    );
    manager.register(
        KEYWORD,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// True for the characters written without spaces between words: Han, kana, Hangul.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF    // Katakana phonetic extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width Katakana
        | 0x1100..=0x11FF    // Hangul Jamo
        | 0x3130..=0x318F    // Hangul compatibility Jamo
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0x20000..=0x2EBEF  // CJK extensions B-F
    )
}

/// Splits on anything not alphanumeric, like tantivy's `SimpleTokenizer`, except that a
/// run of CJK characters becomes its overlapping bigrams ("東京都" → "東京", "京都"); a
/// lone CJK character is a token of its own.
#[derive(Clone, Default)]
pub struct CjkBigramTokenizer {
    tokens: Vec<Token>,
}

pub struct VecTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl Tokenizer for CjkBigramTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.tokens.clear();
        split(text, &mut self.tokens);
        VecTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

impl TokenStream for VecTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// jieba's words (search mode: long words also give their parts), without the
/// whitespace and punctuation tokens jieba emits between them.
#[derive(Clone, Default)]
pub struct ChineseTokenizer {
    jieba: tantivy_jieba::JiebaTokenizer,
    tokens: Vec<Token>,
}

impl Tokenizer for ChineseTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        self.tokens.clear();
        let mut words = self.jieba.token_stream(text);
        while words.advance() {
            let token = words.token();
            if token.text.chars().any(char::is_alphanumeric) {
                self.tokens.push(token.clone());
            }
        }
        VecTokenStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

#[derive(PartialEq, Clone, Copy)]
enum Class {
    Word,
    Cjk,
    Other,
}

fn class_of(c: char) -> Class {
    // ASCII first: most text is ASCII, and no ASCII character is CJK.
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Other
        }
    } else if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Other
    }
}

fn split(text: &str, out: &mut Vec<Token>) {
    spans(text, |from, to| {
        let position = out.len();
        out.push(Token {
            offset_from: from,
            offset_to: to,
            position,
            text: text[from..to].to_string(),
            position_length: 1,
        });
    });
}

/// The byte ranges of the [`TEXT`] analyzer's tokens before any filter, in order,
/// without allocating: the snippet maker walks whole bodies and looks closer at few.
pub(crate) fn spans(text: &str, mut emit: impl FnMut(usize, usize)) {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match class_of(c) {
            Class::Other => {}
            Class::Word => {
                let mut end = start + c.len_utf8();
                while let Some(&(i, next)) = chars.peek() {
                    if class_of(next) != Class::Word {
                        break;
                    }
                    end = i + next.len_utf8();
                    chars.next();
                }
                emit(start, end);
            }
            Class::Cjk => {
                // Byte offsets of each character of the run, plus the run's end.
                let mut bounds = vec![start];
                let mut end = start + c.len_utf8();
                while let Some(&(i, next)) = chars.peek() {
                    if class_of(next) != Class::Cjk {
                        break;
                    }
                    bounds.push(i);
                    end = i + next.len_utf8();
                    chars.next();
                }
                bounds.push(end);
                if bounds.len() == 2 {
                    emit(start, end);
                } else {
                    for pair in bounds.windows(3) {
                        emit(pair[0], pair[2]);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let mut tokenizer = CjkBigramTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let token = stream.token();
            assert_eq!(&text[token.offset_from..token.offset_to], token.text);
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn words_and_bigrams_with_offsets() {
        assert_eq!(texts("Hello, world!"), ["Hello", "world"]);
        assert_eq!(
            texts("東京都に行く"),
            ["東京", "京都", "都に", "に行", "行く"]
        );
        assert_eq!(texts("Tokyo東京 2019年"), ["Tokyo", "東京", "2019", "年"]);
        assert_eq!(texts("서울 시장"), ["서울", "시장"]);
        assert_eq!(texts(""), Vec::<String>::new());
    }

    #[test]
    fn positions_follow_each_other() {
        let mut tokenizer = CjkBigramTokenizer::default();
        let mut stream = tokenizer.token_stream("a 東京都 b");
        let mut positions = Vec::new();
        while stream.advance() {
            positions.push(stream.token().position);
        }
        assert_eq!(positions, [0, 1, 2, 3]);
    }
}
