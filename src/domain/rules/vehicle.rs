//! Rules about the vehicle a business is done for: which one was chosen, whose it is, and
//! whether its insurance and inspection allow a 检验合格标志.

use chrono::NaiveDate;

use crate::domain::plate::{Plate, PlateOffice};
use crate::domain::profile::{Ownership, Profile, Vehicle};

/// The vehicle chosen in the wizard: the subject's answer is its plate, or its VIN while it
/// has none.
pub fn chosen<'a>(profile: &'a Profile, key: &str) -> Option<&'a Vehicle> {
    profile.vehicles.iter().find(|v| same(v, key))
}

/// The same, to change it.
pub fn chosen_mut<'a>(profile: &'a mut Profile, key: &str) -> Option<&'a mut Vehicle> {
    profile.vehicles.iter_mut().find(|v| same(v, key))
}

fn same(vehicle: &Vehicle, key: &str) -> bool {
    vehicle.plate.as_ref().is_some_and(|p| p.as_str() == key) || vehicle.vin.as_str() == key
}

/// The business is the owner's: a vehicle filed as someone else's (备案非本人机动车) can be
/// driven and its violations handled, but its documents and records are its owner's to change
/// (《机动车登记规定》第二十四条、第五十二条).
pub fn owned(vehicle: &Vehicle) -> Result<(), String> {
    match &vehicle.ownership {
        Ownership::Own => Ok(()),
        Ownership::FiledNonOwned { owner_name } => Err(format!(
            "该车为非本人机动车（所有人 {}），只能由机动车所有人本人办理",
            crate::domain::mask::mask_name(owner_name)
        )),
    }
}

/// Registered, with a plate: a vehicle not yet registered has no 行驶证 or 检验合格标志.
pub fn registered(vehicle: &Vehicle) -> Result<(), String> {
    match vehicle.plate {
        Some(_) => Ok(()),
        None => Err("该车尚未注册登记，没有行驶证和检验合格标志".into()),
    }
}

/// Not registered yet: 选号 and 临时号牌 are for a vehicle without a plate
/// (《机动车登记规定》第十四条).
pub fn unregistered(vehicle: &Vehicle) -> Result<(), String> {
    match &vehicle.plate {
        None => Ok(()),
        Some(plate) => Err(format!("该车已注册登记，号牌号码为 {plate}")),
    }
}

/// A car found by its plate is someone else's: one registered to the user is handled as their
/// own, under 机动车, not filed as a non-owned car.
pub fn not_own(profile: &Profile, plate: &Plate) -> Result<(), String> {
    let own = profile
        .vehicles
        .iter()
        .any(|v| v.plate.as_ref() == Some(plate) && v.ownership == Ownership::Own);
    if own {
        Err(format!("{plate} 登记在本人名下，请在【机动车】中直接办理"))
    } else {
        Ok(())
    }
}

/// The office whose numbers a 选号 draws from: the plate's, or the one a new car will be
/// registered at (《机动车登记规定》第四十三条).
pub fn drawing_office(vehicle: &Vehicle) -> Result<PlateOffice, String> {
    vehicle
        .office()
        .ok_or_else(|| "该车没有登记地车管所（发牌机关），无法产生候选号码".into())
}

/// 交强险 in force: a 检验合格标志 is reissued only while it is (《机动车登记规定》第五十七条).
pub fn insurance_valid(vehicle: &Vehicle, today: NaiveDate) -> Result<(), String> {
    match vehicle.insurance_valid_until {
        Some(until) if until >= today => Ok(()),
        Some(until) => Err(format!(
            "机动车交通事故责任强制保险已于 {until} 到期，续保后方可补领检验合格标志（《机动车登记规定》第五十七条）"
        )),
        None => Err("未查询到有效的机动车交通事故责任强制保险，续保后方可补领检验合格标志（《机动车登记规定》第五十七条）".into()),
    }
}

/// The inspection period not yet over: a lost sign is reissued for the period it proves; once
/// it has ended the vehicle must be inspected instead.
pub fn inspection_valid(vehicle: &Vehicle, today: NaiveDate) -> Result<(), String> {
    match vehicle.inspection_valid_until {
        Some(until) if until >= today => Ok(()),
        Some(until) => Err(format!(
            "检验有效期已于 {until} 届满，请先按期检验，检验合格后发放检验合格标志"
        )),
        None => Err("该车没有检验记录，请先检验".into()),
    }
}

