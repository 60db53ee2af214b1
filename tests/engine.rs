//! The workflow engine without a terminal: every transition of 驾驶证电子版 and 变更驾驶证联系方式,
//! replay equality, idempotent commands, deadlines on working days.

use std::collections::BTreeMap;

use jiaoguan::domain::profile::LicenceStatus;
use jiaoguan::engine::application::{Application, EventKind, State, fold};
use jiaoguan::engine::effects::{self, ProfileChange};
use jiaoguan::engine::inbox::Channel;
use jiaoguan::engine::step::{Command, create, handle};
use jiaoguan::flow::process::Outcome;

mod common;
use common::engine::*;

#[test]
fn e_licence_with_a_stored_photo_is_issued_after_one_working_day() {
    let s = setup();
    let profile = persona("ordinary_c1");
    let flow = s.flow("e_licence");
    // Submitted on Friday 2026-03-06 10:00: one working day later is Monday 17:00.
    let mut app = create("A1", flow, &profile.id, at(2026, 3, 6, 10));
    s.submit(&mut app, &profile, at(2026, 3, 6, 10));
    assert_eq!(stage(&app), "review");
    assert_eq!(app.state().due, Some(at(2026, 3, 9, 17)));
    // Nothing is due on Sunday.
    assert!(
        s.run(
            &mut app,
            &profile,
            Command::Advance,
            "sun",
            at(2026, 3, 8, 12)
        )
        .is_empty()
    );
    let kinds = s.run(
        &mut app,
        &profile,
        Command::Advance,
        "mon",
        at(2026, 3, 9, 17),
    );
    assert_eq!(app.state().outcome, Some(Outcome::Done));
    assert!(matches!(
        changes(&kinds)[..],
        [ProfileChange::ELicenceIssued(_)]
    ));
    assert!(sms_text(&kinds).contains("A1"));
}

#[test]
fn e_licence_is_refused_for_a_detained_licence_with_the_reason() {
    let s = setup();
    let profile = persona("full_points_detained");
    assert_eq!(
        profile.licence.as_ref().map(|l| l.status),
        Some(LicenceStatus::Detained)
    );
    let mut app = create("A2", s.flow("e_licence"), &profile.id, at(2026, 3, 2, 9));
    s.submit(&mut app, &profile, at(2026, 3, 2, 9));
    let state = app.state();
    assert_eq!(state.outcome, Some(Outcome::Rejected));
    assert!(state.last_reason.unwrap_or_default().contains("扣留"));
}

#[test]
fn a_rejected_photo_can_be_replaced_and_three_rejections_send_the_user_to_a_window() {
    let s = setup();
    let profile = persona("new_car_owner");
    assert!(!profile.licence.as_ref().is_some_and(|l| l.photo_on_file));
    let mut app = create("A3", s.flow("e_licence"), &profile.id, at(2026, 3, 2, 9));
    s.run(
        &mut app,
        &profile,
        Command::Submit {
            answers: answers(&[("photo", "sunglasses")]),
        },
        "submit",
        at(2026, 3, 2, 9),
    );
    s.run(
        &mut app,
        &profile,
        Command::Advance,
        "t1",
        at(2026, 3, 3, 17),
    );
    assert_eq!(stage(&app), "replace_photo");
    assert!(app.state().last_reason.unwrap_or_default().contains("墨镜"));
    // The task page's field must be answered: the engine checks it again.
    let refused = handle(
        &app,
        s.flow("e_licence"),
        &Command::CompleteTask {
            answers: answers(&[]),
        },
        "p1",
        at(2026, 3, 3, 18),
        &s.world(&profile),
    )
    .expect_err("no photo chosen");
    assert_eq!(refused.0, "新照片：请填写或选择");
    // A good photo passes the next review.
    let mut good = app.clone();
    s.run(
        &mut good,
        &profile,
        Command::CompleteTask {
            answers: answers(&[("photo", "white_bg_front")]),
        },
        "p2",
        at(2026, 3, 3, 18),
    );
    assert_eq!(stage(&good), "review");
    s.run(
        &mut good,
        &profile,
        Command::Advance,
        "t2",
        at(2026, 3, 4, 17),
    );
    assert_eq!(good.state().outcome, Some(Outcome::Done));
    // Two more bad photos: the third rejection sends the user to a window.
    for (i, photo) in ["blue_background", "beauty_filter"].iter().enumerate() {
        let day = 4 + u32::try_from(i).expect("small");
        s.run(
            &mut app,
            &profile,
            Command::CompleteTask {
                answers: answers(&[("photo", photo)]),
            },
            &format!("p{i}"),
            at(2026, 3, day - 1, 18),
        );
        s.run(
            &mut app,
            &profile,
            Command::Advance,
            &format!("r{i}"),
            at(2026, 3, day, 17),
        );
    }
    assert_eq!(app.state().review_rejections(), 3);
    assert_eq!(app.state().outcome, Some(Outcome::ToWindow));
}

