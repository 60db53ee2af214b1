//! 驾驶人审验 end to end with the real binary, one process per step: 网络教育 over three days
//! with a day short of its hour (R162 Art.72-73; the seed's three days and one hour a day),
//! the police review of the hours, and 现场教育 for a driver the local rule keeps on site.

mod common;

use std::fs;
use std::path::Path;

use common::{play_with, sign_in, sms_code};

/// Face checks during study come at random moments; with none, a script can study exactly the
/// minutes it means to (the 实人认证 before each session still runs).
const NO_STUDY_CHECKS: &str = "(engine: (study_face_checks: 0))";

fn run(data: &Path, config: &Path, keys: &str) -> String {
    play_with(
        &[
            "--seed",
            "11",
            "--size",
            "100x30",
            "--config",
            config.to_str().expect("utf8"),
        ],
        data,
        keys,
    )
}

/// The trainer console's `t` (ten minutes on) `n` times, then back.
fn minutes(n: usize) -> String {
    format!("F8 {} Esc", vec!["t"; n / 10].join(" "))
}

/// 业务中心 > 学习教育业务 > 驾驶人审验 with `pages` (the keys after the notice), the code, 提交.
fn submit(data: &Path, config: &Path, persona: &str, pages: &str) -> String {
    run(
        data,
        config,
        &format!("3 3 3 Enter Space Enter Enter {pages}"),
    );
    let code = sms_code(data, persona);
    run(data, config, &format!("3 3 3 Enter \"{code}\" Enter Enter"))
}

#[test]
fn online_education_counts_only_days_with_an_hour_and_passes_after_the_review() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let config = dir.path().join("config.ron");
    fs::write(&config, NO_STUDY_CHECKS).expect("config");
    run(&data, &config, &sign_in("van_driver_b2"));
    let screen = run(&data, &config, "1");
    assert!(
        screen.contains("须审验：上一记分周期 2025-02-20 至 2026-02-19"),
        "{screen}"
    );
    assert!(
        screen.contains("2026-03-21 前办理【驾驶人审验】"),
        "{screen}"
    );

    // 网络教育 (7 points: allowed), the declaration, 提交.
    let screen = submit(&data, &config, "van_driver_b2", "Enter Space Enter Enter");
    assert!(screen.contains("待本人办理：网络教育"), "{screen}");

    // Day 1, Monday 03-02: 90 minutes from 09:00.
    let study = "4 Enter Enter Enter";
    let screen = run(&data, &config, &format!("{study} {}", minutes(90)));
    assert!(
        screen.contains("学习期限：2026-03-04 24:00 前累计学满，每日至少1小时"),
        "{screen}"
    );
    assert!(
        screen.contains("03-02  已学 1小时30分00秒  计入"),
        "{screen}"
    );
    // Day 2: 40 minutes, short of the hour, so the day does not count.
    let screen = run(&data, &config, &format!("F8 d Esc {study} {}", minutes(40)));
    assert!(
        screen.contains("03-03  已学 40分00秒  不足每日最低学时，当日不计入"),
        "{screen}"
    );
    assert!(screen.contains("1小时30分00秒 / 3小时"), "{screen}");
    // Day 3: another 90 minutes make the 3 hours of the days that count.
    let screen = run(&data, &config, &format!("F8 d Esc {study} {}", minutes(90)));
    assert!(screen.contains("3小时00分00秒 / 3小时"), "{screen}");
    assert!(
        screen.contains("按 Enter 提交学习，然后进行「学时审核」"),
        "{screen}"
    );
    let screen = run(&data, &config, study);
    assert!(screen.contains("办理中：学时审核"), "{screen}");

    // The review of the hours: three working days, Wednesday 03-04 to Monday 03-09.
    let screen = run(&data, &config, "F9 4 Enter");
    assert!(screen.contains("已办结"), "{screen}");
    assert!(screen.contains("2026-03-09 17:00"), "{screen}");
    let profile = fs::read_to_string(data.join("profiles/van_driver_b2.ron")).expect("profile");
    assert!(profile.contains("\"2026-02-19\""), "{profile}");
    let screen = run(&data, &config, "1");
    assert!(
        screen.contains("审验 截至 2026-02-19 的记分周期已审验合格"),
        "{screen}"
    );
    assert!(!screen.contains("须审验"), "{screen}");
}

