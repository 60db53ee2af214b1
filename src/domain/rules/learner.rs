//! Rules about a learner's 学习驾驶证明 and the driving tests booked against it
//! (《机动车驾驶证申领和使用规定》第三十八条至第四十七条、第六十二条). Days are natural days
//! unless the article counts working days (第一百一十条: only 一日、三日、五日 are working days).

use chrono::{Days, Months, NaiveDate};

use crate::domain::address::City;
use crate::domain::calendar::WorkCalendar;
use crate::domain::driving_test::{ExamSubject, Sitting, SittingResult, pass_mark};
use crate::domain::licence_class::{ClassCategory, LicenceClass, LicenceClasses};
use crate::domain::profile::{LearnerPermit, Licence, LicenceStatus, Profile};

use super::licence::issuing_authority_of;

/// The article every refusal here cites.
const R162: &str = "《机动车驾驶证申领和使用规定》";

/// The permit is valid for three years from its issue, and the tests must be passed within
/// it: once it has lapsed the subjects already passed are void (第四十一条). Its last day still
/// counts. A permit whose subjects were voided by a fifth failure (第四十七条) is no longer
/// usable either.
pub fn permit_valid(permit: &LearnerPermit, today: NaiveDate) -> Result<(), String> {
    if let Some(on) = permit.voided_on {
        return Err(format!(
            "第5次预约考试仍不合格，已考试合格的其他科目成绩已于 {on} 作废，须重新申请考试（{R162}第四十七条）"
        ));
    }
    match permit.valid_until {
        Some(until) if today > until => Err(format!(
            "学习驾驶证明已于 {until} 过期，已合格的科目成绩作废，须重新申请（{R162}第四十一条）"
        )),
        _ => Ok(()),
    }
}

/// The last day of a permit issued on `issued_on` (第四十一条): three years, but not past the
/// day before the learner reaches the upper age of a class learned (第十四条 as amended by
/// 公安部令第172号).
pub fn permit_term(issued_on: NaiveDate, birth: NaiveDate, classes: &LicenceClasses) -> NaiveDate {
    let three_years = issued_on
        .checked_add_months(Months::new(36))
        .unwrap_or(issued_on);
    let age_cap = classes
        .iter()
        .filter_map(LicenceClass::upper_age)
        .min()
        .and_then(|age| birth.checked_add_months(Months::new(12 * age)))
        .and_then(|birthday| birthday.pred_opt());
    age_cap.map_or(three_years, |cap| three_years.min(cap))
}

/// Whether the holder already drives a car class (A, B or C), which shortens the 科目三 wait
/// of a large class being added (第四十四条).
pub fn holds_car_licence(licence: Option<&Licence>) -> bool {
    licence.is_some_and(|l| {
        l.classes
            .iter()
            .any(|c| c.code().starts_with(['A', 'B', 'C']))
    })
}

/// Natural days after the permit's issue before `subject` may be booked, for one class
/// (第四十三条 for 科目二, 第四十四条 for 科目三). Classes the articles do not list wait none.
pub fn waiting_days(subject: ExamSubject, class: LicenceClass, adds_to_car_licence: bool) -> u32 {
    use LicenceClass::*;
    match (subject, class) {
        (ExamSubject::One, _) => 0,
        (ExamSubject::Two, C1 | C2 | C3 | C4 | C5 | M | N | P) => 10,
        (ExamSubject::Two, A1 | A2 | A3 | B1 | B2 | C6) => 20,
        (ExamSubject::Three, C2 | C3 | C4 | C5) => 20,
        (ExamSubject::Three, C1 | M | N | P) => 30,
        (ExamSubject::Three, A1 | A2 | A3 | B1 | B2) if adds_to_car_licence => 30,
        (ExamSubject::Three, A1 | A2 | A3 | B1 | B2) => 40,
        (ExamSubject::Two | ExamSubject::Three, C6 | D | E | F) => 0,
    }
}

/// The first day `subject` may be booked on the permit, by the longest wait of its classes.
pub fn opens_on(
    permit: &LearnerPermit,
    subject: ExamSubject,
    licence: Option<&Licence>,
) -> Option<NaiveDate> {
    let issued = permit.issued_on?;
    let adds = holds_car_licence(licence);
    let wait = permit
        .classes
        .iter()
        .map(|c| waiting_days(subject, c, adds))
        .max()
        .unwrap_or(0);
    issued.checked_add_days(Days::new(u64::from(wait)))
}

