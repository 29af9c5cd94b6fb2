//! `storyline watch` and `storyline feeds`: issue #8.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Feed URLs to poll (besides the subscribed ones).
    #[arg(long = "feed")]
    pub feeds: Vec<String>,
    /// An OPML file of feeds.
    #[arg(long)]
    pub opml: Option<PathBuf>,
    /// Seconds between rounds.
    #[arg(long, default_value_t = 900)]
    pub interval: u64,
    /// One round, then exit.
    #[arg(long)]
    pub once: bool,
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

pub fn run(_data: &Path, _args: WatchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("watch is not built yet (issue #8)")
}

pub fn feeds(_data: &Path, _command: FeedsCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("feeds is not built yet (issue #8)")
}
