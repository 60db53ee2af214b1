//! `EducationDays(session_field, on_site_field, online_field, total_field, day_minutes)`: days
//! of education in three parts done in any order. On-site days at the sessions booked, each
//! signed in before it starts and signed out after it ends with a face check, counting when the
//! session lasts more than `day_minutes`; online days, each a calendar day with more than
//! `day_minutes` of study (sessions begun with a face check, split at midnight); self-study
//! days by the calendar from the day the stage was entered. A day with both on-site and online
//! study counts once, as on-site. `Done` when submitted with every part complete; `Void` when a
//! booked session passes without attendance.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::study::by_day;
use super::{Flow, Local, StageEvent};
use crate::domain::rules::full_points::day_counts;
use crate::domain::venue::{SessionList, SessionSlot};
use crate::engine::application::{Actor, State};
use crate::engine::fields::several_sessions;
use crate::engine::log::Log;
use crate::engine::step::{Refused, World};
use crate::flow::process::{Signal, StageKind};

/// What the education logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EducationEvent {
    /// The stage was entered: its first day is the first self-study day.
    Opened,
    /// 签到 at a booked session; the next deadline is `due`.
    SignedIn {
        session: String,
        due: Option<NaiveDateTime>,
    },
    /// 签退 at a booked session; the next deadline is `due`.
    SignedOut {
        session: String,
        due: Option<NaiveDateTime>,
    },
    /// An online session began.
    StudyStarted,
    /// The online session closed after `seconds` of study.
    StudyStopped { seconds: u32 },
}

/// Where the education stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EducationState {
    pub opened_on: Option<NaiveDate>,
    pub signed_in: BTreeMap<String, NaiveDateTime>,
    pub signed_out: BTreeMap<String, NaiveDateTime>,
    /// Seconds of online study by calendar day, closed sessions only.
    pub online: BTreeMap<NaiveDate, u32>,
    /// The start of the running online session.
    pub open_since: Option<NaiveDateTime>,
}

/// The state outside such a stage.
pub(super) static EMPTY: EducationState = EducationState {
    opened_on: None,
    signed_in: BTreeMap::new(),
    signed_out: BTreeMap::new(),
    online: BTreeMap::new(),
    open_since: None,
};

/// The days the plan asks for, from the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub on_site: u32,
    pub online: u32,
    pub total: u32,
    pub day_minutes: u32,
}

impl Plan {
    pub fn self_study(&self) -> u32 {
        self.total.saturating_sub(self.on_site + self.online)
    }

    /// The plan of the current stage's kind, read from the application's answers.
    pub fn of(kind: &StageKind, answers: &BTreeMap<String, String>) -> Option<Plan> {
        let StageKind::EducationDays {
            on_site_field,
            online_field,
            total_field,
            day_minutes,
            ..
        } = kind
        else {
            return None;
        };
        let number = |f: &String| answers.get(f)?.trim().parse::<u32>().ok();
        Some(Plan {
            on_site: number(on_site_field)?,
            online: number(online_field)?,
            total: number(total_field)?,
            day_minutes: *day_minutes,
        })
    }
}

/// The days done so far.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    pub on_site: BTreeSet<NaiveDate>,
    pub online: BTreeSet<NaiveDate>,
    pub self_study: u32,
}

impl Progress {
    /// Every part done: surplus on-site or online days stand in for self-study days.
    pub fn complete(&self, plan: &Plan) -> bool {
        let on_site = u32::try_from(self.on_site.len()).unwrap_or(u32::MAX);
        let online = u32::try_from(self.online.len()).unwrap_or(u32::MAX);
        on_site >= plan.on_site
            && online >= plan.online
            && (on_site - plan.on_site) + (online - plan.online) + self.self_study
                >= plan.self_study()
    }
}

