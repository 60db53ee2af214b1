//! The exam booking in the engine, without a terminal: seat accounting over random sequences of
//! bookings, sortings, payments and cancellations; the lottery favouring a learner whose earlier
//! booking lost; a fifth failed 科目二 voiding the subjects passed.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use jiaoguan::domain::driving_test::{ExamSubject, SittingResult};
use jiaoguan::domain::profile::Profile;
use jiaoguan::engine::application::{Application, EventKind};
use jiaoguan::engine::effects::ProfileChange;
use jiaoguan::engine::facts::SUBJECT;
use jiaoguan::engine::open_set::OpenSet;
use jiaoguan::engine::projections::seats_taken;
use jiaoguan::engine::rng::SimRng;
use jiaoguan::engine::step::{Command, World, create, handle};
use jiaoguan::flow::process::{Outcome, Signal};

mod common;
use common::engine::*;

const SEATS: u32 = 3;

/// The catalog and resources with the Guangzhou skills venue cut to `SEATS` seats.
fn small_venue() -> Setup {
    let mut s = setup();
    for plan in &mut s.resources.sessions.plans {
        if plan.id == "gz-by" {
            plan.seats = SEATS;
        }
    }
    s
}

fn world<'a>(
    s: &'a Setup,
    profile: &'a Profile,
    seats: &'a BTreeMap<String, u32>,
    seed: u64,
) -> World<'a> {
    World {
        profile,
        resources: &s.resources,
        policy: &s.policy,
        seed,
        clock_start: start_day(),
        seats_taken: seats,
        numbers_held: &NO_NUMBERS,
        applications: Vec::new(),
        accounts: &NO_ACCOUNTS,
    }
}

/// The first 科目二 session the Guangzhou learner is offered on the first day.
fn first_session(s: &Setup) -> String {
    s.resources
        .sessions
        .for_purpose("exam", start_day(), start_day())
        .into_iter()
        .find(|slot| slot.id.starts_with("gz-by-"))
        .map(|slot| slot.id)
        .expect("a session")
}

fn booking_answers(profile: &Profile, session: &str) -> BTreeMap<String, String> {
    let permit = profile.learner_permit.as_ref().expect("a learner");
    answers(&[
        (SUBJECT, permit.number.as_str()),
        ("exam_subject", "k2"),
        ("session", session),
    ])
}

fn apply(
    app: &mut Application,
    s: &Setup,
    world: &World,
    command: Command,
    id: &str,
    now: NaiveDateTime,
) -> bool {
    match handle(app, s.flow("exam_booking"), &command, id, now, world) {
        Ok(events) => {
            app.events.extend(events);
            true
        }
        Err(_) => false,
    }
}

/// Whatever the order of bookings, sortings, payments and cancellations, the seats the
/// projection counts for a session are never more than it has, a 提交 is refused exactly when
/// none is left, and a seat comes back when a booking is cancelled or loses the sorting.
#[test]
fn seats_stay_within_capacity_over_random_sequences() {
    let s = small_venue();
    let profile = persona("learner_c1_day12");
    let session = first_session(&s);
    let now = at(2026, 3, 2, 10);
    let mut refusals = 0;
    for seed in 0..300u64 {
        let mut rng = SimRng::new(seed);
        let mut open = OpenSet::default();
        let mut kept: BTreeMap<String, u32> = BTreeMap::new();
        for step in 0..24 {
            let taken = seats_taken(&open, &kept, &session);
            let held = open
                .values()
                .filter(|a| a.claims().next().is_some())
                .count() as u32
                + kept.get(&session).copied().unwrap_or(0);
            assert_eq!(taken, held, "seed {seed} step {step}");
            assert!(taken <= SEATS, "seed {seed} step {step}: {taken} seats");
            let seats = BTreeMap::from([(session.clone(), taken)]);
            let world = world(&s, &profile, &seats, seed);
            let numbers: Vec<String> = open.values().map(|a| a.number.clone()).collect();
            let pick = |rng: &mut SimRng| {
                (!numbers.is_empty())
                    .then(|| numbers[rng.below(numbers.len() as u64) as usize].clone())
            };
            let id = format!("c{step}");
            match rng.below(4) {
                0 => {
                    let mut app = create(
                        &format!("N{seed}-{step}"),
                        s.flow("exam_booking"),
                        &profile.id,
                        now,
                    );
                    let submit = Command::Submit {
                        answers: booking_answers(&profile, &session),
                    };
                    let accepted = apply(&mut app, &s, &world, submit, &id, now);
                    assert_eq!(accepted, taken < SEATS, "seed {seed} step {step}");
                    if accepted {
                        open.insert(app);
                    } else {
                        refusals += 1;
                    }
                }
                kind => {
                    let Some(number) = pick(&mut rng) else {
                        continue;
                    };
                    let mut app = open.remove(&number).expect("open").application;
                    let command = match kind {
                        1 => Command::Told {
                            signal: Signal::Withdrawn,
                            by: "X".into(),
                            title: "取消考试预约".into(),
                        },
                        2 => Command::Decide {
                            approve: rng.below(2) == 0,
                            reason: None,
                        },
                        _ => Command::Told {
                            signal: Signal::Done,
                            by: "Y".into(),
                            title: "考试费缴纳".into(),
                        },
                    };
                    apply(&mut app, &s, &world, command, &id, now);
                    if app.is_finished() {
                        if app.keeps_claims() {
                            *kept.entry(session.clone()).or_default() += 1;
                        }
                    } else {
                        open.insert(app);
                    }
                }
            }
        }
    }
    assert!(refusals > 0, "the sequences fill the venue at times");
}

