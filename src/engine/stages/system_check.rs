//! `SystemCheck(guard)`: decided at once, `Pass` or `Fail` with the guard's reason.

use chrono::NaiveDateTime;

use super::Flow;
use crate::engine::application::Actor;
use crate::engine::log::Log;
use crate::engine::rules::check;
use crate::engine::step::Refused;
use crate::flow::process::{Guard, Signal};

pub(super) fn advance(log: &mut Log, guard: &Guard, at: NaiveDateTime) -> Result<Flow, Refused> {
    match check(guard, &log.facts()) {
        Ok(()) => log.signal(at, Actor::System, Signal::Pass, None)?,
        Err(reason) => log.signal(at, Actor::System, Signal::Fail, Some(reason))?,
    }
    Ok(Flow::Moved)
}
