//! Counts that many applications share, derived from the
//! open applications and the archive's tally, never kept by a screen: the wizard shows what is
//! left from them, and 提交 is checked against them again, so a seat taken meanwhile by
//! another application is refused at 提交 rather than overbooked.

use std::collections::BTreeMap;

use super::application::{Application, Claim};
use super::open_set::OpenSet;

/// Whether an application holds a seat of `session`.
fn books(app: &Application, session: &str) -> bool {
    app.claims()
        .any(|claim| matches!(claim, Claim::Seat { session: s } if s == session))
}

/// Seats of `session` held by applications made in the app: open ones that booked it, and
/// finished ones the archive counted (`archived`, by session id).
pub fn seats_taken(open: &OpenSet, archived: &BTreeMap<String, u32>, session: &str) -> u32 {
    let held = open.values().filter(|a| books(a, session)).count();
    u32::try_from(held)
        .unwrap_or(u32::MAX)
        .saturating_add(archived.get(session).copied().unwrap_or(0))
}
