//! Raw inputs and articles: idempotent batch insert, lookups, pages, counts.
//!
//! Values go through `storyline_store::codec` exactly as on SQLite, so the two stores
//! hold the same text and bytes for one article.

use std::collections::HashSet;

use postgres::{GenericClient, Row, Transaction};
use storyline_model::{Article, ArticleId, DateMention, Published};
use storyline_store::{codec, InsertOutcome, RawInput, StoreError};

use crate::error::{is_transient, PgContext};
use crate::PgStore;

/// Shortest id prefix [`PgStore::article`] resolves (as on SQLite).
const MIN_ID_PREFIX: usize = 4;

/// A batch that lost a deadlock or serialization race is run again this many times.
const TRANSIENT_RETRIES: usize = 5;

pub(crate) const ARTICLE_COLUMNS: &str = "id, raw_hash, source, title, authors, site, url, lang, \
     body, published_date, published_precision, published_source, published_confidence, \
     published_timestamp, modified, mentions, format, first_seen";

const RAW_COLUMNS: &str = "hash, format, source, compression, size, bytes, provenance";

/// Insert the raw inputs of `batch` not yet stored, in hash order (the lock order).
///
/// One statement for the whole batch (`unnest` over column arrays, in the given
/// order): a round trip per row would cost more than the row itself on loopback.
fn insert_raws(tx: &mut Transaction<'_>, batch: &[(Article, RawInput)]) -> Result<(), StoreError> {
    let mut hashes: Vec<&str> = batch.iter().map(|(_, raw)| raw.hash.as_str()).collect();
    hashes.sort_unstable();
    hashes.dedup();
    // One round trip finds what is stored, so stored bytes are not compressed again.
    let stored: HashSet<String> = tx
        .query(
            "SELECT hash FROM raw_inputs WHERE hash = ANY($1)",
            &[&hashes],
        )
        .context(|| format!("looking up {} raw inputs", hashes.len()))?
        .into_iter()
        .map(|row| row.get(0))
        .collect();
    let mut order: Vec<&(Article, RawInput)> = batch.iter().collect();
    order.sort_by(|a, b| a.1.hash.cmp(&b.1.hash));
    let mut done = HashSet::new();
    let mut columns = RawColumns::default();
    for (article, raw) in order {
        if stored.contains(&raw.hash) || !done.insert(raw.hash.as_str()) {
            continue;
        }
        let (scheme, bytes) = codec::compress(&raw.bytes, &raw.hash)?;
        columns.hash.push(&raw.hash);
        columns.format.push(raw.format.as_str());
        columns.source.push(&raw.source);
        columns.compression.push(scheme);
        columns.size.push(raw.bytes.len() as i64);
        columns.bytes.push(bytes);
        columns
            .provenance
            .push(codec::to_json(&raw.provenance, "provenance", &raw.hash)?);
        columns
            .first_seen
            .push(codec::timestamp(&article.first_seen));
    }
    if columns.hash.is_empty() {
        return Ok(());
    }
    let c = &columns;
    tx.execute(
        "INSERT INTO raw_inputs (hash, format, source, compression, size, bytes, provenance, first_seen)
         SELECT hash, format, source, compression, size, bytes, provenance, first_seen
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::bytea[],
                     $7::text[], $8::text[]) WITH ORDINALITY
              AS u(hash, format, source, compression, size, bytes, provenance, first_seen, n)
         ORDER BY n
         ON CONFLICT (hash) DO NOTHING",
        &[
            &c.hash,
            &c.format,
            &c.source,
            &c.compression,
            &c.size,
            &c.bytes,
            &c.provenance,
            &c.first_seen,
        ],
    )
    .context(|| {
        format!(
            "storing {} raw inputs ({} ...)",
            c.hash.len(),
            c.source.first().copied().unwrap_or("")
        )
    })?;
    Ok(())
}

/// The raw inputs of one insert, column by column.
#[derive(Default)]
struct RawColumns<'a> {
    hash: Vec<&'a str>,
    format: Vec<&'static str>,
    source: Vec<&'a str>,
    compression: Vec<&'static str>,
    size: Vec<i64>,
    bytes: Vec<Vec<u8>>,
    provenance: Vec<String>,
    first_seen: Vec<String>,
}

/// The articles of one insert, column by column.
#[derive(Default)]
struct ArticleColumns<'a> {
    id: Vec<&'a str>,
    raw_hash: Vec<&'a str>,
    source: Vec<&'a str>,
    title: Vec<&'a str>,
    authors: Vec<String>,
    site: Vec<Option<&'a str>>,
    url: Vec<Option<&'a str>>,
    lang: Vec<Option<&'a str>>,
    body: Vec<String>,
    published_date: Vec<Option<String>>,
    published_precision: Vec<Option<&'static str>>,
    published_source: Vec<Option<&'static str>>,
    published_confidence: Vec<Option<f64>>,
    published_timestamp: Vec<Option<&'a str>>,
    published_start: Vec<Option<String>>,
    published_end: Vec<Option<String>>,
    modified: Vec<Option<String>>,
    mentions: Vec<String>,
    format: Vec<&'static str>,
    first_seen: Vec<String>,
    words: Vec<i64>,
}

