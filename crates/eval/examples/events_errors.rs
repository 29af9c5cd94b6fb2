//! Error analysis of event clustering on a news-cluster-layout data set (issue 13). Scores
//! the default `EventConfig` (environment variables JT, TW, EW, GATE, GTA, BWF, LATE,
//! SPLIT, WIN, LSL (`late_split_link`) and LTD (`late_tail_days`) override one setting
//! each, for sweeps; the defaults are what ships; UNDATED=n drops the date of every n-th
//! article, 1 of all; PIPELINE=n reads every record through the ingest pipeline instead,
//! with the `date_publish` of every n-th removed, so the pipeline dates it from its URL or
//! text, 0 none removed) and, by mode:
//!
//! - `errors`: gold events split across predicted events and predicted events mixing gold
//!   ones, with dates, body length and titles;
//! - `trace`: every placement in stream order: `join` (into an event opened by the same
//!   gold event), `new`, `MERGE` (opened no event although its gold event was new: the
//!   costly mistake, later articles follow it), `WRONGJOIN`, `SPLITGOLD` (opened an event
//!   although its gold event had one), with the days since the event's latest article,
//!   the score and the title. An event opened by the split of two-part events (not by an
//!   article) takes its gold label from the next article placed in it, so the lines after
//!   such a split may be labelled loosely;
//! - `pairs`: per article and per earlier *gold* event sharing text, the similarity parts
//!   (text best and top-3, title, entities, text centroid, title coverage, headline-name
//!   conflict), the time gap and the label: the data for fitting a join model offline.
//!
//! Usage: `events_errors [DIR] [errors|trace|pairs]`. Uses the gold labels for reporting
//! only; nothing here feeds the clusterer.
use std::collections::BTreeMap;
use std::path::Path;

use storyline_cluster::EventConfig;
use storyline_eval::clustering::{load, score};

fn env_f32(name: &str, default: f32) -> f32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .map(String::as_str)
        .unwrap_or("../shared/data/news-cluster");
    let labelled = load(std::path::Path::new(dir))?;
    let mut config = EventConfig::default();
    config.join_threshold = env_f32("JT", config.join_threshold);
    config.title_weight = env_f32("TW", config.title_weight);
    config.entity_weight = env_f32("EW", config.entity_weight);
    config.entity_gate_below = env_f32("GATE", config.entity_gate_below);
    config.gate_title_above = env_f32("GTA", config.gate_title_above);
    config.beyond_window_factor = env_f32("BWF", config.beyond_window_factor);
    config.late_join_title_above = env_f32("LATE", config.late_join_title_above);
    config.split_below = env_f32("SPLIT", config.split_below);
    config.window_days = env_f32("WIN", config.window_days as f32) as i64;
    config.late_split_link = env_f32("LSL", config.late_split_link);
    config.late_tail_days = env_f32("LTD", config.late_tail_days as f32) as i64;
    let mut articles: Vec<_> = labelled.iter().map(|l| l.article.clone()).collect();
    // PIPELINE=n: every record through the ingest pipeline, as `storyline ingest` reads it,
    // after removing the `date_publish` of every n-th (0: none removed), so that the
    // pipeline dates those from their URL or text; a check of the defaults on undated
    // articles dated the way a user's would be.
    if let Some(every) = std::env::var("PIPELINE")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        through_pipeline(Path::new(dir), every, &mut articles)?;
    }
    // UNDATED=n drops the publication date of every n-th article (1: all of them), to check
    // the defaults on undated articles.
    if let Some(every) = std::env::var("UNDATED")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        for article in articles.iter_mut().step_by(every.max(1)) {
            article.published.date = None;
        }
    }
    let pred = storyline_cluster::event_assignments(&articles, &config);
    let gold: Vec<String> = labelled.iter().map(|l| l.gold.clone()).collect();
    let predicted: Vec<String> = pred.iter().map(|p| p.to_string()).collect();
    let r = score(&gold, &predicted);
    println!(
        "pairwise P/R/F1 {:.3}/{:.3}/{:.3} bcubed P/R/F1 {:.3}/{:.3}/{:.3} events {}",
        r.pairwise_p,
        r.pairwise_r,
        r.pairwise_f1,
        r.bcubed_p,
        r.bcubed_r,
        r.bcubed_f1,
        r.events_pred
    );
    if args.get(1).map(String::as_str) == Some("pairs") {
        pairs(&labelled, &articles);
        return Ok(());
    }
    if args.get(1).map(String::as_str) == Some("trace") {
        trace(&labelled, &articles, &config);
        return Ok(());
    }
    if args.get(1).map(String::as_str) != Some("errors") {
        return Ok(());
    }
    let line = |i: usize| {
        let a = &articles[i];
        let day = a
            .published
            .date
            .map(|d| d.first_day().to_string())
            .unwrap_or("undated".into());
        format!(
            "    {} g{} p{} {} [{}w] {}",
            labelled[i].name,
            gold[i],
            pred[i],
            day,
            a.text().split_whitespace().count(),
            a.title.chars().take(90).collect::<String>()
        )
    };
    let mut by_gold: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut by_pred: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..gold.len() {
        by_gold.entry(&gold[i]).or_default().push(i);
        by_pred.entry(pred[i]).or_default().push(i);
    }
    println!("== gold events split across predicted events");
    for (g, members) in &by_gold {
        let mut parts: BTreeMap<usize, usize> = BTreeMap::new();
        for &i in members {
            *parts.entry(pred[i]).or_default() += 1;
        }
        if parts.len() > 1 {
            println!("gold {g} ({} articles) -> {:?}", members.len(), parts);
            for &i in members {
                println!("{}", line(i));
            }
        }
    }
    println!("== predicted events mixing gold events");
    for (p, members) in &by_pred {
        let mut parts: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in members {
            *parts.entry(&gold[i]).or_default() += 1;
        }
        if parts.len() > 1 {
            println!("pred {p} ({} articles) -> {:?}", members.len(), parts);
            for &i in members {
                println!("{}", line(i));
            }
        }
    }
    Ok(())
}

