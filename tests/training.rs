//! Training and test modes from outside: the scenario lint of `jiaoguan check`, a guided run and
//! a scored run through `play` with the report's contents, the saved Markdown and JSON, the
//! `report` table, and 我的 > 培训模式 giving the account its own data back.

use std::fs;
use std::path::Path;

mod common;
use common::{jiaoguan, stderr, stdout, trainer_business, write_assets};

/// A scenario file for the lint tests: `body` is everything after the id.
fn scenario(id: &str, body: &str) -> String {
    format!("(\n    id: \"{id}\",\n{body}\n)")
}

/// A minimal business whose police review ends 办结 or 不予受理.
const ORPHANED: &str = r#"(
    subject: Licence,
    pages: [(title: "填写", fields: [(id: "note", label: "备注", kind: Text(validator: Line))])],
    sms_to: AccountPhone,
    stages: [
        (id: "review", title: "审核", kind: PoliceReview(working_days: 1, approve_if: LicenceNormal), on: [(when: Approved, to: "done"), (when: Rejected, to: "refused")]),
        (id: "done", title: "办结", kind: Terminal(Done)),
        (id: "refused", title: "不予受理", kind: Terminal(Rejected)),
    ],
)"#;

const HINTS_FOR_ORPHANED: &str = r#"    hints: [
        (at: Notice, do: "读须知", why: "须知", rule: "《机动车登记规定》第六条"),
        (at: Subject, do: "选驾驶证", why: "对象", rule: "《机动车登记规定》第六条"),
        (at: Page("填写"), do: "填写", why: "页面", rule: "《机动车登记规定》第六条"),
        (at: Field("note"), do: "写备注", why: "字段", rule: "《机动车登记规定》第六条"),
    ],"#;

fn check_with(files: &[(&str, String)]) -> String {
    let dir = tempfile::tempdir().expect("dir");
    write_assets(dir.path());
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    let out = jiaoguan(&["--assets", dir.path().to_str().expect("utf8"), "check"]);
    assert!(!out.status.success(), "check should fail");
    stdout(&out)
}

/// `check` names the scenario's unknown stage, a milestone past which the expected outcome is
/// out of reach, a rule not cited by article, and an unknown persona.
#[test]
fn check_lints_scenarios_against_their_business() {
    let business = trainer_business("orphaned", "孤立阶段", "驾驶证业务", "测试", ORPHANED);
    let lint = scenario(
        "broken",
        &format!(
            r#"    title: "坏场景",
    situation: "测试",
    persona: "nobody_here",
    business: "orphaned",
    expect: Completed,
    milestones: [Stage("no_such_stage"), Stage("refused"), Page("填写")],
{}
        (at: Stage("review"), do: "等", why: "审核", rule: "本地规定"),
    ],
    scoring: (pass_mark: 80, per_mistake: 10, per_retry: 5, minutes: 10, late: 10),"#,
            HINTS_FOR_ORPHANED.trim_end_matches("\n    ],")
        ),
    );
    let shown = check_with(&[
        ("flows/orphaned.ron", business),
        ("training/broken.ron", lint),
    ]);
    for expected in [
        "training/broken.ron: 没有演示账号 nobody_here",
        "要点的阶段 no_such_stage 不在业务「孤立阶段」中",
        "要点的阶段 refused 之后无法再到达预期结果（业务办结），这个要点达不到",
        "阶段「review」的提示依据应写成《...》第...条，而不是「本地规定」",
    ] {
        assert!(shown.contains(expected), "{expected} in:\n{shown}");
    }
    // Every hint there is except the stage's own, and the stage's is bad: nothing else missing.
    assert!(!shown.contains("缺少页面「填写」的提示"), "{shown}");
}

/// A completion scenario needs a hint for every page, field and reachable stage.
#[test]
fn check_names_each_missing_hint() {
    let lint = scenario(
        "thin",
        r#"    title: "提示不全",
    situation: "测试",
    persona: "ordinary_c1",
    business: "e_licence",
    expect: Completed,
    hints: [(at: Notice, do: "读须知", why: "须知", rule: "《机动车驾驶证申领和使用规定》第六十一条")],
    scoring: (pass_mark: 80, per_mistake: 10, per_retry: 5, minutes: 10, late: 10),"#,
    );
    let shown = check_with(&[("training/thin.ron", lint)]);
    for missing in [
        "缺少选择办理对象的提示",
        "缺少页面「提交照片」的提示",
        "缺少字段「photo」的提示",
        "缺少阶段「review」的提示",
    ] {
        assert!(shown.contains(missing), "{missing} in:\n{shown}");
    }
    assert!(
        !shown.contains("缺少阶段「issued」"),
        "an end needs no hint: {shown}"
    );
}

