//! The two businesses carried end to end by the real binary with `play --seed`: the wizard, the
//! SMS code from 消息, 提交, F9 through the review, the final screens and the RON files; drafts
//! and applications surviving a restart.

use std::fs;
use std::path::Path;

use jiaoguan::app::App;
use jiaoguan::app::session::{SeedPlan, Session};
use jiaoguan::assets::{AssetSource, Resources, load_catalog};
use jiaoguan::config::Config;
use jiaoguan::engine::application::APPLICATION_SCHEMA_VERSION;
use jiaoguan::store::DataDir;
use ratatui::layout::Rect;

mod common;
use common::{play, sms_code};

fn file(data: &Path, rel: &str) -> String {
    fs::read_to_string(data.join(rel)).unwrap_or_default()
}

fn only_application(data: &Path) -> String {
    let files = common::application_files(data);
    assert_eq!(files.len(), 1, "one application expected: {files:?}");
    fs::read_to_string(&files[0]).expect("read")
}

#[test]
fn e_licence_from_the_licence_page_to_the_issued_e_licence() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let screen = play(data, "1 1 Enter Space Enter Enter Enter");
    assert!(screen.contains("第4步/共4步  短信验证"), "{screen}");
    assert!(screen.contains("验证码已发送至 138****7406"), "{screen}");
    let code = sms_code(data, "ordinary_c1");
    let screen = play(data, &format!("1 1 Enter \"{code}\" Enter"));
    assert!(screen.contains("已提交"), "{screen}");
    assert!(
        screen.contains("[当前] 03-02 09:00  民警审核，预计 03-03 17:00 前完成"),
        "{screen}"
    );
    assert!(only_application(data).contains("Submitted"));
    assert!(
        !data.join("drafts/ordinary_c1/e_licence.ron").exists(),
        "the draft is gone once submitted"
    );
    // A new process (the first one has ended between submit and review): F9 finishes the review.
    let screen = play(data, "F9 4 Enter");
    assert!(
        screen.contains("2026-03-03 17:00"),
        "the clock moved to the deadline:\n{screen}"
    );
    assert!(screen.contains("已办结"), "{screen}");
    assert!(screen.contains("民警审核 审核通过"), "{screen}");
    assert!(file(data, "profiles/ordinary_c1.ron").contains("e_licence: Some("));
    let screen = play(data, "1 1");
    assert!(screen.contains("核验码 JG12123-DZ-"), "{screen}");
    let screen = play(data, "5");
    assert!(screen.contains("电子驾驶证已申领成功"), "{screen}");
}

#[test]
fn a_detained_licence_is_refused_before_any_typing_with_the_reason() {
    let dir = tempfile::tempdir().expect("dir");
    // 我的 > 设置 > the 2nd persona (full_points_detained), then 我的驾驶证 > 驾驶证电子版 > 开始办理.
    let screen = play(dir.path(), "6 1 2 Enter 1 1 Enter");
    assert!(screen.contains("暂不能办理「驾驶证电子版」"), "{screen}");
    assert!(screen.contains("扣留"), "{screen}");
    assert!(
        !dir.path().join("applications").exists()
            || fs::read_dir(dir.path().join("applications"))
                .expect("dir")
                .next()
                .is_none()
    );
}

#[test]
fn a_rejected_photo_is_replaced_from_the_progress_page() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    // new_car_owner (3rd persona) has no photo on file: the wizard asks for one.
    let screen = play(data, "6 1 3 Enter 1 1 Enter Space Enter Enter");
    assert!(screen.contains("提交照片"), "{screen}");
    assert!(screen.contains("相册：戴墨镜的自拍"), "{screen}");
    // The 4th sample (sunglasses), then the summary and the SMS code.
    play(data, "1 1 Enter Down Down Down Enter Enter");
    let code = sms_code(data, "new_car_owner");
    play(data, &format!("1 1 Enter \"{code}\" Enter"));
    let screen = play(data, "F9 4 Enter");
    assert!(screen.contains("待本人办理：重新提交照片"), "{screen}");
    assert!(screen.contains("墨镜"), "{screen}");
    // 重新提交照片 with the first sample (a proper photo), then the next review issues it.
    let screen = play(data, "4 Enter Enter Enter");
    assert!(
        screen.contains("[当前]") && screen.contains("民警审核"),
        "{screen}"
    );
    let screen = play(data, "F9 4 Enter");
    assert!(screen.contains("已办结"), "{screen}");
    assert!(file(data, "profiles/new_car_owner.ron").contains("白底正面免冠照"));
}

