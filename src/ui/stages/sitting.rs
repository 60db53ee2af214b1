//! `Sitting`: the admission slip (准考证) once the fee is paid, 入场 with a face check, then the
//! result at the session's end.

use ratatui::style::Style;

use super::super::Ctx;
use super::super::widgets::{HEADING, OK};
use super::OpenStep;
use crate::domain::driving_test::ExamSubject;
use crate::engine::application::State;
use crate::engine::stages::SittingEvent;
use crate::engine::step::Command;
use crate::flow::process::Signal;

pub(super) fn open_step(state: &State) -> Option<OpenStep> {
    state
        .local
        .admission()
        .checked_in
        .is_none()
        .then(|| OpenStep::act("入场签到", Command::FaceCheck))
}

pub(super) fn lines(
    state: &State,
    ctx: &Ctx,
    session_field: &str,
    subject_field: &str,
) -> Vec<(String, Style)> {
    let start = ctx.clock.started_at.date();
    let slot = state
        .answers
        .get(session_field)
        .and_then(|id| ctx.resources.sessions.get(id, start));
    let subject = state
        .answers
        .get(subject_field)
        .and_then(|code| ExamSubject::from_code(code))
        .map_or("", ExamSubject::label);
    let Some(slot) = slot else {
        return Vec::new();
    };
    let slip = format!(
        "准考证（可打印）：{}  {subject}  {}",
        crate::domain::mask::mask_name(&ctx.profile.name),
        slot.place_and_time(start)
    );
    let opens = ctx.config.engine.sign_in_opens_minutes;
    let step = match state.local.admission().checked_in {
        None => {
            format!("请携带身份证于开考前{opens}分钟内到考场，人脸比对入场；未入场的按缺考处理")
        }
        Some(at) => format!(
            "已于 {} 入场，{} 考试结束后公布成绩",
            at.format("%H:%M"),
            slot.end
        ),
    };
    vec![(slip, OK), (step, HEADING)]
}

pub(super) fn due_wording(due: &str) -> String {
    format!("，须在 {due} 前入场")
}

pub(super) fn timeline(event: &SittingEvent) -> Option<(String, Style)> {
    match event {
        SittingEvent::CheckedIn { .. } => Some(("考场入场（人脸比对通过）".into(), OK)),
    }
}

pub(super) fn result(event: &SittingEvent) -> Option<String> {
    match event {
        SittingEvent::CheckedIn { .. } => Some("人脸比对通过，已入场，请按考场安排参加考试".into()),
    }
}

pub(super) fn signal_word(signal: Signal) -> Option<&'static str> {
    match signal {
        Signal::Pass => Some("考试合格"),
        Signal::Fail => Some("考试不合格"),
        _ => None,
    }
}