fn play_coached(data: &Path, mode: &[&str], keys: &str) -> String {
    let mut args = vec!["play", "--size", "130x40", "--data-dir"];
    args.push(data.to_str().expect("utf8"));
    args.extend_from_slice(mode);
    args.extend(["--keys", keys]);
    let out = jiaoguan(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

/// A guided run of a refusal scenario: the panel names the rule where the user is, the refusal
/// is the expected outcome, and the report lists the steps with the refusal's reason.
#[test]
fn a_training_run_of_the_probation_scenario_reports_the_expected_refusal() {
    let dir = tempfile::tempdir().expect("dir");
    let train = ["--train", "points_reduction_probation"];
    let notice = play_coached(dir.path(), &train, "3 3 1");
    assert!(
        notice.contains("【培训】实习期驾驶人申请学法减分"),
        "{notice}"
    );
    assert!(notice.contains("当前：业务须知"), "{notice}");
    assert!(
        notice.contains("管理办法》第二十五条"),
        "the rule: {notice}"
    );
    let report = play_coached(dir.path(), &train, "3 3 1 Enter Enter");
    assert!(
        report.contains("培训：实习期驾驶人申请学法减分"),
        "{report}"
    );
    assert!(report.contains("结果：达成预期结果"), "{report}");
    assert!(report.contains("得分：100（及格 80），合格"), "{report}");
    assert!(
        report.contains("系统拒绝办理：暂不能办理「学法减分」：驾驶证在实习期内"),
        "{report}"
    );
    assert!(
        !dir.path().join("reports").exists(),
        "training saves no report"
    );
}

/// The keys of 变更机动车联系方式 with a 10-digit phone first: one mistake, then corrected.
const CONTACT_CHANGE_WITH_A_SLIP: &str = "3 2 8 Space Enter Space Enter Enter \"1391234567\" Enter \"8\" Enter Down Enter Enter Down Down Enter \"世纪大道100号\" Enter Enter sms-code Enter Enter F9";

/// A scored run with one mistake: the report names it with the field and the rule, takes the
/// deduction, is saved as Markdown and JSON under the data folder, and `report` lists it.
#[test]
fn a_test_run_is_scored_saved_and_listed() {
    let dir = tempfile::tempdir().expect("dir");
    let test = [
        "--test",
        "vehicle_contact_change_basic",
        "--trainee",
        "王小明",
    ];
    let screen = play_coached(dir.path(), &test, CONTACT_CHANGE_WITH_A_SLIP);
    assert!(screen.contains("考核：变更机动车联系方式"), "{screen}");
    assert!(screen.contains("得分：90（及格 80），合格"), "{screen}");
    let reports = dir.path().join("reports");
    let mut names: Vec<String> = fs::read_dir(&reports)
        .expect("reports saved")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names[0].ends_with("-vehicle_contact_change_basic-王小明.json"),
        "{names:?}"
    );
    assert!(names[1].ends_with(".md"), "{names:?}");
    let markdown = fs::read_to_string(reports.join(&names[1])).expect("md");
    assert!(markdown.contains("- 学员：王小明"), "{markdown}");
    assert!(markdown.contains("- 错误：1次，重试：0次"), "{markdown}");
    assert!(
        markdown.contains("- 「新手机号码」：") && markdown.contains("依据：《机动车登记规定》"),
        "the mistake with its field and rule: {markdown}"
    );
    assert!(
        markdown.contains("- [x] 进入阶段「受理审核」"),
        "{markdown}"
    );
    let json = fs::read_to_string(reports.join(&names[0])).expect("json");
    assert!(
        json.contains("\"score\": 90") && json.contains("\"passed\": true"),
        "{json}"
    );

    // A second trainee fails the same test by leaving early; the table has a row each.
    let early = [
        "--test",
        "vehicle_contact_change_basic",
        "--trainee",
        "李四",
    ];
    play_coached(dir.path(), &early, "3 2 8 q Enter");
    let out = jiaoguan(&["report", reports.to_str().expect("utf8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows.len(), 3, "header and two rows: {table}");
    assert!(rows[0].starts_with("学员"), "{table}");
    assert!(
        table.contains("王小明  vehicle_contact_change_basic  变更机动车联系方式  90    合格"),
        "{table}"
    );
    assert!(
        table.contains("李四") && table.contains("不合格"),
        "{table}"
    );
}

/// 我的 > 培训模式 lists the scenarios; a run from there uses demo data of its own, and when
/// its report is closed the account's own session is back, untouched by the run.
#[test]
fn training_from_the_app_gives_the_account_its_own_data_back() {
    // Each run on a fresh folder: the runs replay the same keys from the start.
    let dir = tempfile::tempdir().expect("dir");
    let run = |keys: &str| {
        let fresh = tempfile::tempdir_in(dir.path()).expect("dir");
        let data = fresh.path().to_str().expect("utf8");
        let out = jiaoguan(&[
            "play",
            "--size",
            "130x40",
            "--data-dir",
            data,
            "--keys",
            keys,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let apps = common::application_files(fresh.path());
        assert!(
            apps.is_empty(),
            "the run wrote into the account's folder: {apps:?}"
        );
        stdout(&out)
    };
    let list = run("6 2");
    assert!(list.contains("我的 > 培训模式"), "{list}");
    assert!(list.contains("网上处理电子监控违法"), "{list}");
    // The list is in file-name order; the scenario is reached with Down.
    let mut files: Vec<&str> = jiaoguan::assets::embedded()
        .map(|(name, _)| name)
        .filter(|name| name.starts_with("training/"))
        .collect();
    files.sort();
    let position = files
        .iter()
        .position(|name| *name == "training/e_licence_first.ron")
        .expect("the scenario is shipped");
    // Sign in as someone else first, so that getting back is visible.
    let downs = vec!["Down"; position].join(" ");
    let keys = format!(
        "6 1 8 Enter 6 2 {downs} Enter 1 1 Space Enter Space Enter Enter Enter sms-code Enter Enter F9"
    );
    let report = run(&keys);
    assert!(report.contains("培训：首次申领电子驾驶证"), "{report}");
    assert!(report.contains("结果：达成预期结果"), "{report}");
    assert!(report.contains("张*"), "the scenario's persona: {report}");
    let back = run(&format!("{keys} Enter"));
    assert!(
        back.contains("刘**"),
        "the account signed in before: {back}"
    );
    assert!(back.contains("我的 > 培训模式"), "the screen left: {back}");
}

/// Every shipped scenario has a model run, and it reaches the expected outcome with full marks
/// both guided and as a test: the scenarios fit the businesses as they run today.
#[test]
fn every_scenario_model_run_reaches_its_outcome_in_both_modes() {
    let source = jiaoguan::assets::AssetSource::Embedded;
    let catalog = jiaoguan::assets::load_catalog(&source)
        .expect("assets")
        .expect("a valid catalog");
    let (scenarios, problems) =
        jiaoguan::assets::load_scenarios(&source, &catalog).expect("scenarios");
    assert!(problems.is_empty(), "{problems:?}");
    assert!(scenarios.len() >= 25, "one per running business at least");
    let dir = tempfile::tempdir().expect("dir");
    for scenario in &scenarios {
        let keys = scenario
            .model_answer
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no model answer", scenario.id));
        for mode in [
            vec!["--train", scenario.id.as_str()],
            vec!["--test", scenario.id.as_str(), "--trainee", "示范"],
        ] {
            let screen = play_coached(dir.path(), &mode, keys);
            assert!(
                screen.contains("结果：达成预期结果") && screen.contains("，合格"),
                "{} {mode:?}:\n{screen}",
                scenario.id
            );
        }
    }
}

/// Every running business has at least one scenario.
#[test]
fn every_running_business_has_a_scenario() {
    let source = jiaoguan::assets::AssetSource::Embedded;
    let catalog = jiaoguan::assets::load_catalog(&source)
        .expect("assets")
        .expect("a valid catalog");
    let (scenarios, _) = jiaoguan::assets::load_scenarios(&source, &catalog).expect("scenarios");
    for flow in catalog.flows.values().filter(|f| f.process.is_some()) {
        assert!(
            scenarios.iter().any(|s| s.business == flow.id),
            "no scenario for {}",
            flow.id
        );
    }
}
