//! Queries: the parsed text, the filters, hits with snippets, facet counts.

use std::ops::Bound;

use serde::Serialize;
use storyline_model::PartialDate;
use tantivy::collector::{Count, FacetCollector, FacetCounts, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::index::{day_start, parse_published};
use crate::{SearchError, SearchIndex};

/// Hits per page when the query asks for none (`limit: 0`), and the most it may ask for.
pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 1000;
/// Title matches weigh this much more than body matches.
const TITLE_BOOST: f32 = 2.0;
/// Snippet length in characters.
const SNIPPET_CHARS: usize = 220;
/// Values listed per facet.
const FACET_VALUES: usize = 20;

/// What to look for. `text` uses the query syntax: words (all required), `"phrases"`,
/// `OR`, `AND`, `NOT` / `-word`, `field:value` (title, body, site, lang, event,
/// storyline). Empty text matches every article (newest first), so filters alone work.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: String,
    /// Articles whose publication date may fall on or after the start of `from`...
    pub from: Option<PartialDate>,
    /// ...and on or before the end of `to`. Undated articles never pass a date filter.
    pub to: Option<PartialDate>,
    /// Exact site, case-insensitive.
    pub site: Option<String>,
    /// ISO 639-1 code, case-insensitive.
    pub lang: Option<String>,
    /// Storyline id.
    pub storyline: Option<String>,
    pub offset: usize,
    /// 0 means [`DEFAULT_LIMIT`]; capped at [`MAX_LIMIT`].
    pub limit: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Matching articles in all (not just this page).
    pub total: u64,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub site: Option<String>,
    pub published: Option<PartialDate>,
    pub score: f32,
    /// HTML: the body's text escaped, the matched words in `<b>…</b>`. Safe to insert
    /// into a page as is.
    pub snippet: String,
}

/// Counts over all matching articles, most frequent first (years newest first).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub site: Vec<FacetCount>,
    pub lang: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

impl SearchIndex {
    /// Run a query. A query string the parser refuses is [`SearchError::BadQuery`].
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        let f = self.fields;
        let text = query.text.trim();
        let words: Box<dyn Query> = if text.is_empty() {
            Box::new(AllQuery)
        } else {
            let mut parser =
                QueryParser::for_index(&self.index, vec![f.title, f.body, f.title_zh, f.body_zh]);
            parser.set_conjunction_by_default();
            parser.set_field_boost(f.title, TITLE_BOOST);
            parser.set_field_boost(f.title_zh, TITLE_BOOST);
            parser
                .parse_query(text)
                .map_err(|e| SearchError::BadQuery {
                    query: query.text.clone(),
                    reason: e.to_string(),
                })?
        };
        let mut clauses = vec![(Occur::Must, words.box_clone())];
        if let Some(from) = query.from {
            let term = Term::from_field_date(f.published_last, day_start(from.first_day()));
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(Bound::Included(term), Bound::Unbounded)),
            ));
        }
        if let Some(to) = query.to {
            let term = Term::from_field_date(f.published_first, day_start(to.last_day()));
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(Bound::Unbounded, Bound::Included(term))),
            ));
        }
        let mut keep = |field: Field, value: &Option<String>, lowercase: bool| {
            if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                let value = if lowercase {
                    value.to_lowercase()
                } else {
                    value.to_string()
                };
                let term = Term::from_field_text(field, &value);
                clauses.push((
                    Occur::Must,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                ));
            }
        };
        keep(f.site, &query.site, true);
        keep(f.lang, &query.lang, true);
        keep(f.storyline, &query.storyline, false);
        let full = BooleanQuery::new(clauses);

        let searcher = self.reader.searcher();
        let limit = match query.limit {
            0 => DEFAULT_LIMIT,
            n => n.min(MAX_LIMIT),
        };
        let top = TopDocs::with_limit(limit).and_offset(query.offset);
        let mut facets = FacetCollector::for_field("facets");
        for root in ["/site", "/lang", "/year"] {
            facets.add_facet(root);
        }
        let search_error = |e: tantivy::TantivyError| SearchError::Search {
            query: query.text.clone(),
            reason: e.to_string(),
        };
        let (ranked, total, facet_counts): (Vec<(f32, DocAddress)>, usize, FacetCounts) =
            if text.is_empty() {
                // Nothing to rank by: newest first.
                let top = top.order_by_fast_field::<i64>("sort_ts", Order::Desc);
                let (docs, total, counts) = searcher
                    .search(&full, &(top, Count, facets))
                    .map_err(search_error)?;
                let docs = docs.into_iter().map(|(_, addr)| (0.0, addr)).collect();
                (docs, total, counts)
            } else {
                searcher
                    .search(&full, &(top.order_by_score(), Count, facets))
                    .map_err(search_error)?
            };

        let snippets = Snippets::new(&searcher, &*words, [f.body, f.body_zh])?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (score, address) in ranked {
            let doc: TantivyDocument = searcher.doc(address).map_err(search_error)?;
            let get = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let body = get(f.body).unwrap_or_default();
            hits.push(SearchHit {
                id: get(f.id).unwrap_or_default(),
                title: get(f.title).unwrap_or_default(),
                site: get(f.site),
                published: get(f.published).as_deref().and_then(parse_published),
                score,
                snippet: snippets.html(&body),
            });
        }
        Ok(SearchResults {
            total: total as u64,
            hits,
            facets: facets_of(&facet_counts),
        })
    }
}

