//! `Sitting(session_field, subject_field)`: the exam on the booked session. The candidate
//! checks in (入场, a face check) from a while before it starts until it starts; not checked in
//! by then is 缺考, which counts as failed (R162 Art.46). At the session's end the result is
//! decided by the trainer or by the seeded generator at the configured pass rate: each attempt
//! scored against the pass mark (Art.38), with one retake in the same sitting (Art.47). The
//! scores are recorded for the stage that writes the learner's file.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::activity::booked_slot;
use super::{Flow, Local, StageEvent};
use crate::domain::driving_test::{ExamSubject, pass_mark};
use crate::engine::application::{Actor, Record, State};
use crate::engine::log::Log;
use crate::engine::rng::SimRng;
use crate::engine::step::{Refused, World};
use crate::flow::process::{Signal, StageKind};

/// What a sitting logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SittingEvent {
    /// 入场: checked in, the result due at the session's end.
    CheckedIn { result_at: NaiveDateTime },
}

/// Where the candidate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Admission {
    pub checked_in: Option<NaiveDateTime>,
}

pub(super) static EMPTY: Admission = Admission { checked_in: None };

/// The sentence of a candidate who did not come.
const ABSENT: &str = "未按预约时间入场参加考试，按缺考处理，判定该次考试不合格（《机动车驾驶证申领和使用规定》第四十六条）";

pub(super) fn fold(state: &mut State, at: NaiveDateTime, event: &SittingEvent) {
    if !matches!(state.local, Local::Sitting(_)) {
        state.local = Local::Sitting(Admission::default());
    }
    let Local::Sitting(admission) = &mut state.local else {
        return;
    };
    match event {
        SittingEvent::CheckedIn { result_at } => {
            admission.checked_in = Some(at);
            state.due = Some(*result_at);
            state.face_failures = 0;
        }
    }
}

/// On entry the deadline is the session's start, by which the candidate checks in.
pub(super) fn due(log: &Log, session_field: &str) -> Option<NaiveDateTime> {
    session_times(log.world, &log.state, session_field).map(|(start, _)| start)
}

fn session_times(
    world: &World,
    state: &State,
    field: &str,
) -> Option<(NaiveDateTime, NaiveDateTime)> {
    booked_slot(world, &state.answers, field)?.times(world.clock_start)
}

pub(super) fn advance(
    log: &mut Log,
    subject_field: &str,
    now: NaiveDateTime,
) -> Result<Flow, Refused> {
    let Some(due) = log.state.due.filter(|due| *due <= now) else {
        return Ok(Flow::Waits);
    };
    if log.state.local.admission().checked_in.is_none() {
        log.record(due, Actor::System, Record::Scored { scores: Vec::new() });
        log.signal(due, Actor::System, Signal::Fail, Some(ABSENT.into()))?;
        return Ok(Flow::Moved);
    }
    let percent = log.world.policy.exam_pass_percent.min(100);
    let mut rng = log.rng();
    let first = rng.chance(percent);
    let retake = rng.chance(percent);
    let mark = mark(log, subject_field);
    let scores = scores(mark, first, retake, &mut rng);
    give(log, due, Actor::System, mark, scores)?;
    Ok(Flow::Moved)
}

/// The pass mark of the subject booked, for the learner's classes.
fn mark(log: &Log, subject_field: &str) -> u32 {
    let subject = log
        .state
        .answers
        .get(subject_field)
        .and_then(|code| ExamSubject::from_code(code))
        .unwrap_or(ExamSubject::One);
    log.profile
        .learner_permit
        .as_ref()
        .map_or(90, |p| pass_mark(subject, &p.classes))
}

/// Scores for attempts that pass (`first`) or fail, with the retake after a failed first.
fn scores(mark: u32, first: bool, retake: bool, rng: &mut SimRng) -> Vec<u32> {
    let mut score = |passes: bool| {
        let draw = u32::try_from(rng.below(u64::from(101 - mark.min(100)))).unwrap_or(0);
        if passes {
            mark + draw
        } else {
            mark.saturating_sub(1 + draw.min(mark.saturating_sub(1)))
        }
    };
    if first {
        vec![score(true)]
    } else {
        vec![score(false), score(retake)]
    }
}

fn give(
    log: &mut Log,
    at: NaiveDateTime,
    actor: Actor,
    mark: u32,
    scores: Vec<u32>,
) -> Result<(), Refused> {
    let passed = scores.iter().any(|s| *s >= mark);
    let shown = scores
        .iter()
        .map(|s| format!("{s}分"))
        .collect::<Vec<_>>()
        .join("、");
    log.record(at, actor, Record::Scored { scores });
    if passed {
        log.signal(
            at,
            actor,
            Signal::Pass,
            Some(format!("考试成绩 {shown}，合格")),
        )
    } else {
        log.signal(
            at,
            actor,
            Signal::Fail,
            Some(format!("考试成绩 {shown}，合格线{mark}分，本次考试不合格")),
        )
    }
}

/// 入场: a face check from the opening until the start.
pub(super) fn face_check(
    log: &mut Log,
    session_field: &str,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    let (start, end) = session_times(log.world, &log.state, session_field)
        .ok_or_else(|| Refused("找不到预约的考试场次".into()))?;
    if log.state.local.admission().checked_in.is_some() {
        return Err(Refused("已入场，请等待考试结束公布成绩".into()));
    }
    let opens = start - Duration::minutes(i64::from(log.world.policy.sign_in_opens_minutes));
    if now < opens {
        return Err(Refused(format!(
            "入场时间未到：{} 起可以入场",
            opens.format("%m-%d %H:%M")
        )));
    }
    if now > start {
        return Err(Refused("考试已开始，不能再入场".into()));
    }
    if log.face_check(now) {
        let event = SittingEvent::CheckedIn { result_at: end };
        log.push_stage(now, Actor::User, StageEvent::Sitting(event));
    } else if log.retries_used_up() {
        log.record(now, Actor::System, Record::Scored { scores: Vec::new() });
        log.signal(now, Actor::System, Signal::Fail, Some(ABSENT.into()))?;
    }
    Ok(())
}

/// The trainer, as the examiner, gives the result now: a pass, or two failed attempts.
pub(in crate::engine) fn decide(
    log: &mut Log,
    approve: bool,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    let Some(StageKind::Sitting { subject_field, .. }) = log.current().map(|s| s.kind.clone())
    else {
        return Err(Refused("这份申请当前不在考试阶段".into()));
    };
    let mark = mark(log, &subject_field);
    let mut rng = log.rng();
    let scores = scores(mark, approve, false, &mut rng);
    give(log, now, Actor::Police, mark, scores)
}

/// Check-in opening before the start, then the session's end.
pub(super) fn next_moment(
    state: &State,
    world: &World,
    session_field: &str,
) -> Option<NaiveDateTime> {
    session_times(world, state, session_field).map(|(start, end)| {
        if state.local.admission().checked_in.is_none() {
            start - Duration::minutes(i64::from(world.policy.sign_in_opens_minutes))
        } else {
            end
        }
    })
}
