//! Rules about the driving licence itself: when its renewal is due and when it may be
//! postponed (《机动车驾驶证申领和使用规定》第六十三条、第七十五条、第七十九条). Day counts are
//! natural days and "以内" includes the last day (第一百一十条).

use chrono::{Months, NaiveDate};

use crate::domain::address::City;
use crate::domain::licence_class::{LicenceClass, LicenceClasses};
use crate::domain::profile::{Licence, LicenceStatus, Profile};

/// 期满换证 may be applied for from 90 days before the expiry (第六十三条).
pub const RENEWAL_WINDOW_DAYS: i64 = 90;

/// From this age a driver submits a body certificate every year (第七十四条).
pub const SENIOR_AGE: u32 = 70;

/// A postponement lasts at most three years (第七十五条).
pub const POSTPONEMENT_YEARS: u32 = 3;

/// The renewal is due: within 90 days before the expiry, or expired less than a year ago (a
/// year or more overdue, the licence is cancelled: 第七十九条第八项).
pub fn renewal_due(licence: &Licence, today: NaiveDate) -> Result<(), String> {
    let Some(until) = licence.valid_until else {
        return Err("驾驶证为长期有效，无需期满换证".into());
    };
    let opens = until - chrono::Duration::days(RENEWAL_WINDOW_DAYS);
    if today < opens {
        return Err(format!(
            "有效期满前{RENEWAL_WINDOW_DAYS}日内方可申请，{opens}起可办理"
        ));
    }
    let cancelled_on = until.checked_add_months(Months::new(12)).unwrap_or(until);
    if today >= cancelled_on {
        return Err(format!(
            "驾驶证已于 {until} 期满，超过1年未换证，依法注销；注销未超过2年的，科目一考试合格后可恢复驾驶资格（《机动车驾驶证申领和使用规定》第七十九条）"
        ));
    }
    Ok(())
}

/// 延期换领: the renewal is due, and the licence is neither revoked nor already postponed
/// (第七十五条).
pub fn renewal_postponable(licence: &Licence, today: NaiveDate) -> Result<(), String> {
    not_postponed(licence)?;
    renewal_due(licence, today)
}

/// 延期提交身体证明: the duty exists (70 or older: every year; a C5 licence: every three
/// years, 第七十四条), and the licence is in the window of 第七十五条.
pub fn medical_certificate_postponable(
    profile: &Profile,
    licence: &Licence,
    today: NaiveDate,
) -> Result<(), String> {
    let seventy = profile
        .id_number
        .birth_date()
        .checked_add_months(Months::new(12 * SENIOR_AGE))
        .is_some_and(|birthday| birthday <= today);
    if !seventy && !licence.classes.contains(LicenceClass::C5) {
        return Err(format!(
            "年满{SENIOR_AGE}周岁或持C5驾驶证的驾驶人才须定期提交身体条件证明（《机动车驾驶证申领和使用规定》第七十四条）"
        ));
    }
    not_postponed(licence)?;
    in_postponement_window(licence, today)
}

/// 延期驾驶证审验: the driver must be reviewed (a school-bus driver every cycle, 第九十条; a
/// large or medium class with points this cycle, 第七十二条), and the licence is in the window
/// of 第七十五条. `points` are this cycle's.
pub fn review_postponable(licence: &Licence, points: u8, today: NaiveDate) -> Result<(), String> {
    let large = licence.classes.iter().any(LicenceClass::is_large_or_medium);
    let must_be_reviewed = licence.school_bus_driver || (large && points > 0);
    if !must_be_reviewed {
        return Err("持A1、A2、A3、B1、B2驾驶证且本记分周期有记分的驾驶人、校车驾驶人等须审验的驾驶人才可申请延期审验（《机动车驾驶证申领和使用规定》第七十二条、第九十条）".into());
    }
    not_postponed(licence)?;
    in_postponement_window(licence, today)
}

/// 第七十五条: applied for while the licence is valid or within a year after its expiry.
fn in_postponement_window(licence: &Licence, today: NaiveDate) -> Result<(), String> {
    let Some(until) = licence.valid_until else {
        return Ok(());
    };
    let cancelled_on = until.checked_add_months(Months::new(12)).unwrap_or(until);
    if today >= cancelled_on {
        return Err(format!(
            "驾驶证已于 {until} 期满超过1年，不能申请延期（《机动车驾驶证申领和使用规定》第七十五条）"
        ));
    }
    Ok(())
}

