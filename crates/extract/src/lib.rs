//! Main-content extraction from HTML and cleaning of text and Markdown: bytes of one
//! document in, title, authors and clean body paragraphs out.
//!
//! Owns: HTML main-content extraction ([`html`]), line/block classification of plain
//! text and Markdown ([`text`]), front matter, bylines, and mapping of JSON record
//! fields ([`record`]); per-site boilerplate learned from repetition across a
//! site's articles ([`site`]).
//!
//! Must not touch: the file system, the network, the store, or date interpretation
//! (dates are handed on as [`DateCandidate`]s for the time crate to parse). Pure
//! functions only: the same document always gives the same [`Extracted`].

mod end_boxes;
pub mod html;
pub mod record;
pub mod site;
pub mod text;

use storyline_model::{DateCandidate, Document, Format};

/// Why a block of the input was not kept in the body (for `storyline extract --explain`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Removed {
    pub text: String,
    pub reason: String,
}

impl Removed {
    /// `text`, removed for `reason`.
    pub fn new(text: impl Into<String>, reason: &str) -> Self {
        Removed {
            text: text.into(),
            reason: reason.to_string(),
        }
    }

    /// Each of `texts`, removed for the same reason.
    pub fn all(texts: Vec<String>, reason: &str) -> impl Iterator<Item = Removed> + '_ {
        texts
            .into_iter()
            .map(move |text| Removed::new(text, reason))
    }
}

/// Text put into the body that the chosen extractor had left out, and why (for
/// `storyline extract --explain`; today only the lead restored from the description).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Added {
    pub text: String,
    pub reason: String,
}

/// What extraction found in one document.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Extracted {
    pub title: String,
    pub authors: Vec<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    /// Clean body, one paragraph per entry.
    pub body: Vec<String>,
    /// Dates the document states (front matter, record fields, byline).
    pub date_candidates: Vec<DateCandidate>,
    pub removed: Vec<Removed>,
    pub added: Vec<Added>,
}

/// Options that change extraction (kept small: defaults must generalise).
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Extra JSON record field names, e.g. `body=content`, tried before the defaults.
    pub field_map: record::FieldMap,
}

/// Extract one document according to its format.
pub fn extract(doc: &Document, options: &ExtractOptions) -> Extracted {
    match doc.format {
        Format::Html => html::extract_html(&doc.text, doc.provenance.url.as_deref()),
        Format::Record => record::extract_record(&doc.text, &options.field_map),
        Format::Text | Format::Markdown => text::extract_text(&doc.text, doc.format),
    }
}
