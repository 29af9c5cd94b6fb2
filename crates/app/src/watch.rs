//! The feed watcher: poll feeds, fetch the pages their items link to, and ingest them
//! through [`crate::ingest_documents`], recognising what was seen before.
//!
//! Identity of a fetched article, in order: the feed's GUID (per feed), the canonical
//! URL (tracking parameters and fragments stripped, host normalised, the page's own
//! `<link rel=canonical>` honoured), then the extracted text. So a retitled item, a
//! moved URL or the same story in two feeds adds no article. When a feed says an item
//! was updated, the page is fetched again; if its text changed, the new text is stored
//! as a new article and recorded as the item's next version (the old one stays).
//!
//! Restart safety: a feed's HTTP validators are written only after all of its items
//! are handled, so an interrupted round re-reads the feed in full next time; items
//! already recorded are recognised and not fetched again.
//!
//! Several watchers on one PostgreSQL store share the polling: a round claims due feeds
//! one at a time with a lease (`claim_due_feeds`), polls it, sets when it is due again
//! (the next round, or its back-off) and releases it, so two watchers never fetch one
//! feed in the same round, and a dead watcher's claim ends with its lease. The embedded
//! store keeps its plain round over every feed (one watcher per data directory).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use storyline_fetch::{Accept, FeedItem, FetchConfig, Fetcher, Validators};
use storyline_model::{content_hash, Document, Format, Provenance};
use storyline_pipeline::PipelineOptions;
use storyline_store::{Feed, FeedState, StoreBackend, WebItem, WebItemUpdate};

use crate::Failure;

/// How the watcher runs.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Time between rounds; also the base of the back-off after a failed poll.
    pub interval: Duration,
    /// The longest back-off after repeated failures.
    pub max_backoff: Duration,
    pub fetch: FetchConfig,
    pub pipeline: PipelineOptions,
    /// Recompute the grouping after a round that stored new articles.
    pub regroup: bool,
}

impl Default for WatchOptions {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(900),
            max_backoff: Duration::from_secs(24 * 3600),
            fetch: FetchConfig::default(),
            pipeline: PipelineOptions::default(),
            regroup: true,
        }
    }
}

/// What one round did. Every failure names the feed or page and says why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RoundSummary {
    pub feeds_polled: usize,
    pub feeds_not_modified: usize,
    /// Feeds skipped because an earlier failure put them in back-off.
    pub feeds_backing_off: usize,
    pub feed_failures: Vec<Failure>,
    pub items_new: usize,
    pub items_already_present: usize,
    /// Items whose page text changed since the last fetch: a new version was stored.
    pub items_updated: usize,
    pub item_failures: Vec<Failure>,
    pub pages_fetched: usize,
    pub page_failures: Vec<Failure>,
    /// Items stored from the feed's own text because the page could not be had.
    pub fallbacks: usize,
    /// True when a stop was requested before the round finished.
    pub interrupted: bool,
    #[serde(skip)]
    pub new_ids: Vec<String>,
}

/// Subscribe to every feed of an OPML file; returns the feed URLs.
pub fn subscribe_opml(store: &mut dyn StoreBackend, path: &Path) -> anyhow::Result<Vec<String>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("{name}: cannot read the OPML file: {e}"))?;
    let feeds = storyline_fetch::parse_opml(&text, &name)?;
    let mut urls = Vec::with_capacity(feeds.len());
    for (url, title) in feeds {
        subscribe(store, &url, title.as_deref())?;
        urls.push(url);
    }
    Ok(urls)
}

/// Subscribe to one feed, after checking it is an http(s) URL. True if new.
pub fn subscribe(
    store: &mut dyn StoreBackend,
    url: &str,
    title: Option<&str>,
) -> anyhow::Result<bool> {
    storyline_fetch::canonical_url(url).map_err(|reason| anyhow::anyhow!(reason))?;
    Ok(store.add_feed(url.trim(), title)?)
}

/// Run rounds over the subscribed feeds until `stop` is set (or once). `on_round` sees
/// each round's summary (for logging). Between rounds the wait checks `stop` often, so
/// Ctrl-C ends a sleeping watcher at once and a busy one after its current item.
pub fn watch(
    store: &mut dyn StoreBackend,
    options: &WatchOptions,
    once: bool,
    stop: &AtomicBool,
    mut on_round: impl FnMut(&RoundSummary),
) -> anyhow::Result<()> {
    let mut fetcher = Fetcher::new(options.fetch.clone())?;
    loop {
        let summary = poll_round(store, &mut fetcher, options, stop)?;
        on_round(&summary);
        if once || stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        let until = std::time::Instant::now() + options.interval;
        while std::time::Instant::now() < until {
            if stop.load(Ordering::SeqCst) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100).min(options.interval));
        }
    }
}

