//! `Allocation`: when the seats are sorted, for which session.

use ratatui::style::Style;

use super::super::Ctx;
use super::super::widgets::MUTED;
use crate::engine::application::State;
use crate::flow::process::Signal;

pub(super) fn lines(state: &State, ctx: &Ctx, session_field: &str) -> Vec<(String, Style)> {
    let start = ctx.clock.started_at.date();
    let Some(slot) = state
        .answers
        .get(session_field)
        .and_then(|id| ctx.resources.sessions.get(id, start))
    else {
        return Vec::new();
    };
    let when = slot
        .allocated_at(start)
        .map_or(String::new(), |at| format!("{} ", at.format("%m-%d %H:%M")));
    vec![(
        format!(
            "预约场次：{}；系统将于 {when}按预约情况排序分配考位，结果以短信通知",
            slot.place_and_time(start)
        ),
        MUTED,
    )]
}

pub(super) fn due_wording(due: &str) -> String {
    format!("，预计 {due} 排序分配考位")
}

pub(super) fn signal_word(signal: Signal) -> Option<&'static str> {
    match signal {
        Signal::Pass => Some("已分配考位"),
        Signal::Fail => Some("未分配考位"),
        _ => None,
    }
}
