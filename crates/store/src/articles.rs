//! Articles: insert in batches, look up by id or prefix, stream, replace on reprocess.

use rusqlite::{params, Connection, Row, Transaction};
use storyline_model::{Article, ArticleId, DateMention, Published};

use crate::codec;
use crate::error::{Context, StoreError};
use crate::raw::{self, RawInput};
use crate::Store;

/// What [`Store::insert_articles`] did with one item of the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    Inserted,
    /// An article with this id (the same content) was already stored; nothing changed.
    AlreadyPresent,
}

/// Shortest id prefix [`Store::article`] resolves; shorter ones match too much to be useful.
pub const MIN_ID_PREFIX: usize = 4;

/// Column list shared by every article query; [`article_from_row`] reads it by position.
pub(crate) const ARTICLE_COLUMNS: &str = "id, raw_hash, source, title, authors, site, url, lang, \
     body, published_date, published_precision, published_source, published_confidence, \
     published_timestamp, modified, mentions, format, first_seen";

/// The article's values as bound to the insert and update statements.
struct ArticleRow {
    authors: String,
    body: String,
    mentions: String,
    published_date: Option<String>,
    published_start: Option<String>,
    published_end: Option<String>,
    modified: Option<String>,
    first_seen: String,
    words: i64,
}

impl ArticleRow {
    fn of(article: &Article) -> Result<Self, StoreError> {
        let key = article.id.as_str();
        let date = article.published.date;
        Ok(ArticleRow {
            authors: codec::to_json(&article.authors, "authors", key)?,
            body: codec::to_json(&article.body, "body", key)?,
            mentions: codec::to_json(&article.mentioned_dates, "mentioned dates", key)?,
            published_date: date.map(|d| d.to_string()),
            published_start: date.map(|d| d.first_day().to_string()),
            published_end: date.map(|d| d.last_day().to_string()),
            modified: article.modified.map(|d| d.to_string()),
            first_seen: codec::timestamp(&article.first_seen),
            words: article.word_count() as i64,
        })
    }
}

fn insert_article(tx: &Transaction<'_>, article: &Article) -> Result<bool, StoreError> {
    let row = ArticleRow::of(article)?;
    let published = &article.published;
    let mut stmt = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO articles (id, raw_hash, source, title, authors, site, url, lang,
                 body, published_date, published_precision, published_source, published_confidence,
                 published_timestamp, published_start, published_end, modified, mentions, format,
                 first_seen, words)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21)",
        )
        .context(|| "preparing the article insert".to_string())?;
    let changed = stmt
        .execute(params![
            article.id.as_str(),
            article.raw_hash,
            article.source,
            article.title,
            row.authors,
            article.site,
            article.url,
            article.lang,
            row.body,
            row.published_date,
            published.precision.map(|p| p.as_str()),
            published.source.map(|s| s.as_str()),
            published.confidence.map(f64::from),
            published.timestamp,
            row.published_start,
            row.published_end,
            row.modified,
            row.mentions,
            article.format.as_str(),
            row.first_seen,
            row.words,
        ])
        .context(|| format!("storing article {} ({})", article.id, article.source))?;
    Ok(changed == 1)
}

/// Overwrite one stored article; `first_seen` and `raw_hash` are left as stored.
fn update_article(conn: &Connection, article: &Article) -> Result<(), StoreError> {
    let row = ArticleRow::of(article)?;
    let published = &article.published;
    let mut stmt = conn
        .prepare_cached(
            "UPDATE articles SET source = ?2, title = ?3, authors = ?4, site = ?5, url = ?6,
                 lang = ?7, body = ?8, published_date = ?9, published_precision = ?10,
                 published_source = ?11, published_confidence = ?12, published_timestamp = ?13,
                 published_start = ?14, published_end = ?15, modified = ?16, mentions = ?17,
                 format = ?18, words = ?19
             WHERE id = ?1",
        )
        .context(|| "preparing the article update".to_string())?;
    let changed = stmt
        .execute(params![
            article.id.as_str(),
            article.source,
            article.title,
            row.authors,
            article.site,
            article.url,
            article.lang,
            row.body,
            row.published_date,
            published.precision.map(|p| p.as_str()),
            published.source.map(|s| s.as_str()),
            published.confidence.map(f64::from),
            published.timestamp,
            row.published_start,
            row.published_end,
            row.modified,
            row.mentions,
            article.format.as_str(),
            row.words,
        ])
        .context(|| format!("replacing article {}", article.id))?;
    if changed == 0 {
        return Err(StoreError::UnknownArticle {
            id: article.id.to_string(),
        });
    }
    Ok(())
}

