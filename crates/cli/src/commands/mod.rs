//! One module per command; each is wiring only.

mod articles;
mod eval;
mod extract;
mod groups;
mod ingest;
pub mod migrate;
pub mod search;
pub mod serve;
pub mod timeline;
pub mod watch;

use std::process::ExitCode;

use crate::args::{Cli, Command};

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let data = cli.data;
    refuse_unwired_store(&cli.command)?;
    match cli.command {
        Command::Ingest(args) => ingest::run(&data, args),
        Command::Articles(args) => articles::list(&data, args),
        Command::Show { id, json, target } => articles::show(&data, &id, json, &target),
        Command::Reprocess { target } => ingest::reprocess(&data, &target),
        Command::Extract {
            file,
            json,
            explain,
        } => extract::run(&file, json, explain),
        Command::Eval(command) => eval::run(command, cli.verbose > 0),
        Command::Duplicates { json, target } => groups::duplicates(&data, json, &target),
        Command::Events { json, target } => groups::events(&data, json, &target),
        Command::Storylines { json, target } => groups::storylines(&data, json, &target),
        Command::Explain { id, json, target } => groups::explain(&data, &id, json, &target),
        Command::Recluster { target } => groups::recluster(&data, &target),
        Command::Timeline(args) => timeline::run(&data, args),
        Command::Search(args) => search::run(&data, args),
        Command::Reindex => search::reindex(&data),
        Command::Serve(args) => serve::run(&data, args),
        Command::Watch(args) => watch::run(&data, args),
        Command::Feeds(args) => watch::feeds(&data, args),
        Command::Migrate(args) => migrate::run(args),
    }
}

/// Open the store, naming the directory in the error.
pub(crate) fn open_store(data: &std::path::Path) -> anyhow::Result<storyline_store::Store> {
    use anyhow::Context;
    storyline_store::Store::open(data)
        .with_context(|| format!("cannot open the store in {}", data.display()))
}

/// The store named by `--store` (a postgres:// URL) or, without it, the data directory's.
pub(crate) fn open_backend(
    data: &std::path::Path,
    store: Option<&str>,
    schema: Option<&str>,
) -> anyhow::Result<Box<dyn storyline_store_pg::StoreBackend>> {
    match store.filter(|s| !s.is_empty()) {
        Some(url) => migrate::open(url, schema),
        None => Ok(Box::new(open_store(data)?)),
    }
}

/// With `$STORYLINE_STORE` set, a command that still only knows the data directory
/// would silently work on the directory instead of the PostgreSQL store the user named:
/// refuse it instead. (`ingest`, `watch`, `feeds`, `reprocess`, `recluster`, the group
/// listings, `search`, `articles`, `show` and `migrate` take the store.)
fn refuse_unwired_store(command: &Command) -> anyhow::Result<()> {
    let name = match command {
        Command::Ingest(_)
        | Command::Watch(_)
        | Command::Feeds(_)
        | Command::Duplicates { .. }
        | Command::Events { .. }
        | Command::Storylines { .. }
        | Command::Explain { .. }
        | Command::Reprocess { .. }
        | Command::Recluster { .. }
        | Command::Search(_)
        | Command::Articles(_)
        | Command::Show { .. }
        | Command::Migrate(_)
        | Command::Extract { .. }
        | Command::Eval(_) => return Ok(()),
        Command::Timeline(_) => "timeline",
        Command::Reindex => "reindex",
        Command::Serve(_) => "serve",
    };
    match std::env::var("STORYLINE_STORE") {
        Ok(store) if !store.is_empty() => anyhow::bail!(
            "`storyline {name}` does not work on a PostgreSQL store yet, and STORYLINE_STORE \
             is set; unset it to use the data directory (ingest, watch, feeds, reprocess, \
             recluster, duplicates, events, storylines, explain, search, articles, show and migrate \
             take the PostgreSQL store)"
        ),
        _ => Ok(()),
    }
}