/// Bookings of 科目二 and of 科目三 per permit (第四十七条).
pub const BOOKINGS_PER_SUBJECT: u32 = 5;

/// Natural days after failing a skills test (both attempts) before it is booked again
/// (第四十七条).
pub const REBOOK_AFTER_FAILING_DAYS: u64 = 10;

/// Whether `subject` may be booked today, naming the rule and the day it opens when not:
/// 科目一 first (第三十九条); the waits of 第四十三条、第四十四条; five bookings of each skills
/// test (第四十七条); ten days after failing one (第四十七条).
pub fn subject_bookable(
    permit: &LearnerPermit,
    subject: ExamSubject,
    licence: Option<&Licence>,
    today: NaiveDate,
) -> Result<(), String> {
    permit_valid(permit, today)?;
    if permit.passed(subject) {
        return Err(format!("{}已考试合格，无需再预约", subject.label()));
    }
    if subject == ExamSubject::One {
        return Ok(());
    }
    let Some(opens) = opens_on(permit, subject, licence) else {
        return Err(format!(
            "科目一考试合格、取得学习驾驶证明后方可预约{}（{R162}第三十九条、第四十条）",
            subject.label()
        ));
    };
    if today < opens {
        let article = if subject == ExamSubject::Two {
            "第四十三条"
        } else {
            "第四十四条"
        };
        let days = (opens - permit.issued_on.unwrap_or(opens)).num_days();
        return Err(format!(
            "{}须在取得学习驾驶证明满{days}日后预约，{opens} 起可以预约（{R162}{article}）",
            subject.label()
        ));
    }
    if permit.bookings_used(subject) >= BOOKINGS_PER_SUBJECT {
        return Err(format!(
            "{}在学习驾驶证明有效期内已预约{BOOKINGS_PER_SUBJECT}次，不能再预约（{R162}第四十七条）",
            subject.label()
        ));
    }
    let last_failed = permit
        .sittings
        .iter()
        .rev()
        .find(|s| s.subject == subject)
        .filter(|s| s.result != SittingResult::Passed);
    if let Some(failed) = last_failed {
        let again = failed
            .on
            .checked_add_days(Days::new(REBOOK_AFTER_FAILING_DAYS))
            .unwrap_or(failed.on);
        if today < again {
            return Err(format!(
                "{}于 {} 考试不合格，须10日后重新预约，{again} 起可以预约（{R162}第四十七条）",
                subject.label(),
                failed.on
            ));
        }
    }
    Ok(())
}

/// The last day a booking for an exam on `exam_day` can be cancelled online: the working day
/// before it (第四十六条: 提前一日; 第一百一十条: 一日 is a working day).
pub fn cancellation_cut_off(exam_day: NaiveDate, calendar: &WorkCalendar) -> NaiveDate {
    let mut day = exam_day.pred_opt().unwrap_or(exam_day);
    while !calendar.is_working_day(day) {
        match day.pred_opt() {
            Some(before) => day = before,
            None => break,
        }
    }
    day
}

/// A booking is cancelled online at least one working day before the exam (第四十六条); after
/// the cut-off only a 车管所 window can cancel it, and an exam missed counts as failed.
pub fn booking_cancellable(
    exam_day: NaiveDate,
    today: NaiveDate,
    calendar: &WorkCalendar,
) -> Result<(), String> {
    let cut_off = cancellation_cut_off(exam_day, calendar);
    if today > cut_off {
        return Err(format!(
            "考试日期为 {exam_day}，网上取消须在考试前1个工作日（{cut_off}）及以前办理，已过截止时间，请到车管所窗口办理；未取消又未参加考试的，判定该次考试不合格（{R162}第四十六条）"
        ));
    }
    Ok(())
}

/// The result of a sitting from its scores: passed when an attempt reaches the pass mark
/// (第三十八条); absent when there are none (第四十六条).
pub fn sitting_result(
    subject: ExamSubject,
    classes: &LicenceClasses,
    scores: &[u32],
) -> SittingResult {
    let mark = pass_mark(subject, classes);
    if scores.is_empty() {
        SittingResult::Absent
    } else if scores.iter().any(|s| *s >= mark) {
        SittingResult::Passed
    } else {
        SittingResult::Failed
    }
}

