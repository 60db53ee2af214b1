//! `Activity(session_field, texts)`: attendance at the session booked in a field: 签到 with a
//! face check from a while before it starts until it starts, 签退 with a face check after it
//! ends, within a grace period. `Done`; `Void` when late, absent, leaving early or not signing
//! out; `Fail` when the face checks fail. Its sentences come from the business file.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDateTime};

use serde::{Deserialize, Serialize};

use super::{Flow, Local, StageEvent};
use crate::domain::venue::SessionSlot;
use crate::engine::application::{Actor, State};
use crate::engine::log::Log;
use crate::engine::step::{Refused, World};
use crate::flow::process::{ActivityTexts, Signal};

/// What attendance logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivityEvent {
    /// 签到; 签退 is due by `sign_out_by`.
    SignedIn { sign_out_by: NaiveDateTime },
    /// 签退.
    SignedOut,
}

/// Where attendance at the booked session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Attendance {
    pub signed_in: Option<NaiveDateTime>,
    pub signed_out: Option<NaiveDateTime>,
}

/// The state outside such a stage.
pub(super) static EMPTY: Attendance = Attendance {
    signed_in: None,
    signed_out: None,
};

pub(super) fn fold(state: &mut State, at: NaiveDateTime, event: &ActivityEvent) {
    if !matches!(state.local, Local::Activity(_)) {
        state.local = Local::Activity(Attendance::default());
    }
    let Local::Activity(attendance) = &mut state.local else {
        return;
    };
    match event {
        ActivityEvent::SignedIn { sign_out_by } => {
            attendance.signed_in = Some(at);
            state.due = Some(*sign_out_by);
            state.face_failures = 0;
        }
        ActivityEvent::SignedOut => {
            attendance.signed_out = Some(at);
            state.due = None;
        }
    }
}

/// The session booked in `field` (every kind that reads a booked session finds it here).
pub(super) fn booked_slot(
    world: &World,
    answers: &BTreeMap<String, String>,
    field: &str,
) -> Option<SessionSlot> {
    world
        .resources
        .sessions
        .get(answers.get(field)?, world.clock_start)
}

/// When the session booked in `field` starts and ends.
pub fn session_times(
    world: &World,
    answers: &BTreeMap<String, String>,
    field: &str,
) -> Option<(NaiveDateTime, NaiveDateTime)> {
    booked_slot(world, answers, field)?.times(world.clock_start)
}

/// The deadline on entry: the session's start, by which 签到 must be done.
pub(super) fn due(log: &Log, session_field: &str) -> Option<NaiveDateTime> {
    session_times(log.world, &log.state.answers, session_field).map(|(start, _)| start)
}

pub(super) fn advance(
    log: &mut Log,
    texts: &ActivityTexts,
    now: NaiveDateTime,
) -> Result<Flow, Refused> {
    let Some(due) = log.state.due.filter(|due| *due <= now) else {
        return Ok(Flow::Waits);
    };
    let reason = if log.state.local.attendance().signed_in.is_none() {
        &texts.late
    } else {
        &texts.no_sign_out
    };
    log.signal(due, Actor::System, Signal::Void, Some(reason.clone()))?;
    Ok(Flow::Moved)
}

/// 签到 (before the start, from when it opens) or 签退 (after the end; before it, early).
pub(super) fn face_check(
    log: &mut Log,
    session_field: &str,
    texts: &ActivityTexts,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    let (start, end) = session_times(log.world, &log.state.answers, session_field)
        .ok_or_else(|| Refused("找不到预约的活动场次".into()))?;
    if log.state.local.attendance().signed_in.is_none() {
        let opens = start - Duration::minutes(i64::from(log.world.policy.sign_in_opens_minutes));
        if now < opens {
            return Err(Refused(format!(
                "签到时间未到：{} 起可以签到",
                opens.format("%m-%d %H:%M")
            )));
        }
        if now > start {
            return Err(Refused("活动已开始，不能再签到".into()));
        }
        if log.face_check(now) {
            let grace = i64::from(log.world.policy.sign_out_grace_minutes);
            let sign_out_by = end + Duration::minutes(grace);
            let event = ActivityEvent::SignedIn { sign_out_by };
            log.push_stage(now, Actor::User, StageEvent::Activity(event));
        } else if log.retries_used_up() {
            let reason = texts.sign_in_failed.clone();
            log.signal(now, Actor::System, Signal::Fail, Some(reason))?;
        }
        return Ok(());
    }
    if log.face_check(now) {
        log.push_stage(
            now,
            Actor::User,
            StageEvent::Activity(ActivityEvent::SignedOut),
        );
        if now < end {
            let time = now.format("%H:%M").to_string();
            let reason = texts.early.replace("{time}", &time);
            log.signal(now, Actor::System, Signal::Void, Some(reason))?;
        } else {
            log.signal(now, Actor::System, Signal::Done, None)?;
        }
    } else if log.retries_used_up() {
        let reason = texts.sign_out_failed.clone();
        log.signal(now, Actor::System, Signal::Fail, Some(reason))?;
    }
    Ok(())
}

/// 签到 opening before the start, then the session's end.
pub(super) fn next_moment(
    state: &State,
    world: &World,
    session_field: &str,
) -> Option<NaiveDateTime> {
    session_times(world, &state.answers, session_field).map(|(start, end)| {
        if state.local.attendance().signed_in.is_none() {
            start - Duration::minutes(i64::from(world.policy.sign_in_opens_minutes))
        } else {
            end
        }
    })
}