impl<'a> ArticleColumns<'a> {
    fn push(&mut self, article: &'a Article) -> Result<(), StoreError> {
        let key = article.id.as_str();
        let date = article.published.date;
        let published = &article.published;
        self.id.push(key);
        self.raw_hash.push(&article.raw_hash);
        self.source.push(&article.source);
        self.title.push(&article.title);
        self.authors
            .push(codec::to_json(&article.authors, "authors", key)?);
        self.site.push(article.site.as_deref());
        self.url.push(article.url.as_deref());
        self.lang.push(article.lang.as_deref());
        self.body.push(codec::to_json(&article.body, "body", key)?);
        self.published_date.push(date.map(|d| d.to_string()));
        self.published_precision
            .push(published.precision.map(|p| p.as_str()));
        self.published_source
            .push(published.source.map(|s| s.as_str()));
        self.published_confidence
            .push(published.confidence.map(f64::from));
        self.published_timestamp
            .push(published.timestamp.as_deref());
        self.published_start
            .push(date.map(|d| d.first_day().to_string()));
        self.published_end
            .push(date.map(|d| d.last_day().to_string()));
        self.modified.push(article.modified.map(|d| d.to_string()));
        self.mentions.push(codec::to_json(
            &article.mentioned_dates,
            "mentioned dates",
            key,
        )?);
        self.format.push(article.format.as_str());
        self.first_seen.push(codec::timestamp(&article.first_seen));
        self.words.push(article.word_count() as i64);
        Ok(())
    }
}

/// Insert the articles in id order (the lock order), in one statement; the outcome of
/// each, in batch order.
fn insert_articles(
    tx: &mut Transaction<'_>,
    batch: &[(Article, RawInput)],
) -> Result<Vec<InsertOutcome>, StoreError> {
    // A stable sort keeps batch order among repeats, so the first one is the one inserted.
    let mut order: Vec<usize> = (0..batch.len()).collect();
    order.sort_by(|&a, &b| batch[a].0.id.cmp(&batch[b].0.id));
    order.dedup_by(|b, a| batch[*a].0.id == batch[*b].0.id);
    let mut c = ArticleColumns::default();
    for &index in &order {
        c.push(&batch[index].0)?;
    }
    let inserted: HashSet<String> = tx
        .query(
            "INSERT INTO articles (id, raw_hash, source, title, authors, site, url, lang,
                 body, published_date, published_precision, published_source, published_confidence,
                 published_timestamp, published_start, published_end, modified, mentions, format,
                 first_seen, words)
             SELECT id, raw_hash, source, title, authors, site, url, lang, body, published_date,
                 published_precision, published_source, published_confidence, published_timestamp,
                 published_start, published_end, modified, mentions, format, first_seen, words
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                 $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                 $13::float8[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
                 $19::text[], $20::text[], $21::int8[]) WITH ORDINALITY
               AS u(id, raw_hash, source, title, authors, site, url, lang, body, published_date,
                 published_precision, published_source, published_confidence, published_timestamp,
                 published_start, published_end, modified, mentions, format, first_seen, words, n)
             ORDER BY n
             ON CONFLICT (id) DO NOTHING
             RETURNING id",
            &[
                &c.id,
                &c.raw_hash,
                &c.source,
                &c.title,
                &c.authors,
                &c.site,
                &c.url,
                &c.lang,
                &c.body,
                &c.published_date,
                &c.published_precision,
                &c.published_source,
                &c.published_confidence,
                &c.published_timestamp,
                &c.published_start,
                &c.published_end,
                &c.modified,
                &c.mentions,
                &c.format,
                &c.first_seen,
                &c.words,
            ],
        )
        .context(|| {
            format!(
                "storing {} articles ({} ...)",
                c.id.len(),
                c.source.first().copied().unwrap_or("")
            )
        })?
        .into_iter()
        .map(|row| row.get(0))
        .collect();
    let mut outcomes = vec![InsertOutcome::AlreadyPresent; batch.len()];
    for index in order {
        if inserted.contains(batch[index].0.id.as_str()) {
            outcomes[index] = InsertOutcome::Inserted;
        }
    }
    Ok(outcomes)
}

