//! An application (one 受理编号): who applied for what, and the append-only log of what happened
//! to it. Its state is never stored on its own: it is the fold of the events, so a replay of the
//! log rebuilds it exactly.
//!
//! The log (schema 3) is the generic events every stage kind shares — `Submitted`, `Entered`,
//! `Signalled`, `Finished`, `FaceChecked`, `Recorded` (a fact that outlives its stage),
//! `Claimed` (a seat held until the application ends) and the settled effects `Sent` and
//! `ProfileChanged`, which carry their values — plus `Stage { stage, event }`, a kind's own
//! event, folded by that kind's module into `State::local`. Files of schema 1 and 2 are read
//! through `upcast.rs`.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::effects::ProfileChange;
use super::inbox::Channel;
use super::stages::{self, Local, StageEvent};
use crate::flow::process::{Effect, Outcome, Signal};

/// The version of the application file format.
/// 2: 学法减分's study, exam, face-check and attendance events.
/// 3: kind events under `Stage`, settled effects, records and claims.
pub const APPLICATION_SCHEMA_VERSION: u32 = 3;

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

/// A fact one stage leaves for later stages to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Record {
    /// A police review rejected the application (read by `PhotoRejectionsBelow`).
    ReviewRejected { stage: String },
    /// Values the engine drew for a field to offer (plate candidates for the vehicle's
    /// office), fixed from then on.
    Drawn { field: String, values: Vec<String> },
    /// The scores of a sitting's attempts; none when the candidate was absent.
    Scored { scores: Vec<u32> },
    /// A number composed for a field (自编自选) and handed in: held when it was free, else
    /// the reason it was not.
    Composed {
        field: String,
        value: String,
        refused: Option<String>,
    },
}

/// Something the application holds that other applications compete for, until it ends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Claim {
    /// A seat of a bookable session (公益活动, 考场).
    Seat { session: String },
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
    /// The application ended.
    Finished { outcome: Outcome },
    /// A simulated face check (实人认证, during study or the exam, at 签到 and 签退).
    FaceChecked { passed: bool },
    /// A fact for later stages.
    Recorded(Record),
    /// A seat taken at 提交, held while the application is open.
    Claimed(Claim),
    /// A settled `Sms` or `Notice`: the text as sent, and the number an SMS went to.
    Sent {
        channel: Channel,
        to: Option<String>,
        text: String,
    },
    /// A settled profile effect, with the values it wrote.
    ProfileChanged(ProfileChange),
    /// An effect applied by a build of schema 2, which logged only its name; what it changed
    /// is already in the profile.
    AppliedBefore { effect: Effect },
    /// A stage kind's own event.
    Stage { stage: String, event: StageEvent },
    /// A settled `Tell`: application `application` was given `signal` in the same commit.
    Told { application: String, signal: Signal },
}

impl EventKind {
    /// Whether the event used a random draw of its stage: the next draw takes the next key.
    fn drew(&self) -> bool {
        match self {
            EventKind::FaceChecked { .. } | EventKind::Recorded(Record::Drawn { .. }) => true,
            EventKind::Stage { event, .. } => stages::drew(event),
            _ => false,
        }
    }
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
    /// The token of the 提交 that made it, kept in the draft until the commit: a retry after an
    /// uncertain failure finds this application instead of making a second one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submit_token: Option<String>,
    /// Read from schema 2, whose 提交 took seats without logging them: `upcast::claim_seats`
    /// logs them once the bookable sessions are known.
    #[serde(skip)]
    pub seats_unclaimed: bool,
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
    /// The own state of the last stage whose kind logged events (kept after it is left, so its
    /// results can still be shown), and that stage's id.
    pub local: Local,
    pub local_stage: Option<String>,
    pub records: Vec<Record>,
    pub claims: Vec<Claim>,
    /// Random draws made so far, by stage id: the key of the next one.
    pub draws: BTreeMap<String, u32>,
    /// Every command id seen, for idempotence.
    pub commands: Vec<String>,
    /// The reason the last outcome gave, for the messages' `{reason}`.
    pub last_reason: Option<String>,
    /// The last setback's stage and reason, until that stage gives an outcome that is not one:
    /// what 网办进度 shows as 说明 and a task page as 上次未通过的原因 (an exam's "95分，合格"
    /// is neither).
    pub last_setback: Option<(String, String)>,
    /// Face checks failed in a row in the current step.
    pub face_failures: u32,
}

