//! `PlateNumber(kind, candidates, rerolls)`: plate numbers of a series the engine drew for the
//! vehicle's own office when the task that offers them began (and again on each 换一批),
//! recorded in the log so that the list never changes while the applicant looks at it and a
//! replay draws the same. The latest draw is the one offered.

use super::Choice;
use crate::domain::plate::{PlateOffice, Series, draw_candidates};
use crate::domain::profile::{Vehicle, VehicleKind};
use crate::engine::application::Record;
use crate::engine::facts::Facts;
use crate::flow::process::{Field, FieldKind, PlateSeries};

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

/// The record of the candidates `field` offers for `vehicle`, of `office`: the series of the
/// field (or of the vehicle's kind), the office's open patterns, and never a number another
/// application holds, one issued to any vehicle, or one the office withholds; `None` for a
/// field that is no plate number.
pub fn draw(
    field: &Field,
    vehicle: &Vehicle,
    office: &PlateOffice,
    facts: &Facts,
    below: impl FnMut(u64) -> u64,
) -> Option<Record> {
    let FieldKind::PlateNumber {
        kind, candidates, ..
    } = field.kind
    else {
        return None;
    };
    let series = match (kind, vehicle.kind) {
        (PlateSeries::Ordinary, _) => Series::Ordinary,
        (PlateSeries::NewEnergy, _) | (PlateSeries::ByVehicle, VehicleKind::SmallNev) => {
            Series::NewEnergy
        }
        (PlateSeries::ByVehicle, VehicleKind::LargeNev) => Series::LargeNewEnergy,
        (PlateSeries::ByVehicle, _) => Series::Ordinary,
    };
    let pool = facts.resources.plate_pools.of(office);
    let patterns = pool.map_or(&[][..], |p| p.patterns.as_slice());
    let taken = |plate: &str| number_taken(plate, facts).is_some();
    Some(Record::Drawn {
        field: field.id.clone(),
        values: draw_candidates(
            office,
            series,
            usize::from(candidates),
            patterns,
            taken,
            below,
        )
        .into_iter()
        .map(|p| p.as_str().to_string())
        .collect(),
    })
}

/// Why a number cannot be offered or chosen: held by an open application, issued to a vehicle,
/// or withheld by its office; `None` when it is free.
pub fn number_taken(plate: &str, facts: &Facts) -> Option<&'static str> {
    let issued = facts
        .accounts
        .values()
        .flat_map(|a| &a.vehicles)
        .chain(facts.profile.vehicles.iter())
        .any(|v| v.plate.as_ref().is_some_and(|p| p.as_str() == plate))
        || facts
            .resources
            .owners
            .owners
            .iter()
            .flat_map(|o| &o.vehicles)
            .any(|v| v.plate.as_ref().is_some_and(|p| p.as_str() == plate));
    let withheld = PlateOffice::parse(&plate.chars().take(2).collect::<String>())
        .ok()
        .and_then(|office| facts.resources.plate_pools.of(&office))
        .is_some_and(|pool| pool.withheld.iter().any(|w| w == plate));
    if facts.numbers_held.contains(plate) {
        Some("已被他人选中")
    } else if issued {
        Some("已核发使用")
    } else if withheld {
        Some("暂不参与选号")
    } else {
        None
    }
}

/// How many times the candidates of `field` were drawn.
pub fn draws(field: &Field, facts: &Facts) -> usize {
    facts
        .records
        .iter()
        .filter(|r| matches!(r, Record::Drawn { field: id, .. } if *id == field.id))
        .count()
}
