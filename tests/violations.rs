//! 违法处理业务 end to end with the real binary, one process per step: the default account finds
//! its camera record in 违法查询, decides it online, pays the fine (late, with the charge of
//! 《行政处罚法》第七十二条), and can then do the 学法减分 the record blocked.

mod common;

use std::fs;
use std::path::Path;

use common::{play, sms_code};

const DEFAULT: &str = "ordinary_c1";

fn profile_file(data: &Path) -> String {
    fs::read_to_string(data.join(format!("profiles/{DEFAULT}.ron"))).expect("profile")
}

fn decide_the_camera_record(data: &Path) -> String {
    common::decide_camera_record(data, DEFAULT)
}

/// 业务中心 > 违法处理业务 > 罚款缴纳 with 微信支付, the code, 提交.
fn pay_the_fine(data: &Path) -> String {
    play(data, "3 4 3 Enter Space Enter Enter Enter Enter");
    let code = sms_code(data, DEFAULT);
    play(data, &format!("3 4 3 Enter \"{code}\" Enter Enter"))
}

#[test]
fn the_query_lists_every_record_with_its_time_place_act_points_and_fine() {
    let dir = tempfile::tempdir().expect("dir");
    let screen = play(dir.path(), "3 4 1");
    assert!(
        screen.contains("违法记录（4条）  未处理 1 条  待缴款 0 条"),
        "{screen}"
    );
    assert!(screen.contains("未处理  2026-02-24 09:48"), "{screen}");
    assert!(
        screen.contains("违法地点 北京市朝阳区阜通东大街"),
        "{screen}"
    );
    assert!(screen.contains("记分 3分    罚款 200元"), "{screen}");
    assert!(screen.contains("采集方式 电子监控（非现场）"), "{screen}");
    // Enter on the undecided record opens the business that deals with it.
    let screen = play(dir.path(), "3 4 1 Enter");
    assert!(screen.contains("电子监控违法处理  业务须知"), "{screen}");
}

#[test]
fn the_default_account_decides_its_record_then_can_reduce_points() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    // Before: 学法减分 is refused for the unhandled record (R163 Art.25).
    let screen = play(data, "1 2 Enter");
    assert!(screen.contains("尚有1条交通违法记录未处理"), "{screen}");
    let screen = play(data, "1");
    assert!(screen.contains("本周期累积记分 3/12"), "{screen}");

    let screen = decide_the_camera_record(data);
    assert!(screen.contains("已办结"), "{screen}");
    let profile = profile_file(data);
    assert!(
        profile.contains("decision_number: Some(\"20260302000001\")"),
        "{profile}"
    );
    // R163 Art.13: the points count from today's decision, listed on today.
    let screen = play(data, "1");
    assert!(screen.contains("本周期累积记分 6/12"), "{screen}");
    assert!(screen.contains("2026-03-02  +3分"), "{screen}");
    let screen = play(data, "3 4 1");
    assert!(
        screen.contains("状态 待缴款：缴款期限至 2026-03-17，今日应缴 200元"),
        "{screen}"
    );

    // 学法减分 now opens: the welfare activity of tomorrow 14:00, signed in and out, the
    // two-day notice, the application, and the point comes off.
    play(
        data,
        "1 2 Enter Space Enter Enter Down Enter Down Enter Enter",
    );
    let code = sms_code(data, DEFAULT);
    let screen = play(data, &format!("1 2 Enter \"{code}\" Enter Enter"));
    assert!(screen.contains("待本人办理：参加公益活动"), "{screen}");
    let screen = play(data, "F9 4 Enter Enter");
    assert!(screen.contains("现场签到成功"), "{screen}");
    let screen = play(data, "F9 4 Enter Enter");
    assert!(screen.contains("现场签退成功"), "{screen}");
    play(data, "F9");
    let screen = play(data, "4 Enter Enter");
    assert!(screen.contains("已办结"), "{screen}");
    assert!(profile_file(data).contains("source: WelfareActivity"));
    let screen = play(data, "1");
    assert!(screen.contains("本周期累积记分 5/12"), "{screen}");
}

#[test]
fn a_fine_paid_after_the_fifteen_days_carries_the_late_charge() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    decide_the_camera_record(data);
    // Twenty days on (F8, `d` a day at a time): 03-22 is 5 days past 03-17, 5 × 6 元.
    let days = vec!["d"; 20].join(" ");
    play(data, &format!("F8 {days}"));
    let screen = play(data, "3 4 1");
    assert!(
        screen.contains("今日应缴 230元（含加处罚款 30元）"),
        "{screen}"
    );
    let screen = play(data, "3 4 3 Enter Space Enter Enter");
    assert!(
        screen.contains("微信支付  罚款（含加处罚款30元） 230元"),
        "{screen}"
    );
    let screen = pay_the_fine(data);
    assert!(screen.contains("已办结"), "{screen}");
    let profile = profile_file(data);
    assert!(profile.contains("paid_fen: Some(23000)"), "{profile}");
    let screen = play(data, "3 4 1");
    assert!(
        screen.contains("违法记录（4条）  未处理 0 条  待缴款 0 条"),
        "{screen}"
    );
    assert!(screen.contains("实缴 230元"), "{screen}");
}
