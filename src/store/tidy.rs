//! Start-up housekeeping of the data folder: temporary files a crash left behind are removed,
//! and folders or files readable by others (say, copied in with `cp -r` under a loose umask)
//! are tightened to 0700 / 0600. Each is reported once. The walk covers the folders the app
//! writes into; the archive's closed months are written once and never hold temporary files,
//! so only its two newest months are looked at, keeping start-up flat as the archive grows.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{TEMP_PREFIX, TEMP_SUFFIX};

/// What the housekeeping did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tidied {
    pub temp_removed: Vec<PathBuf>,
    /// Paths tightened, with the mode they had.
    pub tightened: Vec<(PathBuf, u32)>,
}

impl Tidied {
    /// The notices for the operator, none when nothing was done.
    pub fn notices(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.temp_removed.is_empty() {
            out.push(format!(
                "已删除上次异常退出时留下的临时文件 {} 个",
                self.temp_removed.len()
            ));
        }
        for (path, mode) in &self.tightened {
            let wanted = if path.is_dir() { 0o700 } else { 0o600 };
            out.push(format!(
                "{} 的权限为 {mode:o}，其他用户可以读取，已改为 {wanted:o}",
                path.display()
            ));
        }
        out
    }
}

fn is_temp(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

#[cfg(unix)]
fn tighten(path: &Path, is_dir: bool, done: &mut Tidied) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::symlink_metadata(path)?.permissions().mode() & 0o777;
    let wanted = if is_dir { 0o700 } else { 0o600 };
    if mode & 0o077 != 0 {
        fs::set_permissions(path, fs::Permissions::from_mode(wanted))?;
        done.tightened.push((path.to_path_buf(), mode));
    }
    Ok(())
}

#[cfg(not(unix))]
fn tighten(_path: &Path, _is_dir: bool, _done: &mut Tidied) -> io::Result<()> {
    Ok(())
}

/// One folder: its temporary files removed, it and its files tightened; returns its subfolders.
fn tidy_folder(dir: &Path, done: &mut Tidied) -> io::Result<Vec<PathBuf>> {
    tighten(dir, true, done)?;
    let mut subfolders = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(subfolders),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        let name = entry.file_name();
        if kind.is_dir() {
            subfolders.push(path);
        } else if kind.is_file() {
            if name.to_str().is_some_and(is_temp) {
                fs::remove_file(&path)?;
                done.temp_removed.push(path);
            } else {
                tighten(&path, false, done)?;
            }
        }
    }
    subfolders.sort();
    Ok(subfolders)
}

/// Tidies data folder `root`: everything but the archive's older months.
pub fn tidy(root: &Path) -> io::Result<Tidied> {
    let mut done = Tidied::default();
    let mut queue = vec![(root.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = queue.pop() {
        let subfolders = tidy_folder(&dir, &mut done)?;
        let in_archive_account =
            depth == 2 && dir.parent().and_then(Path::file_name) == Some("archive".as_ref());
        let keep = if in_archive_account {
            // `archive/<account>/<yyyy-mm>`: the newest two months only.
            subfolders.len().saturating_sub(2)
        } else {
            0
        };
        queue.extend(subfolders.into_iter().skip(keep).map(|d| (d, depth + 1)));
    }
    Ok(done)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0)
    }

    #[test]
    fn temp_files_go_and_loose_modes_tighten() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        let profiles = root.join("profiles");
        fs::create_dir_all(&profiles).unwrap_or_else(|e| panic!("{e}"));
        let kept = profiles.join("zhang.ron");
        fs::write(&kept, "x").unwrap_or_else(|e| panic!("{e}"));
        fs::set_permissions(&kept, fs::Permissions::from_mode(0o644))
            .unwrap_or_else(|e| panic!("{e}"));
        fs::set_permissions(&profiles, fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{e}"));
        let temp = profiles.join(format!("{TEMP_PREFIX}abc{TEMP_SUFFIX}"));
        fs::write(&temp, "half").unwrap_or_else(|e| panic!("{e}"));
        let done = tidy(root).unwrap_or_else(|e| panic!("{e}"));
        assert!(!temp.exists(), "the leftover is gone");
        assert!(kept.exists(), "real files stay");
        assert_eq!(mode(&kept), 0o600);
        assert_eq!(mode(&profiles), 0o700);
        assert_eq!(done.temp_removed, vec![temp]);
        let notices = done.notices().join("\n");
        assert!(notices.contains("临时文件 1 个"), "{notices}");
        assert!(
            notices.contains("权限为 644") && notices.contains("已改为 600"),
            "{notices}"
        );
        assert!(
            tidy(root)
                .unwrap_or_else(|e| panic!("{e}"))
                .notices()
                .is_empty(),
            "once"
        );
    }

    /// The archive's older months are not walked: their files stay as they are.
    #[test]
    fn old_archive_months_are_left_alone() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let account = dir.path().join("archive").join("zhang");
        for month in ["2026-01", "2026-02", "2026-03"] {
            fs::create_dir_all(account.join(month)).unwrap_or_else(|e| panic!("{e}"));
            fs::write(
                account
                    .join(month)
                    .join(format!("{TEMP_PREFIX}x{TEMP_SUFFIX}")),
                "",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        let done = tidy(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(done.temp_removed.len(), 2, "{done:?}");
        assert!(
            account
                .join("2026-01")
                .join(format!("{TEMP_PREFIX}x{TEMP_SUFFIX}"))
                .exists()
        );
    }
}
