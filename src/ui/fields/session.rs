//! `Session(purpose)`: the bookable sessions of a purpose, a full one disabled; the seats come
//! from the engine's projection, the same count 提交 is checked against.

use super::Choice;
use crate::engine::projections::seats_taken;
use crate::ui::Ctx;

pub(super) fn options(purpose: &str, ctx: &Ctx) -> Vec<Choice> {
    let start = ctx.clock.started_at.date();
    ctx.resources
        .sessions
        .for_purpose(purpose)
        .map(|s| {
            let booked = seats_taken(ctx.applications, ctx.archived_seats, &s.id);
            let full = (s.seats_left() <= booked).then(|| "名额已满，请选择其他场次".to_string());
            (s.id.clone(), s.label(start, booked), full)
        })
        .collect()
}

pub(super) fn shown(value: &str, ctx: &Ctx) -> String {
    ctx.resources
        .sessions
        .get(value)
        .map_or(value.to_string(), |s| {
            s.place_and_time(ctx.clock.started_at.date())
        })
}
