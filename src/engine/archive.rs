//! The archive's index: per account, the months of finished applications
//! with their counts and latest event, and the seats they keep. Derived from the archive
//! folders, so it can be deleted and rebuilt without loss.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::application::{Application, Claim};

pub const ARCHIVE_SCHEMA_VERSION: u32 = 1;

/// `archive/<profile>/index.ron`: the account's archive months, oldest first. Derived from the
/// folders: deleting it loses nothing, it is rebuilt at the next start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveIndex {
    pub schema_version: u32,
    pub months: Vec<MonthCount>,
    /// Seats of bookable sessions (by id) that archived applications keep: a finished
    /// application that was done keeps the seat it took (`projections::keeps_seats`).
    #[serde(default)]
    pub seats: BTreeMap<String, u32>,
}

/// One archive month: how many applications it holds and its latest event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    pub month: String,
    pub count: u64,
    pub latest: Option<NaiveDateTime>,
}

impl ArchiveIndex {
    /// The latest event in the archive: a mark the clock never goes back behind.
    pub fn latest(&self) -> Option<NaiveDateTime> {
        self.months.iter().filter_map(|m| m.latest).max()
    }

    pub fn total(&self) -> u64 {
        self.months.iter().map(|m| m.count).sum()
    }

    pub fn count(&self, month: &str) -> u64 {
        self.months
            .iter()
            .find(|m| m.month == month)
            .map_or(0, |m| m.count)
    }

    /// One more application archived in `month`, with its last event at `latest`.
    pub fn add(&mut self, month: &str, latest: Option<NaiveDateTime>) {
        self.schema_version = ARCHIVE_SCHEMA_VERSION;
        match self.months.iter_mut().find(|m| m.month == month) {
            Some(entry) => {
                entry.count += 1;
                entry.latest = entry.latest.max(latest);
            }
            None => {
                self.months.push(MonthCount {
                    month: month.to_string(),
                    count: 1,
                    latest,
                });
                self.months.sort_by(|a, b| a.month.cmp(&b.month));
            }
        }
    }
}

/// The sessions whose seats an application claimed.
pub fn booked_sessions(app: &Application) -> impl Iterator<Item = &String> {
    app.claims().map(|claim| match claim {
        Claim::Seat { session } => session,
    })
}