#[test]
fn a_review_over_national_day_waits_for_the_first_working_day() {
    let s = setup();
    let profile = persona("ordinary_c1");
    let mut app = create("A4", s.flow("e_licence"), &profile.id, at(2026, 9, 30, 10));
    s.submit(&mut app, &profile, at(2026, 9, 30, 10));
    let due = app.state().due.expect("due");
    assert!(
        due > at(2026, 10, 7, 23),
        "due {due} should be after the holiday"
    );
    assert!(s.resources.calendar.holiday_name(due.date()).is_none());
}

#[test]
fn contact_change_applies_the_new_phone_and_address_when_it_completes() {
    let s = setup();
    let mut profile = persona("ordinary_c1");
    let flow = s.flow("licence_contact_change");
    let given = answers(&[
        ("phone", "13912345678"),
        ("region", "上海市/上海市/浦东新区"),
        ("address_detail", "世纪大道100号"),
    ]);
    let mut app = create("C1", flow, &profile.id, at(2026, 3, 2, 9));
    s.run(
        &mut app,
        &profile,
        Command::Submit {
            answers: given.clone(),
        },
        "submit",
        at(2026, 3, 2, 9),
    );
    assert_eq!(stage(&app), "review");
    let kinds = s.run(
        &mut app,
        &profile,
        Command::Advance,
        "due",
        at(2026, 3, 3, 17),
    );
    assert_eq!(app.state().outcome, Some(Outcome::Done));
    for change in changes(&kinds) {
        effects::apply(change, &mut profile).expect("effect");
    }
    assert_eq!(profile.phone.as_str(), "13912345678");
    assert_eq!(profile.address.district, "浦东新区");
    assert_eq!(profile.address.detail, "世纪大道100号");
}

#[test]
fn a_repeated_command_is_a_no_op_and_state_is_the_fold_of_the_log() {
    let s = setup();
    let profile = persona("ordinary_c1");
    let mut app = create("A5", s.flow("e_licence"), &profile.id, at(2026, 3, 2, 9));
    s.submit(&mut app, &profile, at(2026, 3, 2, 9));
    let before = app.clone();
    assert!(
        s.run(
            &mut app,
            &profile,
            Command::Submit {
                answers: BTreeMap::new()
            },
            "submit",
            at(2026, 3, 2, 9)
        )
        .is_empty()
    );
    assert_eq!(app, before);
    s.run(
        &mut app,
        &profile,
        Command::Advance,
        "due",
        at(2026, 3, 3, 17),
    );
    // Replay: folding the stored log gives the same state, and the sequence is contiguous.
    let replayed = app.events.iter().fold(State::default(), fold);
    assert_eq!(replayed, app.state());
    let seqs: Vec<u32> = app.events.iter().map(|e| e.seq).collect();
    assert_eq!(
        seqs,
        (1..=u32::try_from(app.events.len()).expect("len")).collect::<Vec<_>>()
    );
    // Round trip through RON keeps every event.
    let text = ron::to_string(&app).expect("ser");
    let back: Application = ron::from_str(&text).expect("de");
    assert_eq!(back, app);
}

#[test]
fn a_held_review_waits_for_the_trainer() {
    let mut s = setup();
    s.policy.hold_reviews = true;
    let profile = persona("ordinary_c1");
    let mut app = create("A6", s.flow("e_licence"), &profile.id, at(2026, 3, 2, 9));
    s.submit(&mut app, &profile, at(2026, 3, 2, 9));
    s.run(
        &mut app,
        &profile,
        Command::Advance,
        "late",
        at(2026, 3, 20, 9),
    );
    assert_eq!(stage(&app), "review");
    s.run(
        &mut app,
        &profile,
        Command::Decide {
            approve: true,
            reason: None,
        },
        "trainer",
        at(2026, 3, 20, 9),
    );
    assert_eq!(app.state().outcome, Some(Outcome::Done));
}

