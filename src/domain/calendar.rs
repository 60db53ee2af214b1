//! Working days in mainland China: weekends and the State Council's public holidays are off,
//! the 调休 Saturdays and Sundays it declares are on.
//!
//! Why: R162 counts its "一日/三日/五日" periods in working days, the simulated police review
//! finishes "within 1 working day", and R163 Art.36 moves a natural-day period that ends on a
//! holiday to the next working day. The simulated clock needs all three, and the dates are facts
//! published year by year (`assets/calendar/holidays.ron`), not something to compute.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

/// Nesting deeper than the calendar file needs; bounds stack use on a damaged file.
const RECURSION_LIMIT: usize = 64;

/// The holiday arrangement of one year, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearPlan {
    pub year: i32,
    /// `true` when the State Council has not published this year yet and the file holds only the
    /// statutory days (no 调休): trainers should replace it once the notice is out.
    pub provisional: bool,
    /// Where the dates come from (the notice's title and number), shown to trainers.
    pub source: String,
    /// Free remark, e.g. why the year is provisional.
    #[serde(default)]
    pub note: String,
    pub holidays: Vec<Holiday>,
    /// Saturdays and Sundays declared working days (调休上班).
    #[serde(deserialize_with = "iso_dates")]
    pub make_up_workdays: Vec<NaiveDate>,
}

/// One named holiday and every day off it spans (including weekend days inside it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub name: String,
    #[serde(deserialize_with = "iso_dates")]
    pub days: Vec<NaiveDate>,
}

/// `"2025-01-01"` strings, with a Chinese message for a trainer's typo (chrono's own is English).
fn iso_dates<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<NaiveDate>, D::Error> {
    Vec::<String>::deserialize(deserializer)?
        .iter()
        .map(|text| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                D::Error::custom(format!(
                    "日期 {text} 无效，应写成 年-月-日，例如 2025-01-31，且该日确实存在"
                ))
            })
        })
        .collect()
}

/// The file layout; [`WorkCalendar`] is built from it only after validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    years: Vec<YearPlan>,
}

/// Which days are working days. Deserializing (with any RON reader) validates the data, so a
/// `WorkCalendar` never holds a date both off and on, or a 调休 day on a weekday. The default
/// knows no holidays: plain Monday to Friday.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(try_from = "CalendarFile")]
pub struct WorkCalendar {
    years: BTreeMap<i32, YearPlan>,
    /// Every day off, with the index of its year's holiday in `years[year].holidays`.
    days_off: BTreeMap<NaiveDate, (i32, usize)>,
    make_up: BTreeSet<NaiveDate>,
}

impl TryFrom<CalendarFile> for WorkCalendar {
    type Error = String;

