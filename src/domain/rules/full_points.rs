//! 满分学习考试 (《道路交通安全违法行为记分管理办法》第十七条至第二十四条、第二十九条): who
//! qualifies, how many days of study, how they may be split, which days count, the exams, and
//! the notice ignored for 30 days. Day counts are natural days (第三十六条).

use chrono::{Days, NaiveDate};

use crate::domain::address::{City, RegionTree};
use crate::domain::driving_test::ExamSubject;
use crate::domain::ledger::{current_cycle, points_after_reductions};
use crate::domain::licence_class::LicenceClass;
use crate::domain::points::FULL_POINTS;
use crate::domain::profile::{Licence, LicenceStatus, Profile};

const R163: &str = "《道路交通安全违法行为记分管理办法》";

/// 第二十九条: not attending within 30 days of the notice puts the licence to 停止使用.
pub const NOTICE_DAYS: u64 = 30;

/// 第二十一条: a failed exam is booked again after 10 days.
pub const REBOOK_AFTER_DAYS: u32 = 10;

/// The study length of 第十八条 for a class: 7 days, or 30 for the large and medium classes;
/// each further 满分 or further 12 points adds as much again, up to 60 (120) days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StudyLength {
    pub base: u32,
    pub most: u32,
}

impl StudyLength {
    pub fn of(licence: &Licence) -> StudyLength {
        if licence.classes.iter().any(LicenceClass::is_large_or_medium) {
            StudyLength {
                base: 30,
                most: 120,
            }
        } else {
            StudyLength { base: 7, most: 60 }
        }
    }
}

/// Whether the licence holds a large or medium class (大型客车、重型牵引挂车、城市公交车、
/// 中型客车、大型货车): the longer study and the larger composition apply.
fn large(licence: &Licence) -> bool {
    licence.classes.iter().any(LicenceClass::is_large_or_medium)
}

/// How many times the driver is "full" in the cycle for 第十八条 and 第二十二条: this time plus
/// every 满分教育 completed earlier in the cycle, or the points counted in twelves, whichever is
/// more (24 points count as a second time, 36 as a third).
pub fn full_times(profile: &Profile, today: NaiveDate) -> u32 {
    let earlier = current_cycle(profile, today).map_or(0, |(start, end)| {
        profile
            .full_score_records
            .iter()
            .filter(|d| **d >= start && **d < end)
            .count()
    });
    let by_points = u32::from(points_after_reductions(profile, today) / FULL_POINTS);
    u32::try_from(earlier)
        .unwrap_or(u32::MAX)
        .saturating_add(1)
        .max(by_points)
}

/// 第十八条: the days of study, 7 (30) for the first time, +7 (+30) for each further time, at
/// most 60 (120).
pub fn study_days(licence: &Licence, times: u32) -> u32 {
    let length = StudyLength::of(licence);
    length.base.saturating_mul(times.max(1)).min(length.most)
}

/// 第十九条: the least on-site and online days together, and the least on-site days: 5 and 2,
/// or 10 and 5 for the large classes.
pub fn composition(licence: &Licence) -> (u32, u32) {
    if large(licence) { (10, 5) } else { (5, 2) }
}

/// 第十九条: on-site and online days together at least 5 (10 for the large classes), on-site at
/// least 2 (5), and no more than the study days; the rest is self-study. `Ok` with the
/// self-study days.
pub fn check_split(
    licence: &Licence,
    total: u32,
    on_site: u32,
    online: u32,
) -> Result<u32, String> {
    let (together, site) = composition(licence);
    let class = if large(licence) {
        "大中型客货车驾驶人"
    } else {
        ""
    };
    if on_site.saturating_add(online) > total {
        return Err(format!(
            "现场学习{on_site}天、网络学习{online}天，合计超过学习时间{total}天（{R163}第十八条）"
        ));
    }
    if on_site < site {
        return Err(format!(
            "{class}现场学习时间不得少于{site}日，当前为{on_site}日（{R163}第十九条）"
        ));
    }
    if on_site + online < together {
        return Err(format!(
            "{class}现场学习、网络学习时间累计不得少于{together}日，当前为{}日（{R163}第十九条）",
            on_site + online
        ));
    }
    Ok(total - on_site - online)
}

/// 第十九条: a day of study counts when it lasts more than the day's minutes (超过: on site 3
/// continuous hours, online 3 accumulated hours); the minutes are the business file's.
pub fn day_counts(minutes: i64, day_minutes: u32) -> bool {
    minutes > i64::from(day_minutes)
}

