//! Every command commits whole: the store's fault seam stops a command before and after the
//! journal's rename, after each operation, before the journal's removal, or fails one
//! operation as a full disk would; the folder reopened shows the command whole or not at all,
//! 办结 only with its effect, numbering ahead of every file, and no duplicate after a retry.
//! Also: `state.ron` lost or damaged, an inbox past the old one-file limit, and a folder written
//! before the archive and the message segments opened and upgraded.

use std::fs;
use std::path::Path;

use jiaoguan::app::commit::Change;
use jiaoguan::app::session::Session;
use jiaoguan::assets::{AssetSource, load_catalog};
use jiaoguan::engine::application::EventKind;
use jiaoguan::engine::inbox::{Channel, Message};
use jiaoguan::engine::open_set::serial_of;
use jiaoguan::engine::stages::{StageEvent, StudyEvent};
use jiaoguan::engine::step::create;
use jiaoguan::store::{DataDir, FaultPoint};

mod common;
use common::folder::{assert_consistent, keys, open_app, open_session, plan, read_application};
use common::{application_files, inbox_text};

/// Every place the seam can stop a command; operations past a command's last never fire, and
/// the command then simply completes.
fn fault_points() -> Vec<FaultPoint> {
    let mut points = vec![
        FaultPoint::BeforeJournalRename,
        FaultPoint::AfterJournalRename,
    ];
    points.extend((0..9).map(FaultPoint::AfterOp));
    points.push(FaultPoint::BeforeJournalRemoval);
    points.extend((0..9).map(FaultPoint::FailOp));
    points
}

/// ordinary_c1's 驾驶证电子版 up to the SMS step; returns the code sent.
fn to_sms_step(path: &Path) -> String {
    let mut app = open_app(path);
    keys(&mut app, "1 1 Enter Space Enter Enter Enter");
    common::sms_code(path, "ordinary_c1")
}

/// A fresh folder with ordinary_c1 at the SMS step, the fault armed at `point`, then the keys
/// `then` (which type the code when they contain `{code}`).
fn stop_at(path: &Path, point: FaultPoint, before: &str, then: &str) {
    let code = to_sms_step(path);
    let mut app = open_app(path);
    keys(&mut app, &before.replace("{code}", &code));
    app.session().dir().inject_fault(point);
    keys(&mut app, &then.replace("{code}", &code));
}

#[test]
fn a_submit_stopped_anywhere_is_whole_or_absent_and_a_retry_makes_one() {
    let mut submitted = 0;
    for point in fault_points() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path();
        stop_at(path, point, "1 1 Enter", "\"{code}\" Enter");
        let code = common::sms_code(path, "ordinary_c1");
        let session = assert_consistent(path);
        let files = application_files(path);
        let draft = path.join("drafts/ordinary_c1/e_licence.ron");
        match files.len() {
            0 => {
                assert!(draft.exists(), "{point:?}: not submitted, the draft stays");
                drop(session);
                let mut app = open_app(path);
                let screen = keys(&mut app, &format!("1 1 Enter \"{code}\" Enter"));
                assert!(screen.contains("已提交"), "{point:?}: retry\n{screen}");
                drop(app);
                assert_consistent(path);
                assert_eq!(
                    application_files(path).len(),
                    1,
                    "{point:?}: one after retry"
                );
            }
            1 => {
                submitted += 1;
                assert!(!draft.exists(), "{point:?}: submitted, the draft is gone");
            }
            n => panic!("{point:?}: {n} applications from one 提交"),
        }
        assert!(!draft.exists());
    }
    assert!(
        submitted > 0 && submitted < fault_points().len(),
        "{submitted}"
    );
}

