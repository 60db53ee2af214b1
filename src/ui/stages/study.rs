//! `Study`: 前往学习 / 继续学习, and the minutes studied against the window.

use ratatui::style::Style;

use super::OpenStep;
use crate::engine::application::State;
use crate::ui::Ctx;
use crate::ui::route::Route;
use crate::ui::widgets::HEADING;

pub(super) fn open_step(state: &State, number: String) -> OpenStep {
    let label = if state.study.window_ends.is_none() {
        "前往学习"
    } else {
        "继续学习"
    };
    OpenStep::page(label, Route::Study(number))
}

pub(super) fn lines(
    state: &State,
    ctx: &Ctx,
    minutes: u32,
    within_days: u32,
) -> Vec<(String, Style)> {
    let studied = state
        .study
        .studied_seconds(ctx.clock.now, minutes.saturating_mul(60));
    let window = state.study.window_ends.map_or_else(
        || format!("首次学习起{within_days}天内学满"),
        |w| format!("须在 {} 前学满", w.format("%m-%d %H:%M")),
    );
    vec![(
        format!(
            "学习进度：已学{}分{}秒 / {minutes}分钟，{window}",
            studied / 60,
            studied % 60
        ),
        HEADING,
    )]
}
