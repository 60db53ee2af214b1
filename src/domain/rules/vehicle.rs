//! Rules about the vehicle a business is done for: which one was chosen, whose it is, and
//! whether its insurance and inspection allow a 检验合格标志.

use chrono::{Days, Months, NaiveDate};
use serde::Deserialize;

use crate::domain::calendar::WorkCalendar;
use crate::domain::plate::{Plate, PlateKind, PlateOffice};
use crate::domain::profile::{
    Accident, InvoiceKind, Ownership, Profile, TemporaryPurpose, Vehicle, VehicleKind, VehicleTax,
    Violation,
};

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
    if let Some(out) = &vehicle.transferred_out {
        return Err(format!(
            "该车已于 {} 转出，待在{}办理转入",
            out.on, out.city
        ));
    }
    match vehicle.plate {
        Some(_) => Ok(()),
        None => Err("该车尚未注册登记，没有行驶证和检验合格标志".into()),
    }
}

/// Not registered yet: 选号 and 临时号牌 are for a vehicle without a plate
/// (《机动车登记规定》第十四条).
pub fn unregistered(vehicle: &Vehicle) -> Result<(), String> {
    if let Some(out) = &vehicle.transferred_out {
        return Err(format!(
            "该车已于 {} 转出（原号牌 {}），请到{}车管所办理转入",
            out.on, out.old_plate, out.city
        ));
    }
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

/// 交强险 in force: a 检验合格标志 is issued or reissued only while it is (《机动车登记规定》
/// 第五十五条、第五十七条).
pub fn insurance_valid(vehicle: &Vehicle, today: NaiveDate) -> Result<(), String> {
    match vehicle.insurance_valid_until {
        Some(until) if until >= today => Ok(()),
        Some(until) => Err(format!(
            "机动车交通事故责任强制保险已于 {until} 到期，续保后方可申领或补领检验合格标志（《机动车登记规定》第五十五条、第五十七条）"
        )),
        None => Err("未查询到有效的机动车交通事故责任强制保险，续保后方可申领或补领检验合格标志（《机动车登记规定》第五十五条、第五十七条）".into()),
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

/// What the 车管所 sets for vehicles and this simulator keeps in the config: how recent a
/// plate replacement counts as frequent (R164 Art.74(5) gives no number), the non-owner
/// filing limits, and the inspection-exemption schedule.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VehicleRules {
    /// A plate replaced again within this many days goes to a window.
    pub plate_replacement_days: u32,
    /// Non-own vehicles one user may file.
    pub non_owned_per_user: u32,
    /// Non-owner users one vehicle may be filed by.
    pub non_owned_per_vehicle: u32,
    pub exemption: InspectionExemption,
}

/// Which vehicles are exempt from on-line inspection and apply for the sign instead: the
/// kinds (non-operating), and the years after registration in which the sign is applied for
/// (since the 2022 reform: small and micro passenger cars in years 6 and 10).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionExemption {
    pub kinds: Vec<VehicleKind>,
    pub sign_years: Vec<u32>,
}

/// Whole years from `from` to `to`, counted by anniversaries.
fn years_between(from: NaiveDate, to: NaiveDate) -> u32 {
    to.years_since(from).unwrap_or(0)
}

/// Exempt from on-line inspection: a kind of the schedule, not operating, and its inspection
/// falling due in a year of the schedule (R164 Art.55; the schedule is the config's).
pub fn inspection_exempt(vehicle: &Vehicle, rules: &InspectionExemption) -> Result<(), String> {
    if vehicle.operating || !rules.kinds.contains(&vehicle.kind) {
        return Err(format!(
            "{}{}不属于免检车辆，请按期到检验机构检验",
            if vehicle.operating { "营运" } else { "" },
            vehicle.kind.label()
        ));
    }
    let (Some(registered), Some(due)) = (vehicle.registered_on, vehicle.inspection_valid_until)
    else {
        return Err("该车没有注册登记和检验记录，不能申领免检标志".into());
    };
    let year = years_between(registered, due);
    if rules.sign_years.contains(&year) {
        Ok(())
    } else {
        let years: Vec<String> = rules
            .sign_years
            .iter()
            .map(|y| format!("第{y}年"))
            .collect();
        Err(format!(
            "免检车辆在注册登记后{}申领检验标志；该车本次检验为注册后第{year}年，请到检验机构检验",
            years.join("、")
        ))
    }
}

/// The months before the inspection expiry within which the sign is applied for
/// (《机动车登记规定》第五十四条).
pub const SIGN_WINDOW_MONTHS: u32 = 3;

/// Inside the three months before the inspection expires, the day of expiry included; the
/// refusal names the day the window opens.
pub fn sign_window_open(vehicle: &Vehicle, today: NaiveDate) -> Result<(), String> {
    let Some(due) = vehicle.inspection_valid_until else {
        return Err("该车没有检验记录".into());
    };
    let opens = due
        .checked_sub_months(Months::new(SIGN_WINDOW_MONTHS))
        .unwrap_or(due);
    if today < opens {
        return Err(format!(
            "检验有效期至 {due}，可在届满前3个月内申领，{opens} 起可以申请（《机动车登记规定》第五十四条）"
        ));
    }
    if today > due {
        return Err(format!("检验有效期已于 {due} 届满，请先到检验机构检验"));
    }
    Ok(())
}

/// 车船税 paid or exempt for the year (《机动车登记规定》第五十五条).
pub fn vehicle_tax_settled(vehicle: &Vehicle) -> Result<(), String> {
    match vehicle.vehicle_tax {
        VehicleTax::Paid | VehicleTax::Exempt => Ok(()),
        VehicleTax::Unpaid => Err(
            "未查询到该车本年度车船税缴纳或者免征记录，请先缴纳车船税（《机动车登记规定》第五十五条）"
                .into(),
        ),
    }
}

/// No violation recorded against the vehicle and no accident of it unhandled (《机动车登记规定》
/// 第五十四条); each refusal says how many and where.
pub fn records_clear(profile: &Profile, vehicle: &Vehicle) -> Result<(), String> {
    let plate = vehicle.plate.as_ref();
    let violations: Vec<&Violation> = profile
        .violations
        .iter()
        .filter(|v| !v.handled && plate.is_some() && v.plate.as_ref() == plate)
        .collect();
    if let Some(first) = violations.first() {
        return Err(format!(
            "该车有{}条交通违法记录未处理（{} {}），请先处理",
            violations.len(),
            first.date,
            first.place
        ));
    }
    let accidents: Vec<&Accident> = vehicle.accidents.iter().filter(|a| !a.handled).collect();
    if let Some(first) = accidents.first() {
        return Err(format!(
            "该车有{}起交通事故未处理结案（{} {}），请先处理",
            accidents.len(),
            first.date,
            first.place
        ));
    }
    Ok(())
}

/// The next 检验有效期 a sign gives an exempt vehicle: to the next year of the schedule after
/// the current one, or two years on once the schedule is past (then inspected every two years).
pub fn next_inspection_due(vehicle: &Vehicle, rules: &InspectionExemption) -> Option<NaiveDate> {
    let registered = vehicle.registered_on?;
    let due = vehicle.inspection_valid_until?;
    let year = years_between(registered, due);
    match rules.sign_years.iter().filter(|y| **y > year).min() {
        Some(next) => registered.checked_add_months(Months::new(next.saturating_mul(12))),
        None => due.checked_add_months(Months::new(24)),
    }
}

/// The last day of a temporary plate issued on `on` for `days` days, the day of issue the
/// first (《机动车登记规定》第九十二条: its days are calendar days, holidays included).
pub fn temporary_plate_until(on: NaiveDate, days: u32) -> NaiveDate {
    on.checked_add_days(Days::new(u64::from(days.max(1)) - 1))
        .unwrap_or(on)
}

/// Temporary plates a new car may be issued (《机动车登记规定》第四十七条).
pub const NEW_CAR_TEMPORARY_PLATES: usize = 3;

/// The days a new car's temporary plate may run at most (第四十七条).
pub const NEW_CAR_TEMPORARY_DAYS: u32 = 30;

/// A new car has been issued fewer than three temporary plates (第四十七条).
pub fn new_car_temporary_plates_left(vehicle: &Vehicle) -> Result<(), String> {
    let issued = vehicle
        .temporary_plates
        .iter()
        .filter(|t| t.purpose == TemporaryPurpose::NewCar)
        .count();
    if issued >= NEW_CAR_TEMPORARY_PLATES {
        Err(format!(
            "该车已申领{issued}次临时号牌，同一辆车最多申领{NEW_CAR_TEMPORARY_PLATES}次，请尽快办理注册登记（《机动车登记规定》第四十七条）"
        ))
    } else {
        Ok(())
    }
}

/// A new car's temporary plate ends after today, within 30 days of it and not after the
/// 交强险 ends (第四十七条).
pub fn new_car_temporary_until(
    vehicle: &Vehicle,
    until: NaiveDate,
    today: NaiveDate,
) -> Result<(), String> {
    let longest = temporary_plate_until(today, NEW_CAR_TEMPORARY_DAYS);
    if until < today {
        return Err("有效期至不能早于今天".into());
    }
    if until > longest {
        return Err(format!(
            "临时号牌有效期最长{NEW_CAR_TEMPORARY_DAYS}日，不得晚于 {longest}（《机动车登记规定》第四十七条）"
        ));
    }
    match vehicle.insurance_valid_until {
        Some(insured) if until > insured => Err(format!(
            "临时号牌有效期不得超过交强险有效期（{insured}），请选择 {insured} 及以前的日期（《机动车登记规定》第四十七条）"
        )),
        Some(_) => Ok(()),
        None => Err(
            "未查询到该车的交强险，投保后方可申领临时号牌（《机动车登记规定》第四十七条）".into(),
        ),
    }
}

/// The day a new car's temporary plate becomes void once its real plates are received: three
/// working days on (第四十七条; 第九十二条: 三日 are working days).
pub fn temporary_plate_void_on(received: NaiveDate, calendar: &WorkCalendar) -> NaiveDate {
    calendar.add_working_days(received, 3)
}

/// 在用车选号 is for a used vehicle that needs a new number: one transferred out of another
/// office towards this one (转入), or one bought second-hand in its own city whose 转让登记 is
/// pending (《机动车登记规定》第二十六条、第二十七条).
pub fn awaiting_new_number(vehicle: &Vehicle) -> Result<(), String> {
    if vehicle.transferred_out.is_some() {
        return Ok(());
    }
    let local_sale = vehicle
        .invoice
        .as_ref()
        .is_some_and(|i| i.kind == InvoiceKind::UsedCar)
        && vehicle.plate.is_some();
    if local_sale {
        Ok(())
    } else {
        Err("该车不是待转入或待办理转让登记的二手车".into())
    }
}

/// 新车选号 serves 小型汽车, 小型新能源汽车 and 大型新能源汽车 (the seed); other kinds choose at
/// the window.
pub fn plate_selectable(vehicle: &Vehicle) -> Result<(), String> {
    if matches!(
        vehicle.kind,
        VehicleKind::SmallCar | VehicleKind::SmallNev | VehicleKind::LargeNev
    ) {
        Ok(())
    } else {
        Err(format!(
            "{}不能在线选号，请到车管所窗口办理",
            vehicle.kind.label()
        ))
    }
}

/// No transfer within a year of the compulsory scrapping age (《机动车登记规定》第二十九条第三项).
pub fn not_near_scrapping(vehicle: &Vehicle, today: NaiveDate) -> Result<(), String> {
    let Some(scrap) = vehicle.scrap_on else {
        return Ok(());
    };
    let year_before = scrap.checked_sub_months(Months::new(12)).unwrap_or(scrap);
    if today >= year_before {
        Err(format!(
            "该车强制报废期止 {scrap}，距强制报废期1年以内，不能办理转籍（《机动车登记规定》第二十九条）"
        ))
    } else {
        Ok(())
    }
}

/// Not seized: nothing is registered for a vehicle a court or the police hold
/// (《机动车登记规定》第二十九条).
pub fn not_seized(vehicle: &Vehicle) -> Result<(), String> {
    if vehicle.seized {
        Err("该车已被人民法院、人民检察院或行政执法部门依法查封、扣押，不能办理转籍（《机动车登记规定》第二十九条）".into())
    } else {
        Ok(())
    }
}

/// A mortgaged vehicle is transferred only with its mortgagee (《机动车登记规定》第三十二条):
/// `consented` is whether the mortgagee's consent was given.
pub fn mortgage_consented(vehicle: &Vehicle, consented: bool) -> Result<(), String> {
    match &vehicle.mortgagee {
        Some(mortgagee) if !consented => Err(format!(
            "该车处于抵押登记期间（抵押权人 {mortgagee}），须经抵押权人同意、共同申请（《机动车登记规定》第三十二条）"
        )),
        _ => Ok(()),
    }
}

/// A small or micro passenger car or a motorcycle whose owner moves is registered directly at
/// the new office as a change, not transferred out (《机动车登记规定》第十八条第一款).
pub fn moves_by_transfer_out(vehicle: &Vehicle) -> Result<(), String> {
    if matches!(vehicle.kind, VehicleKind::SmallCar | VehicleKind::SmallNev) {
        Err(format!(
            "{}属于小型、微型载客汽车，住所迁出的无需办理转出，直接向迁入地车管所申请变更登记（《机动车登记规定》第十八条）",
            vehicle.kind.label()
        ))
    } else {
        Ok(())
    }
}

/// A sale's destination is the one on the 二手车销售统一发票 (the seed's rule; the invoice is
/// the proof of origin, 《机动车登记规定》第九十条); the refusal names both places.
pub fn destination_matches_invoice(vehicle: &Vehicle, city: &str) -> Result<(), String> {
    match &vehicle.invoice {
        Some(invoice) if invoice.kind == InvoiceKind::UsedCar => {
            if invoice.buyer_city == city {
                Ok(())
            } else {
                Err(format!(
                    "转入地为{city}，与二手车销售统一发票（{}）上的转入地{}不一致，请核对后重新选择",
                    invoice.number, invoice.buyer_city
                ))
            }
        }
        _ => Err("未查询到该车的二手车销售统一发票，异地交易转籍须凭发票办理".into()),
    }
}

/// Plates replaced again within `days` go to a window (《机动车登记规定》第七十四条第五项).
pub fn plates_not_replaced_within(
    vehicle: &Vehicle,
    today: NaiveDate,
    days: u32,
) -> Result<(), String> {
    match vehicle.plates_reissued_on {
        Some(on) if (today - on).num_days() < i64::from(days) => Err(format!(
            "该车号牌已于 {on} 补换领，{days}日内再次申请的，请携带身份证到车管所窗口办理（《机动车登记规定》第七十四条）"
        )),
        _ => Ok(()),
    }
}

/// The vehicles a non-owner may file: 小型汽车, 小型新能源汽车, and the 粤Z…港/澳 cars the seed
/// names.
pub fn fileable_as_non_owned(vehicle: &Vehicle) -> Result<(), String> {
    let cross_border = vehicle
        .plate
        .as_ref()
        .is_some_and(|p| matches!(p.kind(), PlateKind::HongKong | PlateKind::Macau));
    if matches!(vehicle.kind, VehicleKind::SmallCar | VehicleKind::SmallNev) || cross_border {
        Ok(())
    } else {
        Err(format!(
            "{}不能备案为非本人机动车，只能备案小型汽车、小型新能源汽车和粤港澳入出境车",
            vehicle.kind.label()
        ))
    }
}

/// The vehicle is registered where the account is (`office_city`: the city whose 车管所 issued
/// its plate; a 粤Z cross-border car is registered in 广东): a car of another region cannot be
/// filed, and the seed's advice is to register the account again where the 行驶证 was issued.
pub fn same_region(
    profile: &Profile,
    vehicle: &Vehicle,
    office_city: Option<&str>,
) -> Result<(), String> {
    let Some(plate) = &vehicle.plate else {
        return Err("该车尚未注册登记，上牌后方可备案".into());
    };
    let cross_border = matches!(plate.kind(), PlateKind::HongKong | PlateKind::Macau);
    if cross_border && profile.address.province == "广东省" {
        return Ok(());
    }
    if office_city == Some(profile.registration_city.as_str()) {
        return Ok(());
    }
    let place = office_city.map_or_else(|| plate.office().as_str().to_string(), str::to_string);
    Err(format!(
        "{plate} 登记在{place}，与本账号注册地{}不一致，不能备案。如需备案，请删除账号并在行驶证所在地重新注册",
        profile.registration_city
    ))
}

/// The user files at most `limit` non-own vehicles.
pub fn filer_below_limit(profile: &Profile, limit: u32) -> Result<(), String> {
    let filed = profile
        .vehicles
        .iter()
        .filter(|v| matches!(v.ownership, Ownership::FiledNonOwned { .. }))
        .count();
    if filed >= limit as usize {
        Err(format!(
            "本账号已备案{filed}辆非本人机动车，最多可备案{limit}辆，请先解除其他备案"
        ))
    } else {
        Ok(())
    }
}

/// A vehicle is filed by at most `limit` non-owners.
pub fn vehicle_below_filers(filers: u32, limit: u32) -> Result<(), String> {
    if filers >= limit {
        Err(format!(
            "该车已被{filers}名非所有人备案，每辆车最多可被{limit}人备案"
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("a date")
    }

    fn car(ownership: Ownership, insurance: Option<NaiveDate>) -> Vehicle {
        crate::domain::testing::car(ownership, Some(day(1, 1)), Some(day(8, 31)), insurance)
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

    fn exemption() -> InspectionExemption {
        InspectionExemption {
            kinds: vec![VehicleKind::SmallCar, VehicleKind::SmallNev],
            sign_years: vec![6, 10],
        }
    }

    /// A small car registered 2020-04-12 whose inspection falls due in its sixth year.
    fn six_year_car() -> Vehicle {
        let mut v = car(Ownership::Own, Some(day(9, 1)));
        v.registered_on = NaiveDate::from_ymd_opt(2020, 4, 12);
        v.inspection_valid_until = Some(day(4, 12));
        v
    }

    /// R164 Art.54: the three months before the expiry, the first day and the expiry included.
    #[test]
    fn the_sign_window_opens_three_months_before_the_expiry() {
        let v = six_year_car();
        let why = sign_window_open(&v, day(1, 11)).expect_err("a day early");
        assert!(
            why.contains("2026-01-12 起可以申请") && why.contains("第五十四条"),
            "{why}"
        );
        assert!(sign_window_open(&v, day(1, 12)).is_ok());
        assert!(sign_window_open(&v, day(4, 12)).is_ok());
        assert!(sign_window_open(&v, day(4, 13)).is_err());
    }

    #[test]
    fn exempt_cars_apply_in_the_years_of_the_schedule_and_get_the_next_one() {
        let rules = exemption();
        let mut v = six_year_car();
        assert!(inspection_exempt(&v, &rules).is_ok());
        assert_eq!(
            next_inspection_due(&v, &rules),
            NaiveDate::from_ymd_opt(2030, 4, 12),
            "year 6 leads to year 10"
        );
        v.inspection_valid_until = NaiveDate::from_ymd_opt(2030, 4, 12);
        assert_eq!(
            next_inspection_due(&v, &rules),
            NaiveDate::from_ymd_opt(2032, 4, 12),
            "after year 10 every two years"
        );
        v.inspection_valid_until = NaiveDate::from_ymd_opt(2028, 4, 12);
        let why = inspection_exempt(&v, &rules).expect_err("year 8");
        assert!(
            why.contains("第6年、第10年") && why.contains("第8年"),
            "{why}"
        );
        let mut taxi = six_year_car();
        taxi.operating = true;
        assert!(
            inspection_exempt(&taxi, &rules)
                .expect_err("operating")
                .contains("营运")
        );
        let mut truck = six_year_car();
        truck.kind = VehicleKind::Truck;
        assert!(inspection_exempt(&truck, &rules).is_err());
    }

    #[test]
    fn the_tax_must_be_paid_or_exempt() {
        let mut v = six_year_car();
        assert!(vehicle_tax_settled(&v).is_ok());
        v.vehicle_tax = VehicleTax::Exempt;
        assert!(vehicle_tax_settled(&v).is_ok());
        v.vehicle_tax = VehicleTax::Unpaid;
        assert!(
            vehicle_tax_settled(&v)
                .expect_err("unpaid")
                .contains("车船税")
        );
    }

    /// R164 Art.51, 92: the temporary plate runs 15 calendar days, the day of issue the first.
    #[test]
    fn a_temporary_plate_runs_fifteen_calendar_days() {
        assert_eq!(temporary_plate_until(day(4, 27), 15), day(5, 11));
    }

    #[test]
    fn the_fourth_filer_of_a_car_and_the_fourth_car_of_a_filer_are_refused() {
        assert!(vehicle_below_filers(2, 3).is_ok());
        let why = vehicle_below_filers(3, 3).expect_err("the 4th filer");
        assert!(
            why.contains("已被3名") && why.contains("最多可被3人"),
            "{why}"
        );
    }

    #[test]
    fn only_small_cars_and_cross_border_cars_are_filed_as_non_own() {
        let mut v = six_year_car();
        assert!(fileable_as_non_owned(&v).is_ok());
        v.kind = VehicleKind::Truck;
        assert!(
            fileable_as_non_owned(&v)
                .expect_err("a truck")
                .contains("大型货车")
        );
        v.plate = crate::domain::plate::Plate::parse("粤Z1234港").ok();
        assert!(fileable_as_non_owned(&v).is_ok(), "粤Z…港 per the seed");
    }

    /// R164 Art.47, 92: void three working days after the real plates are received; 劳动节
    /// does not count.
    #[test]
    fn a_new_cars_temporary_plate_is_void_three_working_days_after_the_plates() {
        let calendar =
            WorkCalendar::from_ron(include_str!("../../../assets/calendar/holidays.ron"))
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(temporary_plate_void_on(day(4, 30), &calendar), day(5, 8));
        assert_eq!(temporary_plate_void_on(day(3, 2), &calendar), day(3, 5));
    }
}
