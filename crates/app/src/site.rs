//! Per-site boilerplate at ingest: the counts of what each site repeats
//! ([`SiteParagraphs`]), kept in the store's key-value table under
//! `site_paragraphs:<site>`, so learning carries across runs and `reprocess` can apply
//! what later articles taught to earlier ones.
//!
//! Each new article is observed once, when it is first stored; a batch is observed as a
//! whole before any of it is stripped, so the first folder of a site already benefits.
//! The counts are saved after the batch's articles are stored: a crash in between loses
//! one batch's counts (learning is delayed), never an article. Saving adds this run's
//! own observations to the counts as stored *now*, in one atomic read-modify-write
//! (`kv_update`), so workers or processes ingesting the same site at once add up
//! rather than overwrite each other.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use storyline_extract::site::SiteParagraphs;
use storyline_store::StoreBackend;

const KEY_PREFIX: &str = "site_paragraphs:";

/// The counts of the sites one batch (or one reprocess run) touches.
#[derive(Default)]
pub(crate) struct SiteMemory {
    /// What each site's counts are known to be: as read, plus this run's observations.
    sites: BTreeMap<String, SiteParagraphs>,
    /// This run's observations alone, per site, not yet saved.
    observed: BTreeMap<String, SiteParagraphs>,
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
        self.observed
            .entry(site.to_string())
            .or_default()
            .observe(body);
        Ok(())
    }

    /// Add this run's observations to the stored counts; what is known afterwards is the
    /// stored total, other writers' observations included.
    pub(crate) fn save(&mut self, store: &mut dyn StoreBackend) -> anyhow::Result<()> {
        for (site, observed) in std::mem::take(&mut self.observed) {
            let mut outcome = Ok(SiteParagraphs::default());
            store.kv_update(&format!("{KEY_PREFIX}{site}"), &mut |stored| {
                let mut total = parse_counts(&site, stored.as_deref());
                total.merge(&observed);
                match serde_json::to_string(&total) {
                    Ok(json) => {
                        outcome = Ok(total);
                        json
                    }
                    // Counts that cannot be written leave the stored ones as they were.
                    Err(err) => {
                        outcome = Err(err);
                        stored.unwrap_or_default()
                    }
                }
            })?;
            self.sites.insert(site, outcome?);
        }
        Ok(())
    }
}

/// A site's counts as the store holds them; unreadable counts (a format change) are
/// relearned, not fatal.
fn stored_counts(store: &dyn StoreBackend, site: &str) -> anyhow::Result<SiteParagraphs> {
    let stored = store.kv_get(&format!("{KEY_PREFIX}{site}"))?;
    Ok(parse_counts(site, stored.as_deref()))
}

fn parse_counts(site: &str, stored: Option<&str>) -> SiteParagraphs {
    stored.map_or_else(SiteParagraphs::default, |json| {
        serde_json::from_str(json).unwrap_or_else(|err| {
            tracing::warn!(
                "site {site}: stored boilerplate counts unreadable ({err}); starting again"
            );
            SiteParagraphs::default()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_store::Store;

    fn article(n: usize) -> Vec<String> {
        let place = ["Lisbon", "Oslo", "Quito", "Perth"][n];
        vec![
            format!("The harbour in {place} was told in some detail."),
            "Advertisement".to_string(),
        ]
    }

    #[test]
    fn two_runs_on_one_site_add_up_rather_than_overwrite() {
        let mut store = Store::open_in_memory().expect("store");
        // Both runs read the (empty) counts before either saves, as two workers do.
        let (mut first, mut second) = (SiteMemory::default(), SiteMemory::default());
        first.get(&store, "example.com").expect("read");
        second.get(&store, "example.com").expect("read");
        for n in 0..2 {
            first.observe(&store, "example.com", &article(n)).unwrap();
            second
                .observe(&store, "example.com", &article(n + 2))
                .unwrap();
        }
        first.save(&mut store).expect("save");
        second.save(&mut store).expect("save");
        let stored = stored_counts(&store, "example.com").expect("stored");
        assert_eq!(stored.articles, 4);
        assert!(stored.is_boilerplate("Advertisement"));
        // What the second run knows after saving is the stored total.
        assert_eq!(second.loaded("example.com"), Some(&stored));
        // Saving again adds nothing: the observations went out once.
        second.save(&mut store).expect("save");
        assert_eq!(stored_counts(&store, "example.com").unwrap().articles, 4);
    }
}