/// Neither revoked nor postponed already.
fn not_postponed(licence: &Licence) -> Result<(), String> {
    match licence.status {
        LicenceStatus::Revoked => Err("驾驶证已被吊销，不能申请延期".into()),
        LicenceStatus::Postponed => {
            let until = licence
                .status_until
                .map_or_else(String::new, |d| format!("至 {d}"));
            Err(format!("驾驶证已延期{until}，延期期满后再办理"))
        }
        _ => Ok(()),
    }
}

/// A 身体条件证明 counts for six months from the day it was made (第六十三条); the 体检网点
/// uploads it, so a driver without one is sent to be examined first.
pub fn medical_certificate_valid(profile: &Profile, today: NaiveDate) -> Result<(), String> {
    let Some(made) = profile.medical_certificate else {
        return Err("未查询到体检网点上传的身体条件证明，请先到就近医疗机构体检网点体检".into());
    };
    let lapses = made.checked_add_months(Months::new(6)).unwrap_or(made);
    if today > lapses {
        return Err(format!(
            "身体条件证明于 {made} 出具，已超过6个月有效期，请重新体检"
        ));
    }
    Ok(())
}

/// 期满换证: the renewal is due and a body certificate is on file (第六十三条).
pub fn renewable(profile: &Profile, licence: &Licence, today: NaiveDate) -> Result<(), String> {
    renewal_due(licence, today)?;
    medical_certificate_valid(profile, today)
}

/// A cancelled or revoked licence is not replaced: a cancelled one is restored by passing
/// 科目一 within two years (第七十九条), a revoked one applied for anew.
pub fn not_cancelled(licence: &Licence, today: NaiveDate) -> Result<(), String> {
    match licence.status_on(today).0 {
        status @ (LicenceStatus::Cancelled | LicenceStatus::Revoked) => Err(format!(
            "驾驶证已{}，不能补换领{}",
            status.label(),
            status
                .meaning()
                .map_or_else(String::new, |m| format!("（{m}）"))
        )),
        _ => Ok(()),
    }
}

/// A card replaced again within `days` of the last is handled at a window, where the office
/// can look into it (第八十三条第二款).
pub fn not_replaced_within(licence: &Licence, today: NaiveDate, days: u32) -> Result<(), String> {
    match licence.reissued_on {
        Some(on) if (today - on).num_days() < i64::from(days) => Err(format!(
            "驾驶证已于 {on} 补换领，{days}日内再次申请的，请携带身份证到车管所窗口办理（《机动车驾驶证申领和使用规定》第八十三条）"
        )),
        _ => Ok(()),
    }
}

/// 遗失补领 is refused while the licence is held by the police (第六十九条).
pub fn not_held(licence: &Licence, today: NaiveDate) -> Result<(), String> {
    match licence.status_on(today).0 {
        LicenceStatus::Detained | LicenceStatus::Suspended => Err(format!(
            "驾驶证被{}期间不能申请补领（《机动车驾驶证申领和使用规定》第六十九条）",
            licence.status.label()
        )),
        _ => Ok(()),
    }
}

/// The age from which a large or medium class is given up (R162 Art.65 as amended by
/// R172: 63).
pub const LARGE_CLASS_AGE: u32 = 63;

/// A licence with a large or medium class (A1 A2 A3 B1 B2) can give it up for C1.
pub fn downgradable(licence: &Licence) -> Result<(), String> {
    if licence.classes.iter().any(LicenceClass::is_large_or_medium) {
        Ok(())
    } else {
        Err("所持准驾车型已无可降低的大中型车型".into())
    }
}

/// 超龄降级: a large or medium class held at 63 or older (第六十五条).
pub fn age_downgrade_due(
    profile: &Profile,
    licence: &Licence,
    today: NaiveDate,
) -> Result<(), String> {
    downgradable(licence)?;
    let birthday = profile
        .id_number
        .birth_date()
        .checked_add_months(Months::new(12 * LARGE_CLASS_AGE))
        .unwrap_or(today);
    if today < birthday {
        return Err(format!(
            "年满{LARGE_CLASS_AGE}周岁后方可办理，{birthday}起可办理"
        ));
    }
    if let Some(notice) = licence.downgrade_notice {
        let last = notice + chrono::Duration::days(DOWNGRADE_NOTICE_DAYS);
        if today > last {
            return Err(format!(
                "车管所已于 {notice} 通知降级换证，超过30日未办理，大中型准驾车型作废，请到车管所窗口办理（第六十五条）"
            ));
        }
    }
    Ok(())
}

