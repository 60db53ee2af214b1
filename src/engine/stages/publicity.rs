//! `Publicity(days, texts)`: 公示 for natural days (the waiting is `wait.rs`'s); `Due` without
//! objection, `Objected` when the trainer lodges one.

use chrono::NaiveDateTime;

use crate::engine::application::Actor;
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::{Signal, StageKind};

/// The trainer lodges an objection; without a reason of their own, the business file's.
pub(in crate::engine) fn object(
    log: &mut Log,
    reason: Option<String>,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    let Some(StageKind::Publicity { texts, .. }) = log.current().map(|s| s.kind.clone()) else {
        return Err(Refused("这份申请当前不在公示期".into()));
    };
    let reason = reason.unwrap_or(texts.objected);
    log.signal(now, Actor::Police, Signal::Objected, Some(reason))
}