#[test]
fn contact_change_validates_texts_the_new_number_and_updates_the_licence_page() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let open = "/ \"bgjszlxfs\" Enter Enter";
    let screen = play(
        data,
        &format!("{open} Space Enter Enter \"12345678901\" Enter"),
    );
    assert!(
        screen.contains("新手机号码："),
        "the error names the field:\n{screen}"
    );
    assert!(screen.contains("第2位"), "and the rule:\n{screen}");
    assert!(
        screen.contains("第3步/共6步  新手机号码"),
        "the page stays:\n{screen}"
    );
    let erase = "Backspace ".repeat(11);
    let screen = play(
        data,
        &format!(
            "{open} {erase}\"13912345678\" Enter Down Enter Enter Down Down Enter \"世纪大道100号\" Enter"
        ),
    );
    assert!(screen.contains("确认信息"), "{screen}");
    assert!(
        screen.contains("新手机号码：139 1234 5678"),
        "the applicant reads back the number in full:\n{screen}"
    );
    assert!(
        screen.contains("所在地区  ：上海市浦东新区"),
        "a municipality is named once:\n{screen}"
    );
    let screen = play(data, &format!("{open} Enter"));
    assert!(
        screen.contains("验证码已发送至 139****5678"),
        "the code goes to the new number:\n{screen}"
    );
    let inbox = common::inbox_text(data, "ordinary_c1");
    assert!(
        inbox.contains("to: Some(\"139****5678\")"),
        "to the new number, kept masked: {inbox}"
    );
    let code = sms_code(data, "ordinary_c1");
    play(data, &format!("{open} \"{code}\" Enter"));
    assert!(
        !file(data, "profiles/ordinary_c1.ron").contains("13912345678"),
        "unchanged until the application completes"
    );
    let screen = play(data, "F9 1");
    assert!(screen.contains("联系电话 139****5678"), "{screen}");
    assert!(screen.contains("联系地址 上海市浦东新区"), "{screen}");
    let profile = file(data, "profiles/ordinary_c1.ron");
    assert!(profile.contains("phone: \"13912345678\""), "{profile}");
    assert!(profile.contains("detail: \"世纪大道100号\""), "{profile}");
    let log = only_application(data);
    assert!(
        log.contains("ProfileChanged(ContactChanged(") && log.contains("phone: \"13912345678\""),
        "the log carries the values the change wrote:\n{log}"
    );
}

#[test]
fn esc_goes_back_keeping_answers_and_a_draft_survives_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let open = "/ \"bgjszlxfs\" Enter Enter";
    // Type the phone, go on to the address page, then back: the phone is still there.
    let screen = play(
        data,
        &format!("{open} Space Enter Enter \"13912345678\" Enter Esc"),
    );
    assert!(screen.contains("13912345678"), "{screen}");
    // Leave the wizard entirely; a new process resumes on the same page with the same answer.
    play(data, &format!("{open} Esc Esc Esc Esc"));
    assert!(
        data.join("drafts/ordinary_c1/licence_contact_change.ron")
            .exists()
    );
    let screen = play(data, open);
    assert!(
        screen.contains("业务须知"),
        "left at the first step:\n{screen}"
    );
    let screen = play(data, &format!("{open} Enter Enter"));
    assert!(screen.contains("13912345678"), "{screen}");
}

