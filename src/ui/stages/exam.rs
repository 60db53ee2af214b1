//! `Exam`: 参加考试 / 继续考试 / 前往补考 (at the first question not answered, after a restart),
//! and the attempts against the pass mark.

use ratatui::style::Style;

use super::OpenStep;
use crate::engine::application::State;
use crate::engine::stages::ExamEvent;
use crate::ui::route::Route;
use crate::ui::widgets::{HEADING, OK, WARN};

pub(super) fn open_step(state: &State, number: String) -> OpenStep {
    let label = if state.local.exam().in_progress {
        "继续考试"
    } else if state.local.exam().attempts == 0 {
        "参加考试"
    } else {
        "前往补考"
    };
    let resume_at = state
        .local
        .exam()
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
            state.local.exam().attempts
        ),
        HEADING,
    )];
    for (i, result) in state.local.exam().results.iter().enumerate() {
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

/// An exam's event on the timeline.
pub(super) fn timeline(event: &ExamEvent) -> Option<(String, Style)> {
    match event {
        ExamEvent::Started { attempt, paper, .. } => {
            Some((format!("第{attempt}次考试开始（{}题）", paper.len()), OK))
        }
        ExamEvent::Scored {
            attempt,
            correct,
            total,
            voided,
        } => Some((
            format!(
                "第{attempt}次考试{}：答对{correct}/{total}题",
                if *voided { "无效" } else { "交卷" }
            ),
            if *voided { WARN } else { OK },
        )),
        ExamEvent::Answered { .. } => None,
    }
}

/// What an exam's event tells the user right after the step.
pub(super) fn result(event: &ExamEvent, retries: u32) -> Option<String> {
    match event {
        ExamEvent::Started { attempt, .. } => Some(format!("实人认证通过，第{attempt}次考试开始")),
        ExamEvent::Scored {
            correct,
            total,
            voided: true,
            ..
        } => Some(format!(
            "考试过程人脸比对连续{retries}次未通过，本次考试无效（{correct}/{total}）"
        )),
        ExamEvent::Scored { correct, total, .. } => {
            Some(format!("考试成绩：答对{correct}题，共{total}题"))
        }
        ExamEvent::Answered { .. } => None,
    }
}
