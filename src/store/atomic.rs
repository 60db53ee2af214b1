//! Crash-safe file replacement and private permissions.
//!
//! Only "rename of an fsynced file is atomic, and durable after a folder fsync" is relied on, so a
//! reader sees either the old bytes or the new ones, never a mix.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Prefix and suffix of our temporary files, so listings can skip leftovers of a crash.
pub(crate) const TEMP_PREFIX: &str = ".jiaoguan-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// Replaces `path` with `bytes` atomically and durably.
///
/// Temp file in the same folder (rename cannot cross file systems) → write → fsync → 0600 →
/// rename over the target → fsync the folder. When this returns `Ok`, the save may be acknowledged.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_then(path, bytes, || Ok(()))
}

/// `write_atomic`, calling `before_rename` once the temporary file is durable and before it
/// replaces the target (the store's fault seam); its error stops the write there.
pub(crate) fn write_atomic_then(
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
    create_private_dir_all(parent)?;

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
    sync_dir(parent)
}

/// Creates `dir` and any missing parents as 0700; existing folders are left as they are. Each
/// new folder's entry is fsynced in its parent, or a crash could lose the folder and its files.
pub(crate) fn create_private_dir_all(dir: &Path) -> io::Result<()> {
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
    for d in created {
        match d.parent() {
            Some(p) if !p.as_os_str().is_empty() => sync_dir(p)?,
            _ => sync_dir(Path::new("."))?,
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

/// Makes a folder's entries (a rename, a new file) durable. Windows cannot fsync a folder
/// through std, so there it is a no-op.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
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
