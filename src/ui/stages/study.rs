//! `Study`: 前往学习 / 继续学习, and the minutes studied against the window.

use ratatui::style::Style;

use super::OpenStep;
use crate::engine::application::State;
use crate::engine::stages::StudyEvent;
use crate::flow::process::StudyTerms;
use crate::ui::Ctx;
use crate::ui::route::Route;
use crate::ui::widgets::{HEADING, OK};

pub(super) fn open_step(state: &State, number: String) -> OpenStep {
    let label = if state.local.study().window_ends.is_none() {
        "前往学习"
    } else {
        "继续学习"
    };
    OpenStep::page(label, Route::Study(number))
}

pub(super) fn lines(state: &State, ctx: &Ctx, terms: &StudyTerms) -> Vec<(String, Style)> {
    let (minutes, within_days) = (terms.minutes, terms.within_days);
    let studied = state.local.study().counted_seconds(ctx.clock.now, terms);
    let window = state.local.study().window_ends.map_or_else(
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

/// A study's event on the timeline.
pub(super) fn timeline(event: &StudyEvent) -> Option<(String, Style)> {
    match event {
        StudyEvent::Started { .. } => Some(("开始课件学习".into(), OK)),
        StudyEvent::Counted {
            seconds,
            resume: false,
        } => Some((
            format!("结束学习，本段计入{}分{}秒", seconds / 60, seconds % 60),
            OK,
        )),
        StudyEvent::Counted { resume: true, .. } => None,
    }
}

/// What a study's event tells the user right after the step.
pub(super) fn result(event: &StudyEvent, retries: u32, face_failed: bool) -> Option<String> {
    match event {
        StudyEvent::Started { .. } => Some("实人认证通过，开始学习".into()),
        StudyEvent::Counted {
            seconds: 0,
            resume: false,
        } if face_failed => Some(format!(
            "学习过程人脸比对连续{retries}次未通过，本段学习时长不计入"
        )),
        StudyEvent::Counted { .. } => None,
    }
}
