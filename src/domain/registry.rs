//! 机动车所有人 who never sign in to the app: the owners of cars that someone else files or
//! drives, kept beside the personas so that a car found by its plate has an owner with a name
//! and a phone (备案非本人机动车 asks for the owner's consent on that phone).

use chrono::NaiveDate;
use serde::Deserialize;

use super::id_number::IdNumber;
use super::phone::Phone;
use std::collections::BTreeMap;

use super::profile::{DayOffset, Vehicle};
use super::vin::Vin;

/// `assets/demo/owners.ron`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnerRegistry {
    pub owners: Vec<RegisteredOwner>,
}

/// One owner and the vehicles registered to them; dates are days from the clock's start.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisteredOwner {
    pub name: String,
    pub id_number: IdNumber,
    pub phone: Phone,
    pub vehicles: Vec<Vehicle<DayOffset>>,
    /// People outside the app who filed one of these vehicles as non-own, by plate (they count
    /// towards a vehicle's limit of filers).
    #[serde(default)]
    pub filed_by: BTreeMap<String, Vec<String>>,
}

impl OwnerRegistry {
    /// The owner of the vehicle `matches` finds, and the vehicle dated from `start`.
    pub fn find(
        &self,
        start: NaiveDate,
        matches: impl Fn(&Vehicle<DayOffset>) -> bool,
    ) -> Option<(&RegisteredOwner, Vehicle)> {
        self.owners.iter().find_map(|owner| {
            owner
                .vehicles
                .iter()
                .find(|v| matches(v))
                .map(|v| (owner, v.clone().dated(start)))
        })
    }
}

/// The 备案码 printed under a vehicle's 机动车二维码, which a non-owner enters when the code
/// cannot be scanned: eight characters from its VIN, without 0, 1, I and O so that none is
/// mistaken for another.
pub fn filing_code(vin: &Vin) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut hash = vin.as_str().bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    (0..8)
        .map(|_| {
            let c = ALPHABET[(hash % 32) as usize] as char;
            hash /= 32;
            c
        })
        .collect()
}

/// Whether `typed` is a 备案码 (case and spaces aside).
pub fn is_filing_code(typed: &str) -> bool {
    let code: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    code.len() == 8 && code.chars().all(|c| c.is_ascii_alphanumeric())
}
