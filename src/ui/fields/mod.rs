//! Field kinds: for each kind, the options a
//! list offers (with why one is disabled), how a typed value is checked, and how an answer is
//! shown. The wizard sequences pages and focus and draws the lists and inputs; what a kind
//! offers and accepts is here, one file a kind, so the same code serves every screen that shows
//! an answer. Each `match` is one line per kind.

mod choice;
mod date;
mod declaration;
mod payment;
mod photo;
mod plate_number;
pub mod region;
mod session;
mod text;
pub mod widgets;

use std::collections::BTreeMap;

use super::Ctx;
use crate::engine::rules::GuardInput;
use crate::flow::process::{Field, FieldKind};

/// One entry of a list field: the answer value, its label, and why it cannot be chosen.
pub type Choice = (String, String, Option<String>);

/// The options of a list field; none for a kind that is typed or ticked.
pub fn options(field: &Field, ctx: &Ctx, answers: &BTreeMap<String, String>) -> Vec<Choice> {
    match &field.kind {
        FieldKind::Choice { options } => choice::options(options, ctx, answers),
        FieldKind::Region => region::options(field, ctx, answers),
        FieldKind::Photo => photo::options(ctx),
        FieldKind::Session { purpose } => session::options(purpose, ctx),
        FieldKind::PlateNumber { candidates } => plate_number::options(field, ctx, *candidates),
        FieldKind::Payment { item, amount_yuan } => payment::options(item, *amount_yuan),
        FieldKind::Text { .. } | FieldKind::Declaration { .. } | FieldKind::Date { .. } => {
            Vec::new()
        }
    }
}

/// A typed value checked as its kind requires, normalised (`None` for a kind not typed).
pub fn check_typed(field: &Field, typed: &str, ctx: &Ctx) -> Option<Result<String, String>> {
    match &field.kind {
        FieldKind::Text { validator } => Some(text::check(*validator, typed)),
        FieldKind::Date {
            earliest_days,
            latest_days,
        } => Some(date::check(
            typed,
            ctx.clock.today(),
            *earliest_days,
            *latest_days,
        )),
        FieldKind::Choice { .. }
        | FieldKind::Region
        | FieldKind::Photo
        | FieldKind::Session { .. }
        | FieldKind::PlateNumber { .. }
        | FieldKind::Payment { .. }
        | FieldKind::Declaration { .. } => None,
    }
}

/// How an answer is shown on 确认信息 and 网办进度: personal data masked, codes as their labels.
pub fn shown(field: &Field, value: &str, ctx: &Ctx, answers: &BTreeMap<String, String>) -> String {
    match &field.kind {
        FieldKind::Text { validator } => text::shown(*validator, value),
        FieldKind::Declaration { .. } => declaration::shown(),
        FieldKind::Region => region::shown(value),
        FieldKind::Date { .. } => value.to_string(),
        FieldKind::Session { .. } => session::shown(value, ctx),
        FieldKind::Choice { .. }
        | FieldKind::Photo
        | FieldKind::PlateNumber { .. }
        | FieldKind::Payment { .. } => options(field, ctx, answers)
            .into_iter()
            .find(|(v, _, _)| v == value)
            .map_or(value.to_string(), |(_, label, _)| label),
    }
}

/// What a guard reads before 提交: the precheck, a page's condition, an option's guard.
pub fn guard_input<'a>(ctx: &'a Ctx, answers: &'a BTreeMap<String, String>) -> GuardInput<'a> {
    GuardInput {
        profile: ctx.profile,
        today: ctx.clock.today(),
        answers,
        photos: &ctx.resources.photos,
        review_rejections: 0,
    }
}
