//! Field kinds: for each kind, the options a
//! list offers (with why one is disabled), how a typed value is checked, and how an answer is
//! shown. The wizard sequences pages and focus and draws the lists and inputs; what a kind
//! offers and accepts is here, one file a kind, so the same code serves every screen that shows
//! an answer. Each `match` is one line per kind.

mod declaration;
mod region;
mod session;
mod text;
pub mod widgets;

use std::collections::BTreeMap;

use super::Ctx;
use crate::engine::application::Record;
use crate::engine::facts::{Facts, applications_of};
pub use crate::engine::fields::{Choice, REGION_LEVELS, check_typed, options, region_path};
use crate::flow::process::{Field, FieldKind};

/// How an answer is shown on 确认信息 and 网办进度: personal data masked, codes as their labels.
pub fn shown(field: &Field, value: &str, ctx: &Ctx, facts: &Facts) -> String {
    match &field.kind {
        FieldKind::Text { validator } => text::shown(*validator, value),
        FieldKind::Declaration { .. } => declaration::shown(),
        FieldKind::Region => region::shown(value),
        FieldKind::Date { .. } => value.to_string(),
        FieldKind::Session { .. } => session::shown(value, ctx),
        FieldKind::Choice { .. }
        | FieldKind::Photo
        | FieldKind::PlateNumber { .. }
        | FieldKind::Payment { .. } => options(field, facts)
            .into_iter()
            .find(|(v, _, _)| v == value)
            .map_or(value.to_string(), |(_, label, _)| label),
    }
}

/// The facts a field, a page's condition or the precheck reads on a screen: before 提交 (no
/// records), or on a task page of an application (its records).
pub fn facts<'a>(
    ctx: &'a Ctx,
    answers: &'a BTreeMap<String, String>,
    records: &'a [Record],
) -> Facts<'a> {
    Facts {
        profile: ctx.profile,
        today: ctx.clock.today(),
        answers,
        records,
        resources: ctx.resources,
        clock_start: ctx.clock.started_at.date(),
        seats_taken: ctx.seats_taken,
        applications: applications_of(ctx.applications, &ctx.profile.id, ctx.catalog),
    }
}
