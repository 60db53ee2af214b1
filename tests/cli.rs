//! End-to-end runs of the real binary: `menu`, `check`, `play`, config and data-folder handling.

use std::fs;
use std::path::Path;

mod common;
use common::{jiaoguan, stderr, stdout, write_assets};

/// The 22 businesses of the seed (and 驾驶证转入, reached from 驾驶证补换领), at the seed's paths.
const SEED_PATHS: &[&str] = &[
    "我的驾驶证 > 驾驶证电子版",
    "业务中心 > 驾驶证业务 > 驾驶证电子版",
    "业务中心 > 驾驶证业务 > 驾驶证补换领",
    "业务中心 > 驾驶证业务 > 驾驶证转入",
    "业务中心 > 机动车业务 > 补换领机动车号牌",
    "业务中心 > 学习教育业务 > 学法减分",
    "业务中心 > 学习教育业务 > 满分学习考试",
    "业务中心 > 学习教育业务 > 驾驶人审验",
    "业务中心 > 机动车业务 > 补换领行驶证",
    "业务中心 > 机动车业务 > 补领检验合格标志",
    "业务中心 > 机动车业务 > 免检车申领检验标志",
    "业务中心 > 机动车业务 > 备案非本人机动车",
    "业务中心 > 机动车业务 > 变更机动车联系方式",
    "业务中心 > 机动车业务 > 新车选号",
    "业务中心 > 机动车业务 > 在用车选号",
    "业务中心 > 机动车业务 > 机动车转籍申请",
    "业务中心 > 机动车业务 > 申请新车临时号牌",
    "业务中心 > 驾驶证业务 > 预约考试",
    "业务中心 > 驾驶证业务 > 取消考试预约",
    "业务中心 > 驾驶证业务 > 考试费缴纳",
    "业务中心 > 驾驶证业务 > 延期换领驾驶证",
    "业务中心 > 驾驶证业务 > 延期提交身体证明",
    "业务中心 > 驾驶证业务 > 延期驾驶证审验",
    "业务中心 > 驾驶证业务 > 变更驾驶证联系方式",
];

