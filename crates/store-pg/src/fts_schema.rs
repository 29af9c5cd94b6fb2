//! The full-text search index on PostgreSQL: what the tantivy directory is to the
//! embedded store, kept inside the database.
//!
//! Why its own numbering and not migration 5 of the store's schema: the numbered
//! migrations mean one schema on both backends (same tables, same columns, so `migrate`
//! copies rows as they are). The SQLite store needs no twin of this — its index is the
//! tantivy directory beside the database, outside the SQLite schema — so a shared
//! number would either force an empty SQLite migration or collide with the next real
//! shared one. The search objects therefore carry their own version
//! (`storyline_search_schema`), applied after the shared migrations, under the same
//! advisory-lock discipline; they are derived from the articles and can be dropped and
//! rebuilt at any time.
//!
//! What it creates (search version 1):
//! - `storyline_ts_config(lang)`: the article's language (ISO 639-1, any case, region
//!   suffix ignored) mapped to a text search configuration of this server (`english`,
//!   `german`, ...), `simple` (no stemming, no stop words) for any other or no language.
//!   Generated from the server's own `pg_ts_config` at migration time, so an older
//!   server without, say, `armenian` falls back to `simple` instead of failing inserts.
//! - `articles.search_doc`: a stored generated `tsvector` (title weight A, body weight
//!   B, each in the article's configuration) with a GIN index. Stored rather than an
//!   expression index: ranking reads the vector of every match, and recomputing it per
//!   match would parse every matching body again on each query.
//! - `storyline_tsquery_or`: an aggregate OR of tsqueries, to ask one query in every
//!   configuration in use at once (a query's language is not known; each article
//!   matches it under its own configuration).
//! - Indexes for the search filters that have none yet (`lower(site)`, `lang`).

use postgres::Client;
use storyline_store::StoreError;

use crate::error::PgContext;

/// ISO 639-1 code → PostgreSQL text search configuration (those shipped with the server
/// since 9.x to 16; only the ones this server has are used).
const LANGUAGES: &[(&str, &str)] = &[
    ("ar", "arabic"),
    ("ca", "catalan"),
    ("da", "danish"),
    ("de", "german"),
    ("el", "greek"),
    ("en", "english"),
    ("es", "spanish"),
    ("eu", "basque"),
    ("fi", "finnish"),
    ("fr", "french"),
    ("ga", "irish"),
    ("hi", "hindi"),
    ("hu", "hungarian"),
    ("hy", "armenian"),
    ("id", "indonesian"),
    ("it", "italian"),
    ("lt", "lithuanian"),
    ("nb", "norwegian"),
    ("ne", "nepali"),
    ("nl", "dutch"),
    ("nn", "norwegian"),
    ("no", "norwegian"),
    ("pt", "portuguese"),
    ("ro", "romanian"),
    ("ru", "russian"),
    ("sr", "serbian"),
    ("sv", "swedish"),
    ("ta", "tamil"),
    ("tr", "turkish"),
    ("yi", "yiddish"),
];

/// The search objects' version this release creates.
pub(crate) const SEARCH_VERSION: i64 = 1;

const LOCK: &str =
    "SELECT pg_advisory_xact_lock(hashtext('storyline.search.' || current_schema()))";

