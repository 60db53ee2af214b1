//! The seed's vehicle-document businesses end to end with the real binary, across processes
//! and personas: 备案非本人机动车 with the owner's consent code read in the owner's 消息,
//! 补换领机动车号牌 with its temporary plate, and 免检车申领检验标志 with the new sign; the
//! 机动车 page of each, as snapshots.

use std::path::Path;

mod common;
use common::{inbox_text, play, sms_code};

/// 周婷 (the filer) and 吴海涛 (the owner), signed in from 设置 (the dialog closed).
fn filer() -> String {
    format!("{} Enter", common::sign_in("non_owned_filer"))
}

fn owner() -> String {
    common::sign_in("vehicle_owner")
}

const FILE: &str = "/ \"bafbrjdc\" Enter Enter";

/// The 机动车 page with the `row`-th vehicle selected, as a snapshot's text (the clock and the
/// message count on the top line are the same in every run).
fn vehicle_page(data: &Path, row: usize) -> String {
    let downs = "Down ".repeat(row.saturating_sub(1));
    play(data, &format!("2 {downs}"))
}

#[test]
fn a_wife_files_her_husbands_car_with_the_code_sent_to_his_phone() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, &filer());
    // The plate is typed after its province, picked with Up/Down from her own (苏).
    let screen = play(
        data,
        &format!("{FILE} Space Enter Down \"A5K82M\" Enter 1 Enter Enter"),
    );
    assert!(
        screen.contains("验证码已发送至机动车所有人手机 139****2047"),
        "{screen}"
    );
    assert!(
        !inbox_text(data, "non_owned_filer").contains("有人正在将您的机动车"),
        "the code is not in her 消息"
    );
    // He reads it in his 消息, as a couple would pass the phone across the table.
    play(data, &owner());
    let messages = play(data, "5");
    assert!(
        messages.contains("有人正在将您的机动车办理「备案非本人机动车」"),
        "{messages}"
    );
    let code = sms_code(data, "vehicle_owner");
    play(data, &filer());
    let done = play(data, &format!("{FILE} \"{code}\" Enter"));
    assert!(
        done.contains("备案成功") && done.contains("已办结"),
        "{done}"
    );
    let mine = vehicle_page(data, 2);
    assert!(mine.contains("非本人机动车（所有人 吴海涛）"), "{mine}");
    insta::assert_snapshot!("filer_non_owned_car", mine);
    // The owner sees who filed the car.
    play(data, &owner());
    let his = vehicle_page(data, 1);
    assert!(his.contains("已被 周* 备案为非本人机动车"), "{his}");
}

#[test]
fn a_replacement_plate_comes_with_a_temporary_one_and_an_exempt_car_gets_its_sign() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, &owner());
    let plates = "/ \"bhljdchp\" Enter Enter";
    let screen = play(
        data,
        &format!("{plates} Space Enter Enter 3 Enter 3 Enter 1 Enter 1 Enter Enter"),
    );
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "vehicle_owner");
    play(data, &format!("{plates} \"{code}\" Enter Enter F9"));
    assert!(inbox_text(data, "vehicle_owner").contains("已为您核发临时号牌"));
    let page = vehicle_page(data, 1);
    assert!(page.contains("临时号牌 有效期至 2026-03-17"), "{page}");
    insta::assert_snapshot!("temporary_plate", page);

    let sign = "/ \"mjcsljybz\" Enter Enter";
    let screen = play(data, &format!("{sign} Space Enter Enter Space Enter Enter"));
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "vehicle_owner");
    play(data, &format!("{sign} \"{code}\" Enter Enter F9"));
    let page = vehicle_page(data, 1);
    assert!(page.contains("检验有效期至 2030-04-12"), "{page}");
    assert!(page.contains("电子检验标志 2026-03-0"), "{page}");
    insta::assert_snapshot!("exempt_sign", page);
}

/// 扫码备案: the owner shows the 机动车二维码 (m on 机动车) with its 备案码, and the filer types
/// the code instead of the plate.
#[test]
fn the_code_under_the_owners_qr_finds_the_car() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, &owner());
    let shown = play(data, "2 m");
    let code = shown
        .lines()
        .find_map(|l| l.trim().strip_prefix("备案码 "))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("a 备案码 on:\n{shown}"));
    assert_eq!(code.len(), 8, "{shown}");
    play(data, &filer());
    let screen = play(
        data,
        &format!(
            "{FILE} Space Enter \"{}\" Enter 1 Enter",
            code.to_lowercase()
        ),
    );
    assert!(
        screen.contains("苏A 5K82M  小型汽车  大众汽车牌FV7152BBDBG  所有人 吴**"),
        "{screen}"
    );
}

