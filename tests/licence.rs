//! The licence businesses end to end with the real binary, on one data folder across
//! processes: the three 延期 businesses (each offered only to a driver with that duty, the proof
//! reviewed, the licence 延期 until the date with the no-driving warning), 驾驶证补换领 (the
//! sub-types that apply, 自取 or 邮寄, the new card's term and classes) and 驾驶证转入 (the new
//! issuing office).

use std::fs;
use std::path::Path;

mod common;
use common::{play, sms_code};

const OPEN: &str = "/ \"yqhljsz\" Enter Enter";

/// Signs in as 赵* (licence expiring in 45 days) and fills 延期换领驾驶证 up to the SMS step:
/// 出国（境）, a note, the proof in row `proof`, the end date `until`.
fn fill(data: &Path, proof: u8, until: &str) -> String {
    play(data, "6 1 1");
    play(
        data,
        &format!(
            "{OPEN} Space Enter Enter 2 Enter \"在德国工作\" Enter {proof} Enter \"{until}\" Enter Space Enter Enter"
        ),
    )
}

#[test]
fn a_renewal_postponed_marks_the_licence_until_the_date() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let screen = fill(data, 2, "2027-09-01");
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "expiring_soon");
    let screen = play(data, &format!("{OPEN} \"{code}\" Enter Enter F9"));
    assert!(
        screen.contains("延期换领驾驶证") && screen.contains("已办结"),
        "{screen}"
    );
    let profile = fs::read_to_string(data.join("profiles/expiring_soon.ron")).expect("profile");
    assert!(profile.contains("status: Postponed"), "{profile}");
    assert!(
        profile.contains("status_until: Some(\"2027-09-01\")"),
        "{profile}"
    );
    let screen = play(data, "1");
    assert!(screen.contains("状态 延期（至 2027-09-01）"), "{screen}");
    insta::assert_snapshot!("my_licence_postponed", screen);
    assert!(screen.contains("延期期间不得驾驶机动车"), "{screen}");
    let screen = play(data, "");
    assert!(
        screen.contains("延期期间不得驾驶机动车"),
        "the home card:\n{screen}"
    );
    // Postponed already: offered no second time.
    let screen = play(data, OPEN);
    assert!(screen.contains("驾驶证已延期至 2027-09-01"), "{screen}");
}

#[test]
fn a_proof_with_a_defect_is_refused_naming_it() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    fill(data, 3, "2027-09-01");
    let code = sms_code(data, "expiring_soon");
    let screen = play(data, &format!("{OPEN} \"{code}\" Enter Enter F9"));
    assert!(screen.contains("不予受理"), "{screen}");
    assert!(screen.contains("情况说明未经本人签名"), "{screen}");
    let profile = fs::read_to_string(data.join("profiles/expiring_soon.ron")).expect("profile");
    assert!(profile.contains("status: Normal"), "{profile}");
}

#[test]
fn more_than_three_years_is_refused_on_the_date_page() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let screen = fill(data, 2, "2029-03-03");
    assert!(
        screen.contains("延期至：应在 2026-03-03 至 2029-03-02 之间"),
        "{screen}"
    );
}

/// A licence valid for years more is not due for renewal, so not for its postponement either:
/// refused before anything is typed, with the day it opens (R162 Art.63).
#[test]
fn a_licence_not_due_for_renewal_is_refused_with_the_day_it_opens() {
    let dir = tempfile::tempdir().expect("dir");
    let screen = play(dir.path(), OPEN);
    // 张*'s licence is valid until 2032-10-03: 90 days before is 2032-07-05.
    assert!(
        screen.contains("有效期满前90日内方可申请，2032-07-") && screen.contains("05起可办理"),
        "{screen}"
    );
}

