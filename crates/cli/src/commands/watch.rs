//! `storyline watch` and `storyline feeds`: wiring only; the watcher is
//! `storyline_app::watch`, the network side `storyline_fetch`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};
use storyline_app::{RoundSummary, WatchOptions};

use crate::args::StoreArgs;

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Feed URLs to poll (subscribed on the way, so their polling state is kept).
    #[arg(long = "feed")]
    pub feeds: Vec<String>,
    /// An OPML file of feeds (subscribed on the way).
    #[arg(long)]
    pub opml: Option<PathBuf>,
    /// Seconds between rounds.
    #[arg(long, default_value_t = 900)]
    pub interval: u64,
    /// One round, then exit.
    #[arg(long)]
    pub once: bool,
    /// Minimum seconds between two requests to the same host.
    #[arg(long, default_value_t = 1.0)]
    pub host_delay: f64,
    /// Seconds before a request is abandoned.
    #[arg(long, default_value_t = 20.0)]
    pub timeout: f64,
    /// The summary of each round as one JSON object per line.
    #[arg(long)]
    pub json: bool,
    /// The store; several watchers may share one PostgreSQL store (each round, each due
    /// feed is polled by one of them).
    #[command(flatten)]
    pub target: StoreArgs,
}

#[derive(Debug, Args)]
pub struct FeedsArgs {
    #[command(subcommand)]
    pub command: FeedsCommand,
    /// A PostgreSQL store (postgres://...) instead of the data directory.
    #[arg(long, global = true, env = "STORYLINE_STORE")]
    pub store: Option<String>,
    /// PostgreSQL schema of --store (default: the connection's search_path).
    #[arg(long, global = true, requires = "store")]
    pub schema: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// Subscribe to a feed.
    Add { url: String },
    /// List subscribed feeds.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe.
    Remove { url: String },
}

pub fn run(data: &Path, args: WatchArgs) -> anyhow::Result<ExitCode> {
    let seconds = |value: f64, flag: &str| {
        if value.is_finite() && value >= 0.0 {
            Ok(Duration::from_secs_f64(value))
        } else {
            Err(anyhow::anyhow!(
                "--{flag} {value}: expected a number of seconds ≥ 0"
            ))
        }
    };
    let mut store = args.target.open(data)?;
    for url in &args.feeds {
        storyline_app::subscribe(store.as_mut(), url, None)?;
    }
    if let Some(opml) = &args.opml {
        let urls = storyline_app::subscribe_opml(store.as_mut(), opml)?;
        eprintln!("storyline: {} feeds from {}", urls.len(), opml.display());
    }
    if store.feeds()?.is_empty() {
        anyhow::bail!(
            "no feeds: give --feed URL or --opml FILE, or subscribe with `storyline feeds add URL`"
        );
    }
    let mut options = WatchOptions {
        interval: Duration::from_secs(args.interval.max(1)),
        ..WatchOptions::default()
    };
    options.fetch.per_host_delay = seconds(args.host_delay, "host-delay")?;
    options.fetch.timeout = seconds(args.timeout, "timeout")?;
    options.fetch.connect_timeout = options.fetch.connect_timeout.min(options.fetch.timeout);
    // Ctrl-C asks the watcher to stop after the current item; a second one kills.
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("storyline: stopping after the current item (Ctrl-C again to quit now)");
    })?;
    let mut failed = false;
    let mut round = 0;
    storyline_app::watch(store.as_mut(), &options, args.once, &stop, |summary| {
        round += 1;
        failed |= !summary.feed_failures.is_empty() || !summary.item_failures.is_empty();
        report(round, summary, args.json);
    })?;
    Ok(if args.once && failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn report(round: usize, s: &RoundSummary, json: bool) {
    for f in &s.feed_failures {
        eprintln!("storyline: feed {}", f.reason);
    }
    for f in &s.page_failures {
        eprintln!("storyline: page {}", f.reason);
    }
    for f in &s.item_failures {
        eprintln!("storyline: item {}: {}", f.source, f.reason);
    }
    if json {
        if let Ok(line) = serde_json::to_string(s) {
            println!("{line}");
        }
        return;
    }
    println!(
        "round {round}{}: feeds polled {}, not modified {}, failed {}, backing off {}; \
         items new {}, already present {}, updated {}, failed {}; \
         pages fetched {}, failed {}; from feed text {}",
        if s.interrupted { " (interrupted)" } else { "" },
        s.feeds_polled,
        s.feeds_not_modified,
        s.feed_failures.len(),
        s.feeds_backing_off,
        s.items_new,
        s.items_already_present,
        s.items_updated,
        s.item_failures.len(),
        s.pages_fetched,
        s.page_failures.len(),
        s.fallbacks,
    );
}

pub fn feeds(data: &Path, args: FeedsArgs) -> anyhow::Result<ExitCode> {
    let mut store = super::open_backend(data, args.store.as_deref(), args.schema.as_deref())?;
    match args.command {
        FeedsCommand::Add { url } => {
            let new = storyline_app::subscribe(store.as_mut(), &url, None)?;
            println!(
                "{} {url}",
                if new {
                    "subscribed"
                } else {
                    "already subscribed"
                }
            );
        }
        FeedsCommand::Remove { url } => {
            if !store.remove_feed(url.trim())? {
                anyhow::bail!("{url}: not subscribed");
            }
            println!("unsubscribed {url}");
        }
        FeedsCommand::List { json } => {
            for feed in store.feeds()? {
                let backoff = storyline_app::next_poll(&feed.state);
                if json {
                    println!(
                        "{}",
                        serde_json::json!({
                            "url": feed.url,
                            "title": feed.title,
                            "added": feed.added,
                            "last_polled": feed.state.last_polled,
                            "failures": feed.state.failures,
                            "last_error": feed.state.last_error,
                            "backing_off_until": backoff,
                        })
                    );
                } else {
                    let mut line = feed.url.clone();
                    if let Some(title) = &feed.title {
                        line.push_str(&format!("  {title}"));
                    }
                    if let Some(until) = backoff {
                        line.push_str(&format!(
                            "  [{} failures, next try {}: {}]",
                            feed.state.failures,
                            until.format("%Y-%m-%d %H:%M"),
                            feed.state.last_error.as_deref().unwrap_or("")
                        ));
                    }
                    println!("{line}");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