/// Deadlines that fell due while the program was closed fire once, at start-up.
#[test]
fn a_deadline_missed_while_closed_fires_at_start_up() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, "1 1 Enter Space Enter Enter Enter");
    let code = sms_code(data, "ordinary_c1");
    play(data, &format!("1 1 Enter \"{code}\" Enter"));
    let config = Config::default();
    let plan = SeedPlan {
        clock_start: config.play_clock_start,
        default_persona: config.default_persona.clone(),
        seed: 11,
    };
    let open = || {
        Session::open(
            DataDir::open(data).expect("data dir"),
            &AssetSource::Embedded,
            &plan,
        )
        .expect("session")
    };
    let mut session = open();
    let before = config.play_clock_start;
    session.catch_up_with_wall_clock(before);
    session.catch_up_with_wall_clock(before + chrono::Duration::days(3));
    let catalog = load_catalog(&AssetSource::Embedded)
        .expect("assets")
        .expect("catalog");
    let resources = Resources::load(&AssetSource::Embedded).expect("resources");
    let app = App::new(
        catalog,
        config,
        resources,
        session,
        Rect::new(0, 0, 100, 30),
    );
    let session = app.session();
    assert!(
        session.open.is_empty(),
        "the finished application left the open set"
    );
    let application = session
        .viewed
        .last()
        .expect("the application just finished")
        .application
        .clone();
    assert!(application.is_finished());
    // Fired once: one review decision in the log.
    let decisions = application.events.iter().filter(|e| matches!(e.kind, jiaoguan::engine::application::EventKind::Signalled { ref stage, .. } if stage == "review")).count();
    assert_eq!(decisions, 1);
    drop(app);
    // Starting again fires nothing new.
    let again = open();
    assert!(again.open.is_empty());
    assert_eq!(application.events.len(), application_events(data));
}

fn application_events(data: &Path) -> usize {
    only_application(data).matches("seq:").count()
}

/// With `hold_reviews`, a review waits for the trainer: F9 does not decide it, F8 does.
#[test]
fn the_trainer_decides_held_reviews_in_the_console() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let config = dir.path().join("trainer.ron");
    fs::write(&config, "(engine: (hold_reviews: true))").expect("config");
    let flags = [
        "--seed",
        "11",
        "--size",
        "100x30",
        "--config",
        config.to_str().expect("utf8"),
    ];
    let run = |keys: &str| common::play_with(&flags, &data, keys);
    run("1 1 Enter Space Enter Enter Enter");
    let code = sms_code(&data, "ordinary_c1");
    run(&format!("1 1 Enter \"{code}\" Enter"));
    let screen = run("F9");
    assert!(screen.contains("没有等待中的办理期限"), "{screen}");
    let screen = run("F8");
    assert!(
        screen.contains("待民警处理的申请") && screen.contains("驾驶证电子版"),
        "{screen}"
    );
    let timeline = run("4 Enter");
    assert!(
        timeline.contains("民警审核，等待民警审核（由培训讲师在控制台中决定）"),
        "no deadline promised while held: {timeline}"
    );
    assert!(!timeline.contains("预计"), "{timeline}");
    let screen = run("F8 r");
    assert!(
        screen.contains("退回申请") && screen.contains("> 按审核规则说明"),
        "a rejection asks its reason:\n{screen}"
    );
    let screen = run("F8 r Enter Esc 4 Enter");
    assert!(screen.contains("审核未通过"), "{screen}");
    assert!(
        screen.contains("经民警审核"),
        "the rejection gives a reason:\n{screen}"
    );
}

/// The console's rejection takes a standard reason or the trainer's own words, and either is
/// what the application records and the applicant is told.
#[test]
fn a_rejection_records_the_reason_the_trainer_chose() {
    for (keys, reason) in [
        ("Down Down", "证明材料不清晰、不完整，或与申请事由不符"),
        ("\"照片戴了墨镜\"", "照片戴了墨镜"),
    ] {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path();
        let submit = "1 1 Space Enter Space Enter Enter Enter sms-code Enter Enter";
        let screen = play(data, &format!("{submit} F8 r {keys} Enter Esc 4 Enter"));
        assert!(screen.contains(reason), "{reason} shown:\n{screen}");
        assert!(
            common::inbox_text(data, "ordinary_c1").contains(reason),
            "{reason} texted to the applicant"
        );
        assert!(
            only_application(data).contains(reason),
            "{reason} in the log"
        );
    }
}