/// How long a claimed feed stays this watcher's: far longer than one poll (a feed and
/// its items' pages) takes, so a live watcher keeps it, and short enough that a dead
/// watcher's feed comes back a few rounds later.
const CLAIM_LEASE: Duration = Duration::from_secs(600);

/// One round over every subscribed feed (on a shared PostgreSQL store: over every due
/// feed no other watcher holds).
pub fn poll_round(
    store: &mut dyn StoreBackend,
    fetcher: &mut Fetcher,
    options: &WatchOptions,
    stop: &AtomicBool,
) -> anyhow::Result<RoundSummary> {
    let mut summary = RoundSummary::default();
    if store.is_shared() {
        poll_claimed(store, fetcher, options, stop, &mut summary)?;
    } else {
        for feed in store.feeds()? {
            if stop.load(Ordering::SeqCst) {
                summary.interrupted = true;
                break;
            }
            let now = Utc::now();
            if feed.state.failures > 0 && feed.state.next_poll.is_some_and(|next| next > now) {
                tracing::info!(feed = %feed.url, until = ?feed.state.next_poll, "backing off after {} failures", feed.state.failures);
                summary.feeds_backing_off += 1;
                continue;
            }
            poll_feed(store, fetcher, options, stop, &feed, None, &mut summary)?;
        }
    }
    if options.regroup && !summary.new_ids.is_empty() {
        crate::regroup(store)?;
    }
    Ok(summary)
}

/// A round shared with other watchers: claim one due feed at a time, poll it, make it
/// due at the next round (or after its back-off), release it. A feed in back-off is not
/// due, so it is never claimed (and not counted in `feeds_backing_off`).
fn poll_claimed(
    store: &mut dyn StoreBackend,
    fetcher: &mut Fetcher,
    options: &WatchOptions,
    stop: &AtomicBool,
    summary: &mut RoundSummary,
) -> anyhow::Result<()> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let worker = format!("watch-{}-{nanos}", std::process::id());
    let lease = chrono::Duration::from_std(CLAIM_LEASE).unwrap_or(chrono::Duration::MAX);
    let interval = chrono::Duration::from_std(options.interval).unwrap_or(chrono::Duration::MAX);
    // With a very short interval a polled feed is due again at once: the round still
    // ends, once it meets a feed it already polled.
    let mut polled = std::collections::HashSet::new();
    loop {
        if stop.load(Ordering::SeqCst) {
            summary.interrupted = true;
            return Ok(());
        }
        let now = Utc::now();
        let Some(feed) = store
            .claim_due_feeds(&worker, now, lease, 1)?
            .into_iter()
            .next()
        else {
            return Ok(());
        };
        if !polled.insert(feed.url.clone()) {
            store.release_feed(&feed.url, &worker)?;
            return Ok(());
        }
        let next_round = now.checked_add_signed(interval);
        let result = poll_feed(store, fetcher, options, stop, &feed, next_round, summary);
        // Released also after a failure: the feed's state says when it is due again.
        store.release_feed(&feed.url, &worker)?;
        result?;
    }
}