#[test]
fn menu_lists_every_seed_business_at_its_path() {
    let output = jiaoguan(&["menu"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    for path in SEED_PATHS {
        assert!(lines.contains(path), "{path} missing from menu:\n{text}");
    }
    for surface in [
        "首页",
        "我的驾驶证",
        "机动车",
        "业务中心",
        "网办进度",
        "消息",
        "我的",
        "我的 > 设置",
    ] {
        assert!(lines.contains(&surface), "{surface} missing");
    }
    for path in [
        "业务中心 > 违法处理业务 > 违法查询",
        "业务中心 > 违法处理业务 > 电子监控违法处理",
        "业务中心 > 违法处理业务 > 罚款缴纳",
    ] {
        assert!(lines.contains(&path), "{path} missing:\n{text}");
    }
    assert!(
        lines.contains(&"业务中心 > 事故处理业务 > 快处快赔（暂未开放）"),
        "{text}"
    );
}

#[test]
fn every_seed_business_opens_its_notice_page_through_the_menus() {
    // Walk each path by typing the entries' positions, read from `jiaoguan menu`'s order.
    let menu = stdout(&jiaoguan(&["menu"]));
    let lines: Vec<&str> = menu.lines().collect();
    let position = |path: &str| -> usize {
        let (parent, _) = path.rsplit_once(" > ").unwrap_or(("", path));
        let depth = path.matches(" > ").count();
        let siblings: Vec<&&str> = lines
            .iter()
            .filter(|l| {
                l.matches(" > ").count() == depth
                    && (depth == 0 || l.starts_with(&format!("{parent} > ")))
            })
            .collect();
        siblings.iter().position(|l| **l == path).expect("in menu")
    };
    for path in SEED_PATHS.iter().filter(|p| p.starts_with("业务中心")) {
        let parts: Vec<&str> = path.split(" > ").collect();
        let mut keys = vec!["3".to_string()];
        for depth in 2..=parts.len() {
            let prefix = parts[..depth].join(" > ");
            let index = position(&prefix);
            keys.push(if index < 9 {
                (index + 1).to_string()
            } else {
                format!("{}", index + 1)
            });
        }
        // Entries past the 9th are reached with End/Up instead of a digit.
        let script: Vec<String> = keys
            .iter()
            .map(|k| {
                if k.len() > 1 {
                    format!(
                        "Home {}Enter",
                        "Down ".repeat(k.parse::<usize>().expect("n") - 1)
                    )
                } else {
                    k.clone()
                }
            })
            .collect();
        let output = jiaoguan(&["play", "--size", "120x40", "--keys", &script.join(" ")]);
        let screen = stdout(&output);
        assert!(
            screen.contains(&format!("{path}  ")) || screen.contains(path),
            "{path} not reached with {script:?}:\n{screen}"
        );
        assert!(
            screen.contains("业务须知") && screen.contains("申请条件"),
            "{path}: no notice page:\n{screen}"
        );
    }
}

#[test]
fn play_is_deterministic_and_never_touches_user_data() {
    let script = "3 2 1 Down Down";
    let a = jiaoguan(&["play", "--seed", "5", "--keys", script]);
    let b = jiaoguan(&["play", "--seed", "5", "--keys", script]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&b));
    assert_eq!(stdout(&a).lines().count(), 30, "default size is 100x30");
}

#[test]
fn a_malformed_script_exits_2_naming_the_token() {
    let output = jiaoguan(&["play", "--keys", "Down Dwn Enter"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("Dwn"), "{}", stderr(&output));
}

#[test]
fn play_honours_size() {
    let output = jiaoguan(&["play", "--size", "60x20", "--keys", ""]);
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 20);
    assert!(text.contains("首页"));
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn check_passes_on_the_shipped_assets() {
    let output = jiaoguan(&["check"]);
    assert!(output.status.success(), "{}", stdout(&output));
    let dir = tempfile::tempdir().expect("dir");
    write_assets(dir.path());
    let output = jiaoguan(&["check", "--assets", dir.path().to_str().expect("utf8")]);
    assert!(output.status.success(), "{}", stdout(&output));
}

/// One broken copy of the assets per kind of error; each must be reported as `file: message`.
#[test]
fn check_reports_each_kind_of_error_with_its_file() {
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "flows/new_car_plate_selection.ron",
            "order:",
            "ordr:",
            "ordr",
        ),
        (
            "flows/new_car_plate_selection.ron",
            "id: \"new_car_plate_selection\"",
            "id: \"new_car\"",
            "文件名",
        ),
        (
            "flows/new_car_plate_selection.ron",
            "[\"业务中心\", \"机动车业务\"]",
            "[\"业务中心\", \"机动车业务二\"]",
            "菜单路径",
        ),
        (
            "flows/licence_replacement.ron",
            "\"licence_transfer_in\"",
            "\"no_such_business\"",
            "no_such_business",
        ),
        (
            "flows/exam_booking.ron",
            "title: \"预约考试\"",
            "title: \"预约考试…\"",
            "U+2026",
        ),
        (
            "flows/exam_fee_payment.ron",
            "duration: \"",
            "duration: \"  \" , tips_x: \"",
            "tips_x",
        ),
        (
            "demo/personas/ordinary_c1.ron",
            "id_number: \"",
            "id_number: \"9",
            "身份",
        ),
        // The stages and fields of a process.
        (
            "flows/e_licence.ron",
            "kind: SystemCheck(LicenceNormal)",
            "kind: SystemCheck(LicenseNormal)",
            "LicenseNormal",
        ),
        (
            "flows/e_licence.ron",
            "IssueELicence,",
            "IssueLicence,",
            "IssueLicence",
        ),
        (
            "flows/e_licence.ron",
            "kind: Photo,",
            "kind: Picture,",
            "Picture",
        ),
        (
            "flows/e_licence.ron",
            "(when: Fail, to: \"refused\")",
            "(when: Fail, to: \"refusd\")",
            "refusd",
        ),
        (
            "flows/e_licence.ron",
            ", (when: Fail, to: \"face_failed\")",
            "",
            "Fail",
        ),
        (
            "flows/e_licence.ron",
            "(when: Fail, to: \"to_window\")",
            "(when: Fail, to: \"refused\")",
            "to_window 无法到达",
        ),
        (
            "flows/e_licence.ron",
            "title: \"民警审核\"",
            "title: \"民警审核\u{2026}\"",
            "U+2026",
        ),
        (
            "flows/licence_contact_change.ron",
            "(when: Approved, to: \"done\"), (when: Rejected, to: \"refused\")",
            "(when: Approved, to: \"review\"), (when: Rejected, to: \"review\")",
            "无法走到办结或终止",
        ),
        (
            "flows/points_reduction_study.ron",
            "(when: Pass, to: \"study\"),",
            "(when: Pass, if: Some(AnswerIs(\"method\", \"online\")), to: \"study\"),",
            "不带 if 条件",
        ),
        (
            "flows/points_reduction_study.ron",
            "Study(minutes: 30, within_days: 3)",
            "Study(minutes: 30, within_days: 0)",
            "超出范围",
        ),
        (
            "flows/points_reduction_study.ron",
            "session_field: \"session\",",
            "session_field: \"method\",",
            "不是预约场次字段",
        ),
        (
            "flows/points_reduction_study.ron",
            "pass_percent: 90,",
            "pass_percent: 0,",
            "超出范围",
        ),
        // A task stage's fields are checked as a page's.
        (
            "flows/e_licence.ron",
            "label: \"新照片\",",
            "label: \" \",",
            "缺少文字：字段 photo 的 label",
        ),
        // Each guard and effect reads what it declares.
        (
            "flows/licence_contact_change.ron",
            "subject: Licence,",
            "subject: Vehicle(Registered),",
            "ApplyContactChange 只能用于办理对象为 Licence 的业务",
        ),
        (
            "flows/licence_contact_change.ron",
            "id: \"phone\",",
            "id: \"mobile\",",
            "ApplyContactChange 需要手机号码字段 phone",
        ),
        (
            "flows/e_licence.ron",
            "subject: Licence,",
            "subject: Vehicle(Registered),",
            "IssueELicence 只能用于办理对象为 Licence 的业务",
        ),
        (
            "flows/points_reduction_study.ron",
            "if: Some(AnswerIs(\"method\", \"welfare\"))",
            "if: Some(AnswerIs(\"way\", \"welfare\"))",
            "AnswerIs 引用的字段 way 不存在",
        ),
        (
            "flows/points_reduction_study.ron",
            "if: Some(AnswerIs(\"method\", \"welfare\"))",
            "if: Some(AnswerIs(\"method\", \"bicycle\"))",
            "AnswerIs 比较的值 bicycle 不是字段 method 的选项",
        ),
        (
            "flows/points_reduction_study.ron",
            "pass_percent: 90,",
            "",
            "pass_percent",
        ),
        (
            "flows/vehicle_contact_change.ron",
            "ApplyVehicleContactChange,",
            "ApplyContactChange,",
            "ApplyContactChange 只能用于办理对象为 Licence 的业务",
        ),
        (
            "flows/vehicle_contact_change.ron",
            "id: \"phone\",",
            "id: \"mobile\",",
            "ApplyVehicleContactChange 需要手机号码字段 phone",
        ),
        // A subject that is another application names a business and a stage that exist.
        (
            "flows/vehicle_contact_change.ron",
            "subject: Vehicle(Registered),",
            "subject: Application(flow: \"e_licence\", stages: [\"reviewing\"]),",
            "办理对象引用的阶段 reviewing 不是业务 e_licence 的阶段",
        ),
        // Plate candidates are the engine's, drawn after 提交 for a vehicle.
        (
            "flows/vehicle_licence_replacement.ron",
            "kind: Payment(item: \"工本费\", amount_yuan: 10)",
            "kind: PlateNumber(candidates: 5)",
            "只能放在 UserTask 阶段的任务页中",
        ),
        // An attachment names an album of the reference data.
        (
            "flows/vehicle_licence_replacement.ron",
            "kind: Payment(item: \"工本费\", amount_yuan: 10)",
            "kind: Attachment(album: \"receipts\")",
            "引用的材料相册 receipts 不存在",
        ),
        // A stage whose effects can fail says where the application goes when they do.
        (
            "flows/e_licence.ron",
            "on: [(when: EffectFailed, to: \"refused\")],",
            "",
            "阶段 issued 没有结果 EffectFailed 的去向",
        ),
        // A business that tells another application names a stage that listens for it.
        (
            "flows/exam_fee_payment.ron",
            "stages: [\"allocated\"]",
            "stages: [\"queued\"]",
            "Tell(Done) 告知业务 exam_booking 的阶段 queued，但该阶段的 told 没有列出 Done",
        ),
        // An exam plan is published at least ten days ahead (R162 Art.52).
        (
            "demo/sessions.ron",
            "published_days: 14, allocated_days_before: 3),\n    (id: \"bj-ck\"",
            "published_days: 7, allocated_days_before: 3),\n    (id: \"bj-ck\"",
            "考试计划应至少提前10日公布",
        ),
        (
            "flows/licence_contact_change.ron",
            "sms_to: Field(\"phone\")",
            "sms_to: Field(\"mobile\")",
            "mobile",
        ),
        (
            "flows/licence_contact_change.ron",
            "id: \"address_detail\"",
            "id: \"phone\"",
            "字段 phone 重复",
        ),
        (
            "flows/driver_review_education.ron",
            "city_from: Some(\"city\")",
            "city_from: Some(\"reason\")",
            "city_from 指向 reason，但本业务没有地区字段 reason",
        ),
        (
            "flows/licence_transfer_in.ron",
            "city_from: Some(\"to_city\")",
            "city_from: Some(\"to_ctiy\")",
            "city_from 指向 to_ctiy",
        ),
        (
            "flows/full_points_education.ron",
            "count_from: Some(\"on_site_days\")",
            "count_from: Some(\"days\")",
            "count_from 指向 days，但本业务没有字段 days",
        ),
    ];
    for (file, from, to, expect) in cases {
        let dir = tempfile::tempdir().expect("dir");
        write_assets(dir.path());
        let path = dir.path().join(file);
        replace_in(&path, from, to);
        let output = jiaoguan(&["check", "--assets", dir.path().to_str().expect("utf8")]);
        let text = stdout(&output);
        assert_eq!(output.status.code(), Some(1), "{file}: {text}");
        let prefix = format!("{}: ", path.display());
        let lines: Vec<&str> = text.lines().filter(|l| l.starts_with(&prefix)).collect();
        assert!(
            lines.iter().any(|l| l.contains(expect)),
            "{file}: expected {expect} in:\n{text}"
        );
    }
}

