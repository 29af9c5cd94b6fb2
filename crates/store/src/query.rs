//! Listing articles: filters, a deterministic order and pagination.

use rusqlite::types::Value;
use storyline_model::{Article, ArticleId, PartialDate};

use crate::articles::{article_from_row, ARTICLE_COLUMNS};
use crate::codec;
use crate::error::{Context, StoreError};
use crate::Store;

/// Which articles to list. The default lists everything.
///
/// Order is fixed: by publication date (the first day of its period; undated articles
/// last), then by `first_seen`, then by id, so pages never overlap or skip.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleQuery {
    /// Rows to skip.
    pub offset: usize,
    /// At most this many rows; `None` for all.
    pub limit: Option<usize>,
    /// Only this site (exact match).
    pub site: Option<String>,
    /// Only this language code (exact match).
    pub lang: Option<String>,
    /// Only articles whose publication period ends on or after the first day of `from`
    /// (a year-precision "2019" article matches `from = 2019-06`). Undated articles
    /// never match a date filter.
    pub from: Option<PartialDate>,
    /// Only articles whose publication period starts on or before the last day of `to`.
    pub to: Option<PartialDate>,
    /// Only these ids; empty means no id filter.
    pub ids: Vec<ArticleId>,
}

impl ArticleQuery {
    /// The WHERE clause (possibly empty) and its parameters, in order.
    fn filter(&self) -> Result<(String, Vec<Value>), StoreError> {
        let mut clauses = Vec::new();
        let mut values = Vec::new();
        if let Some(site) = &self.site {
            clauses.push("site = ?");
            values.push(Value::Text(site.clone()));
        }
        if let Some(lang) = &self.lang {
            clauses.push("lang = ?");
            values.push(Value::Text(lang.clone()));
        }
        if let Some(from) = &self.from {
            clauses.push("published_end >= ?");
            values.push(Value::Text(from.first_day().to_string()));
        }
        if let Some(to) = &self.to {
            clauses.push("published_start <= ?");
            values.push(Value::Text(to.last_day().to_string()));
        }
        if !self.ids.is_empty() {
            // One JSON parameter instead of thousands of placeholders.
            clauses.push("id IN (SELECT value FROM json_each(?))");
            values.push(Value::Text(codec::to_json(
                &self.ids,
                "id filter",
                "query",
            )?));
        }
        let sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        Ok((sql, values))
    }
}

impl Store {
    /// Articles matching `query`, in the listing order, one page.
    pub fn articles(&self, query: &ArticleQuery) -> Result<Vec<Article>, StoreError> {
        let (filter, mut values) = query.filter()?;
        // LIMIT -1 is SQLite's "no limit".
        let limit = query.limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64);
        values.push(Value::Integer(limit));
        values.push(Value::Integer(query.offset.min(i64::MAX as usize) as i64));
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles {filter}
             ORDER BY published_start IS NULL, published_start, first_seen, id
             LIMIT ? OFFSET ?"
        );
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .context(|| "preparing the article listing".to_string())?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(values))
            .context(|| format!("listing articles for {query:?}"))?;
        let mut articles = Vec::new();
        while let Some(row) = rows.next().context(|| "listing articles".to_string())? {
            articles.push(article_from_row(row)?);
        }
        Ok(articles)
    }

    /// How many articles match `query`'s filters (ignoring offset and limit).
    pub fn count_articles(&self, query: &ArticleQuery) -> Result<u64, StoreError> {
        let (filter, values) = query.filter()?;
        let sql = format!("SELECT count(*) FROM articles {filter}");
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .context(|| "preparing the article count".to_string())?;
        stmt.query_row(rusqlite::params_from_iter(values), |row| {
            row.get::<_, i64>(0)
        })
        .map(|n| n as u64)
        .context(|| format!("counting articles for {query:?}"))
    }
}
