//! What each stage kind does in the engine, one module per kind:
//! its deadline on entry, what it does when the application runs (decide, wait, fire a
//! deadline), the face check it takes, the next moment it needs the user, and its own commands.
//! Each `match` here is one line per kind; adding a kind is its module plus one arm in each.

mod activity;
mod allocation;
mod await_payment;
mod education_days;
mod exam;
mod face_check;
mod identity_check;
mod police_review;
mod publicity;
mod sitting;
mod study;
mod system_check;
mod terminal;
mod user_task;
mod wait;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::application::State;
use super::log::Log;
use super::step::{Refused, World};
use crate::flow::process::StageKind;

pub use activity::{ActivityEvent, Attendance};
pub use education_days::{
    EducationEvent, EducationState, Plan, Progress, booked as booked_sessions,
};
pub use exam::{ExamEvent, ExamResult, ExamState};
pub use sitting::{Admission, SittingEvent};
pub use study::{StudyEvent, StudyState};
pub use user_task::TaskEvent;

pub(super) use exam::{answer, begin as begin_exam, hand_in};

pub(super) use publicity::object;
use study::{begin as begin_study_course, pause as pause_study_course};
pub(super) use user_task::{complete, redraw};

/// A stage kind's own event, logged as `Stage { stage, event }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StageEvent {
    Study(StudyEvent),
    Education(EducationEvent),
    Exam(ExamEvent),
    Activity(ActivityEvent),
    Task(TaskEvent),
    Sitting(SittingEvent),
}

/// The own state of a stage, of its kind (state-local storage): a stage starts from an empty
/// one, so no kind reads another stage's leftovers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Local {
    #[default]
    Idle,
    Study(StudyState),
    Education(EducationState),
    Exam(ExamState),
    Activity(Attendance),
    Sitting(Admission),
}

impl Local {
    /// The study's state; an empty one outside a study stage.
    pub fn study(&self) -> &StudyState {
        match self {
            Local::Study(s) => s,
            _ => &study::EMPTY,
        }
    }

    /// The education's state; an empty one outside such a stage.
    pub fn education(&self) -> &EducationState {
        match self {
            Local::Education(e) => e,
            _ => &education_days::EMPTY,
        }
    }

    /// Whether study runs on the clock (a course or online education): leaving stops it.
    pub fn studying(&self) -> bool {
        self.study().open_since.is_some() || self.education().open_since.is_some()
    }

    pub fn exam(&self) -> &ExamState {
        match self {
            Local::Exam(e) => e,
            _ => &exam::EMPTY,
        }
    }

    pub fn attendance(&self) -> &Attendance {
        match self {
            Local::Activity(a) => a,
            _ => &activity::EMPTY,
        }
    }

    pub fn admission(&self) -> &Admission {
        match self {
            Local::Sitting(a) => a,
            _ => &sitting::EMPTY,
        }
    }
}

/// Folds a kind's event into the state.
pub(super) fn fold(state: &mut State, at: NaiveDateTime, event: &StageEvent) {
    match event {
        StageEvent::Study(e) => study::fold(state, at, e),
        StageEvent::Education(e) => education_days::fold(state, at, e),
        StageEvent::Exam(e) => exam::fold(state, e),
        StageEvent::Activity(e) => activity::fold(state, at, e),
        StageEvent::Task(e) => user_task::fold(state, e),
        StageEvent::Sitting(e) => sitting::fold(state, at, e),
    }
}

/// Whether a kind's event used a random draw.
pub(super) fn drew(event: &StageEvent) -> bool {
    match event {
        StageEvent::Study(e) => study::drew(e),
        StageEvent::Exam(e) => exam::drew(e),
        StageEvent::Activity(_)
        | StageEvent::Education(_)
        | StageEvent::Task(_)
        | StageEvent::Sitting(_) => false,
    }
}

/// A face check counts towards the checks an exam paper needs.
pub(super) fn fold_face_check(local: &mut Local, passed: bool) {
    if let Local::Exam(exam) = local {
        exam::fold_face_check(exam, passed);
    }
}

/// Whether the application moved on (run again) or waits (for the user, a deadline, an end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    Moved,
    Waits,
}

