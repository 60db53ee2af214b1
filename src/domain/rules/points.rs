//! Whether a driver may apply for 学法减分, and how much one session takes off (R163 Art.25–27).
//!
//! Pure: `today` is always a parameter; what counts in the cycle is `ledger`.

use chrono::NaiveDate;

use crate::domain::ledger::{
    current_cycle, in_probation, points_after_reductions, probation_ends, reduced_this_cycle,
    within_cycles,
};
use crate::domain::points::FULL_POINTS;
use crate::domain::profile::{Licence, LicenceStatus, Ownership, Profile, Vehicle};
use crate::domain::rules::review::review_overdue;
use crate::domain::violation::ViolationCategory;

/// R163 Art.25: at most this many points may be taken off by 学法减分 in one scoring cycle.
pub const REDUCTION_CAP: u8 = 6;

/// R163 Art.26(1): 满分教育 records count in the current and the previous cycle.
const FULL_SCORE_WINDOW_CYCLES: u32 = 2;

/// R163 Art.26(1): this many 满分教育 records in the window bar 学法减分 (二次以上).
const REPEATED_FULL_SCORES: usize = 2;

/// R163 Art.26(2) and (5): serious offences and education fraud count in the last three cycles.
const RECENT_WINDOW_CYCLES: u32 = 3;

/// The regulation most rules below come from, as the refusal messages name it.
const R163: &str = "《道路交通安全违法行为记分管理办法》";

/// The regulation that defines the 实习期.
const R162: &str = "《机动车驾驶证申领和使用规定》";

/// The points a reduction of `points` would actually take off today: no more than is left under
/// the cycle cap (R163 Art.25) and no more than the current points, so never below zero.
pub fn can_reduce(profile: &Profile, today: NaiveDate, points: u8) -> u8 {
    let left_under_cap = REDUCTION_CAP.saturating_sub(reduced_this_cycle(profile, today));
    points
        .min(left_under_cap)
        .min(points_after_reductions(profile, today))
}

/// R163 Art.27: a 交通安全公益活动 takes off one point for each full hour (满一小时) of it: 59
/// minutes take off nothing, two hours two.
pub fn welfare_points(minutes: i64) -> u8 {
    u8::try_from(minutes.max(0) / 60).unwrap_or(u8::MAX)
}

/// Why a driver may not apply for 学法减分 now; one variant per rule of R163 Art.25–26.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ineligible {
    /// No licence on the account: there is no scoring cycle and nothing to reduce.
    NoLicence,
    /// Art.25: only drivers below 12 points; at 12 they go to 满分学习考试.
    NotBelowTwelve { points: u8 },
    /// Art.25: the current points are zero, there is nothing to take off.
    NothingToReduce,
    /// Art.25: `REDUCTION_CAP` points already taken off in this cycle.
    CapReached { reduced: u8 },
    /// Art.25: every violation record must be handled first.
    UnhandledViolations { count: usize },
    /// Art.26(1): two or more 满分教育 records in the current or previous cycle.
    RepeatedFullScore { count: usize },
    /// Art.26(2): punished for one of the serious offences in the last three cycles.
    SeriousOffence(ViolationCategory),
    /// Art.26(3): in the 实习期 (the day it ends, R162 Art.76), overdue for 审验, or detained or
    /// suspended (the blocking status).
    LicenceState {
        probation_ends: Option<NaiveDate>,
        status: Option<LicenceStatus>,
    },
    /// Art.26(4): an own vehicle (named by plate, or VIN before registration) whose inspection
    /// expired (the last valid day) or that should have been deregistered.
    VehicleOverdue {
        vehicle: String,
        inspection_valid_until: Option<NaiveDate>,
        must_deregister: bool,
    },
    /// Art.26(5): fraud or impersonation in education in the last three cycles (the latest date).
    EducationFraud { on: NaiveDate },
}

