//! The network side of live ingest: fetching feeds and article pages politely and
//! safely, parsing feeds and OPML lists, and canonical URLs for article identity.
//!
//! Owns: the HTTP client (reqwest, rustls only) and its limits (timeouts, body size,
//! redirects followed by hand so each hop is checked: only http/https, loops caught),
//! content-type checks, conditional GET (ETag / Last-Modified), per-host politeness
//! (a minimum delay between two requests to one host, longer when robots.txt asks),
//! robots.txt for article pages, feed parsing (feed-rs: RSS 0.9x/1/2, Atom, JSON Feed)
//! into plain [`FeedItem`]s, OPML subscription lists, and URL canonicalisation.
//!
//! Must not touch: the store, extraction, dating, the pipeline. It hands back bytes and
//! plain records; what to keep and how to identify an article over time is the app's
//! watcher's job. Every failure is a [`FetchError`] naming the URL and saying what went
//! wrong, never a panic.

mod canonical;
mod client;
mod feed;
mod robots;

pub use canonical::{canonical_link, canonical_url, identity_key};
pub use client::{Accept, FetchConfig, FetchError, Fetched, Fetcher, Validators};
pub use feed::{parse_feed, parse_opml, FeedError, FeedItem, ParsedFeed};
