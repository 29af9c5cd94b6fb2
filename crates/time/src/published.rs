//! One publication date from everything known about a document, in order of trust:
//! dates stated as data (front matter, JSON-LD, meta tags, record fields, feeds) before
//! `<time>` elements, the URL, bylines and page text, and inference last.

use storyline_model::{DateCandidate, DateSource, Provenance, Published};

use crate::html::{html_dates, Bounds};
use crate::infer::{infer_published, InferHints};
use crate::parse::{parse_candidate, parse_date_text};

/// Everything the pipeline knows about one document's date.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateEvidence<'a> {
    /// Candidates from extraction (front matter, record field, byline).
    pub candidates: &'a [DateCandidate],
    /// The raw HTML, for HTML documents.
    pub html: Option<&'a str>,
    pub url: Option<&'a str>,
    pub provenance: Option<&'a Provenance>,
    /// The clean body text, for inference.
    pub text: Option<&'a str>,
    pub hints: Option<&'a InferHints>,
}

/// Lower is more trusted.
fn trust(source: DateSource) -> u8 {
    match source {
        DateSource::FrontMatter
        | DateSource::JsonLd
        | DateSource::MetaTag
        | DateSource::RecordField
        | DateSource::Feed => 0,
        DateSource::TimeElement => 1,
        DateSource::Url => 2,
        DateSource::Byline => 3,
        DateSource::Inferred => 4,
    }
}

/// The best publication date the evidence supports (unknown when there is none).
pub fn published(evidence: &DateEvidence) -> Published {
    let mut found: Vec<Published> = evidence
        .candidates
        .iter()
        .filter_map(parse_candidate)
        .collect();
    let latest = evidence
        .provenance
        .and_then(|p| p.fetched_at)
        .map(|t| t.date_naive());
    if let Some(html) = evidence.html {
        let bounds = Bounds {
            latest,
            ..Bounds::default()
        };
        found.extend(html_dates(html, evidence.url, &bounds).published);
    }
    if let Some(feed) = evidence
        .provenance
        .and_then(|p| p.feed_published.as_deref())
    {
        if let Some((date, timestamp)) = parse_date_text(feed) {
            let p = Published::stated(date, DateSource::Feed);
            found.push(match timestamp {
                Some(ts) => p.with_timestamp(ts),
                None => p,
            });
        }
    }
    if evidence.html.is_none() {
        if let Some(date) = evidence.url.and_then(crate::html::url_date) {
            found.push(Published::stated(date, DateSource::Url));
        }
    }
    // Among equally trusted dates, the more precise wins; then the first found.
    let best = found.into_iter().enumerate().min_by_key(|(i, p)| {
        let source = p.source.unwrap_or(DateSource::Inferred);
        (trust(source), std::cmp::Reverse(p.precision), *i)
    });
    if let Some((_, best)) = best {
        return best;
    }
    let default_hints = InferHints {
        fetched_at: evidence.provenance.and_then(|p| p.fetched_at),
        ..InferHints::default()
    };
    let hints = evidence.hints.unwrap_or(&default_hints);
    evidence
        .text
        .and_then(|text| infer_published(text, hints))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(text: &str, source: DateSource) -> DateCandidate {
        DateCandidate {
            text: text.into(),
            source,
            modified: false,
        }
    }

    #[test]
    fn stated_dates_beat_bylines_and_urls() {
        let candidates = [
            candidate("May 28, 2015", DateSource::Byline),
            candidate("2015-05-29T10:00:00Z", DateSource::FrontMatter),
        ];
        let p = published(&DateEvidence {
            candidates: &candidates,
            url: Some("https://a.com/2015/05/27/x"),
            ..Default::default()
        });
        assert_eq!(p.date.unwrap().to_string(), "2015-05-29");
        assert_eq!(p.source, Some(DateSource::FrontMatter));
        assert!(p.timestamp.is_some());
    }

    #[test]
    fn feed_dates_and_urls_are_used_when_nothing_else_is_stated() {
        let provenance = Provenance {
            feed_published: Some("Tue, 05 Nov 2019 08:11:00 +0100".into()),
            ..Default::default()
        };
        let p = published(&DateEvidence {
            provenance: Some(&provenance),
            url: Some("https://a.com/2019/11/04/x"),
            ..Default::default()
        });
        assert_eq!(
            (p.date.unwrap().to_string(), p.source),
            ("2019-11-05".into(), Some(DateSource::Feed))
        );
        let p = published(&DateEvidence {
            url: Some("https://a.com/2019/11/04/x"),
            ..Default::default()
        });
        assert_eq!(p.source, Some(DateSource::Url));
    }

    #[test]
    fn inference_is_the_last_resort_and_says_so() {
        let text =
            "Sales fell in the third quarter of 2019. On November 4th, the firm confirmed it.";
        let p = published(&DateEvidence {
            text: Some(text),
            ..Default::default()
        });
        assert_eq!(p.source, Some(DateSource::Inferred));
        assert_eq!(p.date.unwrap().to_string(), "2019-11");
        assert!(p.confidence.unwrap() < 1.0);
        assert_eq!(published(&DateEvidence::default()), Published::unknown());
    }
}
