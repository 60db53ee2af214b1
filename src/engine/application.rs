//! An application (one 受理编号): who applied for what, and the append-only log of what happened
//! to it. Its state is never stored on its own: it is the fold of the events, so a replay of the
//! log rebuilds it exactly.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::flow::process::{Effect, Outcome, Signal};

/// The version of the application file format.
pub const APPLICATION_SCHEMA_VERSION: u32 = 1;

/// A log holds at most this many events; beyond it commands are refused (reliability R-09).
pub const MAX_EVENTS: usize = 1000;

/// Who caused an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    User,
    System,
    Police,
    ThirdParty,
}

impl Actor {
    pub fn label(self) -> &'static str {
        match self {
            Actor::User => "本人",
            Actor::System => "系统",
            Actor::Police => "民警",
            Actor::ThirdParty => "第三方",
        }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// The wizard was submitted with these answers.
    Submitted { answers: BTreeMap<String, String> },
    /// A stage was entered; `due` is its absolute deadline on the simulated clock, if it waits.
    Entered {
        stage: String,
        due: Option<NaiveDateTime>,
    },
    /// A stage gave an outcome, with the reason when it is a refusal.
    Signalled {
        stage: String,
        signal: Signal,
        reason: Option<String>,
    },
    /// The user finished a task, adding or replacing answers.
    TaskDone {
        stage: String,
        answers: BTreeMap<String, String>,
    },
    /// An effect the engine applied (kept so the profile change and the messages can be shown
    /// on the timeline and replayed).
    Applied {
        effect: Effect,
        text: Option<String>,
    },
    /// The application ended.
    Finished { outcome: Outcome },
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Contiguous from 1.
    pub seq: u32,
    /// Simulated time.
    pub at: NaiveDateTime,
    pub actor: Actor,
    /// The command that caused it: a repeated command with the same id changes nothing.
    pub command_id: String,
    pub kind: EventKind,
}

/// The file `applications/<number>.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub schema_version: u32,
    /// 受理编号.
    pub number: String,
    pub flow_id: String,
    /// The definition version it started on; it follows that version to the end.
    pub flow_version: u32,
    /// The profile id of the applicant.
    pub applicant: String,
    pub created_at: NaiveDateTime,
    pub events: Vec<Event>,
}

/// What the events add up to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    pub answers: BTreeMap<String, String>,
    /// The stage the application is in, and its deadline.
    pub stage: Option<String>,
    pub due: Option<NaiveDateTime>,
    pub outcome: Option<Outcome>,
    /// How many photo reviews failed (after 3 the user is sent to a window).
    pub photo_rejections: u32,
    /// Every command id seen, for idempotence.
    pub commands: Vec<String>,
    /// The last refusal reason, for 网办进度.
    pub last_reason: Option<String>,
}

/// Folds one event into the state. Pure: the only way state changes.
pub fn fold(mut state: State, event: &Event) -> State {
    if !state.commands.contains(&event.command_id) {
        state.commands.push(event.command_id.clone());
    }
    match &event.kind {
        EventKind::Submitted { answers } | EventKind::TaskDone { answers, .. } => {
            state
                .answers
                .extend(answers.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        EventKind::Entered { stage, due } => {
            state.stage = Some(stage.clone());
            state.due = *due;
        }
        EventKind::Signalled { signal, reason, .. } => {
            state.due = None;
            if *signal == Signal::Rejected && state.answers.contains_key("photo") {
                state.photo_rejections += 1;
            }
            if reason.is_some() {
                state.last_reason = reason.clone();
            }
        }
        EventKind::Applied { .. } => {}
        EventKind::Finished { outcome } => {
            state.outcome = Some(*outcome);
            state.due = None;
        }
    }
    state
}

impl Application {
    /// The state, rebuilt from the log.
    pub fn state(&self) -> State {
        self.events.iter().fold(State::default(), fold)
    }

    pub fn next_seq(&self) -> u32 {
        self.events.last().map_or(1, |e| e.seq + 1)
    }

    pub fn is_finished(&self) -> bool {
        self.events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Finished { .. }))
    }
}
