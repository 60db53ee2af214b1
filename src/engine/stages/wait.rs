//! `Wait(days | working_days)` and the waiting of `Publicity(days)`: natural or working days
//! from entry, then `Due`.

use chrono::NaiveDateTime;

use super::Flow;
use crate::engine::application::Actor;
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::Signal;

pub(super) fn due(log: &Log, at: NaiveDateTime, days: u32) -> Option<NaiveDateTime> {
    Some(
        log.world
            .resources
            .calendar
            .natural_deadline(at.date(), days)
            .and_time(at.time()),
    )
}

/// `working_days` working days later, at the same time of day (holidays and 调休 from the
/// calendar).
pub(super) fn due_working(
    log: &Log,
    at: NaiveDateTime,
    working_days: u32,
) -> Option<NaiveDateTime> {
    Some(
        log.world
            .resources
            .calendar
            .add_working_days(at.date(), working_days)
            .and_time(at.time()),
    )
}

pub(super) fn advance(log: &mut Log, now: NaiveDateTime) -> Result<Flow, Refused> {
    let Some(due) = log.state.due.filter(|due| *due <= now) else {
        return Ok(Flow::Waits);
    };
    log.signal(due, Actor::System, Signal::Due, None)?;
    Ok(Flow::Moved)
}
