//! The simulated clock. The engine takes `now` from here, never from the wall clock, so demos
//! can move time forward and a replay is deterministic.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimClock {
    /// Where this data folder's time began; demo dates are relative to it.
    pub started_at: NaiveDateTime,
    /// The simulated present. Only ever moves forward (a high-water mark, persisted).
    pub now: NaiveDateTime,
}

impl SimClock {
    pub fn starting_at(start: NaiveDateTime) -> Self {
        Self {
            started_at: start,
            now: start,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    /// Moves the clock to `to`; a time in the past is ignored, so time never runs backward.
    pub fn advance_to(&mut self, to: NaiveDateTime) {
        if to > self.now {
            self.now = to;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_runs_backward() {
        let start = NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default();
        let mut clock = SimClock::starting_at(start);
        let later = start + chrono::Duration::days(2);
        clock.advance_to(later);
        clock.advance_to(start);
        assert_eq!(clock.now, later);
        assert_eq!(clock.started_at, start);
    }
}
