//! Fees as each city charges them (工本费 and the like differ by city and are published
//! locally, so they are settings, not facts of a business).

use std::collections::BTreeMap;

use serde::Deserialize;

/// By fee item (as a business's `Payment` names it), by city (as 注册地 names it), in yuan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct FeeTable(pub BTreeMap<String, BTreeMap<String, u32>>);

impl FeeTable {
    /// What `city` charges for `item`, when the table says.
    pub fn amount(&self, item: &str, city: &str) -> Option<u32> {
        self.0.get(item)?.get(city).copied()
    }
}
