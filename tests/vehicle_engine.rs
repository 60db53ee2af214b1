//! The three vehicle businesses of the seed in the engine, without a terminal: 补换领机动车号牌
//! (records, frequency, 15 working days across 劳动节, the temporary plate), 免检车申领检验标志
//! (the schedule, the window, insurance and tax) and 备案非本人机动车 (kind, region, the limits
//! counted across accounts, the face-check fallback).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use jiaoguan::domain::profile::{Ownership, Profile};
use jiaoguan::engine::application::{Application, EventKind};
use jiaoguan::engine::effects::ProfileChange;
use jiaoguan::engine::facts::SUBJECT;
use jiaoguan::engine::step::{Command, World, create, handle};
use jiaoguan::flow::process::Outcome;

mod common;
use common::engine::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn world<'a>(
    s: &'a Setup,
    profile: &'a Profile,
    accounts: &'a BTreeMap<String, Profile>,
) -> World<'a> {
    World {
        accounts,
        ..s.world(profile)
    }
}

/// Runs `command` on `app` as `profile` among `accounts`, appending its events.
fn run(
    s: &Setup,
    app: &mut Application,
    profile: &Profile,
    accounts: &BTreeMap<String, Profile>,
    command: Command,
    now: chrono::NaiveDateTime,
) -> Vec<EventKind> {
    let flow = s.flow(&app.flow_id.clone());
    let id = format!("c{}", app.events.len());
    let events = handle(app, flow, &command, &id, now, &world(s, profile, accounts))
        .unwrap_or_else(|e| panic!("{}", e.0));
    let kinds = events.iter().map(|e| e.kind.clone()).collect();
    app.events.extend(events);
    kinds
}

fn submit(pairs: &[(&str, &str)]) -> Command {
    Command::Submit {
        answers: answers(pairs),
    }
}

const PLATES: &[(&str, &str)] = &[
    ("which", "both"),
    ("reason", "damaged"),
    ("collect", "self"),
    ("fee", "wechat"),
];

#[test]
fn plates_are_made_in_fifteen_working_days_across_labour_day_with_a_temporary_plate() {
    let s = setup();
    let owner = persona("vehicle_owner");
    let none = BTreeMap::new();
    let mut app = create(
        "P1",
        s.flow("plate_replacement"),
        &owner.id,
        at(2026, 4, 27, 10),
    );
    let mut pairs = vec![(SUBJECT, "LFV2A21K7L4072563")];
    pairs.extend_from_slice(PLATES);
    run(
        &s,
        &mut app,
        &owner,
        &none,
        submit(&pairs),
        at(2026, 4, 27, 10),
    );
    assert_eq!(stage(&app), "review");
    // Reviewed by the first working day (4/28); then 15 working days: 4/29, 4/30, the five
    // days of 劳动节 off, 5/6-5/8, Saturday 5/9 worked (调休), 5/11-5/15, 5/18-5/21.
    let kinds = run(
        &s,
        &mut app,
        &owner,
        &none,
        Command::Advance,
        at(2026, 4, 28, 17),
    );
    assert_eq!(stage(&app), "making");
    assert_eq!(app.state().due, Some(at(2026, 5, 21, 17)));
    let temporary = changes(&kinds).into_iter().find_map(|c| match c {
        ProfileChange::TemporaryPlateIssued { plate, .. } => Some(plate.valid_until),
        _ => None,
    });
    assert_eq!(temporary, Some(day(5, 12)), "15 calendar days from 4/28");
    run(
        &s,
        &mut app,
        &owner,
        &none,
        Command::Advance,
        at(2026, 5, 21, 17),
    );
    assert_eq!(stage(&app), "collect");
    assert!(sms_text_all(&app).contains("损毁的号牌请一并交回"));
    let kinds = run(
        &s,
        &mut app,
        &owner,
        &none,
        Command::CompleteTask {
            answers: BTreeMap::new(),
        },
        at(2026, 5, 22, 9),
    );
    assert_eq!(app.state().outcome, Some(Outcome::Done));
    assert!(matches!(
        changes(&kinds)[..],
        [ProfileChange::PlatesReissued { on, .. }] if *on == day(5, 22)
    ));
}

