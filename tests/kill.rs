//! The real binary killed (SIGKILL) at spread-out instants while it submits and while a review
//! finishes: each folder reopened is whole (DESIGN.md "every command commits whole"): no
//! journal left, an application either absent with its draft kept or present with its draft
//! gone, 办结 only with the e-licence in the profile, numbering ahead of every file. Then every
//! running business: its demo script killed at spread-out instants, each folder restarted by
//! the real binary and found consistent.

#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use jiaoguan::engine::application::Application;
use jiaoguan::engine::open_set::serial_of;
use jiaoguan::store::JOURNAL_FILE;

mod common;
use common::folder::{assert_consistent, open_session};
use common::{application_files, sms_code};

/// Starts `play` on `data` with `keys` and kills it after `delay`.
fn kill_after(data: &Path, keys: &str, delay: Duration) {
    kill_play_after(data, &["--seed", "11", "--keys", keys], delay);
}

/// Starts `play` on `data` with `args` and kills it after `delay`.
fn kill_play_after(data: &Path, args: &[&str], delay: Duration) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiaoguan"))
        .args(["play", "--data-dir"])
        .arg(data)
        .args(args)
        .env("HOME", std::env::temp_dir())
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("jiaoguan-test-no-config"),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
}

fn check_whole(data: &Path, round: usize) -> (usize, bool) {
    let session = open_session(data);
    assert!(
        !data.join(JOURNAL_FILE).exists(),
        "round {round}: journal left"
    );
    let files = application_files(data);
    assert!(
        files.len() <= 1,
        "round {round}: {} applications",
        files.len()
    );
    let draft = data.join("drafts/ordinary_c1/e_licence.ron").exists();
    let profile = fs::read_to_string(data.join("profiles/ordinary_c1.ron")).expect("profile");
    let mut finished = false;
    for file in &files {
        let app: Application =
            ron::from_str(&fs::read_to_string(file).expect("read")).expect("parses");
        assert!(!draft, "round {round}: the draft outlived its 提交");
        assert!(
            session.state.applications_created >= serial_of(&app.number).expect("serial"),
            "round {round}: numbering behind {}",
            app.number
        );
        finished = app.is_finished();
        assert_eq!(
            finished,
            profile.contains("e_licence: Some("),
            "round {round}: 办结 and its effect apart"
        );
    }
    if files.is_empty() {
        assert!(
            draft,
            "round {round}: neither the application nor its draft"
        );
    }
    (files.len(), finished)
}

/// A folder at the SMS step, and the keys that submit and then let the review finish.
fn prepared(data: &Path) -> String {
    common::play(data, "1 1 Enter Space Enter Enter Enter");
    let code = sms_code(data, "ordinary_c1");
    format!("1 1 Enter \"{code}\" Enter Enter F9")
}

#[test]
fn kills_during_submit_and_review_leave_every_folder_whole() {
    // How long the whole run takes on this machine, so the kills spread over it (from the
    // start-up to past the review's commit) however fast the machine is.
    let calibration = tempfile::tempdir().expect("dir");
    let keys = prepared(calibration.path());
    let started = std::time::Instant::now();
    common::play(calibration.path(), &keys);
    let whole = started.elapsed();
    // 40 in the suite; `KILL_ROUNDS=1000` for a longer run.
    let rounds: usize = std::env::var("KILL_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(40);
    let (mut submitted, mut finished) = (0, 0);
    for round in 0..rounds {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path();
        let keys = prepared(data);
        // Rounds in a scrambled order of 0..=1.2 times the whole run.
        let step = (round * 7919) % rounds.max(1);
        let delay = whole.mul_f64(1.2 * step as f64 / rounds as f64);
        kill_after(data, &keys, delay);
        let (files, done) = check_whole(data, round);
        submitted += files;
        finished += usize::from(done);
    }
    eprintln!("{rounds} kills: {submitted} submitted, {finished} finished");
    // Not a timing assertion: only that the kills fell on both sides of the commits at least
    // once, so the test saw more than one outcome.
    assert!(submitted > 0, "no kill came after a 提交");
    assert!(
        submitted < rounds || finished < rounds,
        "every kill came after everything"
    );
}

/// The shipped demo scripts, by file.
fn demo_scripts() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/scripts");
    let mut scripts: Vec<_> = fs::read_dir(dir)
        .expect("scripts")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    scripts.sort();
    scripts
}

#[test]
fn kills_anywhere_in_every_business_leave_a_folder_that_restarts_consistent() {
    // 2 kills per business in the suite; `KILL_ROUNDS_EACH=40` for a longer run.
    let rounds: usize = std::env::var("KILL_ROUNDS_EACH")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(2);
    let scripts = demo_scripts();
    assert!(scripts.len() >= 25, "{} scripts", scripts.len());
    let (mut kills, mut with_applications) = (0, 0);
    for (n, script) in scripts.iter().enumerate() {
        let script = script.to_str().expect("utf8");
        // How long this script takes here, so its kills spread over the whole of it.
        let calibration = tempfile::tempdir().expect("dir");
        let started = std::time::Instant::now();
        let out = common::jiaoguan(&[
            "play",
            "--data-dir",
            calibration.path().to_str().expect("utf8"),
            "--script",
            script,
        ]);
        assert!(out.status.success(), "{script}: {}", common::stderr(&out));
        let whole = started.elapsed();
        for round in 0..rounds {
            let dir = tempfile::tempdir().expect("dir");
            let data = dir.path().join("data");
            // A scrambled fraction of the run, different for every business and round.
            let fraction = ((n * rounds + round) * 7919 % 97) as f64 / 97.0;
            kill_play_after(&data, &["--script", script], whole.mul_f64(fraction));
            kills += 1;
            if !data.exists() {
                continue;
            }
            // The real binary restarts on it without a word on stderr, then the folder holds.
            let out = common::jiaoguan(&[
                "play",
                "--data-dir",
                data.to_str().expect("utf8"),
                "--keys",
                "",
            ]);
            assert!(
                out.status.success() && out.stderr.is_empty(),
                "{script} killed at {fraction:.2}: {}",
                common::stderr(&out)
            );
            assert!(
                !data.join(jiaoguan::store::QUARANTINE_DIR).exists(),
                "{script} killed at {fraction:.2}: a file was quarantined"
            );
            assert_consistent(&data);
            with_applications += usize::from(!application_files(&data).is_empty());
        }
    }
    eprintln!(
        "{kills} kills over {} businesses: {with_applications} folders held applications, all consistent",
        scripts.len()
    );
    assert!(with_applications > 0, "no kill came after a 提交");
}