#[test]
fn a_failed_face_check_ends_the_e_licence_application_with_the_reason() {
    let mut s = setup();
    s.policy.face_fail_percent = 100;
    let profile = persona("ordinary_c1");
    let mut app = create("A7", s.flow("e_licence"), &profile.id, at(2026, 3, 2, 9));
    let kinds = s.submit(&mut app, &profile, at(2026, 3, 2, 9));
    let state = app.state();
    assert_eq!(state.stage.as_deref(), Some("face_failed"));
    assert_eq!(state.outcome, Some(Outcome::Rejected));
    assert!(
        state
            .last_reason
            .unwrap_or_default()
            .contains("人脸比对未通过")
    );
    // The drawn outcome is in the log: a replay gives the same, whatever the policy is now.
    s.policy.face_fail_percent = 0;
    assert_eq!(
        app.events.iter().fold(State::default(), fold).outcome,
        Some(Outcome::Rejected)
    );
    assert!(kinds.iter().any(|k| matches!(
        k,
        EventKind::Sent {
            channel: Channel::Notice,
            ..
        }
    )));
}

#[test]
fn a_contact_change_the_officer_rejects_changes_nothing() {
    let mut s = setup();
    s.policy.hold_reviews = true;
    let profile = persona("ordinary_c1");
    let given = answers(&[
        ("phone", "13912345678"),
        ("region", "北京市/北京市/海淀区"),
        ("address_detail", "学院路1号"),
    ]);
    let mut app = create(
        "C2",
        s.flow("licence_contact_change"),
        &profile.id,
        at(2026, 3, 2, 9),
    );
    s.run(
        &mut app,
        &profile,
        Command::Submit { answers: given },
        "submit",
        at(2026, 3, 2, 9),
    );
    let kinds = s.run(
        &mut app,
        &profile,
        Command::Decide {
            approve: false,
            reason: Some("地址与户籍信息不符".into()),
        },
        "officer",
        at(2026, 3, 2, 15),
    );
    assert_eq!(app.state().stage.as_deref(), Some("refused"));
    assert_eq!(app.state().outcome, Some(Outcome::Rejected));
    assert!(changes(&kinds).is_empty());
    assert!(sms_text(&kinds).contains("地址与户籍信息不符"));
}

/// An effect that can no longer be settled when its stage is entered (the licence left the
/// account during the review) does none of the stage's effects and takes the route the
/// business names for it: never a 办结 without its e-licence.
#[test]
fn an_effect_that_cannot_be_settled_routes_away_from_done() {
    let s = setup();
    let mut profile = persona("ordinary_c1");
    let flow = s.flow("e_licence");
    let mut app = create("A9", flow, &profile.id, at(2026, 3, 6, 10));
    s.submit(&mut app, &profile, at(2026, 3, 6, 10));
    assert_eq!(stage(&app), "review");
    profile.licence = None;
    let kinds = s.run(
        &mut app,
        &profile,
        Command::Advance,
        "due",
        at(2026, 3, 9, 17),
    );
    let state = app.state();
    assert_eq!(state.stage.as_deref(), Some("refused"));
    assert_eq!(state.outcome, Some(Outcome::Rejected));
    assert!(changes(&kinds).is_empty(), "{kinds:?}");
    assert!(kinds.iter().any(|k| matches!(
        k,
        EventKind::Signalled {
            stage,
            signal: jiaoguan::flow::process::Signal::EffectFailed,
            reason: Some(reason),
        } if stage == "issued" && reason.contains("未绑定驾驶证")
    )));
    assert!(
        !kinds.iter().any(|k| matches!(
            k,
            EventKind::Sent { text, .. } if text.contains("申领成功")
        )),
        "the 办结 stage's SMS is not sent either"
    );
    assert!(sms_text(&kinds).contains("未绑定驾驶证"));
}

