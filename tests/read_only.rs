//! A data folder that cannot be written (a read-only mount, a folder not the user's to write)
//! opens read-only: browsing works, the title bar says 只读, every 提交 is refused with the
//! reason, and not one byte of the folder changes. A folder that cannot even be created is
//! refused with one line that names it and the reason once.

#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{folder_bytes, jiaoguan, stderr, stdout};

/// Makes `dir` unwritable for as long as it lives: its mode for an ordinary user, a read-only
/// bind mount for root (whom modes do not stop).
struct Unwritable {
    dir: PathBuf,
    mounted: bool,
}

impl Unwritable {
    /// `None` when neither works here (root without the right to mount).
    fn make(dir: &Path) -> Option<Unwritable> {
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        if !root {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).expect("chmod");
            return Some(Unwritable {
                dir: dir.to_path_buf(),
                mounted: false,
            });
        }
        let run = |args: &[&str]| {
            Command::new("mount")
                .args(args)
                .arg(dir)
                .arg(dir)
                .status()
                .is_ok_and(|s| s.success())
        };
        if !run(&["--bind"]) {
            return None;
        }
        let guard = Unwritable {
            dir: dir.to_path_buf(),
            mounted: true,
        };
        run(&["-o", "remount,ro,bind"]).then_some(guard)
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(&self.dir).status();
        } else {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700));
        }
    }
}

/// The text inside the dialog box, its wrapped lines joined.
fn dialog_text(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|line| {
            let (start, end) = (line.find('|')?, line.rfind('|')?);
            (end > start).then(|| line[start + 1..end].trim().to_string())
        })
        .collect()
}

fn play(data: &Path, keys: &str) -> (bool, String, String) {
    let output = jiaoguan(&[
        "play",
        "--seed",
        "11",
        "--size",
        "100x30",
        "--data-dir",
        data.to_str().expect("utf8"),
        "--keys",
        keys,
    ]);
    (output.status.success(), stdout(&output), stderr(&output))
}

#[test]
fn an_unwritable_folder_is_browsed_read_only_and_left_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    // A draft of the e-licence, so there is something of the user's to browse.
    common::play(&data, "1 1 Enter Space Enter");
    let before = folder_bytes(&data);
    let Some(_guard) = Unwritable::make(&data) else {
        eprintln!("skipped: this machine can neither chmod nor mount a folder read-only");
        return;
    };

    let (ok, screen, _) = play(&data, "");
    assert!(ok);
    assert!(screen.contains("只读  张*"), "{screen}");
    assert!(
        dialog_text(&screen).contains("本次只读打开，可以浏览，不能提交或保存"),
        "the notice names the mode: {screen}"
    );

    // The draft is there to continue, and the first command that would write is refused.
    let (ok, screen, _) = play(&data, "Enter 1 1 Enter Space Enter Enter Enter");
    assert!(ok);
    assert!(screen.contains("第4步/共4步"), "{screen}");
    let refused = dialog_text(&screen);
    assert!(refused.contains("验证码发送失败"), "{screen}");
    assert!(refused.contains("不能提交或保存"), "{screen}");

    drop(_guard);
    assert_eq!(
        folder_bytes(&data),
        before,
        "a read-only folder was written"
    );
}

#[test]
fn a_folder_that_cannot_be_created_is_refused_in_one_line() {
    let dir = tempfile::tempdir().expect("dir");
    let parent = dir.path().join("parent");
    fs::create_dir(&parent).expect("mkdir");
    let Some(_guard) = Unwritable::make(&parent) else {
        eprintln!("skipped: this machine can neither chmod nor mount a folder read-only");
        return;
    };
    let (ok, _, err) = play(&parent.join("data"), "");
    assert!(!ok);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains("无法打开数据目录"), "{err}");
    assert!(
        lines[0].contains("只读") || lines[0].contains("没有写入权限"),
        "{err}"
    );
    assert!(
        !lines[0].contains("os error"),
        "the OS error in English: {err}"
    );
}
