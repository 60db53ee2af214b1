//! `Date(earliest_days, latest_days)`: a typed `YYYY-MM-DD` date, shown as typed.

use super::widgets::Typed;
use crate::engine::facts::Facts;
use crate::flow::process::Field;
use crate::ui::Ctx;

pub(super) static DATE: Typed = Typed { limit: 10, shown };

fn shown(_: &Field, value: &str, _: &Ctx, _: &Facts) -> String {
    value.to_string()
}
