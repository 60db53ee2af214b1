//! The app in this process on a data folder, as the interactive program opens it, for tests
//! that look inside the folder between commands (fault injection, history paging).

use std::path::Path;

use jiaoguan::app::App;
use jiaoguan::app::play::play;
use jiaoguan::app::script;
use jiaoguan::app::session::{SeedPlan, Session};
use jiaoguan::assets::{AssetSource, Resources, load_catalog};
use jiaoguan::config::Config;
use jiaoguan::store::DataDir;
use ratatui::layout::Rect;

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