impl Ineligible {
    /// The refusal in Chinese, naming the rule and its article.
    pub fn reason(&self) -> String {
        match self {
            Ineligible::NoLicence => {
                format!("未查询到机动车驾驶证信息，没有可以扣减的记分（{R163}第二十五条）")
            }
            Ineligible::NotBelowTwelve { points } => format!(
                "本记分周期已累积记满{FULL_POINTS}分（当前{points}分），应参加满分学习考试（{R163}第二十五条）"
            ),
            Ineligible::NothingToReduce => {
                format!("本记分周期累积记分为0分，没有可以扣减的记分（{R163}第二十五条）")
            }
            Ineligible::CapReached { reduced } => format!(
                "本记分周期已通过学法减分扣减{reduced}分，每个记分周期最多扣减{REDUCTION_CAP}分（{R163}第二十五条）"
            ),
            Ineligible::UnhandledViolations { count } => format!(
                "尚有{count}条交通违法记录未处理，应处理完毕后再申请学法减分（{R163}第二十五条）"
            ),
            Ineligible::RepeatedFullScore { count } => format!(
                "本记分周期或上一个记分周期内有{count}次满分教育记录，不能参加学法减分（{R163}第二十六条第一项）"
            ),
            Ineligible::SeriousOffence(category) => format!(
                "最近三个记分周期内因{}被处理，不能参加学法减分（{R163}第二十六条第二项）",
                category.label()
            ),
            Ineligible::LicenceState {
                probation_ends,
                status,
            } => {
                let mut parts = Vec::new();
                if let Some(ends) = probation_ends {
                    let last = ends.pred_opt().unwrap_or(*ends);
                    parts.push(format!(
                        "驾驶证在实习期内（实习期至{}，{R162}第七十六条）",
                        last.format("%Y-%m-%d")
                    ));
                }
                match status {
                    Some(LicenceStatus::OverdueReview) => parts.push("驾驶证逾期未审验".into()),
                    Some(LicenceStatus::Detained) => parts.push("驾驶证被扣留".into()),
                    Some(LicenceStatus::Suspended) => parts.push("驾驶证被暂扣".into()),
                    Some(other) => parts.push(format!("驾驶证状态为{}", other.label())),
                    None => {}
                }
                format!(
                    "{}，不能参加学法减分（{R163}第二十六条第三项）",
                    parts.join("，")
                )
            }
            Ineligible::VehicleOverdue {
                vehicle,
                inspection_valid_until,
                must_deregister,
            } => {
                let mut parts = Vec::new();
                if let Some(until) = inspection_valid_until {
                    parts.push(format!(
                        "检验有效期至{}，已超过有效期",
                        until.format("%Y-%m-%d")
                    ));
                }
                if *must_deregister {
                    parts.push("应当注销而未办理注销登记".to_string());
                }
                format!(
                    "名下机动车{vehicle}{}，不能参加学法减分（{R163}第二十六条第四项）",
                    parts.join("，")
                )
            }
            Ineligible::EducationFraud { on } => format!(
                "最近三个记分周期内（{}）参加学法减分、满分学习或审验教育时有冒名顶替或作弊行为被处理，不能参加学法减分（{R163}第二十六条第五项）",
                on.format("%Y-%m-%d")
            ),
        }
    }
}

/// R163 Art.25: 累积记分未满12分.
fn below_twelve(profile: &Profile, today: NaiveDate) -> Option<Ineligible> {
    let points = points_after_reductions(profile, today);
    (points >= FULL_POINTS).then_some(Ineligible::NotBelowTwelve { points })
}

/// R163 Art.25: there must be points to take off.
fn has_points(profile: &Profile, today: NaiveDate) -> Option<Ineligible> {
    (points_after_reductions(profile, today) == 0).then_some(Ineligible::NothingToReduce)
}

/// R163 Art.25: 一个记分周期内累计最高扣减6分.
fn under_cap(profile: &Profile, today: NaiveDate) -> Option<Ineligible> {
    let reduced = reduced_this_cycle(profile, today);
    (reduced >= REDUCTION_CAP).then_some(Ineligible::CapReached { reduced })
}