/// 申请新车临时号牌 for 黄志强's new car: the day chosen, reviewed within a working day, then
/// shown on 机动车 with its validity and the simulator's own number.
#[test]
fn a_new_car_gets_a_temporary_plate_shown_with_its_validity() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, "6 1 3 Enter");
    let open = "/ \"sqxclshp\" Enter Enter";
    let screen = play(
        data,
        &format!("{open} Space Enter Enter \"2026-03-31\" Enter 1 Enter Enter"),
    );
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "new_car_owner");
    play(data, &format!("{open} \"{code}\" Enter Enter F9"));
    let page = vehicle_page(data, 1);
    assert!(
        page.contains("新车临时号牌 有效期至 2026-03-31（模拟编号 临-粤B-"),
        "{page}"
    );
}

/// 机动车转籍申请 for 黄志强's Guangzhou car bought by him in 深圳: 住所迁出 is not offered for a
/// small car (Art.18), the invoice decides the destination, and after three working days the
/// car leaves 粤A with a 30-day temporary plate.
#[test]
fn a_used_car_is_transferred_to_the_city_on_its_invoice() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, "6 1 3 Enter");
    let open = "/ \"jdczjsq\" Enter Enter";
    let types = play(data, &format!("{open} Space Enter Down Enter"));
    assert!(types.contains("住所迁出  不可选"), "{types}");
    // 广东省 is the third province of the picker, 深圳市 its second city.
    let screen = play(data, &format!("{open} 2 Enter 3 Enter 2 Enter Enter"));
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "new_car_owner");
    play(data, &format!("{open} \"{code}\" Enter Enter F9"));
    let page = vehicle_page(data, 2);
    assert!(page.contains("转出（原号牌 粤A27J58 已交回）"), "{page}");
    assert!(page.contains("转籍临时号牌 有效期至"), "{page}");
}

/// 新车选号 for 黄志强's new car: 50 small-NEV candidates of 粤B with the minute counting down,
/// one chosen and kept until the registration, which puts the plate on the car.
#[test]
fn a_new_car_chooses_a_number_and_is_registered_with_it() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, "6 1 3 Enter");
    let open = "/ \"xcxh\" Enter Enter";
    let screen = play(data, &format!("{open} Space Enter Enter 1 Enter Enter"));
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "new_car_owner");
    play(data, &format!("{open} \"{code}\" Enter"));
    let task = play(data, "4 Enter Tab Enter");
    assert!(task.contains("剩余时间 01:00"), "{task}");
    assert!(task.contains("粤B D") || task.contains("粤B F"), "{task}");
    insta::assert_snapshot!("plate_candidates", task);
    let chosen = task
        .lines()
        .find_map(|l| l.trim().strip_prefix("> 1 "))
        .map(|p| p.trim().to_string())
        .unwrap_or_else(|| panic!("a first candidate:\n{task}"));
    play(data, "4 Enter Tab Enter Enter");
    let page = vehicle_page(data, 1);
    assert!(
        page.contains(&format!("已选定号牌号码 {}", chosen.replace(' ', ""))),
        "{chosen}:\n{page}"
    );
    play(data, "4 Enter Tab Enter");
    let home = play(data, "F9");
    assert!(
        home.contains(&format!("{chosen}  小型新能源汽车")),
        "{chosen}:\n{home}"
    );
}

/// 在用车选号 for 吴海涛's car bought in 杭州 and transferred out towards 南京: 苏A candidates,
/// then 转入 in three working days puts the new plate on it.
#[test]
fn a_car_coming_in_from_another_city_gets_a_new_local_number() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, &owner());
    let open = "/ \"zycxh\" Enter Enter";
    let screen = play(data, &format!("{open} Space Enter 3 Enter 1 Enter Enter"));
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "vehicle_owner");
    play(data, &format!("{open} \"{code}\" Enter"));
    let task = play(data, "4 Enter Tab Enter");
    assert!(
        task.contains("剩余时间") && task.contains("> 1 苏A "),
        "{task}"
    );
    play(data, "4 Enter Tab Enter Enter");
    play(data, "4 Enter Tab Enter");
    let progress = play(data, "4 Enter");
    assert!(progress.contains("转入登记审核"), "{progress}");
    play(data, "F9");
    let page = vehicle_page(data, 3);
    assert!(page.contains("号牌号码 苏A "), "{page}");
    assert!(!page.contains("待转入"), "{page}");
}
