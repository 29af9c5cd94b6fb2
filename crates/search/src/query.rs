//! Queries: the parsed text, the filters, hits with snippets, facet counts.

use std::ops::Bound;

use serde::Serialize;
use storyline_model::PartialDate;
use tantivy::collector::{Count, FacetCollector, FacetCounts, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Order, TantivyDocument, Term};

use crate::index::{day_start, parse_published};
use crate::snippet::Snippets;
use crate::{SearchError, SearchIndex};

/// Hits per page when the query asks for none (`limit: 0`), and the most it may ask for.
pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 1000;
/// Title matches weigh this much more than body matches.
const TITLE_BOOST: f32 = 2.0;
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

        let snippets =
            Snippets::new(&searcher, &*words, f.body, f.body_zh).map_err(search_error)?;
        let mut hits = Vec::with_capacity(ranked.len());
        for (score, address) in ranked {
            let doc: TantivyDocument = searcher.doc(address).map_err(search_error)?;
            let get = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let body = get(f.body).unwrap_or_default();
            let chinese = get(f.lang).is_some_and(|l| l.starts_with("zh"));
            let snippet = snippets.html(&body, chinese).map_err(search_error)?;
            hits.push(SearchHit {
                id: get(f.id).unwrap_or_default(),
                title: get(f.title).unwrap_or_default(),
                site: get(f.site),
                published: get(f.published).as_deref().and_then(parse_published),
                score,
                snippet,
            });
        }
        Ok(SearchResults {
            total: total as u64,
            hits,
            facets: facets_of(&facet_counts),
        })
    }
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
}