pub(crate) fn article_from_row(row: &Row<'_>) -> Result<Article, StoreError> {
    let read = |e: rusqlite::Error| StoreError::Database {
        context: "reading an article row".to_string(),
        source: Box::new(e),
    };
    let id: String = row.get(0).map_err(read)?;
    let key = id.as_str();
    let text = |i: usize| row.get::<_, String>(i).map_err(read);
    let optional = |i: usize| row.get::<_, Option<String>>(i).map_err(read);
    let published = Published {
        date: codec::parse_optional_date(optional(9)?, "published date", key)?,
        precision: codec::parse_optional(optional(10)?, "published precision", key)?,
        source: codec::parse_optional(optional(11)?, "published source", key)?,
        confidence: row
            .get::<_, Option<f64>>(12)
            .map_err(read)?
            .map(|c| c as f32),
        timestamp: optional(13)?,
    };
    let format = text(16)?;
    Ok(Article {
        raw_hash: text(1)?,
        source: text(2)?,
        title: text(3)?,
        authors: codec::from_json(&text(4)?, "authors", key)?,
        site: optional(5)?,
        url: optional(6)?,
        lang: optional(7)?,
        body: codec::from_json(&text(8)?, "body", key)?,
        published,
        modified: codec::parse_optional_date(optional(14)?, "modified date", key)?,
        mentioned_dates: codec::from_json::<Vec<DateMention>>(&text(15)?, "mentioned dates", key)?,
        format: format
            .parse()
            .map_err(|e| StoreError::corrupt("format", key, e))?,
        first_seen: codec::parse_timestamp(&text(17)?, "first_seen", key)?,
        id: ArticleId(id),
    })
}

impl Store {
    /// Store a batch of articles with their raw inputs in ONE transaction: either the
    /// whole batch is stored or (on error or crash) none of it. Items whose id is
    /// already stored, or repeated within the batch, are left alone (`AlreadyPresent`).
    pub fn insert_articles(
        &mut self,
        batch: &[(Article, RawInput)],
    ) -> Result<Vec<InsertOutcome>, StoreError> {
        for (article, raw) in batch {
            if article.raw_hash != raw.hash {
                return Err(StoreError::RawHashMismatch {
                    article: article.id.to_string(),
                    article_raw_hash: article.raw_hash.clone(),
                    raw_hash: raw.hash.clone(),
                });
            }
        }
        let tx = self
            .conn
            .transaction()
            .context(|| "starting an insert transaction".to_string())?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for (article, raw) in batch {
            raw::insert_raw(&tx, raw, &article.first_seen)?;
            outcomes.push(if insert_article(&tx, article)? {
                InsertOutcome::Inserted
            } else {
                InsertOutcome::AlreadyPresent
            });
        }
        tx.commit()
            .context(|| format!("committing a batch of {} articles", batch.len()))?;
        Ok(outcomes)
    }

    /// Overwrite a stored article with a reprocessed version of it (same id). The
    /// stored `first_seen` and raw input are kept: reprocessing does not make content new.
    pub fn replace_article(&mut self, article: &Article) -> Result<(), StoreError> {
        update_article(&self.conn, article)
    }

