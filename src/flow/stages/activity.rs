//! `Activity`: its texts and its lint (the field it reads must book a session).

use serde::Deserialize;

use crate::flow::process::{FieldKind, Process};

/// What an attendance stage says when it is void or fails.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct ActivityTexts {
    /// Not signed in before the start.
    pub late: String,
    /// Not signed out by the end of the grace period.
    pub no_sign_out: String,
    /// Signed out before the end; `{time}` is when.
    pub early: String,
    /// The face checks at 签到 failed.
    pub sign_in_failed: String,
    /// The face checks at 签退 failed.
    pub sign_out_failed: String,
    /// Asked before a 签退 that would be early; `{end}` is when the session ends.
    pub early_confirm: String,
}

impl Default for ActivityTexts {
    fn default() -> Self {
        Self {
            late: "未在开始前完成签到（迟到或缺席），本次无效".into(),
            no_sign_out: "结束后未按时签退，本次无效".into(),
            early: "{time} 提前签退，本次无效".into(),
            sign_in_failed: "签到时人脸比对未通过，本次无效，可重新预约".into(),
            sign_out_failed: "签退时人脸比对未通过，本次无效，可重新预约".into(),
            early_confirm: "{end} 才结束，现在签退将视为早退，本次无效。确定现在签退吗？".into(),
        }
    }
}

/// The session field must be a field of the business that books a session (every kind that
/// reads a booked session shares this).
pub(super) fn lint(stage: &str, session_field: &str, process: &Process) -> Vec<String> {
    let books_a_session = process
        .answerable_fields()
        .any(|f| f.id == session_field && matches!(f.kind, FieldKind::Session { .. }));
    if books_a_session {
        Vec::new()
    } else {
        vec![format!(
            "阶段 {stage} 的 session_field {session_field} 不是预约场次字段"
        )]
    }
}