/// A settled change carries its values: applying it twice is applying it once, and a
/// reduction already granted for the application is not granted again.
#[test]
fn settled_changes_apply_once() {
    use jiaoguan::domain::profile::{Reduction, ReductionSource};
    let mut profile = persona("truck_a2");
    let before = profile.reductions.len();
    let change = ProfileChange::PointsReduced(Reduction {
        date: start_day(),
        points: 1,
        source: ReductionSource::OnlineStudy,
        application: Some("20260302000001".into()),
    });
    effects::apply(&change, &mut profile).expect("apply");
    effects::apply(&change, &mut profile).expect("apply again");
    assert_eq!(profile.reductions.len(), before + 1);
    let bar = ProfileChange::WelfareBarred { on: start_day() };
    effects::apply(&bar, &mut profile).expect("apply");
    effects::apply(&bar, &mut profile).expect("apply again");
    assert_eq!(profile.welfare_bars, vec![start_day()]);
}

/// A selection flow written for the test: the new car is chosen, then a task offers the
/// candidates the engine drew when the task began.
fn plate_task_flow() -> String {
    common::trainer_business(
        "plate_task_demo",
        "选号演示",
        "机动车业务",
        "培训用：受理后由系统产生候选号牌号码，在任务页中选择。",
        r#"(
        subject: Vehicle(Unregistered),
        pages: [],
        sms_to: AccountPhone,
        stages: [
            (
                id: "choose",
                title: "选择号牌号码",
                kind: UserTask(fields: [
                    (id: "plate", label: "号牌号码", kind: PlateNumber(candidates: 5)),
                ], days: 1),
                on: [(when: Done, to: "done"), (when: Expired, to: "done")],
            ),
            (id: "done", title: "办结", kind: Terminal(Done)),
        ],
    )"#,
    )
}

/// Plate candidates are drawn by the engine, for the vehicle's own office (粤B for a car
/// bought in 深圳), recorded in the log so a replay and the screen see the same five, and the
/// task takes only one of them.
#[test]
fn plate_candidates_are_drawn_by_the_engine_for_the_vehicles_office() {
    use jiaoguan::assets::{AssetSource, load_catalog};
    use jiaoguan::engine::application::Record;

    let dir = tempfile::tempdir().expect("dir");
    common::write_assets(dir.path());
    std::fs::write(
        dir.path().join("flows/plate_task_demo.ron"),
        plate_task_flow(),
    )
    .expect("write");
    let mut s = setup();
    s.catalog = load_catalog(&AssetSource::Dir(dir.path().to_path_buf()))
        .expect("assets")
        .unwrap_or_else(|problems| panic!("{problems:?}"));
    let profile = persona("new_car_owner");
    let flow = s.flow("plate_task_demo");
    let mut app = create("P1", flow, &profile.id, at(2026, 3, 2, 9));
    s.submit(&mut app, &profile, at(2026, 3, 2, 9));
    assert_eq!(stage(&app), "choose");
    assert_eq!(app.state().answers["subject"], "LGXC74C40T0318562");
    let drawn: Vec<String> = app
        .state()
        .records
        .iter()
        .find_map(|r| match r {
            Record::Drawn { field, values } if field == "plate" => Some(values.clone()),
            _ => None,
        })
        .expect("drawn at the task's start");
    assert_eq!(drawn.len(), 5);
    assert!(drawn.iter().all(|p| p.starts_with("粤B")), "{drawn:?}");
    let again = app.events.iter().fold(State::default(), fold);
    assert_eq!(
        again.records,
        app.state().records,
        "a replay reads the same draw"
    );

    let flow = s.flow("plate_task_demo");
    let not_drawn = Command::CompleteTask {
        answers: answers(&[("plate", "粤B00000")]),
    };
    let refused = handle(
        &app,
        flow,
        &not_drawn,
        "p0",
        at(2026, 3, 2, 10),
        &s.world(&profile),
    )
    .expect_err("not a candidate");
    assert!(
        refused.0.contains("号牌号码：「粤B00000」不是可选的一项"),
        "{refused}"
    );
    s.run(
        &mut app,
        &profile,
        Command::CompleteTask {
            answers: answers(&[("plate", &drawn[2])]),
        },
        "p1",
        at(2026, 3, 2, 10),
    );
    assert_eq!(app.state().outcome, Some(Outcome::Done));
    assert_eq!(app.state().answers["plate"], drawn[2]);
}

