//! `storyline search` and `storyline reindex`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use storyline_app::{SearchHit, SearchQuery};

use super::articles::parse_date;
use crate::args::StoreArgs;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words (all required), "phrases", OR, NOT / -word, field:value
    /// (title, body, site, lang, event, storyline). Empty: every article, newest first.
    pub query: String,
    /// Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long)]
    pub site: Option<String>,
    /// ISO 639-1 language code.
    #[arg(long)]
    pub lang: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// JSON Lines: {id, title, site, published, score, snippet}.
    #[arg(long)]
    pub json: bool,
    /// With a PostgreSQL store, its own full-text search runs instead of the data
    /// directory's tantivy index.
    #[command(flatten)]
    pub target: StoreArgs,
}

/// One JSON line; the snippet is HTML (escaped text, matches in `<b>`).
#[derive(Serialize)]
struct HitLine<'a> {
    id: &'a str,
    title: &'a str,
    site: Option<&'a str>,
    published: Option<String>,
    score: f32,
    snippet: &'a str,
}

pub fn run(data: &Path, args: SearchArgs) -> anyhow::Result<ExitCode> {
    let query = SearchQuery {
        text: args.query,
        from: parse_date("--from", args.from.as_deref())?,
        to: parse_date("--to", args.to.as_deref())?,
        site: args.site,
        lang: args.lang,
        storyline: None,
        offset: args.offset,
        limit: args.limit.max(1),
    };
    let results = match args.target.store.as_deref().filter(|s| !s.is_empty()) {
        Some(url) => {
            let store = match args.target.schema.as_deref() {
                Some(schema) => storyline_store_pg::PgStore::open_in_schema(url, schema)?,
                None => storyline_store_pg::PgStore::open(url)?,
            };
            store.search(&query)?
        }
        None => storyline_app::search(&super::open_store(data)?, &query)?,
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        for hit in &results.hits {
            let line = HitLine {
                id: &hit.id,
                title: &hit.title,
                site: hit.site.as_deref(),
                published: hit.published.map(|d| d.to_string()),
                score: hit.score,
                snippet: &hit.snippet,
            };
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let bold = std::io::stdout().is_terminal();
    let shown = results.hits.len();
    writeln!(
        out,
        "{} match{} for {:?}{}",
        results.total,
        if results.total == 1 { "" } else { "es" },
        query.text,
        if (shown as u64) < results.total {
            format!(", showing {}-{}", query.offset + 1, query.offset + shown)
        } else {
            String::new()
        }
    )?;
    for (rank, hit) in results.hits.iter().enumerate() {
        writeln!(out)?;
        write_hit(&mut out, query.offset + rank + 1, hit, bold)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_hit(
    out: &mut impl Write,
    rank: usize,
    hit: &SearchHit,
    bold: bool,
) -> std::io::Result<()> {
    let date = hit
        .published
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into());
    let site = hit.site.as_deref().unwrap_or("-");
    writeln!(out, "{rank:>3}. {}", hit.title)?;
    writeln!(
        out,
        "     {date} · {site} · {} · score {:.2}",
        hit.id, hit.score
    )?;
    writeln!(out, "     {}", snippet_text(&hit.snippet, bold))
}

/// The snippet HTML as terminal text: entities decoded, matches in bold on a terminal
/// and between asterisks elsewhere.
fn snippet_text(html: &str, bold: bool) -> String {
    let (on, off) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("*", "*")
    };
    html.replace("<b>", on)
        .replace("</b>", off)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn reindex(data: &Path) -> anyhow::Result<ExitCode> {
    let store = super::open_store(data)?;
    let started = std::time::Instant::now();
    let count = storyline_app::reindex(&store)?;
    println!(
        "indexed {count} document{} in {:.1}s",
        if count == 1 { "" } else { "s" },
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
