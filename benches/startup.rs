//! Where the start-up CPU goes, phase by phase, on a warm data folder: what the interactive
//! program does before its first frame (the signed-in account) and after it (housekeeping, the
//! open applications), and what is left for first use (the businesses, the question bank, the
//! other accounts), which an idle start never pays. Each figure is the median of 21 runs after a
//! warm-up. The terminal side (first frame, CPU until idle against the bare ratatui list) is
//! measured from outside by `scripts/bench.sh`.
//!
//! Run with `cargo bench --bench startup`.

use std::time::{Duration, Instant};

use jiaoguan::app::App;
use jiaoguan::app::session::{SeedPlan, Session};
use jiaoguan::assets::{AssetSource, Resources, catalog_on_demand};
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
        "App::starting",
        "(first frame)",
        "Resources::load (nothing parsed)",
        "finish_start (housekeeping, open applications)",
        "(idle)",
        "first use: the 25 businesses, linted",
        "first use: the question bank",
        "first use: the other 21 accounts",
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
        let catalog = catalog_on_demand(&assets);
        let mut app = App::starting(
            catalog,
            config.clone(),
            Resources::empty(),
            session,
            Rect::new(0, 0, 80, 24),
        );
        lap(&mut marks);
        lap(&mut marks);
        let resources = Resources::load(&assets).expect("resources");
        lap(&mut marks);
        app.finish_start(&assets, None, resources).expect("finish");
        lap(&mut marks);
        lap(&mut marks);
        let businesses = catalog_on_demand(&assets);
        assert!(businesses.flows().count() >= 25);
        lap(&mut marks);
        let bank = Resources::load(&assets).expect("resources");
        assert!(!bank.questions.questions.is_empty());
        lap(&mut marks);
        drop(app);
        let data = DataDir::open(dir.path()).expect("dir");
        let mut session = Session::open_current(data, &assets, &plan).expect("session");
        session.load_rest(&assets).expect("rest");
        let t0 = std::time::Instant::now();
        session.load_accounts().expect("accounts");
        marks.push(t0.elapsed());
        assert!(session.personas.len() > 20);
        if round > 0 {
            for (phase, mark) in samples.iter_mut().zip(marks) {
                phase.push(mark);
            }
        }
    }
    let mut total = Duration::ZERO;
    println!("start-up phases, warm folder (median of {SAMPLES}):");
    for (name, phase) in phases.iter().zip(samples) {
        let m = median(phase);
        if name.starts_with('(') {
            println!("  -- {name}: {:.2} ms so far", total.as_secs_f64() * 1e3);
            continue;
        }
        total += m;
        println!("  {name:<44} {:>7.3} ms", m.as_secs_f64() * 1e3);
    }
}