/// Carries one 延期 business found by `search` through for persona row `persona` of 设置,
/// with a fit proof; returns 我的驾驶证 afterwards.
fn postpone(data: &Path, profile: &str, search: &str) -> String {
    play(data, &common::sign_in(profile));
    let open = format!("/ \"{search}\" Enter Enter");
    let screen = play(
        data,
        &format!(
            "{open} Space Enter Enter 1 Enter \"服兵役\" Enter 1 Enter \"2028-03-01\" Enter Space Enter Enter"
        ),
    );
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, profile);
    let screen = play(data, &format!("{open} \"{code}\" Enter Enter F9"));
    assert!(screen.contains("已办结"), "{screen}");
    play(data, "1")
}

/// 第七十四条: a driver of 70 or more postpones the yearly body certificate.
#[test]
fn a_driver_over_seventy_postpones_the_body_certificate() {
    let dir = tempfile::tempdir().expect("dir");
    let screen = postpone(dir.path(), "veteran_c1", "yqtjstzm");
    assert!(screen.contains("状态 延期（至 2028-03-01）"), "{screen}");
}

/// 第七十二条: an A2 driver with points this cycle postpones the review.
#[test]
fn a_large_class_driver_with_points_postpones_the_review() {
    let dir = tempfile::tempdir().expect("dir");
    let screen = postpone(dir.path(), "truck_a2", "yqjszsy");
    assert!(screen.contains("状态 延期（至 2028-03-01）"), "{screen}");
}

/// A driver without the duty is refused before typing, naming the article.
#[test]
fn a_driver_without_the_duty_is_not_offered_the_postponement() {
    let dir = tempfile::tempdir().expect("dir");
    let screen = play(dir.path(), "/ \"yqtjstzm\" Enter Enter");
    assert!(screen.contains("年满70周岁或持C5驾驶证"), "{screen}");
    let screen = play(dir.path(), "/ \"yqjszsy\" Enter Enter");
    assert!(
        screen.contains("须审验的驾驶人才可申请延期审验"),
        "{screen}"
    );
}

const REPLACE: &str = "/ \"jszbhl\" Enter Enter";

/// 期满换证 by post for 赵* (expiring in 45 days, examined 10 days ago): review, the card
/// made and posted, then the profile carries the next term (a clean ten-year term becomes
/// 长期, R162 Art.62), the e-licence cleared and the old card void.
#[test]
fn a_renewal_by_post_gives_the_next_term_and_voids_the_old_card() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, "6 1 1");
    let screen = play(
        data,
        &format!(
            "{REPLACE} Space Enter Enter 1 Enter 1 Enter 2 Enter 1 Enter \"赵敏\" Enter \"13512342613\" Enter Enter Enter Enter \"翠苑一区5幢301室\" Enter Space Enter Enter"
        ),
    );
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "expiring_soon");
    play(data, &format!("{REPLACE} \"{code}\" Enter Enter F9 F9"));
    let inbox = common::inbox_text(data, "expiring_soon");
    assert!(inbox.contains("新驾驶证已制作完成并寄出"), "{inbox}");
    let screen = play(data, "F9");
    assert!(
        screen.contains("您的驾驶证已期满换证"),
        "the 办结 SMS:\n{screen}"
    );
    let profile = fs::read_to_string(data.join("profiles/expiring_soon.ron")).expect("profile");
    assert!(profile.contains("valid_from: \"2026-04-16\""), "{profile}");
    assert!(profile.contains("valid_until: None"), "{profile}");
    assert!(profile.contains("e_licence: None"), "{profile}");
    let screen = play(data, "1");
    assert!(screen.contains("有效期限 2026-04-16 至 长期"), "{screen}");
    assert!(screen.contains("原驾驶证作废"), "{screen}");
}

