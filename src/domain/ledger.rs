//! The points ledger: which points count in the current scoring cycle, what was taken off, the
//! 实习期, and the cycle's history (R163 Art.3, 13, 15, 23, 25; R162 Art.76).
//!
//! Pure: `today` is always a parameter. Cycle boundaries come from `points::scoring_cycle`;
//! "the last three cycles" are the current cycle and the two before it. Whether a driver may
//! apply for 学法减分 is `rules::points`.

use chrono::{Months, NaiveDate};

use super::licence_class::ClassCategory;
use super::points::scoring_cycle;
use super::profile::{Licence, Profile};
use super::violation::Violation;

/// R162 Art.76: the 实习期 lasts this many months.
pub const PROBATION_MONTHS: u32 = 12;

/// The current scoring cycle `[start, end)`, or `None` without a licence (R163 Art.3).
pub fn current_cycle(profile: &Profile, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    profile
        .licence
        .as_ref()
        .map(|l| scoring_cycle(l.first_issued, today))
}

/// The first day of the window made of the current cycle and the `cycles - 1` cycles before it,
/// each found by asking `scoring_cycle` about the day before the later cycle's start (so leap-day
/// licences and the first cycle are handled as `scoring_cycle` handles them). Never earlier than
/// the first issue date.
fn window_start(first_issued: NaiveDate, today: NaiveDate, cycles: u32) -> NaiveDate {
    let (mut start, _) = scoring_cycle(first_issued, today);
    for _ in 1..cycles {
        match start.pred_opt() {
            Some(day) if day >= first_issued => start = scoring_cycle(first_issued, day).0,
            _ => break,
        }
    }
    start
}

/// Whether `date` lies in the current cycle and the `cycles - 1` cycles before it.
pub fn within_cycles(licence: &Licence, today: NaiveDate, cycles: u32, date: NaiveDate) -> bool {
    let (_, end) = scoring_cycle(licence.first_issued, today);
    date >= window_start(licence.first_issued, today, cycles) && date < end
}

/// Clamps a sum of points into `u8`.
fn saturate(total: u32) -> u8 {
    u8::try_from(total).unwrap_or(u8::MAX)
}

/// R163 Art.13: points are recorded when the penalty is decided, so a record counts in the
/// cycle of its decision day, whenever it was committed (last cycle's violation decided today
/// counts today).
pub fn decided_in_cycle(violation: &Violation, start: NaiveDate, end: NaiveDate) -> bool {
    violation
        .decision_date()
        .is_some_and(|day| day >= start && day < end)
}

/// R163 Art.15: at the end of a cycle the points of records whose fines are overdue and unpaid
/// (罚款逾期未缴纳: the 15 days of payment over) pass into the next cycle, and on again while
/// the fine stays unpaid. A fine still within its 15 days at the cycle's end is not overdue.
pub fn carried_over(violation: &Violation, start: NaiveDate) -> bool {
    violation.decision_date().is_some_and(|day| day < start)
        && violation.payment_due().is_some_and(|due| due < start)
        && !violation.fine_paid_before(start)
}

/// R163 Art.23: a completed 满分教育 clears the points recorded up to that day.
fn cleared_by_full_score(profile: &Profile, violation: &Violation) -> bool {
    violation.decision_date().is_some_and(|day| {
        profile
            .full_score_records
            .iter()
            .any(|&completed| day <= completed)
    })
}

/// The records whose points are in the cycle `[start, end)`: decided in it (Art.13) or carried
/// over into it with their fines unpaid (Art.15), and not cleared by a 满分教育 (Art.23).
pub fn counted_in_cycle(profile: &Profile, start: NaiveDate, end: NaiveDate) -> Vec<&Violation> {
    profile
        .violations
        .iter()
        .filter(|v| decided_in_cycle(v, start, end) || carried_over(v, start))
        .filter(|v| !cleared_by_full_score(profile, v))
        .collect()
}

/// The records whose points are in the current cycle (`counted_in_cycle`).
pub fn counted_this_cycle(profile: &Profile, today: NaiveDate) -> Vec<&Violation> {
    current_cycle(profile, today).map_or_else(Vec::new, |(start, end)| {
        counted_in_cycle(profile, start, end)
    })
}

/// Points recorded in the current cycle, before reductions: what the licence card shows as
/// 本周期累积记分 before 学法减分.
pub fn points_this_cycle(profile: &Profile, today: NaiveDate) -> u8 {
    saturate(
        counted_this_cycle(profile, today)
            .iter()
            .map(|v| u32::from(v.points))
            .sum(),
    )
}

/// Points taken off by 学法减分 in the current cycle (R163 Art.25, 27). Zero without a licence.
pub fn reduced_this_cycle(profile: &Profile, today: NaiveDate) -> u8 {
    let Some((start, end)) = current_cycle(profile, today) else {
        return 0;
    };
    saturate(
        profile
            .reductions
            .iter()
            .filter(|r| r.date >= start && r.date < end)
            .map(|r| u32::from(r.points))
            .sum(),
    )
}