/// The draft outlives its 提交 (as if its removal were lost): 提交 again finds the application
/// its token made and shows it, and makes no second one.
#[test]
fn a_retry_with_the_same_submit_token_shows_the_application_it_made() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path();
    let code = to_sms_step(path);
    let draft = path.join("drafts/ordinary_c1/e_licence.ron");
    let kept = fs::read_to_string(&draft).expect("draft");
    assert!(kept.contains("submit_token: Some("), "{kept}");
    let mut app = open_app(path);
    keys(&mut app, &format!("1 1 Enter \"{code}\" Enter"));
    drop(app);
    let files = application_files(path);
    assert_eq!(files.len(), 1);
    let number = read_application(&files[0]).number;
    fs::write(&draft, &kept).expect("the draft comes back");
    private(&draft, 0o600);
    let mut app = open_app(path);
    let screen = keys(&mut app, &format!("1 1 Enter \"{code}\" Enter"));
    assert!(screen.contains(&format!("受理编号 {number}")), "{screen}");
    drop(app);
    assert_eq!(application_files(path).len(), 1, "no second application");
    assert!(!draft.exists());
}

#[test]
fn a_review_stopped_anywhere_finishes_only_with_its_effect() {
    let mut finished = 0;
    for point in fault_points() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path();
        stop_at(path, point, "1 1 Enter \"{code}\" Enter", "Enter F9");
        let session = assert_consistent(path);
        let files = application_files(path);
        assert_eq!(files.len(), 1, "{point:?}");
        let app = read_application(&files[0]);
        let profile = fs::read_to_string(path.join("profiles/ordinary_c1.ron")).expect("profile");
        if app.is_finished() {
            finished += 1;
            assert!(
                profile.contains("e_licence: Some("),
                "{point:?}: 办结 without effect"
            );
            assert!(session.open.is_empty());
            let index = fs::read_to_string(path.join("archive/ordinary_c1/index.ron"))
                .expect("the index is written with the archive");
            assert!(index.contains("count: 1"), "{index}");
        } else {
            assert!(
                !profile.contains("e_licence: Some("),
                "{point:?}: effect without 办结"
            );
            assert_eq!(session.open.len(), 1);
        }
    }
    assert!(finished > 0 && finished < fault_points().len());
}

#[test]
fn starting_a_study_stopped_anywhere_leaves_a_consistent_folder() {
    for point in [
        FaultPoint::BeforeJournalRename,
        FaultPoint::AfterJournalRename,
        FaultPoint::AfterOp(0),
        FaultPoint::AfterOp(1),
        FaultPoint::BeforeJournalRemoval,
        FaultPoint::FailOp(1),
    ] {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path();
        let mut app = open_app(path);
        keys(
            &mut app,
            "6 1 8 Enter 1 2 Enter Space Enter Enter Enter Enter",
        );
        let code = common::sms_code(path, "truck_a2");
        keys(&mut app, &format!("\"{code}\" Enter Enter"));
        app.session().dir().inject_fault(point);
        keys(&mut app, "4 Enter Enter Enter");
        drop(app);
        assert_consistent(path);
        let files = application_files(path);
        assert_eq!(files.len(), 1, "{point:?}");
        let started = read_application(&files[0]).events.iter().any(|e| {
            matches!(
                e.kind,
                EventKind::Stage {
                    event: StageEvent::Study(StudyEvent::Started { .. }),
                    ..
                }
            )
        });
        // Past the commit point the study has started, whatever came after.
        assert_eq!(
            started,
            point != FaultPoint::BeforeJournalRename,
            "{point:?}"
        );
    }
}

#[test]
fn a_reset_stopped_anywhere_leaves_the_folder_as_before_or_as_reset() {
    for point in fault_points() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path();
        let code = to_sms_step(path);
        let mut app = open_app(path);
        keys(&mut app, &format!("1 1 Enter \"{code}\" Enter"));
        drop(app);
        let before = fs::read_to_string(path.join("state.ron")).expect("state");
        {
            let data = DataDir::open(path).expect("data dir");
            data.inject_fault(point);
            let _ = Session::reset(&data, &plan());
        }
        let session = assert_consistent(path);
        let kept = !application_files(path).is_empty();
        let state = fs::read_to_string(path.join("state.ron")).expect("state");
        if kept {
            assert_eq!(state, before, "{point:?}: as before");
            assert!(
                path.join("inbox/ordinary_c1/header.ron").exists(),
                "{point:?}"
            );
        } else {
            assert!(!path.join("inbox").exists(), "{point:?}: as reset");
            assert!(!path.join("drafts").exists(), "{point:?}");
            assert_eq!(session.open.len(), 0);
        }
        assert!(
            session.state.applications_created >= 1,
            "{point:?}: numbering never goes back"
        );
    }
}

