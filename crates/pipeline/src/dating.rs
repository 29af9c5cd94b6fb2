//! The dating step: which publication date an article gets, and the dates its text mentions.

use storyline_extract::Extracted;
use storyline_model::{DateMention, Document, Format, PartialDate, Published};
use storyline_time::{DateEvidence, InferHints};

pub(crate) struct ArticleDates {
    pub published: Published,
    pub modified: Option<PartialDate>,
    pub mentions: Vec<DateMention>,
}

pub(crate) fn date_article(doc: &Document, extracted: &Extracted) -> ArticleDates {
    let text = extracted.body.join("\n\n");
    let html = (doc.format == Format::Html).then_some(doc.text.as_str());
    let url = extracted.url.as_deref().or(doc.provenance.url.as_deref());
    let hints = InferHints {
        fetched_at: doc.provenance.fetched_at,
        ..InferHints::default()
    };
    let published = storyline_time::published(&DateEvidence {
        candidates: &extracted.date_candidates,
        html,
        url,
        provenance: Some(&doc.provenance),
        text: Some(&text),
        hints: Some(&hints),
    });
    let modified = modified_date(extracted, html, url);
    // Relative mentions ("next year") are resolved against the publication date, whatever
    // its source; without one they stay unresolved rather than guessed from today.
    let mentions = storyline_time::tag(&text, published.date);
    ArticleDates {
        published,
        modified,
        mentions,
    }
}

/// A stated modification date, kept apart from the publication date.
fn modified_date(
    extracted: &Extracted,
    html: Option<&str>,
    url: Option<&str>,
) -> Option<PartialDate> {
    let from_candidates = extracted
        .date_candidates
        .iter()
        .filter(|c| c.modified)
        .find_map(|c| storyline_time::parse_date_text(&c.text).map(|(date, _)| date));
    from_candidates.or_else(|| {
        let html = html?;
        storyline_time::html_dates(html, url, &storyline_time::Bounds::default()).modified
    })
}