/// The current 累积记分: the points of the cycle less the points taken off in it (Art.25),
/// never below zero. Zero without a licence.
pub fn points_after_reductions(profile: &Profile, today: NaiveDate) -> u8 {
    points_this_cycle(profile, today).saturating_sub(reduced_this_cycle(profile, today))
}

/// The day the 实习期 is over: 12 months after first obtaining a 汽车类 class, or a 摩托车类
/// class, whichever came later (R162 Art.76): a motorcycle rider who adds C1 starts again.
pub fn probation_ends(licence: &Licence) -> NaiveDate {
    let start = licence
        .category_added_on
        .filter(|&added| added > licence.first_issued && adds_a_category(licence))
        .unwrap_or(licence.first_issued);
    start
        .checked_add_months(Months::new(PROBATION_MONTHS))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether the licence holds both a 汽车类 and a 摩托车类 class: only then can the later one
/// have started a second 实习期.
fn adds_a_category(licence: &Licence) -> bool {
    let has = |category| licence.classes.iter().any(|c| c.category() == category);
    has(ClassCategory::Car) && has(ClassCategory::Motorcycle)
}

/// Whether the licence is in its 实习期 on `today` (R162 Art.76).
pub fn in_probation(licence: &Licence, today: NaiveDate) -> bool {
    today < probation_ends(licence)
}

/// One line of the cycle's points history (我的驾驶证 → 记分明细).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    pub date: NaiveDate,
    /// Points added (a violation) or taken off (a reduction, negative).
    pub change: i8,
    pub text: String,
}

