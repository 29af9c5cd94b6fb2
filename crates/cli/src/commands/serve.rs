//! `storyline serve`: issue #7.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; loopback unless you say otherwise.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Token that write endpoints (POST /api/ingest) require; without one they are disabled.
    #[arg(long, env = "STORYLINE_TOKEN")]
    pub token: Option<String>,
}

pub fn run(_data: &Path, _args: ServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("serve is not built yet (issue #7)")
}