/// 提交 of 补换领机动车号牌 for the vehicle `vin` of `profile`: the state it is left in.
fn replace_plates(s: &Setup, profile: &Profile, vin: &str) -> jiaoguan::engine::application::State {
    let mut app = create(
        "P2",
        s.flow("plate_replacement"),
        &profile.id,
        at(2026, 3, 2, 9),
    );
    let mut pairs = vec![(SUBJECT, vin)];
    pairs.extend_from_slice(PLATES);
    run(
        s,
        &mut app,
        profile,
        &BTreeMap::new(),
        submit(&pairs),
        at(2026, 3, 2, 9),
    );
    app.state()
}

#[test]
fn plates_are_refused_with_an_unhandled_violation_and_frequent_ones_go_to_a_window() {
    let s = setup();
    let state = replace_plates(&s, &persona("ordinary_c1"), "LBELMBKC3KB382615");
    assert_eq!(state.outcome, Some(Outcome::Rejected));
    let why = state.last_reason.unwrap_or_default();
    assert!(
        why.contains("1条交通违法记录未处理") && why.contains("阜通东大街"),
        "{why}"
    );

    let mut owner = persona("vehicle_owner");
    owner.vehicles[0].plates_reissued_on = Some(day(1, 10));
    let state = replace_plates(&s, &owner, "LFV2A21K7L4072563");
    assert_eq!(state.outcome, Some(Outcome::ToWindow));
    assert!(
        state
            .last_reason
            .unwrap_or_default()
            .contains("180日内再次申请")
    );
}

#[test]
fn an_exempt_car_in_its_window_gets_the_sign_and_the_next_period() {
    let s = setup();
    let none = BTreeMap::new();
    let owner = persona("vehicle_owner");
    let mut app = create(
        "E1",
        s.flow("exempt_inspection_sign"),
        &owner.id,
        at(2026, 3, 2, 9),
    );
    let pairs = [(SUBJECT, "LFV2A21K7L4072563"), ("confirm", "yes")];
    run(
        &s,
        &mut app,
        &owner,
        &none,
        submit(&pairs),
        at(2026, 3, 2, 9),
    );
    assert_eq!(stage(&app), "review");
    let kinds = run(
        &s,
        &mut app,
        &owner,
        &none,
        Command::Advance,
        at(2026, 3, 3, 17),
    );
    assert_eq!(app.state().outcome, Some(Outcome::Done));
    let next = changes(&kinds).into_iter().find_map(|c| match c {
        ProfileChange::ExemptSignIssued { valid_until, .. } => Some(*valid_until),
        _ => None,
    });
    assert_eq!(
        next,
        NaiveDate::from_ymd_opt(2030, 4, 12),
        "year 6 to year 10"
    );
}

#[test]
fn the_exempt_sign_is_refused_naming_what_fails() {
    let s = setup();
    let owner = persona("vehicle_owner");
    let none = BTreeMap::new();
    // The Tesla's window is years away: the subject page shows it disabled with the day it
    // opens, and 提交 is refused the same.
    let why = s.submit_refused(
        "exempt_inspection_sign",
        &owner,
        answers(&[(SUBJECT, "LRW3E7EAXPC614052"), ("confirm", "yes")]),
    );
    assert!(
        why.contains("不可选") && why.contains("2029-03-30 起可以申请"),
        "{why}"
    );
    let lapsed = persona("urban_family_driver");
    let mut app = create(
        "E2",
        s.flow("exempt_inspection_sign"),
        &lapsed.id,
        at(2026, 3, 2, 9),
    );
    let pairs = [(SUBJECT, "LSGBC5341LS126893"), ("confirm", "yes")];
    run(
        &s,
        &mut app,
        &lapsed,
        &none,
        submit(&pairs),
        at(2026, 3, 2, 9),
    );
    let state = app.state();
    assert_eq!(state.outcome, Some(Outcome::Rejected));
    let why = state.last_reason.unwrap_or_default();
    assert!(why.contains("强制保险已于 2026-02-25 到期"), "{why}");
}

/// Every account of the demo data, as the app passes them.
fn accounts() -> BTreeMap<String, Profile> {
    [
        "non_owned_filer",
        "vehicle_owner",
        "urban_family_driver",
        "ordinary_c1",
    ]
    .into_iter()
    .map(|id| (id.to_string(), persona(id)))
    .collect()
}

