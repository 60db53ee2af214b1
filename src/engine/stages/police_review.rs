//! `PoliceReview(working_days, approve_if)`: an officer decides by the N-th working day at the
//! review hour (`Approved` when the guard holds, else `Rejected` with its reason), or the
//! trainer decides when reviews are held.

use chrono::NaiveDateTime;

use super::Flow;
use crate::engine::application::{Actor, Record};
use crate::engine::log::Log;
use crate::engine::rules::check;
use crate::engine::step::Refused;
use crate::flow::process::{Guard, Signal, StageKind};

/// The reasons an officer gives most when sending an application back, offered to the trainer
/// beside the rule that failed and words of their own.
pub const STANDARD_REJECTIONS: &[&str] = &[
    "提交的照片不符合要求（背景、光线、姿态或清晰度不合格）",
    "证明材料不清晰、不完整，或与申请事由不符",
    "填写的信息与档案记录不一致",
    "申请人不符合办理条件",
];

pub(super) fn due(log: &Log, at: NaiveDateTime, working_days: u32) -> Option<NaiveDateTime> {
    Some(log.world.resources.calendar.deadline_after(
        at,
        working_days,
        log.world.policy.review_hour,
    ))
}

pub(super) fn advance(
    log: &mut Log,
    approve_if: &Guard,
    now: NaiveDateTime,
) -> Result<Flow, Refused> {
    let Some(due) = log.state.due else {
        return Ok(Flow::Waits);
    };
    if due > now || log.world.policy.hold_reviews {
        return Ok(Flow::Waits);
    }
    match check(approve_if, &log.facts()) {
        Ok(()) => log.signal(due, Actor::Police, Signal::Approved, None)?,
        Err(reason) => reject(log, due, reason)?,
    }
    Ok(Flow::Moved)
}

/// The trainer, as the officer, decides now. A rejection without a reason of the trainer's
/// own gives the rule that failed, or a general one when every rule holds.
pub(in crate::engine) fn decide(
    log: &mut Log,
    approve: bool,
    reason: Option<String>,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    let Some(StageKind::PoliceReview { approve_if, .. }) = log.current().map(|s| s.kind.clone())
    else {
        return Err(Refused("这份申请当前不在民警审核阶段".into()));
    };
    if approve {
        return log.signal(now, Actor::Police, Signal::Approved, None);
    }
    let failed_rule = check(&approve_if, &log.facts()).err();
    let reason = reason
        .or(failed_rule)
        .unwrap_or_else(|| "经民警审核，申请材料不符合办理要求".into());
    reject(log, now, reason)
}

/// A rejection is recorded for the stages after it (how many reviews failed), then given.
fn reject(log: &mut Log, at: NaiveDateTime, reason: String) -> Result<(), Refused> {
    let stage = log.state.stage.clone().unwrap_or_default();
    log.record(at, Actor::Police, Record::ReviewRejected { stage });
    log.signal(at, Actor::Police, Signal::Rejected, Some(reason))
}