fn poll_feed(
    store: &mut dyn StoreBackend,
    fetcher: &mut Fetcher,
    options: &WatchOptions,
    stop: &AtomicBool,
    feed: &Feed,
    next_round: Option<DateTime<Utc>>,
    summary: &mut RoundSummary,
) -> anyhow::Result<()> {
    let (url, needs_title, state) = (feed.url.as_str(), feed.title.is_none(), &feed.state);
    summary.feeds_polled += 1;
    let validators = Validators {
        etag: state.etag.clone(),
        last_modified: state.last_modified.clone(),
    };
    let now = Utc::now();
    let fail = |store: &mut dyn StoreBackend, summary: &mut RoundSummary, reason: String| {
        let failures = state.failures + 1;
        let factor = 1u32 << (failures - 1).min(16);
        let backoff = options
            .interval
            .saturating_mul(factor)
            .min(options.max_backoff);
        tracing::warn!(feed = %url, %reason, failures, backoff_s = backoff.as_secs(), "feed poll failed");
        summary.feed_failures.push(Failure {
            source: url.to_string(),
            reason: reason.clone(),
        });
        let next = FeedState {
            last_polled: Some(now),
            next_poll: Some(now + chrono::Duration::from_std(backoff).unwrap_or_default()),
            failures,
            last_error: Some(reason),
            ..state.clone()
        };
        store.update_feed_state(url, &next)
    };
    let fetched = match fetcher.get(url, Accept::Feed, Some(&validators)) {
        Ok(fetched) => fetched,
        Err(err) => return Ok(fail(store, summary, err.to_string())?),
    };
    let mut next = FeedState {
        last_polled: Some(now),
        // Shared rounds: due again at the next round; a lone watcher polls every feed
        // each round.
        next_poll: next_round,
        failures: 0,
        last_error: None,
        ..state.clone()
    };
    if fetched.not_modified {
        tracing::info!(feed = %url, "not modified");
        summary.feeds_not_modified += 1;
        store.update_feed_state(url, &next)?;
        return Ok(());
    }
    let feed = match storyline_fetch::parse_feed(&fetched.body, url) {
        Ok(feed) => feed,
        Err(err) => return Ok(fail(store, summary, err.to_string())?),
    };
    if needs_title {
        if let Some(title) = &feed.title {
            store.add_feed(url, Some(title))?;
        }
    }
    tracing::info!(feed = %url, items = feed.items.len(), "feed read");
    for item in &feed.items {
        if stop.load(Ordering::SeqCst) {
            summary.interrupted = true;
            // Validators not saved: the next run reads this feed in full again.
            return Ok(());
        }
        handle_item(
            store,
            fetcher,
            options,
            url,
            feed.title.as_deref(),
            item,
            summary,
        )?;
    }
    next.etag = fetched.validators.etag;
    next.last_modified = fetched.validators.last_modified;
    store.update_feed_state(url, &next)?;
    Ok(())
}

/// Recognise, fetch, extract and store one item.
fn handle_item(
    store: &mut dyn StoreBackend,
    fetcher: &mut Fetcher,
    options: &WatchOptions,
    feed_url: &str,
    feed_title: Option<&str>,
    item: &FeedItem,
    summary: &mut RoundSummary,
) -> anyhow::Result<()> {
    let link = item
        .link
        .as_deref()
        .and_then(|l| storyline_fetch::canonical_url(l).ok());
    let url_key = link
        .as_deref()
        .and_then(|l| storyline_fetch::identity_key(l).ok());
    let stamp = item.updated.or(item.published).map(|d| d.to_rfc3339());
    let name = link
        .clone()
        .or_else(|| item.guid.as_ref().map(|g| format!("{feed_url}#{g}")))
        .unwrap_or_else(|| format!("{feed_url}#{}", item.title.as_deref().unwrap_or("untitled")));
    let mut existing =
        store.find_web_item(Some(feed_url), item.guid.as_deref(), url_key.as_deref())?;
    let now = Utc::now();
    let mut update = WebItemUpdate {
        feed_url: Some(feed_url.to_string()),
        guid: item.guid.clone(),
        url_key: url_key.clone(),
        url: link.clone(),
        title: item.title.clone(),
        feed_date: stamp.clone(),
        article: None,
    };
    if let Some(known) = &existing {
        // Unchanged unless the feed gives a new date for it.
        if stamp.is_none() || stamp == known.feed_date {
            summary.items_already_present += 1;
            store.record_web_item(Some(known.id), &update, now)?;
            return Ok(());
        }
        tracing::info!(item = %name, "item updated in the feed; fetching again");
    }
    let provenance = Provenance {
        url: link.clone(),
        fetched_at: None,
        feed_published: item.date().map(|d| d.to_rfc3339()),
        feed_title: item.title.clone(),
        feed_guid: item.guid.clone(),
    };
    // The page first; the feed's own text when the page cannot be had or holds no article.
    let mut candidates = Vec::new();
    if let Some(link) = &link {
        match fetch_page(fetcher, link, &provenance) {
            Ok((document, canonical)) => {
                summary.pages_fetched += 1;
                if let Some(canonical) = canonical {
                    let key = storyline_fetch::identity_key(&canonical).ok();
                    if existing.is_none() && key != url_key {
                        existing = store.find_web_item(None, None, key.as_deref())?;
                    }
                    update.url_key = key.or(update.url_key);
                    update.url = Some(canonical);
                }
                candidates.push(document);
            }
            Err(reason) => {
                tracing::warn!(item = %name, %reason, "page not fetched");
                summary.page_failures.push(Failure {
                    source: link.clone(),
                    reason,
                });
            }
        }
    }
    let fallback = feed_text_document(&name, feed_title, item, link.as_deref(), &provenance);
    let had_page = !candidates.is_empty();
    candidates.extend(fallback);
    let mut chosen = None;
    for (index, document) in candidates.into_iter().enumerate() {
        match storyline_pipeline::process(&document, &options.pipeline, now) {
            Ok(article) => {
                if index > 0 || !had_page {
                    summary.fallbacks += 1;
                }
                chosen = Some((document, article));
                break;
            }
            Err(err) => tracing::warn!(item = %name, %err, "no article in this candidate"),
        }
    }
    let Some((document, article)) = chosen else {
        summary.item_failures.push(Failure {
            source: name,
            reason: "neither the page nor the feed's own text gave an article".into(),
        });
        return Ok(()); // not recorded: tried again next round
    };
    let text_hash = content_hash(format!("{}\n{}", article.title, article.text()).as_bytes());
    if let Some(known) = existing.as_ref().filter(|k| k.article_id.is_some()) {
        let unchanged = store
            .web_item_versions(known.id)?
            .last()
            .is_some_and(|v| v.text_hash == text_hash);
        if unchanged {
            summary.items_already_present += 1;
            store.record_web_item(Some(known.id), &update, now)?;
            return Ok(());
        }
    } else if let Some(article_id) = store.find_article_by_text_hash(&text_hash)? {
        // The same text under another URL or GUID: one article, one more key for it.
        summary.items_already_present += 1;
        update.article = Some((article_id, text_hash));
        store.record_web_item(existing.as_ref().map(|k| k.id), &update, now)?;
        return Ok(());
    }
    let stored = crate::ingest_documents(store, vec![document], &options.pipeline)?;
    if let Some(failure) = stored.failed.into_iter().next() {
        summary.item_failures.push(failure);
        return Ok(());
    }
    match &existing {
        Some(_) => summary.items_updated += 1,
        None if stored.ingested > 0 => summary.items_new += 1,
        None => summary.items_already_present += 1,
    }
    summary.new_ids.extend(stored.new_ids);
    update.article = Some((article.id.to_string(), text_hash));
    store.record_web_item(existing.as_ref().map(|k: &WebItem| k.id), &update, now)?;
    Ok(())
}

