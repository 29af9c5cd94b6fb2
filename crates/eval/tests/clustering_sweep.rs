//! A settings sweep over news-cluster, run by hand when revisiting the fixed defaults:
//! `cargo test -p storyline-eval --release --test clustering_sweep -- --ignored --nocapture`.

use std::path::PathBuf;

use storyline_cluster::ClusterConfig;

#[test]
#[ignore = "a manual sweep, not a check"]
fn sweep_event_settings() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news-cluster");
    if !path.is_dir() {
        eprintln!("skipping: {} not found", path.display());
        return;
    }
    for (title_weight, entity_weight) in [(0.25f32, 0.15f32), (0.5, 0.15), (0.25, 0.4), (0.0, 0.0)]
    {
        for nearest_k in [1usize, 3, 6] {
            for threshold in [0.10f32, 0.13, 0.16] {
                let mut config = ClusterConfig::default();
                config.events.title_weight = title_weight;
                config.events.entity_weight = entity_weight;
                config.events.nearest_k = nearest_k;
                config.events.join_threshold = threshold;
                let r = storyline_eval::clustering::run_with(&path, &config, None).unwrap();
                eprintln!(
                    "title {title_weight:.2} entity {entity_weight:.2} k {nearest_k} threshold {threshold:.2}: pairwise {:.3}/{:.3}/{:.3} bcubed {:.3} ari {:.3} ami {:.3} events {}",
                    r.pairwise_p, r.pairwise_r, r.pairwise_f1, r.bcubed_f1, r.ari, r.ami, r.events_pred
                );
            }
        }
    }
}