impl State {
    /// Police reviews that rejected the application so far.
    pub fn review_rejections(&self) -> u32 {
        review_rejections(&self.records)
    }
}

/// How many of `records` are police rejections.
pub fn review_rejections(records: &[Record]) -> u32 {
    let count = records
        .iter()
        .filter(|r| matches!(r, Record::ReviewRejected { .. }))
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Folds one event into the state. Pure: the only way state changes.
pub fn fold(mut state: State, event: &Event) -> State {
    if !state.commands.contains(&event.command_id) {
        state.commands.push(event.command_id.clone());
    }
    if event.kind.drew()
        && let Some(stage) = &state.stage
    {
        *state.draws.entry(stage.clone()).or_default() += 1;
    }
    match &event.kind {
        EventKind::Submitted { answers } => {
            state
                .answers
                .extend(answers.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        EventKind::Entered { stage, due } => {
            state.stage = Some(stage.clone());
            state.due = *due;
        }
        EventKind::Signalled {
            reason,
            signal,
            stage,
        } => {
            state.due = None;
            state.face_failures = 0;
            if reason.is_some() {
                state.last_reason = reason.clone();
            }
            match (signal.is_setback(), reason) {
                (true, Some(reason)) => {
                    state.last_setback = Some((stage.clone(), reason.clone()));
                }
                (false, _) if state.last_setback.as_ref().is_some_and(|(s, _)| s == stage) => {
                    state.last_setback = None;
                }
                _ => {}
            }
        }
        EventKind::Finished { outcome } => {
            state.outcome = Some(*outcome);
            state.due = None;
        }
        EventKind::FaceChecked { passed } => {
            if *passed {
                state.face_failures = 0;
            } else {
                state.face_failures += 1;
            }
            stages::fold_face_check(&mut state.local, *passed);
        }
        EventKind::Recorded(record) => state.records.push(record.clone()),
        EventKind::Claimed(claim) => state.claims.push(claim.clone()),
        EventKind::Sent { .. }
        | EventKind::ProfileChanged(_)
        | EventKind::AppliedBefore { .. }
        | EventKind::Told { .. } => {}
        EventKind::Stage { stage, event: kind } => {
            if state.local_stage.as_ref() != Some(stage) {
                state.local = Local::default();
                state.local_stage = Some(stage.clone());
            }
            stages::fold(&mut state, event.at, kind);
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

    /// Whether a finished application keeps what it claimed: only one that was done (the
    /// session took place with it); a rejected, voided or cancelled one gives it back.
    pub fn keeps_claims(&self) -> bool {
        self.events.iter().any(|e| {
            matches!(
                e.kind,
                EventKind::Finished {
                    outcome: Outcome::Done
                }
            )
        })
    }

    /// The claims its log records.
    pub fn claims(&self) -> impl Iterator<Item = &Claim> {
        self.events.iter().filter_map(|e| match &e.kind {
            EventKind::Claimed(claim) => Some(claim),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signalled(stage: &str, signal: Signal, reason: Option<&str>) -> Event {
        Event {
            seq: 1,
            at: NaiveDateTime::default(),
            actor: Actor::System,
            command_id: String::new(),
            kind: EventKind::Signalled {
                stage: stage.to_string(),
                signal,
                reason: reason.map(str::to_string),
            },
        }
    }

    /// A setback's reason stays until its own stage gives another outcome; a pass that says
    /// something (an exam's score) is never a setback, and another stage's pass keeps it.
    #[test]
    fn a_setback_lasts_until_its_stage_moves_on() {
        let events = [
            signalled("exam", Signal::Pass, Some("考试成绩 95分，合格")),
            signalled("collect", Signal::Fail, Some("尚有1笔交通违法罚款未缴纳")),
            signalled("count", Signal::Pass, None),
        ];
        let state = events.iter().fold(State::default(), fold);
        assert_eq!(
            state.last_setback,
            Some((
                "collect".to_string(),
                "尚有1笔交通违法罚款未缴纳".to_string()
            ))
        );
        let state = fold(state, &signalled("collect", Signal::Pass, None));
        assert_eq!(state.last_setback, None);
        let only_a_pass = fold(State::default(), &events[0]);
        assert_eq!(only_a_pass.last_setback, None);
        assert_eq!(
            only_a_pass.last_reason.as_deref(),
            Some("考试成绩 95分，合格")
        );
    }
}
