//! `Wait`, `Publicity` and `UserTask`: their days within reason.

pub(super) fn lint(stage: &str, days: u32) -> Vec<String> {
    if (1..=90).contains(&days) {
        Vec::new()
    } else {
        vec![format!("阶段 {stage} 的时长超出范围（等待1-90天）")]
    }
}

/// A `Wait` counts natural days or working days, not both.
pub(super) fn lint_either(stage: &str, days: u32, working_days: u32) -> Vec<String> {
    match (days, working_days) {
        (0, 0) | (1.., 1..) => vec![format!(
            "阶段 {stage} 的等待应写 days（自然日）或 working_days（工作日）之一"
        )],
        (0, working) => lint(stage, working),
        (natural, 0) => lint(stage, natural),
    }
}

/// A `UserTask` has one deadline: `seconds`, `working_days` or `days`.
pub(super) fn lint_task(stage: &str, days: u32, seconds: u32, working_days: u32) -> Vec<String> {
    match (days, seconds, working_days) {
        (0, 1.., 0) => Vec::new(),
        (0, 0, working @ 1..) => lint(stage, working),
        (natural, 0, 0) => lint(stage, natural),
        _ => vec![format!(
            "阶段 {stage} 的期限应写 days、working_days 或 seconds 之一"
        )],
    }
}
