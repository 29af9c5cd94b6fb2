//! The `storyline` command: argument parsing and wiring of the library crates.
//!
//! Owns: the command-line surface (names, flags, output shapes for people and for
//! `--json`), exit statuses, progress bars.
//!
//! Must not touch: pipeline logic. Every command is a few calls into the library
//! crates; anything worth testing without a terminal lives there.

mod args;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

/// jemalloc rather than glibc malloc: glibc keeps what each worker thread frees in that
/// thread's arena, and a WARC ingest's RSS kept climbing (with glibc limited to one arena
/// it stayed flat, so the live heap was not growing); jemalloc hands freed pages back to
/// the OS after a short delay. Measured in docs/benchmarks.md, "WARC ingest".
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    init_tracing(cli.verbose);
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("storyline: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn init_tracing(verbose: u8) {
    // The HTML parsers warn about every odd page they meet (foster parenting, bad JSON-LD):
    // noise to a person ingesting real pages, so they only speak from -vv on.
    let default = match verbose {
        0 => "warn,html5ever=error,trafilatura=error,dom_smoothie=error,selectors=error",
        1 => "info,html5ever=error,trafilatura=error,dom_smoothie=error",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("STORYLINE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
