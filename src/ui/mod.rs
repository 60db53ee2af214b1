//! Screens and widgets. A screen is state + `render(&self)` + `handle(cmd) -> Action`; it reads
//! what it shows from a `Ctx` and never touches files (the `app` layer does that).

pub mod application;
pub mod chrome;
pub mod coach;
pub mod dialog;
pub mod e_licence;
pub mod exam;
pub mod fields;
pub mod home;
pub mod keys;
pub mod licence;
pub mod menu;
pub mod messages;
pub mod mine;
pub mod notice;
pub mod progress;
pub mod report;
pub mod route;
pub mod router;
pub mod search;
pub mod settings;
pub mod stages;
pub mod study;
pub mod task;
pub mod theme;
pub mod trainer;
pub mod training_list;
pub mod vehicle_code;
pub mod vehicles;
pub mod violations;
pub mod widgets;
pub mod wizard;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use std::collections::BTreeMap;

use crate::config::Config;
use crate::domain::profile::Profile;
use crate::engine::Application;
use crate::engine::SimClock;
use crate::engine::inbox::{Draft, InboxView};
use crate::engine::open_set::{OpenSet, Tracked};
use crate::engine::step::Command;
use crate::flow::Catalog;
use crate::flow::menu::MenuNode;
use crate::on_demand::OnDemand;
use crate::resources::Resources;
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
    /// Every business, parsed on first use: 首页 reads `surfaces` instead, so an idle start
    /// never parses them.
    pub catalog: &'a OnDemand<Catalog>,
    /// The top-level surfaces (首页's entries), without the businesses under them.
    pub surfaces: &'a [MenuNode],
    pub profile: &'a Profile,
    pub personas: &'a [PersonaSummary],
    /// Every account, for what one shows of another (who filed a car as non-own).
    pub accounts: &'a std::collections::BTreeMap<String, Profile>,
    pub clock: &'a SimClock,
    pub config: &'a Config,
    /// The area the screen body had at the last frame: paging and mouse hit-tests use it.
    pub body: Rect,
    pub resources: &'a Resources,
    /// The open applications of every account, with their states.
    pub applications: &'a OpenSet,
    /// Finished applications read from the archive to be shown.
    pub viewed: &'a [Tracked],
    /// Seats of each session held by applications made in the app.
    pub seats_taken: &'a BTreeMap<String, u32>,
    /// Plate numbers held by open applications.
    pub numbers_held: &'a std::collections::BTreeSet<String>,
    /// For each account, the businesses it can start now.
    pub startable: &'a BTreeMap<String, Vec<String>>,
    /// The page of 网办进度 the app loaded.
    pub progress: &'a progress::ProgressPage,
    /// The signed-in user's messages.
    pub inbox: Option<&'a InboxView>,
    pub drafts: &'a BTreeMap<(String, String), Draft>,
    /// The trainer made the next face check fail.
    pub face_failure_forced: bool,
}

impl<'a> Ctx<'a> {
    /// The signed-in user's draft of a business, if one was left.
    pub fn draft(&self, flow_id: &str) -> Option<&Draft> {
        self.drafts
            .get(&(self.profile.id.clone(), flow_id.to_string()))
    }

    /// An application by number: open, or finished and read from the archive for viewing.
    pub fn application(&self, number: &str) -> Option<&'a Application> {
        self.tracked(number).map(|t| &t.application)
    }

    /// An application with its state, folded when it was read or changed, never while drawing.
    pub fn tracked(&self, number: &str) -> Option<&'a Tracked> {
        self.applications
            .tracked(number)
            .or_else(|| self.viewed.iter().find(|t| t.application.number == number))
    }
}

