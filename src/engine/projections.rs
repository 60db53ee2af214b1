//! Counts that many applications share, derived from the
//! open applications and the archive's tally, never kept by a screen: the wizard shows what is
//! left from them, and 提交 is checked against them again, so a seat taken meanwhile by
//! another application is refused at 提交 rather than overbooked.

use std::collections::BTreeMap;

use super::application::{Application, Claim, Record};
use super::open_set::OpenSet;

/// Whether an application holds a seat of `session`.
fn books(app: &Application, session: &str) -> bool {
    app.claims()
        .any(|claim| matches!(claim, Claim::Seat { session: s } if s == session))
}

/// The number an open 选号 has chosen and holds for its registration: the answer to a field
/// whose candidates were drawn, or a composed number found free.
pub fn chosen_number(state: &super::application::State) -> Option<String> {
    state.records.iter().rev().find_map(|record| match record {
        Record::Composed {
            value,
            refused: None,
            ..
        } => Some(value.clone()),
        Record::Drawn { field, .. } => state.answers.get(field).cloned(),
        _ => None,
    })
}

/// Plate numbers open applications hold: a 选号's latest candidates while none is chosen, then
/// the one chosen (reserved until the application ends: registered, or returned to the pool).
pub fn numbers_held(open: &OpenSet) -> std::collections::BTreeSet<String> {
    let mut held = std::collections::BTreeSet::new();
    for tracked in open.iter() {
        let state = &tracked.state;
        let mut latest: BTreeMap<&str, &Vec<String>> = BTreeMap::new();
        for record in &state.records {
            if let Record::Drawn { field, values } = record {
                latest.insert(field.as_str(), values);
            }
        }
        for record in &state.records {
            if let Record::Composed {
                value,
                refused: None,
                ..
            } = record
            {
                held.insert(value.clone());
            }
        }
        for (field, values) in latest {
            match state.answers.get(field) {
                Some(chosen) => {
                    held.insert(chosen.clone());
                }
                None => held.extend(values.iter().cloned()),
            }
        }
    }
    held
}

/// Seats of `session` held by applications made in the app: open ones that booked it, and
/// finished ones the archive counted (`archived`, by session id).
pub fn seats_taken(open: &OpenSet, archived: &BTreeMap<String, u32>, session: &str) -> u32 {
    let held = open.values().filter(|a| books(a, session)).count();
    u32::try_from(held)
        .unwrap_or(u32::MAX)
        .saturating_add(archived.get(session).copied().unwrap_or(0))
}