#[test]
fn a_non_own_car_is_filed_and_the_limits_are_counted_across_accounts() {
    let s = setup();
    let mut all = accounts();
    let filer = persona("non_owned_filer");
    let filing = |profile: &Profile, all: &BTreeMap<String, Profile>, plate: &str| {
        let mut app = create(
            "N1",
            s.flow("file_non_owned_vehicle"),
            &profile.id,
            at(2026, 3, 2, 9),
        );
        run(
            &s,
            &mut app,
            profile,
            all,
            submit(&[(SUBJECT, plate), ("relation", "spouse")]),
            at(2026, 3, 2, 9),
        );
        app
    };
    let done = filing(&filer, &all, "苏A5K82M");
    assert_eq!(done.state().outcome, Some(Outcome::Done));
    let filed = done.events.iter().find_map(|e| match &e.kind {
        EventKind::ProfileChanged(ProfileChange::NonOwnedFiled(car)) => Some(car.clone()),
        _ => None,
    });
    let car = filed.expect("the car is filed");
    assert_eq!(
        car.ownership,
        Ownership::FiledNonOwned {
            owner_name: "吴海涛".into()
        }
    );
    // Two more accounts file the same car; the fourth filer is refused.
    for id in ["ordinary_c1", "urban_family_driver"] {
        if let Some(p) = all.get_mut(id) {
            p.vehicles.push((*car).clone());
        }
    }
    if let Some(p) = all.get_mut("non_owned_filer") {
        p.vehicles.push((*car).clone());
    }
    let mut fourth = persona("expiring_soon");
    fourth.registration_city = "南京市".into();
    all.insert(fourth.id.clone(), fourth.clone());
    let why = refused(&s, &fourth, &all, "苏A5K82M");
    assert!(why.contains("备案信息：该车已被3名非所有人备案"), "{why}");
}

#[test]
fn filing_is_refused_for_the_users_limit_the_cars_filers_its_region_and_ones_own() {
    let s = setup();
    let all = accounts();
    let page = |id: &str, plate: &str| refused(&s, &all[id], &all, plate);
    assert!(page("urban_family_driver", "苏A5K82M").contains("已备案3辆非本人机动车"));
    assert!(page("non_owned_filer", "苏AF2M85").contains("已被3名非所有人备案"));
    let why = page("non_owned_filer", "粤B7K3D2");
    assert!(
        why.contains("登记在深圳市") && why.contains("删除账号并在行驶证所在地重新注册"),
        "{why}"
    );
    assert!(page("vehicle_owner", "苏A5K82M").contains("登记在本人名下"));
}

#[test]
fn a_failed_face_check_asks_for_a_photo_holding_the_id_reviewed_in_a_working_day() {
    let mut s = setup();
    s.policy.face_fail_percent = 100;
    let all = accounts();
    let filer = persona("non_owned_filer");
    let mut app = create(
        "N2",
        s.flow("file_non_owned_vehicle"),
        &filer.id,
        at(2026, 3, 2, 9),
    );
    run(
        &s,
        &mut app,
        &filer,
        &all,
        submit(&[(SUBJECT, "苏A5K82M"), ("relation", "spouse")]),
        at(2026, 3, 2, 9),
    );
    assert_eq!(stage(&app), "id_photo");
    run(
        &s,
        &mut app,
        &filer,
        &all,
        Command::CompleteTask {
            answers: answers(&[("holding_id", "holding_clear")]),
        },
        at(2026, 3, 2, 10),
    );
    assert_eq!(stage(&app), "review");
    assert_eq!(app.state().due, Some(at(2026, 3, 3, 17)));
    run(
        &s,
        &mut app,
        &filer,
        &all,
        Command::Advance,
        at(2026, 3, 3, 17),
    );
    assert_eq!(app.state().outcome, Some(Outcome::Done));
}

/// Why 提交 of a filing of the car typed as `plate` is refused for `profile`.
fn refused(s: &Setup, profile: &Profile, all: &BTreeMap<String, Profile>, plate: &str) -> String {
    let flow = s.flow("file_non_owned_vehicle");
    let app = create("R1", flow, &profile.id, at(2026, 3, 2, 9));
    let command = submit(&[(SUBJECT, plate), ("relation", "spouse")]);
    handle(
        &app,
        flow,
        &command,
        "s",
        at(2026, 3, 2, 9),
        &world(s, profile, all),
    )
    .expect_err("refused at 提交")
    .0
}

