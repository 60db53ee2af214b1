//! `Date(earliest_days, latest_days)`: a typed date within days of today.

/// A typed date: a real date in `YYYY-MM-DD`, between the field's earliest and latest days.
pub(super) fn check(
    text: &str,
    today: chrono::NaiveDate,
    earliest_days: i32,
    latest_days: i32,
) -> Result<String, String> {
    let date = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| "应为 年-月-日 格式的真实日期，例如 2026-03-15".to_string())?;
    let shift = |days: i32| {
        today
            .checked_add_signed(chrono::Duration::days(i64::from(days)))
            .unwrap_or(today)
    };
    let (first, last) = (shift(earliest_days), shift(latest_days));
    if date < first || date > last {
        return Err(format!("应在 {first} 至 {last} 之间"));
    }
    Ok(date.to_string())
}
