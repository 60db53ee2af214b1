//! Cost against history: data folders with 10, 10,000 and 100,000 applications, and what a
//! user feels in each (DESIGN.md "Scale"): a Down, the time from start to the first key handled,
//! opening 网办进度 and its last page, one more 提交, and peak memory.
//!
//! `cargo bench --bench history` (sizes from `HISTORY_SIZES`, default `10,10000,100000`).
//! Each size is built by a child process (`history generate N DIR`) and measured by another
//! (`history measure DIR`), so the peak memory of one is not the other's.
//!
//! The generator runs the real engine on a realistic mix: 驾驶证电子版 (60 %) and 变更驾驶证
//! 联系方式 (40 %) carried through their review to 办结, 1 % of them (the newest) still open in
//! review; 80 % by the signed-in persona, the rest by two others; each with its SMS code and
//! its result SMS. The finished ones were created one after another over two simulated years,
//! the open ones on the last morning, 10 s apart, so their reviews are due after the clock (a
//! folder whose reviews all fell due while it was closed measures the catch-up, not history).
//! Files are written directly, without fsync, so 100,000 take seconds rather than minutes.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, TimeDelta};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jiaoguan::app::App;
use jiaoguan::app::history::{ArchiveIndex, archive_file, index_file};
use jiaoguan::app::play::play;
use jiaoguan::app::script;
use jiaoguan::app::session::{
    STATE_FILE, SeedPlan, Session, application_file, inbox_header_file, segment_file,
};
use jiaoguan::assets::{AssetSource, Resources, catalog_on_demand, load_catalog};
use jiaoguan::config::Config;
use jiaoguan::engine::application::{Application, EventKind};
use jiaoguan::engine::inbox::{Channel, InboxHeader, Message, Segment, segment_for};
use jiaoguan::engine::step::{Command, World, create, handle};
use jiaoguan::store::{DataDir, to_ron};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// Share of the applications still open, in percent (the newest ones).
const OPEN_PERCENT: usize = 1;
/// Samples of a Down.
const DOWN_SAMPLES: usize = 301;
/// Samples of a 提交.
const SUBMIT_SAMPLES: usize = 11;
const SIZE: (u16, u16) = (100, 30);

fn plan() -> SeedPlan {
    let config = Config::default();
    SeedPlan {
        clock_start: config.play_clock_start,
        default_persona: config.default_persona.clone(),
        seed: 1,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => {
            let count = args[1].parse().expect("a count");
            generate(count, Path::new(&args[2]));
        }
        Some("measure") => measure(Path::new(&args[1])),
        _ => drive(),
    }
}

/// Builds and measures each size in child processes, then prints the table.
fn drive() {
    let sizes: Vec<usize> = std::env::var("HISTORY_SIZES")
        .unwrap_or_else(|_| "10,10000,100000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("HISTORY_SIZES: numbers"))
        .collect();
    let me = std::env::current_exe().expect("exe");
    let mut rows: Vec<(usize, BTreeMap<String, f64>)> = Vec::new();
    for size in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let started = Instant::now();
        let status = Process::new(&me)
            .args(["generate", &size.to_string()])
            .arg(dir.path())
            .status()
            .expect("generate");
        assert!(status.success());
        let built = started.elapsed();
        // The folder was written without fsync: flush it now, so its write-back does not land
        // on the measured 提交's fsyncs.
        let _ = Process::new("sync").status();
        let output = Process::new(&me)
            .arg("measure")
            .arg(dir.path())
            .output()
            .expect("measure");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut figures: BTreeMap<String, f64> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|l| {
                let (k, v) = l.split_once('=')?;
                Some((k.to_string(), v.parse().ok()?))
            })
            .collect();
        figures.insert("build_s".into(), built.as_secs_f64());
        println!("{size} applications: {figures:?}");
        rows.push((size, figures));
    }
    let names = [
        ("build_s", "build the folder (s, not a target)"),
        ("first_frame_ms", "start → first frame (ms)"),
        ("first_key_ms", "start → first key handled (ms)"),
        ("down_median_us", "Down, median (µs)"),
        ("down_max_us", "Down, max (µs)"),
        ("progress_open_ms", "open 网办进度 (ms)"),
        ("progress_last_ms", "its last page (ms)"),
        ("submit_median_ms", "one more 提交, median (ms)"),
        ("peak_rss_kib", "peak RSS (KiB)"),
    ];
    print!("\n| figure |");
    for (size, _) in &rows {
        print!(" {size} |");
    }
    println!();
    print!("|---|");
    for _ in &rows {
        print!("---|");
    }
    println!();
    for (key, label) in names {
        print!("| {label} |");
        for (_, figures) in &rows {
            print!(" {:.2} |", figures.get(key).copied().unwrap_or(f64::NAN));
        }
        println!();
    }
    if let (Some((_, first)), Some((_, last))) = (rows.first(), rows.last()) {
        for key in ["down_median_us", "submit_median_ms", "progress_open_ms"] {
            println!("ratio {key}: {:.2}", last[key] / first[key]);
        }
        println!(
            "first key after first frame, largest: {:.1} ms",
            last["first_key_ms"] - last["first_frame_ms"]
        );
    }
}