/// The end of the day `at` falls on: a running online session counts no further, so a session
/// left open overnight is not a day of study (a new day begins with a new face check).
fn end_of_day(at: NaiveDateTime) -> NaiveDateTime {
    at.date()
        .succ_opt()
        .map_or(NaiveDateTime::MAX, |d| d.and_time(chrono::NaiveTime::MIN))
}

impl EducationState {
    /// Seconds the running online session counts by `now`: up to the end of its day.
    pub fn running_seconds(&self, now: NaiveDateTime) -> u32 {
        self.open_since.map_or(0, |since| {
            let until = now.min(end_of_day(since));
            u32::try_from((until - since).num_seconds().max(0)).unwrap_or(u32::MAX)
        })
    }

    /// Seconds of online study on each calendar day by `now`, the running session included.
    pub fn online_seconds(&self, now: NaiveDateTime) -> BTreeMap<NaiveDate, u32> {
        let mut days = self.online.clone();
        if let Some(since) = self.open_since {
            let total = days.entry(since.date()).or_default();
            *total = total.saturating_add(self.running_seconds(now));
        }
        days
    }

    /// Signed in at a session that has not been signed out of yet.
    pub fn on_site_now(&self) -> bool {
        self.signed_in
            .keys()
            .any(|id| !self.signed_out.contains_key(id))
    }

    /// The days that count by `now` for the sessions booked.
    pub fn progress(
        &self,
        plan: &Plan,
        sessions: &[SessionSlot],
        clock_start: NaiveDate,
        now: NaiveDateTime,
    ) -> Progress {
        let on_site: BTreeSet<NaiveDate> = sessions
            .iter()
            .filter_map(|s| {
                let (start, end) = s.times(clock_start)?;
                let attended = self.signed_in.get(&s.id).is_some_and(|t| *t <= start)
                    && self.signed_out.get(&s.id).is_some_and(|t| *t >= end);
                (attended && day_counts((end - start).num_minutes(), plan.day_minutes))
                    .then(|| start.date())
            })
            .collect();
        let online: BTreeSet<NaiveDate> = self
            .online_seconds(now)
            .into_iter()
            .filter(|(day, seconds)| {
                !on_site.contains(day) && day_counts(i64::from(*seconds) / 60, plan.day_minutes)
            })
            .map(|(day, _)| day)
            .collect();
        let self_study = self.opened_on.map_or(0, |first| {
            let days = (now.date() - first).num_days() + 1;
            (0..days.max(0))
                .filter_map(|n| first.checked_add_days(Days::new(u64::try_from(n).ok()?)))
                .filter(|d| !on_site.contains(d) && !online.contains(d))
                .count()
        });
        Progress {
            on_site,
            online,
            self_study: u32::try_from(self_study).unwrap_or(u32::MAX),
        }
    }
}

pub(super) fn fold(state: &mut State, at: NaiveDateTime, event: &EducationEvent) {
    if !matches!(state.local, Local::Education(_)) {
        state.local = Local::Education(EducationState::default());
    }
    let Local::Education(education) = &mut state.local else {
        return;
    };
    match event {
        EducationEvent::Opened => education.opened_on = Some(at.date()),
        EducationEvent::SignedIn { session, due } => {
            education.signed_in.insert(session.clone(), at);
            state.due = *due;
            state.face_failures = 0;
        }
        EducationEvent::SignedOut { session, due } => {
            education.signed_out.insert(session.clone(), at);
            state.due = *due;
            state.face_failures = 0;
        }
        EducationEvent::StudyStarted => {
            education.open_since = Some(at);
            state.face_failures = 0;
        }
        EducationEvent::StudyStopped { seconds } => {
            if let Some(since) = education.open_since.take() {
                for (day, part) in by_day(since, *seconds) {
                    let total = education.online.entry(day).or_default();
                    *total = total.saturating_add(part);
                }
            }
        }
    }
}

fn push(log: &mut Log, at: NaiveDateTime, actor: Actor, event: EducationEvent) {
    log.push_stage(at, actor, StageEvent::Education(event));
}

