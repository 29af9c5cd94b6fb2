//! Choosing between candidate bodies by a quality score.

use super::Candidate;

/// Pick the candidate to keep. Trafilatura is the primary extractor; readability replaces
/// it only when trafilatura found (almost) nothing.
pub fn choose(candidates: Vec<Candidate>, _title: &str) -> Option<Candidate> {
    candidates.into_iter().find(|c| !c.paragraphs.is_empty())
}