/// Days after the office's notice within which an age downgrade is applied for (第六十五条).
pub const DOWNGRADE_NOTICE_DAYS: i64 = 30;

/// The classes after a downgrade: the large and medium ones become C1, the small ones stay
/// (第六十五条).
pub fn downgraded(classes: &LicenceClasses) -> LicenceClasses {
    let mut kept: Vec<LicenceClass> = classes.iter().filter(|c| !c.is_large_or_medium()).collect();
    if !kept.contains(&LicenceClass::C1) {
        kept.push(LicenceClass::C1);
    }
    LicenceClasses::from_classes(kept).unwrap_or_else(|_| classes.clone())
}

/// The term of a renewed licence (第六十二条): six years become ten, and ten become 长期, when
/// no scoring cycle of the term reached 12 points; otherwise the same length again. Counted
/// from the old expiry. `None` is 长期.
pub fn renewed_term(profile: &Profile, licence: &Licence) -> (NaiveDate, Option<NaiveDate>) {
    let (Some(until), from) = (licence.valid_until, licence.valid_from) else {
        return (licence.valid_from, None);
    };
    let years = until.years_since(from).unwrap_or(6);
    let full_cycle = profile
        .full_score_records
        .iter()
        .any(|d| *d >= from && *d <= until);
    let next = match (years, full_cycle) {
        (_, true) => Some(years),
        (0..=6, false) => Some(10),
        (_, false) => None,
    };
    let after = next.map(|y| {
        until
            .checked_add_months(Months::new(12 * y))
            .unwrap_or(until)
    });
    (until, after)
}

/// 转入 goes to another office: the city chosen is not where the licence was issued
/// (第六十四条).
pub fn transfer_destination(licence: &Licence, to: &City) -> Result<(), String> {
    if licence.issuing_authority.starts_with(&to.city) {
        return Err(format!(
            "驾驶证由{}核发，转入地不能是原核发地",
            licence.issuing_authority
        ));
    }
    Ok(())
}

/// The office that issues licences in `city`: a municipality's 公安交通管理局, a city's 交通警察
/// 支队.
pub fn issuing_authority_of(city: &City) -> String {
    if city.province == city.city {
        format!("{}公安局公安交通管理局", city.city)
    } else {
        format!("{}公安局交通警察支队", city.city)
    }
}

