//! `Session(purpose)`: shown as the venue and the time.

use crate::ui::Ctx;

pub(super) fn shown(value: &str, ctx: &Ctx) -> String {
    ctx.resources
        .sessions
        .get(value)
        .map_or(value.to_string(), |s| {
            s.place_and_time(ctx.clock.started_at.date())
        })
}