/// The console moves the clock to a typed date, forward only, and opens the accounts.
#[test]
fn the_console_sets_the_clock_to_a_date_and_switches_accounts() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let screen = play(data, "F8 c \"2026-02-01\" Enter");
    assert!(
        screen.contains("模拟时钟只能向后拨：现在是 2026-03-02 09:00"),
        "{screen}"
    );
    let screen = play(data, "F8 c \"2026-03-20 14:30\" Enter");
    assert!(
        screen.contains("把模拟时钟拨到 2026-03-20 14:30？"),
        "a jump asks first: {screen}"
    );
    let screen = play(data, "F8 c \"2026-03-20 14:30\" Enter Esc");
    assert!(
        screen.contains("模拟时钟 2026-03-02 09:00"),
        "no means no: {screen}"
    );
    let screen = play(data, "F8 c \"2026-03-20 14:30\" Enter y");
    assert!(screen.contains("模拟时钟 2026-03-20 14:30"), "{screen}");
    let screen = play(data, "F8 c \"三月\" Enter");
    assert!(screen.contains("「三月」不是日期"), "{screen}");
    let screen = play(data, "Esc F8 p");
    assert!(screen.contains("我的 > 设置"), "{screen}");
    assert!(screen.contains("切换账号（演示用户）"), "{screen}");
}

/// An application written by a newer jiaoguan (higher schema_version) is listed but never
/// advanced or rewritten: its bytes stay as they were.
#[test]
fn an_application_from_a_newer_version_opens_read_only() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, "1 1 Enter Space Enter Enter Enter");
    let code = sms_code(data, "ordinary_c1");
    play(data, &format!("1 1 Enter \"{code}\" Enter"));
    let path = fs::read_dir(data.join("applications"))
        .expect("dir")
        .flatten()
        .next()
        .expect("file")
        .path();
    let current = format!("schema_version: {APPLICATION_SCHEMA_VERSION}");
    let next = format!("schema_version: {}", APPLICATION_SCHEMA_VERSION + 1);
    let newer = fs::read_to_string(&path)
        .expect("read")
        .replacen(&current, &next, 1);
    fs::write(&path, &newer).expect("write");
    let screen = play(data, "F9 Enter 4");
    assert!(screen.contains("驾驶证电子版"), "still listed:\n{screen}");
    assert!(screen.contains("民警审核"), "not advanced:\n{screen}");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        newer,
        "never rewritten"
    );
}

/// A choice option whose guard fails is shown disabled with the reason, and cannot be chosen.
/// The business is authored by a trainer in an assets folder, without recompiling.
#[test]
fn a_choice_option_whose_guard_fails_is_disabled_with_the_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let assets = dir.path().join("assets");
    common::write_assets(&assets);
    let flow = fs::read_to_string(assets.join("flows/licence_contact_change.ron"))
        .expect("read")
        .replacen("id: \"licence_contact_change\"", "id: \"training_choice\"", 1)
        .replacen("title: \"变更驾驶证联系方式\"", "title: \"培训选项演示\"", 1)
        .replacen(
            "(id: \"region\", label: \"所在地区\", kind: Region(levels: 3), help: \"依次选择省、市、区县。\"),",
            "(id: \"channel\", label: \"办理方式\", kind: Choice(options: [(value: \"online\", label: \"网上办理\", guard: Some(LicenceNormal)), (value: \"window\", label: \"窗口办理\")])),\n(id: \"region\", label: \"所在地区\", kind: Region(levels: 3), help: \"依次选择省、市、区县。\"),",
            1,
        );
    assert!(
        flow.contains("training_choice") && flow.contains("办理方式"),
        "the fixture edit applied"
    );
    fs::write(assets.join("flows/training_choice.ron"), flow).expect("write");
    let data = dir.path().join("data");
    let flags = [
        "--size",
        "100x40",
        "--assets",
        assets.to_str().expect("utf8"),
    ];
    let run = |keys: &str| common::play_with(&flags, &data, keys);
    // full_points_detained (2nd persona): 网上办理 needs a normal licence.
    let open = "6 1 2 Enter / \"pxxxys\" Enter Enter Space Enter Enter \"13912345678\" Enter";
    let screen = run(open);
    assert!(
        screen.contains("网上办理  不可选：驾驶证状态为「扣留」"),
        "{screen}"
    );
    // The draft resumes on that page: Enter takes the highlighted (first) row, which is refused.
    let screen = run("/ \"pxxxys\" Enter Enter Enter");
    assert!(
        screen.contains("办理方式：「网上办理」不可选"),
        "choosing it is refused:\n{screen}"
    );
    // A digit picks a row, as in every list: 2 is 窗口办理, which may be chosen.
    let screen = run("/ \"pxxxys\" Enter Enter 2 Enter");
    assert!(screen.contains("> 2 窗口办理  已选"), "{screen}");
    assert!(!screen.contains("不可选，"), "{screen}");
}

