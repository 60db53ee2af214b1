//! `Exam`: its texts and its lint (the paper's size, the time per question, the pass mark and
//! the retakes within reason).

use serde::Deserialize;

/// What an exam stage says; neutral unless the business file words it for itself.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct ExamTexts {
    /// The last retake failed; `{attempts}` is the number of attempts.
    pub retakes_used_up: String,
}

impl Default for ExamTexts {
    fn default() -> Self {
        Self {
            retakes_used_up: "考试{attempts}次未合格，补考机会已用完，本次申请终止，可重新申请"
                .into(),
        }
    }
}

/// The exam's numbers out of range.
pub(super) fn lint(
    stage: &str,
    questions: u32,
    seconds_per_question: u32,
    pass_percent: u32,
    retakes: u32,
) -> Vec<String> {
    let fine = (1..=100).contains(&questions)
        && (10..=600).contains(&seconds_per_question)
        && (1..=100).contains(&pass_percent)
        && retakes <= 10;
    if fine {
        Vec::new()
    } else {
        vec![format!(
            "阶段 {stage} 的题数或时长超出范围（考试1-100题、每题10-600秒、合格线1-100%、补考至多10次）"
        )]
    }
}