/// Every SMS the application sent, joined.
fn sms_text_all(app: &Application) -> String {
    app.events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Sent { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const BYD: &str = "LGXC74C40T0318562";

#[test]
fn a_new_cars_temporary_plate_runs_at_most_thirty_days_within_its_insurance() {
    let s = setup();
    let none = BTreeMap::new();
    let owner = persona("new_car_owner");
    let ask = |until: &str| answers(&[(SUBJECT, BYD), ("until", until), ("collect", "self")]);
    // 2026-03-02 plus 29 days is the 30th day.
    let why = s.submit_refused("temporary_plate", &owner, ask("2026-04-01"));
    assert!(
        why.contains("2026-03-02 至 2026-03-31"),
        "the 30th day is the last: {why}"
    );
    let mut short = owner.clone();
    short.vehicles[0].insurance_valid_until = Some(day(3, 20));
    let why = s.submit_refused("temporary_plate", &short, ask("2026-03-25"));
    assert!(why.contains("不得超过交强险有效期（2026-03-20）"), "{why}");
    let mut app = create(
        "T1",
        s.flow("temporary_plate"),
        &owner.id,
        at(2026, 3, 2, 9),
    );
    run(
        &s,
        &mut app,
        &owner,
        &none,
        Command::Submit {
            answers: ask("2026-03-31"),
        },
        at(2026, 3, 2, 9),
    );
    let kinds = run(
        &s,
        &mut app,
        &owner,
        &none,
        Command::Advance,
        at(2026, 3, 3, 17),
    );
    assert_eq!(app.state().outcome, Some(Outcome::Done));
    let plate = changes(&kinds).into_iter().find_map(|c| match c {
        ProfileChange::TemporaryPlateIssued { plate, .. } => Some(plate.clone()),
        _ => None,
    });
    let plate = plate.expect("issued");
    assert_eq!(plate.valid_until, day(3, 31));
    assert!(plate.number.starts_with("临-粤B-"), "{}", plate.number);
}

#[test]
fn a_fourth_temporary_plate_for_the_same_car_is_refused() {
    let s = setup();
    let none = BTreeMap::new();
    let mut owner = persona("new_car_owner");
    for k in 0..3 {
        owner.vehicles[0]
            .temporary_plates
            .push(jiaoguan::domain::profile::TemporaryPlate {
                number: format!("临-粤B-00000{k}"),
                purpose: jiaoguan::domain::profile::TemporaryPurpose::NewCar,
                issued_on: day(1, 1 + k * 5),
                valid_until: day(1, 4 + k * 5),
            });
    }
    let mut app = create(
        "T2",
        s.flow("temporary_plate"),
        &owner.id,
        at(2026, 3, 2, 9),
    );
    let pairs = [(SUBJECT, BYD), ("until", "2026-03-20"), ("collect", "self")];
    run(
        &s,
        &mut app,
        &owner,
        &none,
        submit(&pairs),
        at(2026, 3, 2, 9),
    );
    let state = app.state();
    assert_eq!(state.outcome, Some(Outcome::Rejected));
    assert!(
        state
            .last_reason
            .unwrap_or_default()
            .contains("已申领3次临时号牌，同一辆车最多申领3次")
    );
}

const HONDA: &str = "LHGCV1654M8047195";

fn transfer(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut all = vec![(SUBJECT, HONDA)];
    all.extend_from_slice(pairs);
    answers(&all)
}

#[test]
fn a_sale_goes_only_to_the_invoices_city_and_moving_a_small_car_is_not_a_transfer() {
    let s = setup();
    let owner = persona("new_car_owner");
    let why = s.submit_refused(
        "vehicle_transfer_registration",
        &owner,
        transfer(&[("transfer_type", "sale"), ("sale_to", "广东省/广州市")]),
    );
    assert!(
        why.contains("转入地为广州市") && why.contains("转入地深圳市不一致"),
        "both places: {why}"
    );
    let why = s.submit_refused(
        "vehicle_transfer_registration",
        &owner,
        transfer(&[("transfer_type", "move"), ("move_to", "广东省/深圳市")]),
    );
    assert!(
        why.contains("直接向迁入地车管所申请变更登记") && why.contains("第十八条"),
        "{why}"
    );
}

#[test]
fn a_transfer_out_hands_back_the_plate_for_a_thirty_day_temporary_one() {
    let s = setup();
    let none = BTreeMap::new();
    let owner = persona("new_car_owner");
    let mut app = create(
        "V1",
        s.flow("vehicle_transfer_registration"),
        &owner.id,
        at(2026, 3, 2, 9),
    );
    let command = Command::Submit {
        answers: transfer(&[("transfer_type", "sale"), ("sale_to", "广东省/深圳市")]),
    };
    run(&s, &mut app, &owner, &none, command, at(2026, 3, 2, 9));
    assert_eq!(stage(&app), "review");
    // Three working days: Thursday 3/5.
    assert_eq!(app.state().due, Some(at(2026, 3, 5, 17)));
    let kinds = run(
        &s,
        &mut app,
        &owner,
        &none,
        Command::Advance,
        at(2026, 3, 5, 17),
    );
    assert_eq!(app.state().outcome, Some(Outcome::Done));
    let out = changes(&kinds).into_iter().find_map(|c| match c {
        ProfileChange::VehicleTransferredOut { out, .. } => Some(out.clone()),
        _ => None,
    });
    let out = out.expect("transferred out");
    assert_eq!(out.city, "深圳市");
    assert_eq!(
        out.office.map(|o| o.as_str().to_string()),
        Some("粤B".to_string())
    );
    assert_eq!(out.old_plate.as_str(), "粤A27J58");
    let temporary = changes(&kinds).into_iter().find_map(|c| match c {
        ProfileChange::TemporaryPlateIssued { plate, .. } => Some(plate.valid_until),
        _ => None,
    });
    assert_eq!(temporary, Some(day(4, 3)), "30 calendar days from 3/5");
}

#[test]
fn a_transfer_is_refused_near_scrapping_when_seized_or_mortgaged_without_consent() {
    let s = setup();
    let none = BTreeMap::new();
    let outcome = |edit: &dyn Fn(&mut Profile)| {
        let mut owner = persona("new_car_owner");
        edit(&mut owner);
        let mut app = create(
            "V2",
            s.flow("vehicle_transfer_registration"),
            &owner.id,
            at(2026, 3, 2, 9),
        );
        let command = Command::Submit {
            answers: transfer(&[("transfer_type", "sale"), ("sale_to", "广东省/深圳市")]),
        };
        run(&s, &mut app, &owner, &none, command, at(2026, 3, 2, 9));
        let state = app.state();
        assert_eq!(state.outcome, Some(Outcome::Rejected));
        state.last_reason.unwrap_or_default()
    };
    let why = outcome(&|p| p.vehicles[1].scrap_on = Some(day(12, 31)));
    assert!(
        why.contains("距强制报废期1年以内") && why.contains("第二十九条"),
        "{why}"
    );
    let why = outcome(&|p| p.vehicles[1].seized = true);
    assert!(why.contains("查封、扣押"), "{why}");
    // A mortgaged car shows the consent page, and 提交 wants it ticked.
    let mut mortgaged = persona("new_car_owner");
    mortgaged.vehicles[1].mortgagee = Some("招商银行深圳分行".into());
    let why = s.submit_refused(
        "vehicle_transfer_registration",
        &mortgaged,
        transfer(&[("transfer_type", "sale"), ("sale_to", "广东省/深圳市")]),
    );
    assert!(why.contains("抵押权人同意：请填写或选择"), "{why}");
    let ticked = transfer(&[
        ("transfer_type", "sale"),
        ("sale_to", "广东省/深圳市"),
        ("mortgage_consent", "yes"),
    ]);
    let mut app = create(
        "V3",
        s.flow("vehicle_transfer_registration"),
        &mortgaged.id,
        at(2026, 3, 2, 9),
    );
    run(
        &s,
        &mut app,
        &mortgaged,
        &none,
        Command::Submit { answers: ticked },
        at(2026, 3, 2, 9),
    );
    assert_eq!(stage(&app), "review", "with the consent it goes on");
}

/// The candidates of two 选号 open at once never share a number, never offer one issued or
/// withheld, and an attempt that runs out of time gives its numbers back.
#[test]
fn the_number_pool_never_offers_a_number_twice_and_gets_it_back_on_expiry() {
    use jiaoguan::engine::open_set::OpenSet;
    use jiaoguan::engine::projections::numbers_held;
    let s = setup();
    let none = BTreeMap::new();
    let owner = persona("new_car_owner");
    let withheld: Vec<String> = s
        .resources
        .plate_pools
        .offices
        .iter()
        .flat_map(|p| p.withheld.clone())
        .collect();
    for seed in 0..40u64 {
        let mut open = OpenSet::default();
        let mut drawn: Vec<Vec<String>> = Vec::new();
        for k in 0..3 {
            let held = numbers_held(&open);
            let world = World {
                numbers_held: &held,
                seed,
                ..s.world(&owner)
            };
            let flow = s.flow("new_car_plate_selection");
            let mut app = create(&format!("S{seed}-{k}"), flow, &owner.id, at(2026, 3, 2, 9));
            let command = Command::Submit {
                answers: answers(&[(SUBJECT, BYD), ("mode", "random")]),
            };
            let events = handle(&app, flow, &command, "s", at(2026, 3, 2, 9), &world)
                .unwrap_or_else(|e| panic!("{}", e.0));
            app.events.extend(events);
            assert_eq!(stage(&app), "choose");
            let values = app
                .state()
                .records
                .iter()
                .find_map(|r| match r {
                    jiaoguan::engine::application::Record::Drawn { values, .. } => {
                        Some(values.clone())
                    }
                    _ => None,
                })
                .expect("candidates");
            assert_eq!(values.len(), 50);
            for v in &values {
                assert!(!held.contains(v), "seed {seed}: {v} offered twice");
                assert!(!withheld.contains(v), "seed {seed}: {v} is withheld");
                assert!(v.starts_with("粤BD") || v.starts_with("粤BF"), "{v}");
            }
            drawn.push(values);
            open.insert(app);
        }
        // The first attempt runs out of its minute: its numbers return to the pool.
        let first = open
            .values()
            .next()
            .map(|a| a.number.clone())
            .expect("open");
        let mut app = open.remove(&first).expect("tracked").application;
        run(
            &s,
            &mut app,
            &owner,
            &none,
            Command::Advance,
            at(2026, 3, 2, 9) + chrono::Duration::seconds(61),
        );
        assert_eq!(app.state().outcome, Some(Outcome::Void));
        assert!(
            app.state()
                .last_reason
                .unwrap_or_default()
                .contains("未在60秒内")
        );
        let held = numbers_held(&open);
        assert!(
            drawn[0].iter().all(|v| !held.contains(v)),
            "seed {seed}: the expired attempt's numbers are back in the pool"
        );
        assert!(
            drawn[1..].iter().flatten().all(|v| held.contains(v)),
            "seed {seed}: the others still hold theirs"
        );
    }
}

const LOCAL_USED: &str = "LSVCH6A49LN271458";

/// 在用车选号 for a car bought locally: the same draw from its office's pool, then 转让登记 in
/// one working day (R164 Art.26); refused near the scrapping age or with an accident unhandled.
#[test]
fn a_local_used_car_takes_a_new_number_in_one_working_day_and_is_refused_when_not_clear() {
    let s = setup();
    let none = BTreeMap::new();
    let buyer = persona("urban_family_driver");
    let flow = s.flow("used_car_plate_selection");
    let mut app = create("U1", flow, &buyer.id, at(2026, 3, 2, 9));
    run(
        &s,
        &mut app,
        &buyer,
        &none,
        submit(&[(SUBJECT, LOCAL_USED), ("mode", "random")]),
        at(2026, 3, 2, 9),
    );
    assert_eq!(stage(&app), "choose");
    let first = app
        .state()
        .records
        .iter()
        .find_map(|r| match r {
            jiaoguan::engine::application::Record::Drawn { values, .. } => values.first().cloned(),
            _ => None,
        })
        .expect("candidates");
    assert!(first.starts_with("苏A"), "{first}");
    let pick = Command::CompleteTask {
        answers: answers(&[("plate", first.as_str())]),
    };
    run(&s, &mut app, &buyer, &none, pick, at(2026, 3, 2, 9));
    let done = Command::CompleteTask {
        answers: BTreeMap::new(),
    };
    run(&s, &mut app, &buyer, &none, done, at(2026, 3, 2, 10));
    assert_eq!(stage(&app), "local_transfer");
    assert_eq!(app.state().due, Some(at(2026, 3, 3, 17)), "one working day");
    let kinds = run(
        &s,
        &mut app,
        &buyer,
        &none,
        Command::Advance,
        at(2026, 3, 3, 17),
    );
    assert_eq!(app.state().outcome, Some(Outcome::Done));
    assert!(changes(&kinds).iter().any(|c| matches!(
        c,
        ProfileChange::VehicleRegistered { plate, first_registration: None, .. } if plate.as_str() == first
    )));

    for (edit, expect) in [
        (
            Box::new(|p: &mut Profile| p.vehicles[4].scrap_on = Some(day(10, 1)))
                as Box<dyn Fn(&mut Profile)>,
            "距强制报废期1年以内",
        ),
        (
            Box::new(|p: &mut Profile| {
                p.vehicles[4]
                    .accidents
                    .push(jiaoguan::domain::profile::Accident {
                        date: day(2, 20),
                        place: "南京市鼓楼区中央路".into(),
                        handled: false,
                    })
            }),
            "1起交通事故未处理结案",
        ),
    ] {
        let mut owner = persona("urban_family_driver");
        edit(&mut owner);
        let mut app = create("U2", flow, &owner.id, at(2026, 3, 2, 9));
        run(
            &s,
            &mut app,
            &owner,
            &none,
            submit(&[(SUBJECT, LOCAL_USED), ("mode", "random")]),
            at(2026, 3, 2, 9),
        );
        let state = app.state();
        assert_eq!(state.outcome, Some(Outcome::Rejected));
        let why = state.last_reason.unwrap_or_default();
        assert!(why.contains(expect), "{why}");
    }
}

const HANGZHOU_CAR: &str = "L6T7824S9NN093417";

/// 自编自选 against GA 36 and 苏A's open patterns (DDDDD, LDDDD, LLDDD, DLDDD, DDLDD), one case
/// per rule, for a small car; a small NEV takes only the new-energy series.
#[test]
fn a_composed_number_is_checked_per_pattern_as_typed() {
    use jiaoguan::engine::facts::Facts;
    use jiaoguan::engine::fields::check_typed;
    use jiaoguan::flow::process::{Field, FieldKind};
    let s = setup();
    let field = Field {
        id: "plate".into(),
        label: "自编号码".into(),
        kind: FieldKind::ComposedPlate { tries: 3 },
        help: String::new(),
    };
    let check = |profile: &Profile, vin: &str, typed: &str| {
        let answers = answers(&[(SUBJECT, vin)]);
        let facts = Facts {
            profile,
            today: start_day(),
            answers: &answers,
            records: &[],
            resources: &s.resources,
            clock_start: start_day(),
            seats_taken: &s.no_seats,
            numbers_held: &NO_NUMBERS,
            applications: Vec::new(),
            accounts: &NO_ACCOUNTS,
        };
        check_typed(&field, typed, &facts).expect("typed")
    };
    let owner = persona("vehicle_owner");
    for ok in ["12345", "a1234", "AB123", "1A234", "12A34", "苏A 12A34"] {
        let full = check(&owner, HANGZHOU_CAR, ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert!(
            full.starts_with("苏A") && full.len() == "苏A12345".len(),
            "{ok} → {full}"
        );
    }
    let why = check(&owner, HANGZHOU_CAR, "123A4").expect_err("DDDLD not open");
    assert!(
        why.contains("尚未开放DDDLD格式") && why.contains("DDLDD"),
        "{why}"
    );
    assert!(
        check(&owner, HANGZHOU_CAR, "1234A").is_err(),
        "DDDDL not open"
    );
    let why = check(&owner, HANGZHOU_CAR, "AI123").expect_err("I");
    assert!(why.contains("I"), "{why}");
    assert!(
        check(&owner, HANGZHOU_CAR, "ABC12").is_err(),
        "three letters"
    );
    assert!(check(&owner, HANGZHOU_CAR, "1234").is_err(), "too short");
    let nev = persona("new_car_owner");
    assert_eq!(check(&nev, BYD, "D12345"), Ok("粤BD12345".to_string()));
    let why = check(&nev, BYD, "12345").expect_err("ordinary for an NEV");
    assert!(why.contains("应使用小型新能源汽车号牌"), "{why}");
}

/// A composed number found taken counts a try; the third voids the attempt; a free one is kept.
#[test]
fn three_taken_numbers_void_a_composed_selection_and_a_free_one_is_kept() {
    let s = setup();
    let all = accounts();
    let owner = persona("vehicle_owner");
    let flow = s.flow("used_car_plate_selection");
    let start = || {
        let mut app = create("C1", flow, &owner.id, at(2026, 3, 2, 9));
        let pairs = [(SUBJECT, HANGZHOU_CAR), ("mode", "self")];
        run(
            &s,
            &mut app,
            &owner,
            &all,
            submit(&pairs),
            at(2026, 3, 2, 9),
        );
        assert_eq!(stage(&app), "compose");
        app
    };
    let try_number = |app: &mut Application, plate: &str| {
        let command = Command::CompleteTask {
            answers: answers(&[("plate", plate)]),
        };
        run(&s, app, &owner, &all, command, at(2026, 3, 2, 10));
    };
    let mut app = start();
    // Withheld, issued (孙丽华's 苏AK2096), withheld again: three taken.
    try_number(&mut app, "苏A88888");
    assert_eq!(stage(&app), "compose", "one try used");
    try_number(&mut app, "苏AK2096");
    try_number(&mut app, "苏A88888");
    let state = app.state();
    assert_eq!(state.outcome, Some(Outcome::Void));
    assert!(
        state
            .last_reason
            .unwrap_or_default()
            .contains("自编号码已3次不可用")
    );

    let mut app = start();
    try_number(&mut app, "苏A12A34");
    assert_eq!(stage(&app), "reserved");
}

/// Two 选号 for the same new car: the first registers it; the second cannot put a second plate
/// on it and ends refused, its number back in the pool.
#[test]
fn a_car_registered_by_one_selection_is_not_registered_again_by_another() {
    let s = setup();
    let none = BTreeMap::new();
    let mut owner = persona("new_car_owner");
    let flow = s.flow("new_car_plate_selection");
    let mut picked = Vec::new();
    let mut apps = Vec::new();
    for k in 0..2 {
        let mut app = create(&format!("D{k}"), flow, &owner.id, at(2026, 3, 2, 9));
        let pairs = [(SUBJECT, BYD), ("mode", "self")];
        run(
            &s,
            &mut app,
            &owner,
            &none,
            submit(&pairs),
            at(2026, 3, 2, 9),
        );
        let plate = format!("粤BD1234{k}");
        let pick = Command::CompleteTask {
            answers: answers(&[("plate", plate.as_str())]),
        };
        run(&s, &mut app, &owner, &none, pick, at(2026, 3, 2, 9));
        let done = Command::CompleteTask {
            answers: BTreeMap::new(),
        };
        run(&s, &mut app, &owner, &none, done, at(2026, 3, 2, 10));
        assert_eq!(stage(&app), "registering");
        picked.push(plate);
        apps.push(app);
    }
    let kinds = run(
        &s,
        &mut apps[0],
        &owner,
        &none,
        Command::Advance,
        at(2026, 3, 4, 17),
    );
    assert_eq!(apps[0].state().outcome, Some(Outcome::Done));
    for change in changes(&kinds) {
        jiaoguan::engine::effects::apply(change, &mut owner).expect("applies");
    }
    assert_eq!(
        owner.vehicles[0]
            .plate
            .as_ref()
            .map(|p| p.as_str().to_string()),
        Some(picked[0].clone())
    );
    run(
        &s,
        &mut apps[1],
        &owner,
        &none,
        Command::Advance,
        at(2026, 3, 4, 17),
    );
    let state = apps[1].state();
    assert_eq!(state.outcome, Some(Outcome::Rejected));
    assert!(state.last_reason.unwrap_or_default().contains("已注册登记"));
}