/// The current cycle's counted records, on their decision day (a carried-over one on the first
/// day of the cycle), and its reductions, in date order, a record before a reduction on the same
/// day (R163 Art.13, 15, 25). Undecided records carry no points yet and are not listed. Empty
/// without a licence.
pub fn history(profile: &Profile, today: NaiveDate) -> Vec<LedgerEntry> {
    let Some((start, end)) = current_cycle(profile, today) else {
        return Vec::new();
    };
    let mut entries: Vec<LedgerEntry> = counted_this_cycle(profile, today)
        .into_iter()
        .map(|v| {
            let carried = carried_over(v, start);
            LedgerEntry {
                date: if carried {
                    start
                } else {
                    v.decision_date().unwrap_or(v.date)
                },
                change: i8::try_from(v.points).unwrap_or(i8::MAX),
                text: if carried {
                    format!(
                        "{}（{}，{}）：罚款逾期未缴纳，记分转入本周期",
                        v.description, v.place, v.date
                    )
                } else {
                    format!("{}（{}）", v.description, v.place)
                },
            }
        })
        .collect();
    entries.extend(
        profile
            .reductions
            .iter()
            .filter(|r| r.date >= start && r.date < end)
            .map(|r| LedgerEntry {
                date: r.date,
                change: i8::try_from(r.points).map_or(i8::MIN, |p| -p),
                text: match &r.application {
                    Some(number) => format!("学法减分：{}（受理编号{number}）", r.source.label()),
                    None => format!("学法减分：{}", r.source.label()),
                },
            }),
    );
    entries.sort_by_key(|e| e.date);
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence_class::LicenceClasses;
    use crate::domain::profile::{Reduction, ReductionSource};
    use crate::domain::testing::*;

    /// R162 Art.76: the 实习期 is the 12 months after first issue; it is over on the anniversary.
    #[test]
    fn probation_ends_exactly_twelve_months_after_first_issue() {
        let mut l = base().licence.expect("licence");
        l.first_issued = d(2025, 3, 2);
        assert_eq!(probation_ends(&l), d(2026, 3, 2));
        assert!(in_probation(&l, d(2026, 3, 1)));
        assert!(!in_probation(&l, d(2026, 3, 2)));
        l.first_issued = d(2024, 2, 29);
        assert_eq!(probation_ends(&l), d(2025, 2, 28));
    }

    #[test]
    fn history_lists_the_cycle_in_date_order() {
        let mut p = with_points(6);
        p.violations.push(violation(d(2025, 3, 1), 3)); // previous cycle
        p.violations.push(violation(d(2025, 11, 2), 1));
        let mut open = violation(d(2026, 2, 1), 3);
        open.handled = false;
        p.violations.push(open);
        p.reductions.push(Reduction {
            date: d(2025, 11, 2),
            points: 1,
            source: ReductionSource::OnlineStudy,
            application: Some("1100260301000123".into()),
        });
        p.reductions
            .push(reduction(d(2025, 10, 1), 2, ReductionSource::OnSiteStudy));
        let h = history(&p, today());
        let summary: Vec<(NaiveDate, i8)> = h.iter().map(|e| (e.date, e.change)).collect();
        assert_eq!(
            summary,
            vec![
                (d(2025, 9, 1), 6),
                (d(2025, 10, 1), -2),
                (d(2025, 11, 2), 1),
                (d(2025, 11, 2), -1),
            ]
        );
        assert!(h[1].text.contains("现场学习考试"));
        assert!(h[3].text.contains("受理编号1100260301000123"));
        let sum: i32 = h.iter().map(|e| i32::from(e.change)).sum();
        assert_eq!(sum, i32::from(points_after_reductions(&p, today())));
    }

    #[test]
    fn the_window_follows_leap_day_cycles() {
        // First issued 2016-02-29: cycles start 2026-03-01, 2025-03-01, 2024-02-29.
        assert_eq!(
            window_start(d(2016, 2, 29), d(2026, 11, 27), 3),
            d(2024, 2, 29)
        );
        // A licence in its second cycle has only one cycle before it.
        assert_eq!(window_start(d(2025, 1, 5), d(2026, 3, 2), 3), d(2025, 1, 5));
    }

    /// R163 Art.13: points are recorded at the penalty decision. A red light of the last day
    /// of the previous cycle, decided today, counts in this cycle; the same record decided then
    /// does not.
    #[test]
    fn a_violation_of_the_last_cycle_decided_today_counts_today() {
        let mut p = base();
        let mut late = violation(d(2025, 6, 9), 6);
        late.decided_on = Some(today());
        p.violations.push(late);
        assert_eq!(points_this_cycle(&p, today()), 6);
        let h = history(&p, today());
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].date, today(), "listed on its decision day");
        p.violations[0].decided_on = Some(d(2025, 6, 9));
        assert_eq!(points_this_cycle(&p, today()), 0);
        // Decided on the first day of this cycle: it counts from that day.
        p.violations[0].decided_on = Some(d(2025, 6, 10));
        assert_eq!(points_this_cycle(&p, today()), 6);
        // An undecided record has no points in any cycle.
        p.violations[0].handled = false;
        assert_eq!(points_this_cycle(&p, today()), 0);
    }

    /// R163 Art.15: a cycle ends below 12 and its points are cleared, except those of records
    /// whose fines are still unpaid at its end: they pass into the next cycle.
    #[test]
    fn points_with_an_unpaid_fine_carry_over_into_the_next_cycle() {
        let mut p = base();
        let mut unpaid = violation(d(2025, 3, 1), 3);
        unpaid.fine_paid = false;
        p.violations.push(unpaid);
        p.violations.push(violation(d(2025, 4, 1), 2));
        assert_eq!(points_this_cycle(&p, today()), 3, "only the unpaid one");
        let h = history(&p, today());
        assert_eq!(
            h[0].date,
            d(2025, 6, 10),
            "carried on the cycle's first day"
        );
        assert!(h[0].text.contains("转入本周期"), "{}", h[0].text);
        // Paid on the last day of the previous cycle: nothing carries.
        p.violations[0].fine_paid = true;
        p.violations[0].fine_paid_on = Some(d(2025, 6, 9));
        assert_eq!(points_this_cycle(&p, today()), 0);
        // Paid only on the first day of this cycle: it was unpaid at the end, so it stays.
        p.violations[0].fine_paid_on = Some(d(2025, 6, 10));
        assert_eq!(points_this_cycle(&p, today()), 3);
        // Decided 2025-06-01, its 15 days running to 06-16: not yet overdue when the cycle
        // ended on 06-09, so nothing carries.
        let mut within = violation(d(2025, 5, 30), 2);
        within.decided_on = Some(d(2025, 6, 1));
        within.fine_paid = false;
        let mut q = base();
        q.violations.push(within);
        assert_eq!(points_this_cycle(&q, today()), 0);
        // Still unpaid two cycles on: carried again.
        p.violations[0].fine_paid = false;
        p.violations[0].fine_paid_on = None;
        assert_eq!(points_this_cycle(&p, d(2027, 1, 1)), 3);
    }

    /// R162 Art.76: the 实习期 is the 12 months after first obtaining a 汽车类 class or a 摩托车类
    /// class: a motorcycle rider of 2015 who adds C1 on 2025-11-01 is in probation again until
    /// 2026-11-01; a car-class addition to a car licence starts none.
    #[test]
    fn a_motorcycle_holder_who_adds_a_car_class_starts_a_new_probation() {
        let mut p = base();
        let licence = p.licence.as_mut().expect("licence");
        licence.classes = LicenceClasses::parse("C1E").expect("classes");
        licence.category_added_on = Some(d(2025, 11, 1));
        assert_eq!(probation_ends(licence), d(2026, 11, 1));
        assert!(in_probation(licence, today()));
        assert!(
            !in_probation(licence, d(2026, 11, 1)),
            "over on the anniversary"
        );
        licence.classes = LicenceClasses::parse("C1").expect("classes");
        assert_eq!(
            probation_ends(licence),
            d(2016, 6, 10),
            "C1 alone: one probation"
        );
    }

    /// R163 Art.23: a completed 满分教育 clears the points recorded up to that day.
    #[test]
    fn a_completed_full_score_education_clears_the_points_before_it() {
        let mut p = with_points(12);
        p.violations.push(violation(d(2025, 12, 1), 2));
        assert_eq!(points_this_cycle(&p, today()), 14);
        p.full_score_records.push(d(2025, 10, 1));
        assert_eq!(points_this_cycle(&p, today()), 2);
    }
}
