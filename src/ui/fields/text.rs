//! `Text(validator)`: a typed line; a phone or ID number masked when shown.

use super::widgets::Typed;
use crate::domain::id_number::IdNumber;
use crate::domain::phone::Phone;
use crate::engine::facts::Facts;
use crate::engine::fields::LINE_CHARS;
use crate::flow::process::{Field, FieldKind, Validator};
use crate::ui::Ctx;

pub(super) static TEXT: Typed = Typed {
    limit: LINE_CHARS,
    shown,
};

fn shown(field: &Field, value: &str, _: &Ctx, _: &Facts) -> String {
    match field.kind {
        FieldKind::Text {
            validator: Validator::Phone,
        } => Phone::parse(value).map_or(value.to_string(), |p| p.masked()),
        FieldKind::Text {
            validator: Validator::IdNumber,
        } => IdNumber::parse(value).map_or(value.to_string(), |p| p.masked()),
        _ => value.to_string(),
    }
}
