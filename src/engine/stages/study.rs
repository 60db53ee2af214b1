//! `Study(minutes, within_days, min_per_day, from_start_day)`: the minutes accumulated within
//! the window, counted only while a session runs and stopped at each randomly drawn face check
//! until it passes; with `min_per_day`, a calendar day's study counts only once it reaches that
//! many minutes. The window runs `within_days` natural days after the day of the first start, to
//! 24:00 of the last, moved past a holiday (R163 Art.36), or from the start day itself. `Done`
//! when submitted with enough minutes, `Expired` when the window closes first.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{Flow, Local, StageEvent, spread_marks};
use crate::engine::application::{Actor, State};
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::{Signal, StudyTerms};

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
    /// The banked seconds by the calendar day they were studied on.
    pub days: BTreeMap<NaiveDate, u32>,
    /// The start of the running session, if one runs.
    pub open_since: Option<NaiveDateTime>,
}

/// `seconds` of study from `start`, split at each midnight.
pub(super) fn by_day(start: NaiveDateTime, seconds: u32) -> Vec<(NaiveDate, u32)> {
    let mut out = Vec::new();
    let (mut at, mut left) = (start, seconds);
    while left > 0 {
        let midnight = at
            .date()
            .succ_opt()
            .map_or(NaiveDateTime::MAX, |d| d.and_time(NaiveTime::MIN));
        let room = u32::try_from((midnight - at).num_seconds().max(0)).unwrap_or(u32::MAX);
        let part = left.min(room.max(1));
        out.push((at.date(), part));
        left -= part;
        at = midnight;
    }
    out
}

impl StudyState {
    /// The next face-check mark ahead of what is banked and short of `required` seconds.
    pub fn next_checkpoint(&self, required: u32) -> Option<u32> {
        self.checkpoints
            .iter()
            .copied()
            .find(|c| *c > self.banked_seconds && *c < required)
    }

    /// Where the running session stops counting by itself: the next face check until it
    /// passes, and without a daily minimum the required total (with one, a day short of it may
    /// leave the total short while the seconds studied pass it).
    fn running_limit(&self, terms: &StudyTerms) -> Option<u32> {
        let required = terms.required_seconds();
        self.next_checkpoint(required)
            .or_else(|| terms.min_per_day.is_none().then_some(required))
    }

    /// Seconds the running session counts by `now`. It stops at its limit and at the window's
    /// end, so time left idle never counts.
    pub fn running_seconds(&self, now: NaiveDateTime, terms: &StudyTerms) -> u32 {
        let Some(since) = self.open_since else {
            return 0;
        };
        let until = self.window_ends.map_or(now, |w| now.min(w));
        let elapsed = u32::try_from((until - since).num_seconds().max(0)).unwrap_or(u32::MAX);
        match self.running_limit(terms) {
            Some(limit) => elapsed.min(limit.saturating_sub(self.banked_seconds)),
            None => elapsed,
        }
    }

    /// Seconds studied by `now`, banked and running, whether they count or not.
    pub fn studied_seconds(&self, now: NaiveDateTime, terms: &StudyTerms) -> u32 {
        self.banked_seconds
            .saturating_add(self.running_seconds(now, terms))
    }

    /// The seconds studied on each calendar day by `now`, the running session included.
    pub fn day_seconds(&self, now: NaiveDateTime, terms: &StudyTerms) -> BTreeMap<NaiveDate, u32> {
        let mut days = self.days.clone();
        if let Some(since) = self.open_since {
            for (day, seconds) in by_day(since, self.running_seconds(now, terms)) {
                let total = days.entry(day).or_default();
                *total = total.saturating_add(seconds);
            }
        }
        days
    }

    /// The seconds that count by `now`: all of them, or with a daily minimum only those of the
    /// days that reached it.
    pub fn counted_seconds(&self, now: NaiveDateTime, terms: &StudyTerms) -> u32 {
        match terms.min_day_seconds() {
            None => self.studied_seconds(now, terms),
            Some(minimum) => self
                .day_seconds(now, terms)
                .values()
                .filter(|&&s| s >= minimum)
                .fold(0u32, |sum, s| sum.saturating_add(*s)),
        }
    }

    /// Whether the running session has reached a face check it waits for.
    pub fn check_pending(&self, now: NaiveDateTime, terms: &StudyTerms) -> bool {
        self.open_since.is_some()
            && self
                .next_checkpoint(terms.required_seconds())
                .is_some_and(|mark| self.studied_seconds(now, terms) >= mark)
    }

    /// When the running session next needs the user: a face check, or the moment the total
    /// that counts is complete (with a daily minimum: today's minimum reached and the total
    /// made up, assuming the session stays within the day).
    pub fn next_moment(&self, terms: &StudyTerms) -> Option<NaiveDateTime> {
        let since = self.open_since?;
        let required = terms.required_seconds();
        let to_check = self
            .next_checkpoint(required)
            .map(|mark| mark.saturating_sub(self.banked_seconds));
        let to_complete = match terms.min_day_seconds() {
            None => required.saturating_sub(self.banked_seconds),
            Some(minimum) => {
                let today = self.days.get(&since.date()).copied().unwrap_or(0);
                let others: u32 = self
                    .days
                    .iter()
                    .filter(|(d, s)| **d != since.date() && **s >= minimum)
                    .fold(0u32, |sum, (_, s)| sum.saturating_add(*s));
                minimum
                    .saturating_sub(today)
                    .max(required.saturating_sub(others).saturating_sub(today))
            }
        };
        let left = to_check.map_or(to_complete, |c| c.min(to_complete));
        Some(since + chrono::Duration::seconds(i64::from(left)))
    }
}