/// What a sitting changes on the learner's file.
#[derive(Debug, Clone, PartialEq)]
pub struct AfterSitting {
    /// The permit with the sitting added (and issued, or voided); `None` once licensed.
    pub permit: Option<LearnerPermit>,
    /// The licence when the last subject was passed: new, or with the class added.
    pub licence: Option<Licence>,
}

/// The learner's file after `sitting`:
/// - 科目一 passed issues the 学习驾驶证明 that day (第四十条: within one working day), valid
///   per `permit_term`;
/// - the fifth failure of a skills test voids the subjects passed (第四十七条);
/// - the last subject passed issues the licence that day (第六十条): a first licence valid six
///   years (第六十二条) with its 实习期 from then (第七十六条), or the class added to the one
///   held (增驾), on a new card.
pub fn after_sitting(profile: &Profile, permit: &LearnerPermit, sitting: &Sitting) -> AfterSitting {
    let mut permit = permit.clone();
    permit.sittings.push(sitting.clone());
    let day = sitting.on;
    let passed = sitting.result == SittingResult::Passed;
    if passed && sitting.subject == ExamSubject::One && permit.issued_on.is_none() {
        permit.issued_on = Some(day);
        permit.valid_until = Some(permit_term(
            day,
            profile.id_number.birth_date(),
            &permit.classes,
        ));
    }
    if !passed
        && sitting.subject.booking_capped()
        && permit.bookings_used(sitting.subject) >= BOOKINGS_PER_SUBJECT
    {
        permit.voided_on = Some(day);
    }
    if !ExamSubject::ALL.iter().all(|s| permit.passed(*s)) {
        return AfterSitting {
            permit: Some(permit),
            licence: None,
        };
    }
    let licence = match &profile.licence {
        Some(held) => {
            let classes = LicenceClasses::from_classes(
                held.classes
                    .iter()
                    .chain(permit.classes.iter())
                    .fold(Vec::new(), |mut all, c| {
                        if !all.contains(&c) {
                            all.push(c);
                        }
                        all
                    }),
            )
            .unwrap_or_else(|_| held.classes.clone());
            let new_category = classes.iter().any(|c| {
                c.category() != ClassCategory::Other
                    && !held.classes.iter().any(|h| h.category() == c.category())
            });
            Licence {
                classes,
                reissued_on: Some(day),
                e_licence: None,
                category_added_on: if new_category {
                    Some(day)
                } else {
                    held.category_added_on
                },
                ..held.clone()
            }
        }
        None => {
            let city = City {
                province: profile.address.province.clone(),
                city: profile.address.city.clone(),
            };
            Licence {
                file_number: file_number_of(&permit.number),
                classes: permit.classes.clone(),
                first_issued: day,
                valid_from: day,
                valid_until: day.checked_add_months(Months::new(12 * FIRST_TERM_YEARS)),
                status: LicenceStatus::Normal,
                status_until: None,
                issuing_authority: issuing_authority_of(&city),
                school_bus_driver: false,
                photo_on_file: true,
                e_licence: None,
                reissued_on: None,
                downgrade_notice: None,
                category_added_on: None,
                reviewed_cycles: Vec::new(),
                full_points_notice_on: None,
                full_points_begun_on: None,
            }
        }
    };
    AfterSitting {
        permit: None,
        licence: Some(licence),
    }
}

/// A first licence is valid six years (第六十二条).
pub const FIRST_TERM_YEARS: u32 = 6;

