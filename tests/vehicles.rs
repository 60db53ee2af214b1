//! The three vehicle businesses end to end with the real binary: 变更机动车联系方式, 补领检验合格
//! 标志 and 补换领行驶证 (notice, vehicle, pages, SMS, 提交, review, 办结, the effect on 机动车 and
//! in 网办进度); the 交强险 rule of 补领检验合格标志; a vehicle owned by someone else refused.

use std::fs;
use std::path::Path;

mod common;
use common::{play, sms_code};

/// Runs a business found by `search` with the wizard keys `fill` up to the SMS step, submits
/// it with the code, and lets the review finish; returns the application's final page.
fn carry_through(data: &Path, search: &str, fill: &str) -> String {
    let open = format!("/ \"{search}\" Enter Enter");
    play(data, &format!("{open} Space Enter Enter {fill}"));
    let code = sms_code(data, "ordinary_c1");
    let screen = play(data, &format!("{open} \"{code}\" Enter"));
    assert!(screen.contains("已提交"), "{screen}");
    play(data, "F9 4 Enter")
}

fn profile(data: &Path) -> String {
    fs::read_to_string(data.join("profiles/ordinary_c1.ron")).expect("profile")
}

#[test]
fn a_vehicle_contact_change_files_the_vehicle_and_leaves_the_licence_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let screen = carry_through(
        data,
        "bgjdclxfs",
        "\"13912345678\" Enter Down Enter Enter Down Down Enter \"世纪大道100号\" Enter Enter",
    );
    assert!(
        screen.contains("变更机动车联系方式") && screen.contains("已办结"),
        "{screen}"
    );
    let screen = play(data, "2");
    assert!(
        screen.contains("联系电话 139****5678    联系地址 上海市浦东新区"),
        "{screen}"
    );
    let profile = profile(data);
    assert!(
        profile.contains("phone: \"13811527406\""),
        "the account keeps its phone:\n{profile}"
    );
    assert!(profile.contains("contact: Some("), "{profile}");
    let screen = play(data, "1");
    assert!(
        screen.contains("联系电话 138****7406"),
        "the licence's is unchanged:\n{screen}"
    );
}

#[test]
fn a_lost_inspection_sign_is_reissued_as_an_electronic_one() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let screen = carry_through(data, "bljyhgbz", "Space Enter Enter");
    assert!(
        screen.contains("补领检验合格标志") && screen.contains("已办结"),
        "{screen}"
    );
    let screen = play(data, "2");
    assert!(
        screen.contains("电子检验合格标志 2026-03-03 补领，与纸质标志具有同等效力"),
        "{screen}"
    );
}

/// R164 Art.57: no sign while 交强险 has lapsed; the refusal says so and names the article.
#[test]
fn no_sign_while_the_compulsory_insurance_has_lapsed() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, "");
    let path = data.join("profiles/ordinary_c1.ron");
    let text = profile(data);
    let lapsed = regex_free_replace(&text, "insurance_valid_until: Some(\"", "2026-02-28");
    fs::write(&path, lapsed).expect("write");
    let open = "/ \"bljyhgbz\" Enter Enter";
    play(data, &format!("{open} Space Enter Enter Space Enter Enter"));
    let code = sms_code(data, "ordinary_c1");
    play(data, &format!("{open} \"{code}\" Enter"));
    let screen = play(data, "4 Enter");
    assert!(screen.contains("不予受理"), "{screen}");
    assert!(screen.contains("2026-02-28 到期"), "{screen}");
    assert!(screen.contains("第五十七条"), "{screen}");
    assert!(!profile(data).contains("sign_issued_on: Some("));
}

/// Replaces the date after `marker` (10 characters) with `date`.
fn regex_free_replace(text: &str, marker: &str, date: &str) -> String {
    let at = text.find(marker).expect("marker") + marker.len();
    format!("{}{date}{}", &text[..at], &text[at + 10..])
}

#[test]
fn a_replaced_vehicle_licence_voids_the_old_one() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let screen = carry_through(data, "bhlxsz", "3 Enter 2 Enter 1 Enter Enter");
    assert!(
        screen.contains("补换领行驶证") && screen.contains("已办结"),
        "{screen}"
    );
    assert!(screen.contains("工本费"), "{screen}");
    let screen = play(data, "2");
    assert!(
        screen.contains("行驶证 2026-03-03 补换领，原行驶证作废"),
        "{screen}"
    );
}

/// R164 Art.74(5): a second replacement soon after the first is sent to a window, with the
/// date of the first, and the licence page keeps the first replacement.
#[test]
fn a_second_replacement_soon_after_goes_to_a_window() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    carry_through(data, "bhlxsz", "3 Enter 2 Enter 1 Enter Enter");
    let open = "/ \"bhlxsz\" Enter Enter";
    play(
        data,
        &format!("{open} Space Enter Enter 1 Enter 1 Enter 1 Enter Enter"),
    );
    let code = sms_code(data, "ordinary_c1");
    let screen = play(data, &format!("{open} \"{code}\" Enter"));
    assert!(screen.contains("状态：请到窗口办理"), "{screen}");
    assert!(
        screen.contains("该车行驶证已于 2026-03-03 补换领，180日内再次申请的"),
        "{screen}"
    );
    let inbox = common::inbox_text(data, "ordinary_c1");
    assert!(inbox.contains("需到车管所窗口办理"), "{inbox}");
    let screen = play(data, "2");
    assert!(
        screen.contains("行驶证 2026-03-03 补换领，原行驶证作废"),
        "{screen}"
    );
}

/// A car filed as someone else's (备案非本人机动车) is listed but cannot be chosen.
#[test]
fn a_vehicle_owned_by_someone_else_cannot_be_chosen() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, "6 1 4");
    let screen = play(data, "/ \"bhlxsz\" Enter Enter Space Enter");
    assert!(screen.contains("不可选：该车为非本人机动车"), "{screen}");
    let screen = play(data, "/ \"bhlxsz\" Enter Enter Enter");
    assert!(screen.contains("办理对象：「"), "{screen}");
    assert!(screen.contains("只能由机动车所有人本人办理"), "{screen}");
}
