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
    end_quietly_when_the_reader_leaves();
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

/// A reader that stops early (`storyline articles | head`) closes the pipe, and the next
/// `println!` panics with a backtrace. Unix tools end quietly then, with the status a shell
/// gives a process that SIGPIPE ended (128 + 13); so does storyline. (Restoring SIGPIPE's
/// default action instead would also end the server or a store client the moment a peer
/// hangs up on a socket.) Only this panic is caught; every other one reports as before.
fn end_quietly_when_the_reader_leaves() {
    const ENDED_BY_SIGPIPE: i32 = 128 + 13;
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        // std's words: "failed printing to stdout: Broken pipe (os error 32)".
        if message.starts_with("failed printing to stdout")
            && message.to_ascii_lowercase().contains("broken pipe")
        {
            std::process::exit(ENDED_BY_SIGPIPE);
        }
        report(info);
    }));
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