/// The 档案编号 (12 digits) the office gives a new driver: the last twelve digits of the
/// application's number, padded with zeros when it is shorter.
fn file_number_of(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let tail: String = digits
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{tail:0>12}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::profile::DayOffset;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn classes(code: &str) -> LicenceClasses {
        LicenceClasses::parse(code).unwrap_or_else(|e| panic!("{e}"))
    }

    fn permit(code: &str, issued_on: Option<NaiveDate>) -> LearnerPermit {
        LearnerPermit {
            number: "440100202500381".into(),
            classes: classes(code),
            accepted_on: day(2026, 10, 1),
            issued_on,
            valid_until: issued_on.map(|d| d + chrono::Duration::days(3 * 365)),
            school: "广州市白云驾驶培训有限公司".into(),
            sittings: Vec::new(),
            unallocated: 0,
            voided_on: None,
        }
    }

    fn sat(subject: ExamSubject, on: NaiveDate, result: SittingResult) -> Sitting {
        Sitting {
            subject,
            on,
            scores: Vec::new(),
            result,
            application: None,
        }
    }

    fn learner() -> Profile {
        let text = include_str!("../../../assets/demo/personas/probation_driver.ron");
        let persona: Profile<DayOffset> = ron::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        let mut profile = persona.dated(day(2026, 12, 1));
        profile.licence = None;
        profile
    }

    #[test]
    fn a_permit_counts_through_its_last_day() {
        let mut p = permit("C1", Some(day(2023, 6, 1)));
        p.valid_until = Some(day(2026, 6, 1));
        assert!(permit_valid(&p, day(2026, 6, 1)).is_ok());
        let refused = permit_valid(&p, day(2026, 6, 2)).expect_err("lapsed");
        assert!(refused.contains("2026-06-01 过期") && refused.contains("第四十一条"));
    }

    #[test]
    fn subject_two_opens_on_the_tenth_day_for_c1_and_the_twentieth_for_a2() {
        let c1 = permit("C1", Some(day(2026, 11, 19)));
        let why = subject_bookable(&c1, ExamSubject::Two, None, day(2026, 11, 28)).expect_err("9");
        assert!(
            why.contains("满10日") && why.contains("2026-11-29 起") && why.contains("第四十三条"),
            "{why}"
        );
        assert!(subject_bookable(&c1, ExamSubject::Two, None, day(2026, 11, 29)).is_ok());
        let a2 = permit("A2", Some(day(2026, 11, 1)));
        assert!(subject_bookable(&a2, ExamSubject::Two, None, day(2026, 11, 20)).is_err());
        assert!(subject_bookable(&a2, ExamSubject::Two, None, day(2026, 11, 21)).is_ok());
    }

    #[test]
    fn subject_three_waits_by_class_and_less_when_adding_to_a_car_licence() {
        assert_eq!(
            waiting_days(ExamSubject::Three, LicenceClass::C2, false),
            20
        );
        assert_eq!(
            waiting_days(ExamSubject::Three, LicenceClass::C1, false),
            30
        );
        assert_eq!(
            waiting_days(ExamSubject::Three, LicenceClass::B2, false),
            40
        );
        assert_eq!(waiting_days(ExamSubject::Three, LicenceClass::B2, true), 30);
        assert_eq!(waiting_days(ExamSubject::Two, LicenceClass::D, false), 0);
        let c1 = permit("C1", Some(day(2026, 11, 19)));
        let why =
            subject_bookable(&c1, ExamSubject::Three, None, day(2026, 12, 1)).expect_err("early");
        assert!(
            why.contains("2026-12-19 起") && why.contains("第四十四条"),
            "{why}"
        );
    }

    #[test]
    fn the_skills_tests_need_subject_one_first() {
        let fresh = permit("C1", None);
        assert!(subject_bookable(&fresh, ExamSubject::One, None, day(2026, 12, 1)).is_ok());
        let why = subject_bookable(&fresh, ExamSubject::Two, None, day(2026, 12, 1))
            .expect_err("no permit");
        assert!(
            why.contains("科目一考试合格") && why.contains("第三十九条"),
            "{why}"
        );
    }

    #[test]
    fn the_fifth_booking_is_the_last_and_its_failure_voids_the_passed_subjects() {
        let mut p = permit("C1", Some(day(2026, 6, 1)));
        p.sittings.push(sat(
            ExamSubject::One,
            day(2026, 6, 1),
            SittingResult::Passed,
        ));
        for k in 0..4 {
            p.sittings.push(sat(
                ExamSubject::Two,
                day(2026, 7, 1 + k * 3),
                SittingResult::Failed,
            ));
        }
        assert_eq!(p.bookings_used(ExamSubject::Two), 4);
        assert!(subject_bookable(&p, ExamSubject::Two, None, day(2026, 12, 1)).is_ok());
        let fifth = sat(ExamSubject::Two, day(2026, 12, 10), SittingResult::Failed);
        let after = after_sitting(&learner(), &p, &fifth);
        let voided = after.permit.expect("still a file");
        assert_eq!(voided.voided_on, Some(day(2026, 12, 10)));
        assert!(!voided.passed(ExamSubject::One), "科目一 is void too");
        let why =
            subject_bookable(&voided, ExamSubject::Two, None, day(2027, 1, 1)).expect_err("voided");
        assert!(why.contains("第四十七条"), "{why}");
    }

    #[test]
    fn a_failed_skills_test_is_booked_again_after_ten_days() {
        let mut p = permit("C1", Some(day(2026, 6, 1)));
        p.sittings.push(sat(
            ExamSubject::Two,
            day(2026, 12, 1),
            SittingResult::Absent,
        ));
        let why = subject_bookable(&p, ExamSubject::Two, None, day(2026, 12, 10)).expect_err("9");
        assert!(why.contains("2026-12-11 起"), "{why}");
        assert!(subject_bookable(&p, ExamSubject::Two, None, day(2026, 12, 11)).is_ok());
    }

    #[test]
    fn the_cut_off_is_the_working_day_before_the_exam() {
        let calendar = WorkCalendar::default();
        // 2026-12-14 is a Monday: the cut-off is Friday the 11th.
        assert_eq!(
            cancellation_cut_off(day(2026, 12, 14), &calendar),
            day(2026, 12, 11)
        );
        assert!(booking_cancellable(day(2026, 12, 14), day(2026, 12, 11), &calendar).is_ok());
        let why = booking_cancellable(day(2026, 12, 14), day(2026, 12, 12), &calendar)
            .expect_err("Saturday is too late");
        assert!(why.contains("窗口") && why.contains("第四十六条"), "{why}");
        assert_eq!(
            cancellation_cut_off(day(2026, 12, 16), &calendar),
            day(2026, 12, 15)
        );
    }

    #[test]
    fn the_term_is_three_years_capped_by_the_age_limit() {
        let issued = day(2026, 12, 1);
        assert_eq!(
            permit_term(issued, day(2000, 1, 1), &classes("C1")),
            day(2029, 12, 1)
        );
        // An A2 learner born 1964-03-10 turns 63 on 2027-03-10.
        assert_eq!(
            permit_term(issued, day(1964, 3, 10), &classes("A2")),
            day(2027, 3, 9)
        );
    }

    #[test]
    fn passing_the_last_subject_issues_a_first_licence_for_six_years() {
        let mut p = permit("C1", Some(day(2026, 6, 1)));
        p.sittings.push(sat(
            ExamSubject::One,
            day(2026, 6, 1),
            SittingResult::Passed,
        ));
        p.sittings.push(sat(
            ExamSubject::Two,
            day(2026, 7, 1),
            SittingResult::Passed,
        ));
        let last = sat(ExamSubject::Three, day(2026, 12, 1), SittingResult::Passed);
        let after = after_sitting(&learner(), &p, &last);
        assert!(after.permit.is_none());
        let licence = after.licence.expect("licensed");
        assert_eq!(licence.first_issued, day(2026, 12, 1));
        assert_eq!(licence.valid_until, Some(day(2032, 12, 1)));
        assert_eq!(licence.classes.to_string(), "C1");
        assert_eq!(licence.file_number, "100202500381");
        assert_eq!(licence.issuing_authority, "广州市公安局交通警察支队");
    }

    #[test]
    fn subject_one_passed_issues_the_permit_that_day() {
        let p = permit("C1", None);
        let pass = sat(ExamSubject::One, day(2026, 12, 1), SittingResult::Passed);
        let after = after_sitting(&learner(), &p, &pass);
        let issued = after.permit.expect("a permit");
        assert_eq!(issued.issued_on, Some(day(2026, 12, 1)));
        assert_eq!(issued.valid_until, Some(day(2029, 12, 1)));
    }

    #[test]
    fn a_sitting_passes_when_either_attempt_reaches_the_mark() {
        let c1 = classes("C1");
        assert_eq!(
            sitting_result(ExamSubject::Two, &c1, &[70, 80]),
            SittingResult::Passed
        );
        assert_eq!(
            sitting_result(ExamSubject::Two, &c1, &[79, 60]),
            SittingResult::Failed
        );
        assert_eq!(
            sitting_result(ExamSubject::Two, &classes("B2"), &[80]),
            SittingResult::Failed
        );
        assert_eq!(
            sitting_result(ExamSubject::One, &c1, &[]),
            SittingResult::Absent
        );
    }
}
