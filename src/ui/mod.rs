//! Screens and widgets. A screen is state + `render(&self)` + `handle(cmd) -> Action`; it reads
//! what it shows from a `Ctx` and never touches files (the `app` layer does that).

pub mod chrome;
pub mod dialog;
pub mod home;
pub mod keys;
pub mod licence;
pub mod menu;
pub mod messages;
pub mod mine;
pub mod notice;
pub mod progress;
pub mod search;
pub mod settings;
pub mod vehicles;
pub mod widgets;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::config::Config;
use crate::domain::profile::Profile;
use crate::engine::SimClock;
use crate::flow::Catalog;
use crate::flow::search::SearchIndex;
use keys::{Binding, Cmd};

/// A demo account as the persona switcher lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonaSummary {
    pub id: String,
    pub name: String,
    pub persona: String,
}

/// Everything a screen may read while it renders or handles a key.
pub struct Ctx<'a> {
    pub catalog: &'a Catalog,
    pub search: &'a SearchIndex,
    pub profile: &'a Profile,
    pub personas: &'a [PersonaSummary],
    pub clock: &'a SimClock,
    pub config: &'a Config,
    /// The area the screen body had at the last frame: paging and mouse hit-tests use it.
    pub body: Rect,
}

/// What a screen asks the app to do after a key.
pub enum Action {
    None,
    Push(Box<dyn Screen>),
    /// Replace the top screen (search result opened in place of the search).
    Replace(Box<dyn Screen>),
    Pop,
    Quit,
    Help,
    Search,
    /// Show a message in a dialog that the user closes.
    Notify(String),
    SwitchPersona(String),
    AdminExit,
}

/// One screen of the stack.
pub trait Screen {
    /// The breadcrumb: menu titles from the top level down to this screen.
    fn path(&self, ctx: &Ctx) -> Vec<String>;
    /// The one key table that dispatches, fills the footer and the help.
    fn keys(&self) -> &'static [Binding];
    /// True while a text field has the focus: single-letter global keys are then typed.
    fn text_focus(&self) -> bool {
        false
    }
    /// Draws the body; returns where the terminal cursor belongs (the caret of a focused field).
    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position>;
    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action;
    /// A key that no binding took, while `text_focus` is true.
    fn type_key(&mut self, _key: KeyEvent, _ctx: &Ctx) -> Action {
        Action::None
    }
    /// Pasted text (bracketed paste), already stripped of control characters.
    fn paste(&mut self, _text: &str, _ctx: &Ctx) {}
    /// The command a mouse click at `pos` stands for.
    fn click(&mut self, _pos: Position, _ctx: &Ctx) -> Option<Cmd> {
        None
    }
}
