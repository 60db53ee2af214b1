//! What each stage kind is in a business file: its parameters as
//! parsed from RON (the variants of `StageKind`, with each kind's texts here), the signals it
//! gives, and what `jiaoguan check` asks of it. One module per kind with something of its own;
//! each `match` is one line per kind.

mod activity;
mod education_days;
mod exam;
mod publicity;
mod study;
mod wait;

pub use activity::ActivityTexts;
pub use exam::ExamTexts;
pub use publicity::PublicityTexts;
pub use study::StudyTerms;

use super::process::{FieldKind, Process, Signal, StageKind};

/// The signals a stage kind can give: each needs a transition, and no other may have one.
pub fn signals(kind: &StageKind) -> &'static [Signal] {
    match kind {
        StageKind::SystemCheck(_) | StageKind::FaceCheck => &[Signal::Pass, Signal::Fail],
        StageKind::PoliceReview { .. } => &[Signal::Approved, Signal::Rejected],
        StageKind::Wait { .. } => &[Signal::Due],
        StageKind::UserTask { .. } => &[Signal::Done, Signal::Expired],
        StageKind::IdentityCheck | StageKind::Exam { .. } => &[Signal::Pass, Signal::Fail],
        StageKind::Study { .. } => &[Signal::Done, Signal::Expired],
        StageKind::Activity { .. } => &[Signal::Done, Signal::Void, Signal::Fail],
        StageKind::EducationDays { .. } => &[Signal::Done, Signal::Void],
        StageKind::Publicity { .. } => &[Signal::Due, Signal::Objected],
        StageKind::Allocation { .. } | StageKind::Sitting { .. } => &[Signal::Pass, Signal::Fail],
        StageKind::AwaitPayment { .. } => &[Signal::Expired, Signal::Due],
        StageKind::Terminal(_) => &[],
    }
}

/// What is wrong with the kind's parameters in `process`, each a sentence naming the stage.
pub fn lint(kind: &StageKind, stage: &str, process: &Process) -> Vec<String> {
    match kind {
        StageKind::Study { .. } => kind
            .study_terms()
            .map_or_else(Vec::new, |terms| study::lint(stage, &terms)),
        StageKind::Exam {
            questions,
            seconds_per_question,
            pass_percent,
            retakes,
            ..
        } => exam::lint(
            stage,
            *questions,
            *seconds_per_question,
            *pass_percent,
            *retakes,
        ),
        StageKind::Activity { session_field, .. }
        | StageKind::Allocation { session_field }
        | StageKind::AwaitPayment { session_field, .. } => {
            activity::lint(stage, session_field, process)
        }
        StageKind::Sitting {
            session_field,
            subject_field,
        } => {
            let mut problems = activity::lint(stage, session_field, process);
            if !process
                .answerable_fields()
                .any(|f| f.id == *subject_field && matches!(f.kind, FieldKind::Choice { .. }))
            {
                problems.push(format!(
                    "阶段 {stage} 的 subject_field {subject_field} 不是选择考试科目的字段"
                ));
            }
            problems
        }
        StageKind::EducationDays {
            session_field,
            on_site_field,
            online_field,
            total_field,
            day_minutes,
            ..
        } => education_days::lint(
            stage,
            process,
            [session_field, on_site_field, online_field, total_field],
            *day_minutes,
        ),
        StageKind::Wait { days, working_days } => wait::lint_either(stage, *days, *working_days),
        StageKind::UserTask {
            days,
            seconds,
            working_days,
            ..
        } => wait::lint_task(stage, *days, *seconds, *working_days),
        StageKind::Publicity { days, .. } => wait::lint(stage, *days),
        StageKind::SystemCheck(_)
        | StageKind::FaceCheck
        | StageKind::PoliceReview { .. }
        | StageKind::IdentityCheck
        | StageKind::Terminal(_) => Vec::new(),
    }
}
