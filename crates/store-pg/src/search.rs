//! Full-text search on PostgreSQL, with the tantivy index's interface: the same
//! [`SearchQuery`] in, the same [`SearchResults`] (hits, total, facets) out, so the CLI,
//! the server and their JSON shapes do not care which backend answered.
//!
//! How the query text maps (tantivy's syntax, see `SearchQuery`):
//! - words (all required), `"phrases"`, `OR`, `-word`: PostgreSQL's
//!   `websearch_to_tsquery`, which reads the same syntax; `AND` is dropped (it is the
//!   default) and `NOT word` becomes `-word`.
//! - `site:`, `lang:`, `event:`, `storyline:` terms: the filters of the same name.
//! - `title:word` / `body:word` (or `title:"a phrase"`): the words restricted to the
//!   title (weight A) or the body (weight B); `-title:word` excludes.
//!
//! Differences from tantivy, by design or not yet done: parentheses do not group (they
//! are ignored), a field term is always required (or excluded), never one side of an OR;
//! scores are `ts_rank` (title weight twice the body's, as tantivy's title boost), not
//! BM25, so their scale differs; Chinese, Japanese and Korean text is indexed with the
//! `simple` configuration, which keeps a run of CJK characters as one word (tantivy
//! splits it with jieba and bigrams), so a word inside such a run is not found;
//! `ts_headline` leaves out of a snippet any text that looks like an HTML tag; the
//! language configurations drop stop words ("the", "und"), so a query of stop words only
//! matches nothing here where tantivy, which keeps them, matches.
//!
//! The query's language is unknown and each article is indexed in its own language's
//! configuration, so the query is parsed once per configuration in use in the store
//! (read by a skip scan over the `lang` index) and the parses are OR-ed together.

use postgres::types::ToSql;
use storyline_search::{
    escape_html, FacetCount, Facets, SearchHit, SearchQuery, SearchResults, DEFAULT_LIMIT,
    MAX_LIMIT,
};
use storyline_store::StoreError;

use crate::error::PgContext;
use crate::PgStore;

/// Snippet highlight markers handed to `ts_headline` (private-use characters, which
/// news text does not contain); the snippet is escaped first, then they become `<b>`.
const START: char = '\u{E000}';
const STOP: char = '\u{E001}';
/// Snippet length for a query without words (the body's opening), as tantivy's.
const OPENING_CHARS: usize = 220;
/// Values listed per facet, as the tantivy index lists.
const FACET_VALUES: usize = 20;

/// The query text split into what PostgreSQL's parsers and the filters take.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    /// For `websearch_to_tsquery`.
    pub words: String,
    /// `to_tsquery` text for the field-restricted terms (`'w':A <-> 'x':A & !'y':B`).
    pub fields: String,
    pub site: Option<String>,
    pub lang: Option<String>,
    pub event: Option<String>,
    pub storyline: Option<String>,
}

impl Parsed {
    /// Whether the query excludes something (`-word`, `NOT word`, `-title:word`).
    fn negates(&self) -> bool {
        self.words.split_whitespace().any(|w| w.starts_with('-')) || self.fields.contains('!')
    }
}

/// Split `text` into tokens, keeping `"quoted phrases"` (and `field:"phrase"`) whole.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                current.push(c);
                quoted = !quoted;
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `'w1':A <-> 'w2':A` for the words of `value` (quotes and punctuation dropped), or
/// `None` when it has no word.
fn weighted(value: &str, weight: char) -> Option<String> {
    let words: Vec<String> = value
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("'{}':{weight}", w.replace('\'', "''")))
        .collect();
    (!words.is_empty()).then(|| words.join(" <-> "))
}

pub(crate) fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut words: Vec<String> = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut negate_next = false;
    for token in tokens(text) {
        if token == "AND" {
            continue;
        }
        if token == "NOT" {
            negate_next = true;
            continue;
        }
        let (negated, bare) = match token.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest.to_string()),
            _ => (negate_next, token.trim_start_matches('+').to_string()),
        };
        negate_next = false;
        let bare = bare.trim_matches(|c| c == '(' || c == ')').to_string();
        if bare.is_empty() {
            continue;
        }
        let value = |name: &str| {
            bare.strip_prefix(name)
                .map(|v| v.trim_matches('"').to_string())
                .filter(|v| !v.is_empty())
        };
        let filter = [
            ("site:", &mut parsed.site),
            ("lang:", &mut parsed.lang),
            ("event:", &mut parsed.event),
            ("storyline:", &mut parsed.storyline),
        ]
        .into_iter()
        .find_map(|(name, slot)| value(name).map(|v| (slot, v)));
        if let Some((slot, v)) = filter {
            // A negated filter has no equivalent yet: it is left out rather than
            // turned into its opposite.
            if !negated {
                *slot = Some(v);
            }
            continue;
        }
        let field = [("title:", 'A'), ("body:", 'B')]
            .into_iter()
            .find_map(|(name, weight)| value(name).and_then(|v| weighted(&v, weight)));
        if let Some(restricted) = field {
            fields.push(if negated {
                format!("!({restricted})")
            } else {
                format!("({restricted})")
            });
            continue;
        }
        words.push(if negated { format!("-{bare}") } else { bare });
    }
    parsed.words = words.join(" ");
    parsed.fields = fields.join(" & ");
    parsed
}

