//! 驾驶人审验 (《机动车驾驶证申领和使用规定》第七十二条至第七十四条、第九十条): who must be
//! reviewed for the scoring cycle that ended last, by when, whether the education must be on
//! site, and whether a driver of 70 or more takes the ability test. Day counts are natural days
//! and "以内" includes the last day (第一百一十条).

use chrono::{Datelike, Days, NaiveDate};
use serde::Deserialize;

use crate::domain::ledger::counted_in_cycle;
use crate::domain::licence_class::LicenceClass;
use crate::domain::points::scoring_cycle;
use crate::domain::profile::{Casualties, Licence, Profile};
use crate::domain::rules::licence::SENIOR_AGE;

/// 第七十二条: the review is due within 30 days after the end of each scoring cycle.
pub const REVIEW_WINDOW_DAYS: u64 = 30;

const R162: &str = "《机动车驾驶证申领和使用规定》";

/// When 审验教育 must be on site: local rules differ (the seed gives two), so it is a setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum OnSiteRule {
    /// 记分9分及以上的须现场教育，9分以下可网络教育 (the seed's note, the usual practice).
    #[default]
    NinePointsOrMore,
    /// 大中型客货车驾驶人记分9至11分的、校车驾驶人、发生死亡事故承担同等以上责任的只能现场教育
    /// (the older rule the seed also quotes).
    LargeClassNineToEleven,
}

/// What the local office sets for 审验 and 满分 education (config `education`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EducationRules {
    pub review_on_site: OnSiteRule,
}

/// Why a driver must be reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DutyReason {
    /// 第七十二条第三款: A1, A2, A3, B1 or B2 with points in the cycle.
    LargeClassWithPoints,
    /// 第九十条: a school-bus driver, every cycle.
    SchoolBus,
    /// 第七十二条第四款: equal or greater responsibility for an accident with a death.
    FatalAccident,
    /// 第七十二条第五款: 70 or older, responsible for an accident with serious injury or death.
    SeniorSeriousAccident,
}

impl DutyReason {
    pub fn label(self) -> &'static str {
        match self {
            DutyReason::LargeClassWithPoints => "持大中型客货车驾驶证且上一记分周期有记分",
            DutyReason::SchoolBus => "校车驾驶人每个记分周期审验",
            DutyReason::FatalAccident => "发生死亡事故承担同等以上责任",
            DutyReason::SeniorSeriousAccident => "年满70周岁发生责任交通事故造成人员重伤或者死亡",
        }
    }
}

/// A review the driver owes: for the cycle `[start, end)`, with its points, due by `due_by`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDuty {
    pub cycle: (NaiveDate, NaiveDate),
    pub reasons: Vec<DutyReason>,
    /// The points recorded in that cycle, before any 学法减分.
    pub points: u8,
    /// The last day of the 30 days after the cycle.
    pub due_by: NaiveDate,
}

impl ReviewDuty {
    /// The cycle's last day.
    pub fn last_day(&self) -> NaiveDate {
        self.cycle.1.pred_opt().unwrap_or(self.cycle.1)
    }

    pub fn overdue_on(&self, today: NaiveDate) -> bool {
        today > self.due_by
    }
}

/// The scoring cycle that ended last, `None` while the licence is in its first cycle.
pub fn previous_cycle(licence: &Licence, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let (start, _) = scoring_cycle(licence.first_issued, today);
    let before = start.pred_opt().filter(|d| *d >= licence.first_issued)?;
    Some(scoring_cycle(licence.first_issued, before))
}

