//! `Activity`: 签到, then 签退 (asked first when it would be early, in the business's words),
//! and where and when the session is.

use ratatui::style::Style;

use super::{OpenStep, Opens};
use crate::engine::application::State;
use crate::engine::stages::ActivityEvent;
use crate::engine::step::Command;
use crate::flow::process::ActivityTexts;
use crate::ui::Ctx;
use crate::ui::widgets::{HEADING, OK};

pub(super) fn open_step(
    state: &State,
    ctx: &Ctx,
    session_field: &str,
    texts: &ActivityTexts,
) -> OpenStep {
    let times = state
        .answers
        .get(session_field)
        .and_then(|id| ctx.resources.sessions.get(id, ctx.clock.started_at.date()))
        .and_then(|s| s.times(ctx.clock.started_at.date()));
    match (state.local.attendance().signed_in, times) {
        (None, _) => OpenStep::act("签到", Command::FaceCheck),
        (Some(_), Some((_, end))) if ctx.clock.now < end => OpenStep {
            label: "签退".to_string(),
            opens: Opens::Confirm {
                text: texts
                    .early_confirm
                    .replace("{end}", &end.format("%H:%M").to_string()),
                command: Command::FaceCheck,
            },
        },
        (Some(_), _) => OpenStep::act("签退", Command::FaceCheck),
    }
}

pub(super) fn lines(state: &State, ctx: &Ctx, session_field: &str) -> Vec<(String, Style)> {
    let slot = state
        .answers
        .get(session_field)
        .and_then(|id| ctx.resources.sessions.get(id, ctx.clock.started_at.date()));
    let Some(slot) = slot else {
        return Vec::new();
    };
    let opens = ctx.config.engine.sign_in_opens_minutes;
    let line = match state.local.attendance().signed_in {
        None => format!(
            "{}：请于活动开始前{opens}分钟内到场，人脸比对签到",
            slot.place_and_time(ctx.clock.started_at.date())
        ),
        Some(at) => format!(
            "已于 {} 签到；活动 {}-{}，结束后人脸比对签退",
            at.format("%H:%M"),
            slot.start,
            slot.end
        ),
    };
    vec![(line, HEADING)]
}

pub(super) fn due_wording(due: &str) -> String {
    format!("，须在 {due} 前签到")
}

/// Attendance on the timeline.
pub(super) fn timeline(event: &ActivityEvent) -> Option<(String, Style)> {
    match event {
        ActivityEvent::SignedIn { .. } => Some(("现场签到成功".into(), OK)),
        ActivityEvent::SignedOut => Some(("现场签退".into(), OK)),
    }
}

/// What attendance tells the user right after the step.
pub(super) fn result(event: &ActivityEvent) -> Option<String> {
    match event {
        ActivityEvent::SignedIn { .. } => Some("人脸比对通过，现场签到成功".into()),
        ActivityEvent::SignedOut => Some("人脸比对通过，现场签退成功".into()),
    }
}