/// 第二十二条: the exams after the study. The theory exam of the licence's class always; the
/// road test (科目三) too for a second time or 24 to 35 points; the site test (科目二) as well
/// from a third time or 36 points.
pub fn exam_subjects(times: u32) -> Vec<ExamSubject> {
    match times {
        0 | 1 => vec![ExamSubject::One],
        2 => vec![ExamSubject::One, ExamSubject::Three],
        _ => vec![ExamSubject::One, ExamSubject::Two, ExamSubject::Three],
    }
}

/// 第十七条: the driver qualifies for 满分教育 with 12 points in the cycle and the licence
/// detained; `Err` with the reason otherwise. A 满分教育通知书 on file keeps the driver
/// qualified after the cycle ends: the education the notice ordered is still owed, though the
/// new cycle's count starts again.
pub fn qualifies(profile: &Profile, today: NaiveDate) -> Result<(), String> {
    let licence = profile
        .licence
        .as_ref()
        .ok_or("本账号未绑定驾驶证，没有满分教育记录")?;
    let points = points_after_reductions(profile, today);
    if points < FULL_POINTS && licence.full_points_notice_on.is_none() {
        return Err(format!(
            "本记分周期累积记分{points}分，未满{FULL_POINTS}分，无需参加满分学习考试；记分未满12分的可申请学法减分（{R163}第十七条）"
        ));
    }
    if !matches!(
        licence.status,
        LicenceStatus::Detained | LicenceStatus::Stopped
    ) {
        return Err(format!(
            "驾驶证未被扣留，请先到公安机关交通管理部门接受处理，领取满分教育通知书（{R163}第十七条）"
        ));
    }
    Ok(())
}

/// 第二十九条: the licence is 停止使用 from the day after the 30 days of the notice when the
/// education was not begun by then. `Some` with the day it stopped.
pub fn stopped_for_ignoring_notice(licence: &Licence, today: NaiveDate) -> Option<NaiveDate> {
    let notice = licence.full_points_notice_on?;
    let last = notice.checked_add_days(Days::new(NOTICE_DAYS))?;
    let begun_in_time = licence.full_points_begun_on.is_some_and(|d| d <= last);
    (today > last && !begun_in_time).then(|| last.succ_opt().unwrap_or(last))
}

/// 第二十条: the cities where the driver may study — where the licence was issued, and where a
/// violation of the cycle happened — as the region list knows them.
pub fn education_cities(profile: &Profile, regions: &RegionTree) -> Vec<City> {
    let Some(licence) = profile.licence.as_ref() else {
        return Vec::new();
    };
    let mut places: Vec<&str> = vec![licence.issuing_authority.as_str()];
    places.extend(profile.violations.iter().map(|v| v.place.as_str()));
    let known: Vec<City> = regions
        .all()
        .into_iter()
        .map(|r| City {
            province: r.province,
            city: r.city,
        })
        .collect();
    let mut cities: Vec<City> = Vec::new();
    for place in places {
        for city in &known {
            if place.contains(&city.city) && !cities.contains(city) {
                cities.push(city.clone());
            }
        }
    }
    cities
}

