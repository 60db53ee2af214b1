//! Sessions that can be booked: a venue, a day and an hour, with seats. 学法减分's 公益网点 and
//! 预约考试's 考场 both choose one.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

/// `assets/demo/sessions.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SessionList {
    pub sessions: Vec<SessionSlot>,
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
    /// `北京市朝阳区交通安全教育基地  2026-03-05 09:00-10:00  剩余18席`.
    pub fn label(&self, clock_start: NaiveDate, booked: u32) -> String {
        format!(
            "{}  剩余{}席",
            self.place_and_time(clock_start),
            self.seats_left().saturating_sub(booked)
        )
    }
}

impl SessionList {
    pub fn get(&self, id: &str) -> Option<&SessionSlot> {
        self.sessions.iter().find(|s| s.id == id)
    }

    pub fn for_purpose<'a>(
        &'a self,
        purpose: &'a str,
    ) -> impl Iterator<Item = &'a SessionSlot> + 'a {
        self.sessions.iter().filter(move |s| s.purpose == purpose)
    }
}
