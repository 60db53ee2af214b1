//! `AwaitPayment(session_field)`: waits for a fee another application pays (`told: [Done]`).
//! With a payment deadline configured it gives `Expired` when the deadline passes first; it
//! gives `Due` when the booked session begins unpaid (no deadline: the fee could still be paid
//! until then, and an unpaid candidate is not admitted).

use chrono::{Duration, NaiveDateTime};

use super::Flow;
use super::activity::booked_slot;
use crate::engine::application::Actor;
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::Signal;

/// The sentence of a payment deadline missed.
const UNPAID: &str = "未在规定期限内缴纳考试费，本次预约失败，不计入预约考试次数，可重新预约";
/// The sentence of a session begun unpaid.
const NOT_ADMITTED: &str = "考试开始时仍未缴纳考试费，不能入场考试，按缺考处理";

/// The session's start.
fn starts(log: &Log, session_field: &str) -> Option<NaiveDateTime> {
    booked_slot(log.world, &log.state.answers, session_field)?
        .times(log.world.clock_start)
        .map(|(start, _)| start)
}

/// The payment deadline or the session's start, whichever comes first.
pub(super) fn due(log: &Log, at: NaiveDateTime, session_field: &str) -> Option<NaiveDateTime> {
    let start = starts(log, session_field);
    let deadline = log
        .world
        .policy
        .payment_deadline_hours
        .map(|hours| at + Duration::hours(i64::from(hours)));
    [start, deadline].into_iter().flatten().min()
}

pub(super) fn advance(
    log: &mut Log,
    session_field: &str,
    now: NaiveDateTime,
) -> Result<Flow, Refused> {
    let Some(due) = log.state.due.filter(|due| *due <= now) else {
        return Ok(Flow::Waits);
    };
    let began = starts(log, session_field).is_none_or(|start| start <= due);
    if began {
        log.signal(due, Actor::System, Signal::Due, Some(NOT_ADMITTED.into()))?;
    } else {
        log.signal(due, Actor::System, Signal::Expired, Some(UNPAID.into()))?;
    }
    Ok(Flow::Moved)
}
