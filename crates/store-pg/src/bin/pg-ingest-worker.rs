//! An ingest worker over generated articles, for the concurrency test and the ingest
//! benchmark: it stores `count` articles of `synthetic`, from index `from` (wrapping at
//! `total`), in batches, into PostgreSQL (`--store URL`) or SQLite (`--data DIR`).
//!
//! It prints one line per committed batch (`batch N`) and a closing
//! `done inserted=I present=P seconds=S`, so a test can kill it mid-way and check it.
//! With `--emit DIR` it stores nothing and writes the same articles' raw HTML as files
//! (`aNNNNNN.html`) for the real pipeline (`storyline ingest`) to read, as
//! scripts/bench-cli-ingest does.
//!
//! Not part of the `storyline` CLI: the store-level benchmark and test of many writers,
//! without extraction; `storyline ingest --store` is the real worker.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Parser;
use storyline_store::{InsertOutcome, Store};
use storyline_store_pg::{synthetic, PgStore, StoreBackend};

#[derive(Parser)]
struct Args {
    /// PostgreSQL URL of the store.
    #[arg(
        long,
        conflicts_with = "data",
        required_unless_present_any = ["data", "emit"]
    )]
    store: Option<String>,
    /// Write the articles' raw HTML into this directory instead of storing them.
    #[arg(long, conflicts_with_all = ["store", "data"])]
    emit: Option<PathBuf>,
    /// PostgreSQL schema of the store (default: the connection's search_path).
    #[arg(long, requires = "store")]
    schema: Option<String>,
    /// SQLite data directory instead of PostgreSQL.
    #[arg(long)]
    data: Option<PathBuf>,
    /// First article index.
    #[arg(long, default_value_t = 0)]
    from: usize,
    /// How many articles.
    #[arg(long)]
    count: usize,
    /// Indices wrap at this total (default: no wrap).
    #[arg(long)]
    total: Option<usize>,
    /// Articles per batch (one transaction each).
    #[arg(long, default_value_t = 100)]
    batch: usize,
    /// Walk the range backwards.
    #[arg(long)]
    reverse: bool,
    /// Sleep between batches (lets a test kill the worker mid-way).
    #[arg(long, default_value_t = 0)]
    pause_ms: u64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if let Some(dir) = &args.emit {
        return emit(dir, &args);
    }
    let mut store: Box<dyn StoreBackend> = match (&args.store, &args.data) {
        (Some(url), _) => Box::new(match &args.schema {
            Some(schema) => PgStore::open_in_schema(url, schema)?,
            None => PgStore::open(url)?,
        }),
        (None, Some(dir)) => {
            Box::new(Store::open(dir).with_context(|| format!("opening {}", dir.display()))?)
        }
        (None, None) => unreachable!("clap requires --store, --data or --emit"),
    };
    if args.batch == 0 {
        anyhow::bail!("--batch must be at least 1");
    }
    let wrap = args.total.unwrap_or(usize::MAX);
    let mut indices: Vec<usize> = (0..args.count).map(|k| (args.from + k) % wrap).collect();
    if args.reverse {
        indices.reverse();
    }
    let started = Instant::now();
    let (mut inserted, mut present) = (0usize, 0usize);
    let mut stdout = std::io::stdout().lock();
    for (n, chunk) in indices.chunks(args.batch).enumerate() {
        let batch: Vec<_> = chunk.iter().map(|&i| synthetic::article(i)).collect();
        for outcome in store.insert_articles(&batch)? {
            match outcome {
                InsertOutcome::Inserted => inserted += 1,
                InsertOutcome::AlreadyPresent => present += 1,
            }
        }
        writeln!(stdout, "batch {}", n + 1)?;
        stdout.flush()?;
        if args.pause_ms > 0 {
            std::thread::sleep(Duration::from_millis(args.pause_ms));
        }
    }
    writeln!(
        stdout,
        "done inserted={inserted} present={present} seconds={:.3}",
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}

/// Write articles `from..from + count` (wrapping at `total`) as `aNNNNNN.html` files.
fn emit(dir: &std::path::Path, args: &Args) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let wrap = args.total.unwrap_or(usize::MAX);
    for k in 0..args.count {
        let index = (args.from + k) % wrap;
        let path = dir.join(format!("a{index:06}.html"));
        std::fs::write(&path, synthetic::article(index).1.bytes)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}
