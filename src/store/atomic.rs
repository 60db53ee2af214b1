//! Crash-safe file replacement and private permissions, and the write seam they
//! go through.
//!
//! Only "rename of an fsynced file is atomic, and durable after a folder fsync" is relied on, so a
//! reader sees either the old bytes or the new ones, never a mix. Since every file is fsynced
//! before it is put in place, what a power loss can undo is the folders' entries: each change
//! to one (a file put in place, removed, a folder made) and each folder fsync goes through a
//! `Disk`, which a test can ask to record them (`DiskOp`) and so replay a power cut anywhere.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One change to a folder's entries, or a folder fsync, as the write seam saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskOp {
    /// A file, already fsynced, put in place at `path` (by rename or link) holding `bytes`.
    Placed { path: PathBuf, bytes: Vec<u8> },
    /// A file removed.
    Removed { path: PathBuf },
    /// A folder removed with everything in it.
    RemovedTree { path: PathBuf },
    /// A folder created.
    MadeDir { path: PathBuf },
    /// The entries of folder `dir` made durable: the changes to them before this survive a
    /// power loss, the later ones may not.
    Synced { dir: PathBuf },
    /// A commit returned `Ok`: what it wrote may now be acknowledged to the user.
    Acknowledged,
}

impl DiskOp {
    /// The folder whose entry this changes (`None` for a sync or an acknowledgement).
    pub fn folder(&self) -> Option<&Path> {
        match self {
            DiskOp::Placed { path, .. }
            | DiskOp::Removed { path }
            | DiskOp::RemovedTree { path }
            | DiskOp::MadeDir { path } => path.parent(),
            DiskOp::Synced { .. } | DiskOp::Acknowledged => None,
        }
    }
}

/// The write seam: performs the entry changes and folder fsyncs, recording them while asked.
#[derive(Debug, Default)]
pub(crate) struct Disk {
    recording: Mutex<Option<Vec<DiskOp>>>,
}

/// Writes that no test records: reports, a folder's first creation.
pub(crate) static UNRECORDED: Disk = Disk {
    recording: Mutex::new(None),
};

impl Disk {
    /// From now on every operation is kept, for `take_recorded`.
    pub(crate) fn record(&self) {
        *self.log() = Some(Vec::new());
    }

    /// What was recorded since `record` (or the last take); recording goes on.
    pub(crate) fn take_recorded(&self) -> Vec<DiskOp> {
        self.log().as_mut().map(std::mem::take).unwrap_or_default()
    }

    pub(crate) fn note(&self, op: impl FnOnce() -> DiskOp) {
        if let Some(log) = self.log().as_mut() {
            log.push(op());
        }
    }

    fn log(&self) -> std::sync::MutexGuard<'_, Option<Vec<DiskOp>>> {
        // A panic while holding the lock cannot leave the log half-pushed.
        self.recording
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `write_atomic` through this seam.
    pub(crate) fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        write_atomic_then(self, path, bytes, || Ok(()))
    }

    pub(crate) fn remove_file(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)?;
        self.note(|| DiskOp::Removed {
            path: path.to_path_buf(),
        });
        Ok(())
    }

    pub(crate) fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
        fs::remove_dir_all(path)?;
        self.note(|| DiskOp::RemovedTree {
            path: path.to_path_buf(),
        });
        Ok(())
    }

    /// Makes a folder's entries (a rename, a new file) durable. Windows cannot fsync a folder
    /// through std, so there it is a no-op.
    pub(crate) fn sync_dir(&self, dir: &Path) -> io::Result<()> {
        #[cfg(unix)]
        {
            File::open(dir)?.sync_all()?;
        }
        self.note(|| DiskOp::Synced {
            dir: dir.to_path_buf(),
        });
        Ok(())
    }

    /// Renames `from` to `to` unless `to` exists (then `AlreadyExists`). A hard link is the
    /// atomic no-clobber move; file systems without links fall back to check-then-rename, which
    /// is safe here because we hold the folder lock.
    pub(crate) fn move_no_clobber(&self, from: &Path, to: &Path) -> io::Result<()> {
        match fs::hard_link(from, to) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
            Err(_) => {
                if fs::symlink_metadata(to).is_ok() {
                    return Err(io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        format!("{} 已存在", to.display()),
                    ));
                }
                fs::rename(from, to)?;
                self.note_placed(to);
                self.note(|| DiskOp::Removed {
                    path: from.to_path_buf(),
                });
                return Ok(());
            }
        }
        self.note_placed(to);
        self.remove_file(from)
    }

    fn note_placed(&self, path: &Path) {
        self.note(|| DiskOp::Placed {
            path: path.to_path_buf(),
            bytes: fs::read(path).unwrap_or_default(),
        });
    }
}

/// Prefix and suffix of our temporary files, so listings can skip leftovers of a crash.
pub(crate) const TEMP_PREFIX: &str = ".jiaoguan-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// Replaces `path` with `bytes` atomically and durably.
///
/// Temp file in the same folder (rename cannot cross file systems) → write → fsync → 0600 →
/// rename over the target → fsync the folder. When this returns `Ok`, the save may be acknowledged.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_then(&UNRECORDED, path, bytes, || Ok(()))
}

/// `write_atomic`, calling `before_rename` once the temporary file is durable and before it
/// replaces the target (the store's fault seam); its error stops the write there.
pub(crate) fn write_atomic_then(
    disk: &Disk,
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.file_name().is_none() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} 不是文件路径", path.display()),
        ));
    }
    create_private_dir_all(disk, parent)?;

    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(parent)?;
    tmp.as_file_mut().write_all(bytes)?;
    set_private_file(tmp.path())?;
    tmp.as_file().sync_all()?;
    before_rename()?;
    // On failure the temp file is removed when `PersistError` (which owns it) drops.
    tmp.persist(path).map_err(|e| e.error)?;
    disk.note(|| DiskOp::Placed {
        path: path.to_path_buf(),
        bytes: bytes.to_vec(),
    });
    disk.sync_dir(parent)
}

/// Creates `dir` and any missing parents as 0700; existing folders are left as they are. Each
/// new folder's entry is fsynced in its parent, or a crash could lose the folder and its files.
pub(crate) fn create_private_dir_all(disk: &Disk, dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut created = Vec::new();
    let mut cursor = Some(dir);
    while let Some(d) = cursor {
        if d.as_os_str().is_empty() || fs::symlink_metadata(d).is_ok() {
            break;
        }
        created.push(d);
        cursor = d.parent();
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    for d in created.iter().rev() {
        disk.note(|| DiskOp::MadeDir {
            path: d.to_path_buf(),
        });
    }
    for d in created {
        match d.parent() {
            Some(p) if !p.as_os_str().is_empty() => disk.sync_dir(p)?,
            _ => disk.sync_dir(Path::new("."))?,
        }
    }
    Ok(())
}

/// Sets 0600 so personal data is readable by its owner only. No-op off Unix.
pub(crate) fn set_private_file(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Opens (creating as 0600) a file for locking; never truncates, it holds no data.
pub(crate) fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}
