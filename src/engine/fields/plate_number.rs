//! `PlateNumber(candidates)`: plate numbers the engine drew for the vehicle's own office when
//! the task that offers them began, recorded in the log so that the list never changes while
//! the applicant looks at it and a replay draws the same.

use super::Choice;
use crate::domain::plate::{PlateOffice, draw_candidates};
use crate::engine::application::Record;
use crate::engine::facts::Facts;
use crate::flow::process::Field;

pub(super) fn options(field: &Field, facts: &Facts) -> Vec<Choice> {
    facts
        .records
        .iter()
        .filter_map(|r| match r {
            Record::Drawn { field: id, values } if *id == field.id => Some(values),
            _ => None,
        })
        .next_back()
        .into_iter()
        .flatten()
        .filter_map(|v| crate::domain::plate::Plate::parse(v).ok())
        .map(|p| (p.as_str().to_string(), p.spaced(), None))
        .collect()
}

/// The record of `count` candidates for `field`, of `office`.
pub fn draw(
    field: &Field,
    office: &PlateOffice,
    count: u8,
    below: impl FnMut(u64) -> u64,
) -> Record {
    Record::Drawn {
        field: field.id.clone(),
        values: draw_candidates(office, usize::from(count), below)
            .into_iter()
            .map(|p| p.as_str().to_string())
            .collect(),
    }
}
