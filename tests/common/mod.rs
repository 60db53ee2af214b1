//! Helpers shared by the end-to-end tests: running the real binary.

#![allow(dead_code)]

pub mod engine;
pub mod folder;

use std::path::Path;
use std::process::{Command, Output};

/// Runs `jiaoguan` with `args`, isolated from the user's config and data.
pub fn jiaoguan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiaoguan"))
        .args(args)
        .env_remove("JIAOGUAN_DATA_DIR")
        .env("HOME", std::env::temp_dir())
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("jiaoguan-test-no-config"),
        )
        .output()
        .expect("run jiaoguan")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `play` on a data folder; returns the final screen, failing the test on a non-zero exit.
pub fn play(data: &Path, keys: &str) -> String {
    play_with(&["--seed", "11", "--size", "100x30"], data, keys)
}

/// `play` with extra flags (`--config`, `--assets`, `--size`) on a data folder.
pub fn play_with(flags: &[&str], data: &Path, keys: &str) -> String {
    let mut args = vec!["play"];
    args.extend_from_slice(flags);
    args.extend(["--data-dir", data.to_str().expect("utf8"), "--keys", keys]);
    let output = jiaoguan(&args);
    assert!(
        output.status.success(),
        "play {keys} failed: {}",
        stderr(&output)
    );
    stdout(&output)
}

/// A copy of the shipped assets in `dir`, for tests that break or extend them (`--assets`).
pub fn write_assets(dir: &Path) {
    for (name, text) in jiaoguan::assets::embedded() {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

/// Every message file of `profile` (the segments `inbox/<profile>/<yyyy-mm-nnn>.ron`), oldest
/// first, as one text.
pub fn inbox_text(data: &Path, profile: &str) -> String {
    let mut names: Vec<_> = std::fs::read_dir(data.join(format!("inbox/{profile}")))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    names.retain(|p: &std::path::PathBuf| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
    });
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("segment"))
        .collect()
}

/// Every application file: open ones in `applications/`, finished ones in
/// `archive/<profile>/<yyyy-mm>/`, sorted by number.
pub fn application_files(data: &Path) -> Vec<std::path::PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "ron")
                && path.file_name().is_some_and(|n| n != "index.ron")
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&data.join("applications"), &mut out);
    walk(&data.join("archive"), &mut out);
    out.sort_by_key(|p| p.file_name().map(|n| n.to_os_string()));
    out
}

/// The newest SMS code texted to `profile`, read from its message files.
pub fn sms_code(data: &Path, profile: &str) -> String {
    let inbox = inbox_text(data, profile);
    let at = inbox.rfind("验证码 ").expect("an SMS code was sent");
    inbox[at + "验证码 ".len()..].chars().take(6).collect()
}

/// A business as a trainer writes one for a test: `id` and `title` under 业务中心 >
/// `category`, a plain notice with `summary`, and `process`, the RON of its process tuple.
pub fn trainer_business(
    id: &str,
    title: &str,
    category: &str,
    summary: &str,
    process: &str,
) -> String {
    format!(
        r#"(
    id: "{id}",
    version: 1,
    title: "{title}",
    menu_paths: [["业务中心", "{category}"]],
    order: 99,
    notice: (
        summary: "{summary}",
        eligibility: ["任何演示账号。"],
        materials: ["无。"],
        duration: "即时。",
        steps: ["填写后提交。"],
    ),
    process: Some({process}),
)"#
    )
}

/// The keys that highlight persona `id` in 我的 > 设置, which lists drivers first and then
/// learners, each by id: Down from the top for the first nine, End and Up for the rest. Tests
/// name the persona, so adding one never shifts another test's keys.
pub fn highlight(id: &str) -> String {
    let (index, count) = settings_position(id);
    if index < 9 {
        format!("6 1{}", " Down".repeat(index))
    } else {
        format!("6 1 End{}", " Up".repeat(count - 1 - index))
    }
}

/// The keys that sign in as persona `id` (its digit, or `highlight` and Enter).
pub fn sign_in(id: &str) -> String {
    let (index, _) = settings_position(id);
    if index < 9 {
        format!("6 1 {}", index + 1)
    } else {
        format!("{} Enter", highlight(id))
    }
}

/// Where `id` is in 设置's list, and how many personas it lists.
fn settings_position(id: &str) -> (usize, usize) {
    use jiaoguan::domain::profile::{DayOffset, Profile};
    let mut personas: Vec<(bool, String)> = jiaoguan::assets::embedded()
        .filter(|(name, _)| name.starts_with("demo/personas/"))
        .map(|(_, text)| {
            let p: Profile<DayOffset> = ron::from_str(text).expect("persona parses");
            (p.learner_permit.is_some(), p.id)
        })
        .collect();
    personas.sort();
    let index = personas
        .iter()
        .position(|(_, p)| p == id)
        .unwrap_or_else(|| panic!("no persona {id}"));
    (index, personas.len())
}

/// 业务中心 > 违法处理业务 > 电子监控违法处理 for `persona`'s one undecided camera record: the
/// record, the declaration, the code, 提交. Returns the final screen.
pub fn decide_camera_record(data: &Path, persona: &str) -> String {
    play(data, "3 4 2 Enter Space Enter Enter Space Enter Enter");
    let code = sms_code(data, persona);
    play(data, &format!("3 4 2 Enter \"{code}\" Enter Enter"))
}

/// A scratch folder, in memory where the system has one: tests that rebuild thousands of
/// folders would otherwise spend their time waiting on fsync.
pub fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::tempdir_in(shm).expect("dir")
    } else {
        tempfile::tempdir().expect("dir")
    }
}

/// Every file below `root` but the lock, relative to it, sorted.
pub fn files_below(root: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.ends_with(jiaoguan::store::LOCK_FILE) {
                files.push(path.strip_prefix(root).expect("below").to_path_buf());
            }
        }
    }
    files.sort();
    files
}

/// Every file below `root` but the lock, with its bytes.
pub fn folder_bytes(root: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    files_below(root)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(root.join(&rel)).expect("read");
            (rel, bytes)
        })
        .collect()
}
