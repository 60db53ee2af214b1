//! The app in this process on a data folder, as the interactive program opens it, for tests
//! that look inside the folder between commands (fault injection, history paging).

use std::fs;
use std::path::Path;

use jiaoguan::app::App;
use jiaoguan::app::play::play;
use jiaoguan::app::script;
use jiaoguan::app::session::{SeedPlan, Session};
use jiaoguan::assets::{AssetSource, Resources, load_catalog};
use jiaoguan::config::Config;
use jiaoguan::engine::application::{Application, EventKind};
use jiaoguan::engine::open_set::serial_of;
use jiaoguan::store::{DataDir, JOURNAL_FILE};
use ratatui::layout::Rect;

use super::{application_files, inbox_text};

pub fn plan() -> SeedPlan {
    let config = Config::default();
    SeedPlan {
        clock_start: config.play_clock_start,
        default_persona: config.default_persona.clone(),
        seed: 5,
    }
}

/// The folder opened (a journal a crash left is redone here) and loaded.
pub fn open_session(path: &Path) -> Session {
    let dir = DataDir::open(path).expect("data dir");
    Session::open(dir, &AssetSource::Embedded, &plan()).expect("session")
}

pub fn open_app(path: &Path) -> App {
    open_app_with(path, &plan())
}

/// `open_app` with another seed plan (`play`'s own is seed 0).
pub fn open_app_with(path: &Path, plan: &SeedPlan) -> App {
    let catalog = load_catalog(&AssetSource::Embedded)
        .expect("assets")
        .expect("catalog");
    App::new(
        catalog,
        Config::default(),
        Resources::load(&AssetSource::Embedded).expect("resources"),
        Session::open(
            DataDir::open(path).expect("data dir"),
            &AssetSource::Embedded,
            plan,
        )
        .expect("session"),
        Rect::new(0, 0, 100, 30),
    )
}

/// Feeds a key script at 100x30; returns the last screen.
pub fn keys(app: &mut App, text: &str) -> String {
    play(app, &script::parse(text).expect("script"), 100, 30).expect("play")
}

pub fn read_application(path: &Path) -> Application {
    ron::from_str(&fs::read_to_string(path).expect("read")).expect("an application parses")
}

/// What holds in any folder, whatever instant a command stopped at: reopening leaves no journal;
/// open files are open and archived ones finished; every message an application settled is in
/// its applicant's inbox; numbering is ahead of every file; no draft still carries the token of
/// an application it made.
pub fn assert_consistent(path: &Path) -> Session {
    let session = open_session(path);
    assert!(!path.join(JOURNAL_FILE).exists(), "the journal was redone");
    for file in application_files(path) {
        let app = read_application(&file);
        let archived = file.starts_with(path.join("archive"));
        assert_eq!(app.is_finished(), archived, "{}", file.display());
        let inbox = inbox_text(path, &app.applicant);
        for event in &app.events {
            if let EventKind::Sent { text, .. } = &event.kind {
                let escaped = ron::to_string(text).expect("text");
                assert!(
                    inbox.contains(&escaped),
                    "{} settled a message that is not in the inbox: {text}",
                    app.number
                );
            }
        }
        let serial = serial_of(&app.number).expect("a serial");
        assert!(
            session.state.applications_created >= serial,
            "numbering ({}) behind {}",
            session.state.applications_created,
            app.number
        );
        if let Some(token) = &app.submit_token {
            assert!(
                !session
                    .drafts
                    .values()
                    .any(|d| d.submit_token.as_ref() == Some(token)),
                "a draft can still submit {} again",
                app.number
            );
        }
    }
    session
}