/// The remaining reusable field kinds (date, session with seats, plate candidates, payment),
/// in a business a trainer writes without recompiling.
#[test]
fn date_session_and_payment_fields_work_in_a_trainer_authored_business() {
    let dir = tempfile::tempdir().expect("dir");
    let assets = dir.path().join("assets");
    common::write_assets(&assets);
    let flow = common::trainer_business(
        "field_kinds_demo",
        "字段演示",
        "驾驶证业务",
        "培训用：演示日期、场次和缴费三种字段。",
        r#"(
        subject: Licence,
        pages: [
            (title: "预约", fields: [
                (id: "day", label: "预约日期", kind: Date(earliest_days: 1, latest_days: 30)),
                (id: "slot", label: "场次", kind: Session(purpose: "welfare")),
            ]),
            (title: "缴费", fields: [
                (id: "fee", label: "缴费", kind: Payment(item: "考试费", amount_yuan: 70)),
            ]),
        ],
        sms_to: AccountPhone,
        stages: [
            (id: "review", title: "审核", kind: PoliceReview(working_days: 1, approve_if: HasLicence),
             on: [(when: Approved, to: "done"), (when: Rejected, to: "done")]),
            (id: "done", title: "办结", kind: Terminal(Done)),
        ],
    )"#,
    );
    fs::write(assets.join("flows/field_kinds_demo.ron"), flow).expect("write");
    // Each run starts from a fresh data folder, so no draft carries over between them.
    let flags = [
        "--size",
        "100x40",
        "--assets",
        assets.to_str().expect("utf8"),
    ];
    let run = |keys: &str| {
        let data = tempfile::tempdir().expect("data");
        common::play_with(&flags, data.path(), keys)
    };
    let open = "/ \"zdys\" Enter Enter Space Enter Enter";
    // A date outside the window is refused, naming the field and the window.
    let screen = run(&format!("{open} \"2026-03-02\" Enter"));
    assert!(
        screen.contains("预约日期：应在 2026-03-03 至 2026-04-01 之间"),
        "{screen}"
    );
    let screen = run(&format!("{open} \"2026-3-x\" Enter"));
    assert!(screen.contains("预约日期：应为 年-月-日 格式"), "{screen}");
    // A full session is shown disabled with the reason, and cannot be taken.
    let screen = run(&format!("{open} \"2026-03-05\" Enter"));
    assert!(
        screen.contains(
            "北京市朝阳区交通安全宣传站  2026-03-03 09:00-10:00  剩余0席  不可选：名额已满"
        ),
        "{screen}"
    );
    let screen = run(&format!("{open} \"2026-03-05\" Enter Enter"));
    assert!(
        screen.contains("场次：「北京市朝阳区交通安全宣传站"),
        "{screen}"
    );
    // The next session is free; then the payment methods.
    let screen = run(&format!("{open} \"2026-03-05\" Enter Down Enter"));
    assert!(screen.contains("第4步/共6步  缴费"), "{screen}");
    assert!(screen.contains("微信支付  考试费 70元"), "{screen}");
    let screen = run(&format!(
        "{open} \"2026-03-05\" Enter Down Enter Down Enter"
    ));
    assert!(screen.contains("确认信息"), "{screen}");
    assert!(screen.contains("预约日期：2026-03-05"), "{screen}");
    assert!(screen.contains("支付宝  考试费 70元"), "{screen}");
}