/// The sessions booked in `field`.
pub fn booked(
    sessions: &SessionList,
    clock_start: NaiveDate,
    answers: &BTreeMap<String, String>,
    field: &str,
) -> Vec<SessionSlot> {
    answers.get(field).map_or_else(Vec::new, |value| {
        several_sessions(value)
            .into_iter()
            .filter_map(|id| sessions.get(id, clock_start))
            .collect()
    })
}

/// The sessions booked in `field`, as the engine's world has them.
fn booked_in(world: &World, answers: &BTreeMap<String, String>, field: &str) -> Vec<SessionSlot> {
    booked(&world.resources.sessions, world.clock_start, answers, field)
}

/// The kind's session field, when the current stage is one.
fn session_field(log: &Log) -> Option<String> {
    match log.current().map(|s| s.kind.clone()) {
        Some(StageKind::EducationDays { session_field, .. }) => Some(session_field),
        _ => None,
    }
}

pub(super) fn entered(log: &mut Log, at: NaiveDateTime) -> Result<(), Refused> {
    push(log, at, Actor::System, EducationEvent::Opened);
    Ok(())
}

/// How long after a session's end 签退 stays open (the config's grace).
fn grace(log: &Log) -> Duration {
    Duration::minutes(i64::from(log.world.policy.sign_out_grace_minutes))
}

/// How long before a session's start 签到 opens (the config's hint).
fn opens(log: &Log) -> Duration {
    Duration::minutes(i64::from(log.world.policy.sign_in_opens_minutes))
}

/// A booked session that passed without its attendance voids the education.
pub(super) fn advance(
    log: &mut Log,
    session_field: &str,
    missed: &str,
    now: NaiveDateTime,
) -> Result<Flow, Refused> {
    let slots = booked_in(log.world, &log.state.answers, session_field);
    let grace = grace(log);
    let local = log.state.local.education();
    for slot in &slots {
        let Some((start, end)) = slot.times(log.world.clock_start) else {
            continue;
        };
        let missed_sign_in = now > start && !local.signed_in.contains_key(&slot.id);
        let missed_sign_out = now > end + grace && !local.signed_out.contains_key(&slot.id);
        if missed_sign_in || missed_sign_out {
            let what = if missed_sign_in {
                "未在开始前签到"
            } else {
                "结束后未按时签退"
            };
            let reason = missed
                .replace("{session}", &slot.place_and_time(log.world.clock_start))
                .replace("{what}", what);
            log.signal(now, Actor::System, Signal::Void, Some(reason))?;
            return Ok(Flow::Moved);
        }
    }
    Ok(Flow::Waits)
}

/// The next deadline: the start of a session not signed in, or the end of sign-out.
pub(super) fn due(log: &Log, session_field: &str) -> Option<NaiveDateTime> {
    next_deadline(log, log.state.local.education(), session_field)
}

/// The next deadline with attendance as `local` has it.
fn next_deadline(log: &Log, local: &EducationState, session_field: &str) -> Option<NaiveDateTime> {
    let (world, grace) = (log.world, grace(log));
    booked_in(world, &log.state.answers, session_field)
        .iter()
        .filter_map(|slot| {
            let (start, end) = slot.times(world.clock_start)?;
            if !local.signed_in.contains_key(&slot.id) {
                Some(start + Duration::seconds(1))
            } else if !local.signed_out.contains_key(&slot.id) {
                Some(end + grace + Duration::seconds(1))
            } else {
                None
            }
        })
        .min()
}

