//! `Wait` and `Publicity`: their days within reason.

pub(super) fn lint(stage: &str, days: u32) -> Vec<String> {
    if (1..=90).contains(&days) {
        Vec::new()
    } else {
        vec![format!("阶段 {stage} 的时长超出范围（等待1-90天）")]
    }
}
