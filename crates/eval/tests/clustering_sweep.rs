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
    for window in [7, 14, 30] {
        for factor in [0.7f32, 0.85, 1.0] {
            for threshold in [0.10f32, 0.13, 0.16, 0.20] {
                for gate in [0.3f32] {
                    let mut config = ClusterConfig::default();
                    config.events.window_days = window;
                    config.events.join_threshold = threshold;
                    config.events.entity_gate_below = gate;
                    config.events.beyond_window_factor = factor;
                    let r = storyline_eval::clustering::run_with(&path, &config, None).unwrap();
                    eprintln!(
                    "window {window:>2} factor {factor:.2} threshold {threshold:.2} gate {gate:.1}: pairwise {:.3}/{:.3}/{:.3} bcubed {:.3} ari {:.3} ami {:.3} events {}",
                    r.pairwise_p, r.pairwise_r, r.pairwise_f1, r.bcubed_f1, r.ari, r.ami, r.events_pred
                );
                }
            }
        }
    }
}
