//! 机动车所有人 who never sign in to the app: the owners of cars that someone else files or
//! drives, kept beside the personas so that a car found by its plate has an owner with a name
//! and a phone (备案非本人机动车 asks for the owner's consent on that phone).

use chrono::NaiveDate;
use serde::Deserialize;

use super::id_number::IdNumber;
use super::phone::Phone;
use super::plate::Plate;
use super::profile::{DayOffset, Vehicle};

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
}

impl OwnerRegistry {
    /// The owner of the vehicle registered with `plate`, and the vehicle dated from `start`.
    pub fn find(&self, plate: &Plate, start: NaiveDate) -> Option<(&RegisteredOwner, Vehicle)> {
        self.owners.iter().find_map(|owner| {
            owner
                .vehicles
                .iter()
                .find(|v| v.plate.as_ref() == Some(plate))
                .map(|v| (owner, v.clone().dated(start)))
        })
    }
}
