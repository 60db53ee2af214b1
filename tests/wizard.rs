//! The wizard as a new user found it: the SMS code readable on its own step, a wrong code
//! cleared, the code field taking six digits, a length limit that says so, pasted escape
//! sequences removed whole, a digit choosing a row of a list.

use crossterm::event::Event;

mod common;
use common::folder::{keys, open_app};

/// ordinary_c1's 驾驶证电子版 at the SMS step.
fn at_code_step() -> (tempfile::TempDir, jiaoguan::app::App, String) {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = open_app(dir.path());
    let screen = keys(&mut app, "1 1 Enter Space Enter Enter Enter");
    assert!(screen.contains("短信验证"), "{screen}");
    let code = common::sms_code(dir.path(), "ordinary_c1");
    (dir, app, code)
}

#[test]
fn the_code_can_be_read_on_its_step_after_the_banner_has_gone() {
    let (_dir, mut app, code) = at_code_step();
    // Any key clears the banner; the SMS stays on the page.
    let screen = keys(&mut app, "Tab");
    assert!(
        screen.contains(&format!("短信  09:00  【交管12123】验证码 {code}")),
        "{screen}"
    );
}

#[test]
fn a_wrong_code_is_cleared_and_the_field_takes_six_digits() {
    let (_dir, mut app, code) = at_code_step();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let screen = keys(&mut app, &format!("\"{wrong}\" Enter"));
    assert!(screen.contains("与发送的验证码不一致，已清空"), "{screen}");
    assert!(
        !screen.contains(wrong),
        "the wrong code is cleared:\n{screen}"
    );
    let screen = keys(&mut app, "a");
    assert!(screen.contains("短信验证码：验证码为6位数字"), "{screen}");
    let screen = keys(&mut app, &format!("\"{code}7\""));
    assert!(
        screen.contains("验证码为6位数字"),
        "a 7th digit is refused:\n{screen}"
    );
    let screen = keys(&mut app, "Enter");
    assert!(
        screen.contains("已提交"),
        "the six digits typed submit:\n{screen}"
    );
}

/// 变更驾驶证联系方式's address page: the detail field stops at its limit and says so; a paste
/// carrying colour codes keeps only the text.
#[test]
fn a_field_says_when_it_is_full_and_pastes_lose_escape_sequences_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = open_app(dir.path());
    let screen = keys(
        &mut app,
        "/ \"bgjszlxfs\" Enter Enter Space Enter Enter \"13912345678\" Enter Down Enter Enter Down Down Enter",
    );
    assert!(screen.contains("详细地址"), "{screen}");
    app.handle_event(&Event::Paste("\u{1b}[1;31m世纪大道\u{1b}[0m100号".into()));
    let screen = keys(&mut app, "Enter");
    assert!(screen.contains("确认信息"), "{screen}");
    assert!(screen.contains("世纪大道100号"), "{screen}");
    assert!(!screen.contains("[1;31m"), "{screen}");
    let screen = keys(&mut app, &format!("Esc Tab {}", "x ".repeat(61)));
    assert!(screen.contains("详细地址：最多60个字"), "{screen}");
}

#[test]
fn a_digit_chooses_a_row_of_the_region_list() {
    let dir = tempfile::tempdir().expect("dir");
    let mut app = open_app(dir.path());
    let screen = keys(
        &mut app,
        "/ \"bgjszlxfs\" Enter Enter Space Enter Enter \"13912345678\" Enter 2 Enter",
    );
    // The second province of the demo regions, then its cities.
    assert!(screen.contains("所在地区  上海市 > 请选择城市"), "{screen}");
}

/// The last seats of a 公益活动 session go to other applications while the visitor is on the
/// SMS step: 提交 is refused (the seat is counted again at 提交, as the list counted it), the
/// draft stays, and the list now shows the session full.
#[test]
fn a_session_filled_meanwhile_is_refused_at_submit() {
    use jiaoguan::app::commit::Change;
    use jiaoguan::engine::application::{Actor, Claim, Event, EventKind};
    use jiaoguan::engine::step::create;

    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path();
    let mut app = open_app(path);
    keys(
        &mut app,
        "6 1 8 Enter 1 2 Enter Space Enter Enter Down Enter Down Enter Enter",
    );
    let screen = keys(&mut app, "");
    assert!(screen.contains("短信验证"), "{screen}");
    let code = common::sms_code(path, "truck_a2");
    drop(app);
    // 13 seats were left at 14:00; 13 other applications take them.
    let mut session = common::folder::open_session(path);
    let catalog = jiaoguan::assets::load_catalog(&jiaoguan::assets::AssetSource::Embedded)
        .expect("assets")
        .expect("catalog");
    let flow = catalog.flow("points_reduction_study").expect("flow");
    let now = session.state.clock.now;
    let mut change = Change::default();
    for i in 0..13u64 {
        let number = format!("{}{:06}", now.format("%Y%m%d"), 900 + i);
        let mut other = create(&number, flow, "ordinary_c1", now);
        let answers = [("method", "welfare"), ("session", "wh-ja-w2")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into();
        other.events.push(Event {
            seq: 1,
            at: now,
            actor: Actor::User,
            command_id: "submit".into(),
            kind: EventKind::Submitted { answers },
        });
        other.events.push(Event {
            seq: 2,
            at: now,
            actor: Actor::User,
            command_id: "submit".into(),
            kind: EventKind::Claimed(Claim::Seat {
                session: "wh-ja-w2".into(),
            }),
        });
        change.applications.insert(number.clone(), other);
        change.created.insert(number);
    }
    change.state_mut(&session).applications_created = 912;
    session.commit(change).expect("commit");
    drop(session);
    let mut app = open_app(path);
    let screen = keys(&mut app, &format!("1 2 Enter \"{code}\" Enter"));
    assert!(screen.contains("提交失败"), "{screen}");
    assert!(
        screen.contains("名额已满，请返回上一步选择其他场次"),
        "{screen}"
    );
    assert!(
        path.join("drafts/truck_a2/points_reduction_study.ron")
            .exists()
    );
    let screen = keys(&mut app, "Enter Esc Esc");
    assert!(screen.contains("14:00-15:00  剩余0席"), "{screen}");
}
