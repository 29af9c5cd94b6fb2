//! Listing articles: the SQLite store's filters, order and pagination (`ArticleQuery`).

use postgres::types::ToSql;
use storyline_model::{Article, ArticleId};
use storyline_store::{ArticleQuery, StoreError};

use crate::articles::{article_from_row, ARTICLE_COLUMNS};
use crate::error::PgContext;
use crate::PgStore;

type Param = Box<dyn ToSql + Sync>;

/// The WHERE clause (possibly empty) and its parameters, numbered from `$1`.
fn filter(query: &ArticleQuery) -> (String, Vec<Param>) {
    let mut clauses = Vec::new();
    let mut values: Vec<Param> = Vec::new();
    let mut add = |clause: &str, value: Param| {
        values.push(value);
        clauses.push(clause.replace('?', &format!("${}", values.len())));
    };
    if let Some(site) = &query.site {
        add("site = ?", Box::new(site.clone()));
    }
    if let Some(lang) = &query.lang {
        add("lang = ?", Box::new(lang.clone()));
    }
    if let Some(from) = &query.from {
        add("published_end >= ?", Box::new(from.first_day().to_string()));
    }
    if let Some(to) = &query.to {
        add("published_start <= ?", Box::new(to.last_day().to_string()));
    }
    if !query.ids.is_empty() {
        // One array parameter instead of thousands of placeholders.
        let ids: Vec<String> = query.ids.iter().map(|id| id.0.clone()).collect();
        add("id = ANY(?)", Box::new(ids));
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, values)
}

fn refs(values: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    values.iter().map(|v| v.as_ref()).collect()
}

impl PgStore {
    /// Articles matching `query`, in the listing order (publication date, undated last,
    /// then first seen, then id), one page.
    pub fn articles(&self, query: &ArticleQuery) -> Result<Vec<Article>, StoreError> {
        let (filter, mut values) = filter(query);
        // LIMIT NULL is PostgreSQL's "no limit".
        values.push(Box::new(
            query.limit.map(|l| l.min(i64::MAX as usize) as i64),
        ));
        values.push(Box::new(query.offset.min(i64::MAX as usize) as i64));
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles {filter}
             ORDER BY (published_start IS NULL), published_start, first_seen, id
             LIMIT ${} OFFSET ${}",
            values.len() - 1,
            values.len()
        );
        self.client()
            .query(&sql, &refs(&values))
            .context(|| format!("listing articles for {query:?}"))?
            .iter()
            .map(article_from_row)
            .collect()
    }

    /// How many articles match `query`'s filters (ignoring offset and limit).
    pub fn count_articles(&self, query: &ArticleQuery) -> Result<u64, StoreError> {
        let (filter, values) = filter(query);
        self.client()
            .query_one(
                &format!("SELECT count(*) FROM articles {filter}"),
                &refs(&values),
            )
            .map(|row| row.get::<_, i64>(0) as u64)
            .context(|| format!("counting articles for {query:?}"))
    }

    /// Stream every article in id order, a keyset page at a time; returns how many.
    pub fn for_each_article(&self, mut visit: impl FnMut(Article)) -> Result<u64, StoreError> {
        let mut seen = 0;
        let mut after: Option<ArticleId> = None;
        loop {
            let page = self.articles_after(after.as_ref(), 500)?;
            let Some(last) = page.last() else {
                return Ok(seen);
            };
            after = Some(last.id.clone());
            for article in page {
                visit(article);
                seen += 1;
            }
        }
    }
}
