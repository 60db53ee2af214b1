//! Engine, replay, store and start-up timings, without a benchmark framework: each figure is the
//! median of at least 11 samples taken after a warm-up, with the min and max beside it.
//!
//! Run with `cargo bench --bench engine` (release profile). Takes well under a minute on a
//! 2-core machine; most of it is writing the 10,000 application files of the store benchmark.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use jiaoguan::assets::{AssetSource, Resources, load_catalog};
use jiaoguan::config::Config;
use jiaoguan::domain::profile::{DayOffset, Profile};
use jiaoguan::engine::application::Application;
use jiaoguan::engine::step::{Command, World, create, handle};
use jiaoguan::flow::{Catalog, FlowDef};
use jiaoguan::store::{DataDir, from_ron, to_ron};

/// Samples per measurement, after the warm-up.
const SAMPLES: usize = 21;
/// Samples of a single save (each one an fsynced file, so cheap enough to take many).
const SAVE_SAMPLES: usize = 101;
/// A sample of a fast operation repeats it until it lasts about this long.
const SAMPLE_TARGET: Duration = Duration::from_millis(10);

/// Median, min and max of the per-call time of one measurement.
struct Stats {
    name: String,
    median: Duration,
    min: Duration,
    max: Duration,
}

impl Stats {
    fn from_samples(name: &str, mut samples: Vec<Duration>) -> Stats {
        assert!(!samples.is_empty(), "no samples for {name}");
        samples.sort();
        Stats {
            name: name.to_string(),
            median: samples[samples.len() / 2],
            min: samples[0],
            max: samples[samples.len() - 1],
        }
    }

    /// `name: median X (min A, max B) unit`, in one unit chosen from the median.
    fn line(&self) -> String {
        let nanos = self.median.as_secs_f64() * 1e9;
        let (unit, scale) = if nanos < 1e3 {
            ("ns", 1.0)
        } else if nanos < 1e6 {
            ("µs", 1e3)
        } else {
            ("ms", 1e6)
        };
        let show = |d: Duration| {
            let v = d.as_secs_f64() * 1e9 / scale;
            if v < 10.0 {
                format!("{v:.2}")
            } else if v < 100.0 {
                format!("{v:.1}")
            } else {
                format!("{v:.0}")
            }
        };
        format!(
            "{}: median {} (min {}, max {}) {unit}",
            self.name,
            show(self.median),
            show(self.min),
            show(self.max)
        )
    }
}

/// Times `f` per call: calibrates how many calls make a ~10 ms sample, warms up, then takes
/// `SAMPLES` samples and divides each by its number of calls.
fn bench<R>(name: &str, mut f: impl FnMut() -> R) -> Stats {
    let start = Instant::now();
    let mut calls: u32 = 0;
    while start.elapsed() < SAMPLE_TARGET / 2 || calls == 0 {
        black_box(f());
        calls += 1;
    }
    let per_call = start.elapsed() / calls;
    let iters = u32::try_from(SAMPLE_TARGET.as_nanos() / per_call.as_nanos().max(1))
        .unwrap_or(u32::MAX)
        .max(1);
    // Warm-up: one full sample, not recorded.
    for _ in 0..iters {
        black_box(f());
    }
    let samples = (0..SAMPLES)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iters {
                black_box(f());
            }
            t.elapsed() / iters
        })
        .collect();
    let stats = Stats::from_samples(name, samples);
    println!("  {}   [{SAMPLES} samples × {iters} calls]", stats.line());
    stats
}

fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, 0, 0))
        .expect("a valid calendar date")
}

/// The day the personas and the sessions are dated from.
fn profile_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("a valid date")
}

fn persona(id: &str) -> Profile {
    let file = AssetSource::Embedded
        .file(&format!("demo/personas/{id}.ron"))
        .expect("the persona is embedded");
    let persona: Profile<DayOffset> = from_ron(&file.text).expect("the embedded persona parses");
    persona.dated(profile_start())
}

fn embedded_catalog() -> Catalog {
    match load_catalog(&AssetSource::Embedded).expect("the embedded assets are readable") {
        Ok(catalog) => catalog,
        Err(problems) => panic!("the embedded catalog has problems: {problems:?}"),
    }
}

