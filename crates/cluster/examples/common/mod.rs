//! Shared by the benchmark examples: one JSON Lines record
//! (`{"id", "title", "body": [paragraphs], "date": "YYYY-MM-DD", "site"}`, as
//! `scripts/py/make_corpus.py` writes it) turned into an [`Article`].

use std::io::BufRead;

use anyhow::Context;
use chrono::Utc;
use serde::Deserialize;
use storyline_model::{Article, ArticleId, DateSource, Format, PartialDate, Published};

#[derive(Deserialize)]
struct Record {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: Vec<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    site: Option<String>,
}

/// Parses one line; the error names the file and line.
pub fn parse_line(path: &str, number: usize, line: &str) -> anyhow::Result<Article> {
    let record: Record =
        serde_json::from_str(line).with_context(|| format!("{path} line {number}"))?;
    // First seen on the day of publication, as in a live stream: the clusterer treats a date
    // later than first_seen as untrustworthy (undated, no time window), so a fixed first_seen
    // in the past would switch the window off for every article.
    let (published, first_seen) = match record.date.as_deref() {
        Some(text) => {
            let date: PartialDate = text
                .parse()
                .map_err(|e| anyhow::anyhow!("{path} line {number}: date {text:?}: {e}"))?;
            let seen = text
                .parse::<chrono::NaiveDate>()
                .ok()
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map(|t| t.and_utc())
                .unwrap_or_else(Utc::now);
            (Published::stated(date, DateSource::RecordField), seen)
        }
        None => (Published::unknown(), Utc::now()),
    };
    Ok(Article {
        id: ArticleId(record.id.clone()),
        source: record.id,
        title: record.title,
        authors: Vec::new(),
        site: record.site,
        url: None,
        lang: Some("en".into()),
        body: record.body,
        published,
        modified: None,
        mentioned_dates: Vec::new(),
        format: Format::Record,
        first_seen,
        raw_hash: String::new(),
    })
}

/// Calls `f` on each article of the file in order, without holding them all in memory.
pub fn for_each_article(
    path: &str,
    limit: usize,
    mut f: impl FnMut(Article),
) -> anyhow::Result<usize> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {path}"))?;
    let mut count = 0;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        if count >= limit {
            break;
        }
        let line = line.with_context(|| format!("{path} line {}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        f(parse_line(path, n + 1, &line)?);
        count += 1;
    }
    Ok(count)
}

/// The process's resident set size now and at its peak, in MiB (Linux `/proc/self/status`;
/// `None` elsewhere).
// Each example compiles this module on its own; minhash_lsh does not report memory.
#[allow(dead_code)]
pub fn rss_mib() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}