/// R163 Art.25: 处理完交通违法行为记录后 — any unhandled record, whatever its cycle.
fn violations_handled(profile: &Profile) -> Option<Ineligible> {
    let count = profile.violations.iter().filter(|v| !v.handled).count();
    (count > 0).then_some(Ineligible::UnhandledViolations { count })
}

/// R163 Art.26(1): 本记分周期内或者上一个记分周期内有二次以上参加满分教育记录.
fn repeated_full_score(
    licence: &Licence,
    profile: &Profile,
    today: NaiveDate,
) -> Option<Ineligible> {
    let count = profile
        .full_score_records
        .iter()
        .filter(|&&d| within_cycles(licence, today, FULL_SCORE_WINDOW_CYCLES, d))
        .count();
    (count >= REPEATED_FULL_SCORES).then_some(Ineligible::RepeatedFullScore { count })
}

/// R163 Art.26(2): 最近三个记分周期内 punished (handled) for hit-and-run, drink-driving, forged or
/// others' plates and papers, or trading points; one entry per category found.
fn serious_offences(licence: &Licence, profile: &Profile, today: NaiveDate) -> Vec<Ineligible> {
    let mut found: Vec<ViolationCategory> = profile
        .violations
        .iter()
        .filter(|v| v.category != ViolationCategory::Ordinary)
        .filter_map(|v| v.decision_date().map(|day| (v.category, day)))
        .filter(|&(_, day)| within_cycles(licence, today, RECENT_WINDOW_CYCLES, day))
        .map(|(category, _)| category)
        .collect();
    found.sort();
    found.dedup();
    found.into_iter().map(Ineligible::SeriousOffence).collect()
}

/// R163 Art.26(3): 实习期内 (R162 Art.76), 逾期未审验 (recorded, or a review owed whose 30
/// days have passed: R162 Art.72), or 扣留/暂扣.
fn licence_state(licence: &Licence, profile: &Profile, today: NaiveDate) -> Option<Ineligible> {
    let ends = in_probation(licence, today).then(|| probation_ends(licence));
    let status = if matches!(
        licence.status,
        LicenceStatus::OverdueReview | LicenceStatus::Detained | LicenceStatus::Suspended
    ) {
        Some(licence.status)
    } else {
        review_overdue(profile, today).map(|_| LicenceStatus::OverdueReview)
    };
    (ends.is_some() || status.is_some()).then_some(Ineligible::LicenceState {
        probation_ends: ends,
        status,
    })
}

/// R163 Art.26(4) for one vehicle: an own vehicle whose inspection expired before today, or
/// that should have been deregistered.
fn vehicle_overdue(vehicle: &Vehicle, today: NaiveDate) -> Option<Ineligible> {
    if vehicle.ownership != Ownership::Own {
        return None;
    }
    let expired = vehicle
        .inspection_valid_until
        .filter(|&until| until < today);
    if expired.is_none() && !vehicle.must_deregister {
        return None;
    }
    let name = vehicle.plate.as_ref().map_or_else(
        || format!("（车辆识别代号{}）", vehicle.vin),
        ToString::to_string,
    );
    Some(Ineligible::VehicleOverdue {
        vehicle: name,
        inspection_valid_until: expired,
        must_deregister: vehicle.must_deregister,
    })
}

/// R163 Art.26(4): 名下有安全技术检验超过有效期或者未按规定办理注销登记的机动车; one entry per
/// vehicle.
fn vehicles_overdue(profile: &Profile, today: NaiveDate) -> Vec<Ineligible> {
    profile
        .vehicles
        .iter()
        .filter_map(|v| vehicle_overdue(v, today))
        .collect()
}

/// R163 Art.26(5): 最近三个记分周期内 fraud or impersonation in 学法减分, 满分 or 审验 education.
fn education_fraud(licence: &Licence, profile: &Profile, today: NaiveDate) -> Option<Ineligible> {
    profile
        .education_fraud
        .iter()
        .copied()
        .filter(|&d| within_cycles(licence, today, RECENT_WINDOW_CYCLES, d))
        .max()
        .map(|on| Ineligible::EducationFraud { on })
}

