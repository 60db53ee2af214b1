//! One program per data folder: an OS lock on a dedicated `LOCK` file.
//!
//! OS locks (flock / LockFileEx) belong to the open file and die with the process, so a killed
//! holder never leaves a stale lock behind, unlike `O_EXCL` lock files.

use std::fmt;
use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{UNRECORDED, create_private_dir_all, open_lock_file};

/// Name of the lock file; it is never renamed and holds no data, because a lock on a file that
/// gets replaced by rename would protect nothing.
pub const LOCK_FILE: &str = "LOCK";

/// Why a data folder could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// Another process (or another `DataDir` in this one) holds the folder.
    Locked { dir: PathBuf },
    /// The folder or its lock file could not be created or opened.
    Io { dir: PathBuf, source: io::Error },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Locked { dir } => write!(
                f,
                "数据目录 {} 正被另一个 jiaoguan 使用；请先退出那个程序，或用 --data-dir 指定别的目录",
                dir.display()
            ),
            OpenError::Io { dir, source } => {
                write!(
                    f,
                    "无法打开数据目录 {}：{}",
                    dir.display(),
                    describe(source)
                )
            }
        }
    }
}

/// The OS error is part of the message, so it is not also a `source`: printed with its chain,
/// the error would say it twice.
impl std::error::Error for OpenError {}

/// The OS error in Chinese for the kinds a visitor's operator can act on.
pub(crate) fn describe(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => "没有写入权限".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "所在的文件系统只读".to_string(),
        io::ErrorKind::NotFound => "路径不存在".to_string(),
        io::ErrorKind::StorageFull => "磁盘已满".to_string(),
        _ => error.to_string(),
    }
}

/// How the folder could be opened.
#[derive(Debug)]
pub(crate) enum Access {
    Writable,
    /// The folder exists but cannot be written (a read-only mount, a folder not ours to
    /// write): it can still be browsed, and nothing is written to it.
    ReadOnly(io::Error),
}

/// Whether `error` means "this cannot be written" rather than "this is broken".
fn is_write_refused(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

/// Creates `dir` (0700) and takes the exclusive lock without waiting. A folder that exists but
/// cannot be written is locked through a read-only handle and reported as `Access::ReadOnly`.
pub(crate) fn acquire(dir: &Path) -> Result<(File, Access), OpenError> {
    let io_err = |source: io::Error| OpenError::Io {
        dir: dir.to_path_buf(),
        source,
    };
    let writable = create_private_dir_all(&UNRECORDED, dir)
        .and_then(|()| open_lock_file(&dir.join(LOCK_FILE)));
    let (file, refused) = match writable {
        Ok(file) => (file, None),
        Err(e) if is_write_refused(&e) && dir.is_dir() => {
            // A lock through a read-only handle still keeps out a second program; with no
            // `LOCK` file yet, the folder itself is locked.
            let lock = dir.join(LOCK_FILE);
            let handle = if lock.is_file() {
                File::open(&lock)
            } else {
                File::open(dir)
            };
            (handle.map_err(io_err)?, Some(e))
        }
        Err(e) => return Err(io_err(e)),
    };
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(OpenError::Locked {
                dir: dir.to_path_buf(),
            });
        }
        Err(TryLockError::Error(source)) => return Err(io_err(source)),
    }
    let access = match refused {
        Some(e) => Access::ReadOnly(e),
        // The lock file may be writable in a folder that is not (its mode, a read-only
        // bind): the probe tells.
        None => match probe_writable(dir) {
            Ok(()) => Access::Writable,
            Err(e) if is_write_refused(&e) => Access::ReadOnly(e),
            Err(e) => return Err(io_err(e)),
        },
    };
    Ok((file, access))
}

/// The kernel's own answer (`access(2)`, `W_OK`): the mode bits, a read-only mount and the
/// immutable flag, as a write would meet them, with nothing created in the folder. It asks as
/// the real user, who is the effective one for a program that is not setuid; the plain call
/// also avoids `faccessat2`, which some container sandboxes refuse as if it were a denial.
#[cfg(unix)]
fn probe_writable(dir: &Path) -> io::Result<()> {
    rustix::fs::access(dir, rustix::fs::Access::WRITE_OK).map_err(io::Error::from)
}

#[cfg(not(unix))]
fn probe_writable(dir: &Path) -> io::Result<()> {
    tempfile::Builder::new()
        .prefix(super::atomic::TEMP_PREFIX)
        .suffix(super::atomic::TEMP_SUFFIX)
        .tempfile_in(dir)
        .map(drop)
}
