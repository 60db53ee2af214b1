//! Profiles and records the domain tests build on: one C1 driver and the demo personas.

use chrono::NaiveDate;

use crate::domain::id_number::IdNumber;
use crate::domain::licence_class::LicenceClasses;
use crate::domain::phone::Phone;
use crate::domain::plate::Plate;
use crate::domain::profile::{
    Address, DayOffset, Licence, LicenceStatus, Ownership, Profile, Reduction, ReductionSource,
    Vehicle, VehicleKind, VehicleTax,
};
use crate::domain::vin::Vin;
use crate::domain::violation::{Capture, Violation, ViolationCategory};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// The day the tests run on. The base licence was first issued on 2015-06-10, so the
/// current cycle is [2025-06-10, 2026-06-10), the previous one starts 2024-06-10 and the
/// one before that 2023-06-10.
pub fn today() -> NaiveDate {
    d(2026, 3, 2)
}

/// A C1 driver with a normal licence, an own car inspected until 2027, nothing recorded.
pub fn base() -> Profile {
    Profile {
        schema_version: 1,
        id: "test".into(),
        persona: "测试".into(),
        name: "张伟".into(),
        id_number: IdNumber::parse("110105199106142175").expect("id"),
        phone: Phone::parse("13811527406").expect("phone"),
        registration_city: "北京市".into(),
        address: Address {
            province: "北京市".into(),
            city: "北京市".into(),
            district: "朝阳区".into(),
            detail: "望京西园三区312号楼".into(),
        },
        licence: Some(Licence {
            file_number: "110107493825".into(),
            classes: LicenceClasses::parse("C1").expect("classes"),
            first_issued: d(2015, 6, 10),
            valid_from: d(2021, 6, 10),
            valid_until: Some(d(2031, 6, 10)),
            status: LicenceStatus::Normal,
            status_until: None,
            issuing_authority: "北京市公安局公安交通管理局".into(),
            school_bus_driver: false,
            photo_on_file: true,
            e_licence: None,
            reissued_on: None,
            downgrade_notice: None,
            category_added_on: None,
            reviewed_cycles: Vec::new(),
            full_points_notice_on: None,
            full_points_begun_on: None,
        }),
        medical_certificate: None,
        learner_permit: None,
        vehicles: vec![car(
            Ownership::Own,
            Some(d(2019, 8, 1)),
            Some(d(2027, 8, 31)),
            Some(d(2026, 8, 1)),
        )],
        violations: Vec::new(),
        reductions: Vec::new(),
        full_score_records: Vec::new(),
        education_fraud: Vec::new(),
        welfare_bars: Vec::new(),
        accidents: Vec::new(),
    }
}

/// The base driver's car, a registered 京NF5R28, with these dates.
pub fn car(
    ownership: Ownership,
    registered_on: Option<NaiveDate>,
    inspection_valid_until: Option<NaiveDate>,
    insurance_valid_until: Option<NaiveDate>,
) -> Vehicle {
    Vehicle {
        vin: Vin::parse("LBELMBKC3KB382615").expect("vin"),
        plate: Some(Plate::parse("京NF5R28").expect("plate")),
        kind: VehicleKind::SmallCar,
        model: "北京现代牌BH7150MY".into(),
        colour: "白色".into(),
        ownership,
        registered_on,
        inspection_valid_until,
        insurance_valid_until,
        invoice: None,
        must_deregister: false,
        contact: None,
        licence_reissued_on: None,
        sign_issued_on: None,
        registration_office: None,
        operating: false,
        vehicle_tax: VehicleTax::Paid,
        accidents: Vec::new(),
        temporary_plates: Vec::new(),
        plates_reissued_on: None,
        exempt_sign_issued_on: None,
        scrap_on: None,
        seized: false,
        mortgagee: None,
        transferred_out: None,
    }
}

/// A handled, paid record committed and decided on `date`.
pub fn violation(date: NaiveDate, points: u8) -> Violation {
    Violation {
        date,
        time: None,
        place: "北京市朝阳区东三环北路".into(),
        description: "驾驶机动车违反道路交通信号灯通行的".into(),
        points,
        fine_yuan: 200,
        handled: true,
        fine_paid: true,
        category: ViolationCategory::Ordinary,
        plate: None,
        captured_by: Capture::Camera,
        decided_on: None,
        decision_number: None,
        fine_paid_on: None,
        paid_fen: None,
    }
}

pub fn reduction(date: NaiveDate, points: u8, source: ReductionSource) -> Reduction {
    Reduction {
        date,
        points,
        source,
        application: None,
    }
}

/// The base driver with `points` handled points recorded early in the current cycle.
pub fn with_points(points: u8) -> Profile {
    let mut p = base();
    p.violations.push(violation(d(2025, 9, 1), points));
    p
}

pub fn persona(text: &str, start: NaiveDate) -> Profile {
    ron::from_str::<Profile<DayOffset>>(text)
        .expect("persona parses")
        .dated(start)
}

pub fn starts() -> Vec<NaiveDate> {
    vec![
        d(2026, 3, 2),
        d(2025, 1, 1),
        d(2026, 12, 31),
        d(2028, 2, 29),
        d(2030, 10, 5),
    ]
}
