//! `Number(min, max)`: a typed whole number, shown as typed.

use super::widgets::Typed;
use crate::engine::facts::Facts;
use crate::flow::process::Field;
use crate::ui::Ctx;

/// Digits enough for any count a business asks for.
pub(super) static NUMBER: Typed = Typed { limit: 12, shown };

fn shown(_: &Field, value: &str, _: &Ctx, _: &Facts) -> String {
    value.to_string()
}
