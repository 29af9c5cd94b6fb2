//! Fit the day ranker on every Timeline17 task and print it as the Rust constant
//! `DateModel::SHIPPED` in crates/timeline/src/ranker.rs (the shipped default), with the
//! leave-one-topic-out models' weights for comparison.
//!
//! `cargo run --release -p storyline-eval --example t17_date_model -- ../shared/data/t17`

use std::path::PathBuf;

use storyline_eval::timeline_system::StorylineSystem;
use storyline_eval::timelines::load;
use storyline_timeline::FEATURE_NAMES;

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data/t17".into()),
    );
    let data = load(&dir)?;
    let system = StorylineSystem::tag(&data);
    let model = system.fit_all(&data);
    println!("    pub const SHIPPED: DateModel = DateModel {{");
    println!("        bias: {:.6},", model.bias);
    println!("        weights: [");
    for (w, name) in model.weights.iter().zip(FEATURE_NAMES) {
        println!("            {w:.6}, // {name}");
    }
    println!("        ],");
    println!("    }};");
    Ok(())
}
