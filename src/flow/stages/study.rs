//! `Study`: its terms as the business file gives them, and their lint.

/// What a 课件学习 asks: `minutes` within `within_days` days of the first start; with
/// `min_per_day`, a calendar day's study counts only when it reaches that many minutes; the
/// window counts from the day after the start (R163 Art.36) unless `from_start_day`, when the
/// start day is its first day (审验教育: at most three consecutive days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StudyTerms {
    pub minutes: u32,
    pub within_days: u32,
    pub min_per_day: Option<u32>,
    pub from_start_day: bool,
}

impl StudyTerms {
    pub fn required_seconds(&self) -> u32 {
        self.minutes.saturating_mul(60)
    }

    /// A day's minimum in seconds, when the terms have one.
    pub fn min_day_seconds(&self) -> Option<u32> {
        self.min_per_day.map(|m| m.saturating_mul(60))
    }
}

pub(super) fn lint(stage: &str, terms: &StudyTerms) -> Vec<String> {
    let mut problems = Vec::new();
    if !(1..=600).contains(&terms.minutes) || !(1..=30).contains(&terms.within_days) {
        problems.push(format!(
            "阶段 {stage} 的时长超出范围（学习1-600分钟、1-30天）"
        ));
    }
    if terms
        .min_per_day
        .is_some_and(|per_day| per_day == 0 || per_day > terms.minutes)
    {
        problems.push(format!(
            "阶段 {stage} 的 min_per_day 应在1至{}分钟之间",
            terms.minutes
        ));
    }
    problems
}
