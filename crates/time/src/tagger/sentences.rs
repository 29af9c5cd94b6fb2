//! Char offsets and sentence boundaries for mentions.

/// Byte offset → char offset for one text.
pub struct CharOffsets {
    /// Byte offset of each char, plus the text length at the end.
    starts: Vec<usize>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        Self { starts }
    }

    /// The char index of a byte offset (a char boundary).
    pub fn char_at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
}

/// Abbreviations whose dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "no", "inc", "corp", "co", "u.s", "e.g", "i.e",
];

fn ends_sentence(text: &str, dot: usize, mark: char) -> bool {
    let after = text[dot + mark.len_utf8()..].chars().next();
    let boundary = match after {
        None => true,
        Some(c) => c.is_whitespace() || c.is_uppercase() || c == '"' || c == '“',
    };
    if !boundary || mark != '.' {
        return boundary;
    }
    let word = text[..dot]
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    !(ABBREVIATIONS.contains(&word.as_str()) || word.chars().count() == 1)
}

/// The sentence holding bytes `start..end`: from after the previous sentence end (or
/// line break) to the next one.
pub fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let is_end = |i: usize, c: char| {
        c == '\n' || (matches!(c, '.' | '!' | '?' | '。') && ends_sentence(text, i, c))
    };
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .char_indices()
        .find(|&(i, c)| is_end(end + i, c))
        .map_or(text.len(), |(i, c)| end + i + c.len_utf8());
    text[from..to].trim()
}
