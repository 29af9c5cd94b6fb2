//! The two main-content extractors, each giving a candidate body for one page.

use trafilatura::{ExtractionFocus, FallbackCandidates, HtmlDateMode, Options};

use super::paragraphs::{html_paragraphs, html_paragraphs_and_captions};
use super::shared_tree;

/// One extractor's reading of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub extractor: &'static str,
    pub paragraphs: Vec<String>,
    /// The title this extractor read from the page (empty when it has none).
    pub title: String,
    /// Paragraphs that are picture captions or credits (inside `<figure>`); only readability
    /// keeps figures, trafilatura's reading has none.
    pub captions: Vec<String>,
}

/// What trafilatura found besides the body: its metadata is reused for the article fields.
pub struct TrafilaturaRun {
    pub candidate: Option<Candidate>,
    pub metadata: trafilatura::Metadata,
}

/// Both extractors' readings of one page, from one parse of it.
pub struct Readings {
    /// Readability's candidate and the HTML it was read from.
    pub readability: Option<(Candidate, String)>,
    pub trafilatura: TrafilaturaRun,
}

/// Readability first: its reading is both a candidate and the fallback trafilatura
/// compares its own extraction with (which would otherwise run a second readability
/// implementation, libreadability, over a re-serialised copy of the page). The page is
/// parsed once (`shared_tree`); trafilatura's copy of the tree is taken before
/// readability runs, as readability edits the document it reads.
pub fn read_page(html: &str, url: Option<&str>) -> Readings {
    let parsed = shared_tree::parse(html);
    let page = trafilatura::dom::Document::from_tree(shared_tree::scraper_tree(&parsed));
    let readability = run_readability(parsed, url);
    let shared = readability.as_ref().map(|r| r.1.as_str());
    let trafilatura = run_trafilatura(page, url, shared);
    Readings {
        readability,
        trafilatura,
    }
}

/// Trafilatura's standard (not "fast") settings, comments excluded, tables kept: the
/// configuration both benchmarks publish figures for. `readability_html` is readability's
/// reading of the same page, handed to trafilatura as the fallback candidate it compares
/// its own extraction with, so that it does not run a readability of its own. Dates are
/// not read here: the time crate owns them, and trafilatura's date search costs time.
fn run_trafilatura(
    page: trafilatura::dom::Document,
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
    match trafilatura::extract_document(page, &options) {
        Ok(result) => TrafilaturaRun {
            candidate: Some(Candidate {
                extractor: "trafilatura",
                paragraphs: html_paragraphs(&result.content_html),
                title: result.metadata.title.clone(),
                captions: Vec::new(),
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
fn run_readability(page: dom_query::Document, url: Option<&str>) -> Option<(Candidate, String)> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Raw,
        ..dom_smoothie::Config::default()
    };
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut readability = dom_smoothie::Readability::with_document(page, url, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let content = article.content.to_string();
    let (paragraphs, captions) = html_paragraphs_and_captions(&content);
    Some((
        Candidate {
            extractor: "readability",
            paragraphs,
            title: article.title,
            captions,
        },
        content,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><title>Storm hits the coast</title>
        <meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
        <body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>
        <h1>Storm hits the coast</h1>
        <p>The storm reached the coast on Tuesday night and flooded the lower town, where
        water stood a metre deep in the streets by morning and hundreds of people left.</p>
        <p>Rescue teams worked through the night; the mayor said the damage would take
        months to repair and asked the region for help with the cost of rebuilding.</p>
        <p>Forecasters expect the wind to ease by Thursday, but more rain is due at the
        weekend, and the river is still rising upstream of the old bridge.</p>
        </article><footer>Copyright 2024 Coast News</footer></body></html>"#;

    #[test]
    fn readability_returns_its_html_with_the_paragraphs_read_from_it() {
        let (candidate, html) =
            run_readability(shared_tree::parse(PAGE), None).expect("an article");
        assert_eq!(candidate.paragraphs, html_paragraphs(&html));
        assert!(candidate
            .paragraphs
            .iter()
            .any(|p| p.starts_with("Rescue teams")));
    }

    #[test]
    fn trafilatura_with_the_shared_candidate_keeps_its_own_reading_and_reads_no_date() {
        let readings = read_page(PAGE, None);
        let run = readings.trafilatura;
        assert!(readings.readability.is_some());
        let body = run.candidate.expect("a body").paragraphs.join("\n");
        assert!(
            body.contains("Rescue teams worked through the night"),
            "{body}"
        );
        assert!(!body.contains("Copyright"), "{body}");
        // Dates belong to the time crate: trafilatura's date search is off.
        assert_eq!(run.metadata.date, None);
        assert_eq!(run.metadata.title, "Storm hits the coast");
    }

    #[test]
    fn a_shared_candidate_rescues_a_page_trafilatura_reads_as_empty() {
        // Trafilatura finds no article in a bare list; the shared reading is what it falls
        // back to, exactly as with its own readability pass.
        let page = "<html><body><div><a href='/a'>a</a></div></body></html>";
        let shared = format!(
            "<div><p>{}</p></div>",
            "Shared reading of the page. ".repeat(20)
        );
        let run = run_trafilatura(trafilatura::dom::Document::parse(page), None, Some(&shared));
        let body = run
            .candidate
            .map(|c| c.paragraphs.join(" "))
            .unwrap_or_default();
        assert!(body.starts_with("Shared reading of the page."), "{body:?}");
    }
}