/// The sorting among a crowd larger than the seats: a learner whose earlier bookings lost
/// holds more tickets and wins more often; with a free seat for every ticket all win.
#[test]
fn the_sorting_favours_a_learner_whose_earlier_bookings_lost() {
    let s = setup();
    let session = first_session(&s);
    let none = BTreeMap::new();
    let wins = |unallocated: u32| {
        let mut profile = persona("learner_c1_day12");
        if let Some(p) = profile.learner_permit.as_mut() {
            p.unallocated = unallocated;
        }
        (0..200u64)
            .filter(|seed| {
                let world = world(&s, &profile, &none, *seed);
                let mut app = create("L1", s.flow("exam_booking"), &profile.id, at(2026, 3, 2, 9));
                let submit = Command::Submit {
                    answers: booking_answers(&profile, &session),
                };
                assert!(apply(&mut app, &s, &world, submit, "s", at(2026, 3, 2, 9)));
                let sorting = app.state().due.expect("a sorting time");
                apply(&mut app, &s, &world, Command::Advance, "a", sorting);
                stage(&app) == "allocated"
            })
            .count()
    };
    // 36 seats; a crowd of 50 (140% of 36) and this learner's one ticket.
    let first = wins(0);
    assert!(first > 100 && first < 170, "about 36 in 51: {first} of 200");
    // After one lost booking two tickets: 72 chances in 52, certain.
    assert_eq!(wins(1), 200, "{first} wins before");
}

/// A fifth 科目二 failure writes the sitting and voids the subjects passed (R162 Art.47).
#[test]
fn a_fifth_failed_subject_two_voids_the_passed_subjects() {
    let s = setup();
    let profile = persona("learner_fifth_try");
    assert_eq!(
        profile
            .learner_permit
            .as_ref()
            .map(|p| p.bookings_used(ExamSubject::Two)),
        Some(4)
    );
    let session = s
        .resources
        .sessions
        .for_purpose("exam", start_day(), start_day())
        .into_iter()
        .find(|slot| slot.id.starts_with("gz-by-"))
        .map(|slot| slot.id)
        .expect("a session");
    let none = BTreeMap::new();
    let world = world(&s, &profile, &none, 1);
    let mut app = create("F5", s.flow("exam_booking"), &profile.id, at(2026, 3, 2, 9));
    let submit = Command::Submit {
        answers: booking_answers(&profile, &session),
    };
    assert!(apply(&mut app, &s, &world, submit, "s", at(2026, 3, 2, 9)));
    seat_and_pay(&mut app, &s, &world);
    assert_eq!(stage(&app), "admitted");
    assert!(apply(
        &mut app,
        &s,
        &world,
        decide(false),
        "fail",
        at(2026, 3, 2, 12)
    ));
    assert_eq!(app.state().outcome, Some(Outcome::Done));
    let change = app.events.iter().find_map(|e| match &e.kind {
        EventKind::ProfileChanged(ProfileChange::SittingRecorded { permit, .. }) => {
            permit.as_deref().cloned()
        }
        _ => None,
    });
    let permit = change.expect("the sitting is written");
    assert_eq!(permit.bookings_used(ExamSubject::Two), 5);
    assert!(permit.voided_on.is_some());
    assert!(!permit.passed(ExamSubject::One));
    let last = permit.sittings.last().expect("a sitting");
    assert_eq!(last.result, SittingResult::Failed);
    assert_eq!(last.scores.len(), 2, "the attempt and its retake");
}

