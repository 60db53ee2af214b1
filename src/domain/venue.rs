//! Sessions that can be booked: a venue, a day and an hour, with seats. 学法减分's 公益网点 and
//! 预约考试's 考场 both choose one. Most are listed one by one; an exam venue publishes a plan
//! instead, repeated every week, whose sessions are made for any day the clock reaches.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

/// `assets/demo/sessions.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SessionList {
    pub sessions: Vec<SessionSlot>,
    #[serde(default)]
    pub plans: Vec<SessionPlan>,
}

/// A venue's weekly plan (考试计划): its sessions are published `published_days` ahead, and
/// the seats are assigned by lottery among the requests `allocated_days_before` the day, which
/// closes the booking (约考排序).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionPlan {
    /// The start of each session's id: `gz-by-k2` makes `gz-by-k2-20261212-0830`.
    pub id: String,
    pub purpose: String,
    pub venue: String,
    /// Only applicants registered in this city (注册地) are offered it.
    pub city: String,
    /// What a session is for (the exam subjects it holds), matched by a field's `tagged`.
    pub tags: Vec<String>,
    /// ISO weekdays, 1 = Monday.
    pub weekdays: Vec<u32>,
    /// `("08:30", "11:30")`.
    pub times: Vec<(String, String)>,
    pub seats: u32,
    /// Other learners' requests for a session, in percent of its seats (the lottery's crowd).
    pub demand_percent: u32,
    /// How far ahead the plan is published (R162 Art.52: at least ten days).
    pub published_days: u32,
    /// How many days before a session its seats are assigned (约考排序, usually two to five).
    pub allocated_days_before: u32,
}

/// How a session's seats are given out when it comes from a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lottery {
    pub demand_percent: u32,
    pub allocated_days_before: u32,
}

impl SessionPlan {
    /// What `jiaoguan check` refuses in a plan, each a sentence naming it.
    pub fn lint(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.published_days < 10 {
            problems.push(format!(
                "考试计划 {}：published_days 为 {}，考试计划应至少提前10日公布（《机动车驾驶证申领和使用规定》第五十二条）",
                self.id, self.published_days
            ));
        }
        if !(2..=5).contains(&self.allocated_days_before) {
            problems.push(format!(
                "考试计划 {}：allocated_days_before 为 {}，约考排序一般在考试前2至5日",
                self.id, self.allocated_days_before
            ));
        }
        if self.allocated_days_before >= self.published_days {
            problems.push(format!("考试计划 {}：排序早于公布，无法预约", self.id));
        }
        if self.weekdays.iter().any(|d| !(1..=7).contains(d)) {
            problems.push(format!("考试计划 {}：weekdays 应为 1 至 7", self.id));
        }
        let bad_time = |t: &str| NaiveTime::parse_from_str(t, "%H:%M").is_err();
        if self.times.iter().any(|(a, b)| bad_time(a) || bad_time(b)) {
            problems.push(format!("考试计划 {}：times 应为 HH:MM", self.id));
        }
        problems
    }

    /// The session on `date` starting at `start`, as a slot.
    fn slot(&self, date: NaiveDate, start: &str, end: &str, clock_start: NaiveDate) -> SessionSlot {
        let day = i32::try_from((date - clock_start).num_days()).unwrap_or(i32::MAX);
        SessionSlot {
            id: format!(
                "{}-{}-{}",
                self.id,
                date.format("%Y%m%d"),
                start.replace(':', "")
            ),
            purpose: self.purpose.clone(),
            venue: self.venue.clone(),
            day,
            start: start.to_string(),
            end: end.to_string(),
            seats: self.seats,
            taken: 0,
            tags: self.tags.clone(),
            city: Some(self.city.clone()),
            lottery: Some(Lottery {
                demand_percent: self.demand_percent,
                allocated_days_before: self.allocated_days_before,
            }),
        }
    }

    /// The sessions open for booking on `today`: published (on or before `published_days`
    /// ahead) and not yet sorted (after `allocated_days_before`).
    fn open_on(&self, today: NaiveDate, clock_start: NaiveDate) -> Vec<SessionSlot> {
        (self.allocated_days_before + 1..=self.published_days)
            .filter_map(|ahead| today.checked_add_days(Days::new(u64::from(ahead))))
            .filter(|date| self.weekdays.contains(&date.weekday().number_from_monday()))
            .flat_map(|date| {
                self.times
                    .iter()
                    .map(move |(start, end)| self.slot(date, start, end, clock_start))
            })
            .collect()
    }

