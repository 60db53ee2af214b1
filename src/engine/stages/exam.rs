//! `Exam(questions, seconds_per_question, pass_percent, retakes)`: a paper drawn from the bank
//! with face checks during it, on the simulated clock (the time is enforced on the whole
//! paper); `Pass` at the pass mark, `Fail` once the retakes are used up.

use chrono::{Duration, NaiveDateTime};

use super::{Flow, spread_marks};
use crate::engine::application::{Actor, EventKind};
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::{Signal, StageKind};

/// Time is up: the paper running is marked with the answers so far.
pub(super) fn advance(log: &mut Log, now: NaiveDateTime) -> Result<Flow, Refused> {
    let Some(due) = log.state.due.filter(|due| *due <= now) else {
        return Ok(Flow::Waits);
    };
    if !log.state.exam.in_progress {
        return Ok(Flow::Waits);
    }
    mark_paper(log, due, false)?;
    Ok(Flow::Moved)
}

/// Answers and 交卷 need a paper in progress in the exam stage.
fn running(log: &Log) -> Result<(), Refused> {
    let in_exam = matches!(log.current().map(|s| &s.kind), Some(StageKind::Exam { .. }));
    if in_exam && log.state.exam.in_progress {
        Ok(())
    } else {
        Err(Refused("当前没有进行中的考试".into()))
    }
}

/// Marks the running paper at `at`; `voided` when face checks failed during it. Passing
/// gives `Pass`; failing with no retake left gives `Fail`, else the user may 补考.
fn mark_paper(log: &mut Log, at: NaiveDateTime, voided: bool) -> Result<(), Refused> {
    let Some(StageKind::Exam {
        pass_percent,
        retakes,
        texts,
        ..
    }) = log.current().map(|s| s.kind.clone())
    else {
        return Err(Refused("当前不在网上考试阶段".into()));
    };
    let exam = &log.state.exam;
    let total = u32::try_from(exam.paper.len()).unwrap_or(u32::MAX);
    let correct = if voided {
        0
    } else {
        log.world.questions.score(&exam.paper, &exam.answers)
    };
    let attempt = exam.attempts;
    log.push(
        at,
        Actor::System,
        EventKind::ExamScored {
            attempt,
            correct,
            total,
            voided,
        },
    );
    let percent = pass_percent.min(100);
    if !voided && total > 0 && correct * 100 >= total * percent {
        return log.signal(at, Actor::System, Signal::Pass, None);
    }
    if attempt > retakes {
        let reason = texts
            .retakes_used_up
            .replace("{attempts}", &attempt.to_string());
        return log.signal(at, Actor::System, Signal::Fail, Some(reason));
    }
    Ok(())
}

/// 参加考试 / 前往补考: a face check, then a paper of the stage's length.
pub(in crate::engine) fn begin(log: &mut Log, now: NaiveDateTime) -> Result<(), Refused> {
    let Some(StageKind::Exam {
        questions,
        seconds_per_question,
        retakes,
        ..
    }) = log.current().map(|s| s.kind.clone())
    else {
        return Err(Refused("当前不在网上考试阶段".into()));
    };
    if log.state.exam.in_progress {
        return Err(Refused("考试正在进行中".into()));
    }
    if log.state.exam.attempts > retakes {
        return Err(Refused("补考机会已用完".into()));
    }
    if !log.face_check(now) {
        return Ok(());
    }
    let mut rng = log.rng(2);
    let paper = log
        .world
        .questions
        .draw(usize::try_from(questions).unwrap_or(0), |n| rng.below(n));
    if paper.is_empty() {
        return Err(Refused("题库为空，无法组卷".into()));
    }
    let count = u32::try_from(paper.len()).unwrap_or(u32::MAX);
    let checkpoints = spread_marks(count, log.world.policy.exam_face_checks, 1, |n| {
        rng.below(n)
    });
    let ends = now + Duration::seconds(i64::from(count.saturating_mul(seconds_per_question)));
    let attempt = log.state.exam.attempts + 1;
    log.push(
        now,
        Actor::User,
        EventKind::ExamStarted {
            attempt,
            paper,
            checkpoints,
            ends,
        },
    );
    Ok(())
}

/// An answer (option indexes) to question `question` of the running paper.
pub(in crate::engine) fn answer(
    log: &mut Log,
    question: u32,
    chosen: &[usize],
    now: NaiveDateTime,
) -> Result<(), Refused> {
    running(log)?;
    let exam = &log.state.exam;
    let question_def = usize::try_from(question)
        .ok()
        .and_then(|i| exam.paper.get(i))
        .and_then(|id| log.world.questions.get(id))
        .ok_or_else(|| Refused("没有这道题".into()))?;
    if exam.check_due_before(question) {
        return Err(Refused("请先完成考试过程人脸比对".into()));
    }
    if chosen.is_empty() || chosen.iter().any(|c| *c >= question_def.options.len()) {
        return Err(Refused("请选择答案".into()));
    }
    log.push(
        now,
        Actor::User,
        EventKind::Answered {
            question,
            chosen: chosen.to_vec(),
        },
    );
    Ok(())
}

/// 交卷.
pub(in crate::engine) fn hand_in(log: &mut Log, now: NaiveDateTime) -> Result<(), Refused> {
    running(log)?;
    mark_paper(log, now, false)
}

/// The face check due before a question: the last allowed failure voids the paper.
pub(super) fn face_check(log: &mut Log, now: NaiveDateTime) -> Result<(), Refused> {
    let exam = &log.state.exam;
    let pending = exam.in_progress
        && usize::try_from(exam.checks_passed).unwrap_or(usize::MAX) < exam.checkpoints.len();
    if !pending {
        return Err(Refused("当前没有需要进行的考试过程人脸比对".into()));
    }
    if !log.face_check(now) && log.retries_used_up() {
        mark_paper(log, now, true)?;
    }
    Ok(())
}
