//! `Study`: its lint (minutes and the window in days within reason).

pub(super) fn lint(stage: &str, minutes: u32, within_days: u32) -> Vec<String> {
    if (1..=600).contains(&minutes) && (1..=30).contains(&within_days) {
        Vec::new()
    } else {
        vec![format!(
            "阶段 {stage} 的时长超出范围（学习1-600分钟、1-30天）"
        )]
    }
}