#[test]
fn missing_notice_text_is_reported() {
    let dir = tempfile::tempdir().expect("dir");
    write_assets(dir.path());
    let path = dir.path().join("flows/temporary_plate.ron");
    let text = fs::read_to_string(&path).expect("read");
    let start = text.find("duration: \"").expect("duration");
    let end = start + text[start + 11..].find('"').expect("closing quote") + 12;
    fs::write(
        &path,
        format!("{}duration: \"\"{}", &text[..start], &text[end..]),
    )
    .expect("write");
    let output = jiaoguan(&["check", "--assets", dir.path().to_str().expect("utf8")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("办理时限"), "{}", stdout(&output));
}

#[test]
fn the_app_refuses_to_start_on_broken_assets() {
    let dir = tempfile::tempdir().expect("dir");
    write_assets(dir.path());
    replace_in(
        &dir.path().join("flows/temporary_plate.ron"),
        "order:",
        "ordr:",
    );
    let output = jiaoguan(&[
        "play",
        "--assets",
        dir.path().to_str().expect("utf8"),
        "--keys",
        "",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("temporary_plate.ron"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_trainer_can_add_a_business_without_recompiling() {
    let dir = tempfile::tempdir().expect("dir");
    write_assets(dir.path());
    let new_flow = fs::read_to_string(dir.path().join("flows/temporary_plate.ron"))
        .expect("read")
        .replacen("id: \"temporary_plate\"", "id: \"custom_training\"", 1)
        .replacen("title: \"申请新车临时号牌\"", "title: \"培训专用业务\"", 1);
    fs::write(dir.path().join("flows/custom_training.ron"), new_flow).expect("write");
    let assets = dir.path().to_str().expect("utf8");
    let output = jiaoguan(&["menu", "--assets", assets]);
    assert!(
        stdout(&output).contains("业务中心 > 机动车业务 > 培训专用业务"),
        "{}",
        stdout(&output)
    );
    let output = jiaoguan(&["play", "--assets", assets, "--keys", "/ \"pxzy\" Enter"]);
    assert!(
        stdout(&output).contains("培训专用业务  业务须知"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_bad_config_names_file_line_and_field_and_exits_2() {
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join("bad.ron");
    fs::write(&config, "(\n  kiosk: (\n    idle_reset_secs: 5,\n  ),\n)\n").expect("write");
    let output = jiaoguan(&[
        "play",
        "--config",
        config.to_str().expect("utf8"),
        "--keys",
        "",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains(&config.display().to_string()), "{message}");
    assert!(message.contains("第3行"), "{message}");
    assert!(message.contains("idle_reset_secs"), "{message}");
}

#[test]
fn a_partial_config_changes_only_what_it_names() {
    let dir = tempfile::tempdir().expect("dir");
    let config = dir.path().join("c.ron");
    fs::write(&config, "(default_persona: \"truck_a2\")").expect("write");
    let output = jiaoguan(&[
        "play",
        "--config",
        config.to_str().expect("utf8"),
        "--keys",
        "1",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("本周期累积记分 10/12"),
        "{}",
        stdout(&output)
    );
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn the_data_folder_is_seeded_private_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let data_arg = data.to_str().expect("utf8");
    // Switch to the 3rd persona in 我的 > 设置, then start again: still signed in as them.
    let first = jiaoguan(&["play", "--data-dir", data_arg, "--keys", "6 1 3"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("已登录为"), "{}", stdout(&first));
    let again = jiaoguan(&["play", "--data-dir", data_arg, "--keys", "6"]);
    let after_switch = stdout(&again);
    let reset = jiaoguan(&[
        "play",
        "--data-dir",
        data_arg,
        "--reset-demo",
        "--keys",
        "6",
    ]);
    let after_reset = stdout(&reset);
    assert_ne!(
        after_switch, after_reset,
        "the switch did not persist or reset did not restore"
    );
    let fresh = jiaoguan(&["play", "--keys", "6"]);
    assert_eq!(
        after_reset,
        stdout(&fresh),
        "reset must restore the seeded demo"
    );
    assert!(data.join("state.ron").exists());
    assert!(data.join("profiles/ordinary_c1.ron").exists());
    let state = fs::read_to_string(data.join("state.ron")).expect("state");
    assert!(state.contains("schema_version: 2"), "{state}");
    #[cfg(unix)]
    {
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&data.join("profiles")), 0o700);
        assert_eq!(mode(&data.join("state.ron")), 0o600);
        assert_eq!(mode(&data.join("profiles/ordinary_c1.ron")), 0o600);
    }
}

/// The other accounts are read when something first needs them: 我的 > 设置 lists them all.
const OPEN_SETTINGS: &str = "6 1";

#[test]
fn an_unreadable_profile_is_quarantined_reported_and_the_rest_loads() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let data_arg = data.to_str().expect("utf8");
    assert!(
        jiaoguan(&["play", "--data-dir", data_arg, "--keys", OPEN_SETTINGS])
            .status
            .success()
    );
    let broken = data.join("profiles/truck_a2.ron");
    let garbage = "(schema_version: 1, id: \"truck_a2\", name: 12";
    fs::write(&broken, garbage).expect("write");
    // An idle start does not read it; opening 设置 does, and says what it found.
    let idle = jiaoguan(&["play", "--data-dir", data_arg, "--keys", ""]);
    assert!(!stdout(&idle).contains("无法读取"), "{}", stdout(&idle));
    assert_eq!(fs::read_to_string(&broken).expect("read"), garbage);
    let output = jiaoguan(&["play", "--data-dir", data_arg, "--keys", OPEN_SETTINGS]);
    let screen = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(screen.contains("无法读取"), "{screen}");
    assert!(screen.contains("truck_a2.ron"), "{screen}");
    let moved: Vec<_> = fs::read_dir(data.join("quarantine"))
        .expect("quarantine")
        .flatten()
        .collect();
    assert_eq!(moved.len(), 1);
    assert_eq!(
        fs::read_to_string(moved[0].path()).expect("read"),
        garbage,
        "moved byte-identical"
    );
    // Never saved since it was seeded, it had no earlier generation: it is reseeded, and the
    // notice says so.
    // The dialog wraps anywhere, a space included: compare without them.
    let flat: String = screen
        .lines()
        .filter_map(|l| l.split('|').nth(1))
        .flat_map(|l| l.chars().filter(|c| *c != ' '))
        .collect();
    assert!(
        flat.contains("没有可恢复的保存，账号truck_a2已恢复为演示初始数据"),
        "{screen}"
    );
    // Everything else loaded, and the account was reseeded from the demo.
    let output = jiaoguan(&["play", "--data-dir", data_arg, "--keys", OPEN_SETTINGS]);
    assert!(!stdout(&output).contains("无法读取"), "{}", stdout(&output));
}

/// A profile saved twice and then damaged comes back from its previous save, and the notice
/// says from when; the damaged file is kept in quarantine.
#[test]
fn a_damaged_profile_is_restored_from_its_previous_save() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let data_arg = data.to_str().expect("utf8");
    // Two saves of 张*'s profile: the contact change's two steps each write it.
    let change = "3 1 Down Down Down Down Down Down Down Down Down Enter Space Enter Space Enter Enter \"13912345678\" Enter 2 Enter Enter 3 Enter \"世纪大道100号\" Enter Enter sms-code Enter Enter F9";
    let out = jiaoguan(&["play", "--data-dir", data_arg, "--keys", change]);
    assert!(out.status.success(), "{}", stderr(&out));
    let profile = data.join("profiles/ordinary_c1.ron");
    assert!(
        data.join("profiles/ordinary_c1.ron.prev").exists(),
        "a generation kept"
    );
    fs::write(
        &profile,
        "(schema_version: 1, id: \"ordinary_c1\", name: 12",
    )
    .expect("damage");
    let out = jiaoguan(&[
        "play",
        "--data-dir",
        data_arg,
        "--size",
        "120x30",
        "--keys",
        "",
    ]);
    let screen = stdout(&out);
    let flat: String = screen
        .lines()
        .filter_map(|l| l.split('|').nth(1))
        .map(str::trim)
        .collect();
    assert!(flat.contains("已恢复为上一次保存的内容（"), "{screen}");
    assert!(!flat.contains("演示初始数据"), "{screen}");
    assert!(
        fs::read_to_string(&profile)
            .expect("back")
            .contains("schema_version")
    );
}

/// `jiaoguan menu | head -1`: a reader that goes away closes the pipe; writing to it is no crash.
#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiaoguan"))
        .arg("menu")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Close the read end before the program has started writing (it is still loading).
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    assert!(
        output.status.success(),
        "{:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A kiosk does not start with the PIN shipped in config/default.ron, which anyone can read;
/// the message says how to set one, and with one set it starts.
#[test]
fn a_kiosk_refuses_the_shipped_pin() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let data_arg = data.to_str().expect("utf8");
    let refused = jiaoguan(&["--kiosk", "play", "--data-dir", data_arg, "--keys", ""]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("admin_pin"),
        "{}",
        stderr(&refused)
    );
    let config = dir.path().join("config.ron");
    fs::write(&config, "(kiosk: (admin_pin: \"20261201\"))").expect("write");
    let config_arg = config.to_str().expect("utf8");
    let started = jiaoguan(&[
        "--kiosk",
        "--config",
        config_arg,
        "play",
        "--data-dir",
        data_arg,
        "--keys",
        "",
    ]);
    assert!(started.status.success(), "{}", stderr(&started));
}

/// The JSON string literal at the start of `text`, decoded, and what follows it (RFC 8259).
fn json_string(text: &str) -> (String, &str) {
    let mut chars = text.char_indices();
    assert_eq!(chars.next().map(|(_, c)| c), Some('"'), "{text}");
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (out, &text[i + 1..]),
            '\\' => match chars.next().map(|(_, c)| c) {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('/') => out.push('/'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('u') => {
                    let hex: String = (0..4)
                        .filter_map(|_| chars.next().map(|(_, c)| c))
                        .collect();
                    let code = u32::from_str_radix(&hex, 16).expect("\\u escape");
                    out.push(char::from_u32(code).expect("a char"));
                }
                other => panic!("bad escape {other:?} in {text}"),
            },
            c if u32::from(c) < 0x20 => panic!("raw control character in {text}"),
            c => out.push(c),
        }
    }
    panic!("unterminated string in {text}");
}

/// `play --cast` writes an asciicast v2 file: a JSON header with the size, then one
/// `[seconds, "o", text]` line per frame, the times rising, the last frame the last screen.
#[test]
fn play_records_an_asciicast_of_the_run() {
    let dir = tempfile::tempdir().expect("dir");
    let cast = dir.path().join("demo.cast");
    let cast_arg = cast.to_str().expect("utf8");
    let out = jiaoguan(&[
        "play",
        "--size",
        "90x28",
        "--cast",
        cast_arg,
        "--keys",
        "3 4 1 Down",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(&cast).expect("cast written");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    assert!(
        header.starts_with("{\"version\": 2, \"width\": 90, \"height\": 28, "),
        "{header}"
    );
    assert!(header.ends_with('}'));
    let mut last_time = -1.0;
    let mut frames = Vec::new();
    for line in lines {
        let body = line
            .strip_prefix('[')
            .and_then(|l| l.strip_suffix(']'))
            .expect("an event array");
        let (time, rest) = body.split_once(", ").expect("time first");
        let time: f64 = time.parse().expect("seconds");
        assert!(time >= last_time, "times rise: {line}");
        last_time = time;
        let rest = rest.strip_prefix("\"o\", ").expect("an output event");
        let (data, after) = json_string(rest);
        assert!(after.is_empty(), "{line}");
        assert!(
            data.starts_with("\u{1b}[H\u{1b}[2J"),
            "a whole-screen frame"
        );
        frames.push(data);
    }
    assert_eq!(frames.len(), 5, "the first frame and one per key");
    assert!(frames.last().is_some_and(|f| f.contains("违法记录")));
    // Three characters at 0.12 s and one key at 0.6 s.
    assert!(
        (last_time - 0.96).abs() < 1e-9,
        "paced for people: {last_time}"
    );
}

/// A script's `wait:` lengthens the recording by its seconds; a caption is a frame of its own.
#[test]
fn a_recording_follows_the_script_waits() {
    let dir = tempfile::tempdir().expect("dir");
    let cast = dir.path().join("wait.cast");
    let cast_arg = cast.to_str().expect("utf8");
    let out = jiaoguan(&[
        "play",
        "--cast",
        cast_arg,
        "--keys",
        "say:\"打开我的驾驶证\" wait:2.5 1",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(&cast).expect("cast written");
    let last = text.lines().last().expect("a frame");
    let time: f64 = last
        .trim_start_matches('[')
        .split(',')
        .next()
        .and_then(|t| t.parse().ok())
        .expect("a time");
    // The caption at 0.6 s, the wait of 2.5 s, then the digit at 0.12 s.
    assert!((time - 3.22).abs() < 1e-9, "{last}");
    assert_eq!(text.lines().count(), 4, "header, first frame, caption, key");
    assert!(
        text.contains("打开我的驾驶证"),
        "the caption is in the recording"
    );
}

/// A data folder copied in with loose permissions is made private and the user is told, once;
/// a crash's leftover temporary file is removed.
#[cfg(unix)]
#[test]
fn a_loose_data_folder_is_tightened_and_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let data_arg = data.to_str().expect("utf8");
    let first = jiaoguan(&["play", "--data-dir", data_arg, "--keys", "1"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let profile = data.join("profiles").join("ordinary_c1.ron");
    fs::set_permissions(&profile, fs::Permissions::from_mode(0o644)).expect("chmod");
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).expect("chmod");
    fs::write(data.join("profiles").join(".jiaoguan-x1.tmp"), "half").expect("leftover");
    let out = jiaoguan(&[
        "play",
        "--data-dir",
        data_arg,
        "--size",
        "120x30",
        "--keys",
        "",
    ]);
    // The dialog's lines wrap: read them as one text.
    let screen: String = stdout(&out)
        .lines()
        .filter_map(|l| l.split('|').nth(1))
        .map(str::trim)
        .collect();
    for expected in [
        "已删除上次异常退出时留下的临时文件 1 个",
        "ordinary_c1.ron 的权限为 644，其他用户可以读取，已改为 600",
        "data 的权限为 755，其他用户可以读取，已改为 700",
    ] {
        assert!(screen.contains(expected), "{expected} in {screen}");
    }
    let mode = |p: &std::path::Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&profile), 0o600);
    assert_eq!(mode(&data), 0o700);
    assert!(!data.join("profiles").join(".jiaoguan-x1.tmp").exists());
    let again = stdout(&jiaoguan(&["play", "--data-dir", data_arg, "--keys", ""]));
    assert!(!again.contains("权限为"), "reported once: {again}");
}

/// `NO_COLOR` (https://no-color.org) takes every colour away: the recording's frames set no
/// foreground or background, only resets and bold.
#[test]
fn no_color_is_honoured() {
    let dir = tempfile::tempdir().expect("dir");
    let record = |env: Option<&str>| {
        let cast = dir.path().join("c.cast");
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_jiaoguan"));
        command
            .args([
                "play",
                "--cast",
                cast.to_str().expect("utf8"),
                "--keys",
                "1",
            ])
            .env("HOME", dir.path())
            .env_remove("NO_COLOR");
        if let Some(value) = env {
            command.env("NO_COLOR", value);
        }
        let out = command.output().expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        fs::read_to_string(&cast).expect("cast")
    };
    let coloured = record(None);
    assert!(
        coloured.contains("\\u001b[0;37;44m") || coloured.contains("\\u001b[0;97;44m"),
        "the title bar is coloured"
    );
    let plain = record(Some("1"));
    for sgr in ["\\u001b[0;3", "\\u001b[0;4", "\\u001b[0;9", "\\u001b[0;10"] {
        assert!(!plain.contains(sgr), "no colour code {sgr}");
    }
    assert_eq!(
        record(Some("")),
        coloured,
        "an empty NO_COLOR is no request"
    );
}

/// The command line speaks Chinese: the help of every command, and each kind of mistake.
#[test]
fn help_and_command_line_errors_are_in_chinese() {
    for args in [
        vec!["--help"],
        vec!["play", "--help"],
        vec!["train", "--help"],
        vec!["report", "-h"],
        vec!["graph", "--help"],
    ] {
        let out = jiaoguan(&args);
        assert!(out.status.success(), "{args:?}");
        let help = stdout(&out);
        assert!(
            help.contains("用法：jiaoguan") && help.contains("\n选项：\n"),
            "{help}"
        );
        for english in [
            "Usage",
            "Options",
            "Commands",
            "Arguments",
            "Print help",
            "Print version",
            "[default:",
            "选项:",
        ] {
            assert!(!help.contains(english), "{english} in {args:?}: {help}");
        }
    }
    for (args, message) in [
        (
            vec!["--bogus"],
            "无法识别的参数 --bogus。用 jiaoguan --help 查看用法。",
        ),
        (vec!["nosuch"], "没有命令 nosuch。"),
        (vec!["play"], "缺少必填的参数 --keys"),
        (vec!["graph"], "缺少必填的参数 <业务>"),
        (
            vec!["play", "--size", "5", "--keys", "1"],
            "参数 --size <SIZE> 的值 5 无效：屏幕大小应写成 宽x高",
        ),
    ] {
        let out = jiaoguan(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = stderr(&out);
        assert!(said.contains(message), "{args:?}: {said}");
        assert_eq!(said.lines().count(), 1, "one line: {said}");
    }
    let play = stdout(&jiaoguan(&["play", "--help"]));
    assert!(play.contains("屏幕大小，宽x高（默认 100x30）"), "{play}");
    let own = play.find("--keys").unwrap_or(usize::MAX);
    let shared = play.find("--data-dir").unwrap_or(0);
    assert!(own < shared, "a command's own options come first: {play}");
    let graph = stdout(&jiaoguan(&["graph", "--help"]));
    assert!(
        graph.contains("用法：jiaoguan graph [选项] <业务>")
            && graph.contains("\n参数：\n  <业务>"),
        "{graph}"
    );
    assert_eq!(
        stdout(&jiaoguan(&["-V"])).trim(),
        format!("jiaoguan {}", env!("CARGO_PKG_VERSION"))
    );
}
