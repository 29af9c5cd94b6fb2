//! Words the date rules look up: month names in several languages for parsing stated
//! dates, and the English tagger vocabulary. Adding a language means adding rows here,
//! not code: the regexes are built from these tables.

/// Month names and abbreviations (lowercase, without a trailing dot) with their number.
/// Used for stated dates ("29 May 2015", "5. März 2020", "16 nov 2022") in any language.
pub const MONTH_NAMES: &[(&str, u32)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("okt", 10),
    ("dez", 12),
    ("mär", 3),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("janv", 1),
    ("févr", 2),
    ("avr", 4),
    ("juil", 7),
    ("déc", 12),
    // Spanish, Italian, Portuguese
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("gen", 1),
    ("mag", 5),
    ("giu", 6),
    ("lug", 7),
    ("ago", 8),
    ("set", 9),
    ("ott", 10),
    ("dic", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    ("oktober", 10),
    // Russian, in the genitive that dates use ("15 августа 2016")
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
];

/// The number of a month name or abbreviation (any case, trailing dot allowed).
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTH_NAMES
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, n)| n)
}

/// A regex alternation of every month name, longest first so "june" wins over "jun".
pub fn month_alternation(names: &[(&str, u32)]) -> String {
    let mut words: Vec<&str> = names.iter().map(|(w, _)| *w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

/// The vocabulary of one language for the temporal tagger.
pub struct TaggerVocabulary {
    /// Full month names and the abbreviations safe to read as months in running text.
    pub months: &'static [(&'static str, u32)],
    /// Weekday names, Monday = 0.
    pub weekdays: &'static [(&'static str, u32)],
    /// Ordinals and cardinals naming quarters and halves ("third" → 3).
    pub ordinals: &'static [(&'static str, u32)],
    /// Small counts in words ("four years ago").
    pub numbers: &'static [(&'static str, u32)],
    /// Deictic determiners and their offset from the anchor period ("last year" → -1).
    pub deictics: &'static [(&'static str, i32)],
    /// Fuzzy part-of-year modifiers and the month range they cover ("late" → 9..=12).
    pub year_parts: &'static [(&'static str, (u32, u32))],
    /// Prepositions that make a bare four-digit number a year ("in 2020").
    pub year_prepositions: &'static [&'static str],
    /// Words for the unit nouns: year, month, week, day, decade, quarter, half.
    pub units: &'static [(&'static str, Unit)],
    /// Single words naming a day relative to the anchor ("yesterday" → -1).
    pub day_words: &'static [(&'static str, i32)],
    /// The word that makes a count point backwards ("four years ago").
    pub ago: &'static str,
}

/// Calendar units the tagger counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
}

pub const ENGLISH: TaggerVocabulary = TaggerVocabulary {
    months: &[
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
    weekdays: &[
        ("monday", 0),
        ("tuesday", 1),
        ("wednesday", 2),
        ("thursday", 3),
        ("friday", 4),
        ("saturday", 5),
        ("sunday", 6),
    ],
    ordinals: &[
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("4th", 4),
    ],
    numbers: &[
        ("a", 1),
        ("an", 1),
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("a few", 3),
        ("several", 3),
    ],
    deictics: &[
        ("this", 0),
        ("last", -1),
        ("next", 1),
        ("the current", 0),
        ("the past", -1),
        ("the previous", -1),
        ("the coming", 1),
        ("the following", 1),
    ],
    year_parts: &[
        ("early", (1, 4)),
        ("the beginning of", (1, 3)),
        ("the start of", (1, 3)),
        ("mid", (5, 8)),
        ("the middle of", (5, 8)),
        ("late", (9, 12)),
        ("the end of", (10, 12)),
    ],
    year_prepositions: &[
        "in",
        "since",
        "by",
        "until",
        "till",
        "before",
        "after",
        "from",
        "during",
        "of",
        "through",
        "to",
        "around",
        "circa",
        "for",
        "between",
        "and",
        "early",
        "late",
        "mid",
        "throughout",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
    ],
    units: &[
        ("years", Unit::Year),
        ("year", Unit::Year),
        ("months", Unit::Month),
        ("month", Unit::Month),
        ("weeks", Unit::Week),
        ("week", Unit::Week),
        ("days", Unit::Day),
        ("day", Unit::Day),
        ("decades", Unit::Decade),
        ("decade", Unit::Decade),
        ("quarters", Unit::Quarter),
        ("quarter", Unit::Quarter),
        ("half", Unit::Half),
    ],
    day_words: &[("yesterday", -1), ("today", 0), ("tomorrow", 1)],
    ago: "ago",
};

/// Look a word up in a (word, value) table, ignoring case.
pub fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    let word = word.trim_end_matches('.').to_lowercase();
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

/// A regex alternation of the words of a table, longest first.
pub fn alternation<T>(table: &[(&str, T)]) -> String {
    let mut words: Vec<&str> = table.iter().map(|(w, _)| *w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}
