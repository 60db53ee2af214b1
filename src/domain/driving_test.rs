//! 机动车驾驶人考试: the three subjects, a sitting and what came of it, and the pass marks of
//! 《机动车驾驶证申领和使用规定》第三十八条. The rules that decide who may book which subject
//! live in `rules::learner`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::licence_class::{LicenceClass, LicenceClasses};

/// 考试科目 (R162 Art.37): 科目一 道路交通安全法律、法规和相关知识; 科目二 场地驾驶技能;
/// 科目三 道路驾驶技能 and 安全文明驾驶常识, sat on the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ExamSubject {
    One,
    Two,
    Three,
}

impl ExamSubject {
    pub const ALL: [ExamSubject; 3] = [ExamSubject::One, ExamSubject::Two, ExamSubject::Three];

    pub fn label(self) -> &'static str {
        match self {
            ExamSubject::One => "科目一",
            ExamSubject::Two => "科目二",
            ExamSubject::Three => "科目三",
        }
    }

    /// The value a business file's choice and a session's tag use: `k1`, `k2`, `k3`.
    pub fn code(self) -> &'static str {
        match self {
            ExamSubject::One => "k1",
            ExamSubject::Two => "k2",
            ExamSubject::Three => "k3",
        }
    }

    pub fn from_code(code: &str) -> Option<ExamSubject> {
        ExamSubject::ALL.into_iter().find(|s| s.code() == code)
    }

    /// 科目二 and 科目三 道路驾驶 are booked at most five times per permit (R162 Art.47).
    pub fn booking_capped(self) -> bool {
        matches!(self, ExamSubject::Two | ExamSubject::Three)
    }
}

/// What a sitting came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SittingResult {
    /// 合格, at the first attempt or the free retake.
    Passed,
    /// 不合格: the attempt and its retake both failed.
    Failed,
    /// 缺考: not attended, which counts as a fail (R162 Art.46) and uses the booking.
    Absent,
}

impl SittingResult {
    pub fn label(self) -> &'static str {
        match self {
            SittingResult::Passed => "合格",
            SittingResult::Failed => "不合格",
            SittingResult::Absent => "缺考",
        }
    }
}

/// One exam sat (or missed) on a booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sitting<D = NaiveDate> {
    pub subject: ExamSubject,
    pub on: D,
    /// The score of each attempt: one, or two with the retake; none when absent.
    #[serde(default)]
    pub scores: Vec<u32>,
    pub result: SittingResult,
    /// The booking (受理编号) it was sat on, when booked in the app.
    #[serde(default)]
    pub application: Option<String>,
}

impl<D> Sitting<D> {
    /// The scores as the result page prints them: `86分、92分`.
    pub fn scores_shown(&self) -> String {
        if self.scores.is_empty() {
            return "—".into();
        }
        self.scores
            .iter()
            .map(|s| format!("{s}分"))
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// The pass mark out of 100 (R162 Art.38): 科目一 90; 科目二 80, or 90 for A1 A2 A3 B1 B2 C6;
/// 科目三 90. A learner of several classes is marked by the strictest of them.
pub fn pass_mark(subject: ExamSubject, classes: &LicenceClasses) -> u32 {
    let strict = |c: LicenceClass| c.is_large_or_medium() || c == LicenceClass::C6;
    match subject {
        ExamSubject::Two if !classes.iter().any(strict) => 80,
        ExamSubject::One | ExamSubject::Two | ExamSubject::Three => 90,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(code: &str) -> LicenceClasses {
        LicenceClasses::parse(code).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn subject_two_passes_at_80_except_for_large_classes_and_c6() {
        assert_eq!(pass_mark(ExamSubject::Two, &classes("C1")), 80);
        assert_eq!(pass_mark(ExamSubject::Two, &classes("C2")), 80);
        for strict in ["A1", "A2", "A3", "B1", "B2", "C6"] {
            assert_eq!(
                pass_mark(ExamSubject::Two, &classes(strict)),
                90,
                "{strict}"
            );
        }
        assert_eq!(pass_mark(ExamSubject::One, &classes("C1")), 90);
        assert_eq!(pass_mark(ExamSubject::Three, &classes("C1")), 90);
    }

    #[test]
    fn codes_round_trip_and_only_the_skills_tests_are_capped() {
        for subject in ExamSubject::ALL {
            assert_eq!(ExamSubject::from_code(subject.code()), Some(subject));
        }
        assert_eq!(ExamSubject::from_code("k4"), None);
        assert!(!ExamSubject::One.booking_capped());
        assert!(ExamSubject::Two.booking_capped() && ExamSubject::Three.booking_capped());
    }
}