    fn try_from(file: CalendarFile) -> Result<Self, String> {
        let mut years = BTreeMap::new();
        let mut days_off: BTreeMap<NaiveDate, (i32, usize)> = BTreeMap::new();
        let mut make_up = BTreeSet::new();
        for plan in file.years {
            let year = plan.year;
            if years.contains_key(&year) {
                return Err(format!("{year}年出现了不止一次"));
            }
            for (index, holiday) in plan.holidays.iter().enumerate() {
                if holiday.name.trim().is_empty() {
                    return Err(format!("{year}年有一个节日没有名称"));
                }
                for &day in &holiday.days {
                    if day.year() != year {
                        return Err(format!(
                            "{year}年的{}含有日期 {day}，不在{year}年内",
                            holiday.name
                        ));
                    }
                    if let Some(&(_, other)) = days_off.get(&day) {
                        // Years are unique, so an earlier day of this year is from this plan.
                        let other_name = plan.holidays.get(other).map_or("", |h| h.name.as_str());
                        return Err(format!(
                            "{day} 重复列为放假日（{other_name}、{}）",
                            holiday.name
                        ));
                    }
                    days_off.insert(day, (year, index));
                }
            }
            for &day in &plan.make_up_workdays {
                if day.year() != year {
                    return Err(format!("{year}年的调休上班日 {day} 不在{year}年内"));
                }
                if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    return Err(format!(
                        "调休上班日 {day} 是{}，只有周六、周日才需要列为调休上班",
                        weekday_name(day.weekday())
                    ));
                }
                if days_off.contains_key(&day) {
                    return Err(format!("{day} 不能既是放假日又是调休上班日"));
                }
                if !make_up.insert(day) {
                    return Err(format!("调休上班日 {day} 重复列出"));
                }
            }
            years.insert(year, plan);
        }
        Ok(Self {
            years,
            days_off,
            make_up,
        })
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

impl WorkCalendar {
    /// Reads and validates a calendar file (`assets/calendar/holidays.ron`). The error is a
    /// Chinese message with the line and column, for the trainer who edited the file.
    pub fn from_ron(text: &str) -> Result<WorkCalendar, String> {
        ron::Options::default()
            .with_recursion_limit(RECURSION_LIMIT)
            .from_str::<WorkCalendar>(text)
            .map_err(|e| {
                format!(
                    "节假日文件第{}行第{}列：{}",
                    e.span.start.line, e.span.start.col, e.code
                )
            })
    }

    /// Whether the file has `date`'s year. Outside it only weekends are known, so callers can
    /// warn that a deadline ignores holidays.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.years.contains_key(&date.year())
    }

    /// The arrangement of one year, e.g. to show its source or that it is provisional.
    pub fn year(&self, year: i32) -> Option<&YearPlan> {
        self.years.get(&year)
    }

