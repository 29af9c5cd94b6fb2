//! JSON records of news tools (being built).

use crate::Extracted;

/// Extra field names for JSON records: `(our field, their field)` pairs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldMap {
    pub pairs: Vec<(String, String)>,
}

/// Extract one JSON record.
pub fn extract_record(_json: &str, _map: &FieldMap) -> Extracted {
    Extracted::default()
}