/// Not replaced within `days` before `today`: a 行驶证 replaced again so soon is handled at a
/// window, where the office can look into it (《机动车登记规定》第七十四条第五项).
pub fn licence_not_replaced_within(
    vehicle: &Vehicle,
    today: NaiveDate,
    days: u32,
) -> Result<(), String> {
    match vehicle.licence_reissued_on {
        Some(on) if (today - on).num_days() < i64::from(days) => Err(format!(
            "该车行驶证已于 {on} 补换领，{days}日内再次申请的，请携带身份证到车管所窗口办理（《机动车登记规定》第七十四条）"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::profile::VehicleKind;
    use crate::domain::vin::Vin;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("a date")
    }

    fn car(ownership: Ownership, insurance: Option<NaiveDate>) -> Vehicle {
        Vehicle {
            vin: Vin::parse("LBELMBKC3KB382615").expect("a VIN"),
            plate: crate::domain::plate::Plate::parse("京NF5R28").ok(),
            kind: VehicleKind::SmallCar,
            model: "北京现代牌BH7150MY".into(),
            colour: "白色".into(),
            ownership,
            registered_on: Some(day(1, 1)),
            inspection_valid_until: Some(day(8, 31)),
            insurance_valid_until: insurance,
            invoice: None,
            must_deregister: false,
            contact: None,
            licence_reissued_on: None,
            sign_issued_on: None,
            registration_office: None,
        }
    }

    /// R164 Art.57: the sign is reissued while 交强险 is in force, its last day included.
    #[test]
    fn insurance_is_valid_through_its_last_day() {
        let vehicle = car(Ownership::Own, Some(day(3, 2)));
        assert!(insurance_valid(&vehicle, day(3, 2)).is_ok());
        let refused = insurance_valid(&vehicle, day(3, 3)).expect_err("lapsed");
        assert!(refused.contains("2026-03-02 到期") && refused.contains("第五十七条"));
        assert!(insurance_valid(&car(Ownership::Own, None), day(3, 3)).is_err());
    }

    #[test]
    fn someone_elses_car_is_refused_naming_its_owner_masked() {
        let filed = car(
            Ownership::FiledNonOwned {
                owner_name: "吴海涛".into(),
            },
            Some(day(9, 1)),
        );
        let refused = owned(&filed).expect_err("not own");
        assert!(
            refused.contains("吴**") && !refused.contains("吴海涛"),
            "{refused}"
        );
        assert!(owned(&car(Ownership::Own, None)).is_ok());
    }

    #[test]
    fn a_registered_car_is_not_offered_for_a_new_plate_and_a_new_car_is() {
        let mut vehicle = car(Ownership::Own, None);
        let refused = unregistered(&vehicle).expect_err("has a plate");
        assert!(refused.contains("京NF5R28"), "{refused}");
        vehicle.plate = None;
        assert!(unregistered(&vehicle).is_ok());
        assert!(registered(&vehicle).is_err());
    }

    /// R164 Art.74(5): a replacement within the window goes to a window; on its last day
    /// (`days` after the last one) the app takes it again.
    #[test]
    fn a_licence_replaced_within_the_window_is_sent_to_a_window() {
        let mut vehicle = car(Ownership::Own, None);
        assert!(licence_not_replaced_within(&vehicle, day(3, 2), 180).is_ok());
        vehicle.licence_reissued_on = Some(day(1, 1));
        let refused = licence_not_replaced_within(&vehicle, day(3, 2), 180).expect_err("recent");
        assert!(refused.contains("2026-01-01 补换领") && refused.contains("第七十四条"));
        assert!(licence_not_replaced_within(&vehicle, day(6, 29), 180).is_err());
        assert!(licence_not_replaced_within(&vehicle, day(6, 30), 180).is_ok());
    }

    #[test]
    fn an_ended_inspection_period_sends_the_car_to_be_inspected() {
        let vehicle = car(Ownership::Own, None);
        assert!(inspection_valid(&vehicle, day(8, 31)).is_ok());
        assert!(inspection_valid(&vehicle, day(9, 1)).is_err());
    }
}