/// Runs a command through the engine and appends its events, as the app does.
fn run(app: &mut Application, flow: &FlowDef, world: &World, command: Command, now: NaiveDateTime) {
    let id = format!("cmd{}", app.events.len());
    let events = handle(app, flow, &command, &id, now, world).expect("the engine accepts it");
    assert!(!events.is_empty(), "{command:?} produced no events");
    app.events.extend(events);
}

/// The answers of a 提交 that names the profile's licence, as its subject page does.
fn subject_of(profile: &Profile) -> BTreeMap<String, String> {
    let licence = profile.licence.as_ref().expect("a licence");
    [("subject".to_string(), licence.file_number.clone())].into()
}

fn stage(app: &Application) -> String {
    app.state().stage.unwrap_or_default()
}

/// A 学法减分 application built only through `handle`: submitted for 网上学习, then short study
/// sessions begun and ended one after another (a face check, the start, the seconds banked)
/// until the log has at least 100 events.
fn long_application(flow: &FlowDef, world: &World) -> Application {
    let start = at(2026, 3, 2, 9);
    let mut app = create("20260302000100", flow, &world.profile.id, start);
    let mut answers = subject_of(world.profile);
    answers.insert("method".into(), "online".into());
    run(&mut app, flow, world, Command::Submit { answers }, start);
    assert_eq!(stage(&app), "study", "the persona may reduce points");
    let mut now = start;
    while app.events.len() < 100 {
        now += TimeDelta::minutes(1);
        run(&mut app, flow, world, Command::BeginStudy, now);
        now += TimeDelta::seconds(10);
        if app.state().local.study().open_since.is_some() {
            run(&mut app, flow, world, Command::PauseStudy, now);
        }
    }
    assert!(!app.is_finished(), "still studying");
    app
}

/// Writes `count` application files numbered from `first`, through `DataDir::save`.
fn fill(dir: &DataDir, template: &Application, first: u64, count: u64) {
    for i in first..first + count {
        let mut app = template.clone();
        app.number = format!("20260302{i:06}");
        dir.save(&format!("applications/{}.ron", app.number), &app)
            .expect("the filler application is saved");
    }
}

/// `10000` as `10,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Median time of saving one more application into a folder that already holds `existing`.
fn save_with(existing: u64, template: &Application) -> Stats {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = DataDir::open(&tmp.path().join("data")).expect("the data folder opens");
    let filled = Instant::now();
    fill(&dir, template, 1, existing);
    let fill_time = filled.elapsed();
    // New numbers for the timed saves, clear of the filler ones.
    let mut next = 900_000u64;
    let mut save_one = || {
        let mut app = template.clone();
        app.number = format!("20260302{next:06}");
        next += 1;
        let t = Instant::now();
        dir.save(&format!("applications/{}.ron", app.number), &app)
            .expect("the application is saved");
        t.elapsed()
    };
    for _ in 0..5 {
        save_one();
    }
    let samples = (0..SAVE_SAMPLES).map(|_| save_one()).collect();
    let name = format!("save with {} applications", thousands(existing));
    let stats = Stats::from_samples(&name, samples);
    println!(
        "  {}   [{SAVE_SAMPLES} samples; writing the {} files took {:.1} s]",
        stats.line(),
        thousands(existing),
        fill_time.as_secs_f64()
    );
    stats
}

