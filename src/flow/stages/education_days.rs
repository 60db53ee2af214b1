//! `EducationDays`: its fields must be the business's: the sessions booked, the two numbers of
//! days and the total, and the day's minutes within reason.

use crate::flow::process::{FieldKind, Process};

pub(super) fn lint(
    stage: &str,
    process: &Process,
    fields: [&String; 4],
    day_minutes: u32,
) -> Vec<String> {
    let [sessions, on_site, online, total] = fields;
    let kind_of = |id: &String| process.fields().find(|f| f.id == *id).map(|f| &f.kind);
    let mut problems = Vec::new();
    if !matches!(kind_of(sessions), Some(FieldKind::Sessions { .. })) {
        problems.push(format!(
            "阶段 {stage} 的 session_field {sessions} 不是预约多个场次的字段"
        ));
    }
    for id in [on_site, online] {
        if !matches!(kind_of(id), Some(FieldKind::Number { .. })) {
            problems.push(format!("阶段 {stage} 的 {id} 不是填写天数的数字字段"));
        }
    }
    if !matches!(
        kind_of(total),
        Some(FieldKind::Number { .. } | FieldKind::Derived { .. })
    ) {
        problems.push(format!("阶段 {stage} 的 total_field {total} 不是天数字段"));
    }
    if !(30..=720).contains(&day_minutes) {
        problems.push(format!("阶段 {stage} 的 day_minutes 应在30至720分钟之间"));
    }
    problems
}