/// A command that changes two applications of two accounts with their messages.
#[test]
fn a_command_across_two_applications_is_seen_whole_or_not_at_all() {
    let catalog = load_catalog(&AssetSource::Embedded)
        .expect("assets")
        .expect("catalog");
    let flow = catalog.flow("e_licence").expect("flow");
    for point in fault_points() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path();
        let mut session = open_session(path);
        let now = session.state.clock.now;
        let mut change = Change::default();
        for (serial, profile) in [(1, "ordinary_c1"), (2, "truck_a2")] {
            let number = format!("{}{serial:06}", now.format("%Y%m%d"));
            change
                .applications
                .insert(number.clone(), create(&number, flow, profile, now));
            change.created.insert(number.clone());
            change.messages.push((
                profile.to_string(),
                Message {
                    seq: 0,
                    at: now,
                    channel: Channel::Notice,
                    to: None,
                    text: format!("关于 {number} 的通知"),
                    application: Some(number),
                },
            ));
        }
        change.state_mut(&session).applications_created = 2;
        session.dir().inject_fault(point);
        let _ = session.commit(change);
        drop(session);
        let session = assert_consistent(path);
        let files = application_files(path).len();
        assert!(files == 0 || files == 2, "{point:?}: {files} of 2");
        let messages = ["ordinary_c1", "truck_a2"]
            .iter()
            .filter(|p| inbox_text(path, p).contains("的通知"))
            .count();
        assert_eq!(
            messages, files,
            "{point:?}: messages go with their applications"
        );
        if files == 2 {
            assert_eq!(session.state.applications_created, 2);
        }
    }
}

/// 驾驶证电子版 submitted by the persona signed in with `sign_in` (keys of 我的 > 设置), whose
/// profile id is `profile`; returns its number.
fn submit_as(path: &Path, sign_in: &str, profile: &str) -> String {
    let mut app = open_app(path);
    keys(
        &mut app,
        &format!("{sign_in} 1 1 Enter Space Enter Enter Enter"),
    );
    let code = common::sms_code(path, profile);
    keys(&mut app, &format!("\"{code}\" Enter"));
    app.session()
        .open
        .values()
        .map(|a| a.number.clone())
        .max()
        .expect("submitted")
}

/// `state.ron` lost (deleted, or damaged and quarantined) with applications open and archived:
/// the next number is above all of them and the clock does not go back.
#[test]
fn losing_state_never_reuses_a_number_nor_moves_the_clock_back() {
    for damage in ["delete", "truncate"] {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path();
        let first = submit_as(path, "", "ordinary_c1");
        let mut app = open_app(path);
        keys(&mut app, "F9");
        let clock = app.session().state.clock.now;
        drop(app);
        assert!(
            path.join(format!("archive/ordinary_c1/2026-03/{first}.ron"))
                .exists()
        );
        // The first has its e-licence now: the others are other drivers'.
        let second = submit_as(path, "6 1 1 Enter", "expiring_soon");
        assert!(serial_of(&second) > serial_of(&first));
        let state = path.join("state.ron");
        match damage {
            "delete" => fs::remove_file(&state).expect("delete"),
            _ => {
                let text = fs::read_to_string(&state).expect("state");
                fs::write(&state, &text[..text.len() / 2]).expect("truncate");
            }
        }
        let session = open_session(path);
        assert!(
            session.state.applications_created >= serial_of(&second).expect("serial"),
            "{damage}: numbering restarted"
        );
        assert!(
            session.state.clock.now >= clock,
            "{damage}: the clock went back"
        );
        drop(session);
        let third = submit_as(path, "6 1 8 Enter", "truck_a2");
        assert!(serial_of(&third) > serial_of(&second), "{damage}");
        assert_eq!(
            application_files(path).len(),
            3,
            "{damage}: nothing overwritten"
        );
    }
}