/// The deadline a stage sets when it is entered at `at`.
pub(super) fn due_on_entry(
    kind: &StageKind,
    log: &Log,
    at: NaiveDateTime,
) -> Option<NaiveDateTime> {
    match kind {
        StageKind::PoliceReview { working_days, .. } => police_review::due(log, at, *working_days),
        StageKind::Wait {
            days,
            working_days: 0,
        } => wait::due(log, at, *days),
        StageKind::Wait { working_days, .. } => wait::due_working(log, at, *working_days),
        StageKind::UserTask {
            days,
            seconds,
            working_days,
            ..
        } => user_task::due(log, at, *days, *seconds, *working_days),
        StageKind::Publicity { days, .. } => wait::due(log, at, *days),
        StageKind::Activity { session_field, .. } => activity::due(log, session_field),
        StageKind::Allocation { session_field } => allocation::due(log, at, session_field),
        StageKind::AwaitPayment { session_field, .. } => await_payment::due(log, at, session_field),
        StageKind::Sitting { session_field, .. } => sitting::due(log, session_field),
        StageKind::EducationDays { session_field, .. } => education_days::due(log, session_field),
        StageKind::SystemCheck(_)
        | StageKind::FaceCheck
        | StageKind::IdentityCheck
        | StageKind::Study { .. }
        | StageKind::Exam { .. }
        | StageKind::Terminal(_) => None,
    }
}

/// What a stage kind does on entry besides its deadline (a task draws what it offers).
pub(super) fn entered(kind: &StageKind, log: &mut Log, at: NaiveDateTime) -> Result<(), Refused> {
    match kind {
        StageKind::UserTask { fields, .. } => user_task::entered(log, fields, at),
        StageKind::EducationDays { .. } => education_days::entered(log, at),
        StageKind::SystemCheck(_)
        | StageKind::FaceCheck
        | StageKind::PoliceReview { .. }
        | StageKind::Wait { .. }
        | StageKind::IdentityCheck
        | StageKind::Study { .. }
        | StageKind::Exam { .. }
        | StageKind::Activity { .. }
        | StageKind::Publicity { .. }
        | StageKind::Allocation { .. }
        | StageKind::AwaitPayment { .. }
        | StageKind::Sitting { .. }
        | StageKind::Terminal(_) => Ok(()),
    }
}

/// What the stage does when the application runs at `now` (`at`: the time of its last event).
pub(super) fn advance(
    kind: &StageKind,
    log: &mut Log,
    now: NaiveDateTime,
    at: NaiveDateTime,
) -> Result<Flow, Refused> {
    match kind {
        StageKind::SystemCheck(guard) => system_check::advance(log, guard, at),
        StageKind::FaceCheck => face_check::advance(log, at),
        StageKind::PoliceReview { approve_if, .. } => police_review::advance(log, approve_if, now),
        StageKind::Wait { .. } | StageKind::Publicity { .. } => wait::advance(log, now),
        StageKind::UserTask {
            days,
            seconds,
            working_days,
            ..
        } => user_task::advance(log, *days, *seconds, *working_days, now),
        StageKind::IdentityCheck => Ok(Flow::Waits),
        StageKind::Study { .. } => match kind.study_terms() {
            Some(terms) => study::advance(log, &terms, now),
            None => Ok(Flow::Waits),
        },
        StageKind::Exam { .. } => exam::advance(log, now),
        StageKind::Activity { texts, .. } => activity::advance(log, texts, now),
        StageKind::Allocation { session_field } => allocation::advance(log, session_field, now),
        StageKind::AwaitPayment { session_field, .. } => {
            await_payment::advance(log, session_field, now)
        }
        StageKind::Sitting { subject_field, .. } => sitting::advance(log, subject_field, now),
        StageKind::EducationDays {
            session_field,
            missed,
            ..
        } => education_days::advance(log, session_field, missed, now),
        StageKind::Terminal(outcome) => terminal::advance(log, *outcome, at),
    }
}

/// The face check the current stage waits for (the user's 人脸比对 step).
pub(super) fn face_check(log: &mut Log, now: NaiveDateTime) -> Result<(), Refused> {
    let Some(kind) = log.current().map(|s| s.kind.clone()) else {
        return Err(Refused("当前没有需要人脸比对的事项".into()));
    };
    match kind {
        StageKind::IdentityCheck => identity_check::face_check(log, now),
        StageKind::Study { .. } => match kind.study_terms() {
            Some(terms) => study::face_check(log, &terms, now),
            None => Err(Refused("当前没有需要人脸比对的事项".into())),
        },
        StageKind::Exam { .. } => exam::face_check(log, now),
        StageKind::Activity {
            session_field,
            texts,
        } => activity::face_check(log, &session_field, &texts, now),
        StageKind::Sitting { session_field, .. } => sitting::face_check(log, &session_field, now),
        StageKind::EducationDays { session_field, .. } => {
            education_days::face_check(log, &session_field, now)
        }
        StageKind::SystemCheck(_)
        | StageKind::FaceCheck
        | StageKind::PoliceReview { .. }
        | StageKind::Wait { .. }
        | StageKind::UserTask { .. }
        | StageKind::Publicity { .. }
        | StageKind::Allocation { .. }
        | StageKind::AwaitPayment { .. }
        | StageKind::Terminal(_) => Err(Refused("当前没有需要人脸比对的事项".into())),
    }
}