#[test]
fn ten_points_keep_the_education_on_site_in_the_city_chosen() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let config = dir.path().join("config.ron");
    fs::write(&config, "()").expect("config");
    run(&data, &config, &sign_in("wagon_driver_a2"));
    // 网络教育 is offered disabled, with the rule that closes it.
    let screen = run(&data, &config, "3 3 3 Enter Space Enter Enter");
    assert!(
        screen.contains("不可选：上一记分周期记10分，记分9分及以上的须参加现场教育"),
        "{screen}"
    );
    // 现场教育 in 北京市, the declaration, the sessions of that city.
    let screen = run(
        &data,
        &config,
        "3 3 3 Enter Down Enter Enter Enter Space Enter",
    );
    assert!(
        screen.contains("车管所审验教育室  2026-03-04 09:00-12:30  剩余28席"),
        "{screen}"
    );
    assert!(!screen.contains("广州市"), "{screen}");
    run(&data, &config, "3 3 3 Enter Enter Enter");
    let code = sms_code(&data, "wagon_driver_a2");
    let screen = run(
        &data,
        &config,
        &format!("3 3 3 Enter \"{code}\" Enter Enter"),
    );
    assert!(screen.contains("待本人办理：参加现场教育"), "{screen}");
    // F9 to 08:30 when 签到 opens, then to 12:30 for 签退.
    let screen = run(&data, &config, "F9 4 Enter Enter");
    assert!(screen.contains("现场签到成功"), "{screen}");
    let screen = run(&data, &config, "F9 4 Enter Enter");
    assert!(screen.contains("现场签退成功"), "{screen}");
    assert!(screen.contains("已办结"), "{screen}");
    let screen = run(&data, &config, "1");
    assert!(
        screen.contains("审验 截至 2026-02-24 的记分周期已审验合格"),
        "{screen}"
    );
}

/// The older local rule keeps only A/B drivers of 9 to 11 points, school-bus and fatal-accident
/// drivers on site: under it the same ten points still do, and seven would not.
#[test]
fn the_local_rule_is_a_setting() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let config = dir.path().join("config.ron");
    fs::write(
        &config,
        "(education: (review_on_site: LargeClassNineToEleven))",
    )
    .expect("config");
    run(&data, &config, &sign_in("wagon_driver_a2"));
    let screen = run(&data, &config, "3 3 3 Enter Space Enter Enter");
    assert!(
        screen.contains("大中型客货车驾驶人上一记分周期记10分（9至11分），只能申请现场教育"),
        "{screen}"
    );
}

/// Past the 30 days the review is overdue: 我的驾驶证 says so, and 学法减分 names it among its
/// refusals (R163 Art.26(3)).
#[test]
fn an_overdue_review_shows_on_my_licence_and_bars_points_reduction() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let config = dir.path().join("config.ron");
    fs::write(&config, "()").expect("config");
    run(&data, &config, &sign_in("van_driver_b2"));
    let days = vec!["d"; 20].join(" ");
    run(&data, &config, &format!("F8 {days} Esc"));
    let screen = run(&data, &config, "1");
    assert!(screen.contains("状态 逾期未审验"), "{screen}");
    assert!(screen.contains("逾期未审验：上一记分周期"), "{screen}");
    assert!(screen.contains("2026-03-21 前审验"), "{screen}");
    let screen = run(&data, &config, "1 2 Enter");
    assert!(screen.contains("第二十六条第三项"), "{screen}");
}

/// A driver of 70 or more owing a review is sent to a window for the memory, judgement and
/// reaction tests (R162 Art.73 para 3), which the simulator does not give, rather than passing
/// without them.
#[test]
fn a_driver_of_seventy_is_sent_to_a_window_for_the_ability_tests() {
    use common::engine::{answers, at, persona, setup, stage};
    use jiaoguan::domain::id_number::IdNumber;
    use jiaoguan::engine::step::{Command, create};
    let s = setup();
    let mut profile = persona("van_driver_b2");
    profile.id_number = IdNumber::parse("11010819520514031X").expect("id");
    let now = at(2026, 3, 2, 9);
    let flow = s.flow("driver_review_education");
    let mut app = create("20260302000001", flow, &profile.id, now);
    let given = answers(&[("method", "online"), ("health", "yes")]);
    s.run(
        &mut app,
        &profile,
        Command::Submit { answers: given },
        "submit",
        now,
    );
    assert_eq!(stage(&app), "ability_test");
    // The last SMS sent is the window's.
    let kinds: Vec<_> = app.events.iter().rev().map(|e| e.kind.clone()).collect();
    let sms = common::engine::sms_text(&kinds);
    assert!(sms.contains("记忆力、判断力、反应力测试"), "{sms}");
}
