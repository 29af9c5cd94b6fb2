//! One HTTP client with limits, politeness and robots.txt; redirects are followed by
//! hand so that every hop is checked (scheme, loop, robots, politeness).

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use reqwest::header::{
    HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, LOCATION,
};
use url::Url;

use crate::robots::RobotsCache;

/// The limits and manners of the fetcher.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// The product token robots.txt rules are matched against, and the User-Agent prefix.
    pub agent: String,
    /// Whole-request timeout (connect, headers and body).
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Largest body read, in bytes; a larger one is refused, not truncated.
    pub max_body: usize,
    pub max_redirects: usize,
    /// Minimum time between two requests to the same host. A robots.txt
    /// `Crawl-delay` lengthens it (capped at [`FetchConfig::max_crawl_delay`]).
    pub per_host_delay: Duration,
    pub max_crawl_delay: Duration,
    /// Obey robots.txt for article pages (feeds are subscribed to explicitly).
    pub respect_robots: bool,
}

impl Default for FetchConfig {
    fn default() -> Self {
        Self {
            agent: "storyline".into(),
            timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(10),
            max_body: 10 * 1024 * 1024,
            max_redirects: 5,
            per_host_delay: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(30),
            respect_robots: true,
        }
    }
}

/// What a request is for: decides the acceptable content types and whether robots.txt
/// applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    Feed,
    Page,
    Robots,
}

/// Validators from an earlier response, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful response (or a 304).
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL asked for, and the one that answered after redirects.
    pub url: String,
    pub final_url: String,
    pub status: u16,
    /// 304: the caller's copy is current; `body` is empty.
    pub not_modified: bool,
    pub body: Vec<u8>,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub fetched_at: DateTime<Utc>,
    pub redirects: usize,
}

/// Why a URL could not be had. Each names the URL; `Display` is one log line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("{url}: only http and https are fetched")]
    Scheme { url: String },
    #[error("{url}: timed out after {seconds:.1} s")]
    Timeout { url: String, seconds: f64 },
    #[error("{url}: cannot connect: {reason}")]
    Connect { url: String, reason: String },
    #[error("{url}: HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: body larger than the limit of {limit} bytes; refused")]
    TooLarge { url: String, limit: usize },
    #[error("{url}: content type {found:?} is not {wanted}")]
    ContentType {
        url: String,
        found: String,
        wanted: &'static str,
    },
    #[error("{url}: more than {limit} redirects")]
    TooManyRedirects { url: String, limit: usize },
    #[error("{url}: redirect loop back to {target}")]
    RedirectLoop { url: String, target: String },
    #[error("{url}: redirect without a usable Location header")]
    BadRedirect { url: String },
    #[error("{url}: disallowed by robots.txt")]
    RobotsDisallowed { url: String },
    #[error("{url}: {reason}")]
    Http { url: String, reason: String },
}

impl FetchError {
    /// A short machine-friendly name of the kind of failure, for summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::InvalidUrl { .. } => "invalid url",
            FetchError::Scheme { .. } => "scheme",
            FetchError::Timeout { .. } => "timeout",
            FetchError::Connect { .. } => "connect",
            FetchError::Status { .. } => "http status",
            FetchError::TooLarge { .. } => "too large",
            FetchError::ContentType { .. } => "content type",
            FetchError::TooManyRedirects { .. } => "too many redirects",
            FetchError::RedirectLoop { .. } => "redirect loop",
            FetchError::BadRedirect { .. } => "bad redirect",
            FetchError::RobotsDisallowed { .. } => "robots.txt",
            FetchError::Http { .. } => "http",
        }
    }
}