fn main() {
    let total = Instant::now();
    println!("jiaoguan engine benchmarks (cargo bench --bench engine)\n");

    let catalog = embedded_catalog();
    let resources = Resources::load(&AssetSource::Embedded).expect("the embedded resources load");
    let flow = catalog
        .flow("e_licence")
        .expect("e_licence is in the catalog");
    let profile = persona("ordinary_c1");
    let deciding = Config::default().policy(false);
    let no_seats = std::collections::BTreeMap::new();
    let no_numbers = std::collections::BTreeSet::new();
    let no_accounts = std::collections::BTreeMap::new();
    let world = |policy| World {
        profile: &profile,
        resources: &resources,
        policy,
        seed: 7,
        clock_start: profile_start(),
        seats_taken: &no_seats,
        numbers_held: &no_numbers,
        applications: Vec::new(),
        accounts: &no_accounts,
    };
    let auto = world(&deciding);
    let mut lines = Vec::new();

    // 1. One engine step.
    println!("1. engine step");
    let fresh = create("20260306000001", flow, &profile.id, at(2026, 3, 6, 10));
    let submit = Command::Submit {
        answers: subject_of(&profile),
    };
    let mut waiting = fresh.clone();
    run(
        &mut waiting,
        flow,
        &auto,
        submit.clone(),
        at(2026, 3, 6, 10),
    );
    assert_eq!(stage(&waiting), "review");
    // Submitted on Friday 10:00, due Monday 17:00: Monday 17:00 makes the decision.
    let decision_time = at(2026, 3, 9, 17);
    let decided = handle(
        &waiting,
        flow,
        &Command::Advance,
        "due",
        decision_time,
        &auto,
    )
    .expect("the engine accepts Advance");
    assert!(
        !decided.is_empty(),
        "the review should be decided at its deadline"
    );
    lines.push(bench("engine step (Advance, review decided)", || {
        handle(
            &waiting,
            flow,
            &Command::Advance,
            "due",
            decision_time,
            &auto,
        )
    }));
    lines.push(bench("engine step (Submit, fresh application)", || {
        handle(&fresh, flow, &submit, "submit", at(2026, 3, 6, 10), &auto)
    }));

    // 2. Replay and RON round trip of a long log.
    let points = catalog
        .flow("points_reduction_study")
        .expect("学法减分 is embedded");
    let learner = persona("truck_a2");
    let studying = World {
        profile: &learner,
        ..world(&deciding)
    };
    let long = long_application(points, &studying);
    let events = long.events.len();
    let text = to_ron(&long).expect("the long application serializes");
    println!("\n2. replay ({events} events, {} bytes of RON)", text.len());
    let replay_name = format!("replay {events} events (Application::state)");
    lines.push(bench(&replay_name, || long.state()));
    let back: Application = from_ron(&text).expect("the long application parses back");
    assert_eq!(back, long, "the RON round trip keeps every event");
    let rt_name = format!("RON round trip {events} events (to_ron + from_ron)");
    lines.push(bench(&rt_name, || {
        let text = to_ron(&long).expect("serializes");
        from_ron::<Application>(&text).expect("parses")
    }));
    lines.push(bench(&format!("  of which to_ron {events} events"), || {
        to_ron(&long).expect("serializes")
    }));
    lines.push(bench(
        &format!("  of which from_ron {events} events"),
        || from_ron::<Application>(&text).expect("parses"),
    ));

    // 3. Saving one application file, with 10 and with 10,000 others in the folder.
    println!("\n3. save with 10 vs 10,000 applications");
    let mut template = fresh.clone();
    run(&mut template, flow, &auto, submit, at(2026, 3, 6, 10));
    run(&mut template, flow, &auto, Command::Advance, decision_time);
    assert!(template.is_finished());
    let small = save_with(10, &template);
    let large = save_with(10_000, &template);
    let ratio = large.median.as_secs_f64() / small.median.as_secs_f64();
    println!(
        "  save ratio 10,000 / 10: {ratio:.2}   [{} events, {} bytes per file]",
        template.events.len(),
        to_ron(&template).expect("serializes").len()
    );
    lines.push(small);
    lines.push(large);

    // 4. The part of start-up that parses the assets.
    println!("\n4. start-up parse");
    lines.push(bench(
        "start-up parse (load_catalog + Resources::load)",
        || {
            let catalog = embedded_catalog();
            let resources =
                Resources::load(&AssetSource::Embedded).expect("the embedded resources load");
            (catalog, resources)
        },
    ));

    println!("\nSummary (median of ≥ 11 samples after a warm-up, per call):");
    for stats in &lines {
        println!("{}", stats.line());
    }
    println!("save ratio 10,000 / 10 applications: {ratio:.2}");
    println!(
        "\nTotal {:.1} s. Reproduce with: cargo bench --bench engine",
        total.elapsed().as_secs_f64()
    );
}