/// The sub-type page offers what applies and says why the rest does not.
#[test]
fn the_sub_types_that_do_not_apply_are_shown_with_the_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    // The default account's camera record must be decided first: 补换领 waits for it.
    let screen = play(data, REPLACE);
    assert!(screen.contains("尚有1条交通违法记录未处理"), "{screen}");
    common::decide_camera_record(data, "ordinary_c1");
    let screen = play(data, &format!("{REPLACE} Space Enter Enter"));
    assert!(
        screen.contains("期满换证  不可选：有效期满前90日内方可申请，2032-07-05起可办理"),
        "{screen}"
    );
    play(data, "6 1 2");
    let screen = play(data, &format!("{REPLACE} Space Enter Enter"));
    assert!(
        screen.contains("遗失补领  不可选：驾驶证被扣留期间不能申请补领"),
        "the detained driver (R162 Art.69):\n{screen}"
    );
    // 孙* is within the 90 days but has not been examined: sent to a 体检网点 first.
    play(data, &common::sign_in("voyager_c1"));
    let screen = play(data, &format!("{REPLACE} Space Enter Enter"));
    assert!(
        screen.contains(
            "期满换证  不可选：未查询到体检网点上传的身体条件证明，请先到就近医疗机构体检网点"
        ),
        "{screen}"
    );
}

/// 自愿降级 (R162 Art.65): the A2 driver gives up A2 for C1 without a body certificate,
/// collecting the new card at the office.
#[test]
fn a_voluntary_downgrade_gives_c1_for_a2() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, "6 1 8");
    play(
        data,
        &format!(
            "{REPLACE} Space Enter Enter 6 Enter 1 Enter 1 Enter 1 Enter 1 Enter Space Enter Enter"
        ),
    );
    let code = sms_code(data, "truck_a2");
    play(data, &format!("{REPLACE} \"{code}\" Enter Enter F9 F9"));
    let screen = play(data, "4 Enter");
    assert!(screen.contains("到车管所领取新证"), "{screen}");
    assert!(
        screen.contains("领取网点") && screen.contains("车辆管理所"),
        "the service point chosen for 自取:\n{screen}"
    );
    let screen = play(data, "4 Enter Enter Enter");
    assert!(screen.contains("已办结"), "{screen}");
    let profile = fs::read_to_string(data.join("profiles/truck_a2.ron")).expect("profile");
    assert!(profile.contains("classes: \"C1\""), "{profile}");
    // R162 Art.83: a second replacement so soon goes to a window, with the first one's date.
    play(
        data,
        &format!(
            "{REPLACE} Space Enter Enter 2 Enter 1 Enter 1 Enter 1 Enter 1 Enter Space Enter Enter"
        ),
    );
    let code = sms_code(data, "truck_a2");
    let screen = play(data, &format!("{REPLACE} \"{code}\" Enter"));
    assert!(screen.contains("状态：请到窗口办理"), "{screen}");
    assert!(screen.contains("180日内再次申请的"), "{screen}");
}

/// 驾驶证转入 (R162 Art.64): not to the issuing city; to 深圳 the new card carries 深圳's office
/// and the e-licence must be applied for again.
#[test]
fn a_transfer_in_changes_the_issuing_office() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let open = "/ \"jszzr\" Enter Enter";
    let screen = play(data, &format!("{open} Space Enter Enter Enter Enter"));
    assert!(
        screen.contains("驾驶证由北京市公安局公安交通管理局核发，转入地不能是原核发地"),
        "{screen}"
    );
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(
        data,
        &format!(
            "{open} Space Enter Enter Down Down Enter Down Enter Space Enter 1 Enter 1 Enter 1 Enter Enter"
        ),
    );
    let code = sms_code(data, "ordinary_c1");
    play(data, &format!("{open} \"{code}\" Enter Enter F9 F9"));
    let screen = play(data, "4 Enter Enter Enter");
    assert!(screen.contains("已办结"), "{screen}");
    let profile = fs::read_to_string(data.join("profiles/ordinary_c1.ron")).expect("profile");
    assert!(
        profile.contains("issuing_authority: \"深圳市公安局交通警察支队\""),
        "{profile}"
    );
    let screen = play(data, "1");
    assert!(
        screen.contains("发证机关 深圳市公安局交通警察支队"),
        "{screen}"
    );
}