/// One account's messages as they are written: the finished segments, the one filling up.
#[derive(Default)]
struct InboxBuilder {
    header: InboxHeader,
    segment: Option<Segment>,
}

impl InboxBuilder {
    fn deliver(&mut self, dir: &Path, profile: &str, mut message: Message) {
        message.seq = self.header.delivered + 1;
        let newest = self
            .segment
            .as_ref()
            .map(|s| (s.name.as_str(), s.messages.len()));
        let name = segment_for(newest, message.at);
        if self.segment.as_ref().is_none_or(|s| s.name != name) {
            self.flush(dir, profile);
            self.segment = Some(Segment::new(name.clone()));
        }
        self.header.delivered = message.seq;
        self.header.read_through = message.seq;
        self.header.latest = Some(message.at);
        self.header.newest = Some(name);
        if let Some(segment) = self.segment.as_mut() {
            segment.messages.push(message);
        }
    }

    fn flush(&self, dir: &Path, profile: &str) {
        if let Some(segment) = &self.segment {
            write(dir, &segment_file(profile, &segment.name), segment);
        }
    }
}

fn write<T: serde::Serialize>(dir: &Path, rel: &str, value: &T) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, to_ron(value).expect("ron")).expect("write");
}

/// The folder for `count` applications (see the module comment).
fn generate(count: usize, dir: &Path) {
    let session = Session::open(
        DataDir::open(dir).expect("data dir"),
        &AssetSource::Embedded,
        &plan(),
    )
    .expect("seed");
    let profiles = session.profiles.clone();
    let mut state = session.state.clone();
    drop(session);
    let catalog = load_catalog(&AssetSource::Embedded)
        .expect("assets")
        .expect("catalog");
    let resources = Resources::load(&AssetSource::Embedded).expect("resources");
    let policy = Config::default().policy(false);
    let start = plan().clock_start;
    let span = TimeDelta::days(730).num_seconds() / i64::try_from(count).expect("count");
    let step = TimeDelta::seconds(span.max(60));
    let open_from = count - (count * OPEN_PERCENT / 100).max(1);
    let contact = BTreeMap::from([
        ("phone".to_string(), "13912345678".to_string()),
        ("region".to_string(), "上海市/上海市/浦东新区".to_string()),
        ("address_detail".to_string(), "世纪大道100号".to_string()),
    ]);
    let mut inboxes: BTreeMap<String, InboxBuilder> = BTreeMap::new();
    let mut indexes: BTreeMap<String, ArchiveIndex> = BTreeMap::new();
    let mut latest = start;
    let last_morning = start + TimeDelta::days(730);
    for i in 0..count {
        let at = if i >= open_from {
            last_morning + TimeDelta::seconds(10 * i64::try_from(i - open_from).expect("i"))
        } else {
            start + step * i32::try_from(i).expect("i")
        };
        let applicant = match i % 10 {
            9 => "truck_a2",
            8 => "expiring_soon",
            _ => "ordinary_c1",
        };
        let (flow_id, answers) = if i % 10 < 6 {
            ("e_licence", BTreeMap::new())
        } else {
            ("licence_contact_change", contact.clone())
        };
        let flow = catalog.flow(flow_id).expect("flow");
        let profile = &profiles[applicant];
        let mut answers = answers;
        let licence = profile.licence.as_ref().expect("a licence");
        answers.insert("subject".to_string(), licence.file_number.clone());
        let no_seats = std::collections::BTreeMap::new();
        let no_numbers = std::collections::BTreeSet::new();
        let no_accounts = std::collections::BTreeMap::new();
        let world = World {
            profile,
            resources: &resources,
            policy: &policy,
            seed: 1,
            clock_start: start.date(),
            seats_taken: &no_seats,
            numbers_held: &no_numbers,
            applications: Vec::new(),
            accounts: &no_accounts,
        };
        let number = format!("{}{:06}", at.format("%Y%m%d"), i + 1);
        let mut app = create(&number, flow, applicant, at);
        let run = |app: &mut Application, command: Command, id: &str, now: NaiveDateTime| {
            let events = handle(app, flow, &command, id, now, &world).expect("accepted");
            app.events.extend(events);
        };
        run(&mut app, Command::Submit { answers }, "submit", at);
        let open = i >= open_from;
        if !open && let Some(due) = app.state().due {
            run(&mut app, Command::Advance, "due", due);
        }
        let inbox = inboxes.entry(applicant.to_string()).or_default();
        inbox.deliver(
            dir,
            applicant,
            Message {
                seq: 0,
                at,
                channel: Channel::Sms,
                to: Some(profile.phone.as_str().to_string()),
                text: format!(
                    "【交管12123】验证码 {:06}，您正在办理「{}」，请勿告诉他人。",
                    i % 1_000_000,
                    flow.title
                ),
                application: None,
            },
        );
        for event in &app.events {
            if let EventKind::Sent { channel, to, text } = &event.kind {
                inbox.deliver(
                    dir,
                    applicant,
                    Message {
                        seq: 0,
                        at: event.at,
                        channel: *channel,
                        to: to.clone(),
                        text: text.clone(),
                        application: Some(number.clone()),
                    },
                );
            }
            latest = latest.max(event.at);
        }
        if app.is_finished() {
            let index = indexes.entry(applicant.to_string()).or_default();
            let month = format!("{}-{}", &number[0..4], &number[4..6]);
            index.add(&month, app.events.last().map(|e| e.at));
            write(dir, &archive_file(applicant, &number), &app);
        } else {
            write(dir, &application_file(&number), &app);
        }
    }
    for (profile, inbox) in &inboxes {
        inbox.flush(dir, profile);
        write(dir, &inbox_header_file(profile), &inbox.header);
    }
    for (profile, index) in &indexes {
        write(dir, &index_file(profile), index);
    }
    state.applications_created = count as u64;
    state.clock.now = latest;
    write(dir, STATE_FILE, &state);
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Handles `event` and draws the frame, as the interactive loop does; returns the time taken.
fn timed(app: &mut App, terminal: &mut Terminal<TestBackend>, event: &Event) -> Duration {
    let started = Instant::now();
    app.handle_event(event);
    terminal.draw(|f| app.render(f)).expect("draw");
    started.elapsed()
}

fn keys(app: &mut App, script_text: &str) {
    let events = script::parse(script_text).expect("script");
    play(app, &events, SIZE.0, SIZE.1).expect("play");
}

fn peak_rss_kib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(f64::NAN)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Opens the folder as the interactive program does and measures what a user feels.
fn measure(path: &Path) {
    let assets = AssetSource::Embedded;
    let started = Instant::now();
    let dir = DataDir::open(path).expect("data dir");
    let session = Session::open_current(dir, &assets, &plan()).expect("session");
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("terminal");
    let mut app = App::starting(
        catalog_on_demand(&assets),
        Config::default(),
        Resources::empty(),
        session,
        Rect::new(0, 0, SIZE.0, SIZE.1),
    );
    terminal.draw(|f| app.render(f)).expect("draw");
    let first_frame = started.elapsed();
    let resources = Resources::load(&assets).expect("resources");
    app.finish_start(&assets, None, resources).expect("load");
    app.handle_event(&key(KeyCode::Enter));
    terminal.draw(|f| app.render(f)).expect("draw");
    let first_key = started.elapsed();
    println!("first_frame_ms={}", first_frame.as_secs_f64() * 1e3);
    println!("first_key_ms={}", first_key.as_secs_f64() * 1e3);
    app.reset_to_home();

    // A Down on 首页, with the simulated clock following the wall clock as it does there.
    let wall = app.session().state.clock.now;
    let mut downs = Vec::with_capacity(DOWN_SAMPLES);
    for i in 0..DOWN_SAMPLES {
        let code = if i % 2 == 0 {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        let started = Instant::now();
        app.follow_wall_clock(wall + TimeDelta::milliseconds(i as i64 * 200));
        app.handle_event(&key(code));
        terminal.draw(|f| app.render(f)).expect("draw");
        downs.push(started.elapsed());
    }
    println!(
        "down_median_us={}",
        median(downs.clone()).as_secs_f64() * 1e6
    );
    println!(
        "down_max_us={}",
        downs.iter().max().expect("samples").as_secs_f64() * 1e6
    );

    let open = timed(&mut app, &mut terminal, &key(KeyCode::Char('4')));
    let last = timed(&mut app, &mut terminal, &key(KeyCode::End));
    println!("progress_open_ms={}", open.as_secs_f64() * 1e3);
    println!("progress_last_ms={}", last.as_secs_f64() * 1e3);
    app.reset_to_home();

    // 变更驾驶证联系方式 by the signed-in account (whose history it is), up to the SMS code.
    let mut submits = Vec::new();
    for _ in 0..SUBMIT_SAMPLES {
        keys(
            &mut app,
            "/ \"bgjszlxfs\" Enter Enter Space Enter Enter \"13912345678\" Enter \
             Down Enter Enter Down Down Enter \"世纪大道100号\" Enter Enter",
        );
        let code = latest_code(&app);
        keys(&mut app, &format!("\"{code}\""));
        submits.push(timed(&mut app, &mut terminal, &key(KeyCode::Enter)));
        app.reset_to_home();
    }
    println!("submit_median_ms={}", median(submits).as_secs_f64() * 1e3);
    println!("peak_rss_kib={}", peak_rss_kib());
}

/// The newest SMS code in the signed-in account's messages.
fn latest_code(app: &App) -> String {
    let session = app.session();
    let inbox = &session.inboxes[&session.state.current_profile];
    let text = &inbox
        .newest
        .as_ref()
        .and_then(|s| s.messages.last())
        .expect("a code was sent")
        .text;
    let at = text.find("验证码 ").expect("a code") + "验证码 ".len();
    text[at..].chars().take(6).collect()
}
