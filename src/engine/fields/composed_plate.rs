//! `ComposedPlate(tries)`: 自编自选, the applicant's own number for the vehicle's office. As it
//! is typed it is checked against GA 36 (`Plate::parse` names the rule broken), the series of
//! the vehicle's kind and the office's open serial patterns; when it is handed in the engine
//! checks it is free (`plate_number::number_taken`) and counts the numbers found taken.

use super::plate_number::number_taken;
use crate::domain::plate::{Plate, PlateKind};
use crate::domain::profile::VehicleKind;
use crate::domain::rules::vehicle;
use crate::engine::facts::Facts;

/// The full number for what was typed (the serial, or the whole number), or the rule it breaks.
pub fn check(typed: &str, facts: &Facts) -> Result<String, String> {
    let car = facts.chosen_vehicle()?;
    let office = vehicle::drawing_office(car)?;
    let cleaned: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '·')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let serial = cleaned
        .strip_prefix(office.as_str())
        .unwrap_or(&cleaned)
        .to_string();
    let plate = Plate::parse(&format!("{}{serial}", office.as_str())).map_err(|e| e.to_string())?;
    let wanted = match car.kind {
        VehicleKind::SmallNev => PlateKind::NevSmall,
        VehicleKind::LargeNev => PlateKind::NevLarge,
        _ => PlateKind::Ordinary,
    };
    if plate.kind() != wanted {
        return Err(format!(
            "{}应使用{}，所编号码为{}",
            car.kind.label(),
            wanted.name(),
            plate.kind().name()
        ));
    }
    if wanted == PlateKind::Ordinary
        && let Some(pool) = facts.resources.plate_pools.of(&office)
    {
        let pattern: String = serial
            .chars()
            .map(|c| if c.is_ascii_digit() { 'D' } else { 'L' })
            .collect();
        if !pool.patterns.contains(&pattern) {
            return Err(format!(
                "{office}尚未开放{pattern}格式的号码（D 为数字、L 为字母），已开放：{}",
                pool.patterns.join("、")
            ));
        }
    }
    Ok(plate.as_str().to_string())
}

/// Whether the number is free, or why not.
pub fn available(plate: &str, facts: &Facts) -> Result<(), String> {
    match number_taken(plate, facts) {
        Some(why) => Err(format!("号码 {plate} {why}，请换一个号码")),
        None => Ok(()),
    }
}