/// The fetcher: one per watcher. Not shared between threads (politeness state is
/// plain maps); requests are sequential, which on its own keeps the load on each host low.
pub struct Fetcher {
    client: reqwest::blocking::Client,
    config: FetchConfig,
    /// When each host may next be contacted.
    next_turn: HashMap<String, Instant>,
    robots: RobotsCache,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("config", &self.config)
            .finish()
    }
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Result<Self, FetchError> {
        let client = reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .connect_timeout(config.connect_timeout)
            .user_agent(format!("{}/{}", config.agent, env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| FetchError::Http {
                url: String::new(),
                reason: format!("cannot build the HTTP client: {e}"),
            })?;
        Ok(Self {
            client,
            config,
            next_turn: HashMap::new(),
            robots: RobotsCache::default(),
        })
    }

    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// GET `url`, following redirects, with a conditional request when `validators`
    /// are given. Pages are checked against robots.txt first.
    pub fn get(
        &mut self,
        url: &str,
        accept: Accept,
        validators: Option<&Validators>,
    ) -> Result<Fetched, FetchError> {
        let start = parse_http_url(url)?;
        let mut current = start.clone();
        let mut seen = HashSet::new();
        for hop in 0..=self.config.max_redirects {
            if !seen.insert(current.as_str().to_string()) {
                return Err(FetchError::RedirectLoop {
                    url: url.to_string(),
                    target: current.to_string(),
                });
            }
            if accept == Accept::Page && self.config.respect_robots && !self.robots_allow(&current)
            {
                return Err(FetchError::RobotsDisallowed {
                    url: current.to_string(),
                });
            }
            self.wait_turn(&current);
            let mut request = self.client.get(current.clone());
            if let Some(v) = validators {
                if let Some(etag) = &v.etag {
                    request = request.header(IF_NONE_MATCH, etag);
                }
                if let Some(lm) = &v.last_modified {
                    request = request.header(IF_MODIFIED_SINCE, lm);
                }
            }
            let response = request
                .send()
                .map_err(|e| self.classify(current.as_str(), e))?;
            let status = response.status();
            if status.is_redirection() && status.as_u16() != 304 {
                let next = response
                    .headers()
                    .get(LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .and_then(|l| current.join(l).ok())
                    .ok_or_else(|| FetchError::BadRedirect {
                        url: current.to_string(),
                    })?;
                if !matches!(next.scheme(), "http" | "https") {
                    return Err(FetchError::Scheme {
                        url: next.to_string(),
                    });
                }
                tracing::debug!(from = %current, to = %next, "redirect");
                current = next;
                continue;
            }
            let headers = response.headers().clone();
            let base = Fetched {
                url: url.to_string(),
                final_url: current.to_string(),
                status: status.as_u16(),
                not_modified: status.as_u16() == 304,
                body: Vec::new(),
                content_type: header_string(&headers, CONTENT_TYPE),
                validators: Validators {
                    etag: header_string(&headers, ETAG),
                    last_modified: header_string(&headers, LAST_MODIFIED),
                },
                fetched_at: Utc::now(),
                redirects: hop,
            };
            if base.not_modified {
                return Ok(base);
            }
            if !status.is_success() {
                return Err(FetchError::Status {
                    url: current.to_string(),
                    status: status.as_u16(),
                });
            }
            check_content_type(current.as_str(), base.content_type.as_deref(), accept)?;
            let limit = self.config.max_body;
            if response.content_length().is_some_and(|n| n > limit as u64) {
                return Err(FetchError::TooLarge {
                    url: current.to_string(),
                    limit,
                });
            }
            let body = self.read_body(current.as_str(), response)?;
            return Ok(Fetched { body, ..base });
        }
        Err(FetchError::TooManyRedirects {
            url: url.to_string(),
            limit: self.config.max_redirects,
        })
    }

    /// Read at most `max_body + 1` bytes: one more than allowed proves the body too large
    /// without reading the rest.
    fn read_body(
        &self,
        url: &str,
        response: reqwest::blocking::Response,
    ) -> Result<Vec<u8>, FetchError> {
        let limit = self.config.max_body;
        let mut body = Vec::new();
        let mut reader = response.take(limit as u64 + 1);
        if let Err(err) = reader.read_to_end(&mut body) {
            let text = err.to_string();
            let timed_out = err.kind() == std::io::ErrorKind::TimedOut
                || text.contains("timed out")
                || text.contains("operation timed out");
            return Err(if timed_out {
                FetchError::Timeout {
                    url: url.to_string(),
                    seconds: self.config.timeout.as_secs_f64(),
                }
            } else {
                FetchError::Http {
                    url: url.to_string(),
                    reason: format!("reading the body: {text}"),
                }
            });
        }
        if body.len() > limit {
            return Err(FetchError::TooLarge {
                url: url.to_string(),
                limit,
            });
        }
        Ok(body)
    }

    fn classify(&self, url: &str, err: reqwest::Error) -> FetchError {
        if err.is_timeout() {
            FetchError::Timeout {
                url: url.to_string(),
                seconds: self.config.timeout.as_secs_f64(),
            }
        } else if err.is_connect() {
            FetchError::Connect {
                url: url.to_string(),
                reason: root_cause(&err),
            }
        } else {
            FetchError::Http {
                url: url.to_string(),
                reason: root_cause(&err),
            }
        }
    }

    /// Sleep until `url`'s host may be contacted again, then book the next turn.
    fn wait_turn(&mut self, url: &Url) {
        let host = host_key(url);
        let now = Instant::now();
        if let Some(&at) = self.next_turn.get(&host) {
            if at > now {
                tracing::debug!(%host, wait_ms = (at - now).as_millis() as u64, "politeness delay");
                std::thread::sleep(at - now);
            }
        }
        let crawl_delay = self
            .robots
            .crawl_delay(&host)
            .map(|d| d.min(self.config.max_crawl_delay))
            .unwrap_or_default();
        let delay = self.config.per_host_delay.max(crawl_delay);
        self.next_turn.insert(host, Instant::now() + delay);
    }

    fn robots_allow(&mut self, url: &Url) -> bool {
        let host = host_key(url);
        if !self.robots.knows(&host) {
            let robots_url = format!("{}/robots.txt", url.origin().ascii_serialization());
            let outcome = self.get(&robots_url, Accept::Robots, None);
            self.robots.learn(&host, &self.config.agent, outcome);
        }
        self.robots.allowed(&host, url.as_str())
    }
}

fn parse_http_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url.trim()).map_err(|e| FetchError::InvalidUrl {
        url: url.to_string(),
        reason: format!("invalid URL: {e}"),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::Scheme {
            url: url.to_string(),
        });
    }
    if parsed.host_str().is_none() {
        return Err(FetchError::InvalidUrl {
            url: url.to_string(),
            reason: "URL without a host".into(),
        });
    }
    Ok(parsed)
}

