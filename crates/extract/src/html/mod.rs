//! HTML main-content extraction: two extractors (trafilatura and readability via
//! `dom_smoothie`) each propose a body, a quality score picks one per page, and the
//! article fields come from the page's metadata.

mod candidates;
mod edges;
mod headline;
mod lead;
mod link_tail;
mod metadata;
mod paragraphs;
mod prepare;
mod quality;
mod shared_tree;
mod spacing;

pub use candidates::Candidate;

use crate::{Added, Extracted, Removed};

/// Extract title, authors, site, canonical URL, language and body paragraphs from one
/// HTML page. Never fails: a page with no recognisable content gives an empty body.
pub fn extract_html(html: &str, url: Option<&str>) -> Extracted {
    let html = &prepare::prepare(html);
    let candidates::Readings {
        readability,
        trafilatura: run,
    } = candidates::read_page(html, url);
    let meta = &run.metadata;
    let site_name = non_empty(&meta.sitename);
    let canonical = non_empty(&meta.url).or_else(|| url.map(str::to_string));
    let site = site_name
        .clone()
        .or_else(|| canonical.as_deref().and_then(metadata::host_of))
        .or_else(|| non_empty(&meta.hostname));
    let title = metadata::clean_title(&meta.title, site.as_deref());

    let mut proposals: Vec<Candidate> = run.candidate.into_iter().collect();
    if let Some((readability, _)) = readability {
        // Trafilatura's reading takes readability's spacing where it ran words together,
        // before the two are compared.
        if let Some(primary) = proposals.first_mut() {
            spacing::respace_from(&mut primary.paragraphs, &readability.paragraphs);
        }
        proposals.push(readability);
    }
    let titles: Vec<String> = proposals
        .iter()
        .map(|c| c.title.clone())
        .chain([title.clone()])
        .chain(headline::page_headlines(html))
        .collect();
    let title_refs: Vec<&str> = titles.iter().map(String::as_str).collect();
    let links = link_tail::PageLinks::of(html);
    let mut body = quality::choose(proposals, &links)
        .map(|c| c.paragraphs)
        .unwrap_or_default();
    let leading = link_tail::cut_leading_link_lists(&mut body, &links);
    headline::strip_headline(&mut body, &title_refs);
    let mut removed: Vec<Removed> = Removed::all(leading, link_tail::LEADING_REASON).collect();
    let mut added = Vec::new();
    match lead::place_lead(&mut body, &meta.description, html) {
        Some(lead::Lead::Restored(text)) => added.push(Added {
            text,
            reason: lead::ADDED.to_string(),
        }),
        Some(lead::Lead::Dek(text)) => removed.push(Removed::new(text, lead::DEK)),
        None => {}
    }
    removed.extend(Removed::all(
        link_tail::cut_trailing_link_lists(&mut body, &links),
        link_tail::REASON,
    ));
    removed.extend(Removed::all(
        link_tail::cut_shouted_links(&mut body, &links),
        link_tail::SHOUTED_REASON,
    ));
    removed.extend(edges::cut_labels(&mut body));
    removed.extend(crate::end_boxes::cut_end_boxes(&mut body));

    Extracted {
        title,
        authors: metadata::split_authors(&meta.author),
        site,
        url: canonical,
        lang: metadata::language_code(&meta.language),
        body,
        date_candidates: Vec::new(),
        removed,
        added,
    }
}

/// Every extractor's candidate body for a page, for diagnostics and evaluation.
pub fn extract_candidates(html: &str, url: Option<&str>) -> Vec<Candidate> {
    let readings = candidates::read_page(&prepare::prepare(html), url);
    let mut out: Vec<Candidate> = readings.trafilatura.candidate.into_iter().collect();
    out.extend(readings.readability.map(|r| r.0));
    out
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Test support shared by the html modules' tests.
#[cfg(test)]
pub(crate) mod test_support {
    /// Owned paragraphs from string literals.
    pub(crate) fn owned(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }
}
