//! `Session(purpose)`: the bookable sessions of a purpose, a full one disabled; the seats come
//! from the engine's projection, the same count 提交 is checked against.

use super::Choice;
use crate::engine::facts::Facts;

pub(super) fn options(purpose: &str, facts: &Facts) -> Vec<Choice> {
    facts
        .resources
        .sessions
        .for_purpose(purpose)
        .map(|s| {
            let booked = facts.seats_taken.get(&s.id).copied().unwrap_or(0);
            let full = (s.seats_left() <= booked).then(|| "名额已满，请选择其他场次".to_string());
            (s.id.clone(), s.label(facts.clock_start, booked), full)
        })
        .collect()
}