/// Replaces each article by the ingest pipeline's reading of its record, the
/// `date_publish` of every `every`-th removed first; prints how those were dated.
fn through_pipeline(
    dir: &Path,
    every: usize,
    articles: &mut [storyline_model::Article],
) -> anyhow::Result<()> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    // `load` read the same files in the same order.
    anyhow::ensure!(
        paths.len() == articles.len(),
        "{}: {} records, {} articles loaded",
        dir.display(),
        paths.len(),
        articles.len()
    );
    let mut dated_by: BTreeMap<String, usize> = BTreeMap::new();
    for (i, path) in paths.iter().enumerate() {
        let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(path)?)?;
        let undate = every > 0 && i % every == 0;
        if let (true, Some(record)) = (undate, value.as_object_mut()) {
            record.remove("date_publish");
        }
        let source = path.display().to_string();
        let read = storyline_ingest::read_bytes(
            &source,
            value.to_string().into_bytes(),
            Default::default(),
        );
        let Some(Ok(doc)) = read.into_iter().next() else {
            anyhow::bail!("{source}: not read as a record");
        };
        match storyline_pipeline::process(&doc, &Default::default(), articles[i].first_seen) {
            Ok(article) => {
                if undate {
                    let how = match (article.published.source, article.published.date) {
                        (Some(source), Some(date)) => format!("{source:?}, {:?}", date.precision()),
                        _ => "undated".to_string(),
                    };
                    *dated_by.entry(how).or_default() += 1;
                }
                articles[i] = article;
            }
            Err(err) => eprintln!("{err}"),
        }
    }
    eprintln!("records whose date was removed, dated by the pipeline: {dated_by:?}");
    Ok(())
}

/// Per article in stream order: where it went, its score, and whether that was right
/// (the placed event's first member shares its gold label; a correct event existed).
fn trace(
    labelled: &[storyline_eval::clustering::Labelled],
    articles: &[storyline_model::Article],
    config: &EventConfig,
) {
    let order = storyline_cluster::stream_order(articles);
    let mut c = storyline_cluster::EventClusterer::new(config.clone());
    let mut first_gold: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = Default::default();
    let mut last: Vec<Option<chrono::NaiveDate>> = Vec::new();
    for &i in &order {
        let g = &labelled[i].gold;
        let p = c.insert(&articles[i]);
        let day = storyline_cluster::publication_day(&articles[i]);
        if last.len() <= p.event {
            last.resize(p.event + 1, None);
        }
        let gap = match (day, last[p.event]) {
            (Some(d), Some(l)) => (d - l).num_days(),
            _ => -1,
        };
        last[p.event] = last[p.event].max(day);
        let existed = seen.contains(g);
        seen.insert(g.clone());
        // An event opened by a split (not by this article) takes its gold label from here.
        while first_gold.len() < p.event {
            first_gold.push(String::new());
        }
        let kind = match p.score {
            None => {
                first_gold.push(g.clone());
                if existed {
                    "SPLITGOLD"
                } else {
                    "new"
                }
            }
            Some(_) => {
                if first_gold.len() == p.event {
                    first_gold.push(g.clone());
                }
                if &first_gold[p.event] == g {
                    "join"
                } else if existed {
                    "WRONGJOIN"
                } else {
                    "MERGE"
                }
            }
        };
        println!(
            "{kind}\t{gap}\t{}\t{:.3}\tg{}\tev{}\t{}",
            labelled[i].name.get(..8).unwrap_or(""),
            p.score.unwrap_or(0.0),
            g,
            p.event,
            articles[i].title.chars().take(70).collect::<String>()
        );
    }
}

