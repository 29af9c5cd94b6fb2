//! Query parameters shared by several endpoints, and their validation.
//! Every refusal is a 400 naming the parameter and the value.

use serde::Deserialize;
use storyline_model::PartialDate;
use utoipa::IntoParams;

use crate::error::ApiError;

pub const DEFAULT_LIMIT: usize = 20;
/// The most items one page may hold: bounds the work and the response size of one request.
pub const MAX_LIMIT: usize = 100;

/// `?offset=&limit=`: kept as strings so a bad value gets our message, not serde's.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items to skip (default 0).
    #[param(value_type = Option<u64>, minimum = 0)]
    pub offset: Option<String>,
    /// Items per page (default 20, at most 100).
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    pub limit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
}

impl PageParams {
    pub fn page(&self) -> Result<Page, ApiError> {
        let offset = parse_usize("offset", self.offset.as_deref())?.unwrap_or(0);
        let limit = parse_usize("limit", self.limit.as_deref())?.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(format!(
                "limit {limit} is out of range: give 1 to {MAX_LIMIT}"
            )));
        }
        Ok(Page { offset, limit })
    }
}

impl Page {
    /// This page of an in-memory list.
    pub fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let start = self.offset.min(items.len());
        let end = start.saturating_add(self.limit).min(items.len());
        &items[start..end]
    }
}

fn parse_usize(name: &str, value: Option<&str>) -> Result<Option<usize>, ApiError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v.parse::<usize>().map(Some).map_err(|_| {
            ApiError::bad_request(format!("{name} {v:?} is not a non-negative whole number"))
        }),
    }
}

/// A `YYYY`, `YYYY-MM` or `YYYY-MM-DD` parameter.
pub fn parse_date(name: &str, value: Option<&str>) -> Result<Option<PartialDate>, ApiError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v.parse::<PartialDate>().map(Some).map_err(|_| {
            ApiError::bad_request(format!(
                "{name} {v:?} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        }),
    }
}

/// An empty parameter is no filter.
pub fn non_empty(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// Article ids are hex digests (a unique prefix of at least 4 digits is accepted): anything
/// else is refused before it reaches the store.
pub fn article_id(raw: &str) -> Result<String, ApiError> {
    let id = raw.trim();
    let ok = (4..=16).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit());
    if ok {
        Ok(id.to_ascii_lowercase())
    } else {
        Err(ApiError::not_found(format!(
            "no article with id {:?}: ids are 4 to 16 hex digits",
            clip(id, 40)
        )))
    }
}

/// Event and storyline ids are `event-<hex>` / `story-<hex>`.
pub fn group_id(raw: &str, prefix: &str, what: &str) -> Result<String, ApiError> {
    let id = raw.trim();
    let ok = id
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|hex| {
            (1..=32).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit())
        });
    if ok {
        Ok(id.to_string())
    } else {
        Err(ApiError::not_found(format!(
            "no {what} with id {:?}",
            clip(id, 40)
        )))
    }
}

fn clip(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_bounded_and_bad_numbers_are_named() {
        let p = PageParams::default().page().unwrap();
        assert_eq!(
            p,
            Page {
                offset: 0,
                limit: DEFAULT_LIMIT
            }
        );
        let err = PageParams {
            offset: Some("-1".into()),
            limit: None,
        }
        .page()
        .unwrap_err();
        assert!(err.message.contains("offset"), "{err}");
        let err = PageParams {
            offset: None,
            limit: Some("1000".into()),
        }
        .page()
        .unwrap_err();
        assert!(err.message.contains("limit 1000"), "{err}");
        let page = Page {
            offset: 2,
            limit: 2,
        };
        assert_eq!(page.slice(&[1, 2, 3]), &[3]);
        assert!(Page {
            offset: 9,
            limit: 2
        }
        .slice(&[1, 2, 3])
        .is_empty());
    }

    #[test]
    fn ids_are_validated_as_hex() {
        assert_eq!(article_id("ABCD12").unwrap(), "abcd12");
        for bad in ["../etc", "abc", "zzzz", "0123456789abcdef0", "ab%2f"] {
            assert!(article_id(bad).is_err(), "{bad}");
        }
        assert!(group_id("event-00ff", "event", "event").is_ok());
        for bad in ["event-", "event-xyz", "story-00ff", "event-00ff/.."] {
            assert!(group_id(bad, "event", "event").is_err(), "{bad}");
        }
    }
}
