//! An application (one 受理编号): who applied for what, and the append-only log of what happened
//! to it. Its state is never stored on its own: it is the fold of the events, so a replay of the
//! log rebuilds it exactly.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::flow::process::{Effect, Outcome, Signal};

/// The version of the application file format.
/// 2: 学法减分's study, exam, face-check and attendance events.
pub const APPLICATION_SCHEMA_VERSION: u32 = 2;

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
    /// A simulated face check (实人认证, during study or the exam, at 签到 and 签退).
    FaceChecked { passed: bool },
    /// A study session began. The first one fixes the window and draws the face-check moments
    /// (seconds of study at which a check is due).
    StudyStarted {
        window_ends: Option<NaiveDateTime>,
        checkpoints: Option<Vec<u32>>,
    },
    /// Seconds of study banked; `resume` keeps studying from this moment (a passed face check),
    /// else the session closed (结束学习, a void segment, the window closing).
    StudyCounted { seconds: u32, resume: bool },
    /// An exam attempt began: the paper, the questions before which a face check is due, and
    /// when time is up.
    ExamStarted {
        attempt: u32,
        paper: Vec<String>,
        checkpoints: Vec<u32>,
        ends: NaiveDateTime,
    },
    /// An answer to question `question` (from 0) of the current paper.
    Answered { question: u32, chosen: Vec<usize> },
    /// An attempt was marked; `voided` when the face checks failed during it.
    ExamScored {
        attempt: u32,
        correct: u32,
        total: u32,
        voided: bool,
    },
    /// 签到 at the 公益活动; 签退 is due by `sign_out_by`.
    SignedIn { sign_out_by: NaiveDateTime },
    /// 签退.
    SignedOut,
}

/// Where 课件学习 stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StudyState {
    /// The end of the window in which the minutes must be studied, from the first start.
    pub window_ends: Option<NaiveDateTime>,
    /// Seconds of study at which a face check is due.
    pub checkpoints: Vec<u32>,
    /// Seconds studied in closed sessions and up to passed checks.
    pub banked_seconds: u32,
    /// The start of the running session, if one runs.
    pub open_since: Option<NaiveDateTime>,
}

impl StudyState {
    /// The next face-check mark ahead of what is banked and short of `required` seconds.
    pub fn next_checkpoint(&self, required: u32) -> Option<u32> {
        self.checkpoints
            .iter()
            .copied()
            .find(|c| *c > self.banked_seconds && *c < required)
    }

    /// Seconds the running session counts by `now`. It stops at the next face check until that
    /// passes, at the required total and at the window's end, so time left idle never counts.
    pub fn running_seconds(&self, now: NaiveDateTime, required: u32) -> u32 {
        let Some(since) = self.open_since else {
            return 0;
        };
        let until = self.window_ends.map_or(now, |w| now.min(w));
        let elapsed = u32::try_from((until - since).num_seconds().max(0)).unwrap_or(u32::MAX);
        let limit = self.next_checkpoint(required).unwrap_or(required);
        elapsed.min(limit.saturating_sub(self.banked_seconds))
    }

    /// Seconds studied by `now`, banked and running.
    pub fn studied_seconds(&self, now: NaiveDateTime, required: u32) -> u32 {
        self.banked_seconds
            .saturating_add(self.running_seconds(now, required))
    }

    /// Whether the running session has reached a face check it waits for.
    pub fn check_pending(&self, now: NaiveDateTime, required: u32) -> bool {
        self.open_since.is_some()
            && self
                .next_checkpoint(required)
                .is_some_and(|mark| self.studied_seconds(now, required) >= mark)
    }

    /// When the running session next needs the user: a face check or enough minutes.
    pub fn next_moment(&self, required: u32) -> Option<NaiveDateTime> {
        let since = self.open_since?;
        let limit = self.next_checkpoint(required).unwrap_or(required);
        let left = limit.saturating_sub(self.banked_seconds);
        Some(since + chrono::Duration::seconds(i64::from(left)))
    }
}

/// One marked exam attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExamResult {
    pub correct: u32,
    pub total: u32,
    pub voided: bool,
}

/// Where 网上考试 stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExamState {
    /// Attempts started (the first is 1).
    pub attempts: u32,
    pub paper: Vec<String>,
    pub answers: Vec<Option<Vec<usize>>>,
    /// Question indexes before which a face check is due.
    pub checkpoints: Vec<u32>,
    pub checks_passed: u32,
    pub ends: Option<NaiveDateTime>,
    pub in_progress: bool,
    pub results: Vec<ExamResult>,
}

impl ExamState {
    /// Whether question `index` may be answered: every face check before it has passed.
    pub fn check_due_before(&self, index: u32) -> bool {
        let needed = self.checkpoints.iter().filter(|c| **c <= index).count();
        usize::try_from(self.checks_passed).unwrap_or(usize::MAX) < needed
    }
}

/// Where the 公益活动 stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Attendance {
    pub signed_in: Option<NaiveDateTime>,
    pub signed_out: Option<NaiveDateTime>,
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
    /// Face checks failed in a row in the current step.
    pub face_failures: u32,
    pub study: StudyState,
    pub exam: ExamState,
    pub attendance: Attendance,
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
            state.face_failures = 0;
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
        EventKind::FaceChecked { passed } => {
            if *passed {
                state.face_failures = 0;
                if state.exam.in_progress {
                    state.exam.checks_passed += 1;
                }
            } else {
                state.face_failures += 1;
            }
        }
        EventKind::StudyStarted {
            window_ends,
            checkpoints,
        } => {
            if let Some(ends) = window_ends {
                state.study.window_ends = Some(*ends);
                state.due = Some(*ends);
            }
            if let Some(checkpoints) = checkpoints {
                state.study.checkpoints = checkpoints.clone();
            }
            state.study.open_since = Some(event.at);
            state.face_failures = 0;
        }
        EventKind::StudyCounted { seconds, resume } => {
            state.study.banked_seconds = state.study.banked_seconds.saturating_add(*seconds);
            state.study.open_since = resume.then_some(event.at);
        }
        EventKind::ExamStarted {
            attempt,
            paper,
            checkpoints,
            ends,
        } => {
            state.exam.attempts = *attempt;
            state.exam.paper = paper.clone();
            state.exam.answers = vec![None; paper.len()];
            state.exam.checkpoints = checkpoints.clone();
            state.exam.checks_passed = 0;
            state.exam.ends = Some(*ends);
            state.exam.in_progress = true;
            state.due = Some(*ends);
            state.face_failures = 0;
        }
        EventKind::Answered { question, chosen } => {
            if let Some(slot) = usize::try_from(*question)
                .ok()
                .and_then(|i| state.exam.answers.get_mut(i))
            {
                *slot = Some(chosen.clone());
            }
        }
        EventKind::ExamScored {
            correct,
            total,
            voided,
            ..
        } => {
            state.exam.in_progress = false;
            state.exam.results.push(ExamResult {
                correct: *correct,
                total: *total,
                voided: *voided,
            });
            state.due = None;
        }
        EventKind::SignedIn { sign_out_by } => {
            state.attendance.signed_in = Some(event.at);
            state.due = Some(*sign_out_by);
            state.face_failures = 0;
        }
        EventKind::SignedOut => {
            state.attendance.signed_out = Some(event.at);
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