/// 超龄降级 (R162 Art.65, R172): 何** (64, A2) gives up A2 for C1; a cancelled licence is not
/// replaced at all, and says how it is restored.
#[test]
fn an_age_downgrade_and_a_cancelled_licence() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, &common::sign_in("veteran_hgv"));
    play(
        data,
        &format!(
            "{REPLACE} Space Enter Enter 5 Enter 1 Enter 2 Enter 1 Enter \"何永强\" Enter \"13922867405\" Enter Down Down Enter Enter Enter \"天河北路388号\" Enter Space Enter Enter"
        ),
    );
    let code = sms_code(data, "veteran_hgv");
    play(data, &format!("{REPLACE} \"{code}\" Enter Enter F9 F9 F9"));
    let profile = fs::read_to_string(data.join("profiles/veteran_hgv.ron")).expect("profile");
    assert!(profile.contains("classes: \"C1\""), "{profile}");
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, &common::sign_in("voided_c1"));
    let screen = play(data, REPLACE);
    assert!(screen.contains("驾驶证已注销，不能补换领"), "{screen}");
}

/// R162 Art.70: 期满换证 outside the issuing place, with 转入 in the same application: the
/// new card has the next term and 深圳's office.
#[test]
fn a_renewal_with_transfer_in_changes_both_term_and_office() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, "6 1 1");
    play(
        data,
        &format!(
            "{REPLACE} Space Enter Enter 1 Enter 2 Enter Down Down Enter Down Enter 1 Enter 1 Enter 1 Enter Space Enter Enter"
        ),
    );
    let code = sms_code(data, "expiring_soon");
    play(data, &format!("{REPLACE} \"{code}\" Enter Enter F9 F9"));
    let screen = play(data, "4 Enter Enter Enter");
    assert!(screen.contains("已办结"), "{screen}");
    let screen = play(data, "1");
    assert!(screen.contains("有效期限 2026-04-16 至 长期"), "{screen}");
    assert!(
        screen.contains("发证机关 深圳市公安局交通警察支队"),
        "{screen}"
    );
}

/// 工本费 as the applicant's city charges it: the config's table, read by the payment field.
#[test]
fn the_fee_is_the_applicants_citys_from_the_config() {
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join("config.ron");
    fs::write(&config, "(fees: {\"工本费\": {\"杭州市\": 8}})").expect("config");
    let data = dir.path().join("data");
    let flags = ["--config", config.to_str().expect("utf8")];
    common::play_with(&flags, &data, "6 1 1");
    let screen = common::play_with(
        &flags,
        &data,
        &format!("{REPLACE} Space Enter Enter 1 Enter 1 Enter"),
    );
    assert!(screen.contains("微信支付  工本费 8元"), "{screen}");
    // 张* (北京市) is not in this table: the business file's amount. Its camera record is
    // decided first: 补换领 waits for it.
    let data = dir.path().join("other");
    common::decide_camera_record(&data, "ordinary_c1");
    let screen = common::play_with(
        &flags,
        &data,
        &format!("{REPLACE} Space Enter Enter 2 Enter 1 Enter"),
    );
    assert!(screen.contains("微信支付  工本费 10元"), "{screen}");
}

/// With the e-licence issued, 相关业务 has one more row (出示电子驾驶证): the list is as tall as
/// its rows allow, and the last one, when highlighted, is on screen.
#[test]
fn the_related_list_scrolls_to_its_last_row_with_the_e_licence_shown() {
    let dir = tempfile::tempdir().expect("dir");
    let screen = common::play_with(
        &["--size", "80x24"],
        dir.path(),
        "1 1 Space Enter Space Enter Enter Enter sms-code Enter Enter F9 Esc Esc Esc 1 End",
    );
    assert!(screen.contains("出示电子驾驶证"), "{screen}");
    let last = screen.lines().rev().nth(1).unwrap_or_default().to_string();
    assert!(
        last.starts_with(" > "),
        "the highlighted row shows: {screen}"
    );
}