/// The driver's age on `day`, in whole years.
fn age_on(profile: &Profile, day: NaiveDate) -> u32 {
    let born = profile.id_number.birth_date();
    let mut age = day.year() - born.year();
    if (day.month(), day.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    u32::try_from(age).unwrap_or(0)
}

/// Whether the driver is 70 or older on `today`: the review then includes the tests of memory,
/// judgement and reaction (第七十三条第三款).
pub fn ability_test_due(profile: &Profile, today: NaiveDate) -> bool {
    age_on(profile, today) >= SENIOR_AGE
}

/// The review the driver owes for the cycle that ended last (第七十二条、第九十条), or why
/// there is none to do online: no licence, the first cycle not over, no duty, or done already.
pub fn review_duty(profile: &Profile, today: NaiveDate) -> Result<ReviewDuty, String> {
    let licence = profile
        .licence
        .as_ref()
        .ok_or("本账号未绑定驾驶证，没有需要审验的驾驶证")?;
    let cycle = previous_cycle(licence, today).ok_or_else(|| {
        format!("驾驶证的第一个记分周期尚未结束，周期结束后再审验（{R162}第七十二条）")
    })?;
    let (start, end) = cycle;
    let points = counted_in_cycle(profile, start, end)
        .iter()
        .fold(0u8, |sum, v| sum.saturating_add(v.points));
    let in_cycle = |d: NaiveDate| d >= start && d < end;
    let large = licence.classes.iter().any(LicenceClass::is_large_or_medium);
    let mut reasons = Vec::new();
    if large && points > 0 {
        reasons.push(DutyReason::LargeClassWithPoints);
    }
    if licence.school_bus_driver {
        reasons.push(DutyReason::SchoolBus);
    }
    let accidents = profile.accidents.iter().filter(|a| in_cycle(a.date));
    if accidents
        .clone()
        .any(|a| a.casualties == Casualties::Death && a.responsibility.equal_or_greater())
    {
        reasons.push(DutyReason::FatalAccident);
    }
    if accidents.clone().any(|a| {
        a.casualties != Casualties::Minor
            && a.responsibility.responsible()
            && age_on(profile, a.date) >= SENIOR_AGE
    }) {
        reasons.push(DutyReason::SeniorSeriousAccident);
    }
    let last = end.pred_opt().unwrap_or(end);
    if reasons.is_empty() {
        let exempt = if large {
            "持大中型客货车驾驶证，上一记分周期没有记分记录，免予本周期审验"
        } else {
            "上一记分周期没有须审验的情形"
        };
        return Err(format!(
            "{exempt}（{start} 至 {last}）。须审验的是：持A1、A2、A3、B1、B2驾驶证且有记分、校车驾驶人、发生死亡事故承担同等以上责任、年满70周岁发生责任事故致人重伤或死亡的驾驶人（{R162}第七十二条、第九十条）"
        ));
    }
    if licence.reviewed_cycles.contains(&last) {
        return Err(format!("上一记分周期（{start} 至 {last}）已审验"));
    }
    let due_by = last
        .checked_add_days(Days::new(REVIEW_WINDOW_DAYS))
        .unwrap_or(last);
    Ok(ReviewDuty {
        cycle,
        reasons,
        points,
        due_by,
    })
}

/// 逾期未审验: a review owed whose 30 days have passed (`Some` with the last day). R163
/// Art.26(3) bars 学法减分 for it.
pub fn review_overdue(profile: &Profile, today: NaiveDate) -> Option<NaiveDate> {
    review_duty(profile, today)
        .ok()
        .filter(|duty| duty.overdue_on(today))
        .map(|duty| duty.due_by)
}

/// Why 网络教育 is not open to the driver under the local rule (`Some` with the reason), so
/// the education must be on site.
pub fn on_site_required(duty: &ReviewDuty, licence: &Licence, rule: OnSiteRule) -> Option<String> {
    match rule {
        OnSiteRule::NinePointsOrMore => (duty.points >= 9).then(|| {
            format!(
                "上一记分周期记{}分，记分9分及以上的须参加现场教育（以当地规定为准）",
                duty.points
            )
        }),
        OnSiteRule::LargeClassNineToEleven => {
            let large = licence.classes.iter().any(LicenceClass::is_large_or_medium);
            if large && (9..=11).contains(&duty.points) {
                Some(format!(
                    "大中型客货车驾驶人上一记分周期记{}分（9至11分），只能申请现场教育（以当地规定为准）",
                    duty.points
                ))
            } else if duty.reasons.contains(&DutyReason::SchoolBus) {
                Some("校车驾驶人只能申请现场教育（以当地规定为准）".to_string())
            } else if duty.reasons.contains(&DutyReason::FatalAccident) {
                Some(
                    "发生死亡事故承担同等以上责任的驾驶人只能申请现场教育（以当地规定为准）"
                        .to_string(),
                )
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence_class::LicenceClasses;
    use crate::domain::profile::{DriverAccident, Responsibility};
    use crate::domain::testing::*;

    /// The base licence was first issued 2015-06-10: on 2026-03-02 the cycle that ended last
    /// is [2024-06-10, 2025-06-10). On 2025-06-20 it is the same cycle, ten days after it ended.
    fn large(points: u8) -> Profile {
        let mut p = base();
        let licence = p.licence.as_mut().expect("licence");
        licence.classes = LicenceClasses::parse("B2").expect("classes");
        if points > 0 {
            p.violations.push(violation(d(2024, 9, 1), points));
        }
        p
    }

    /// 第七十二条第三款: A/B with points in the cycle, within 30 days after it; no points, no
    /// review. 2025-06-09 is the last day, so 2025-07-09 is the 30th day after.
    #[test]
    fn a_large_class_with_points_is_reviewed_within_thirty_days_after_the_cycle() {
        let duty = review_duty(&large(4), d(2025, 6, 20)).expect("owed");
        assert_eq!(duty.cycle, (d(2024, 6, 10), d(2025, 6, 10)));
        assert_eq!(duty.points, 4);
        assert_eq!(duty.reasons, vec![DutyReason::LargeClassWithPoints]);
        assert_eq!(duty.due_by, d(2025, 7, 9));
        assert!(!duty.overdue_on(d(2025, 7, 9)), "the 30th day is inside");
        assert!(duty.overdue_on(d(2025, 7, 10)));
        assert_eq!(
            review_overdue(&large(4), d(2025, 7, 10)),
            Some(d(2025, 7, 9))
        );
        let exempt = review_duty(&large(0), d(2025, 6, 20));
        assert!(exempt.is_err_and(|e| e.contains("免予本周期审验")));
    }

    #[test]
    fn a_small_class_is_reviewed_only_for_a_school_bus_or_an_accident() {
        let mut p = base();
        p.violations.push(violation(d(2024, 9, 1), 6));
        assert!(review_duty(&p, d(2025, 6, 20)).is_err(), "C1 with points");
        p.licence.as_mut().expect("licence").school_bus_driver = true;
        let duty = review_duty(&p, d(2025, 6, 20)).expect("school bus");
        assert_eq!(duty.reasons, vec![DutyReason::SchoolBus]);
        let mut p = base();
        p.accidents.push(DriverAccident {
            date: d(2024, 12, 1),
            casualties: Casualties::Death,
            responsibility: Responsibility::Equal,
        });
        let duty = review_duty(&p, d(2025, 6, 20)).expect("fatal accident");
        assert_eq!(duty.reasons, vec![DutyReason::FatalAccident]);
        p.accidents[0].responsibility = Responsibility::Minor;
        assert!(review_duty(&p, d(2025, 6, 20)).is_err(), "minor share");
    }

    /// The base driver was born 1991; one born 1950 is 74 at a 2024 accident.
    #[test]
    fn a_driver_of_seventy_responsible_for_a_serious_injury_is_reviewed_and_tested() {
        let mut p = base();
        p.id_number = crate::domain::id_number::IdNumber::parse("110105195003070019").expect("id");
        p.accidents.push(DriverAccident {
            date: d(2024, 12, 1),
            casualties: Casualties::SeriousInjury,
            responsibility: Responsibility::Minor,
        });
        let duty = review_duty(&p, d(2025, 6, 20)).expect("owed");
        assert_eq!(duty.reasons, vec![DutyReason::SeniorSeriousAccident]);
        assert!(ability_test_due(&p, d(2025, 6, 20)));
        assert!(!ability_test_due(&base(), d(2025, 6, 20)));
    }

    #[test]
    fn a_reviewed_cycle_is_not_owed_again() {
        let mut p = large(4);
        p.licence
            .as_mut()
            .expect("licence")
            .reviewed_cycles
            .push(d(2025, 6, 9));
        assert!(review_duty(&p, d(2025, 6, 20)).is_err_and(|e| e.contains("已审验")));
        assert_eq!(review_overdue(&p, d(2025, 8, 1)), None);
    }

    /// The seed's rule (9 and more on site) and the older one (A/B 9-11, school bus, fatal).
    #[test]
    fn the_local_rule_decides_when_the_education_is_on_site() {
        let p = large(9);
        let licence = p.licence.as_ref().expect("licence");
        let nine = review_duty(&p, d(2025, 6, 20)).expect("owed");
        assert!(on_site_required(&nine, licence, OnSiteRule::NinePointsOrMore).is_some());
        assert!(on_site_required(&nine, licence, OnSiteRule::LargeClassNineToEleven).is_some());
        let p = large(8);
        let eight = review_duty(&p, d(2025, 6, 20)).expect("owed");
        assert_eq!(
            on_site_required(&eight, licence, OnSiteRule::NinePointsOrMore),
            None
        );
        let mut school = base();
        school.licence.as_mut().expect("licence").school_bus_driver = true;
        let duty = review_duty(&school, d(2025, 6, 20)).expect("owed");
        let l = school.licence.as_ref().expect("licence");
        assert_eq!(
            on_site_required(&duty, l, OnSiteRule::NinePointsOrMore),
            None
        );
        assert!(on_site_required(&duty, l, OnSiteRule::LargeClassNineToEleven).is_some());
    }
}
