//! `storyline timeline`: issue #6.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Words the articles must match (all of them); omit with --storyline.
    pub query: Option<String>,
    /// A storyline id instead of a query.
    #[arg(long)]
    pub storyline: Option<String>,
    /// Entries on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Entries on or before this date.
    #[arg(long)]
    pub to: Option<String>,
    /// At most this many dates.
    #[arg(long)]
    pub dates: Option<usize>,
    /// At most this many sentences per date.
    #[arg(long, default_value_t = 2)]
    pub sentences: usize,
    #[arg(long)]
    pub json: bool,
}

pub fn run(_data: &Path, _args: TimelineArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("timeline is not built yet (issue #6)")
}

/// `storyline eval timelines`: the news-tls protocol on Timeline17.
pub fn eval(
    _dataset: &Path,
    _predictions: Option<&Path>,
    _verbose: bool,
    _json: bool,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!("eval timelines is not built yet (issue #6)")
}