/// The body's opening, cut at a word, as tantivy's snippet does without query words.
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

/// `ts_headline`'s output (markers around matches) as the snippet HTML.
fn snippet_html(headline: &str) -> String {
    escape_html(&headline.split_whitespace().collect::<Vec<_>>().join(" "))
        .replace(START, "<b>")
        .replace(STOP, "</b>")
}

type Param = Box<dyn ToSql + Sync>;

fn nonempty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

impl PgStore {
    /// Run a full-text query (see the module docs for the syntax and how it differs
    /// from the tantivy index).
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, StoreError> {
        let parsed = parse(query.text.trim());
        let has_words = !parsed.words.is_empty() || !parsed.fields.is_empty();
        let mut values: Vec<Param> = Vec::new();
        let mut param = |value: Param| {
            values.push(value);
            format!("${}", values.len())
        };
        let mut filters: Vec<String> = Vec::new();
        // The explicit filter wins over a `field:` term of the text, as a second Must
        // clause would in tantivy (both must hold; with two different values nothing
        // would match, which is what both then say).
        for (column, explicit, in_text) in [
            ("lower(a.site)", &query.site, &parsed.site),
            ("lower(a.lang)", &query.lang, &parsed.lang),
        ] {
            for value in [nonempty(explicit), in_text.clone()].into_iter().flatten() {
                filters.push(format!(
                    "{column} = {}",
                    param(Box::new(value.to_lowercase()))
                ));
            }
        }
        if let Some(from) = query.from {
            let p = param(Box::new(from.first_day().to_string()));
            filters.push(format!("a.published_end >= {p}"));
        }
        if let Some(to) = query.to {
            let p = param(Box::new(to.last_day().to_string()));
            filters.push(format!("a.published_start <= {p}"));
        }
        for storyline in [nonempty(&query.storyline), parsed.storyline.clone()]
            .into_iter()
            .flatten()
        {
            let p = param(Box::new(storyline));
            filters.push(format!(
                "(a.id IN (SELECT article_id FROM storyline_articles WHERE storyline_id = {p})
                  OR a.id IN (SELECT ea.article_id FROM event_articles ea
                              JOIN storyline_events se ON se.event_id = ea.event_id
                              WHERE se.storyline_id = {p}))"
            ));
        }
        if let Some(event) = parsed.event.clone() {
            let p = param(Box::new(event));
            filters.push(format!(
                "a.id IN (SELECT article_id FROM event_articles WHERE event_id = {p})"
            ));
        }

