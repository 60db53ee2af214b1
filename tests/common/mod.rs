//! Helpers shared by the end-to-end tests: running the real binary.

#![allow(dead_code)]

pub mod engine;

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
    for (name, text) in jiaoguan::assets::EMBEDDED_ASSETS {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

/// The newest SMS code texted to `profile`, read from its inbox file.
pub fn sms_code(data: &Path, profile: &str) -> String {
    let inbox = std::fs::read_to_string(data.join(format!("inbox/{profile}.ron"))).expect("inbox");
    let at = inbox.rfind("验证码 ").expect("an SMS code was sent");
    inbox[at + "验证码 ".len()..].chars().take(6).collect()
}
