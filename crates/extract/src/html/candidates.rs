//! The two main-content extractors, each giving a candidate body for one page.

use trafilatura::{ExtractionFocus, Options};

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
/// configuration both benchmarks publish figures for.
pub fn run_trafilatura(html: &str, url: Option<&str>) -> TrafilaturaRun {
    let mut options = Options::default()
        .with_fallback(true)
        .with_exclude_comments(true)
        .with_focus(ExtractionFocus::Balanced);
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

/// Readability (Mozilla's algorithm, as ported by `dom_smoothie`), paragraphs read from its cleaned HTML.
pub fn run_readability(html: &str, url: Option<&str>) -> Option<Candidate> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Raw,
        ..dom_smoothie::Config::default()
    };
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut readability = dom_smoothie::Readability::new(html, url, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    Some(Candidate {
        extractor: "readability",
        paragraphs: html_paragraphs(&article.content),
        title: article.title,
    })
}