/// The engine checks 提交 as the wizard does: a subject that cannot be chosen is refused with
/// its reason, whatever the screen sent.
#[test]
fn submit_refuses_a_vehicle_that_is_not_the_applicants_own() {
    let s = setup();
    let flow = "vehicle_licence_replacement";
    let refused = s.submit_refused(
        flow,
        &persona("non_owned_filer"),
        answers(&[
            ("subject", "LRW3E7EAXPC614052"),
            ("reason", "lost"),
            ("collect", "self"),
            ("fee", "wechat"),
        ]),
    );
    assert!(
        refused.starts_with("办理对象：") && refused.contains("只能由机动车所有人本人办理"),
        "{refused}"
    );
    // The owner's own car, with an answer the page does not offer.
    let refused = s.submit_refused(
        flow,
        &persona("ordinary_c1"),
        answers(&[
            ("subject", "LBELMBKC3KB382615"),
            ("reason", "borrowed"),
            ("collect", "self"),
            ("fee", "wechat"),
        ]),
    );
    assert_eq!(refused, "补换原因：「borrowed」不是可选的一项");
}

/// A task not done within its days expires: the application ends void with the reason, and
/// the task can no longer be handed in.
#[test]
fn a_task_left_undone_expires_after_its_days() {
    let mut s = setup();
    s.policy.hold_reviews = true;
    let profile = persona("ordinary_c1");
    let flow = s.flow("e_licence");
    let mut app = create("T1", flow, &profile.id, at(2026, 3, 2, 9));
    s.run(
        &mut app,
        &profile,
        Command::Submit {
            answers: answers(&[("photo", "blue_background")]),
        },
        "submit",
        at(2026, 3, 2, 9),
    );
    s.run(
        &mut app,
        &profile,
        Command::Decide {
            approve: false,
            reason: None,
        },
        "officer",
        at(2026, 3, 2, 10),
    );
    assert_eq!(stage(&app), "replace_photo");
    assert_eq!(
        app.state().due,
        Some(at(2026, 3, 17, 10)),
        "15 natural days"
    );
    assert!(
        s.run(
            &mut app,
            &profile,
            Command::Advance,
            "early",
            at(2026, 3, 17, 9)
        )
        .is_empty()
    );
    s.run(
        &mut app,
        &profile,
        Command::Advance,
        "late",
        at(2026, 3, 17, 10),
    );
    let state = app.state();
    assert_eq!(state.stage.as_deref(), Some("photo_expired"));
    assert_eq!(state.outcome, Some(Outcome::Void));
    assert_eq!(
        state.last_reason.as_deref(),
        Some("未在15日内完成「重新提交照片」，已逾期")
    );
}

/// The engine checks a page's cross-field rule at 提交 as the wizard does when the page is
/// left, naming the page.
#[test]
fn submit_refuses_a_page_whose_cross_field_check_fails() {
    let mut s = setup();
    s.with_business(
        "period_check",
        &plate_task_flow()
            .replace("plate_task_demo", "period_check")
            .replace("subject: Vehicle(Unregistered),", "subject: Licence,")
            .replace(
                "pages: [],",
                r#"pages: [(title: "期间", check: Some(DatesInOrder("start", "end")), fields: [
                    (id: "start", label: "开始日期", kind: Date(earliest_days: 0, latest_days: 30)),
                    (id: "end", label: "结束日期", kind: Date(earliest_days: 0, latest_days: 30)),
                ])],"#,
            )
            .replace(
                r#"kind: UserTask(fields: [
                    (id: "plate", label: "号牌号码", kind: PlateNumber(candidates: 5)),
                ], days: 1),"#,
                "kind: UserTask(fields: [], days: 1),",
            ),
    );
    let refused = s.submit_refused(
        "period_check",
        &persona("ordinary_c1"),
        answers(&[("start", "2026-03-10"), ("end", "2026-03-05")]),
    );
    assert_eq!(refused, "期间：结束日期 2026-03-05 早于开始日期 2026-03-10");
}