    /// The session an id names, whatever the day (a booking made weeks ago).
    fn find(&self, id: &str, clock_start: NaiveDate) -> Option<SessionSlot> {
        let rest = id.strip_prefix(&self.id)?.strip_prefix('-')?;
        let (date, time) = rest.split_once('-')?;
        let date = NaiveDate::parse_from_str(date, "%Y%m%d").ok()?;
        self.times
            .iter()
            .find(|(start, _)| start.replace(':', "") == time)
            .filter(|_| self.weekdays.contains(&date.weekday().number_from_monday()))
            .map(|(start, end)| self.slot(date, start, end, clock_start))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSlot {
    pub id: String,
    /// What the session is for; a field asks for one purpose.
    pub purpose: String,
    pub venue: String,
    /// Days after the simulated clock's start, so demo data never goes stale.
    pub day: i32,
    /// `09:00`.
    pub start: String,
    pub end: String,
    pub seats: u32,
    pub taken: u32,
    /// What it is for, matched by a field's `tagged` (none: any).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The city whose applicants are offered it (none: every city).
    #[serde(default)]
    pub city: Option<String>,
    /// Set for a session of a plan: its seats are assigned by lottery.
    #[serde(skip)]
    pub lottery: Option<Lottery>,
}

impl SessionSlot {
    pub fn seats_left(&self) -> u32 {
        self.seats.saturating_sub(self.taken)
    }

    pub fn date(&self, clock_start: NaiveDate) -> NaiveDate {
        let days = Days::new(u64::from(self.day.unsigned_abs()));
        let moved = if self.day >= 0 {
            clock_start.checked_add_days(days)
        } else {
            clock_start.checked_sub_days(days)
        };
        moved.unwrap_or(clock_start)
    }

    /// When it starts and ends, or `None` when the file's times are not `HH:MM`.
    pub fn times(&self, clock_start: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
        let date = self.date(clock_start);
        let at = |t: &str| NaiveTime::parse_from_str(t, "%H:%M").ok();
        Some((
            date.and_time(at(&self.start)?),
            date.and_time(at(&self.end)?),
        ))
    }

    /// Where and when: `北京市朝阳区交通安全教育基地  2026-03-05 09:00-10:00`.
    pub fn place_and_time(&self, clock_start: NaiveDate) -> String {
        format!(
            "{}  {} {}-{}",
            self.venue,
            self.date(clock_start),
            self.start,
            self.end
        )
    }

    /// How the picker lists it, with the seats left after `booked` bookings made in the app:
    /// `北京市朝阳区交通安全教育基地  2026-03-05 09:00-10:00  剩余18席`; a lottery session also
    /// gives its seats, which its sorting shares out.
    pub fn label(&self, clock_start: NaiveDate, booked: u32) -> String {
        let left = self.seats_left().saturating_sub(booked);
        match self.lottery {
            Some(_) => format!(
                "{}  考位{}  剩余{left}席",
                self.place_and_time(clock_start),
                self.seats
            ),
            None => format!("{}  剩余{left}席", self.place_and_time(clock_start)),
        }
    }

    /// When its seats are assigned: the session's day less the plan's days, at its start time.
    pub fn allocated_at(&self, clock_start: NaiveDate) -> Option<NaiveDateTime> {
        let lottery = self.lottery?;
        let (start, _) = self.times(clock_start)?;
        start.checked_sub_days(Days::new(u64::from(lottery.allocated_days_before)))
    }
}

/// Whether one request wins a seat of a lottery: `free` seats among the other requests, this
/// one holding `weight` tickets (one, and one more per earlier booking that lost), with `roll`
/// uniform below the tickets of all (the others' and these). Certain when the seats cover them.
pub fn lottery_won(free: u32, weight: u32, roll: u64) -> bool {
    roll < u64::from(free) * u64::from(weight)
}

impl SessionList {
    /// The session an id names: one listed, or one of a plan on any day.
    pub fn get(&self, id: &str, clock_start: NaiveDate) -> Option<SessionSlot> {
        self.sessions
            .iter()
            .find(|s| s.id == id)
            .cloned()
            .or_else(|| self.plans.iter().find_map(|p| p.find(id, clock_start)))
    }

    /// The sessions of `purpose` a picker offers on `today`: those listed, and those of the
    /// plans open for booking.
    pub fn for_purpose(
        &self,
        purpose: &str,
        today: NaiveDate,
        clock_start: NaiveDate,
    ) -> Vec<SessionSlot> {
        let listed = self
            .sessions
            .iter()
            .filter(|s| s.purpose == purpose)
            .cloned();
        let planned = self
            .plans
            .iter()
            .filter(|p| p.purpose == purpose)
            .flat_map(|p| p.open_on(today, clock_start));
        listed.chain(planned).collect()
    }
}