/// 签到 or 签退 at the session open now, with a face check.
pub(super) fn face_check(
    log: &mut Log,
    session_field: &str,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    let slots = booked_in(log.world, &log.state.answers, session_field);
    let (opens, grace) = (opens(log), grace(log));
    let local = log.state.local.education().clone();
    for slot in slots {
        let Some((start, end)) = slot.times(log.world.clock_start) else {
            continue;
        };
        let mut after = local.clone();
        let event =
            if !local.signed_in.contains_key(&slot.id) && now >= start - opens && now <= start {
                after.signed_in.insert(slot.id.clone(), now);
                EducationEvent::SignedIn {
                    session: slot.id.clone(),
                    due: next_deadline(log, &after, session_field),
                }
            } else if local.signed_in.contains_key(&slot.id)
                && !local.signed_out.contains_key(&slot.id)
                && now >= end
                && now <= end + grace
            {
                after.signed_out.insert(slot.id.clone(), now);
                EducationEvent::SignedOut {
                    session: slot.id.clone(),
                    due: next_deadline(log, &after, session_field),
                }
            } else if local.signed_in.contains_key(&slot.id)
                && !local.signed_out.contains_key(&slot.id)
                && now < end
            {
                return Err(Refused(format!(
                    "现场学习到 {} 结束，结束后方可签退",
                    end.format("%H:%M")
                )));
            } else {
                continue;
            };
        if log.face_check(now) {
            push(log, now, Actor::User, event);
        }
        return Ok(());
    }
    Err(Refused("当前没有可以签到或签退的现场学习场次".into()))
}

/// 开始网络学习: a face check, then the session runs on the clock.
pub(in crate::engine) fn begin(log: &mut Log, now: NaiveDateTime) -> Result<(), Refused> {
    if log.state.local.education().open_since.is_some() {
        return Err(Refused("正在网络学习中".into()));
    }
    if log.state.local.education().on_site_now() {
        return Err(Refused("正在参加现场学习，签退后才能网络学习".into()));
    }
    if log.face_check(now) {
        push(log, now, Actor::User, EducationEvent::StudyStarted);
    }
    Ok(())
}

/// 结束网络学习: the running session closes, keeping its time. False when none ran.
pub(in crate::engine) fn pause(log: &mut Log, now: NaiveDateTime) -> Result<bool, Refused> {
    let local = log.state.local.education();
    if local.open_since.is_none() {
        return Ok(false);
    }
    let seconds = local.running_seconds(now);
    push(
        log,
        now,
        Actor::User,
        EducationEvent::StudyStopped { seconds },
    );
    Ok(true)
}

/// 提交学习 once every part is complete: the running session is closed, then `Done`.
pub(super) fn submit(log: &mut Log, now: NaiveDateTime) -> Result<(), Refused> {
    let kind = log
        .current()
        .map(|s| s.kind.clone())
        .ok_or_else(|| Refused("当前不在学习阶段".into()))?;
    let plan =
        Plan::of(&kind, &log.state.answers).ok_or_else(|| Refused("学习天数未填写".into()))?;
    let field = session_field(log).unwrap_or_default();
    let slots = booked_in(log.world, &log.state.answers, &field);
    let progress = log
        .state
        .local
        .education()
        .progress(&plan, &slots, log.world.clock_start, now);
    if !progress.complete(&plan) {
        return Err(Refused(format!(
            "学习尚未完成：现场学习{}/{}日、网络学习{}/{}日、自主学习{}/{}日",
            progress.on_site.len(),
            plan.on_site,
            progress.online.len(),
            plan.online,
            progress.self_study,
            plan.self_study()
        )));
    }
    pause(log, now)?;
    log.signal(now, Actor::User, Signal::Done, None)
}