/// Overwrite one stored article; `first_seen` and `raw_hash` are left as stored.
fn update_article(client: &mut impl GenericClient, article: &Article) -> Result<(), StoreError> {
    let key = article.id.as_str();
    let date = article.published.date;
    let published = &article.published;
    let changed = client
        .execute(
            "UPDATE articles SET source = $2, title = $3, authors = $4, site = $5, url = $6,
                 lang = $7, body = $8, published_date = $9, published_precision = $10,
                 published_source = $11, published_confidence = $12, published_timestamp = $13,
                 published_start = $14, published_end = $15, modified = $16, mentions = $17,
                 format = $18, words = $19
             WHERE id = $1",
            &[
                &key,
                &article.source,
                &article.title,
                &codec::to_json(&article.authors, "authors", key)?,
                &article.site,
                &article.url,
                &article.lang,
                &codec::to_json(&article.body, "body", key)?,
                &date.map(|d| d.to_string()),
                &published.precision.map(|p| p.as_str()),
                &published.source.map(|s| s.as_str()),
                &published.confidence.map(f64::from),
                &published.timestamp,
                &date.map(|d| d.first_day().to_string()),
                &date.map(|d| d.last_day().to_string()),
                &article.modified.map(|d| d.to_string()),
                &codec::to_json(&article.mentioned_dates, "mentioned dates", key)?,
                &article.format.as_str(),
                &(article.word_count() as i64),
            ],
        )
        .context(|| format!("replacing article {key}"))?;
    if changed == 0 {
        return Err(StoreError::UnknownArticle {
            id: key.to_string(),
        });
    }
    Ok(())
}

pub(crate) fn article_from_row(row: &Row) -> Result<Article, StoreError> {
    let read = |e: postgres::Error| StoreError::Database {
        context: "reading an article row".to_string(),
        source: Box::new(e),
    };
    let id: String = row.try_get(0).map_err(read)?;
    let key = id.as_str();
    let text = |i: usize| row.try_get::<_, String>(i).map_err(read);
    let optional = |i: usize| row.try_get::<_, Option<String>>(i).map_err(read);
    let published = Published {
        date: codec::parse_optional_date(optional(9)?, "published date", key)?,
        precision: codec::parse_optional(optional(10)?, "published precision", key)?,
        source: codec::parse_optional(optional(11)?, "published source", key)?,
        confidence: row
            .try_get::<_, Option<f64>>(12)
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
        format: format.parse().map_err(|e: String| StoreError::Corrupt {
            what: "format",
            key: key.to_string(),
            reason: e,
        })?,
        first_seen: codec::parse_timestamp(&text(17)?, "first_seen", key)?,
        id: ArticleId(id),
    })
}

fn raw_from_row(row: &Row) -> Result<RawInput, StoreError> {
    let read = |e: postgres::Error| StoreError::Database {
        context: "reading a raw input row".to_string(),
        source: Box::new(e),
    };
    let hash: String = row.try_get(0).map_err(read)?;
    let format: String = row.try_get(1).map_err(read)?;
    let scheme: String = row.try_get(3).map_err(read)?;
    let size: i64 = row.try_get(4).map_err(read)?;
    let stored: Vec<u8> = row.try_get(5).map_err(read)?;
    let provenance: String = row.try_get(6).map_err(read)?;
    Ok(RawInput {
        format: format.parse().map_err(|e: String| StoreError::Corrupt {
            what: "raw input format",
            key: hash.clone(),
            reason: e,
        })?,
        source: row.try_get(2).map_err(read)?,
        bytes: codec::decompress(&scheme, stored, size.max(0) as usize, &hash)?,
        provenance: codec::from_json(&provenance, "raw input provenance", &hash)?,
        hash,
    })
}

fn count(client: &mut impl GenericClient, table: &str) -> Result<u64, StoreError> {
    client
        .query_one(&format!("SELECT count(*) FROM {table}"), &[])
        .map(|row| row.get::<_, i64>(0) as u64)
        .context(|| format!("counting {table}"))
}

