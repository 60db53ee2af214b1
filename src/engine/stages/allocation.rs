//! `Allocation(session_field)`: 约考排序. The seats of a planned session are assigned by lottery
//! on the plan's day among the learners who asked for it; each earlier booking of the learner
//! that lost weighs in as an extra ticket. `Pass` with a seat, `Fail` without: the application
//! then ends and its claim on the seat with it. The trainer may decide first.

use chrono::NaiveDateTime;

use super::Flow;
use super::activity::booked_slot;
use crate::domain::venue::lottery_won;
use crate::engine::application::Actor;
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::{Signal, StageKind};

/// The sentence of a request that lost.
const NOT_ALLOCATED: &str =
    "本场次考试需求人数超过考位数，经系统排序未能分配考位，可重新预约其他场次";

/// Due when the plan sorts the session's seats; a session listed one by one (no lottery) is
/// decided at once.
pub(super) fn due(log: &Log, at: NaiveDateTime, session_field: &str) -> Option<NaiveDateTime> {
    let slot = booked_slot(log.world, &log.state.answers, session_field)?;
    Some(
        slot.allocated_at(log.world.clock_start)
            .unwrap_or(at)
            .max(at),
    )
}

pub(super) fn advance(
    log: &mut Log,
    session_field: &str,
    now: NaiveDateTime,
) -> Result<Flow, Refused> {
    let Some(due) = log.state.due.filter(|due| *due <= now) else {
        return Ok(Flow::Waits);
    };
    let won = draw(log, session_field);
    give(log, due, Actor::System, won)?;
    Ok(Flow::Moved)
}

/// The lottery: the session's free seats (its seats less those other bookings in the app
/// hold) among the plan's crowd of requests and this one, which holds one ticket more for
/// each earlier booking that lost.
fn draw(log: &Log, session_field: &str) -> bool {
    let Some(slot) = booked_slot(log.world, &log.state.answers, session_field) else {
        return false;
    };
    let Some(lottery) = slot.lottery else {
        return true;
    };
    let held = log.world.seats_taken.get(&slot.id).copied().unwrap_or(0);
    let others = held.saturating_sub(1);
    let free = slot.seats.saturating_sub(others);
    let crowd = slot.seats.saturating_mul(lottery.demand_percent) / 100;
    let weight = log
        .profile
        .learner_permit
        .as_ref()
        .map_or(0, |p| p.unallocated)
        .saturating_add(1);
    let roll = log.rng().below(u64::from(crowd.saturating_add(weight)));
    lottery_won(free, weight, roll)
}

/// The trainer decides the allocation now.
pub(in crate::engine) fn decide(
    log: &mut Log,
    approve: bool,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    if !matches!(
        log.current().map(|s| &s.kind),
        Some(StageKind::Allocation { .. })
    ) {
        return Err(Refused("这份申请当前不在排序分配阶段".into()));
    }
    give(log, now, Actor::Police, approve)
}

fn give(log: &mut Log, at: NaiveDateTime, actor: Actor, won: bool) -> Result<(), Refused> {
    if won {
        log.signal(at, actor, Signal::Pass, None)
    } else {
        log.signal(at, actor, Signal::Fail, Some(NOT_ALLOCATED.into()))
    }
}