/// Whether the driver may apply for 学法减分 today (R163 Art.25–26). Every failing rule is
/// reported at once, in the order of the articles (R162 Art.3: tell every defect in one go).
pub fn check_eligibility(profile: &Profile, today: NaiveDate) -> Result<(), Vec<Ineligible>> {
    let Some(licence) = profile.licence.as_ref() else {
        return Err(vec![Ineligible::NoLicence]);
    };
    let mut failed: Vec<Ineligible> = [
        below_twelve(profile, today),
        has_points(profile, today),
        violations_handled(profile),
        under_cap(profile, today),
        repeated_full_score(licence, profile, today),
    ]
    .into_iter()
    .flatten()
    .collect();
    failed.extend(serious_offences(licence, profile, today));
    failed.extend(licence_state(licence, profile, today));
    failed.extend(vehicles_overdue(profile, today));
    failed.extend(education_fraud(licence, profile, today));
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed)
    }
}

/// 公益网点 path only: a voided 公益活动 (absent, late, left early) closes that path for the rest
/// of the scoring cycle it happened in (local practice). `Some` with the
/// refusal when barred.
pub fn welfare_barred(profile: &Profile, today: NaiveDate) -> Option<String> {
    let (start, end) = current_cycle(profile, today)?;
    let voided = profile
        .welfare_bars
        .iter()
        .filter(|d| **d >= start && **d < end)
        .max()?;
    Some(format!(
        "本记分周期内（{}）参加交通安全公益活动时缺席、迟到或早退，本周期内不能再通过公益活动减分，可选择网上学习",
        voided.format("%Y-%m-%d")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ledger::history;
    use crate::domain::profile::ReductionSource;
    use crate::domain::testing::*;

    fn refusals(p: &Profile) -> Vec<Ineligible> {
        check_eligibility(p, today()).err().unwrap_or_default()
    }

    #[test]
    fn an_ordinary_driver_with_some_points_is_eligible() {
        assert_eq!(check_eligibility(&with_points(3), today()), Ok(()));
    }

    /// Art.25: 处理完交通违法行为记录后累积记分未满12分 — at 12 the driver goes to 满分教育.
    #[test]
    fn twelve_points_are_not_below_twelve() {
        let mut p = with_points(6);
        p.violations.push(violation(d(2025, 12, 1), 6));
        assert_eq!(
            refusals(&p),
            vec![Ineligible::NotBelowTwelve { points: 12 }]
        );
        assert!(refusals(&p)[0].reason().contains("应参加满分学习考试"));
        // 11 points (9 + 3 − 1 reduced) is below 12.
        let mut p = with_points(9);
        p.violations.push(violation(d(2025, 12, 1), 3));
        p.reductions
            .push(reduction(d(2025, 10, 1), 1, ReductionSource::OnlineStudy));
        assert_eq!(check_eligibility(&p, today()), Ok(()));
    }

    /// Art.25 (现有累积记分分值中扣减): with zero points there is nothing to take off.
    #[test]
    fn zero_points_leave_nothing_to_reduce() {
        assert_eq!(refusals(&base()), vec![Ineligible::NothingToReduce]);
        // Points of the previous cycle were cleared at its end (Art.15).
        let mut p = base();
        p.violations.push(violation(d(2025, 3, 1), 6));
        assert_eq!(refusals(&p), vec![Ineligible::NothingToReduce]);
    }

    /// Art.25: 在一个记分周期内累计最高扣减6分.
    #[test]
    fn six_points_reduced_reach_the_cap() {
        let mut p = with_points(9);
        p.reductions
            .push(reduction(d(2025, 10, 1), 2, ReductionSource::OnSiteStudy));
        p.reductions
            .push(reduction(d(2025, 11, 1), 2, ReductionSource::OnSiteStudy));
        p.reductions
            .push(reduction(d(2025, 12, 1), 2, ReductionSource::OnSiteStudy));
        assert_eq!(reduced_this_cycle(&p, today()), 6);
        assert_eq!(points_after_reductions(&p, today()), 3);
        assert_eq!(refusals(&p), vec![Ineligible::CapReached { reduced: 6 }]);
        assert_eq!(can_reduce(&p, today(), 1), 0);
    }

    /// Art.25 and 27: five reduced, an on-site study (−2) can only take off the one left.
    #[test]
    fn five_reduced_and_two_asked_gives_one() {
        let mut p = with_points(9);
        for month in 7..=11 {
            p.reductions.push(reduction(
                d(2025, month, 1),
                1,
                ReductionSource::OnlineStudy,
            ));
        }
        assert_eq!(check_eligibility(&p, today()), Ok(()));
        assert_eq!(
            can_reduce(
                &p,
                today(),
                ReductionSource::OnSiteStudy.points_per_session()
            ),
            1
        );
    }

    #[test]
    fn points_never_go_below_zero() {
        let mut p = with_points(1);
        assert_eq!(can_reduce(&p, today(), 2), 1);
        p.reductions
            .push(reduction(d(2025, 10, 1), 2, ReductionSource::OnSiteStudy));
        assert_eq!(points_after_reductions(&p, today()), 0);
        assert_eq!(can_reduce(&p, today(), 2), 0);
        assert_eq!(refusals(&p), vec![Ineligible::NothingToReduce]);
    }

    #[test]
    fn a_voided_welfare_activity_closes_that_path_for_its_cycle_only() {
        let mut p = with_points(4);
        assert_eq!(welfare_barred(&p, today()), None);
        // Left early on the last day of the previous cycle: the new cycle is open again.
        p.welfare_bars.push(d(2025, 6, 9));
        assert_eq!(welfare_barred(&p, today()), None);
        // Absent in this cycle: barred until it ends, naming the day; online study still open.
        p.welfare_bars.push(d(2026, 1, 20));
        let reason = welfare_barred(&p, today()).unwrap_or_default();
        assert!(reason.contains("2026-01-20"), "{reason}");
        assert!(reason.contains("可选择网上学习"), "{reason}");
        assert_eq!(check_eligibility(&p, today()), Ok(()));
        assert_eq!(welfare_barred(&p, d(2026, 6, 10)), None, "the next cycle");
    }

    /// Art.25: 处理完交通违法行为记录后 — an unhandled phone-use record must be handled first.
    #[test]
    fn unhandled_violations_must_be_handled_first() {
        let mut p = with_points(3);
        let mut phone = violation(d(2026, 2, 24), 3);
        phone.handled = false;
        phone.fine_paid = false;
        p.violations.push(phone);
        assert_eq!(
            refusals(&p),
            vec![Ineligible::UnhandledViolations { count: 1 }]
        );
        assert!(refusals(&p)[0].reason().contains("1条交通违法记录未处理"));
    }

    /// Art.26(1): 在本记分周期内或者上一个记分周期内，有二次以上参加满分教育记录.
    #[test]
    fn two_full_score_records_in_this_or_the_previous_cycle_bar() {
        let mut p = with_points(3);
        p.full_score_records = vec![d(2024, 8, 1), d(2025, 7, 1)];
        assert_eq!(
            refusals(&p),
            vec![Ineligible::RepeatedFullScore { count: 2 }]
        );
        // One record is not "二次以上".
        p.full_score_records = vec![d(2025, 7, 1)];
        assert_eq!(check_eligibility(&p, today()), Ok(()));
        // One of the two lies two cycles back (before 2024-06-10): only one counts.
        p.full_score_records = vec![d(2024, 6, 9), d(2025, 7, 1)];
        assert_eq!(check_eligibility(&p, today()), Ok(()));
    }

    /// Art.26(2): 最近三个记分周期内 … 饮酒后驾驶机动车 … 被处理.
    #[test]
    fn drink_driving_in_the_last_three_cycles_bars() {
        let mut p = with_points(3);
        let mut drunk = violation(d(2024, 1, 20), 12);
        drunk.category = ViolationCategory::DrinkDriving;
        drunk.description = "饮酒后驾驶机动车的".into();
        p.violations.push(drunk);
        assert_eq!(
            refusals(&p),
            vec![Ineligible::SeriousOffence(ViolationCategory::DrinkDriving)]
        );
        assert!(refusals(&p)[0].reason().contains("饮酒、醉酒驾驶"));
    }

    /// Art.26(2): hit-and-run, forged plates and trading points, each once, all reported.
    #[test]
    fn every_serious_category_is_reported() {
        let mut p = with_points(3);
        for (date, category) in [
            (d(2025, 3, 1), ViolationCategory::TradingPoints),
            (d(2024, 7, 1), ViolationCategory::HitAndRun),
            (d(2023, 7, 1), ViolationCategory::ForgedPlatesOrLicence),
            (d(2023, 8, 1), ViolationCategory::ForgedPlatesOrLicence),
        ] {
            let mut v = violation(date, 12);
            v.category = category;
            p.violations.push(v);
        }
        assert_eq!(
            refusals(&p),
            vec![
                Ineligible::SeriousOffence(ViolationCategory::HitAndRun),
                Ineligible::SeriousOffence(ViolationCategory::ForgedPlatesOrLicence),
                Ineligible::SeriousOffence(ViolationCategory::TradingPoints),
            ]
        );
    }

    /// Art.26(2): the window is the current cycle and the two before it.
    #[test]
    fn a_serious_offence_three_cycles_ago_no_longer_bars() {
        let mut p = with_points(3);
        let mut run = violation(d(2023, 6, 9), 12);
        run.category = ViolationCategory::HitAndRun;
        p.violations.push(run.clone());
        // 2023-06-09 lies in the cycle starting 2022-06-10: three cycles back.
        assert_eq!(check_eligibility(&p, today()), Ok(()));
        // 2023-06-10 starts the cycle two back: inside the window.
        run.date = d(2023, 6, 10);
        p.violations.push(run);
        assert_eq!(
            refusals(&p),
            vec![Ineligible::SeriousOffence(ViolationCategory::HitAndRun)]
        );
    }

    /// Art.26(2): the offence must have been punished (被处理); an unhandled record is reported
    /// as unhandled instead.
    #[test]
    fn an_unhandled_serious_record_is_reported_as_unhandled() {
        let mut p = with_points(3);
        let mut drunk = violation(d(2026, 2, 1), 12);
        drunk.category = ViolationCategory::DrinkDriving;
        drunk.handled = false;
        drunk.fine_paid = false;
        p.violations.push(drunk);
        assert_eq!(
            refusals(&p),
            vec![Ineligible::UnhandledViolations { count: 1 }]
        );
    }

    /// Art.26(3): 机动车驾驶证在实习期内.
    #[test]
    fn a_probation_licence_bars() {
        let mut p = with_points(3);
        if let Some(l) = p.licence.as_mut() {
            l.first_issued = d(2025, 9, 20);
            l.valid_from = d(2025, 9, 20);
        }
        p.violations = vec![violation(d(2026, 1, 5), 3)];
        let want = Ineligible::LicenceState {
            probation_ends: Some(d(2026, 9, 20)),
            status: None,
        };
        assert_eq!(refusals(&p), vec![want.clone()]);
        assert!(want.reason().contains("实习期至2026-09-19"));
    }

    /// Art.26(3): 驾驶证逾期未审验, 被扣留, 暂扣.
    #[test]
    fn overdue_review_detention_and_suspension_bar() {
        for status in [
            LicenceStatus::OverdueReview,
            LicenceStatus::Detained,
            LicenceStatus::Suspended,
        ] {
            let mut p = with_points(3);
            if let Some(l) = p.licence.as_mut() {
                l.status = status;
            }
            assert_eq!(
                refusals(&p),
                vec![Ineligible::LicenceState {
                    probation_ends: None,
                    status: Some(status),
                }],
                "{status:?}"
            );
            assert!(refusals(&p)[0].reason().contains(status.label()));
        }
        // 逾期未换证 is not in Art.26(3).
        let mut p = with_points(3);
        if let Some(l) = p.licence.as_mut() {
            l.status = LicenceStatus::OverdueRenewal;
        }
        assert_eq!(check_eligibility(&p, today()), Ok(()));
    }

    /// Art.26(4): 名下有安全技术检验超过有效期的机动车 — the plate is named.
    #[test]
    fn an_own_vehicle_with_expired_inspection_bars() {
        let mut p = with_points(3);
        p.vehicles[0].inspection_valid_until = Some(d(2026, 3, 1));
        let refused = refusals(&p);
        assert_eq!(
            refused,
            vec![Ineligible::VehicleOverdue {
                vehicle: "京NF5R28".into(),
                inspection_valid_until: Some(d(2026, 3, 1)),
                must_deregister: false,
            }]
        );
        assert!(refused[0].reason().contains("京NF5R28"));
        // Valid through today is not expired.
        p.vehicles[0].inspection_valid_until = Some(today());
        assert_eq!(check_eligibility(&p, today()), Ok(()));
    }

    /// Art.26(4): 未按规定办理注销登记的机动车.
    #[test]
    fn an_own_vehicle_due_for_deregistration_bars() {
        let mut p = with_points(3);
        p.vehicles[0].must_deregister = true;
        let refused = refusals(&p);
        assert_eq!(
            refused,
            vec![Ineligible::VehicleOverdue {
                vehicle: "京NF5R28".into(),
                inspection_valid_until: None,
                must_deregister: true,
            }]
        );
        assert!(refused[0].reason().contains("注销"));
    }

    /// Art.26(4) speaks of vehicles 名下 (in the driver's name): a filed non-own car does not bar.
    #[test]
    fn a_non_owned_vehicle_does_not_bar() {
        let mut p = with_points(3);
        p.vehicles[0].ownership = Ownership::FiledNonOwned {
            owner_name: "王芳".into(),
        };
        p.vehicles[0].inspection_valid_until = Some(d(2025, 1, 1));
        assert_eq!(check_eligibility(&p, today()), Ok(()));
    }

    /// Art.26(5): 最近三个记分周期内 … 冒名顶替或者使用作弊器 … 被处理.
    #[test]
    fn education_fraud_in_the_last_three_cycles_bars() {
        let mut p = with_points(3);
        p.education_fraud = vec![d(2023, 6, 9), d(2024, 11, 3)];
        let refused = refusals(&p);
        assert_eq!(
            refused,
            vec![Ineligible::EducationFraud { on: d(2024, 11, 3) }]
        );
        assert!(refused[0].reason().contains("2024-11-03"));
        // Three cycles back it no longer counts.
        p.education_fraud = vec![d(2023, 6, 9)];
        assert_eq!(check_eligibility(&p, today()), Ok(()));
    }

    #[test]
    fn every_failing_rule_is_reported_at_once() {
        let mut p = with_points(12);
        if let Some(l) = p.licence.as_mut() {
            l.status = LicenceStatus::Detained;
        }
        p.vehicles[0].must_deregister = true;
        p.education_fraud = vec![d(2025, 8, 1)];
        let refused = refusals(&p);
        assert_eq!(refused.len(), 4, "{refused:?}");
        assert!(matches!(
            refused[0],
            Ineligible::NotBelowTwelve { points: 12 }
        ));
        for r in &refused {
            assert!(r.reason().contains("第二十"), "{}", r.reason());
        }
    }

    #[test]
    fn no_licence_means_nothing_to_reduce() {
        let mut p = base();
        p.licence = None;
        assert_eq!(refusals(&p), vec![Ineligible::NoLicence]);
        assert_eq!(points_after_reductions(&p, today()), 0);
        assert_eq!(can_reduce(&p, today(), 1), 0);
        assert!(history(&p, today()).is_empty());
    }

    #[test]
    fn the_probation_persona_is_refused_for_its_licence_state() {
        let text = include_str!("../../../assets/demo/personas/probation_driver.ron");
        for start in starts() {
            let p = persona(text, start);
            let refused = refusals_on(&p, start);
            assert!(
                refused.iter().any(|r| matches!(
                    r,
                    Ineligible::LicenceState {
                        probation_ends: Some(_),
                        ..
                    }
                )),
                "{start}: {refused:?}"
            );
        }
    }

    fn refusals_on(p: &Profile, day: NaiveDate) -> Vec<Ineligible> {
        check_eligibility(p, day).err().unwrap_or_default()
    }

    #[test]
    fn the_truck_persona_is_eligible() {
        let text = include_str!("../../../assets/demo/personas/truck_a2.ron");
        for start in starts() {
            let p = persona(text, start);
            assert_eq!(points_after_reductions(&p, start), 10, "{start}");
            assert_eq!(check_eligibility(&p, start), Ok(()), "{start}");
            assert_eq!(can_reduce(&p, start, 2), 2, "{start}");
        }
    }

    #[test]
    fn the_full_points_persona_is_refused() {
        let text = include_str!("../../../assets/demo/personas/full_points_detained.ron");
        let p = persona(text, today());
        let refused = refusals_on(&p, today());
        assert!(refused.contains(&Ineligible::NotBelowTwelve { points: 12 }));
        assert!(refused.contains(&Ineligible::LicenceState {
            probation_ends: None,
            status: Some(LicenceStatus::Detained),
        }));
    }

    #[test]
    fn the_ordinary_persona_has_a_history_and_must_handle_its_record_first() {
        let text = include_str!("../../../assets/demo/personas/ordinary_c1.ron");
        for start in starts() {
            let p = persona(text, start);
            let h = history(&p, start);
            assert!(h.iter().any(|e| e.change < 0), "{start}: {h:?}");
            let sum: i32 = h.iter().map(|e| i32::from(e.change)).sum();
            assert_eq!(
                sum,
                i32::from(points_after_reductions(&p, start)),
                "{start}"
            );
            assert_eq!(
                refusals_on(&p, start),
                vec![Ineligible::UnhandledViolations { count: 1 }],
                "{start}"
            );
        }
    }

    #[test]
    fn every_persona_loads_with_the_new_fields() {
        for text in [
            include_str!("../../../assets/demo/personas/expiring_soon.ron"),
            include_str!("../../../assets/demo/personas/new_car_owner.ron"),
            include_str!("../../../assets/demo/personas/non_owned_filer.ron"),
            include_str!("../../../assets/demo/personas/school_bus.ron"),
        ] {
            let p = persona(text, today());
            assert!(p.licence.is_some());
            assert!(points_after_reductions(&p, today()) <= FULL_POINTS);
        }
    }

    /// Art.25: the cap is per cycle; last cycle's reductions neither count nor reduce.
    #[test]
    fn reductions_of_a_previous_cycle_do_not_count() {
        let mut p = with_points(6);
        for day in [1, 2, 3] {
            p.reductions
                .push(reduction(d(2025, 5, day), 2, ReductionSource::OnSiteStudy));
        }
        // 2025-06-09 is the last day of the previous cycle.
        p.reductions.push(reduction(
            d(2025, 6, 9),
            1,
            ReductionSource::WelfareActivity,
        ));
        assert_eq!(reduced_this_cycle(&p, today()), 0);
        assert_eq!(points_after_reductions(&p, today()), 6);
        assert_eq!(can_reduce(&p, today(), 2), 2);
        assert_eq!(check_eligibility(&p, today()), Ok(()));
        // On the first day of the current cycle it counts.
        p.reductions.push(reduction(
            d(2025, 6, 10),
            1,
            ReductionSource::WelfareActivity,
        ));
        assert_eq!(reduced_this_cycle(&p, today()), 1);
    }

    /// Art.27: 满一小时 — only full hours of a welfare activity count.
    #[test]
    fn a_welfare_activity_counts_only_full_hours() {
        assert_eq!(welfare_points(59), 0);
        assert_eq!(welfare_points(60), 1);
        assert_eq!(welfare_points(119), 1);
        assert_eq!(welfare_points(120), 2);
        assert_eq!(welfare_points(-5), 0);
    }
}