/// A postponement ends after `today` and at most three years after it (第七十五条).
pub fn postponement_end(end: NaiveDate, today: NaiveDate) -> Result<(), String> {
    let latest = today
        .checked_add_months(Months::new(12 * POSTPONEMENT_YEARS))
        .unwrap_or(today);
    if end <= today {
        return Err("延期截止日期应晚于今天".into());
    }
    if end > latest {
        return Err(format!(
            "延期最长不超过{POSTPONEMENT_YEARS}年，截止日期不得晚于 {latest}（《机动车驾驶证申领和使用规定》第七十五条）"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence_class::LicenceClasses;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn licence(valid_until: Option<NaiveDate>) -> Licence {
        Licence {
            file_number: "330100123456".into(),
            classes: LicenceClasses::parse("C1").unwrap_or_else(|e| panic!("{e}")),
            first_issued: day(2014, 4, 16),
            valid_from: day(2020, 4, 16),
            valid_until,
            status: LicenceStatus::Normal,
            status_until: None,
            issuing_authority: "杭州市公安局交通警察支队".into(),
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

    /// 第六十三条: 91 days before the expiry is too early, 90 days before is in time.
    #[test]
    fn renewal_opens_90_days_before_the_expiry() {
        let l = licence(Some(day(2026, 7, 1)));
        let early = renewal_due(&l, day(2026, 4, 1)).expect_err("91 days before");
        assert_eq!(early, "有效期满前90日内方可申请，2026-04-02起可办理");
        assert!(renewal_due(&l, day(2026, 4, 2)).is_ok());
    }

    /// 第七十九条第八项 with 第一百一十条: a year "以上" includes the anniversary itself.
    #[test]
    fn a_year_overdue_the_licence_is_cancelled_from_the_anniversary() {
        let l = licence(Some(day(2025, 7, 1)));
        assert!(renewal_due(&l, day(2026, 6, 30)).is_ok());
        let cancelled = renewal_due(&l, day(2026, 7, 1)).expect_err("a year overdue");
        assert!(cancelled.contains("依法注销"), "{cancelled}");
        assert!(renewal_due(&licence(None), day(2026, 7, 1)).is_err());
    }

    /// 第七十五条: at most three years, counted to the same day.
    #[test]
    fn a_postponement_ends_within_three_years() {
        let today = day(2026, 3, 2);
        assert!(postponement_end(day(2029, 3, 2), today).is_ok());
        let long = postponement_end(day(2029, 3, 3), today).expect_err("too long");
        assert!(long.contains("不得晚于 2029-03-02"), "{long}");
        assert!(postponement_end(today, today).is_err());
    }

    fn profile(id_number: &str, classes: &str) -> (Profile, Licence) {
        let text = include_str!("../../../assets/demo/personas/veteran_c1.ron");
        let persona: Profile<crate::domain::profile::DayOffset> =
            ron::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        let mut p = persona.dated(day(2026, 3, 2));
        p.id_number =
            crate::domain::id_number::IdNumber::parse(id_number).unwrap_or_else(|e| panic!("{e}"));
        let mut l = licence(Some(day(2029, 1, 1)));
        l.classes = LicenceClasses::parse(classes).unwrap_or_else(|e| panic!("{e}"));
        (p, l)
    }

    /// 第七十四条: from the 70th birthday itself, or for any C5 holder.
    #[test]
    fn the_body_certificate_duty_starts_on_the_seventieth_birthday() {
        // Born 1954-06-12.
        let (p, l) = profile("110108195406123014", "C1");
        let why = medical_certificate_postponable(&p, &l, day(2024, 6, 11)).expect_err("69");
        assert!(why.contains("第七十四条"), "{why}");
        assert!(medical_certificate_postponable(&p, &l, day(2024, 6, 12)).is_ok());
        let (young, c5) = profile("110105199106142175", "C5");
        assert!(medical_certificate_postponable(&young, &c5, day(2026, 3, 2)).is_ok());
    }

    /// 第七十二条、第九十条: a large class with points, or a school-bus driver.
    #[test]
    fn only_a_driver_who_must_be_reviewed_postpones_the_review() {
        let (_, mut l) = profile("110105199106142175", "A2");
        assert!(review_postponable(&l, 0, day(2026, 3, 2)).is_err());
        assert!(review_postponable(&l, 2, day(2026, 3, 2)).is_ok());
        l.classes = LicenceClasses::parse("C1").unwrap_or_else(|e| panic!("{e}"));
        assert!(review_postponable(&l, 6, day(2026, 3, 2)).is_err());
        l.school_bus_driver = true;
        assert!(review_postponable(&l, 0, day(2026, 3, 2)).is_ok());
        l.valid_until = Some(day(2025, 3, 2));
        assert!(review_postponable(&l, 0, day(2026, 3, 1)).is_ok());
        assert!(
            review_postponable(&l, 0, day(2026, 3, 2)).is_err(),
            "a year after expiry"
        );
    }

    /// 第六十二条: a clean six-year term renews for ten, a clean ten-year term for 长期, a term
    /// with a 12-point cycle for the same length.
    #[test]
    fn a_renewed_term_grows_only_after_a_clean_term() {
        let (mut p, mut l) = profile("110105199106142175", "C1");
        l.valid_from = day(2020, 4, 16);
        l.valid_until = Some(day(2026, 4, 16));
        assert_eq!(
            renewed_term(&p, &l),
            (day(2026, 4, 16), Some(day(2036, 4, 16)))
        );
        p.full_score_records = vec![day(2023, 9, 1)];
        assert_eq!(
            renewed_term(&p, &l),
            (day(2026, 4, 16), Some(day(2032, 4, 16)))
        );
        p.full_score_records.clear();
        l.valid_from = day(2016, 4, 16);
        assert_eq!(renewed_term(&p, &l), (day(2026, 4, 16), None));
    }

    /// 第六十三条: six months from the day it was made, that day included.
    #[test]
    fn a_body_certificate_counts_for_six_months() {
        let (mut p, _) = profile("110105199106142175", "C1");
        assert!(medical_certificate_valid(&p, day(2026, 3, 2)).is_err());
        p.medical_certificate = Some(day(2025, 9, 2));
        assert!(medical_certificate_valid(&p, day(2026, 3, 2)).is_ok());
        let lapsed = medical_certificate_valid(&p, day(2026, 3, 3)).expect_err("6 months + 1 day");
        assert!(lapsed.contains("超过6个月"), "{lapsed}");
    }

    /// 第六十九条: not while detained; 第六十五条: A2 becomes C1 from the 63rd birthday.
    #[test]
    fn a_held_licence_is_not_replaced_and_a_large_class_is_given_up_at_63() {
        let (p, mut l) = profile("110108195406123014", "A2");
        assert!(not_held(&l, day(2026, 3, 2)).is_ok());
        l.status = LicenceStatus::Detained;
        assert!(
            not_held(&l, day(2026, 3, 2))
                .expect_err("detained")
                .contains("第六十九条")
        );
        // Born 1954-06-12: 63 on 2017-06-12.
        assert!(age_downgrade_due(&p, &l, day(2017, 6, 11)).is_err());
        assert!(age_downgrade_due(&p, &l, day(2017, 6, 12)).is_ok());
        // Notified on 2017-06-20: the 30th day after it still counts, the 31st does not.
        l.downgrade_notice = Some(day(2017, 6, 20));
        assert!(age_downgrade_due(&p, &l, day(2017, 7, 20)).is_ok());
        let late = age_downgrade_due(&p, &l, day(2017, 7, 21)).expect_err("day 31");
        assert!(late.contains("作废"), "{late}");
        assert_eq!(downgraded(&l.classes).to_string(), "C1");
        let a2d = LicenceClasses::parse("A2D").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(downgraded(&a2d).to_string(), "C1D");
        let c1 = LicenceClasses::parse("C1").unwrap_or_else(|e| panic!("{e}"));
        assert!(downgradable(&Licence { classes: c1, ..l }).is_err());
    }

    /// 第六十四条: to another office, whose name the new card carries.
    #[test]
    fn a_transfer_goes_to_another_office() {
        let (_, l) = profile("110105199106142175", "C1");
        let hangzhou = City::parse("浙江省/杭州市").unwrap_or_else(|| panic!("a city"));
        assert!(
            transfer_destination(&l, &hangzhou).is_err(),
            "issued in 杭州"
        );
        let beijing = City::parse("北京市/北京市").unwrap_or_else(|| panic!("a city"));
        assert!(transfer_destination(&l, &beijing).is_ok());
        assert_eq!(issuing_authority_of(&beijing), "北京市公安局公安交通管理局");
        let shenzhen = City::parse("广东省/深圳市").unwrap_or_else(|| panic!("a city"));
        assert_eq!(issuing_authority_of(&shenzhen), "深圳市公安局交通警察支队");
    }

    /// 第八十三条: within the window a replacement goes to a window; from its last day again.
    #[test]
    fn a_card_replaced_again_soon_goes_to_a_window() {
        let mut l = licence(Some(day(2030, 1, 1)));
        assert!(not_replaced_within(&l, day(2026, 3, 2), 180).is_ok());
        l.reissued_on = Some(day(2026, 1, 1));
        assert!(not_replaced_within(&l, day(2026, 6, 29), 180).is_err());
        assert!(not_replaced_within(&l, day(2026, 6, 30), 180).is_ok());
    }

    #[test]
    fn a_postponed_or_revoked_licence_is_not_postponed_again() {
        let mut l = licence(Some(day(2026, 4, 1)));
        l.status = LicenceStatus::Postponed;
        l.status_until = Some(day(2027, 1, 1));
        let again = renewal_postponable(&l, day(2026, 3, 2)).expect_err("postponed");
        assert!(again.contains("已延期至 2027-01-01"), "{again}");
        l.status = LicenceStatus::Revoked;
        assert!(renewal_postponable(&l, day(2026, 3, 2)).is_err());
    }
}