/// Fetch an article page: the document and the page's own canonical URL, or why not.
fn fetch_page(
    fetcher: &mut Fetcher,
    link: &str,
    provenance: &Provenance,
) -> Result<(Document, Option<String>), String> {
    let fetched = fetcher
        .get(link, Accept::Page, None)
        .map_err(|e| e.to_string())?;
    let provenance = Provenance {
        fetched_at: Some(fetched.fetched_at),
        ..provenance.clone()
    };
    let source = fetched.final_url.clone();
    let document = storyline_ingest::read_bytes(&source, fetched.body, provenance)
        .into_iter()
        .next()
        .ok_or_else(|| format!("{source}: empty page"))?
        .map_err(|e| e.to_string())?;
    if document.format != Format::Html {
        return Err(format!(
            "{source}: not an HTML page (read as {})",
            document.format
        ));
    }
    let canonical = storyline_fetch::canonical_link(&document.text, &source);
    Ok((document, canonical))
}

/// The feed's own text as an HTML document, when it has any.
fn feed_text_document(
    name: &str,
    feed_title: Option<&str>,
    item: &FeedItem,
    link: Option<&str>,
    provenance: &Provenance,
) -> Option<Document> {
    let text = item.content_html.as_deref().or(item.summary.as_deref())?;
    let body = if text.contains('<') {
        text.to_string()
    } else {
        text.split("\n\n")
            .map(|p| format!("<p>{}</p>", escape(p.trim())))
            .collect()
    };
    let title = escape(item.title.as_deref().unwrap_or_default());
    let mut head = format!("<title>{title}</title>");
    if let Some(link) = link {
        head.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">",
            escape(link)
        ));
    }
    if let Some(site) = feed_title {
        head.push_str(&format!(
            "<meta property=\"og:site_name\" content=\"{}\">",
            escape(site)
        ));
    }
    for author in &item.authors {
        head.push_str(&format!(
            "<meta name=\"author\" content=\"{}\">",
            escape(author)
        ));
    }
    if let Some(date) = item.date() {
        head.push_str(&format!(
            "<meta property=\"article:published_time\" content=\"{}\">",
            date.to_rfc3339()
        ));
    }
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    );
    Some(Document {
        source: format!("{name} (feed text)"),
        format: Format::Html,
        raw: html.clone().into_bytes(),
        text: html,
        provenance: Provenance {
            fetched_at: Some(Utc::now()),
            ..provenance.clone()
        },
    })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// When a feed in back-off may be polled again (for listings).
pub fn next_poll(state: &FeedState) -> Option<DateTime<Utc>> {
    (state.failures > 0).then_some(state.next_poll).flatten()
}