    /// [`Store::replace_article`] for a batch, in one transaction: all or nothing.
    pub fn replace_articles(&mut self, articles: &[Article]) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction()
            .context(|| "starting a replace transaction".to_string())?;
        for article in articles {
            update_article(&tx, article)?;
        }
        tx.commit()
            .context(|| format!("committing {} replaced articles", articles.len()))
    }

    /// Up to `limit` articles with ids greater than `after` (from the first when
    /// `None`), in id order. Paging by the last id seen stays fast at any depth, so a
    /// reprocess can walk millions of articles in batches while writing between pages.
    pub fn articles_after(
        &self,
        after: Option<&ArticleId>,
        limit: usize,
    ) -> Result<Vec<Article>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2"
            ))
            .context(|| "preparing the article page query".to_string())?;
        let after = after.map_or("", |id| id.as_str());
        let mut rows = stmt
            .query(params![after, limit.min(i64::MAX as usize) as i64])
            .context(|| format!("reading articles after {after:?}"))?;
        let mut articles = Vec::new();
        while let Some(row) = rows
            .next()
            .context(|| format!("reading articles after {after:?}"))?
        {
            articles.push(article_from_row(row)?);
        }
        Ok(articles)
    }

    /// The article with this id, or with this unique id prefix (at least
    /// [`MIN_ID_PREFIX`] characters). An ambiguous prefix is an error listing the matches.
    pub fn article(&self, id_or_prefix: &str) -> Result<Option<Article>, StoreError> {
        let wanted = id_or_prefix.trim();
        if let Some(article) = self.article_exact(wanted)? {
            return Ok(Some(article));
        }
        if wanted.chars().count() < MIN_ID_PREFIX {
            return Err(StoreError::PrefixTooShort {
                prefix: wanted.to_string(),
                min: MIN_ID_PREFIX,
            });
        }
        let candidates = self.ids_with_prefix(wanted, 11)?;
        match candidates.as_slice() {
            [] => Ok(None),
            [only] => self.article_exact(only),
            _ => Err(StoreError::AmbiguousPrefix {
                prefix: wanted.to_string(),
                candidates,
            }),
        }
    }

    fn article_exact(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"
            ))
            .context(|| "preparing the article lookup".to_string())?;
        let mut rows = stmt
            .query([id])
            .context(|| format!("looking up article {id}"))?;
        match rows.next().context(|| format!("reading article {id}"))? {
            Some(row) => article_from_row(row).map(Some),
            None => Ok(None),
        }
    }

    /// Up to `limit` ids starting with `prefix`, in id order (a range scan on the key).
    fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>, StoreError> {
        let upper = format!("{prefix}{}", char::MAX);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id FROM articles WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3",
            )
            .context(|| "preparing the id prefix lookup".to_string())?;
        let ids = stmt
            .query_map(params![prefix, upper, limit as i64], |row| row.get(0))
            .context(|| format!("looking up id prefix {prefix:?}"))?
            .collect::<Result<Vec<String>, _>>()
            .context(|| format!("reading ids with prefix {prefix:?}"))?;
        Ok(ids)
    }

    pub fn article_count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|n| n as u64)
            .context(|| "counting articles".to_string())
    }

    /// Whether an article with exactly this id is stored.
    pub fn contains_article(&self, id: &str) -> Result<bool, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")
            .context(|| "preparing the article check".to_string())?;
        stmt.exists([id])
            .context(|| format!("checking for article {id}"))
    }

    /// Stream every article in id order without loading them all; returns how many.
    pub fn for_each_article(&self, mut visit: impl FnMut(Article)) -> Result<u64, StoreError> {
        self.try_for_each_article(|article| {
            visit(article);
            Ok::<(), StoreError>(())
        })
    }

    /// Like [`Store::for_each_article`], stopping at the first error the visitor returns.
    pub fn try_for_each_article<E: From<StoreError>>(
        &self,
        mut visit: impl FnMut(Article) -> Result<(), E>,
    ) -> Result<u64, E> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY id"
            ))
            .context(|| "preparing the article scan".to_string())?;
        let mut rows = stmt.query([]).context(|| "scanning articles".to_string())?;
        let mut seen = 0;
        while let Some(row) = rows.next().context(|| "scanning articles".to_string())? {
            visit(article_from_row(row)?)?;
            seen += 1;
        }
        Ok(seen)
    }
}
