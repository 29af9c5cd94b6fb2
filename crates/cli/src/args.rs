//! The command-line surface, declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "storyline",
    version,
    about = "Turn a pile of news articles into clean, dated, de-duplicated stories"
)]
pub struct Cli {
    /// Data directory of the embedded store.
    #[arg(
        long,
        global = true,
        env = "STORYLINE_DATA",
        default_value = "storyline-data"
    )]
    pub data: PathBuf,
    /// More logging (-v info, -vv debug); STORYLINE_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest files, folders, globs or `-` (stdin). Several `storyline ingest` processes
    /// may share one PostgreSQL store.
    Ingest(IngestArgs),
    /// List stored articles.
    Articles(ArticlesArgs),
    /// Show one article (id or unique prefix).
    Show {
        id: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        target: StoreArgs,
    },
    /// Re-run the current pipeline over every stored raw input.
    Reprocess {
        #[command(flatten)]
        target: StoreArgs,
    },
    /// Extract one file without storing it, to debug a source.
    Extract {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// Show every removed block and why.
        #[arg(long)]
        explain: bool,
    },
    /// Copies of one article: `{canonical, copies}` per line with --json.
    Duplicates {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        target: StoreArgs,
    },
    /// Articles grouped by real-world event.
    Events {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        target: StoreArgs,
    },
    /// Events linked over months or years.
    Storylines {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        target: StoreArgs,
    },
    /// Why an article joined its event: nearest articles, shared terms and entities.
    Explain {
        id: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        target: StoreArgs,
    },
    /// Rebuild duplicates, events and storylines from scratch.
    Recluster {
        #[command(flatten)]
        target: StoreArgs,
    },
    /// Evaluate against a benchmark data set.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// A dated timeline for a query or a storyline: reported and planned entries.
    Timeline(crate::commands::timeline::TimelineArgs),
    /// Full-text search over the stored articles (JSON Lines with --json).
    Search(crate::commands::search::SearchArgs),
    /// Rebuild the search index from the store.
    Reindex,
    /// Serve the HTTP API and the web UI (loopback by default).
    Serve(crate::commands::serve::ServeArgs),
    /// Poll feeds, fetch their articles and ingest them.
    Watch(crate::commands::watch::WatchArgs),
    /// Keep the list of subscribed feeds.
    Feeds(crate::commands::watch::FeedsArgs),
    /// Copy a whole store between a data directory and PostgreSQL (either way), checked.
    Migrate(crate::commands::migrate::MigrateArgs),
}

/// The store of a command that reads it: a PostgreSQL store, or (without `--store`) the
/// data directory.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// A PostgreSQL store (postgres://...) instead of the data directory.
    #[arg(long, env = "STORYLINE_STORE")]
    pub store: Option<String>,
    /// PostgreSQL schema of --store (default: the connection's search_path).
    #[arg(long, requires = "store")]
    pub schema: Option<String>,
}

impl StoreArgs {
    /// The store these arguments name: PostgreSQL, or the data directory `data`.
    pub fn open(
        &self,
        data: &std::path::Path,
    ) -> anyhow::Result<Box<dyn storyline_store_pg::StoreBackend>> {
        crate::commands::open_backend(data, self.store.as_deref(), self.schema.as_deref())
    }
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files, folders (recursive), globs, or `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Map a JSON record field: OURS=THEIRS, e.g. body=content (repeatable).
    #[arg(long = "map", value_name = "FIELD=NAME")]
    pub field_map: Vec<String>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Skip regrouping after the ingest (for bulk loads: run `storyline recluster` once at the end).
    #[arg(long)]
    pub no_group: bool,
    #[command(flatten)]
    pub target: StoreArgs,
}

#[derive(Debug, Args)]
pub struct ArticlesArgs {
    #[arg(long)]
    pub json: bool,
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long)]
    pub site: Option<String>,
    /// Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before.
    #[arg(long)]
    pub to: Option<String>,
    #[command(flatten)]
    pub target: StoreArgs,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Main-content extraction (ScrapingHub or trafilatura layout).
    Extraction {
        #[arg(long)]
        dataset: Option<PathBuf>,
        #[arg(long, default_value = "html")]
        mode: String,
        #[arg(long, default_value = "html-text")]
        render: String,
        /// Score a stored output file instead of running storyline.
        #[arg(long)]
        score: Option<PathBuf>,
        #[arg(long)]
        predictions: Option<PathBuf>,
        /// Write each page's precision, recall and F1 here, as JSON lines, worst first.
        #[arg(long)]
        pages: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Event clustering (news-cluster layout).
    Clustering {
        #[arg(long)]
        dataset: PathBuf,
        #[arg(long)]
        predictions: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Duplicate detection on BBC and a generated near-duplicate set.
    Dedup {
        /// The shared data folder (holds bbc/, reuters/, t17/).
        #[arg(long, default_value = "../shared/data")]
        data_root: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Publication dates (htmldate or trafilatura layout).
    Dates {
        #[arg(long)]
        dataset: PathBuf,
        /// Write `{url: "YYYY-MM-DD" | null}` here.
        #[arg(long)]
        predictions: Option<PathBuf>,
        /// Score a saved predictions file instead of running storyline.
        #[arg(long)]
        score: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Timeline summarisation (Timeline17 layout), the news-tls protocol; with the global
    /// --verbose, per-timeline figures too.
    Timelines {
        #[arg(long)]
        dataset: PathBuf,
        /// Write each produced timeline as DIR/<topic_source>/<gold file name>.
        #[arg(long)]
        predictions: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}
