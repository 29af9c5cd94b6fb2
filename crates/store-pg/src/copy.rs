//! Copying a whole store from one backend to another (SQLite to PostgreSQL and back):
//! what `storyline migrate --from DIR --to postgres://...` (and back) runs.
//!
//! Copied: every article with its raw input (values unchanged, `first_seen` included)
//! and the grouping. Not yet copied: feeds, fetched web items and kv state (the
//! PostgreSQL store has no feed or web-item operations yet, and neither store can list
//! its kv keys); the report says so rather than pretending.

use anyhow::{bail, Context};
use storyline_model::ArticleId;

use crate::StoreBackend;

/// Articles per insert transaction while copying.
const COPY_BATCH: usize = 200;

/// What [`copy_store`] copied, checked after the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub articles: u64,
    pub raw_inputs: u64,
    pub duplicate_groups: usize,
    pub events: usize,
    pub storylines: usize,
}

/// Copy `from` into the empty store `to`, then check that `to` holds the same articles
/// (compared field by field, in id order), raw inputs and grouping.
pub fn copy_store(
    from: &dyn StoreBackend,
    to: &mut dyn StoreBackend,
) -> anyhow::Result<CopyReport> {
    let (source, target) = (from.backend_name(), to.backend_name());
    if to.article_count()? != 0 {
        bail!("the target {target} store is not empty: copy only into a new store");
    }
    let mut after: Option<ArticleId> = None;
    loop {
        let page = from.articles_after(after.as_ref(), COPY_BATCH)?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        let mut batch = Vec::with_capacity(page.len());
        for article in page {
            let raw = from.raw_input(&article.raw_hash)?.with_context(|| {
                format!(
                    "article {} has no raw input {} in the {source} store",
                    article.id, article.raw_hash
                )
            })?;
            batch.push((article, raw));
        }
        to.insert_articles(&batch)
            .with_context(|| format!("copying articles into the {target} store"))?;
    }
    let grouping = from.grouping()?;
    to.save_grouping(&grouping)
        .with_context(|| format!("copying the grouping into the {target} store"))?;

    // Check: nothing lost, nothing changed.
    let (articles, raw_inputs) = (from.article_count()?, from.raw_count()?);
    if to.article_count()? != articles || to.raw_count()? != raw_inputs {
        bail!(
            "copy incomplete: {} of {articles} articles and {} of {raw_inputs} raw inputs",
            to.article_count()?,
            to.raw_count()?
        );
    }
    let mut after: Option<ArticleId> = None;
    loop {
        let (left, right) = (
            from.articles_after(after.as_ref(), COPY_BATCH)?,
            to.articles_after(after.as_ref(), COPY_BATCH)?,
        );
        if left != right {
            let differs = left
                .iter()
                .zip(&right)
                .find(|(a, b)| a != b)
                .map_or_else(|| "a page".to_string(), |(a, _)| a.id.to_string());
            bail!(
                "article {differs} differs between the {source} and {target} stores after the copy"
            );
        }
        let Some(last) = left.last() else { break };
        after = Some(last.id.clone());
    }
    if to.grouping()? != grouping {
        bail!("the grouping differs between the {source} and {target} stores after the copy");
    }
    Ok(CopyReport {
        articles,
        raw_inputs,
        duplicate_groups: grouping.duplicates.len(),
        events: grouping.events.len(),
        storylines: grouping.storylines.len(),
    })
}
