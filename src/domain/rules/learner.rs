//! Rules about a learner's 学习驾驶证明.

use chrono::NaiveDate;

use crate::domain::profile::LearnerPermit;

/// The permit is valid for three years from its issue, and the tests must be passed within
/// it: once it has lapsed the subjects already passed are void (《机动车驾驶证申领和使用规定》
/// 第四十一条). Its last day still counts.
pub fn permit_valid(permit: &LearnerPermit, today: NaiveDate) -> Result<(), String> {
    if today > permit.valid_until {
        Err(format!(
            "学习驾驶证明已于 {} 过期，已合格的科目成绩作废，须重新申请（《机动车驾驶证申领和使用规定》第四十一条）",
            permit.valid_until
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence_class::LicenceClasses;

    fn permit(valid_until: NaiveDate) -> LearnerPermit {
        LearnerPermit {
            number: "110000202400123".into(),
            classes: LicenceClasses::parse("C1").unwrap_or_else(|e| panic!("{e}")),
            issued_on: NaiveDate::from_ymd_opt(2023, 6, 1).unwrap_or_default(),
            valid_until,
            school: "北京东方时尚驾驶学校".into(),
        }
    }

    #[test]
    fn a_permit_counts_through_its_last_day() {
        let last = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default();
        assert!(permit_valid(&permit(last), last).is_ok());
        let refused =
            permit_valid(&permit(last), last.succ_opt().unwrap_or_default()).expect_err("lapsed");
        assert!(refused.contains("2026-06-01 过期") && refused.contains("第四十一条"));
    }
}
