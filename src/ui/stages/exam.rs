//! `Exam`: 参加考试 / 继续考试 / 前往补考 (at the first question not answered, after a restart),
//! and the attempts against the pass mark.

use ratatui::style::Style;

use super::OpenStep;
use crate::engine::application::State;
use crate::ui::route::Route;
use crate::ui::widgets::{HEADING, WARN};

pub(super) fn open_step(state: &State, number: String) -> OpenStep {
    let label = if state.exam.in_progress {
        "继续考试"
    } else if state.exam.attempts == 0 {
        "参加考试"
    } else {
        "前往补考"
    };
    let resume_at = state
        .exam
        .answers
        .iter()
        .position(Option::is_none)
        .unwrap_or(0);
    OpenStep::page(label, Route::Exam { number, resume_at })
}

pub(super) fn lines(state: &State, pass_percent: u32, retakes: u32) -> Vec<(String, Style)> {
    let allowed = retakes + 1;
    let mut lines = vec![(
        format!(
            "考试：已考{}次，共可考{allowed}次（含补考）；合格线为答对{pass_percent}%",
            state.exam.attempts
        ),
        HEADING,
    )];
    for (i, result) in state.exam.results.iter().enumerate() {
        let verdict = if result.voided { "无效" } else { "未合格" };
        lines.push((
            format!(
                "  第{}次：答对{}/{}题，{verdict}",
                i + 1,
                result.correct,
                result.total
            ),
            WARN,
        ));
    }
    lines
}