        let mut parts = Vec::new();
        if !parsed.words.is_empty() {
            parts.push(format!(
                "websearch_to_tsquery(c, {})",
                param(Box::new(parsed.words.clone()))
            ));
        }
        if !parsed.fields.is_empty() {
            parts.push(format!(
                "to_tsquery(c, {})",
                param(Box::new(parsed.fields.clone()))
            ));
        }
        if parsed.negates() {
            // The OR of the parses is right for what a query requires, not for what it
            // excludes: "budget -vote" parsed in French excludes `vot`, which an English
            // article about a vote does not hold, so that branch would let it through.
            // The index finds the candidates; each is checked again by its own language's
            // parse (a per-row parse, so only when the query excludes something).
            let own = parts
                .join(" && ")
                .replace("(c, ", "(storyline_ts_config(a.lang), ");
            filters.push(format!("a.search_doc @@ ({own})"));
        }
        // The tsquery: one parse per configuration in use (or the asked language's).
        let configs = if parts.is_empty() {
            String::new()
        } else {
            match nonempty(&query.lang).or_else(|| parsed.lang.clone()) {
                Some(lang) => format!("SELECT storyline_ts_config({}) AS c", param(Box::new(lang))),
                None => "WITH RECURSIVE langs(l) AS (
                       (SELECT lang FROM articles WHERE lang IS NOT NULL ORDER BY lang LIMIT 1)
                       UNION ALL
                       SELECT (SELECT lang FROM articles WHERE lang > langs.l ORDER BY lang LIMIT 1)
                       FROM langs WHERE langs.l IS NOT NULL)
                     SELECT DISTINCT storyline_ts_config(l) AS c FROM langs
                     UNION SELECT 'pg_catalog.simple'::regconfig"
                    .to_string(),
            }
        };
        let (score, order, headline) = if has_words {
            filters.push("a.search_doc @@ (SELECT query FROM q)".to_string());
            (
                "ts_rank('{0.1, 0.2, 0.5, 1.0}', a.search_doc, (SELECT query FROM q))",
                "score DESC, id",
                format!(
                    "ts_headline(storyline_ts_config(a.lang), storyline_body_text(a.body),
                        (SELECT query FROM q),
                        'StartSel=\"{START}\", StopSel=\"{STOP}\", MaxWords=30, MinWords=12,
                         MaxFragments=2, FragmentDelimiter=\" … \"')"
                ),
            )
        } else {
            (
                "0::real",
                "published_start DESC NULLS LAST, first_seen DESC, id",
                "left(storyline_body_text(a.body), 2000)".to_string(),
            )
        };
        let q = if parts.is_empty() {
            "SELECT NULL::tsquery AS query".to_string()
        } else {
            format!(
                "SELECT storyline_tsquery_or({}) AS query FROM ({configs}) AS configs",
                parts.join(" && ")
            )
        };
        let limit = match query.limit {
            0 => DEFAULT_LIMIT,
            n => n.min(MAX_LIMIT),
        };
        let limit = param(Box::new(limit as i64));
        let offset = param(Box::new(query.offset.min(i64::MAX as usize) as i64));
        let filters = if filters.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", filters.join(" AND "))
        };
        // One statement, one pass over the matches: the page (kind 0, in rank order by
        // `n`) and the facet counts by GROUPING SETS (kind = GROUPING(site, lang, year):
        // 3 site, 5 lang, 6 year, 7 the total).
        let sql = format!(
            "WITH q AS ({q}),
             m AS MATERIALIZED (
                 SELECT a.id, a.site, a.lang, a.published_date, a.published_start, a.first_seen,
                        {score} AS score
                 FROM articles a {filters}),
             page AS (
                 SELECT id, score, row_number() OVER () AS n
                 FROM (SELECT id, score FROM m ORDER BY {order} LIMIT {limit} OFFSET {offset}) p)
             SELECT 0, p.n, p.id, a.title, a.site, a.published_date, p.score, {headline}
             FROM page p JOIN articles a ON a.id = p.id
             UNION ALL
             SELECT GROUPING(site, lang, year)::int, count(*), NULL, NULL,
                    coalesce(site, lang, year), NULL, NULL::real, NULL
             FROM (SELECT nullif(site, '') AS site, nullif(lang, '') AS lang,
                          nullif(split_part(published_date, '-', 1), '') AS year FROM m) f
             GROUP BY GROUPING SETS ((site), (lang), (year), ())"
        );
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref()).collect();
        let rows = self
            .client()
            .query(&sql, &refs)
            .context(|| format!("searching for {:?}", query.text))?;

        let mut hits: Vec<(i64, SearchHit)> = Vec::new();
        let mut total = 0;
        let mut facets = Facets::default();
        for row in rows {
            let kind: i32 = row.get(0);
            let n: i64 = row.get(1);
            let value: Option<String> = row.get(4);
            match kind {
                0 => {
                    let text: String = row.get(7);
                    let snippet = if has_words {
                        snippet_html(&text)
                    } else {
                        escape_html(&opening(&text, OPENING_CHARS))
                    };
                    let published: Option<String> = row.get(5);
                    hits.push((
                        n,
                        SearchHit {
                            id: row.get(2),
                            title: row.get(3),
                            site: value,
                            published: published.and_then(|p| p.parse().ok()),
                            score: row.get(6),
                            snippet,
                        },
                    ));
                }
                7 => total = n as u64,
                kind => {
                    let Some(value) = value else { continue };
                    let list = match kind {
                        3 => &mut facets.site,
                        5 => &mut facets.lang,
                        _ => &mut facets.year,
                    };
                    list.push(FacetCount {
                        value,
                        count: n as u64,
                    });
                }
            }
        }
        hits.sort_by_key(|(n, _)| *n);
        for list in [&mut facets.site, &mut facets.lang, &mut facets.year] {
            list.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
            list.truncate(FACET_VALUES);
        }
        facets.year.sort_by(|a, b| b.value.cmp(&a.value));
        Ok(SearchResults {
            total,
            hits: hits.into_iter().map(|(_, hit)| hit).collect(),
            facets,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_syntax_maps_onto_websearch_and_filters() {
        let parsed =
            parse(r#"flood "river bank" OR dam NOT rain -snow AND site:BBC.co.uk lang:en"#);
        assert_eq!(parsed.words, r#"flood "river bank" OR dam -rain -snow"#);
        assert_eq!(parsed.site.as_deref(), Some("BBC.co.uk"));
        assert_eq!(parsed.lang.as_deref(), Some("en"));
        assert_eq!(parsed.fields, "");
    }

    #[test]
    fn field_terms_become_weighted_lexemes_with_quotes_escaped() {
        let parsed = parse(r#"title:"o'neil wins" -body:rain storyline:s1 event:e2"#);
        // Split into words as PostgreSQL's parser splits them, so no quote is left.
        assert_eq!(
            parsed.fields,
            "('o':A <-> 'neil':A <-> 'wins':A) & !('rain':B)"
        );
        assert_eq!(parsed.words, "");
        assert_eq!(parsed.storyline.as_deref(), Some("s1"));
        assert_eq!(parsed.event.as_deref(), Some("e2"));
    }

    #[test]
    fn snippets_are_escaped_before_the_markers_become_bold() {
        let html = snippet_html(&format!("a <i>  {START}flood{STOP} & more"));
        assert_eq!(html, "a &lt;i&gt; <b>flood</b> &amp; more");
        assert_eq!(opening("one two three four", 10), "one two…");
    }
}