/// Per article in stream order and per earlier gold event sharing any text: similarity
/// components against that event's members, and whether it is the article's own event.
fn pairs(labelled: &[storyline_eval::clustering::Labelled], articles: &[storyline_model::Article]) {
    use storyline_cluster::Vocabulary;
    let order = storyline_cluster::stream_order(articles);
    let mut vocab = Vocabulary::default();
    let mut feats: Vec<(storyline_cluster::DocFeatures, Option<chrono::NaiveDate>)> = Vec::new();
    let mut events: Vec<(String, Vec<usize>)> = Vec::new();
    println!(
        "art\tgold\tlabel\ttext_max\ttext_top3\ttitle_max\tent_max\tgap\tsize\tcentroid_text\ttitle_cov\tconflict"
    );
    for (pos, &i) in order.iter().enumerate() {
        let f = vocab.add(&articles[i]);
        let day = storyline_cluster::publication_day(&articles[i]);
        let g = &labelled[i].gold;
        for (eg, members) in &events {
            let mut texts: Vec<f32> = members
                .iter()
                .map(|&m| vocab.cosine(&f.text, &feats[m].0.text))
                .collect();
            texts.sort_by(|a, b| b.total_cmp(a));
            let k = texts.len().min(3);
            let top3 = texts[..k].iter().sum::<f32>() / k as f32;
            let title = members
                .iter()
                .map(|&m| vocab.cosine(&f.title, &feats[m].0.title))
                .fold(0.0, f32::max);
            let ent = members
                .iter()
                .map(|&m| vocab.cosine(&f.entities, &feats[m].0.entities))
                .fold(0.0, f32::max);
            let gap = members
                .iter()
                .filter_map(|&m| Some((day? - feats[m].1?).num_days().abs()))
                .min()
                .map_or(-1, |d| d);
            // The text centroid of the event (all members, no cut).
            let mut sum: std::collections::BTreeMap<u32, f32> = Default::default();
            for &m in members {
                for &(id, w) in &feats[m].0.text {
                    *sum.entry(id).or_default() += w;
                }
            }
            let cent: Vec<(u32, f32)> = sum.into_iter().collect();
            let ct = vocab.cosine(&f.text, &cent);
            let have: std::collections::HashSet<u32> = members
                .iter()
                .flat_map(|&m| feats[m].0.text.iter().map(|x| x.0))
                .collect();
            let tot: f32 = f.title.iter().map(|&(id, _)| vocab.idf(id)).sum();
            let cov: f32 = f
                .title
                .iter()
                .filter(|(id, _)| have.contains(id))
                .map(|&(id, _)| vocab.idf(id))
                .sum();
            let cov = if tot > 0.0 { cov / tot } else { 1.0 };
            // Title entities of the article found among the event's entities, and the
            // event's title entities found among the article's.
            let ev_ents: std::collections::HashSet<u32> = members
                .iter()
                .flat_map(|&m| feats[m].0.entities.iter().map(|x| x.0))
                .collect();
            let ev_tents: std::collections::HashSet<u32> = members
                .iter()
                .flat_map(|&m| feats[m].0.title_entities.iter().map(|x| x.0))
                .collect();
            let own_ents: std::collections::HashSet<u32> = f.entities.iter().map(|x| x.0).collect();
            let a_in = f
                .title_entities
                .iter()
                .filter(|x| ev_ents.contains(&x.0))
                .count();
            let e_in = ev_tents.iter().filter(|x| own_ents.contains(x)).count();
            let conflict = (!f.title_entities.is_empty() && a_in == 0) as u8
                + (!ev_tents.is_empty() && e_in == 0) as u8;
            if texts[0] < 0.03 {
                continue;
            }
            println!(
                "{}\t{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\t{:.4}\t{:.4}\t{}",
                pos,
                g,
                (eg == g) as u8,
                texts[0],
                top3,
                title,
                ent,
                gap,
                members.len(),
                ct,
                cov,
                conflict
            );
        }
        feats.push((f, day));
        match events.iter_mut().find(|(eg, _)| eg == g) {
            Some((_, m)) => m.push(pos),
            None => events.push((g.clone(), vec![pos])),
        }
    }
}
