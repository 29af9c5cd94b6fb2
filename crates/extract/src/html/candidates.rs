//! The two main-content extractors, each giving a candidate body for one page.

use trafilatura::{ExtractionFocus, FallbackCandidates, HtmlDateMode, Options};

use super::paragraphs::html_paragraphs;

/// One extractor's reading of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub extractor: &'static str,
    pub paragraphs: Vec<String>,
    /// The title this extractor read from the page (empty when it has none).
    pub title: String,
}

/// What trafilatura found besides the body: its metadata is reused for the article fields.
pub struct TrafilaturaRun {
    pub candidate: Option<Candidate>,
    pub metadata: trafilatura::Metadata,
}

/// Trafilatura's standard (not "fast") settings, comments excluded, tables kept: the
/// configuration both benchmarks publish figures for. `readability_html` is readability's
/// reading of the same page, handed to trafilatura as the fallback candidate it compares
/// its own extraction with, so that it does not run a readability of its own. Dates are
/// not read here: the time crate owns them, and trafilatura's date search costs time.
pub fn run_trafilatura(
    html: &str,
    url: Option<&str>,
    readability_html: Option<&str>,
) -> TrafilaturaRun {
    let mut options = Options::default()
        .with_fallback(true)
        .with_exclude_comments(true)
        .with_focus(ExtractionFocus::Balanced)
        .with_html_date_mode(HtmlDateMode::Disabled);
    if let Some(content) = readability_html {
        let mut fallback = FallbackCandidates::default();
        fallback.readability_html = Some(content.to_string());
        options = options.with_fallback_candidates(fallback);
    }
    if let Some(parsed) = url.and_then(|u| url::Url::parse(u).ok()) {
        options = options.with_url(parsed);
    }
    match trafilatura::extract(html, &options) {
        Ok(result) => TrafilaturaRun {
            candidate: Some(Candidate {
                extractor: "trafilatura",
                paragraphs: html_paragraphs(&result.content_html),
                title: result.metadata.title.clone(),
            }),
            metadata: result.metadata,
        },
        Err(error) => {
            tracing::debug!(%error, "trafilatura found no main content");
            TrafilaturaRun {
                candidate: None,
                metadata: trafilatura::Metadata::default(),
            }
        }
    }
}

/// Readability (Mozilla's algorithm, as ported by `dom_smoothie`), paragraphs read from its
/// cleaned HTML; the HTML itself is returned too, for trafilatura's fallback comparison.
pub fn run_readability(html: &str, url: Option<&str>) -> Option<(Candidate, String)> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Raw,
        ..dom_smoothie::Config::default()
    };
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut readability = dom_smoothie::Readability::new(html, url, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let content = article.content.to_string();
    Some((
        Candidate {
            extractor: "readability",
            paragraphs: html_paragraphs(&content),
            title: article.title,
        },
        content,
    ))
}