impl PgStore {
    /// Store a batch of articles with their raw inputs in ONE transaction, as
    /// `Store::insert_articles` does: all or nothing; ids already stored, or repeated
    /// within the batch, are left alone (`AlreadyPresent`). Safe to call from many
    /// workers at once with overlapping batches (see the crate's invariants).
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
        let mut attempt = 0;
        loop {
            match self.try_insert(batch) {
                Err(e) if is_transient(&e) && attempt < TRANSIENT_RETRIES => attempt += 1,
                other => return other,
            }
        }
    }

    fn try_insert(
        &mut self,
        batch: &[(Article, RawInput)],
    ) -> Result<Vec<InsertOutcome>, StoreError> {
        let mut client = self.client();
        let mut tx = client
            .transaction()
            .context(|| "starting an insert transaction".to_string())?;
        insert_raws(&mut tx, batch)?;
        let outcomes = insert_articles(&mut tx, batch)?;
        tx.commit()
            .context(|| format!("committing a batch of {} articles", batch.len()))?;
        Ok(outcomes)
    }

    /// Overwrite a stored article with a reprocessed version of it (same id); the
    /// stored `first_seen` and raw input are kept.
    pub fn replace_article(&mut self, article: &Article) -> Result<(), StoreError> {
        update_article(&mut *self.client(), article)
    }

    /// [`PgStore::replace_article`] for a batch, in one transaction: all or nothing.
    /// Rows are updated in id order, the same lock order as inserts.
    pub fn replace_articles(&mut self, articles: &[Article]) -> Result<(), StoreError> {
        let mut order: Vec<&Article> = articles.iter().collect();
        order.sort_by(|a, b| a.id.cmp(&b.id));
        let mut client = self.client();
        let mut tx = client
            .transaction()
            .context(|| "starting a replace transaction".to_string())?;
        for article in order {
            update_article(&mut tx, article)?;
        }
        tx.commit()
            .context(|| format!("committing {} replaced articles", articles.len()))
    }

    /// Total stored size of raw inputs (compressed, uncompressed) in bytes.
    pub fn raw_sizes(&self) -> Result<(u64, u64), StoreError> {
        let row = self
            .client()
            .query_one(
                "SELECT coalesce(sum(length(bytes)), 0)::bigint, coalesce(sum(size), 0)::bigint FROM raw_inputs",
                &[],
            )
            .context(|| "summing raw input sizes".to_string())?;
        Ok((row.get::<_, i64>(0) as u64, row.get::<_, i64>(1) as u64))
    }

    /// Stream every raw input in hash order, a page at a time; returns how many.
    pub fn for_each_raw(&self, mut visit: impl FnMut(RawInput)) -> Result<u64, StoreError> {
        let mut seen = 0;
        let mut after = String::new();
        loop {
            let rows = self
                .client()
                .query(
                    &format!(
                        "SELECT {RAW_COLUMNS} FROM raw_inputs WHERE hash > $1 ORDER BY hash LIMIT 200"
                    ),
                    &[&after],
                )
                .context(|| format!("scanning raw inputs after {after:?}"))?;
            if rows.is_empty() {
                return Ok(seen);
            }
            for row in &rows {
                let raw = raw_from_row(row)?;
                after = raw.hash.clone();
                visit(raw);
                seen += 1;
            }
        }
    }

    /// The article with this id, or with this unique id prefix (at least 4 characters);
    /// an ambiguous prefix is an error listing the matches (as on SQLite).
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
        // A range scan on the key, as on SQLite; `COLLATE "C"` makes it byte order.
        let upper = format!("{wanted}{}", char::MAX);
        let candidates: Vec<String> = self
            .client()
            .query(
                "SELECT id FROM articles WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 11",
                &[&wanted, &upper],
            )
            .context(|| format!("looking up id prefix {wanted:?}"))?
            .into_iter()
            .map(|row| row.get(0))
            .collect();
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
        let row = self
            .client()
            .query_opt(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1"),
                &[&id],
            )
            .context(|| format!("looking up article {id}"))?;
        row.as_ref().map(article_from_row).transpose()
    }

    /// Up to `limit` articles with ids greater than `after`, in id order (keyset pages).
    pub fn articles_after(
        &self,
        after: Option<&ArticleId>,
        limit: usize,
    ) -> Result<Vec<Article>, StoreError> {
        let after = after.map_or("", |id| id.as_str());
        let limit = limit.min(i64::MAX as usize) as i64;
        self.client()
            .query(
                &format!(
                    "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id > $1 ORDER BY id LIMIT $2"
                ),
                &[&after, &limit],
            )
            .context(|| format!("reading articles after {after:?}"))?
            .iter()
            .map(article_from_row)
            .collect()
    }

    pub fn article_count(&self) -> Result<u64, StoreError> {
        count(&mut *self.client(), "articles")
    }

    /// Whether an article with exactly this id is stored.
    pub fn contains_article(&self, id: &str) -> Result<bool, StoreError> {
        let row = self
            .client()
            .query_opt("SELECT 1 FROM articles WHERE id = $1", &[&id])
            .context(|| format!("checking for article {id}"))?;
        Ok(row.is_some())
    }

    /// The raw input with this hash, decompressed.
    pub fn raw_input(&self, hash: &str) -> Result<Option<RawInput>, StoreError> {
        let row = self
            .client()
            .query_opt(
                &format!("SELECT {RAW_COLUMNS} FROM raw_inputs WHERE hash = $1"),
                &[&hash],
            )
            .context(|| format!("reading raw input {hash}"))?;
        row.as_ref().map(raw_from_row).transpose()
    }

    pub fn raw_count(&self) -> Result<u64, StoreError> {
        count(&mut *self.client(), "raw_inputs")
    }
}
