//! The demo personas in `assets/demo/personas/` parse, are valid and have the properties
//! the training scenarios rely on (a driver with 10 points, a school-bus driver, ...).
//!
//! Parsing alone proves every ID number, VIN, plate, phone number and licence class is
//! valid, because those types refuse bad values; the check chars are verified a second time
//! here with a small implementation that does not use the crate's code.

use chrono::{Datelike, NaiveDate};
use jiaoguan::assets::AssetSource;
use jiaoguan::domain::driving_test::{ExamSubject, SittingResult};
use jiaoguan::domain::ledger::points_this_cycle;
use jiaoguan::domain::licence_class::LicenceClass;
use jiaoguan::domain::profile::{
    DayOffset, InvoiceKind, LearnerPermit, LicenceStatus, Ownership, Profile, VehicleKind,
};
use unicode_width::UnicodeWidthChar;

/// The simulated clock's start used for the property checks.
fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date")
}

/// Other clock starts: the personas are written as day offsets, so their properties must
/// not depend on the day the demo begins (leap years, year ends).
fn other_starts() -> Vec<NaiveDate> {
    [
        (2025, 1, 1),
        (2026, 12, 31),
        (2027, 7, 15),
        (2028, 2, 29),
        (2028, 3, 1),
        (2030, 10, 5),
    ]
    .iter()
    .map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("valid date"))
    .collect()
}

/// (file stem, raw text, parsed persona) for every persona file.
fn personas() -> Vec<(String, String, Profile<DayOffset>)> {
    let files = AssetSource::Embedded
        .files("demo/personas/")
        .expect("embedded persona files");
    files
        .into_iter()
        .map(|f| {
            let stem = f
                .name
                .strip_prefix("demo/personas/")
                .and_then(|n| n.strip_suffix(".ron"))
                .unwrap_or_else(|| panic!("unexpected persona file name {}", f.name))
                .to_string();
            let profile = ron::from_str::<Profile<DayOffset>>(&f.text)
                .unwrap_or_else(|e| panic!("{}: {e}", f.name));
            (stem, f.text.into_owned(), profile)
        })
        .collect()
}

fn persona(id: &str) -> Profile<DayOffset> {
    personas()
        .into_iter()
        .find(|(stem, _, _)| stem == id)
        .map(|(_, _, p)| p)
        .unwrap_or_else(|| panic!("persona {id} missing"))
}

/// Points of handled violations in the current cycle at `today`.
fn points_at(p: &Profile<DayOffset>, today: NaiveDate) -> u8 {
    let dated = p.clone().dated(today);
    assert!(dated.licence.is_some(), "persona has a licence");
    points_this_cycle(&dated, today)
}

/// GB 11643 MOD 11-2, written out again independently of `jiaoguan::domain::id_number`.
fn id_check_char(first17: &str) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const T: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let s: u32 = first17
        .chars()
        .zip(W)
        .map(|(c, w)| c.to_digit(10).expect("digit") * w)
        .sum();
    T[(s % 11) as usize]
}

/// GB 16735 check digit, written out again independently of `jiaoguan::domain::vin`.
fn vin_check_char(vin: &str) -> char {
    const W: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let value = |c: char| -> u32 {
        if let Some(d) = c.to_digit(10) {
            return d;
        }
        let table = [
            ('A', 1),
            ('B', 2),
            ('C', 3),
            ('D', 4),
            ('E', 5),
            ('F', 6),
            ('G', 7),
            ('H', 8),
            ('J', 1),
            ('K', 2),
            ('L', 3),
            ('M', 4),
            ('N', 5),
            ('P', 7),
            ('R', 9),
            ('S', 2),
            ('T', 3),
            ('U', 4),
            ('V', 5),
            ('W', 6),
            ('X', 7),
            ('Y', 8),
            ('Z', 9),
        ];
        table
            .iter()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("{c} is not a VIN char"))
    };
    let s: u32 = vin.chars().zip(W).map(|(c, w)| value(c) * w).sum();
    match s % 11 {
        10 => 'X',
        r => char::from_digit(r, 10).expect("digit"),
    }
}

/// Province name of the two-digit prefix of an ID number, for the cities the personas use.
fn province_of(prefix: &str) -> Option<&'static str> {
    Some(match prefix {
        "11" => "北京市",
        "31" => "上海市",
        "32" => "江苏省",
        "33" => "浙江省",
        "42" => "湖北省",
        "44" => "广东省",
        "51" => "四川省",
        _ => return None,
    })
}

