//! `Date(from, earliest_days, latest_days)`: a typed date within days of a date the business
//! names: today, the licence's expiry, or another date on the page.

use chrono::NaiveDate;

use crate::engine::facts::Facts;
use crate::flow::process::DateFrom;

/// The date the window counts from.
fn base(from: &DateFrom, facts: &Facts) -> Result<NaiveDate, String> {
    match from {
        DateFrom::Today => Ok(facts.today),
        DateFrom::LicenceValidUntil => facts
            .profile
            .licence
            .as_ref()
            .and_then(|l| l.valid_until)
            .ok_or_else(|| "驾驶证为长期有效，没有可延的有效期".to_string()),
        DateFrom::Answer(field) => facts
            .answers
            .get(field)
            .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
            .ok_or_else(|| "请先填写前面的日期".to_string()),
    }
}

/// A typed date: a real date in `YYYY-MM-DD`, between the field's earliest and latest days.
pub(super) fn check(
    text: &str,
    from: &DateFrom,
    facts: &Facts,
    earliest_days: i32,
    latest_days: i32,
) -> Result<String, String> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| "应为 年-月-日 格式的真实日期，例如 2026-03-15".to_string())?;
    let base = base(from, facts)?;
    let shift = |days: i32| {
        base.checked_add_signed(chrono::Duration::days(i64::from(days)))
            .unwrap_or(base)
    };
    let (first, last) = (shift(earliest_days), shift(latest_days));
    if date < first || date > last {
        return Err(format!("应在 {first} 至 {last} 之间"));
    }
    Ok(date.to_string())
}
