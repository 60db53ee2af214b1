//! `Derived(value)`: a value worked out by a named rule from the profile and the other answers,
//! shown on the page and kept as the answer; the engine accepts only the value it works out.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::profile::Profile;
use crate::domain::rules::full_points;
use crate::engine::facts::Facts;
use crate::flow::process::DerivedValue;

/// The value the rule gives for `profile` on `today` over `answers`, `None` while what it reads
/// is not answered.
pub fn value(
    derived: &DerivedValue,
    profile: &Profile,
    today: NaiveDate,
    answers: &BTreeMap<String, String>,
) -> Option<u32> {
    match derived {
        DerivedValue::FullPointsStudyDays => {
            let licence = profile.licence.as_ref()?;
            let times = full_points::full_times(profile, today);
            Some(full_points::study_days(licence, times))
        }
        DerivedValue::Remainder { of, less } => {
            let number = |field: &String| answers.get(field)?.trim().parse::<u32>().ok();
            let total = number(of)?;
            // Never below zero: a split over the total is the page check's to refuse.
            less.iter().try_fold(total, |left, field| {
                Some(left.saturating_sub(number(field)?))
            })
        }
    }
}

/// The answer matches the rule's value.
pub(super) fn check(derived: &DerivedValue, typed: &str, facts: &Facts) -> Result<String, String> {
    match value(derived, facts.profile, facts.today, facts.answers) {
        Some(v) if typed.trim() == v.to_string() => Ok(v.to_string()),
        Some(v) => Err(format!("应为{v}（自动计算，不可修改）")),
        None => Err("无法计算，请先填写前面的项目".to_string()),
    }
}