/// Create or bring up to date the search objects of the current schema.
pub(crate) fn migrate(client: &mut Client, store: &str) -> Result<(), StoreError> {
    let found = version(client)?;
    if found > SEARCH_VERSION {
        return Err(StoreError::SchemaTooNew {
            path: store.into(),
            found,
            known: SEARCH_VERSION,
        });
    }
    if found == SEARCH_VERSION {
        return Ok(());
    }
    let what = || "creating the full-text search index".to_string();
    let mut tx = client.transaction().context(what)?;
    tx.batch_execute(LOCK).context(what)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS storyline_search_schema (version BIGINT NOT NULL)",
    )
    .context(what)?;
    let current: Option<i64> = tx
        .query_opt("SELECT version FROM storyline_search_schema", &[])
        .context(what)?
        .map(|row| row.get(0));
    if current.unwrap_or(0) >= SEARCH_VERSION {
        return Ok(()); // another worker created it meanwhile
    }
    let schema: String = tx
        .query_one("SELECT quote_ident(current_schema())", &[])
        .context(what)?
        .get(0);
    let present: Vec<String> = tx
        .query(
            "SELECT cfgname::text FROM pg_ts_config
             WHERE cfgnamespace = 'pg_catalog'::regnamespace",
            &[],
        )
        .context(what)?
        .iter()
        .map(|row| row.get(0))
        .collect();
    tx.batch_execute(&version_1(&schema, &present))
        .context(what)?;
    tx.execute(
        "INSERT INTO storyline_search_schema (version) VALUES ($1)",
        &[&SEARCH_VERSION],
    )
    .context(what)?;
    tx.commit().context(what)
}

fn version(client: &mut Client) -> Result<i64, StoreError> {
    let what = || "reading the search index version".to_string();
    let exists: bool = client
        .query_one(
            "SELECT to_regclass('storyline_search_schema') IS NOT NULL",
            &[],
        )
        .context(what)?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let row = client
        .query_opt("SELECT version FROM storyline_search_schema", &[])
        .context(what)?;
    Ok(row.map_or(0, |r| r.get(0)))
}

/// The SQL of search version 1 for `schema` (quoted) on a server with the `present`
/// configurations. Functions name their callees with the schema: a function body
/// resolves names by the caller's `search_path`, and the generated column must mean the
/// same thing in every session.
fn version_1(schema: &str, present: &[String]) -> String {
    let arms: String = LANGUAGES
        .iter()
        .filter(|(_, config)| present.iter().any(|p| p == config))
        .map(|(code, config)| format!("WHEN '{code}' THEN 'pg_catalog.{config}'::regconfig "))
        .collect();
    format!(
        r#"
        -- IMMUTABLE is true here: the built-in configurations never change meaning.
        CREATE FUNCTION {schema}.storyline_ts_config(lang text) RETURNS regconfig
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT CASE lower(split_part(split_part(coalesce(lang, ''), '-', 1), '_', 1))
                {arms}
                ELSE 'pg_catalog.simple'::regconfig END
            $$;
        -- The body column holds the paragraphs as a JSON array of strings. Anything
        -- else (a row damaged outside storyline, which `verify` reports) is indexed as
        -- plain text rather than refused, so the damage stays visible and repairable.
        CREATE FUNCTION {schema}.storyline_body_text(body text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT CASE WHEN body LIKE '[%' THEN
                (SELECT coalesce(string_agg(p, E'\n\n'), '')
                 FROM jsonb_array_elements_text(body::jsonb) AS p)
            ELSE body END
            $$;
        CREATE FUNCTION {schema}.storyline_search_doc(title text, body text, lang text)
            RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT setweight(to_tsvector({schema}.storyline_ts_config(lang), title), 'A')
                || setweight(to_tsvector({schema}.storyline_ts_config(lang),
                                         {schema}.storyline_body_text(body)), 'B')
            $$;
        CREATE AGGREGATE {schema}.storyline_tsquery_or(tsquery) (
            SFUNC = pg_catalog.tsquery_or, STYPE = tsquery
        );
        ALTER TABLE articles ADD COLUMN search_doc tsvector
            GENERATED ALWAYS AS ({schema}.storyline_search_doc(title, body, lang)) STORED;
        CREATE INDEX articles_search ON articles USING gin (search_doc);
        CREATE INDEX articles_by_lang ON articles (lang);
        CREATE INDEX articles_by_site_lower ON articles (lower(site));
        "#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_servers_configurations_are_mapped() {
        let sql = version_1("s", &["english".to_string(), "simple".to_string()]);
        assert!(sql.contains("WHEN 'en' THEN 'pg_catalog.english'"), "{sql}");
        assert!(!sql.contains("german"), "{sql}");
        assert!(sql.contains("s.storyline_ts_config(lang), title"), "{sql}");
    }
}
