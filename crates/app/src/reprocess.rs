//! Reprocess: re-run the current pipeline over every stored raw input.
//!
//! Articles keep their ids (derived from the raw bytes) and first-seen times; only what
//! the pipeline derives (title, body, dates...) is replaced. What their sites are known
//! to repeat is taken out too, so boilerplate learned from later articles leaves the
//! earlier ones (reprocess reads those counts, it does not add to them).

use chrono::Utc;
use rayon::prelude::*;
use serde::Serialize;
use storyline_model::{Article, Document};
use storyline_pipeline::PipelineOptions;
use storyline_store::StoreBackend;

use crate::site::SiteMemory;
use crate::Failure;

/// Articles are re-derived a page at a time, so memory stays flat over a large store.
const PAGE: usize = 256;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReprocessReport {
    pub seen: usize,
    pub changed: usize,
    pub failed: Vec<Failure>,
}

/// Changed articles are replaced in the store; the search index is marked behind first
/// (the next search catches up with what changed) rather than rewritten here. On
/// PostgreSQL there is no index to mark: the database re-derives each replaced row's
/// search vector itself.
pub fn reprocess(
    store: &mut dyn StoreBackend,
    options: &PipelineOptions,
) -> anyhow::Result<ReprocessReport> {
    let mut report = ReprocessReport::default();
    let mut after = None;
    let mut marked_behind = false;
    loop {
        let page = store.articles_after(after.as_ref(), PAGE)?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        let mut raws = Vec::with_capacity(page.len());
        for article in &page {
            raws.push(store.raw_input(&article.raw_hash)?);
        }
        // What each site is known to repeat, read before the parallel part (an article
        // keeps its site unless its extraction changed; then nothing is stripped). Read
        // per page, so memory stays flat whatever the number of sites.
        let mut sites = SiteMemory::default();
        for site in page.iter().filter_map(|article| article.site.as_deref()) {
            sites.get(store, site)?;
        }
        let results: Vec<Result<Option<Article>, Failure>> = page
            .par_iter()
            .zip(raws.into_par_iter())
            .map(|(old, raw)| rederive(old, raw, options, &sites))
            .collect();
        let mut changed = Vec::new();
        for result in results {
            report.seen += 1;
            match result {
                Ok(Some(article)) => changed.push(article),
                Ok(None) => {}
                Err(failure) => report.failed.push(failure),
            }
        }
        report.changed += changed.len();
        if !changed.is_empty() && !marked_behind && crate::index::keeps_index(store) {
            crate::index::mark_behind(store)?;
            marked_behind = true;
        }
        store.replace_articles(&changed)?;
    }
    Ok(report)
}

/// The article as the current pipeline derives it, or `None` when nothing changed.
fn rederive(
    old: &Article,
    raw: Option<storyline_store::RawInput>,
    options: &PipelineOptions,
    sites: &SiteMemory,
) -> Result<Option<Article>, Failure> {
    let fail = |reason: String| Failure {
        source: old.source.clone(),
        reason,
    };
    let raw = raw.ok_or_else(|| {
        fail(format!(
            "{}: raw input {} missing",
            old.source, old.raw_hash
        ))
    })?;
    let text = storyline_ingest::decode(&raw.bytes, Some(raw.format), &raw.source)
        .map_err(|err| fail(err.to_string()))?;
    let document = Document {
        source: raw.source,
        format: raw.format,
        text,
        raw: raw.bytes,
        provenance: raw.provenance,
    };
    let mut extracted = storyline_extract::extract(&document, &options.extract);
    let site = storyline_pipeline::site_of(&document, &extracted);
    if let Some(counts) = site.as_deref().and_then(|site| sites.loaded(site)) {
        storyline_pipeline::remove_site_boilerplate(&mut extracted, counts);
    }
    let mut article = storyline_pipeline::article_from(&document, extracted, Utc::now())
        .map_err(|err| fail(err.to_string()))?;
    article.first_seen = old.first_seen;
    Ok((article != *old).then_some(article))
}

#[cfg(test)]
mod tests {
    use storyline_search::SearchQuery;
    use storyline_store::Store;

    use super::*;

    fn hits(store: &Store, text: &str) -> u64 {
        let query = SearchQuery {
            text: text.to_string(),
            ..SearchQuery::default()
        };
        crate::index::search(store, &query).expect("search").total
    }

    /// A stored article that no longer matches what the pipeline derives (here: edited
    /// behind the pipeline's back, then indexed) is re-derived, and the next search sees
    /// the re-derived text, not the indexed old one.
    #[test]
    fn search_sees_what_reprocess_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page = dir.path().join("page.html");
        std::fs::write(
            &page,
            "<html><head><title>Harbour plan quibbleworth</title></head><body><article>\
             <h1>Harbour plan quibbleworth</h1>\
             <p>The harbour board approved the quibbleworth plan on Tuesday after a long debate.</p>\
             <p>Work on the new quay is expected to start next spring, the chair said.</p>\
             </article></body></html>",
        )
        .expect("write page");
        let mut store = Store::open(&dir.path().join("data")).expect("store");
        let options = PipelineOptions::default();
        let summary = crate::ingest_paths(&mut store, &[page.display().to_string()], &options, &())
            .expect("ingest");
        assert_eq!(summary.ingested, 1, "{:?}", summary.failed);

        let mut article = crate::all_articles(&store).expect("articles").remove(0);
        article.title = "Tampered zanzibarite".to_string();
        store.replace_article(&article).expect("replace");
        crate::reindex(&store).expect("reindex");
        assert_eq!(
            hits(&store, "zanzibarite"),
            1,
            "the index holds the edited title"
        );

        let report = reprocess(&mut store, &options).expect("reprocess");
        assert_eq!((report.seen, report.changed), (1, 1), "{:?}", report.failed);
        assert_eq!(hits(&store, "zanzibarite"), 0, "the edited title is gone");
        assert_eq!(
            hits(&store, "quibbleworth"),
            1,
            "the re-derived title is found"
        );
    }
}