/// Snippet generators for the body as each analyzer sees it: the best-highlighted wins.
struct Snippets {
    generators: Vec<SnippetGenerator>,
}

impl Snippets {
    fn new<const N: usize>(
        searcher: &Searcher,
        query: &dyn Query,
        fields: [Field; N],
    ) -> Result<Snippets, SearchError> {
        // A generator tokenizes every hit's body even when the query has no term in its
        // field: skip those (jieba over 20 bodies per query is most of a query's time).
        let mut queried = Vec::new();
        query.query_terms(&mut |term, _| queried.push(term.field()));
        let mut generators = Vec::with_capacity(N);
        for field in fields.into_iter().filter(|f| queried.contains(f)) {
            let mut generator = SnippetGenerator::create(searcher, query, field).map_err(|e| {
                SearchError::Search {
                    query: String::new(),
                    reason: format!("preparing snippets: {e}"),
                }
            })?;
            generator.set_max_num_chars(SNIPPET_CHARS);
            generators.push(generator);
        }
        Ok(Snippets { generators })
    }

    fn html(&self, body: &str) -> String {
        let best = self
            .generators
            .iter()
            .map(|g| g.snippet(body))
            .max_by_key(|s| s.highlighted().len());
        match best {
            Some(snippet) if !snippet.highlighted().is_empty() => to_html(&snippet),
            // No word of the query is in the body (a title match, or no words): the
            // body's opening instead.
            _ => escape_html(&opening(body, SNIPPET_CHARS)),
        }
    }
}

/// The snippet as HTML: every piece of text escaped, the highlights wrapped in `<b>`.
/// Written here rather than `Snippet::to_html` so that the escaping covers quotes too
/// and stays ours to test.
fn to_html(snippet: &Snippet) -> String {
    let fragment = snippet.fragment();
    let mut ranges: Vec<_> = snippet.highlighted().to_vec();
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

pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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

fn facets_of(counts: &FacetCounts) -> Facets {
    let list = |root: &str| -> Vec<FacetCount> {
        let mut values: Vec<FacetCount> = counts
            .get(root)
            .filter_map(|(facet, count)| {
                let value = facet.to_path().last()?.to_string();
                Some(FacetCount { value, count })
            })
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        values.truncate(FACET_VALUES);
        values
    };
    let mut year = list("/year");
    year.sort_by(|a, b| b.value.cmp(&a.value));
    Facets {
        site: list("/site"),
        lang: list("/lang"),
        year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escape_html(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn opening_cuts_at_a_word() {
        assert_eq!(opening("short", 10), "short");
        assert_eq!(opening("one two three four", 10), "one two…");
    }
}
