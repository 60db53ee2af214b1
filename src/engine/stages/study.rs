//! `Study(minutes, within_days)`: the minutes accumulated within `within_days` natural days after
//! the day of the first start (to 24:00 of the last, moved past a holiday: R163 Art.36), counted only while a session runs and stopped at each randomly drawn face
//! check until it passes; `Done` when submitted with enough minutes, `Expired` when the window
//! closes first.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Flow, Local, StageEvent, spread_marks};
use crate::engine::application::{Actor, State};
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::{Signal, StageKind};

/// What a study logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StudyEvent {
    /// A session began. The first one fixes the window and draws the face-check moments
    /// (seconds of study at which a check is due).
    Started {
        window_ends: Option<NaiveDateTime>,
        checkpoints: Option<Vec<u32>>,
    },
    /// Seconds of study banked; `resume` keeps studying from this moment (a passed face check),
    /// else the session closed (结束学习, a void segment, the window closing).
    Counted { seconds: u32, resume: bool },
}

/// Where 课件学习 stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StudyState {
    /// The end of the window in which the minutes must be studied, from the first start.
    pub window_ends: Option<NaiveDateTime>,
    /// Seconds of study at which a face check is due.
    pub checkpoints: Vec<u32>,
    /// Seconds studied in closed sessions and up to passed checks.
    pub banked_seconds: u32,
    /// The start of the running session, if one runs.
    pub open_since: Option<NaiveDateTime>,
}

impl StudyState {
    /// The next face-check mark ahead of what is banked and short of `required` seconds.
    pub fn next_checkpoint(&self, required: u32) -> Option<u32> {
        self.checkpoints
            .iter()
            .copied()
            .find(|c| *c > self.banked_seconds && *c < required)
    }

    /// Seconds the running session counts by `now`. It stops at the next face check until that
    /// passes, at the required total and at the window's end, so time left idle never counts.
    pub fn running_seconds(&self, now: NaiveDateTime, required: u32) -> u32 {
        let Some(since) = self.open_since else {
            return 0;
        };
        let until = self.window_ends.map_or(now, |w| now.min(w));
        let elapsed = u32::try_from((until - since).num_seconds().max(0)).unwrap_or(u32::MAX);
        let limit = self.next_checkpoint(required).unwrap_or(required);
        elapsed.min(limit.saturating_sub(self.banked_seconds))
    }

    /// Seconds studied by `now`, banked and running.
    pub fn studied_seconds(&self, now: NaiveDateTime, required: u32) -> u32 {
        self.banked_seconds
            .saturating_add(self.running_seconds(now, required))
    }

    /// Whether the running session has reached a face check it waits for.
    pub fn check_pending(&self, now: NaiveDateTime, required: u32) -> bool {
        self.open_since.is_some()
            && self
                .next_checkpoint(required)
                .is_some_and(|mark| self.studied_seconds(now, required) >= mark)
    }

    /// When the running session next needs the user: a face check or enough minutes.
    pub fn next_moment(&self, required: u32) -> Option<NaiveDateTime> {
        let since = self.open_since?;
        let limit = self.next_checkpoint(required).unwrap_or(required);
        let left = limit.saturating_sub(self.banked_seconds);
        Some(since + chrono::Duration::seconds(i64::from(left)))
    }
}

/// The state outside such a stage.
pub(super) static EMPTY: StudyState = StudyState {
    window_ends: None,
    checkpoints: Vec::new(),
    banked_seconds: 0,
    open_since: None,
};

pub(super) fn fold(state: &mut State, at: NaiveDateTime, event: &StudyEvent) {
    if !matches!(state.local, Local::Study(_)) {
        state.local = Local::Study(StudyState::default());
    }
    let Local::Study(study) = &mut state.local else {
        return;
    };
    match event {
        StudyEvent::Started {
            window_ends,
            checkpoints,
        } => {
            if let Some(ends) = window_ends {
                study.window_ends = Some(*ends);
                state.due = Some(*ends);
            }
            if let Some(checkpoints) = checkpoints {
                study.checkpoints = checkpoints.clone();
            }
            study.open_since = Some(at);
            state.face_failures = 0;
        }
        StudyEvent::Counted { seconds, resume } => {
            study.banked_seconds = study.banked_seconds.saturating_add(*seconds);
            study.open_since = resume.then_some(at);
        }
    }
}

/// The first start draws the face-check moments.
pub(super) fn drew(event: &StudyEvent) -> bool {
    matches!(
        event,
        StudyEvent::Started {
            checkpoints: Some(_),
            ..
        }
    )
}

fn push(log: &mut Log, at: NaiveDateTime, actor: Actor, event: StudyEvent) {
    log.push_stage(at, actor, StageEvent::Study(event));
}

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
    let studied = log.state.local.study().studied_seconds(due, required);
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
    if log.state.local.study().open_since.is_some() {
        return Err(Refused("正在学习中".into()));
    }
    if log.state.local.study().banked_seconds >= required {
        return Err(Refused(format!("已学满{minutes}分钟，请提交学习")));
    }
    if !log.face_check(now) {
        return Ok(());
    }
    let first = log.state.local.study().window_ends.is_none();
    let checkpoints = first.then(|| {
        let count = log.world.policy.study_face_checks;
        let mut rng = log.rng();
        spread_marks(required, count, 60, |n| rng.below(n))
    });
    let calendar = &log.world.resources.calendar;
    let window_ends = first.then(|| calendar.natural_period_closes(now, within_days));
    push(
        log,
        now,
        Actor::User,
        StudyEvent::Started {
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
    if log.state.local.study().open_since.is_none() {
        return Ok(false);
    }
    bank_running(log, now, minutes.saturating_mul(60), Actor::User);
    Ok(true)
}

/// 提交学习 once the minutes are studied: the running session is banked, then `Done`.
pub(super) fn submit(log: &mut Log, minutes: u32, now: NaiveDateTime) -> Result<(), Refused> {
    let required = minutes.saturating_mul(60);
    let studied = log.state.local.study().studied_seconds(now, required);
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
    if log.state.local.study().open_since.is_some() {
        let seconds = log.state.local.study().running_seconds(at, required);
        push(
            log,
            at,
            actor,
            StudyEvent::Counted {
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
    if !log.state.local.study().check_pending(now, required) {
        return Err(Refused("当前没有需要进行的学习过程人脸比对".into()));
    }
    let seconds = log.state.local.study().running_seconds(now, required);
    if log.face_check(now) {
        push(
            log,
            now,
            Actor::System,
            StudyEvent::Counted {
                seconds,
                resume: true,
            },
        );
    } else if log.retries_used_up() {
        push(
            log,
            now,
            Actor::System,
            StudyEvent::Counted {
                seconds: 0,
                resume: false,
            },
        );
    }
    Ok(())
}

/// When the running session next needs the user: a face check or enough minutes.
pub(super) fn next_moment(state: &State, minutes: u32) -> Option<NaiveDateTime> {
    state.local.study().next_moment(minutes.saturating_mul(60))
}
