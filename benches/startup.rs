//! Where the start-up CPU goes, phase by phase, on a warm data folder: what the interactive
//! program does before its first frame (the signed-in account, the menu) and after it (the
//! businesses, the resources, the other accounts, the search index). Each figure is the median
//! of 21 runs after a warm-up. The terminal side (first frame, CPU until idle against the bare
//! ratatui list) is measured from outside by `scripts/bench.sh`.
//!
//! Run with `cargo bench --bench startup`.

use std::time::{Duration, Instant};

use jiaoguan::app::App;
use jiaoguan::app::session::{SeedPlan, Session};
use jiaoguan::assets::{AssetSource, Resources, load_catalog, load_menu};
use jiaoguan::config::Config;
use jiaoguan::store::DataDir;
use ratatui::layout::Rect;

const SAMPLES: usize = 21;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let assets = AssetSource::Embedded;
    let config = Config::default();
    let plan = SeedPlan {
        clock_start: config.play_clock_start,
        default_persona: config.default_persona.clone(),
        seed: 7,
    };
    let dir = tempfile::tempdir().expect("dir");
    // Seeded once, as the first start of a kiosk does; every sample below opens it warm.
    drop(Session::open(DataDir::open(dir.path()).expect("dir"), &assets, &plan).expect("seed"));

    let phases = [
        "open folder + lock",
        "state + signed-in account",
        "menu",
        "App::starting",
        "(first frame)",
        "load_catalog (25 businesses)",
        "Resources::load",
        "finish_start (accounts, search, scenarios)",
    ];
    let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); phases.len()];
    for round in 0..=SAMPLES {
        let mut marks = Vec::with_capacity(phases.len());
        let mut t = Instant::now();
        let mut lap = |marks: &mut Vec<Duration>| {
            let now = Instant::now();
            marks.push(now - t);
            t = now;
        };
        let data = DataDir::open(dir.path()).expect("dir");
        lap(&mut marks);
        let session = Session::open_current(data, &assets, &plan).expect("session");
        lap(&mut marks);
        let menu = load_menu(&assets).expect("menu").expect("valid");
        lap(&mut marks);
        let mut app = App::starting(
            menu,
            config.clone(),
            Resources::empty(),
            session,
            Rect::new(0, 0, 80, 24),
        );
        lap(&mut marks);
        lap(&mut marks);
        let catalog = load_catalog(&assets).expect("catalog").expect("valid");
        lap(&mut marks);
        let resources = Resources::load(&assets).expect("resources");
        lap(&mut marks);
        app.finish_start(&assets, catalog, resources)
            .expect("finish");
        lap(&mut marks);
        drop(app);
        if round > 0 {
            for (phase, mark) in samples.iter_mut().zip(marks) {
                phase.push(mark);
            }
        }
    }
    let mut before = Duration::ZERO;
    let mut total = Duration::ZERO;
    println!("start-up phases, warm folder (median of {SAMPLES}):");
    for (name, phase) in phases.iter().zip(samples) {
        let m = median(phase);
        total += m;
        if *name == "(first frame)" {
            before = total;
            println!(
                "  -- before the first frame: {:.2} ms",
                before.as_secs_f64() * 1e3
            );
            continue;
        }
        println!("  {name:<44} {:>7.3} ms", m.as_secs_f64() * 1e3);
    }
    println!(
        "  -- after it: {:.2} ms; in all {:.2} ms",
        (total - before).as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3
    );
}