/// Politeness and robots.txt are per host and port (RFC 9309 scopes robots by authority).
fn host_key(url: &Url) -> String {
    match url.port_or_known_default() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    }
}

fn header_string(headers: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Refuse bodies that cannot be what was asked for. A missing type is allowed: the
/// content is sniffed later.
fn check_content_type(
    url: &str,
    content_type: Option<&str>,
    accept: Accept,
) -> Result<(), FetchError> {
    let Some(found) = content_type else {
        return Ok(());
    };
    let mime = found
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let (ok, wanted) = match accept {
        // Feeds are served under many types (text/xml, application/rss+xml, text/plain,
        // application/feed+json...): accept any text, XML or JSON type.
        Accept::Feed => (
            mime.starts_with("text/") || mime.contains("xml") || mime.contains("json"),
            "a feed type (XML, JSON or text)",
        ),
        Accept::Page => (
            matches!(mime.as_str(), "text/html" | "application/xhtml+xml"),
            "an HTML page",
        ),
        Accept::Robots => (mime.starts_with("text/"), "text"),
    };
    if ok {
        Ok(())
    } else {
        Err(FetchError::ContentType {
            url: url.to_string(),
            found: found.to_string(),
            wanted,
        })
    }
}

/// reqwest wraps the useful message (connection refused, dns...) a few sources deep.
fn root_cause(err: &reqwest::Error) -> String {
    let mut source: &dyn std::error::Error = err;
    while let Some(next) = source.source() {
        source = next;
    }
    source.to_string()
}
