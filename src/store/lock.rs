//! One program per data folder: an OS lock on a dedicated `LOCK` file.
//!
//! OS locks (flock / LockFileEx) belong to the open file and die with the process, so a killed
//! holder never leaves a stale lock behind, unlike `O_EXCL` lock files.

use std::fmt;
use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{create_private_dir_all, open_lock_file};

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
                write!(f, "无法打开数据目录 {}：{}", dir.display(), source)
            }
        }
    }
}

impl std::error::Error for OpenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OpenError::Locked { .. } => None,
            OpenError::Io { source, .. } => Some(source),
        }
    }
}

/// Creates `dir` (0700) and takes the exclusive lock without waiting.
pub(crate) fn acquire(dir: &Path) -> Result<File, OpenError> {
    let io_err = |source: io::Error| OpenError::Io {
        dir: dir.to_path_buf(),
        source,
    };
    create_private_dir_all(dir).map_err(io_err)?;
    let file = open_lock_file(&dir.join(LOCK_FILE)).map_err(io_err)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(OpenError::Locked {
            dir: dir.to_path_buf(),
        }),
        Err(TryLockError::Error(source)) => Err(io_err(source)),
    }
}