    /// Whether government offices work on `date`: a 调休 day is on, a holiday is off, otherwise
    /// Monday to Friday. Years not in the file fall back to plain Monday to Friday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.make_up.contains(&date) {
            return true;
        }
        if self.days_off.contains_key(&date) {
            return false;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The holiday `date` belongs to (e.g. "春节"), to explain to the user why nothing moved.
    pub fn holiday_name(&self, date: NaiveDate) -> Option<&str> {
        let &(year, index) = self.days_off.get(&date)?;
        self.years
            .get(&year)?
            .holidays
            .get(index)
            .map(|h| h.name.as_str())
    }

    /// The `n`-th working day strictly after `start` (`n = 0` gives `start` itself): the due
    /// date of a period of `n` working days, as R162 counts them. Saturates at the last date
    /// chrono can represent.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            let Some(next) = day.checked_add_days(Days::new(1)) else {
                return day;
            };
            day = next;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// How many working days lie in `(a, b]`: how far a working-day period has run, e.g.
    /// "已过 2 个工作日". Zero when `b <= a`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> u32 {
        a.iter_days()
            .skip(1)
            .take_while(|&day| day <= b)
            .filter(|&day| self.is_working_day(day))
            .fold(0u32, |count, _| count.saturating_add(1))
    }

    /// When a task of `n` working days started at `start` is due: `close_hour`:00 on the `n`-th
    /// working day after `start`'s date (with `n = 0`, on `start`'s own date). The closing hour is
    /// a configurable hint (offices close around 17:00), not a published fact, so it is passed
    /// in; values above 23 are taken as 23.
    pub fn deadline_after(&self, start: NaiveDateTime, n: u32, close_hour: u32) -> NaiveDateTime {
        let day = self.add_working_days(start.date(), n);
        let close = NaiveTime::from_hms_opt(close_hour.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
        day.and_time(close)
    }

    /// The last day of a period of `days` natural days beginning the day after `start`
    /// (R163 Art.36): if that day is a public holiday or weekend day, the period ends on the
    /// first working day after it. Saturates at the last date chrono can represent.
    pub fn natural_deadline(&self, start: NaiveDate, days: u32) -> NaiveDate {
        let mut day = start
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX);
        while !self.is_working_day(day) {
            match day.checked_add_days(Days::new(1)) {
                Some(next) => day = next,
                None => break,
            }
        }
        day
    }

    /// The moment a period of `days` natural days begun at `start` closes: 24:00 of its last
    /// day (R163 Art.36: the day it begins is not counted, and a last day on a holiday moves to
    /// the next working day), not `days` × 24 hours later.
    pub fn natural_period_closes(&self, start: NaiveDateTime, days: u32) -> NaiveDateTime {
        let last = self.natural_deadline(start.date(), days);
        last.succ_opt().unwrap_or(last).and_time(NaiveTime::MIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REAL: &str = include_str!("../../assets/calendar/holidays.ron");

    fn cal() -> WorkCalendar {
        match WorkCalendar::from_ron(REAL) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_real_file_loads_with_three_years() {
        let c = cal();
        assert!(c.covers(d(2025, 6, 1)));
        assert!(c.covers(d(2026, 6, 1)));
        assert!(c.covers(d(2027, 6, 1)));
        assert!(!c.covers(d(2024, 12, 31)));
        assert!(!c.year(2025).unwrap().provisional);
        assert!(!c.year(2026).unwrap().provisional);
        assert!(c.year(2027).unwrap().provisional);
        assert!(!c.year(2027).unwrap().note.is_empty());
        assert!(c.year(2027).unwrap().make_up_workdays.is_empty());
    }

    #[test]
    fn national_day_2025() {
        let c = cal();
        // 9-30 Tue; 10-01..10-08 off; 10-09 Thu is the first working day.
        assert_eq!(c.add_working_days(d(2025, 9, 30), 1), d(2025, 10, 9));
        // 10-09 Thu, 10-10 Fri, 10-11 Sat (调休).
        assert_eq!(c.add_working_days(d(2025, 9, 30), 3), d(2025, 10, 11));
        assert!(c.is_working_day(d(2025, 9, 28))); // Sunday, 调休
        assert!(c.is_working_day(d(2025, 10, 11))); // Saturday, 调休
        assert!(!c.is_working_day(d(2025, 10, 12))); // ordinary Sunday
        assert!(!c.is_working_day(d(2025, 10, 8))); // Wednesday, holiday
        assert_eq!(c.holiday_name(d(2025, 10, 6)), Some("国庆节、中秋节"));
        assert_eq!(c.holiday_name(d(2025, 10, 9)), None);
        assert_eq!(c.holiday_name(d(2025, 9, 28)), None);
    }

    #[test]
    fn spring_festival_2025() {
        let c = cal();
        // 1-27 Mon; 1-28..2-04 off; 2-05 Wed.
        assert_eq!(c.add_working_days(d(2025, 1, 27), 1), d(2025, 2, 5));
        // 2-05 W, 2-06 Th, 2-07 F, 2-08 Sat (调休), 2-10 Mon.
        assert_eq!(c.add_working_days(d(2025, 1, 27), 5), d(2025, 2, 10));
        assert!(c.is_working_day(d(2025, 1, 26))); // Sunday
        assert!(c.is_working_day(d(2025, 2, 8))); // Saturday
        assert!(!c.is_working_day(d(2025, 1, 28))); // 除夕, Tuesday
        assert!(!c.is_working_day(d(2025, 2, 4))); // 初七, Tuesday
        assert_eq!(c.holiday_name(d(2025, 2, 1)), Some("春节"));
        assert_eq!(c.holiday_name(d(2025, 1, 1)), Some("元旦"));
    }

    #[test]
    fn an_ordinary_week_skips_the_weekend() {
        let c = cal();
        // 2025-03-07 Fri -> Mon 03-10.
        assert_eq!(c.add_working_days(d(2025, 3, 7), 1), d(2025, 3, 10));
        assert_eq!(c.add_working_days(d(2025, 3, 5), 2), d(2025, 3, 7));
        assert_eq!(c.add_working_days(d(2025, 3, 8), 1), d(2025, 3, 10));
        assert_eq!(c.add_working_days(d(2025, 3, 8), 0), d(2025, 3, 8));
        assert!(!c.is_working_day(d(2025, 3, 8)));
        assert!(!c.is_working_day(d(2025, 3, 9)));
    }

    #[test]
    fn labour_day_2025() {
        let c = cal();
        // 4-30 Wed; 5-01..5-05 off; 5-06 Tue.
        assert_eq!(c.add_working_days(d(2025, 4, 30), 1), d(2025, 5, 6));
        // 4-25 Fri -> Sun 4-27 (调休).
        assert_eq!(c.add_working_days(d(2025, 4, 25), 1), d(2025, 4, 27));
        assert!(c.is_working_day(d(2025, 4, 27)));
        assert!(!c.is_working_day(d(2025, 5, 5))); // Monday
        assert_eq!(c.holiday_name(d(2025, 5, 3)), Some("劳动节"));
    }

    #[test]
    fn spring_festival_2026() {
        let c = cal();
        // 2-13 Fri -> 2-14 Sat (调休); then 2-15..2-23 off -> 2-24 Tue.
        assert_eq!(c.add_working_days(d(2026, 2, 13), 1), d(2026, 2, 14));
        assert_eq!(c.add_working_days(d(2026, 2, 14), 1), d(2026, 2, 24));
        // 2-12 Thu: 2-13, 2-14, 2-24, 2-25, 2-26.
        assert_eq!(c.add_working_days(d(2026, 2, 12), 5), d(2026, 2, 26));
        // 2-27 Fri -> 2-28 Sat (调休).
        assert_eq!(c.add_working_days(d(2026, 2, 27), 1), d(2026, 2, 28));
        assert!(!c.is_working_day(d(2026, 2, 23))); // Monday, 初七
        assert_eq!(c.holiday_name(d(2026, 2, 17)), Some("春节"));
    }

    #[test]
    fn new_year_and_national_day_2026() {
        let c = cal();
        // 2025-12-31 Wed; 1-01..1-03 off; 1-04 Sunday (调休).
        assert_eq!(c.add_working_days(d(2025, 12, 31), 1), d(2026, 1, 4));
        // 9-30 Wed; 10-01..10-07 off; 10-08 Thu.
        assert_eq!(c.add_working_days(d(2026, 9, 30), 1), d(2026, 10, 8));
        // 9-18 Fri -> 9-20 Sun (调休); 10-09 Fri -> 10-10 Sat (调休).
        assert_eq!(c.add_working_days(d(2026, 9, 18), 1), d(2026, 9, 20));
        assert_eq!(c.add_working_days(d(2026, 10, 9), 1), d(2026, 10, 10));
        // 中秋 9-25..9-27 (Fri..Sun): 9-24 Thu -> 9-28 Mon.
        assert_eq!(c.add_working_days(d(2026, 9, 24), 1), d(2026, 9, 28));
        assert_eq!(c.holiday_name(d(2026, 9, 25)), Some("中秋节"));
        assert_eq!(c.holiday_name(d(2026, 10, 7)), Some("国庆节"));
    }

    #[test]
    fn provisional_2027_has_statutory_days_only() {
        let c = cal();
        assert!(!c.is_working_day(d(2027, 2, 5))); // 除夕, Friday
        assert!(!c.is_working_day(d(2027, 2, 8))); // 初三, Monday
        assert!(c.is_working_day(d(2027, 2, 9)));
        assert!(!c.is_working_day(d(2027, 6, 9))); // 端午, Wednesday
        assert!(!c.is_working_day(d(2027, 9, 15))); // 中秋, Wednesday
        // 2027-12-31 Fri -> 2028-01-03 Mon (2028 not covered).
        assert_eq!(c.add_working_days(d(2027, 12, 31), 1), d(2028, 1, 3));
    }

    /// R163 Art.36 for 学法减分's 三日: started Monday 2025-03-03 at 10:00, the study closes at
    /// 24:00 on Thursday 03-06, not at 10:00; started Wednesday 2025-09-24, the third day is
    /// Saturday 09-27 and it moves to Sunday 09-28, a 调休 working day, closing at 24:00.
    #[test]
    fn a_three_day_period_closes_at_midnight_of_its_last_day() {
        let c = cal();
        let at = |y, m, day, h| d(y, m, day).and_hms_opt(h, 0, 0).expect("time");
        assert_eq!(
            c.natural_period_closes(at(2025, 3, 3, 10), 3),
            at(2025, 3, 7, 0)
        );
        assert_eq!(
            c.natural_period_closes(at(2025, 9, 24, 23), 3),
            at(2025, 9, 29, 0)
        );
        // Started 2025-09-29: 10-02 is in the National Day holiday, so it runs to 10-09.
        assert_eq!(
            c.natural_period_closes(at(2025, 9, 29, 8), 3),
            at(2025, 10, 10, 0)
        );
    }

    #[test]
    fn natural_periods_ending_on_a_day_off_move_to_the_next_working_day() {
        let c = cal();
        // 9-25 + 7 = 10-02 (holiday) -> 10-09.
        assert_eq!(c.natural_deadline(d(2025, 9, 25), 7), d(2025, 10, 9));
        // 3-01 + 7 = 3-08 Saturday -> 3-10 Monday.
        assert_eq!(c.natural_deadline(d(2025, 3, 1), 7), d(2025, 3, 10));
        // 9-21 + 7 = 9-28, a 调休 Sunday: it stays.
        assert_eq!(c.natural_deadline(d(2025, 9, 21), 7), d(2025, 9, 28));
        // 2025-12-25 + 7 = 2026-01-01 (元旦) -> 1-04 Sunday (调休).
        assert_eq!(c.natural_deadline(d(2025, 12, 25), 7), d(2026, 1, 4));
        // 2026-02-10 + 10 = 2-20 (春节) -> 2-24.
        assert_eq!(c.natural_deadline(d(2026, 2, 10), 10), d(2026, 2, 24));
        // An ordinary weekday stays.
        assert_eq!(c.natural_deadline(d(2025, 3, 3), 2), d(2025, 3, 5));
    }

    #[test]
    fn counting_working_days_between() {
        let c = cal();
        // (9-26, 10-12]: 9-28, 9-29, 9-30, 10-09, 10-10, 10-11.
        assert_eq!(c.working_days_between(d(2025, 9, 26), d(2025, 10, 12)), 6);
        // (2-13, 2-28] 2026: 2-14, 2-24, 2-25, 2-26, 2-27, 2-28.
        assert_eq!(c.working_days_between(d(2026, 2, 13), d(2026, 2, 28)), 6);
        // Whole years: 261 weekdays - 18 holiday weekdays + 5 调休 = 248 (2025);
        // 261 - 19 + 6 = 248 (2026).
        assert_eq!(
            c.working_days_between(d(2024, 12, 31), d(2025, 12, 31)),
            248
        );
        assert_eq!(
            c.working_days_between(d(2025, 12, 31), d(2026, 12, 31)),
            248
        );
        assert_eq!(c.working_days_between(d(2025, 3, 5), d(2025, 3, 5)), 0);
        assert_eq!(c.working_days_between(d(2025, 3, 10), d(2025, 3, 5)), 0);
        // Consistent with add_working_days.
        let start = d(2025, 9, 30);
        assert_eq!(
            c.working_days_between(start, c.add_working_days(start, 4)),
            4
        );
    }

    #[test]
    fn deadline_is_the_closing_hour_of_the_nth_working_day() {
        let c = cal();
        let start = d(2025, 9, 30).and_hms_opt(15, 20, 0).unwrap();
        assert_eq!(
            c.deadline_after(start, 1, 17),
            d(2025, 10, 9).and_hms_opt(17, 0, 0).unwrap()
        );
        assert_eq!(
            c.deadline_after(start, 0, 17),
            d(2025, 9, 30).and_hms_opt(17, 0, 0).unwrap()
        );
        assert_eq!(
            c.deadline_after(start, 1, 99),
            d(2025, 10, 9).and_hms_opt(23, 0, 0).unwrap()
        );
    }

    #[test]
    fn an_uncovered_year_falls_back_to_monday_to_friday() {
        let c = cal();
        assert!(!c.covers(d(2030, 1, 1)));
        assert!(c.is_working_day(d(2030, 1, 1))); // Tuesday: no holiday data
        assert!(!c.is_working_day(d(2030, 1, 5))); // Saturday
        assert_eq!(c.holiday_name(d(2030, 1, 1)), None);
        // 2030-01-04 Fri -> Mon 01-07.
        assert_eq!(c.add_working_days(d(2030, 1, 4), 1), d(2030, 1, 7));
        // (2030-01-01, 2030-01-14]: 2,3,4, 7..11, 14 = 9.
        assert_eq!(c.working_days_between(d(2030, 1, 1), d(2030, 1, 14)), 9);
    }

    fn one_year(holidays: &str, make_up: &str) -> String {
        format!(
            "(years: [(year: 2025, provisional: false, source: \"测试\", \
             holidays: [{holidays}], make_up_workdays: [{make_up}])])"
        )
    }

    #[test]
    fn a_make_up_day_on_a_weekday_is_refused() {
        // 2025-03-05 is a Wednesday.
        let err = WorkCalendar::from_ron(&one_year("", "\"2025-03-05\"")).unwrap_err();
        assert!(err.contains("2025-03-05"), "{err}");
        assert!(err.contains("周三"), "{err}");
        assert!(err.contains("第1行"), "{err}");
    }

    #[test]
    fn a_date_outside_its_year_is_refused() {
        let err = WorkCalendar::from_ron(&one_year("(name: \"元旦\", days: [\"2026-01-01\"])", ""))
            .unwrap_err();
        assert!(err.contains("不在2025年内"), "{err}");
        let err = WorkCalendar::from_ron(&one_year("", "\"2024-12-28\"")).unwrap_err();
        assert!(err.contains("不在2025年内"), "{err}");
    }

    #[test]
    fn a_day_both_off_and_on_is_refused() {
        // 2025-02-08 is a Saturday.
        let err = WorkCalendar::from_ron(&one_year(
            "(name: \"春节\", days: [\"2025-02-08\"])",
            "\"2025-02-08\"",
        ))
        .unwrap_err();
        assert!(err.contains("既是放假日又是调休上班日"), "{err}");
    }

    #[test]
    fn a_repeated_year_or_day_is_refused() {
        let twice = "(years: [\
            (year: 2025, provisional: false, source: \"\", holidays: [], make_up_workdays: []),\
            (year: 2025, provisional: false, source: \"\", holidays: [], make_up_workdays: [])])";
        let err = WorkCalendar::from_ron(twice).unwrap_err();
        assert!(err.contains("不止一次"), "{err}");
        let err = WorkCalendar::from_ron(&one_year(
            "(name: \"元旦\", days: [\"2025-01-01\"]), (name: \"别的\", days: [\"2025-01-01\"])",
            "",
        ))
        .unwrap_err();
        assert!(err.contains("重复"), "{err}");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = WorkCalendar::from_ron("(\n  years: [\n    (year: 2025,,\n").unwrap_err();
        assert!(err.starts_with("节假日文件第3行第"), "{err}");
        let err = WorkCalendar::from_ron(&one_year("", "\"2025-02-30\"")).unwrap_err();
        assert!(err.starts_with("节假日文件第1行第"), "{err}");
        assert!(err.contains("日期 2025-02-30 无效"), "{err}");
    }
}