/// 第二十条: the city answered is one the driver may study in.
pub fn education_city_allowed(
    profile: &Profile,
    regions: &RegionTree,
    city: &City,
) -> Result<(), String> {
    let cities = education_cities(profile, regions);
    if cities.contains(city) {
        return Ok(());
    }
    let names: Vec<&str> = cities.iter().map(|c| c.city.as_str()).collect();
    Err(format!(
        "{}不是驾驶证核发地，也不是交通违法行为发生地或处理地，可选择：{}（{R163}第二十条）",
        city.city,
        names.join("、")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence_class::LicenceClasses;
    use crate::domain::testing::*;

    fn licence(classes: &str) -> Licence {
        let mut p = base();
        let l = p.licence.as_mut().expect("licence");
        l.classes = LicenceClasses::parse(classes).expect("classes");
        l.clone()
    }

    /// 第十八条: 7 days (30 for A1 A2 A3 B1 B2), +7 (+30) per further time, at most 60 (120).
    #[test]
    fn the_study_days_follow_the_table_by_class_and_count() {
        let c1 = licence("C1");
        let a2 = licence("A2");
        let table: Vec<(u32, u32, u32)> = (1..=10)
            .map(|t| (t, study_days(&c1, t), study_days(&a2, t)))
            .collect();
        assert_eq!(table[0], (1, 7, 30));
        assert_eq!(table[1], (2, 14, 60));
        assert_eq!(table[2], (3, 21, 90));
        assert_eq!(table[3], (4, 28, 120));
        assert_eq!(table[4], (5, 35, 120), "the large classes stop at 120");
        assert_eq!(table[7], (8, 56, 120));
        assert_eq!(table[8], (9, 60, 120), "the others stop at 60");
        for class in ["B1", "B2", "A1", "A3"] {
            assert_eq!(study_days(&licence(class), 1), 30, "{class}");
        }
        assert_eq!(study_days(&licence("C1E"), 1), 7);
    }

    /// 24 points count as a second time, 36 as a third; an earlier 满分 in the cycle as well.
    #[test]
    fn points_in_twelves_and_earlier_education_count_as_times() {
        let mut p = with_points(12);
        assert_eq!(full_times(&p, d(2026, 3, 2)), 1);
        p.violations.push(violation(d(2025, 10, 1), 12));
        assert_eq!(full_times(&p, d(2026, 3, 2)), 2);
        p.violations.push(violation(d(2025, 11, 1), 12));
        assert_eq!(full_times(&p, d(2026, 3, 2)), 3);
        let mut q = with_points(12);
        q.full_score_records.push(d(2025, 8, 1));
        q.violations.push(violation(d(2025, 12, 1), 12));
        assert_eq!(full_times(&q, d(2026, 3, 2)), 2, "one completed before");
    }

    /// 第十九条: ≥5 together with ≥2 on site; ≥10 with ≥5 for A/B; never past the total.
    #[test]
    fn the_split_keeps_the_composition() {
        let c1 = licence("C1");
        assert_eq!(check_split(&c1, 7, 2, 3), Ok(2));
        assert_eq!(check_split(&c1, 7, 5, 0), Ok(2));
        assert_eq!(check_split(&c1, 7, 7, 0), Ok(0));
        assert!(check_split(&c1, 7, 1, 6).is_err_and(|e| e.contains("不得少于2日")));
        assert!(check_split(&c1, 7, 2, 2).is_err_and(|e| e.contains("累计不得少于5日")));
        assert!(check_split(&c1, 7, 4, 4).is_err_and(|e| e.contains("第十八条")));
        let a2 = licence("A2");
        assert_eq!(check_split(&a2, 30, 5, 5), Ok(20));
        assert!(check_split(&a2, 30, 4, 10).is_err_and(|e| e.contains("不得少于5日")));
        assert!(check_split(&a2, 30, 5, 4).is_err_and(|e| e.contains("累计不得少于10日")));
    }

    /// 第十九条: more than 3 hours; 2 h 59 min, and 3 h exactly, do not make a day.
    #[test]
    fn a_day_counts_only_past_three_hours() {
        assert!(!day_counts(179, 180));
        assert!(!day_counts(180, 180));
        assert!(day_counts(181, 180));
        assert!(day_counts(210, 180));
    }

    /// 第二十二条.
    #[test]
    fn a_second_time_adds_the_road_test_and_a_third_the_site_test() {
        assert_eq!(exam_subjects(1), vec![ExamSubject::One]);
        assert_eq!(exam_subjects(2), vec![ExamSubject::One, ExamSubject::Three]);
        assert_eq!(
            exam_subjects(3),
            vec![ExamSubject::One, ExamSubject::Two, ExamSubject::Three]
        );
    }

    /// 第二十九条: noticed on 03-01, the 30th day is 03-31; from 04-01 it is stopped, unless the
    /// education began by 03-31.
    #[test]
    fn a_notice_ignored_for_thirty_days_stops_the_licence() {
        let mut l = licence("C1");
        l.full_points_notice_on = Some(d(2026, 3, 1));
        assert_eq!(stopped_for_ignoring_notice(&l, d(2026, 3, 31)), None);
        assert_eq!(
            stopped_for_ignoring_notice(&l, d(2026, 4, 1)),
            Some(d(2026, 4, 1))
        );
        l.full_points_begun_on = Some(d(2026, 3, 31));
        assert_eq!(stopped_for_ignoring_notice(&l, d(2026, 4, 1)), None);
        l.full_points_begun_on = Some(d(2026, 4, 2));
        assert!(stopped_for_ignoring_notice(&l, d(2026, 4, 3)).is_some());
    }

    #[test]
    fn twelve_points_and_a_detained_licence_qualify() {
        let mut p = with_points(12);
        assert!(qualifies(&p, d(2026, 3, 2)).is_err_and(|e| e.contains("未被扣留")));
        p.licence.as_mut().expect("licence").status = LicenceStatus::Detained;
        assert_eq!(qualifies(&p, d(2026, 3, 2)), Ok(()));
        let q = with_points(11);
        assert!(qualifies(&q, d(2026, 3, 2)).is_err_and(|e| e.contains("未满12分")));
        // Noticed, then the cycle ended during the study: still owed.
        let l = p.licence.as_mut().expect("licence");
        l.full_points_notice_on = Some(d(2026, 5, 20));
        assert_eq!(
            qualifies(&p, d(2026, 6, 20)),
            Ok(()),
            "after the cycle's end"
        );
    }
}
