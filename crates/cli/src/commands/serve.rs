//! `storyline serve`: the HTTP API and the web UI over the store.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; loopback unless you say otherwise.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Token that write endpoints (POST /api/ingest) require; without one they are disabled.
    #[arg(long, env = "STORYLINE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Allow a non-loopback address: the pages and the read API are then open to the network.
    #[arg(long)]
    pub public: bool,
}

pub fn run(data: &Path, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let addr: SocketAddr = args.addr.parse().with_context(|| {
        format!(
            "--addr {:?}: expected IP:PORT, e.g. 127.0.0.1:8080",
            args.addr
        )
    })?;
    if !storyline_server::is_loopback(&addr) {
        if !args.public {
            bail!(
                "--addr {addr} is not a loopback address: anyone on the network could read the \
                 store. Pass --public to serve there anyway."
            );
        }
        eprintln!(
            "storyline: WARNING: serving on {addr}, reachable from the network (--public). \
             Reads need no token."
        );
    }
    let token = args.token.filter(|t| !t.trim().is_empty());
    // Open once at start, so a bad data directory fails now rather than on the first request.
    super::open_store(data)?;
    let config = storyline_server::ServerConfig {
        data_dir: data.to_path_buf(),
        token: token.clone(),
    };
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let bound = listener.local_addr()?;
        eprintln!(
            "storyline: serving {} on http://{bound}/ (writes {})",
            data.display(),
            if token.is_some() {
                "enabled with the token"
            } else {
                "disabled: no --token"
            }
        );
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        storyline_server::serve(listener, config, shutdown)
            .await
            .context("the server stopped")
    })?;
    Ok(ExitCode::SUCCESS)
}
