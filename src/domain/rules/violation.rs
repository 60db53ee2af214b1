//! Rules about a violation record: whether a camera's record may be decided online, and what
//! its fine costs on a day (《中华人民共和国行政处罚法》第六十七条、第七十二条; R163 Art.13).
//! Amounts are in fen (分), since the late charge of 3 % is not always whole yuan.

use chrono::NaiveDate;

use crate::domain::ledger::points_after_reductions;
use crate::domain::points::FULL_POINTS;
use crate::domain::profile::{LicenceStatus, Profile};
use crate::domain::violation::{Capture, PAYMENT_PERIOD_DAYS, Violation};

/// 行政处罚法 Art.72(1): each day overdue adds 3 % of the fine.
pub const LATE_CHARGE_PERCENT_PER_DAY: u64 = 3;

/// An amount in fen as the app shows it: `200元`, `51.50元`.
pub fn yuan(fen: u64) -> String {
    if fen.is_multiple_of(100) {
        format!("{}元", fen / 100)
    } else {
        format!("{}.{:02}元", fen / 100, fen % 100)
    }
}

/// The last day of the payment period: 15 days after the decision day, the decision day not
/// counted (行政处罚法 Art.67).
pub fn payment_due(decided_on: NaiveDate) -> NaiveDate {
    decided_on + chrono::Duration::days(PAYMENT_PERIOD_DAYS)
}

/// 行政处罚法 Art.72(1): 3 % of the fine for each day after the payment period, never more
/// than the fine itself. Nothing before the decision or within the 15 days.
pub fn late_charge_fen(fine_yuan: u32, decided_on: NaiveDate, today: NaiveDate) -> u64 {
    let fine = u64::from(fine_yuan) * 100;
    let days_late = u64::try_from((today - payment_due(decided_on)).num_days()).unwrap_or(0);
    (fine * LATE_CHARGE_PERCENT_PER_DAY / 100)
        .saturating_mul(days_late)
        .min(fine)
}

/// What paying the record's fine costs today: the fine and any late charge, in fen; `None`
/// when there is nothing to pay (undecided, or paid).
pub fn amount_due_fen(violation: &Violation, today: NaiveDate) -> Option<u64> {
    let decided = violation.decision_date()?;
    (!violation.fine_paid).then(|| {
        u64::from(violation.fine_yuan) * 100 + late_charge_fen(violation.fine_yuan, decided, today)
    })
}

/// Every record of the driver is decided: offices handle a licence business only then (local
/// practice, written in the business files that ask for it).
pub fn all_decided(profile: &Profile) -> Result<(), String> {
    let open = profile.violations.iter().filter(|v| !v.handled).count();
    if open == 0 {
        Ok(())
    } else {
        Err(format!(
            "尚有{open}条交通违法记录未处理，请先在【违法处理业务】中处理"
        ))
    }
}

/// A record may be paid online: decided, with a fine still unpaid.
pub fn fine_payable(violation: &Violation) -> Result<(), String> {
    if !violation.handled {
        return Err("该违法记录尚未处理，请先办理【电子监控违法处理】".into());
    }
    if violation.fine_paid {
        return Err("该违法记录罚款已缴纳".into());
    }
    Ok(())
}

/// A record may be confirmed and decided online (非现场执法): a camera's record not yet
/// decided; an officer's record is decided on the spot or at a window.
pub fn decidable_online(violation: &Violation) -> Result<(), String> {
    if violation.handled {
        return Err("该违法记录已处理".into());
    }
    if violation.captured_by != Capture::Camera {
        return Err("现场执法的违法记录不能网上处理，请到公安交通管理部门窗口处理".into());
    }
    Ok(())
}

