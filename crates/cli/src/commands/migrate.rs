//! `storyline migrate --from A --to B`: copy a whole store between backends (an
//! embedded data directory and PostgreSQL, either way) with `copy_store`, which checks
//! every article, raw input and the grouping after the copy.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use storyline_store_pg::{copy_store, PgStore, StoreBackend};

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The store to copy: a data directory or a postgres:// URL.
    #[arg(long)]
    pub from: String,
    /// The new, empty store: a data directory or a postgres:// URL.
    #[arg(long)]
    pub to: String,
    /// PostgreSQL schema of the postgres:// side (created if missing; default: the
    /// connection's search_path).
    #[arg(long)]
    pub schema: Option<String>,
}

fn is_postgres(spec: &str) -> bool {
    spec.starts_with("postgres://") || spec.starts_with("postgresql://")
}

/// A data directory or, for a postgres:// URL, a PostgreSQL store (in `schema`).
pub(crate) fn open(spec: &str, schema: Option<&str>) -> anyhow::Result<Box<dyn StoreBackend>> {
    if is_postgres(spec) {
        let store = match schema {
            Some(schema) => PgStore::open_in_schema(spec, schema)?,
            None => PgStore::open(spec)?,
        };
        return Ok(Box::new(store));
    }
    Ok(Box::new(super::open_store(Path::new(spec))?))
}

pub fn run(args: MigrateArgs) -> anyhow::Result<ExitCode> {
    let source = open(&args.from, args.schema.as_deref())
        .with_context(|| "opening the store to copy (--from)".to_string())?;
    let mut target = open(&args.to, args.schema.as_deref())
        .with_context(|| "opening the new store (--to)".to_string())?;
    let report = copy_store(source.as_ref(), target.as_mut())?;
    println!(
        "copied and checked {} articles, {} raw inputs, {} duplicate groups, {} events, {} storylines \
         ({} -> {}); not copied: feeds, fetched web items, kv state",
        report.articles,
        report.raw_inputs,
        report.duplicate_groups,
        report.events,
        report.storylines,
        source.backend_name(),
        target.backend_name()
    );
    Ok(ExitCode::SUCCESS)
}
