//! How each stage kind is shown on an application's page: whether it
//! waits for the user, the open step's button, the lines under the status, and the wording of
//! its deadline on the timeline. One module per kind that has something of its own to show;
//! each `match` here is one line per kind.

mod activity;
mod allocation;
mod await_payment;
mod education_days;
mod exam;
mod identity_check;
mod publicity;
mod sitting;
mod study;
mod user_task;

use ratatui::style::Style;

use super::widgets::OK;

use super::Action;
use super::Ctx;
use super::route::Route;
use crate::engine::Event;
use crate::engine::application::{EventKind, State};
use crate::engine::open_set::Tracked;
use crate::engine::stages::StageEvent;
use crate::engine::step::Command;
use crate::flow::process::{Signal, Stage, StageKind};

/// What the button of an open step does.
pub enum Opens {
    /// A page of the application (the photo task, the study, the exam).
    Page(Route),
    /// A command on the application.
    Act(Command),
    /// A command with consequences, asked first with this text.
    Confirm { text: String, command: Command },
}

/// The step an application waits for the user to take, and its button.
pub struct OpenStep {
    pub label: String,
    pub opens: Opens,
}

impl OpenStep {
    fn page(label: &str, route: Route) -> Self {
        Self {
            label: label.to_string(),
            opens: Opens::Page(route),
        }
    }

    fn act(label: &str, command: Command) -> Self {
        Self {
            label: label.to_string(),
            opens: Opens::Act(command),
        }
    }

    /// What pressing the button asks of the app, for application `number`.
    pub fn into_action(self, number: &str) -> Action {
        let number = number.to_string();
        match self.opens {
            Opens::Page(route) => Action::Open(route),
            Opens::Act(command) => Action::Act { number, command },
            Opens::Confirm { text, command } => Action::ConfirmAct {
                text,
                number,
                command,
            },
        }
    }
}

/// Whether the stage waits for the applicant ("待本人办理") rather than for the office.
pub fn waits_for_user(kind: &StageKind) -> bool {
    match kind {
        StageKind::UserTask { .. }
        | StageKind::IdentityCheck
        | StageKind::Study { .. }
        | StageKind::Exam { .. }
        | StageKind::Activity { .. }
        | StageKind::EducationDays { .. }
        | StageKind::AwaitPayment { .. }
        | StageKind::Sitting { .. } => true,
        StageKind::Allocation { .. }
        | StageKind::SystemCheck(_)
        | StageKind::FaceCheck
        | StageKind::PoliceReview { .. }
        | StageKind::Wait { .. }
        | StageKind::Publicity { .. }
        | StageKind::Terminal(_) => false,
    }
}

/// The step the stage waits for the user to take, if it waits for one.
pub fn open_step(stage: &Stage, tracked: &Tracked, ctx: &Ctx) -> Option<OpenStep> {
    let number = tracked.application.number.clone();
    let state = &tracked.state;
    match &stage.kind {
        StageKind::UserTask { fields, .. } => {
            Some(user_task::open_step(fields, &stage.title, number))
        }
        StageKind::IdentityCheck => Some(identity_check::open_step()),
        StageKind::Study { .. } => Some(study::open_step(state, number)),
        StageKind::Exam { .. } => Some(exam::open_step(state, number)),
        StageKind::Activity {
            session_field,
            texts,
        } => Some(activity::open_step(state, ctx, session_field, texts)),
        StageKind::AwaitPayment { pay_with, .. } => await_payment::open_step(ctx, pay_with),
        StageKind::Sitting { .. } => sitting::open_step(state),
        StageKind::EducationDays { session_field, .. } => Some(education_days::open_step(
            &stage.kind,
            state,
            ctx,
            session_field,
        )),
        StageKind::Allocation { .. }
        | StageKind::SystemCheck(_)
        | StageKind::FaceCheck
        | StageKind::PoliceReview { .. }
        | StageKind::Wait { .. }
        | StageKind::Publicity { .. }
        | StageKind::Terminal(_) => None,
    }
}

/// Where the stage stands, in a line or two under the status.
pub fn step_lines(kind: &StageKind, state: &State, ctx: &Ctx) -> Vec<(String, Style)> {
    match kind {
        StageKind::Study { .. } => kind
            .study_terms()
            .map_or_else(Vec::new, |terms| study::lines(state, ctx, &terms)),
        StageKind::Exam {
            pass_percent,
            retakes,
            ..
        } => exam::lines(state, *pass_percent, *retakes),
        StageKind::Activity { session_field, .. } => activity::lines(state, ctx, session_field),
        StageKind::Publicity { texts, .. } => publicity::lines(state, texts),
        StageKind::Allocation { session_field } => allocation::lines(state, ctx, session_field),
        StageKind::AwaitPayment { .. } => await_payment::lines(state),
        StageKind::Sitting {
            session_field,
            subject_field,
        } => sitting::lines(state, ctx, session_field, subject_field),
        StageKind::EducationDays { session_field, .. } => {
            education_days::lines(kind, state, ctx, session_field)
        }
        StageKind::SystemCheck(_)
        | StageKind::FaceCheck
        | StageKind::PoliceReview { .. }
        | StageKind::Wait { .. }
        | StageKind::UserTask { .. }
        | StageKind::IdentityCheck
        | StageKind::Terminal(_) => Vec::new(),
    }
}

