//! `Activity`: 签到, then 签退 (asked first when it would be early, in the business's words),
//! and where and when the session is.

use ratatui::style::Style;

use super::{OpenStep, Opens};
use crate::engine::application::State;
use crate::engine::step::Command;
use crate::flow::process::ActivityTexts;
use crate::ui::Ctx;
use crate::ui::widgets::HEADING;

pub(super) fn open_step(
    state: &State,
    ctx: &Ctx,
    session_field: &str,
    texts: &ActivityTexts,
) -> OpenStep {
    let times = state
        .answers
        .get(session_field)
        .and_then(|id| ctx.resources.sessions.get(id))
        .and_then(|s| s.times(ctx.clock.started_at.date()));
    match (state.attendance.signed_in, times) {
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
        .and_then(|id| ctx.resources.sessions.get(id));
    let Some(slot) = slot else {
        return Vec::new();
    };
    let opens = ctx.config.engine.sign_in_opens_minutes;
    let line = match state.attendance.signed_in {
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
