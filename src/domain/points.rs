//! The scoring cycle and the points in it (R163).

use chrono::{Datelike, NaiveDate};

use super::violation::Violation;

/// R163 Art.3: a licence is "full" at 12 points in one cycle.
pub const FULL_POINTS: u8 = 12;

/// The current scoring cycle: 12 months from the anniversary of the first issue date that most
/// recently passed (R163 Art.3), as `[start, end)`.
pub fn scoring_cycle(first_issued: NaiveDate, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let anniversary = |year: i32| {
        NaiveDate::from_ymd_opt(year, first_issued.month(), first_issued.day())
            // A licence first issued on 29 February has its cycle start on 1 March in other years.
            .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
            .unwrap_or(first_issued)
    };
    let this_year = anniversary(today.year());
    let start = if this_year <= today {
        this_year
    } else {
        anniversary(today.year() - 1)
    };
    if start < first_issued {
        return (first_issued, anniversary(first_issued.year() + 1));
    }
    (start, anniversary(start.year() + 1))
}

/// Violations not yet processed: their points will count once handled.
pub fn unhandled(violations: &[Violation]) -> impl Iterator<Item = &Violation> {
    violations.iter().filter(|v| !v.handled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn cycle_runs_from_the_latest_anniversary_of_first_issue() {
        assert_eq!(
            scoring_cycle(d(2015, 6, 10), d(2026, 11, 27)),
            (d(2026, 6, 10), d(2027, 6, 10))
        );
        assert_eq!(
            scoring_cycle(d(2015, 12, 1), d(2026, 11, 27)),
            (d(2025, 12, 1), d(2026, 12, 1))
        );
        assert_eq!(
            scoring_cycle(d(2015, 11, 27), d(2026, 11, 27)),
            (d(2026, 11, 27), d(2027, 11, 27))
        );
    }

    #[test]
    fn leap_day_licences_start_their_cycle_on_first_march() {
        assert_eq!(
            scoring_cycle(d(2016, 2, 29), d(2026, 11, 27)),
            (d(2026, 3, 1), d(2027, 3, 1))
        );
    }

    #[test]
    fn a_licence_in_its_first_year_counts_from_the_issue_date() {
        assert_eq!(
            scoring_cycle(d(2026, 5, 2), d(2026, 11, 27)),
            (d(2026, 5, 2), d(2027, 5, 2))
        );
    }
}
