//! Document in, article out: the one function every entry point (CLI ingest, HTTP
//! ingest, feed watcher, WARC reader, `reprocess`) calls to turn a decoded
//! [`Document`] into an [`Article`].
//!
//! Owns: the order of the stages (extract → site boilerplate out → date → tag
//! mentions) and the rules for combining their results (which date wins, when a
//! document is rejected). What a site repeats is learned across documents, so the
//! caller holds those counts and hands them in ([`remove_site_boilerplate`]).
//!
//! Must not touch: the file system, the network or the store. It composes the pure
//! stage crates (`extract`, `time`) and adds no text heuristics of its own: a better
//! extractor or tagger improves every entry point at once, and `reprocess` re-runs
//! this over the stored raw inputs.

mod dating;
mod language;

use chrono::{DateTime, Utc};
use storyline_extract::site::SiteParagraphs;
use storyline_extract::{ExtractOptions, Extracted};
use storyline_model::{Article, ArticleId, Document};

/// Bumped whenever the pipeline's output for the same input may change, so a store can
/// tell which articles `reprocess` would alter.
pub const PIPELINE_VERSION: u32 = 1;

/// Why a document did not become an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProcessError {
    #[error("{source_name}: no article text found (no title and no body after cleaning)")]
    NoContent { source_name: String },
}

/// Settings of one pipeline run.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    pub extract: ExtractOptions,
}

/// Run extraction and dating over one document.
///
/// `first_seen` is when storyline first saw the content (now, or a crawl time).
pub fn process(
    doc: &Document,
    options: &PipelineOptions,
    first_seen: DateTime<Utc>,
) -> Result<Article, ProcessError> {
    let extracted = storyline_extract::extract(doc, &options.extract);
    article_from(doc, extracted, first_seen)
}

/// The site an article made from this extraction will carry: the name the document
/// gives, or its URL's host. Per-site boilerplate is learned and removed under it.
pub fn site_of(doc: &Document, extracted: &Extracted) -> Option<String> {
    extracted.site.clone().or_else(|| {
        extracted
            .url
            .as_deref()
            .or(doc.provenance.url.as_deref())
            .and_then(host_of)
    })
}

/// Take what the site is known to repeat out of the extracted body (before dating, so
/// no date is read from a copyright line); the removed paragraphs join
/// `extracted.removed`. Returns whether anything was removed.
pub fn remove_site_boilerplate(extracted: &mut Extracted, site: &SiteParagraphs) -> bool {
    let Some(stripped) = site.strip(&extracted.body) else {
        return false;
    };
    extracted.body = stripped.body;
    extracted.removed.extend(stripped.removed);
    true
}

/// Assemble the article from what extraction found, adding dates.
pub fn article_from(
    doc: &Document,
    extracted: Extracted,
    first_seen: DateTime<Utc>,
) -> Result<Article, ProcessError> {
    if extracted.body.is_empty() && extracted.title.trim().is_empty() {
        return Err(ProcessError::NoContent {
            source_name: doc.source.clone(),
        });
    }
    let dates = dating::date_article(doc, &extracted);
    let lang = extracted
        .lang
        .clone()
        .or_else(|| language::detect(&extracted.title, &extracted.body));
    let url = extracted.url.clone().or_else(|| doc.provenance.url.clone());
    let site = site_of(doc, &extracted);
    Ok(Article {
        id: ArticleId::from_raw(&doc.raw),
        source: doc.source.clone(),
        title: extracted.title,
        authors: extracted.authors,
        site,
        url,
        lang,
        body: extracted.body,
        published: dates.published,
        modified: dates.modified,
        mentioned_dates: dates.mentions,
        format: doc.format,
        first_seen: doc.provenance.fetched_at.unwrap_or(first_seen),
        raw_hash: doc.raw_hash(),
    })
}

/// The host of a URL without `www.`, used as the site when nothing names one.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host
        .split(':')
        .next()?
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_of_strips_scheme_www_port_and_path() {
        assert_eq!(
            host_of("https://www.Example.com:8080/a/b?c#d").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host_of("http://user@news.site.test/x").as_deref(),
            Some("news.site.test")
        );
        assert_eq!(host_of("not a url"), None);
    }
}