/// A moment besides the deadline at which the stage needs the user (a face check during study,
/// 签到 opening, the end of a session).
pub(super) fn next_moment(
    kind: &StageKind,
    state: &State,
    world: &World,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    match kind {
        StageKind::Study { .. } => kind
            .study_terms()
            .and_then(|terms| study::next_moment(state, &terms)),
        StageKind::Activity { session_field, .. } => {
            activity::next_moment(state, world, session_field)
        }
        StageKind::Sitting { session_field, .. } => {
            sitting::next_moment(state, world, session_field)
        }
        StageKind::EducationDays {
            session_field,
            day_minutes,
            ..
        } => education_days::next_moment(state, world, session_field, *day_minutes, now),
        StageKind::SystemCheck(_)
        | StageKind::FaceCheck
        | StageKind::PoliceReview { .. }
        | StageKind::Wait { .. }
        | StageKind::UserTask { .. }
        | StageKind::IdentityCheck
        | StageKind::Exam { .. }
        | StageKind::Publicity { .. }
        | StageKind::Allocation { .. }
        | StageKind::AwaitPayment { .. }
        | StageKind::Terminal(_) => None,
    }
}

/// 开始学习: a course (`Study`) or online education (`EducationDays`).
pub(super) fn begin_study(log: &mut Log, now: NaiveDateTime) -> Result<(), Refused> {
    match log.current().map(|s| s.kind.clone()) {
        Some(StageKind::EducationDays { .. }) => education_days::begin(log, now),
        _ => begin_study_course(log, now),
    }
}

/// 结束学习 of whichever runs; false when none did.
pub(super) fn pause_study(log: &mut Log, now: NaiveDateTime) -> Result<bool, Refused> {
    match log.current().map(|s| s.kind.clone()) {
        Some(StageKind::EducationDays { .. }) => education_days::pause(log, now),
        _ => pause_study_course(log, now),
    }
}

/// The standard reasons a trainer may give for a rejection in a stage of `kind` (none where
/// a rejection needs no words: an allocation, a sitting).
pub fn rejection_reasons(kind: &StageKind) -> &'static [&'static str] {
    match kind {
        StageKind::PoliceReview { .. } => police_review::STANDARD_REJECTIONS,
        _ => &[],
    }
}

/// The trainer decides the stage now: as the officer a review, as the 车管所 an allocation, as
/// the examiner a sitting.
pub(super) fn decide(
    log: &mut Log,
    approve: bool,
    reason: Option<String>,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    match log.current().map(|s| s.kind.clone()) {
        Some(StageKind::Allocation { .. }) => allocation::decide(log, approve, now),
        Some(StageKind::Sitting { .. }) => sitting::decide(log, approve, now),
        _ => police_review::decide(log, approve, reason, now),
    }
}

/// Another application gives the current stage `signal` (a cancellation, a fee paid), which
/// the stage must list in its `told`, once what has fallen due by `now` has fired.
pub(super) fn told_after(
    log: &mut Log,
    signal: crate::flow::process::Signal,
    reason: String,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    log.run(now)?;
    let Some(stage) = log.current() else {
        return Err(Refused("该申请已办结".into()));
    };
    if !stage.told.contains(&signal) {
        return Err(Refused(format!(
            "该申请当前处于「{}」，不能办理",
            stage.title
        )));
    }
    log.signal(now, super::application::Actor::User, signal, Some(reason))
}

/// `count` moments spread over `0..total` (one in each of `count + 1` equal parts after the
/// first, jittered within the middle half of its part), rounded to `step`: when face checks
/// fall during study (seconds) or an exam (question indexes). Sorted and distinct.
fn spread_marks(total: u32, count: u32, step: u32, mut below: impl FnMut(u64) -> u64) -> Vec<u32> {
    let parts = count + 1;
    let part = total / parts;
    let step = step.max(1);
    let mut marks: Vec<u32> = (1..parts)
        .map(|k| {
            let jitter = u32::try_from(below(u64::from(part / 2 + 1))).unwrap_or(0);
            let mark = (part * k + jitter).saturating_sub(part / 4);
            (mark / step * step).clamp(step, total.saturating_sub(step).max(step))
        })
        .collect();
    marks.dedup();
    marks
}
