//! Per-page diagnostics on the ScrapingHub set: how each HTML extractor candidate and the
//! chosen body score, to see where choosing between candidates could help.
//!
//! `cargo run --release -p storyline-eval --example extraction_candidates -- DATASET`

use std::path::PathBuf;

use storyline_eval::extraction::{datasets, shingles};
use storyline_extract::html::{extract_candidates, extract_html};

fn page_f1(counts: shingles::PageCounts) -> f64 {
    let p = counts.tp as f64 / (counts.tp + counts.fp).max(1) as f64;
    let r = counts.tp as f64 / (counts.tp + counts.fn_).max(1) as f64;
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn main() -> anyhow::Result<()> {
    let dataset = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| anyhow::anyhow!("usage: extraction_candidates DATASET"))?;
    let truth = datasets::scrapinghub_truth(&dataset)?;
    let mut per_extractor: std::collections::BTreeMap<&str, Vec<shingles::PageCounts>> =
        Default::default();
    let mut oracle = Vec::new();
    for page in &truth {
        let bytes = datasets::read_maybe_gzip(&datasets::scrapinghub_page(&dataset, &page.id))?;
        let html = storyline_ingest::decode_lenient(&bytes, Some(storyline_model::Format::Html));
        let chosen = extract_html(&html, page.url.as_deref()).body.join("\n");
        let chosen_counts = shingles::score_page(&page.body, &chosen);
        per_extractor
            .entry("chosen")
            .or_default()
            .push(chosen_counts);
        let mut best = chosen_counts;
        let mut line = format!("{} chosen={:.3}", &page.id[..8], page_f1(chosen_counts));
        for candidate in extract_candidates(&html, page.url.as_deref()) {
            let counts = shingles::score_page(&page.body, &candidate.paragraphs.join("\n"));
            line.push_str(&format!(
                " {}={:.3}({}w)",
                candidate.extractor,
                page_f1(counts),
                candidate
                    .paragraphs
                    .iter()
                    .map(|p| p.split_whitespace().count())
                    .sum::<usize>()
            ));
            if page_f1(counts) > page_f1(best) {
                best = counts;
            }
            per_extractor
                .entry(candidate.extractor)
                .or_default()
                .push(counts);
        }
        oracle.push(best);
        println!("{line}");
    }
    for (name, counts) in &per_extractor {
        let s = shingles::summarise(counts);
        println!(
            "{name}: f1 {:.4} p {:.4} r {:.4} acc {:.4}",
            s.f1, s.precision, s.recall, s.accuracy
        );
    }
    let s = shingles::summarise(&oracle);
    println!(
        "oracle: f1 {:.4} p {:.4} r {:.4} acc {:.4}",
        s.f1, s.precision, s.recall, s.accuracy
    );
    Ok(())
}
