//! `storyline-time`: when was this published, and which dates does it mention?
//!
//! Owns: parsing stated dates ([`parse_candidate`]), the HTML publication-date cascade
//! ([`html_published`]), the rule-based temporal tagger ([`tag`]), inference of a
//! publication date from a text's own evidence ([`infer_published`]) and the combination
//! of all of them ([`published`]).
//!
//! Must not touch: I/O of any kind (files, network, the store), the clock (a relative
//! expression is never resolved against today's date), or other stages' data beyond the
//! shared `storyline-model` types. Pure functions only: text in, dates out.

mod html;
mod infer;
mod parse;
mod published;
mod tagger;
mod vocab;

pub use html::{html_dates, html_published, url_date, Bounds, HtmlDates};
pub use infer::{infer_published, InferHints};
pub use parse::{find_dates, parse_candidate, parse_date_text, FoundDate};
pub use published::{published, DateEvidence};
pub use tagger::{expressions, tag, Expression, Resolved, When};
pub use vocab::Unit;
