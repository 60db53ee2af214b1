//! The open applications, held in memory with their folded state and ordered by next due
//! moment: finding what falls due, or whether a study runs, looks at the
//! earliest deadlines and the cached states, never replays a log. Finished applications are
//! archived and leave this set, so its size is the open work, not the history.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;

use super::application::{Application, State};

/// An application and the fold of its log, folded once when it is read or changed, so that
/// nothing is folded while drawing.
#[derive(Debug, Clone)]
pub struct Tracked {
    pub application: Application,
    pub state: State,
}

impl Tracked {
    pub fn new(application: Application) -> Tracked {
        let state = application.state();
        Tracked { application, state }
    }
}

#[derive(Debug, Clone, Default)]
pub struct OpenSet {
    by_number: BTreeMap<String, Tracked>,
    by_due: BTreeSet<(NaiveDateTime, String)>,
}

impl OpenSet {
    /// Adds or replaces an application (its state folded once, here). The caller archives
    /// finished ones instead; only one written by a newer build, which this build may not
    /// move, stays here finished.
    pub fn insert(&mut self, application: Application) {
        self.remove(&application.number);
        let tracked = Tracked::new(application);
        let number = tracked.application.number.clone();
        if let Some(due) = tracked.state.due {
            self.by_due.insert((due, number.clone()));
        }
        self.by_number.insert(number, tracked);
    }

    pub fn tracked(&self, number: &str) -> Option<&Tracked> {
        self.by_number.get(number)
    }

    pub fn remove(&mut self, number: &str) -> Option<Tracked> {
        let tracked = self.by_number.remove(number)?;
        if let Some(due) = tracked.state.due {
            self.by_due.remove(&(due, number.to_string()));
        }
        Some(tracked)
    }

    pub fn get(&self, number: &str) -> Option<&Application> {
        self.by_number.get(number).map(|t| &t.application)
    }

    pub fn contains(&self, number: &str) -> bool {
        self.by_number.contains_key(number)
    }

    pub fn len(&self) -> usize {
        self.by_number.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_number.is_empty()
    }

    /// Every open application, by number.
    pub fn values(&self) -> impl Iterator<Item = &Application> {
        self.by_number.values().map(|t| &t.application)
    }

    /// Every open application with its state, by number.
    pub fn iter(&self) -> impl Iterator<Item = &Tracked> {
        self.by_number.values()
    }

    /// The numbers whose deadline is at or before `now`, oldest deadline first.
    pub fn due_by(&self, now: NaiveDateTime) -> Vec<String> {
        self.by_due
            .iter()
            .take_while(|(due, _)| *due <= now)
            .map(|(_, number)| number.clone())
            .collect()
    }

    /// The highest serial among the open numbers (see `serial_of`).
    pub fn highest_serial(&self) -> u64 {
        self.by_number
            .keys()
            .filter_map(|n| serial_of(n))
            .max()
            .unwrap_or(0)
    }

    /// The latest event time among the open applications.
    pub fn latest_event(&self) -> Option<NaiveDateTime> {
        self.by_number
            .values()
            .filter_map(|t| t.application.events.last().map(|e| e.at))
            .max()
    }
}

/// The serial part of a 受理编号 (`yyyymmdd` then the serial): it only ever grows, whatever the
/// date part does.
pub fn serial_of(number: &str) -> Option<u64> {
    if number.len() < 9 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.get(8..).and_then(|s| s.parse().ok())
}

/// The month (`yyyy-mm`) a 受理编号 was created in: the archive folder it ends up in.
pub fn month_of(number: &str) -> Option<String> {
    let (year, month) = (number.get(0..4)?, number.get(4..6)?);
    (year.bytes().all(|b| b.is_ascii_digit()) && month.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{year}-{month}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_and_month_come_from_the_number() {
        assert_eq!(serial_of("20261201000042"), Some(42));
        assert_eq!(serial_of("202612011234567"), Some(1_234_567));
        assert_eq!(serial_of("2026"), None);
        assert_eq!(serial_of("ordinary_c1"), None);
        assert_eq!(month_of("20261201000042").as_deref(), Some("2026-12"));
        assert_eq!(month_of("ab"), None);
    }
}
