//! Plain text and Markdown cleaning (being built).

use storyline_model::Format;

use crate::Extracted;

/// Clean one plain-text or Markdown document.
pub fn extract_text(_text: &str, _format: Format) -> Extracted {
    Extracted::default()
}