/// Age in whole years on `day`.
fn age_on(birth: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

#[test]
fn personas_parse_with_unique_ids_equal_to_file_stems() {
    let all = personas();
    assert!(all.len() >= 6, "only {} personas", all.len());
    let mut ids: Vec<&str> = Vec::new();
    for (stem, _, p) in &all {
        assert_eq!(&p.id, stem, "id must equal the file stem");
        assert_eq!(p.schema_version, 1, "{stem}");
        assert!(!ids.contains(&p.id.as_str()), "duplicate id {}", p.id);
        ids.push(&p.id);
        assert!(!p.persona.trim().is_empty(), "{stem}: persona text");
        assert!(!p.name.trim().is_empty(), "{stem}: name");
    }
    for want in [
        "ordinary_c1",
        "truck_a2",
        "school_bus",
        "full_points_detained",
        "expiring_soon",
        "new_car_owner",
    ] {
        assert!(ids.contains(&want), "persona {want} missing");
    }
}

#[test]
fn check_chars_verified_independently() {
    for (stem, _, p) in personas() {
        let id = p.id_number.as_str();
        assert_eq!(id.len(), 18, "{stem}");
        assert_eq!(
            id_check_char(&id[..17]),
            id.chars().nth(17).unwrap_or('?'),
            "{stem}: {id}"
        );
        for v in &p.vehicles {
            let vin = v.vin.as_str();
            assert_eq!(vin.len(), 17, "{stem}");
            assert!(
                vin.starts_with('L'),
                "{stem}: {vin} should have a Chinese WMI"
            );
            assert!(!vin.contains(['I', 'O', 'Q']), "{stem}: {vin}");
            assert!(
                "ABCDEFGHJKLMNPRSTVWXY123456789".contains(vin.chars().nth(9).unwrap_or('?')),
                "{stem}: {vin} position 10 is not a model-year code"
            );
            assert_eq!(
                vin_check_char(vin),
                vin.chars().nth(8).unwrap_or('?'),
                "{stem}: {vin}"
            );
        }
    }
}

#[test]
fn records_are_consistent_and_realistic() {
    let today = start();
    for (stem, _, p) in personas() {
        let prefix = &p.id_number.as_str()[..2];
        let province = province_of(prefix)
            .unwrap_or_else(|| panic!("{stem}: add prefix {prefix} to province_of"));
        assert_eq!(p.address.province, province, "{stem}: address vs ID region");
        assert_eq!(
            p.registration_city, p.address.city,
            "{stem}: 注册地 vs address"
        );

        let dated = p.clone().dated(today);
        if let Some(permit) = &dated.learner_permit {
            check_learner(&stem, &dated, permit, today);
        }
        let Some(l) = dated.licence.as_ref() else {
            assert!(
                dated.learner_permit.is_some(),
                "{stem}: a persona holds a licence or learns for one"
            );
            continue;
        };
        assert_eq!(l.file_number.len(), 12, "{stem}: file number");
        assert!(
            l.file_number.chars().all(|c| c.is_ascii_digit()),
            "{stem}: file number"
        );
        assert!(
            l.first_issued <= l.valid_from && l.valid_from <= today,
            "{stem}: licence dates"
        );
        // A persona made for an expired licence says so in its description.
        let story = |word: &str| p.persona.contains(word);
        if let Some(until) = l.valid_until
            && !story("注销")
            && !story("逾期")
        {
            assert!(until > today, "{stem}: licence already expired");
        }
        let birth = p.id_number.birth_date();
        assert!(
            age_on(birth, l.first_issued) >= 18,
            "{stem}: too young at first issue"
        );
        let large = [LicenceClass::A1, LicenceClass::A2];
        if large.iter().any(|&c| l.classes.contains(c)) {
            assert!(
                age_on(birth, l.first_issued) >= 22,
                "{stem}: A class before 22"
            );
            // R162 Art.65 as amended by R172: a large class is given up at 63; only the
            // persona made for that downgrade still holds one.
            assert!(
                age_on(birth, today) < 63 || story("超龄降级"),
                "{stem}: A class at 63 or over"
            );
        }

        for v in &dated.vehicles {
            // A car without a plate is new, or transferred out and on its way in.
            assert_eq!(
                v.plate.is_none(),
                v.registered_on.is_none() || v.transferred_out.is_some(),
                "{stem}: plate vs registration"
            );
            if let Some(reg) = v.registered_on {
                assert!(reg <= today, "{stem}: registered in the future");
            }
            if let Some(inv) = &v.invoice {
                assert!(inv.date <= today, "{stem}: invoice in the future");
            }
        }
        for v in &dated.violations {
            assert!(
                [12, 9, 6, 3, 1].contains(&v.points),
                "{stem}: {} points",
                v.points
            );
            assert!(v.date <= today, "{stem}: violation in the future");
            assert!(
                !v.fine_paid || v.handled,
                "{stem}: fine paid on an unhandled violation"
            );
        }
    }
}

/// A learner's file tells one story: accepted, then 科目一 passed on the day the permit was
/// issued, valid three years (R162 Art.40-41); sittings in the past, in order, each subject
/// sat only after the one before it was passed; the age fits the class (Art.14).
fn check_learner(stem: &str, profile: &Profile, permit: &LearnerPermit, today: NaiveDate) {
    assert!(
        permit.accepted_on <= today,
        "{stem}: accepted in the future"
    );
    let birth = profile.id_number.birth_date();
    assert!(
        age_on(birth, permit.accepted_on) >= 17,
        "{stem}: too young to apply"
    );
    let mut last = permit.accepted_on;
    for sitting in &permit.sittings {
        assert!(
            sitting.on >= last && sitting.on <= today,
            "{stem}: sitting dates"
        );
        last = sitting.on;
    }
    match (permit.issued_on, permit.valid_until) {
        (None, None) => assert!(
            !permit.passed(ExamSubject::One),
            "{stem}: 科目一 passed but no permit"
        ),
        (Some(issued), Some(until)) => {
            let k1 = permit
                .sittings
                .iter()
                .find(|s| s.subject == ExamSubject::One && s.result == SittingResult::Passed)
                .unwrap_or_else(|| panic!("{stem}: a permit is issued after 科目一"));
            assert_eq!(k1.on, issued, "{stem}: permit issued on the day of 科目一");
            let three_years = issued + chrono::Months::new(36);
            assert!(
                until <= three_years && until > today,
                "{stem}: permit valid three years and not lapsed"
            );
        }
        other => panic!("{stem}: permit dates {other:?}"),
    }
}

#[test]
fn strings_have_no_ambiguous_width_chars() {
    for (stem, text, _) in personas() {
        for c in text.chars() {
            assert_eq!(
                c.width(),
                c.width_cjk(),
                "{stem}: ambiguous-width char U+{:04X}",
                c as u32
            );
        }
    }
}

#[test]
fn personas_have_the_properties_the_scenarios_need() {
    let today = start();

    let ordinary = persona("ordinary_c1");
    assert!(
        (1..=6).contains(&points_at(&ordinary, today)),
        "ordinary_c1 points"
    );
    let l = ordinary.clone().dated(today).licence.expect("licence");
    assert!(l.classes.contains(LicenceClass::C1));
    assert_eq!(l.status, LicenceStatus::Normal);
    assert!(l.photo_on_file);
    assert!(
        l.valid_until
            .is_some_and(|u| u > today + chrono::Days::new(6 * 365)),
        "ordinary_c1 licence should run 6+ more years"
    );
    assert!(ordinary.vehicles.iter().any(|v| v.plate.is_some()
        && v.kind == VehicleKind::SmallCar
        && v.ownership == Ownership::Own));

    let truck = persona("truck_a2");
    assert_eq!(points_at(&truck, today), 10, "truck_a2 points");
    let l = truck.clone().dated(today).licence.expect("licence");
    assert!(l.classes.contains(LicenceClass::A2));
    assert!(
        truck
            .vehicles
            .iter()
            .any(|v| v.kind == VehicleKind::Tractor && v.plate.is_some())
    );

    let school = persona("school_bus");
    let l = school.clone().dated(today).licence.expect("licence");
    assert!(l.school_bus_driver);
    assert!(l.classes.contains(LicenceClass::A1));
    assert!(points_at(&school, today) <= 3, "school_bus points");

    let full = persona("full_points_detained");
    assert_eq!(points_at(&full, today), 12, "full_points_detained points");
    let l = full.clone().dated(today).licence.expect("licence");
    assert_eq!(l.status, LicenceStatus::Detained);

    let expiring = persona("expiring_soon");
    let l = expiring.clone().dated(today).licence.expect("licence");
    let until = l.valid_until.expect("expiring_soon has an end date");
    assert!(
        until > today && until <= today + chrono::Days::new(90),
        "expiring_soon valid_until {until} not within 90 days of {today}"
    );

    let owner = persona("new_car_owner");
    assert!(owner.vehicles.iter().any(|v| {
        v.plate.is_none()
            && v.registered_on.is_none()
            && v.ownership == Ownership::Own
            && v.invoice
                .as_ref()
                .is_some_and(|i| i.kind == InvoiceKind::NewCar)
    }));
    assert!(owner.vehicles.iter().any(|v| {
        v.plate.is_some()
            && v.invoice
                .as_ref()
                .is_some_and(|i| i.kind == InvoiceKind::UsedCar)
    }));
}

#[test]
fn optional_personas_have_their_properties() {
    let today = start();
    let all = personas();
    if let Some((_, _, p)) = all.iter().find(|(s, _, _)| s == "probation_driver") {
        let l = p.clone().dated(today).licence.expect("licence");
        assert!(
            l.first_issued > today - chrono::Days::new(365),
            "probation_driver must be in the 12-month 实习期"
        );
        assert!(
            points_at(p, today) > 0,
            "probation_driver needs points to try 学法减分"
        );
    }
    if let Some((_, _, p)) = all.iter().find(|(s, _, _)| s == "non_owned_filer") {
        assert!(
            p.vehicles
                .iter()
                .any(|v| matches!(v.ownership, Ownership::FiledNonOwned { .. })
                    && matches!(v.kind, VehicleKind::SmallCar | VehicleKind::SmallNev))
        );
    }
}

#[test]
fn points_do_not_depend_on_the_clock_start() {
    for (stem, _, p) in personas()
        .into_iter()
        .filter(|(_, _, p)| p.licence.is_some())
    {
        let want = points_at(&p, start());
        for day in other_starts() {
            assert_eq!(
                points_at(&p, day),
                want,
                "{stem}: points with the clock starting {day}"
            );
        }
    }
}
