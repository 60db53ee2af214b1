//! The presenters' scripts (`assets/demo/scripts/`): one for every business that runs, each
//! narrated, each played by `play --script` to its end screen with every `expect` met.

mod common;
use common::{jiaoguan, stderr};

/// The shipped scripts, by business id, with their text.
fn scripts() -> Vec<(String, String)> {
    jiaoguan::assets::embedded()
        .filter_map(|(name, text)| {
            let id = name.strip_prefix("demo/scripts/")?.strip_suffix(".txt")?;
            Some((id.to_string(), text.to_string()))
        })
        .collect()
}

/// The businesses with an online process.
fn running_businesses() -> Vec<String> {
    let source = jiaoguan::assets::AssetSource::Embedded;
    let catalog = jiaoguan::assets::load_catalog(&source)
        .expect("assets")
        .expect("a valid catalog");
    catalog
        .flows
        .values()
        .filter(|f| f.process.is_some())
        .map(|f| f.id.clone())
        .collect()
}

#[test]
fn every_running_business_has_a_narrated_script_that_states_its_end() {
    let scripts = scripts();
    for id in running_businesses() {
        let (_, text) = scripts
            .iter()
            .find(|(script, _)| *script == id)
            .unwrap_or_else(|| panic!("no demo script for {id}"));
        assert!(text.starts_with("# "), "{id}: a title comment first");
        assert!(text.contains("say:\""), "{id}: captions");
        let last = text.split_whitespace().next_back().unwrap_or_default();
        assert!(
            text.trim_end().ends_with('"') && text.rfind("expect:\"") > text.rfind("Enter"),
            "{id}: the script ends by stating its end screen, not with {last}"
        );
    }
}

/// Every script plays to its end with each expectation met (a failed one exits 2 naming it).
#[test]
fn every_script_reaches_its_end_screen() {
    for (id, _) in scripts() {
        let path = format!(
            "{}/assets/demo/scripts/{id}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        let out = jiaoguan(&["play", "--script", &path]);
        assert!(out.status.success(), "{id}: {}", stderr(&out));
    }
}

/// A script whose expectation is not met stops with the step and the screen.
#[test]
fn an_unmet_expectation_names_the_step() {
    let out = jiaoguan(&["play", "--keys", "1 expect:\"没有这句话\""]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("脚本第2步期望画面显示「没有这句话」，实际画面为："),
        "{message}"
    );
    assert!(
        message.contains("我的驾驶证"),
        "the screen shown: {message}"
    );
}

/// A long timeline opens scrolled to its current step: 满分学习考试 played to 领取驾驶证 (its
/// demo script up to that step), then opened again from 网办进度 at 80x24.
#[test]
fn a_long_timeline_opens_at_its_current_step() {
    let (_, text) = scripts()
        .into_iter()
        .find(|(id, _)| id == "full_points_education")
        .expect("the script");
    let upto = text
        .lines()
        .position(|l| l.contains("expect:\"待本人办理：领取驾驶证\""))
        .expect("the script reaches 领取驾驶证");
    // Its keys only: the expectations were written for 100x30.
    let mut script: Vec<&str> = text
        .lines()
        .take(upto + 1)
        .filter(|l| !l.starts_with("expect:"))
        .collect();
    script.push("Esc Esc Esc Esc Esc Esc 4 Enter");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("prefix.txt");
    std::fs::write(&path, script.join("\n")).expect("write");
    let out = jiaoguan(&[
        "play",
        "--size",
        "80x24",
        "--script",
        path.to_str().expect("utf8"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = common::stdout(&out);
    assert!(screen.contains("网办进度 > 2026"), "{screen}");
    assert!(
        screen.contains("[当前] 03-13 17:00  领取驾驶证"),
        "{screen}"
    );
}
