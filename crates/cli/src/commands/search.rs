//! `storyline search` and `storyline reindex`: issue #7.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words, "phrases", AND/OR/NOT, field:value.
    pub query: String,
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long)]
    pub site: Option<String>,
    #[arg(long)]
    pub lang: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long)]
    pub json: bool,
}

pub fn run(_data: &Path, _args: SearchArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("search is not built yet (issue #7)")
}

pub fn reindex(_data: &Path) -> anyhow::Result<ExitCode> {
    anyhow::bail!("reindex is not built yet (issue #7)")
}