/// A business about someone else's car asks for the plate on its subject page and finds the
/// car and its owner in the registry; a plate not on file is refused naming the field.
#[test]
fn someone_elses_car_is_found_by_its_plate_on_the_subject_page() {
    let dir = tempfile::tempdir().expect("dir");
    let assets = dir.path().join("assets");
    common::write_assets(&assets);
    let flow = common::trainer_business(
        "other_car_demo",
        "他车演示",
        "机动车业务",
        "培训用：按号牌查询他人名下的机动车。",
        r#"(
        subject: OtherVehicle,
        pages: [],
        sms_to: AccountPhone,
        stages: [(id: "done", title: "办结", kind: Terminal(Done))],
    )"#,
    );
    fs::write(assets.join("flows/other_car_demo.ron"), flow).expect("write");
    let flags = ["--assets", assets.to_str().expect("utf8")];
    let run = |keys: &str| {
        let data = tempfile::tempdir().expect("data");
        common::play_with(&flags, data.path(), keys)
    };
    let open = "/ \"tcys\" Enter Enter Space Enter";
    let screen = run(open);
    assert!(
        screen.contains("第2步/共4步  输入号牌号码或扫码"),
        "{screen}"
    );
    let screen = run(&format!("{open} \"京A12345\" Enter"));
    assert!(
        screen.contains("号牌号码或备案码：未查询到号牌为 京A12345 的机动车"),
        "{screen}"
    );
    let screen = run(&format!("{open} \"苏AD73915\" Enter"));
    assert!(screen.contains("确认信息"), "{screen}");
    assert!(
        screen.contains("苏A D73915  小型新能源汽车  特斯拉牌TSL7000BEVAR0  所有人 吴**"),
        "{screen}"
    );
}

/// A period typed on one page: the end's window counts from the start's answer, a count is a
/// whole number in range, and the page's cross-field check refuses an end before the start;
/// the engine checks the same at 提交.
#[test]
fn a_page_check_refuses_an_end_before_the_start() {
    let dir = tempfile::tempdir().expect("dir");
    let assets = dir.path().join("assets");
    common::write_assets(&assets);
    let flow = common::trainer_business(
        "period_demo",
        "期间演示",
        "驾驶证业务",
        "培训用：起止日期与天数。",
        r#"(
        subject: Licence,
        pages: [
            (title: "期间", check: Some(DatesInOrder("start", "end")), fields: [
                (id: "start", label: "开始日期", kind: Date(earliest_days: 1, latest_days: 30)),
                (id: "end", label: "结束日期", kind: Date(from: Answer("start"), earliest_days: -10, latest_days: 30)),
                (id: "copies", label: "份数", kind: Number(min: 1, max: 3)),
                (id: "city", label: "考试城市", kind: Region(levels: 2)),
            ]),
        ],
        sms_to: AccountPhone,
        stages: [(id: "done", title: "办结", kind: Terminal(Done))],
    )"#,
    );
    fs::write(assets.join("flows/period_demo.ron"), flow).expect("write");
    let flags = ["--assets", assets.to_str().expect("utf8")];
    let run = |keys: &str| {
        let data = tempfile::tempdir().expect("data");
        common::play_with(&flags, data.path(), keys)
    };
    let open = "/ \"qjys\" Enter Enter Space Enter Enter";
    let screen = run(&format!(
        "{open} \"2026-03-10\" Enter \"2026-04-20\" Enter \"2\" Enter"
    ));
    assert!(
        screen.contains("结束日期：应在 2026-02-28 至 2026-04-09 之间"),
        "the end's window counts from the start:\n{screen}"
    );
    let screen = run(&format!(
        "{open} \"2026-03-10\" Enter \"2026-03-09\" Enter \"4\" Enter"
    ));
    assert!(screen.contains("份数：应在1至3之间"), "{screen}");
    let screen = run(&format!(
        "{open} \"2026-03-10\" Enter \"2026-03-09\" Enter \"2\" Enter Enter Enter"
    ));
    assert!(
        screen.contains("结束日期 2026-03-09 早于开始日期 2026-03-10"),
        "{screen}"
    );
    assert!(!screen.contains("确认信息"), "{screen}");
    // A region of two levels is done at the city.
    let screen = run(&format!(
        "{open} \"2026-03-10\" Enter \"2026-03-12\" Enter \"2\" Enter Enter"
    ));
    assert!(screen.contains("考试城市  北京市 > 请选择城市"), "{screen}");
    let screen = run(&format!(
        "{open} \"2026-03-10\" Enter \"2026-03-12\" Enter \"2\" Enter Enter Enter"
    ));
    assert!(screen.contains("确认信息"), "{screen}");
    assert!(screen.contains("份数    ：2"), "{screen}");
    assert!(screen.contains("考试城市：北京市"), "{screen}");
}

