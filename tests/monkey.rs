//! No input crashes the app: thousands of random keys, pastes, clicks and resizes on every
//! screen the keys reach (seeded, so a failure replays), with the frame drawn after each one.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use jiaoguan::app::App;
use jiaoguan::app::session::{SeedPlan, Session};
use jiaoguan::assets::{AssetSource, Resources, load_catalog};
use jiaoguan::config::Config;
use jiaoguan::engine::rng::SimRng;
use jiaoguan::store::DataDir;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use jiaoguan::app::script::Step;

const KEYS: &[KeyCode] = &[
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::F(8),
    KeyCode::F(9),
];
const CHARS: &[char] = &[
    '1', '2', '3', '4', '5', '6', '7', '9', '0', ' ', '/', '?', 'j', 'k', 'x', 'n', '新', '车',
    '京', 'A', '\u{200b}', '·',
];

fn random_event(rng: &mut SimRng) -> Event {
    let pick = |rng: &mut SimRng, n: usize| usize::try_from(rng.below(n as u64)).unwrap_or(0);
    match rng.below(100) {
        0..=44 => Event::Key(KeyEvent::new(
            KEYS[pick(rng, KEYS.len())],
            KeyModifiers::NONE,
        )),
        45..=84 => Event::Key(KeyEvent::new(
            KeyCode::Char(CHARS[pick(rng, CHARS.len())]),
            KeyModifiers::NONE,
        )),
        85..=89 => Event::Paste("13912345678\n\u{1b}[31m京A12345".to_string()),
        90..=95 => Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: u16::try_from(rng.below(120)).unwrap_or(0),
            row: u16::try_from(rng.below(40)).unwrap_or(0),
            modifiers: KeyModifiers::NONE,
        }),
        // Never quit: the confirm dialog is answered with `y` only by chance, so `q` is left out.
        _ => Event::Resize(
            40 + u16::try_from(rng.below(80)).unwrap_or(0),
            12 + u16::try_from(rng.below(30)).unwrap_or(0),
        ),
    }
}

/// Opens a fresh session with `seed`, plays `start` (a script's steps) into it, then `steps`
/// random events, drawing after each: no panic, no quit without q, the cursor on the screen.
fn walk(seed: u64, start: &[Step], steps: usize, visited: &mut std::collections::BTreeSet<String>) {
    let dir = tempfile::tempdir().expect("dir");
    let config = Config::default();
    let plan = SeedPlan {
        clock_start: config.play_clock_start,
        default_persona: config.default_persona.clone(),
        seed,
    };
    let session = Session::open(
        DataDir::open(dir.path()).expect("data"),
        &AssetSource::Embedded,
        &plan,
    )
    .expect("session");
    let catalog = load_catalog(&AssetSource::Embedded)
        .expect("assets")
        .expect("catalog");
    let resources = Resources::load(&AssetSource::Embedded).expect("resources");
    let (mut width, mut height) = (100u16, 30u16);
    let mut app = App::new(
        catalog,
        config,
        resources,
        session,
        Rect::new(0, 0, width, height),
    );
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    for step in start {
        match step {
            Step::Input(event) => app.handle_event(event),
            Step::SmsCode => app.type_last_sms_code(),
            Step::Caption(_) | Step::Wait(_) | Step::Expect(_) => {}
        }
    }
    let mut rng = SimRng::new(seed);
    for step in 0..steps {
        let event = random_event(&mut rng);
        if let Event::Resize(w, h) = event {
            (width, height) = (w, h);
            terminal.backend_mut().resize(w, h);
        }
        app.handle_event(&event);
        visited.insert(app.breadcrumb().join(" > "));
        assert!(
            !app.should_quit(),
            "seed {seed} step {step}: quit without q"
        );
        terminal
            .draw(|f| app.render(f))
            .unwrap_or_else(|e| panic!("seed {seed} step {step}: {e}"));
        let cursor = terminal.get_cursor_position().expect("cursor");
        if terminal.backend().cursor_visible() {
            assert!(
                cursor.x < width && cursor.y < height,
                "seed {seed} step {step}: cursor {cursor:?} off a {width}x{height} screen"
            );
        }
    }
}

#[test]
fn random_input_never_crashes_and_keeps_the_cursor_on_screen() {
    let mut visited = std::collections::BTreeSet::new();
    for seed in 1..=6u64 {
        // Some walks start inside a wizard, where typed text, lists and dialogs meet.
        let start = match seed % 3 {
            0 => "",
            1 => "1 1 Enter",
            _ => "/ \"bgjszlxfs\" Enter Enter Space Enter Enter",
        };
        let start = jiaoguan::app::script::parse_steps(start).expect("script");
        walk(seed, &start, 1500, &mut visited);
    }
    // The walk is not stuck on one screen: it reaches menus, notices, wizards and the rest.
    assert!(
        visited.len() >= 20,
        "only {} screens visited: {visited:?}",
        visited.len()
    );
    assert!(
        visited.iter().any(|p| p.ends_with("办理")),
        "no wizard reached: {visited:?}"
    );
}

/// Every running business, mid-way: its demo script played half-way (its persona signed in,
/// its application under way), then random input there. 25 businesses x 300 events.
#[test]
fn random_input_in_the_middle_of_every_business() {
    let mut visited = std::collections::BTreeSet::new();
    let scripts =
        jiaoguan::assets::embedded().filter(|(name, _)| name.starts_with("demo/scripts/"));
    let mut walked = 0;
    for (seed, (name, text)) in (100u64..).zip(scripts) {
        let steps =
            jiaoguan::app::script::parse_file(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        walk(seed, &steps[..steps.len() / 2], 300, &mut visited);
        walked += 1;
    }
    assert!(walked >= 25, "{walked} businesses walked");
    assert!(
        visited.len() >= 30,
        "only {} screens: {visited:?}",
        visited.len()
    );
}
