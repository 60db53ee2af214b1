//! `Study`: 前往学习 / 继续学习, and the minutes studied against the window.

use ratatui::style::Style;

use super::OpenStep;
use crate::engine::application::State;
use crate::engine::stages::StudyEvent;
use crate::flow::process::StudyTerms;
use crate::ui::Ctx;
use crate::ui::route::Route;
use crate::ui::widgets::{HEADING, OK, clock_text, closing_text, minutes_text};

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
    let start = if terms.from_start_day {
        "首次学习当日起"
    } else {
        "首次学习次日起"
    };
    let window = state.local.study().window_ends.map_or_else(
        || format!("{start}{within_days}天内学满"),
        |w| format!("须在 {} 前学满", closing_text(w)),
    );
    let window = match terms.min_per_day {
        Some(m) => format!("{window}，每日至少{}", minutes_text(m)),
        None => window,
    };
    vec![(
        format!(
            "学习进度：已学{} / {}，{window}",
            clock_text(studied),
            minutes_text(minutes)
        ),
        HEADING,
    )]
}

/// A study's event on the timeline. A session's end says what the whole session added (the
/// parts a passed face check banked included) and the total so far, kept in `tally`.
pub(super) fn timeline(event: &StudyEvent, tally: &mut super::Tally) -> Option<(String, Style)> {
    match event {
        StudyEvent::Started { .. } => {
            tally.session_from = tally.studied_seconds;
            Some(("开始课件学习".into(), OK))
        }
        StudyEvent::Counted { seconds, resume } => {
            tally.studied_seconds = tally.studied_seconds.saturating_add(*seconds);
            if *resume {
                return None;
            }
            let session = tally.studied_seconds - tally.session_from;
            tally.session_from = tally.studied_seconds;
            Some((
                format!(
                    "结束学习，本次计入{}，累计已学{}",
                    minutes_seconds(session),
                    minutes_seconds(tally.studied_seconds)
                ),
                OK,
            ))
        }
    }
}

fn minutes_seconds(seconds: u32) -> String {
    format!("{}分{}秒", seconds / 60, seconds % 60)
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
