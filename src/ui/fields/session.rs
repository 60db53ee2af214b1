//! `Session(purpose)`: a list of the sessions (a full one disabled, the seats from the
//! engine's projection), shown as the venue and the time.

use super::widgets::Listed;
use crate::engine::facts::Facts;
use crate::flow::process::Field;
use crate::ui::Ctx;

pub(super) static SESSION: Listed = Listed { shown };

fn shown(_: &Field, value: &str, ctx: &Ctx, _: &Facts) -> String {
    let start = ctx.clock.started_at.date();
    ctx.resources
        .sessions
        .get(value, start)
        .map_or(value.to_string(), |s| s.place_and_time(start))
}