/// Several sessions on one field: Space takes or gives back the highlighted one, the page
/// needs exactly the count, a full one cannot be kept, and each booked session takes a seat.
#[test]
fn several_sessions_are_chosen_on_one_field_and_each_takes_a_seat() {
    let dir = tempfile::tempdir().expect("dir");
    let assets = dir.path().join("assets");
    common::write_assets(&assets);
    let flow = common::trainer_business(
        "sessions_demo",
        "多场次演示",
        "学习教育业务",
        "培训用：一次预约两个场次。",
        r#"(
        subject: Licence,
        pages: [(title: "场次", fields: [
            (id: "days", label: "活动场次", kind: Sessions(purpose: "welfare", count: 2)),
        ])],
        sms_to: AccountPhone,
        stages: [
            (id: "review", title: "审核", kind: PoliceReview(working_days: 1, approve_if: HasLicence),
             on: [(when: Approved, to: "done"), (when: Rejected, to: "done")]),
            (id: "done", title: "办结", kind: Terminal(Done)),
        ],
    )"#,
    );
    fs::write(assets.join("flows/sessions_demo.ron"), flow).expect("write");
    let flags = ["--assets", assets.to_str().expect("utf8")];
    let fresh = |keys: &str| {
        let data = tempfile::tempdir().expect("data");
        common::play_with(&flags, data.path(), keys)
    };
    let open = "/ \"dccys\" Enter Enter Space Enter Enter";
    let screen = fresh(&format!("{open} Down Space Enter"));
    assert!(
        screen.contains("活动场次：应选择2个不同的场次，已选1个"),
        "{screen}"
    );
    let screen = fresh(&format!("{open} Space Down Space Enter"));
    assert!(screen.contains("不可选，名额已满"), "{screen}");
    let data = tempfile::tempdir().expect("data");
    let run = |keys: &str| common::play_with(&flags, data.path(), keys);
    let screen = run(&format!("{open} Down Space Down Space Enter"));
    assert!(screen.contains("确认信息"), "{screen}");
    assert!(
        screen.contains("北京市朝阳区交通安全宣传站  2026-03-03 14:00-15:00；北京市海淀区"),
        "{screen}"
    );
    run("/ \"dccys\" Enter Enter Enter");
    let code = common::sms_code(data.path(), "ordinary_c1");
    let screen = run(&format!("/ \"dccys\" Enter Enter \"{code}\" Enter"));
    assert!(screen.contains("已提交"), "{screen}");
    let log = only_application(data.path());
    assert_eq!(log.matches("Claimed(Seat(").count(), 2, "{log}");
}

/// The inbox keeps the number a text went to masked, as 消息 shows it.
#[test]
fn the_inbox_keeps_phone_numbers_masked() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(
        data,
        "1 1 Space Enter Space Enter Enter Enter sms-code Enter Enter F9",
    );
    let inbox = common::inbox_text(data, "ordinary_c1");
    assert!(inbox.contains("验证码"), "{inbox}");
    assert!(inbox.contains("138****7406"), "{inbox}");
    assert!(!inbox.contains("13811527406"), "{inbox}");
}

/// A rejected photo's count check says what it found in the business's words, not "通过".
#[test]
fn the_photo_check_reads_as_what_it_found() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let submit = "1 1 Space Enter Space Enter Enter Enter sms-code Enter Enter";
    let screen = play(data, &format!("{submit} F8 r Down Enter Esc 4 Enter Esc"));
    assert!(
        screen.contains("照片审核未通过 未满3次，可重新提交照片"),
        "{screen}"
    );
    assert!(!screen.contains("照片审核未通过 通过"), "{screen}");
}

/// 驾驶证转入 collected in person offers the offices of the city it moves to, not of the
/// registration city.
#[test]
fn a_transferred_licence_is_collected_in_the_new_city() {
    let dir = tempfile::tempdir().expect("dir");
    let screen = play(
        dir.path(),
        "3 1 3 Space Enter Space Enter Enter 3 Enter 2 Enter Space Enter 1 Enter 1 Enter",
    );
    assert!(screen.contains("自取网点"), "{screen}");
    assert!(
        screen.contains("深圳市公安局交通警察局车辆管理所"),
        "{screen}"
    );
    assert!(!screen.contains("北京市"), "{screen}");
}