/// An attachment is picked from its album and reviewed: a document with a defect is rejected
/// with the defect named, a fit one approved.
#[test]
fn an_attachment_is_reviewed_for_its_defect() {
    let mut s = setup();
    s.with_business(
        "attachment_review",
        &common::trainer_business(
        "attachment_review",
        "材料演示",
        "驾驶证业务",
        "培训用：上传材料后由民警审核。",
        r#"(
        subject: Licence,
        pages: [(title: "材料", fields: [
            (id: "medical", label: "身体条件证明", kind: Attachment(album: "medical_certificate")),
        ])],
        sms_to: AccountPhone,
        stages: [
            (id: "review", title: "审核", kind: PoliceReview(working_days: 1, approve_if: AttachmentAcceptable("medical")),
             on: [(when: Approved, to: "done"), (when: Rejected, to: "refused")]),
            (id: "done", title: "办结", kind: Terminal(Done)),
            (id: "refused", title: "不予受理", kind: Terminal(Rejected)),
        ],
    )"#,
    ),
    );
    let profile = persona("ordinary_c1");
    for (document, outcome) in [
        ("medical_unstamped", Outcome::Rejected),
        ("medical_stamped", Outcome::Done),
    ] {
        let flow = s.flow("attachment_review");
        let mut app = create("M1", flow, &profile.id, at(2026, 3, 2, 9));
        s.run(
            &mut app,
            &profile,
            Command::Submit {
                answers: answers(&[("medical", document)]),
            },
            "submit",
            at(2026, 3, 2, 9),
        );
        s.run(
            &mut app,
            &profile,
            Command::Advance,
            "due",
            at(2026, 3, 3, 17),
        );
        let state = app.state();
        assert_eq!(state.outcome, Some(outcome), "{document}");
        if outcome == Outcome::Rejected {
            assert_eq!(
                state.last_reason.as_deref(),
                Some("材料不符合要求：身体条件证明未加盖医疗机构印章")
            );
        }
    }
    let refused = s.submit_refused(
        "attachment_review",
        &profile,
        answers(&[("medical", "id_both_sides")]),
    );
    assert_eq!(refused, "身体条件证明：「id_both_sides」不是可选的一项");
}

/// 换一批 draws the candidates again, as many times as the business allows, and the task
/// takes only a number of the latest draw; a new-energy series draws new-energy plates.
#[test]
fn candidates_are_drawn_again_while_rerolls_are_left() {
    use jiaoguan::engine::application::Record;

    let mut s = setup();
    s.with_business(
        "plate_task_demo",
        &plate_task_flow().replace(
            "kind: PlateNumber(candidates: 5)",
            "kind: PlateNumber(kind: NewEnergy, candidates: 5, rerolls: 1)",
        ),
    );
    let profile = persona("new_car_owner");
    let flow = s.flow("plate_task_demo");
    let mut app = create("P2", flow, &profile.id, at(2026, 3, 2, 9));
    s.submit(&mut app, &profile, at(2026, 3, 2, 9));
    let draws = |app: &Application| -> Vec<Vec<String>> {
        app.state()
            .records
            .iter()
            .filter_map(|r| match r {
                Record::Drawn { values, .. } => Some(values.clone()),
                _ => None,
            })
            .collect()
    };
    let first = draws(&app).remove(0);
    assert!(
        first
            .iter()
            .all(|p| p.starts_with("粤BD") || p.starts_with("粤BF")),
        "{first:?}"
    );
    let redraw = Command::Redraw {
        field: "plate".into(),
    };
    s.run(&mut app, &profile, redraw.clone(), "r1", at(2026, 3, 2, 9));
    let second = draws(&app).remove(1);
    assert_ne!(first, second);
    let flow = s.flow("plate_task_demo");
    let refused = handle(
        &app,
        flow,
        &redraw,
        "r2",
        at(2026, 3, 2, 9),
        &s.world(&profile),
    )
    .expect_err("rerolls used up");
    assert_eq!(refused.0, "号牌号码：已换过1批，不能再换");
    let stale = Command::CompleteTask {
        answers: answers(&[("plate", &first[0])]),
    };
    if !second.contains(&first[0]) {
        let refused = handle(
            &app,
            flow,
            &stale,
            "c0",
            at(2026, 3, 2, 9),
            &s.world(&profile),
        )
        .expect_err("from the earlier draw");
        assert!(refused.0.contains("不是可选的一项"), "{refused}");
    }
    s.run(
        &mut app,
        &profile,
        Command::CompleteTask {
            answers: answers(&[("plate", &second[0])]),
        },
        "c1",
        at(2026, 3, 2, 9),
    );
    assert_eq!(app.state().outcome, Some(Outcome::Done));
}
