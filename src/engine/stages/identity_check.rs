//! `IdentityCheck`: 实人认证 the user starts; `Pass`, or `Fail` once the retries are used up.

use chrono::NaiveDateTime;

use crate::engine::application::Actor;
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::Signal;

pub(super) fn face_check(log: &mut Log, now: NaiveDateTime) -> Result<(), Refused> {
    if log.face_check(now) {
        log.signal(now, Actor::System, Signal::Pass, None)?;
    } else if log.retries_used_up() {
        let reason = format!(
            "实人认证连续{}次未通过，本次申请终止，可重新申请",
            log.state.face_failures
        );
        log.signal(now, Actor::System, Signal::Fail, Some(reason))?;
    }
    Ok(())
}
