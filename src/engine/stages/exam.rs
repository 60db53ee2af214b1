//! `Exam(questions, seconds_per_question, pass_percent, retakes)`: a paper drawn from the bank
//! with face checks during it, on the simulated clock (the time is enforced on the whole
//! paper); `Pass` at the pass mark, `Fail` once the retakes are used up.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Flow, Local, StageEvent, spread_marks};
use crate::engine::application::{Actor, State};
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::{Signal, StageKind};

/// What an exam logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExamEvent {
    /// An attempt began: the paper, the questions before which a face check is due, and
    /// when time is up.
    Started {
        attempt: u32,
        paper: Vec<String>,
        checkpoints: Vec<u32>,
        ends: NaiveDateTime,
    },
    /// An answer to question `question` (from 0) of the current paper.
    Answered { question: u32, chosen: Vec<usize> },
    /// An attempt was marked; `voided` when the face checks failed during it.
    Scored {
        attempt: u32,
        correct: u32,
        total: u32,
        voided: bool,
    },
}

/// One marked exam attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExamResult {
    pub correct: u32,
    pub total: u32,
    pub voided: bool,
}

impl ExamResult {
    /// 合格: not voided, and at least `pass_percent` of the answers right.
    pub fn passed(&self, pass_percent: u32) -> bool {
        !self.voided && self.total > 0 && self.correct * 100 >= self.total * pass_percent.min(100)
    }
}

/// Where 网上考试 stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExamState {
    /// Attempts started (the first is 1).
    pub attempts: u32,
    pub paper: Vec<String>,
    pub answers: Vec<Option<Vec<usize>>>,
    /// Question indexes before which a face check is due.
    pub checkpoints: Vec<u32>,
    pub checks_passed: u32,
    pub ends: Option<NaiveDateTime>,
    pub in_progress: bool,
    pub results: Vec<ExamResult>,
}

impl ExamState {
    /// Whether question `index` may be answered: every face check before it has passed.
    pub fn check_due_before(&self, index: u32) -> bool {
        let needed = self.checkpoints.iter().filter(|c| **c <= index).count();
        usize::try_from(self.checks_passed).unwrap_or(usize::MAX) < needed
    }
}

/// The state outside such a stage.
pub(super) static EMPTY: ExamState = ExamState {
    attempts: 0,
    paper: Vec::new(),
    answers: Vec::new(),
    checkpoints: Vec::new(),
    checks_passed: 0,
    ends: None,
    in_progress: false,
    results: Vec::new(),
};

pub(super) fn fold(state: &mut State, event: &ExamEvent) {
    if !matches!(state.local, Local::Exam(_)) {
        state.local = Local::Exam(ExamState::default());
    }
    let Local::Exam(exam) = &mut state.local else {
        return;
    };
    match event {
        ExamEvent::Started {
            attempt,
            paper,
            checkpoints,
            ends,
        } => {
            exam.attempts = *attempt;
            exam.paper = paper.clone();
            exam.answers = vec![None; paper.len()];
            exam.checkpoints = checkpoints.clone();
            exam.checks_passed = 0;
            exam.ends = Some(*ends);
            exam.in_progress = true;
            state.due = Some(*ends);
            state.face_failures = 0;
        }
        ExamEvent::Answered { question, chosen } => {
            if let Some(slot) = usize::try_from(*question)
                .ok()
                .and_then(|i| exam.answers.get_mut(i))
            {
                *slot = Some(chosen.clone());
            }
        }
        ExamEvent::Scored {
            correct,
            total,
            voided,
            ..
        } => {
            exam.in_progress = false;
            exam.results.push(ExamResult {
                correct: *correct,
                total: *total,
                voided: *voided,
            });
            state.due = None;
        }
    }
}

/// A passed face check during a paper counts towards the checks it needs.
pub(super) fn fold_face_check(exam: &mut ExamState, passed: bool) {
    if passed && exam.in_progress {
        exam.checks_passed += 1;
    }
}

/// Starting an attempt draws the paper and its face-check questions.
pub(super) fn drew(event: &ExamEvent) -> bool {
    matches!(event, ExamEvent::Started { .. })
}

fn push(log: &mut Log, at: NaiveDateTime, actor: Actor, event: ExamEvent) {
    log.push_stage(at, actor, StageEvent::Exam(event));
}

/// Time is up: the paper running is marked with the answers so far.
pub(super) fn advance(log: &mut Log, now: NaiveDateTime) -> Result<Flow, Refused> {
    let Some(due) = log.state.due.filter(|due| *due <= now) else {
        return Ok(Flow::Waits);
    };
    if !log.state.local.exam().in_progress {
        return Ok(Flow::Waits);
    }
    mark_paper(log, due, false)?;
    Ok(Flow::Moved)
}

/// Answers and 交卷 need a paper in progress in the exam stage.
fn running(log: &Log) -> Result<(), Refused> {
    let in_exam = matches!(log.current().map(|s| &s.kind), Some(StageKind::Exam { .. }));
    if in_exam && log.state.local.exam().in_progress {
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
    let exam = &log.state.local.exam();
    let total = u32::try_from(exam.paper.len()).unwrap_or(u32::MAX);
    let correct = if voided {
        0
    } else {
        log.world
            .resources
            .questions
            .score(&exam.paper, &exam.answers)
    };
    let attempt = exam.attempts;
    push(
        log,
        at,
        Actor::System,
        ExamEvent::Scored {
            attempt,
            correct,
            total,
            voided,
        },
    );
    let result = ExamResult {
        correct,
        total,
        voided,
    };
    if result.passed(pass_percent) {
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
    if log.state.local.exam().in_progress {
        return Err(Refused("考试正在进行中".into()));
    }
    if log.state.local.exam().attempts > retakes {
        return Err(Refused("补考机会已用完".into()));
    }
    if !log.face_check(now) {
        return Ok(());
    }
    let mut rng = log.rng();
    let paper = log
        .world
        .resources
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
    let attempt = log.state.local.exam().attempts + 1;
    push(
        log,
        now,
        Actor::User,
        ExamEvent::Started {
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
    let exam = &log.state.local.exam();
    let question_def = usize::try_from(question)
        .ok()
        .and_then(|i| exam.paper.get(i))
        .and_then(|id| log.world.resources.questions.get(id))
        .ok_or_else(|| Refused("没有这道题".into()))?;
    if exam.check_due_before(question) {
        return Err(Refused("请先完成考试过程人脸比对".into()));
    }
    if chosen.is_empty() || chosen.iter().any(|c| *c >= question_def.options.len()) {
        return Err(Refused("请选择答案".into()));
    }
    push(
        log,
        now,
        Actor::User,
        ExamEvent::Answered {
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
    let exam = &log.state.local.exam();
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