/// What a screen asks the app to do after a key: plain data, so it can be logged and compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    None,
    /// Open the screen for a route on top.
    Open(route::Route),
    /// Open a route in place of the top screen (a search result in place of the search).
    Replace(route::Route),
    Pop,
    Quit,
    Help,
    /// Show a message in a dialog that the user closes.
    Notify(String),
    SwitchPersona(String),
    AdminExit,
    /// 开始办理: check the business's precondition, then open its wizard (resuming a draft).
    StartBusiness {
        flow_id: String,
        path: Vec<String>,
    },
    /// Keep the wizard's step and answers; `leave` closes the wizard afterwards.
    SaveDraft {
        flow_id: String,
        step: usize,
        answers: BTreeMap<String, String>,
        leave: bool,
    },
    /// Keep the draft as `SaveDraft` does, then draw an SMS verification code and text it to `to`.
    SendSmsCode {
        flow_id: String,
        step: usize,
        answers: BTreeMap<String, String>,
        to: String,
    },
    /// 提交: create the application from the wizard's answers.
    Submit {
        flow_id: String,
        answers: BTreeMap<String, String>,
    },
    /// The user did the open task of an application.
    CompleteTask {
        number: String,
        answers: BTreeMap<String, String>,
    },
    /// F9: move the simulated clock to the next deadline and fire what falls due.
    AdvanceClock,
    /// The trainer decides a police review as the officer; a rejection with the reason chosen.
    Decide {
        number: String,
        approve: bool,
        reason: Option<String>,
    },
    /// The trainer rejects: ask which of these standard reasons (or words of their own).
    AskRejection {
        number: String,
        reasons: Vec<String>,
    },
    /// The trainer moves the clock to a date: ask which.
    AskClock,
    /// The trainer's clock to this moment (confirmed).
    SetClock(chrono::NaiveDateTime),
    /// Ask `text` first; `then` only on yes (what cannot be undone).
    ConfirmThen {
        text: String,
        then: Box<Action>,
    },
    /// 我的 > 培训模式: run a scenario, guided or as a scored test.
    StartTraining {
        scenario: String,
        test: bool,
    },
    /// The training report was read: the run ends.
    EndTraining,
    /// Leaving 消息: its messages now count as read.
    LeaveMessages,
    /// A step the user takes on an application (学习, 人脸比对, 考试, 签到, 签退, 申请减分).
    Act {
        number: String,
        command: Command,
    },
    /// Ask first, then take the step (签退 before the activity's hour is over).
    ConfirmAct {
        text: String,
        number: String,
        command: Command,
    },
    /// Ask first, then leave the page (an exam in progress goes on without the user).
    ConfirmLeave(String),
    /// Take a step, then leave the page (结束学习, 提交学习).
    ActAndLeave {
        number: String,
        command: Command,
    },
    /// The trainer lodges an objection during 公示.
    Object {
        number: String,
    },
    /// The trainer makes the next face check fail (or takes it back).
    ToggleFaceFailure,
    /// Another page of 网办进度 (from 0, newest first).
    ProgressPage(usize),
    /// Another segment of 消息, by name.
    MessagesPage(String),
    /// The trainer asks to restore the demo data: confirm first.
    ConfirmReset,
    /// The trainer moves the simulated clock on by this many minutes.
    AdvanceClockBy(i64),
}

/// One screen of the stack.
/// Where the user is, for the training coach: the business, what a hint would be about (the
/// focused field, else the page), the page itself, and the errors and answers on show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub flow: Option<String>,
    pub target: Option<crate::flow::training::Target>,
    pub page: Option<crate::flow::training::Target>,
    /// A step with no hint of its own (确认信息, 短信验证), by its title.
    pub step: Option<String>,
    pub errors: BTreeMap<String, String>,
    pub answers: BTreeMap<String, String>,
}

pub trait Screen {
    /// The breadcrumb: menu titles from the top level down to this screen.
    fn path(&self, ctx: &Ctx) -> Vec<String>;
    /// The one key table that dispatches, fills the footer and the help.
    fn keys(&self) -> &'static [Binding];
    /// True while a text field has the focus: single-letter global keys are then typed.
    fn text_focus(&self, _ctx: &Ctx) -> bool {
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
    /// Where the user is on this screen (training reads it); nothing for most screens.
    fn place(&self, _ctx: &Ctx) -> Place {
        Place::default()
    }
}