/// When the education next needs the user, after `now`: 签到 opening, a session's end, or
/// today's online study passing the day's minutes (at the latest the day's end).
pub(super) fn next_moment(
    state: &State,
    world: &World,
    session_field: &str,
    day_minutes: u32,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let local = state.local.education();
    let opens = Duration::minutes(i64::from(world.policy.sign_in_opens_minutes));
    let sessions = booked_in(world, &state.answers, session_field)
        .iter()
        .filter_map(|slot| {
            let (start, end) = slot.times(world.clock_start)?;
            if !local.signed_in.contains_key(&slot.id) {
                Some(start - opens)
            } else if !local.signed_out.contains_key(&slot.id) {
                Some(end)
            } else {
                None
            }
        })
        // Only moments still ahead: a passed one must not hide the next sign-in.
        .filter(|at| *at > now)
        .min();
    let online = local
        .open_since
        .map(|since| {
            let today = local.online.get(&since.date()).copied().unwrap_or(0);
            let needed = i64::from(day_minutes) * 60 + 60 - i64::from(today);
            (since + Duration::seconds(needed.max(0))).min(end_of_day(since))
        })
        .filter(|at| *at > now);
    [sessions, online].into_iter().flatten().min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .expect("time")
    }

    fn slot(id: &str, day: i32) -> SessionSlot {
        ron::from_str(&format!(
            "(id: \"{id}\", purpose: \"full_points\", venue: \"教育中心\", day: {day}, start: \"08:30\", end: \"12:00\", seats: 9, taken: 0)"
        ))
        .expect("slot")
    }

    const PLAN: Plan = Plan {
        on_site: 2,
        online: 3,
        total: 7,
        day_minutes: 180,
    };

    /// R163 Art.19: 同日既现场又网络学习的只计1天 — the day counts once, as on-site.
    #[test]
    fn a_day_with_both_on_site_and_online_study_counts_once() {
        let start = NaiveDate::from_ymd_opt(2026, 3, 2).expect("day");
        let slots = [slot("a", 1), slot("b", 2)];
        let mut s = EducationState {
            opened_on: Some(start),
            ..EducationState::default()
        };
        s.signed_in.insert("a".into(), at(3, 8, 10));
        s.signed_out.insert("a".into(), at(3, 12, 0));
        s.online.insert(start.succ_opt().expect("day"), 4 * 3600);
        let p = s.progress(&PLAN, &slots, start, at(3, 20, 0));
        assert_eq!(p.on_site.len(), 1);
        assert!(p.online.is_empty(), "{p:?}");
        // 03-02 is a self-study day by the calendar; 03-03 is the on-site day only.
        assert_eq!(p.self_study, 1);
    }

    /// Arriving after the start does not count the session.
    #[test]
    fn a_session_signed_in_late_does_not_count() {
        let start = NaiveDate::from_ymd_opt(2026, 3, 2).expect("day");
        let slots = [slot("a", 1)];
        let mut s = EducationState {
            opened_on: Some(start),
            ..EducationState::default()
        };
        s.signed_in.insert("a".into(), at(3, 8, 40));
        s.signed_out.insert("a".into(), at(3, 12, 5));
        let p = s.progress(&PLAN, &slots, start, at(3, 20, 0));
        assert!(p.on_site.is_empty());
    }

    /// A session left running past midnight stops counting at the end of its day: the next
    /// day's study begins with a face check of its own.
    #[test]
    fn online_study_stops_counting_at_the_end_of_its_day() {
        let s = EducationState {
            opened_on: NaiveDate::from_ymd_opt(2026, 3, 2),
            open_since: Some(at(2, 22, 0)),
            ..EducationState::default()
        };
        let days = s.online_seconds(at(3, 2, 0));
        assert_eq!(days.values().copied().collect::<Vec<_>>(), vec![7200]);
        assert_eq!(
            s.running_seconds(at(5, 9, 0)),
            7200,
            "not a minute more days later"
        );
    }

    #[test]
    fn surplus_days_stand_in_for_self_study() {
        let mut p = Progress::default();
        for d in [3, 4, 5] {
            p.on_site
                .insert(NaiveDate::from_ymd_opt(2026, 3, d).expect("day"));
        }
        for d in [6, 7, 8, 9] {
            p.online
                .insert(NaiveDate::from_ymd_opt(2026, 3, d).expect("day"));
        }
        assert!(p.complete(&PLAN), "3 + 4 days cover the 7");
        p.online.clear();
        assert!(!p.complete(&PLAN));
    }
}
