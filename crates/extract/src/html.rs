//! HTML main-content extraction (being built).

use crate::Extracted;

/// Extract title, authors and body paragraphs from one HTML page.
pub fn extract_html(_html: &str, url: Option<&str>) -> Extracted {
    Extracted {
        url: url.map(str::to_string),
        ..Extracted::default()
    }
}