/// A quarantined application's number counts too.
#[test]
fn a_quarantined_application_keeps_its_number() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path();
    let number = submit_as(path, "", "ordinary_c1");
    let file = path.join(format!("applications/{number}.ron"));
    fs::write(&file, "(schema_version: 2, number: ").expect("damage");
    fs::remove_file(path.join("state.ron")).expect("lose state");
    let session = open_session(path);
    assert!(session.state.applications_created >= serial_of(&number).expect("serial"));
    assert!(session.notices.iter().any(|n| n.contains("quarantine")));
}

/// Far more messages than the old one-file inbox could hold (it was quarantined past 4 MiB):
/// every one stays readable, only the newest segment is rewritten, the unread count is kept.
#[test]
fn an_inbox_past_the_old_size_limit_keeps_every_message() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path();
    let mut session = open_session(path);
    let now = session.state.clock.now;
    let long = "【交管12123】".to_string() + &"您的业务已受理，请留意后续短信。".repeat(12);
    let batches = 40;
    let per_batch = 500;
    for batch in 0..batches {
        let mut change = Change::default();
        for i in 0..per_batch {
            change.messages.push((
                "ordinary_c1".to_string(),
                Message {
                    seq: 0,
                    at: now + chrono::Duration::minutes(batch * per_batch + i),
                    channel: Channel::Sms,
                    to: None,
                    text: format!("{long}{batch}-{i}"),
                    application: None,
                },
            ));
        }
        session.commit(change).expect("commit");
    }
    drop(session);
    let total: u64 = fs::read_dir(path.join("inbox/ordinary_c1"))
        .expect("inbox")
        .flatten()
        .map(|e| e.metadata().expect("meta").len())
        .sum();
    assert!(total > 4 * 1024 * 1024, "past the old limit: {total} bytes");
    let session = open_session(path);
    assert!(session.notices.is_empty(), "{:?}", session.notices);
    let view = session.inboxes.get("ordinary_c1").expect("inbox");
    let count = (batches * per_batch) as u64;
    assert_eq!(view.header.delivered, count);
    assert_eq!(view.unread(), count);
    let newest = view.newest.as_ref().expect("newest");
    assert!(newest.messages.len() <= jiaoguan::engine::inbox::SEGMENT_MESSAGES);
    assert_eq!(newest.messages.last().map(|m| m.seq), Some(count));
    let text = inbox_text(path, "ordinary_c1");
    assert!(text.contains(&format!("{long}0-0")) && text.contains(&format!("{long}39-499")));
}