/// The state outside such a stage.
pub(super) static EMPTY: StudyState = StudyState {
    window_ends: None,
    checkpoints: Vec::new(),
    banked_seconds: 0,
    days: BTreeMap::new(),
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
            if let Some(since) = study.open_since {
                for (day, part) in by_day(since, *seconds) {
                    let total = study.days.entry(day).or_default();
                    *total = total.saturating_add(part);
                }
            }
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
    terms: &StudyTerms,
    now: NaiveDateTime,
) -> Result<Flow, Refused> {
    let Some(due) = log.state.due.filter(|due| *due <= now) else {
        return Ok(Flow::Waits);
    };
    close_window(log, due, terms)?;
    Ok(Flow::Moved)
}

/// The window closed at `due`: banks what the running session counted, then `Done` when the
/// minutes are complete, else `Expired`.
fn close_window(log: &mut Log, due: NaiveDateTime, terms: &StudyTerms) -> Result<(), Refused> {
    let counted = log.state.local.study().counted_seconds(due, terms);
    bank_running(log, due, terms, Actor::System);
    if counted >= terms.required_seconds() {
        log.signal(due, Actor::System, Signal::Done, None)
    } else {
        let daily = terms.min_per_day.map_or(String::new(), |m| {
            format!("（每日不足{m}分钟的当日学时不计入）")
        });
        let reason = format!(
            "学习期限已过，{}天内累计学习{}分钟{daily}，未满{}分钟，本次学习无效，请重新申请",
            terms.within_days,
            counted / 60,
            terms.minutes
        );
        log.signal(due, Actor::System, Signal::Expired, Some(reason))
    }
}

/// The moment the window of a study first started at `now` closes: 24:00 of its last day.
fn window_closes(log: &Log, now: NaiveDateTime, terms: &StudyTerms) -> NaiveDateTime {
    let calendar = &log.world.resources.calendar;
    if terms.from_start_day {
        let last = now
            .date()
            .checked_add_days(chrono::Days::new(u64::from(
                terms.within_days.saturating_sub(1),
            )))
            .unwrap_or(NaiveDate::MAX);
        last.succ_opt().unwrap_or(last).and_time(NaiveTime::MIN)
    } else {
        calendar.natural_period_closes(now, terms.within_days)
    }
}

/// The study terms of the current stage, or why there is no study.
fn current_terms(log: &Log) -> Result<StudyTerms, Refused> {
    log.current()
        .and_then(|s| s.kind.study_terms())
        .ok_or_else(|| Refused("当前不在课件学习阶段".into()))
}

/// 前往学习: a face check, then a session; the first one opens the window and draws the
/// moments of the checks during study.
pub(in crate::engine) fn begin(log: &mut Log, now: NaiveDateTime) -> Result<(), Refused> {
    let terms = current_terms(log)?;
    let required = terms.required_seconds();
    if log.state.local.study().open_since.is_some() {
        return Err(Refused("正在学习中".into()));
    }
    if log.state.local.study().counted_seconds(now, &terms) >= required {
        return Err(Refused(format!("已学满{}分钟，请提交学习", terms.minutes)));
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
    let window_ends = first.then(|| window_closes(log, now, &terms));
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
    let terms = current_terms(log)?;
    if log.state.local.study().open_since.is_none() {
        return Ok(false);
    }
    bank_running(log, now, &terms, Actor::User);
    Ok(true)
}

/// 提交学习 once the minutes are studied: the running session is banked, then `Done`.
pub(super) fn submit(log: &mut Log, terms: &StudyTerms, now: NaiveDateTime) -> Result<(), Refused> {
    let counted = log.state.local.study().counted_seconds(now, terms);
    if counted < terms.required_seconds() {
        let daily = terms.min_per_day.map_or(String::new(), |m| {
            format!("（每日不足{m}分钟的当日学时不计入）")
        });
        return Err(Refused(format!(
            "已计入学时{}分钟{daily}，未满{}分钟，不能提交学习",
            counted / 60,
            terms.minutes
        )));
    }
    bank_running(log, now, terms, Actor::User);
    log.signal(now, Actor::User, Signal::Done, None)
}

/// Closes the running session at `at`, if one runs, banking what it counted.
fn bank_running(log: &mut Log, at: NaiveDateTime, terms: &StudyTerms, actor: Actor) {
    if log.state.local.study().open_since.is_some() {
        let seconds = log.state.local.study().running_seconds(at, terms);
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
pub(super) fn face_check(
    log: &mut Log,
    terms: &StudyTerms,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    if !log.state.local.study().check_pending(now, terms) {
        return Err(Refused("当前没有需要进行的学习过程人脸比对".into()));
    }
    let seconds = log.state.local.study().running_seconds(now, terms);
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
pub(super) fn next_moment(state: &State, terms: &StudyTerms) -> Option<NaiveDateTime> {
    state.local.study().next_moment(terms)
}