/// A stage takes from another application only the signals it lists in `told`.
#[test]
fn a_booking_takes_only_the_signals_its_stage_lists() {
    let s = setup();
    let profile = persona("learner_c1_day12");
    let session = first_session(&s);
    let none = BTreeMap::new();
    let world = world(&s, &profile, &none, 1);
    let mut app = create("T1", s.flow("exam_booking"), &profile.id, at(2026, 3, 2, 9));
    let submit = Command::Submit {
        answers: booking_answers(&profile, &session),
    };
    assert!(apply(&mut app, &s, &world, submit, "s", at(2026, 3, 2, 9)));
    let paid = Command::Told {
        signal: Signal::Done,
        by: "P".into(),
        title: "考试费缴纳".into(),
    };
    let refused = handle(
        &app,
        s.flow("exam_booking"),
        &paid,
        "p",
        at(2026, 3, 2, 9),
        &world,
    )
    .expect_err("not payable before the sorting");
    assert!(refused.0.contains("受理中（等待排序）"), "{}", refused.0);
}

/// An exam sat after the permit lapsed counts for nothing (R162 Art.41): no licence.
#[test]
fn a_sitting_after_the_permit_lapsed_issues_nothing() {
    let s = setup();
    let mut profile = persona("learner_c1_adding_b2");
    let session = s
        .resources
        .sessions
        .for_purpose("exam", start_day(), start_day())
        .into_iter()
        .find(|slot| slot.id.starts_with("sz-ba-"))
        .map(|slot| slot.id)
        .expect("a session");
    if let Some(p) = profile.learner_permit.as_mut() {
        p.valid_until = Some(start_day() + chrono::Days::new(3));
    }
    let none = BTreeMap::new();
    let world = world(&s, &profile, &none, 1);
    let permit = profile
        .learner_permit
        .as_ref()
        .expect("a learner")
        .number
        .clone();
    let mut app = create("L9", s.flow("exam_booking"), &profile.id, at(2026, 3, 2, 9));
    let submit = Command::Submit {
        answers: answers(&[
            (SUBJECT, permit.as_str()),
            ("exam_subject", "k3"),
            ("session", session.as_str()),
        ]),
    };
    assert!(apply(&mut app, &s, &world, submit, "s", at(2026, 3, 2, 9)));
    seat_and_pay(&mut app, &s, &world);
    let sat = slot_day(&s, &session);
    assert!(apply(&mut app, &s, &world, decide(true), "pass", sat));
    let state = app.state();
    assert_eq!(
        state.outcome,
        Some(Outcome::Rejected),
        "{:?}",
        state.last_reason
    );
    assert!(
        state
            .last_reason
            .unwrap_or_default()
            .contains("学习驾驶证明已于")
    );
}

/// The start of a session, by its id.
fn slot_day(s: &Setup, session: &str) -> NaiveDateTime {
    s.resources
        .sessions
        .get(session, start_day())
        .and_then(|slot| slot.times(start_day()))
        .map(|(start, _)| start)
        .expect("a session")
}

/// The trainer allocates the seat at 10:00 and the fee is paid at 11:00.
fn seat_and_pay(app: &mut Application, s: &Setup, world: &World) {
    assert!(apply(
        app,
        s,
        world,
        decide(true),
        "allocate",
        at(2026, 3, 2, 10)
    ));
    let paid = Command::Told {
        signal: Signal::Done,
        by: "P".into(),
        title: "考试费缴纳".into(),
    };
    assert!(apply(app, s, world, paid, "pay", at(2026, 3, 2, 11)));
}

/// The trainer's decision on the current stage.
fn decide(approve: bool) -> Command {
    Command::Decide {
        approve,
        reason: None,
    }
}