/// A data folder as the previous version wrote it: every application in `applications/`, one
/// inbox file per account with a read flag per message, `state.ron` at schema 1.
#[test]
fn a_folder_from_the_previous_version_is_upgraded_once_with_nothing_lost() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path();
    let number_done;
    let number_open;
    {
        let catalog = load_catalog(&AssetSource::Embedded)
            .expect("assets")
            .expect("catalog");
        let flow = catalog.flow("e_licence").expect("flow");
        let start = plan().clock_start;
        number_done = format!("{}000001", start.format("%Y%m%d"));
        number_open = format!("{}000002", start.format("%Y%m%d"));
        let mut done = create(&number_done, flow, "ordinary_c1", start);
        done.events = ron::from_str(&format!(
            "[(seq: 1, at: \"{t}\", actor: User, command_id: \"submit\", kind: Submitted(answers: {{}})),
              (seq: 2, at: \"{t}\", actor: System, command_id: \"submit\", kind: Finished(outcome: Rejected))]",
            t = start.format("%Y-%m-%dT%H:%M:%S")
        ))
        .expect("events");
        let open = create(&number_open, flow, "ordinary_c1", start);
        fs::create_dir_all(path.join("applications")).expect("mkdir");
        for app in [&done, &open] {
            let text = jiaoguan::store::to_ron(app).expect("ron");
            fs::write(path.join(format!("applications/{}.ron", app.number)), text).expect("write");
        }
        fs::create_dir_all(path.join("inbox")).expect("mkdir");
        let t = start.format("%Y-%m-%dT%H:%M:%S");
        fs::write(
            path.join("inbox/ordinary_c1.ron"),
            format!(
                "(schema_version: 1, messages: [
                  (at: \"{t}\", channel: Sms, to: Some(\"13800000000\"), text: \"第一条\", read: true, application: None),
                  (at: \"{t}\", channel: Notice, to: None, text: \"第二条\", read: true, application: Some(\"{number_done}\")),
                  (at: \"{t}\", channel: Sms, to: None, text: \"第三条\", read: false, application: None)])"
            ),
        )
        .expect("inbox");
        fs::write(
            path.join("state.ron"),
            format!(
                "(schema_version: 1, current_profile: \"ordinary_c1\", clock: (started_at: \"{t}\", now: \"{t}\"), seed: 5, applications_created: 2, draws: 3)"
            ),
        )
        .expect("state");
    }
    let session = open_session(path);
    assert!(
        session.notices.iter().any(|n| n.contains("移入 archive")),
        "{:?}",
        session.notices
    );
    assert!(
        path.join(format!("archive/ordinary_c1/2026-03/{number_done}.ron"))
            .exists()
    );
    assert!(
        path.join(format!("applications/{number_open}.ron"))
            .exists()
    );
    assert!(
        !path
            .join(format!("applications/{number_done}.ron"))
            .exists()
    );
    assert!(!path.join("inbox/ordinary_c1.ron").exists());
    let view = session.inboxes.get("ordinary_c1").expect("inbox");
    assert_eq!(view.header.delivered, 3);
    assert_eq!(view.unread(), 1, "the read flags carried over");
    let texts: Vec<&str> = view
        .newest
        .iter()
        .flat_map(|s| s.messages.iter().map(|m| m.text.as_str()))
        .collect();
    assert_eq!(texts, ["第一条", "第二条", "第三条"]);
    assert_eq!(session.state.applications_created, 2);
    assert_eq!(session.open.len(), 1);
    let state = fs::read_to_string(path.join("state.ron")).expect("state");
    assert!(state.contains("schema_version: 2"), "{state}");
    drop(session);
    // Once: a second start moves nothing and says nothing.
    let again = open_session(path);
    assert!(again.notices.is_empty(), "{:?}", again.notices);
}

/// The trainer's reset in the console (F8, R, y) is the same one commit as `--reset-demo`: the
/// applications and messages are gone, the accounts seeded afresh, and numbering goes on.
#[test]
fn the_trainer_resets_the_demo_from_the_console() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path();
    let first = submit_as(path, "", "ordinary_c1");
    let mut app = open_app(path);
    let screen = keys(&mut app, "F8 R");
    assert!(
        screen.contains("确定要把全部演示账号恢复到初始状态吗"),
        "{screen}"
    );
    let screen = keys(&mut app, "y");
    assert!(screen.contains("演示数据已恢复到初始状态"), "{screen}");
    assert!(screen.contains("首页"), "{screen}");
    let screen = keys(&mut app, "Enter 4");
    assert!(screen.contains("暂无办理记录"), "{screen}");
    drop(app);
    assert!(application_files(path).is_empty());
    assert!(
        path.join("profiles/ordinary_c1.ron").exists(),
        "seeded again"
    );
    let second = submit_as(path, "", "ordinary_c1");
    assert!(
        serial_of(&second) > serial_of(&first),
        "{first} then {second}"
    );
}

/// A copy of a fixture folder, private as the app keeps its own (0700 / 0600), so opening it
/// reports nothing about permissions.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    private(to, 0o700);
    for entry in fs::read_dir(from).expect("read").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
            private(&target, 0o600);
        }
    }
}

