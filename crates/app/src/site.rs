//! Per-site boilerplate at ingest: the counts of what each site repeats
//! ([`SiteParagraphs`]), kept in the store's key-value table under
//! `site_paragraphs:<site>`, so learning carries across runs and `reprocess` can apply
//! what later articles taught to earlier ones.
//!
//! Each new article is observed once, when it is first stored; a batch is observed as a
//! whole before any of it is stripped, so the first folder of a site already benefits.
//! The counts are saved after the batch's articles are stored: a crash in between loses
//! one batch's counts (learning is delayed), never an article. Several PostgreSQL
//! workers may overwrite each other's update of one site: the cost is again only
//! delayed learning, so no lock is taken.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use storyline_extract::site::SiteParagraphs;
use storyline_store::StoreBackend;

const KEY_PREFIX: &str = "site_paragraphs:";

/// The counts of the sites one batch (or one reprocess run) touches.
#[derive(Default)]
pub(crate) struct SiteMemory {
    sites: BTreeMap<String, SiteParagraphs>,
    changed: BTreeSet<String>,
}

impl SiteMemory {
    /// The site's counts, read from the store the first time they are asked for.
    pub(crate) fn get(
        &mut self,
        store: &dyn StoreBackend,
        site: &str,
    ) -> anyhow::Result<&SiteParagraphs> {
        Ok(self.load(store, site)?)
    }

    fn load(
        &mut self,
        store: &dyn StoreBackend,
        site: &str,
    ) -> anyhow::Result<&mut SiteParagraphs> {
        Ok(match self.sites.entry(site.to_string()) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => slot.insert(stored_counts(store, site)?),
        })
    }

    /// The site's counts if [`SiteMemory::get`] has read them (for parallel readers).
    pub(crate) fn loaded(&self, site: &str) -> Option<&SiteParagraphs> {
        self.sites.get(site)
    }

    /// Count one new article of the site.
    pub(crate) fn observe(
        &mut self,
        store: &dyn StoreBackend,
        site: &str,
        body: &[String],
    ) -> anyhow::Result<()> {
        self.load(store, site)?.observe(body);
        self.changed.insert(site.to_string());
        Ok(())
    }

    /// Write the observed counts back.
    pub(crate) fn save(&mut self, store: &mut dyn StoreBackend) -> anyhow::Result<()> {
        for site in std::mem::take(&mut self.changed) {
            let json = serde_json::to_string(&self.sites[&site])?;
            store.kv_set(&format!("{KEY_PREFIX}{site}"), &json)?;
        }
        Ok(())
    }
}

/// A site's counts as the store holds them; unreadable counts (a format change) are
/// relearned, not fatal.
fn stored_counts(store: &dyn StoreBackend, site: &str) -> anyhow::Result<SiteParagraphs> {
    Ok(match store.kv_get(&format!("{KEY_PREFIX}{site}"))? {
        Some(json) => serde_json::from_str(&json).unwrap_or_else(|err| {
            tracing::warn!(
                "site {site}: stored boilerplate counts unreadable ({err}); starting again"
            );
            SiteParagraphs::default()
        }),
        None => SiteParagraphs::default(),
    })
}
