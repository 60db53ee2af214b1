//! `Terminal(outcome)`: the application ends (办结, 不予受理, 已撤销, 转窗口办理, 已失效).

use chrono::NaiveDateTime;

use super::Flow;
use crate::engine::application::{Actor, EventKind};
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::Outcome;

pub(super) fn advance(log: &mut Log, outcome: Outcome, at: NaiveDateTime) -> Result<Flow, Refused> {
    log.push(at, Actor::System, EventKind::Finished { outcome });
    Ok(Flow::Waits)
}