/// The driver may take the record's points online: the licence is usable, and the points of
/// the cycle would stay below 12 (at 12 the licence is detained, R163 Art.17, which only a
/// window can do).
pub fn points_acceptable_online(
    profile: &Profile,
    violation: &Violation,
    today: NaiveDate,
) -> Result<(), String> {
    let Some(licence) = profile.licence.as_ref() else {
        return Err("本账号未绑定驾驶证，不能网上接受处理".into());
    };
    let (status, _) = licence.status_on(today);
    if matches!(
        status,
        LicenceStatus::Detained
            | LicenceStatus::Suspended
            | LicenceStatus::Revoked
            | LicenceStatus::Cancelled
            | LicenceStatus::Stopped
    ) {
        return Err(format!(
            "驾驶证状态为{}，不能网上接受处理，请到窗口办理",
            status.label()
        ));
    }
    let after = u32::from(points_after_reductions(profile, today)) + u32::from(violation.points);
    if after >= u32::from(FULL_POINTS) {
        return Err(format!(
            "处理后本记分周期累积记分将达到{after}分（满{FULL_POINTS}分的驾驶证将被扣留），不能网上处理，请到公安交通管理部门窗口处理（《道路交通安全违法行为记分管理办法》第十七条）"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::*;

    fn undecided(points: u8) -> Violation {
        let mut v = violation(d(2026, 2, 20), points);
        v.handled = false;
        v.fine_paid = false;
        v
    }

    /// Art.72: 3 % a day after the 15 days, capped at the fine. 200 元 decided on 03-01:
    /// nothing to 03-16, 6 元 on 03-17, 60 元 on 03-26, and 200 元 from the 34th day on
    /// (34 × 6 = 204 > 200).
    #[test]
    fn the_late_charge_starts_after_fifteen_days_and_never_passes_the_fine() {
        let decided = d(2026, 3, 1);
        assert_eq!(payment_due(decided), d(2026, 3, 16));
        assert_eq!(late_charge_fen(200, decided, d(2026, 3, 1)), 0);
        assert_eq!(late_charge_fen(200, decided, d(2026, 3, 16)), 0);
        assert_eq!(late_charge_fen(200, decided, d(2026, 3, 17)), 600);
        assert_eq!(late_charge_fen(200, decided, d(2026, 3, 26)), 6_000);
        assert_eq!(late_charge_fen(200, decided, d(2026, 4, 18)), 19_800);
        assert_eq!(late_charge_fen(200, decided, d(2026, 4, 19)), 20_000);
        assert_eq!(late_charge_fen(200, decided, d(2027, 3, 1)), 20_000);
        // 50 元 gives 1.50 元 a day.
        assert_eq!(late_charge_fen(50, decided, d(2026, 3, 18)), 300);
        assert_eq!(yuan(300), "3元");
        assert_eq!(yuan(5_150), "51.50元");
    }

    #[test]
    fn the_amount_due_is_the_fine_and_its_late_charge() {
        let mut v = undecided(3);
        assert_eq!(amount_due_fen(&v, d(2026, 3, 1)), None, "undecided");
        v.handled = true;
        v.decided_on = Some(d(2026, 3, 1));
        assert_eq!(amount_due_fen(&v, d(2026, 3, 10)), Some(20_000));
        assert_eq!(amount_due_fen(&v, d(2026, 3, 17)), Some(20_600));
        v.fine_paid = true;
        assert_eq!(amount_due_fen(&v, d(2026, 3, 17)), None, "paid");
    }

    #[test]
    fn an_undecided_record_keeps_the_driver_from_a_licence_business() {
        let mut p = with_points(3);
        assert_eq!(all_decided(&p), Ok(()));
        p.violations.push(undecided(3));
        assert!(all_decided(&p).is_err_and(|e| e.contains("尚有1条")));
    }

    #[test]
    fn only_an_undecided_camera_record_is_decided_online() {
        let mut v = undecided(3);
        assert_eq!(decidable_online(&v), Ok(()));
        v.captured_by = Capture::Officer;
        assert!(decidable_online(&v).is_err_and(|e| e.contains("窗口")));
        v.captured_by = Capture::Camera;
        v.handled = true;
        assert!(decidable_online(&v).is_err());
    }

    /// R163 Art.17: at 12 the licence is detained, which an online decision cannot do.
    #[test]
    fn a_record_that_would_reach_twelve_points_goes_to_a_window() {
        let p = with_points(6);
        let today = d(2026, 3, 2);
        assert_eq!(points_acceptable_online(&p, &undecided(3), today), Ok(()));
        assert_eq!(points_acceptable_online(&p, &undecided(5), today), Ok(()));
        let refused = points_acceptable_online(&p, &undecided(6), today);
        assert!(refused.is_err_and(|e| e.contains("12分") && e.contains("第十七条")));
    }
}
