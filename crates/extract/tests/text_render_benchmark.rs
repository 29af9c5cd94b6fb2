//! Text mode: whole-page plain-text renders (ScrapingHub benchmark, `output/html-text.json`)
//! cleaned by the text classifier and scored against the gold bodies with the benchmark's
//! shingle metric (README.extraction.md §1). Prints the figures; asserts only that cleaning
//! beats the raw render. Skipped when the data is absent.

use std::collections::HashMap;
use std::path::PathBuf;

use storyline_extract::text::extract_text;
use storyline_model::Format;

fn tokens(text: &str) -> Vec<&str> {
    // Approximates Python's `\w+` (letters, digits, `_`); the README measured the difference at 1e-4.
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let t = tokens(text);
    let mut out = HashMap::new();
    if t.is_empty() {
        return out;
    }
    if t.len() < 4 {
        *out.entry(t).or_insert(0) += 1;
        return out;
    }
    for w in t.windows(4) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Macro precision and recall over pages, F1 of the two.
fn score(pairs: &[(String, String)]) -> (f64, f64, f64) {
    let (mut p_sum, mut p_n, mut r_sum, mut r_n) = (0.0, 0, 0.0, 0);
    for (gold, pred) in pairs {
        let (g, p) = (shingles(gold), shingles(pred));
        let tp: usize = p.iter().map(|(s, &c)| c.min(*g.get(s).unwrap_or(&0))).sum();
        let pn: usize = p.values().sum();
        let gn: usize = g.values().sum();
        if pn > 0 {
            p_sum += tp as f64 / pn as f64;
            p_n += 1;
        }
        if gn > 0 {
            r_sum += tp as f64 / gn as f64;
            r_n += 1;
        }
    }
    let p = p_sum / p_n.max(1) as f64;
    let r = r_sum / r_n.max(1) as f64;
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

#[test]
fn cleaning_whole_page_renders_beats_the_raw_render() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/scrapinghub");
    let (Ok(truth), Ok(render)) = (
        std::fs::read_to_string(dir.join("ground-truth.json")),
        std::fs::read_to_string(dir.join("output/html-text.json")),
    ) else {
        eprintln!("skipping: no ScrapingHub data at {}", dir.display());
        return;
    };
    let truth: serde_json::Value = serde_json::from_str(&truth).unwrap();
    let render: serde_json::Value = serde_json::from_str(&render).unwrap();
    let render = render.get("output").unwrap_or(&render);
    let mut raw_pairs = Vec::new();
    let mut clean_pairs = Vec::new();
    for (id, gold) in truth.as_object().unwrap() {
        let gold = gold["articleBody"].as_str().unwrap_or("").to_string();
        let page = render[id]["articleBody"].as_str().unwrap_or("");
        let x = extract_text(page, Format::Text);
        let cleaned = x.body.join("\n");
        if std::env::var_os("SHOW_PAGES").is_some() {
            let r = score(&[(gold.clone(), cleaned.clone())]);
            eprintln!(
                "PAGE {id} P {:.2} R {:.2} kept {} removed {}",
                r.0,
                r.1,
                x.body.len(),
                x.removed.len()
            );
        }
        raw_pairs.push((gold.clone(), page.to_string()));
        clean_pairs.push((gold, cleaned));
    }
    let raw = score(&raw_pairs);
    let clean = score(&clean_pairs);
    eprintln!(
        "html-text render, raw:     P {:.3} R {:.3} F1 {:.3}",
        raw.0, raw.1, raw.2
    );
    eprintln!(
        "html-text render, cleaned: P {:.3} R {:.3} F1 {:.3}",
        clean.0, clean.1, clean.2
    );
    assert!(clean.2 > raw.2, "cleaning must help: {clean:?} vs {raw:?}");
}
