//! `Study(minutes, within_days)`: the minutes accumulated within `within_days` natural days of
//! the first start, counted only while a session runs and stopped at each randomly drawn face
//! check until it passes; `Done` when submitted with enough minutes, `Expired` when the window
//! closes first.

use chrono::{Duration, NaiveDateTime};

use super::{Flow, spread_marks};
use crate::engine::application::{Actor, EventKind, State};
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::{Signal, StageKind};

pub(super) fn advance(
    log: &mut Log,
    minutes: u32,
    within_days: u32,
    now: NaiveDateTime,
) -> Result<Flow, Refused> {
    let Some(due) = log.state.due.filter(|due| *due <= now) else {
        return Ok(Flow::Waits);
    };
    close_window(log, due, minutes, within_days)?;
    Ok(Flow::Moved)
}

/// The window closed at `due`: banks what the running session counted, then `Done` when the
/// minutes are complete, else `Expired`.
fn close_window(
    log: &mut Log,
    due: NaiveDateTime,
    minutes: u32,
    within_days: u32,
) -> Result<(), Refused> {
    let required = minutes.saturating_mul(60);
    let studied = log.state.study.studied_seconds(due, required);
    bank_running(log, due, required, Actor::System);
    if studied >= required {
        log.signal(due, Actor::System, Signal::Done, None)
    } else {
        let reason = format!(
            "学习期限已过，{within_days}天内累计学习{}分钟，未满{minutes}分钟，本次学习无效，请重新申请",
            studied / 60
        );
        log.signal(due, Actor::System, Signal::Expired, Some(reason))
    }
}

/// 前往学习: a face check, then a session; the first one opens the window and draws the
/// moments of the checks during study.
pub(in crate::engine) fn begin(log: &mut Log, now: NaiveDateTime) -> Result<(), Refused> {
    let Some(StageKind::Study {
        minutes,
        within_days,
    }) = log.current().map(|s| s.kind.clone())
    else {
        return Err(Refused("当前不在课件学习阶段".into()));
    };
    let required = minutes.saturating_mul(60);
    if log.state.study.open_since.is_some() {
        return Err(Refused("正在学习中".into()));
    }
    if log.state.study.banked_seconds >= required {
        return Err(Refused(format!("已学满{minutes}分钟，请提交学习")));
    }
    if !log.face_check(now) {
        return Ok(());
    }
    let first = log.state.study.window_ends.is_none();
    let checkpoints = first.then(|| {
        let count = log.world.policy.study_face_checks;
        let mut rng = log.rng(1);
        spread_marks(required, count, 60, |n| rng.below(n))
    });
    let window_ends = first.then(|| now + Duration::days(i64::from(within_days)));
    log.push(
        now,
        Actor::User,
        EventKind::StudyStarted {
            window_ends,
            checkpoints,
        },
    );
    Ok(())
}

/// 结束学习: the running session closes, keeping what it counted. False when none ran: the
/// command then changes nothing at all.
pub(in crate::engine) fn pause(log: &mut Log, now: NaiveDateTime) -> Result<bool, Refused> {
    let Some(StageKind::Study { minutes, .. }) = log.current().map(|s| s.kind.clone()) else {
        return Err(Refused("当前不在课件学习阶段".into()));
    };
    if log.state.study.open_since.is_none() {
        return Ok(false);
    }
    bank_running(log, now, minutes.saturating_mul(60), Actor::User);
    Ok(true)
}

/// 提交学习 once the minutes are studied: the running session is banked, then `Done`.
pub(super) fn submit(log: &mut Log, minutes: u32, now: NaiveDateTime) -> Result<(), Refused> {
    let required = minutes.saturating_mul(60);
    let studied = log.state.study.studied_seconds(now, required);
    if studied < required {
        return Err(Refused(format!(
            "已学习{}分钟，未满{minutes}分钟，不能提交学习",
            studied / 60
        )));
    }
    bank_running(log, now, required, Actor::User);
    log.signal(now, Actor::User, Signal::Done, None)
}

/// Closes the running session at `at`, if one runs, banking what it counted.
fn bank_running(log: &mut Log, at: NaiveDateTime, required: u32, actor: Actor) {
    if log.state.study.open_since.is_some() {
        let seconds = log.state.study.running_seconds(at, required);
        log.push(
            at,
            actor,
            EventKind::StudyCounted {
                seconds,
                resume: false,
            },
        );
    }
}

/// The face check a running session waits for: passing banks the time and goes on studying;
/// the last allowed failure closes the segment without counting it.
pub(super) fn face_check(log: &mut Log, minutes: u32, now: NaiveDateTime) -> Result<(), Refused> {
    let required = minutes.saturating_mul(60);
    if !log.state.study.check_pending(now, required) {
        return Err(Refused("当前没有需要进行的学习过程人脸比对".into()));
    }
    let seconds = log.state.study.running_seconds(now, required);
    if log.face_check(now) {
        log.push(
            now,
            Actor::System,
            EventKind::StudyCounted {
                seconds,
                resume: true,
            },
        );
    } else if log.retries_used_up() {
        log.push(
            now,
            Actor::System,
            EventKind::StudyCounted {
                seconds: 0,
                resume: false,
            },
        );
    }
    Ok(())
}

/// When the running session next needs the user: a face check or enough minutes.
pub(super) fn next_moment(state: &State, minutes: u32) -> Option<NaiveDateTime> {
    state.study.next_moment(minutes.saturating_mul(60))
}