/// What the timeline says the stage gave, in its kind's own words (a seat allocated rather than
/// "通过"); `None` for the general words.
pub fn signal_word(kind: &StageKind, signal: Signal) -> Option<&'static str> {
    match kind {
        StageKind::Allocation { .. } => allocation::signal_word(signal),
        StageKind::AwaitPayment { .. } => await_payment::signal_word(signal),
        StageKind::Sitting { .. } => sitting::signal_word(signal),
        StageKind::SystemCheck(_)
        | StageKind::FaceCheck
        | StageKind::PoliceReview { .. }
        | StageKind::Wait { .. }
        | StageKind::UserTask { .. }
        | StageKind::IdentityCheck
        | StageKind::Study { .. }
        | StageKind::Exam { .. }
        | StageKind::Activity { .. }
        | StageKind::EducationDays { .. }
        | StageKind::Publicity { .. }
        | StageKind::Terminal(_) => None,
    }
}

/// How the timeline names a stage's deadline `due` (already formatted).
pub fn due_wording(kind: &StageKind, due: &str) -> String {
    match kind {
        StageKind::Activity { .. } => activity::due_wording(due),
        StageKind::Publicity { .. } => publicity::due_wording(due),
        StageKind::Allocation { .. } => allocation::due_wording(due),
        StageKind::AwaitPayment { .. } => await_payment::due_wording(due),
        StageKind::Sitting { .. } => sitting::due_wording(due),
        StageKind::SystemCheck(_)
        | StageKind::FaceCheck
        | StageKind::PoliceReview { .. }
        | StageKind::Wait { .. }
        | StageKind::UserTask { .. }
        | StageKind::IdentityCheck
        | StageKind::Study { .. }
        | StageKind::Exam { .. }
        | StageKind::Terminal(_) => format!("，预计 {due} 前完成"),
        StageKind::EducationDays { .. } => activity::due_wording(due),
    }
}

/// A kind's event on the timeline, after the time and who acted (`stage_title`: the stage it
/// belongs to); `None` when it is not shown.
pub fn timeline(
    event: &StageEvent,
    stage_title: &str,
    tally: &mut Tally,
) -> Option<(String, Style)> {
    match event {
        StageEvent::Study(e) => study::timeline(e, tally),
        StageEvent::Exam(e) => exam::timeline(e),
        StageEvent::Activity(e) => activity::timeline(e),
        StageEvent::Task(_) => Some((stage_title.to_string(), OK)),
        StageEvent::Sitting(e) => sitting::timeline(e),
        StageEvent::Education(e) => education_days::timeline(e),
    }
}

/// What the timeline has added up so far, for lines that give a running total.
#[derive(Debug, Default)]
pub struct Tally {
    /// Study time banked by the stage's sessions so far.
    pub studied_seconds: u32,
    /// The total when the current session began.
    pub session_from: u32,
}

/// What a step's events mean to the user, in a line: the last that says something.
/// `retries` is how many face checks in a row may fail.
pub fn step_result(events: &[Event], retries: u32) -> Option<String> {
    let face_failed = events
        .iter()
        .any(|e| matches!(e.kind, EventKind::FaceChecked { passed: false }));
    events.iter().rev().find_map(|event| match &event.kind {
        EventKind::Signalled {
            reason: Some(reason),
            ..
        } => Some(reason.clone()),
        EventKind::Stage { event, .. } => match event {
            StageEvent::Study(e) => study::result(e, retries, face_failed),
            StageEvent::Exam(e) => exam::result(e, retries),
            StageEvent::Activity(e) => activity::result(e),
            StageEvent::Task(_) => None,
            StageEvent::Sitting(e) => sitting::result(e),
            StageEvent::Education(e) => education_days::result(e),
        },
        EventKind::FaceChecked { passed: false } => Some(format!(
            "人脸比对未通过，请在光线充足处正对屏幕重试（连续{retries}次未通过则本步骤无效）"
        )),
        EventKind::FaceChecked { passed: true } => Some("人脸比对通过".into()),
        _ => None,
    })
}