fn private(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

/// A data folder written by the previous release (commit 8ef40bc, kept under tests/fixtures:
/// 驾驶证电子版 reviewed to 办结 with its e-licence, 变更驾驶证联系方式 waiting for review, five
/// messages of which three were read) opens, is upgraded once, and loses nothing.
#[test]
fn the_previous_releases_folder_opens_upgraded_with_nothing_lost() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/folder-8ef40bc"),
        path,
    );
    let before = fs::read_to_string(path.join("inbox/ordinary_c1.ron")).expect("inbox");
    let mut app = open_app(path);
    let screen = keys(&mut app, "Enter 4");
    assert!(
        screen.contains("共") || screen.contains("驾驶证电子版"),
        "{screen}"
    );
    assert!(
        screen.contains("驾驶证电子版  2026-03-02 09:00  已办结"),
        "{screen}"
    );
    assert!(screen.contains("变更驾驶证联系方式"), "{screen}");
    drop(app);
    assert!(
        path.join("archive/ordinary_c1/2026-03/20260302000001.ron")
            .exists()
    );
    assert!(path.join("applications/20260303000002.ron").exists());
    assert!(!path.join("inbox/ordinary_c1.ron").exists());
    let session = open_session(path);
    let view = &session.inboxes["ordinary_c1"];
    assert_eq!(view.header.delivered, 5);
    assert_eq!(view.unread(), 2, "the two unread stay unread");
    let after = inbox_text(path, "ordinary_c1");
    for line in before.lines().filter(|l| l.contains("text:")) {
        assert!(after.contains(line.trim()), "lost: {line}");
    }
    assert!(session.notices.is_empty(), "once: {:?}", session.notices);
    assert!(
        fs::read_to_string(path.join("profiles/ordinary_c1.ron"))
            .expect("profile")
            .contains("e_licence: Some(")
    );
    drop(session);
    let third = submit_as(path, "6 1 1 Enter", "expiring_soon");
    assert_eq!(
        serial_of(&third),
        Some(3),
        "numbering goes on after the old folder's"
    );
}

/// A data folder written with application schema 2 (commit 0c6d7b2, kept under tests/fixtures:
/// 学法减分 by 公益活动, the 14:00 slot booked and 签到 done) opens with its log upcast: the kind
/// event under its stage, the message kept as sent, the seat it booked claimed; then 签退, the
/// notice and 提交减分申请 finish it with the point off and the seat still counted.
#[test]
fn a_schema_2_application_in_flight_is_upcast_and_finishes() {
    use jiaoguan::engine::application::Claim;
    use jiaoguan::engine::projections::seats_taken;
    use jiaoguan::engine::stages::ActivityEvent;

    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/folder-v2-welfare"),
        path,
    );
    let number = "20260302000001";
    let session = open_session(path);
    assert!(session.notices.is_empty(), "{:?}", session.notices);
    let app = session.open.get(number).expect("open").clone();
    assert_eq!(app.schema_version, 3);
    let seqs: Vec<u32> = app.events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=app.events.len() as u32).collect::<Vec<_>>());
    assert_eq!(
        app.events[1].kind,
        EventKind::Claimed(Claim::Seat {
            session: "bj-cy-w2".into()
        }),
        "the seat is claimed right after 提交"
    );
    assert!(app.events.iter().any(|e| matches!(
        &e.kind,
        EventKind::Stage {
            stage,
            event: StageEvent::Activity(ActivityEvent::SignedIn { .. }),
        } if stage == "activity"
    )));
    assert!(app.events.iter().any(|e| matches!(
        &e.kind,
        EventKind::Sent { channel: Channel::Sms, text, .. } if text.contains(number)
    )));
    let state = app.state();
    assert_eq!(state.stage.as_deref(), Some("activity"));
    assert!(state.local.attendance().signed_in.is_some());
    assert_eq!(
        seats_taken(&session.open, &session.archived_seats, "bj-cy-w2"),
        1
    );
    drop(session);

    let mut ui = open_app(path);
    let screen = keys(&mut ui, "F9 4 Enter Enter");
    assert!(screen.contains("现场签退成功"), "{screen}");
    keys(&mut ui, "F9 4 Enter");
    let screen = keys(&mut ui, "4 Enter Enter");
    assert!(screen.contains("已办结"), "{screen}");
    drop(ui);
    let archived = fs::read_to_string(path.join(format!("archive/truck_a2/2026-03/{number}.ron")))
        .expect("archived");
    assert!(
        archived.starts_with("(\n  schema_version: 3,"),
        "{archived}"
    );
    assert!(archived.contains("Claimed(Seat("), "{archived}");
    assert!(archived.contains("PointsReduced("), "{archived}");
    let profile = fs::read_to_string(path.join("profiles/truck_a2.ron")).expect("profile");
    assert!(profile.contains("source: WelfareActivity"), "{profile}");
    let session = open_session(path);
    assert_eq!(
        seats_taken(&session.open, &session.archived_seats, "bj-cy-w2"),
        1,
        "the seat of a session that took place stays taken"
    );
}
