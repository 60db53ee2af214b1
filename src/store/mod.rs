//! The data folder: one RON file per profile and per application, each replaced atomically
//!. Never touches the terminal.
//!
//! Guarantees: one program per folder at a time, a save is durable before it returns
//! an unreadable file is moved aside byte-identical and reported, never overwritten
//! a file from a newer build is never rewritten, one RON configuration everywhere
//! files 0600 and folders 0700.

mod atomic;
mod journal;
mod load;
mod lock;
pub mod reports;
mod ron_format;
#[cfg(test)]
mod tests;
mod tidy;

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use anyhow::{Context, anyhow, bail};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use atomic::{DiskOp, write_atomic};
pub use journal::{CommitError, FaultPoint, JOURNAL_FILE, Journal, Op};
pub use load::{Load, Quarantine};
pub use lock::{LOCK_FILE, OpenError};
pub use ron_format::{
    RECURSION_LIMIT, describe_error, from_ron, leading_schema_version, pretty_config,
    probe_schema_version, ron_options, to_ron,
};

/// Larger files are not parsed at all: ron has quadratic cases, and no file of ours comes close.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A journal may carry several whole files (a migration batch, many messages); it is read with
/// this larger cap so that no committed command is ever refused at redo for its size.
pub const MAX_JOURNAL_BYTES: u64 = 64 * 1024 * 1024;

/// Folder (inside the data folder) that receives files that could not be read.
pub const QUARANTINE_DIR: &str = "quarantine";

/// A persisted file type. Its RON form is a struct whose first field is `schema_version: u32`,
/// so any build can tell which version wrote a file before parsing the rest.
pub trait Versioned: Serialize + DeserializeOwned {
    /// The version this build writes; files with a higher one are opened read-only.
    const SCHEMA_VERSION: u32;
    /// What the file holds, in Chinese, for messages (e.g. "个人资料").
    const KIND: &'static str;

    /// Parses a file that says it is of `version` (at most this build's): a type whose older
    /// versions have another shape reads them here and upcasts them.
    fn decode(_version: u32, text: &str) -> Result<Self, ron::error::SpannedError> {
        from_ron(text)
    }
}

/// An opened data folder, held under an exclusive lock until dropped.
#[derive(Debug)]
pub struct DataDir {
    path: PathBuf,
    /// Holding the handle holds the lock; closing it (drop, or process death) releases it.
    /// The open `LOCK` file: held for the lock, and compared with what the folder's path holds
    /// before each write, to notice the folder deleted or replaced under the program.
    lock: File,
    /// Normalized relative paths loaded from a newer schema: `save` refuses them.
    read_only: Mutex<BTreeSet<String>>,
    /// The test seam: where the next commit stops as if the program died there.
    fault: Mutex<Option<FaultPoint>>,
    /// Set once a fault fired: a dead program writes nothing more.
    dead: AtomicBool,
    /// Set once the folder was found deleted or replaced: nothing more is written.
    gone: AtomicBool,
    /// Whether the folder was empty or absent when opened: made private without a word.
    fresh: bool,
    /// The write seam every change to the folder goes through (recorded for power-loss tests).
    disk: atomic::Disk,
    /// Why the folder cannot be written, when it cannot: it is browsed, and every commit is
    /// refused with this reason.
    unwritable: Option<String>,
    /// A journal whose operations could not all be applied: redone before the next commit.
    pending: AtomicBool,
    /// What opening the folder repaired (a journal redone), for the operator.
    opened_notices: Mutex<Vec<String>>,
}

/// Whether a file keeps its previous generation beside it: the profiles and the open
/// applications, whose loss a damaged file would otherwise turn into demo data or nothing.
pub(crate) fn keeps_generation(rel: &str) -> bool {
    rel.starts_with("profiles/") || rel.starts_with("applications/")
}

/// Where the previous generation of `path` is kept: `<name>.prev` beside it (listings of
/// `.ron` files do not see it).
pub(crate) fn generation_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".prev");
    PathBuf::from(name)
}

impl DataDir {
    /// Creates the folder (0700) if needed and locks it, failing at once if another program
    /// holds it: two writers on one folder would lose each other's saves.
    pub fn open(path: &Path) -> Result<DataDir, OpenError> {
        // An empty or new folder (a fresh temporary one, say) is made private without a word.
        // A folder with a `LOCK` has been opened before (the file is never removed), which
        // spares every later start listing the folder.
        let fresh = !path.join(LOCK_FILE).exists()
            && fs::read_dir(path).map_or(true, |mut entries| entries.next().is_none());
        let (lock, access) = lock::acquire(path)?;
        let unwritable = match access {
            lock::Access::Writable => None,
            lock::Access::ReadOnly(e) => Some(lock::describe(&e)),
        };
        let dir = DataDir {
            path: path.to_path_buf(),
            lock,
            read_only: Mutex::new(BTreeSet::new()),
            fault: Mutex::new(None),
            dead: AtomicBool::new(false),
            gone: AtomicBool::new(false),
            fresh,
            disk: atomic::Disk::default(),
            unwritable,
            pending: AtomicBool::new(false),
            opened_notices: Mutex::new(Vec::new()),
        };
        if let Some(reason) = &dir.unwritable {
            // A command a crash left half-applied cannot be finished here, and reading the
            // folder without it would show the command in part.
            if path.join(JOURNAL_FILE).exists() {
                return Err(OpenError::Io {
                    dir: path.to_path_buf(),
                    source: io::Error::other(format!(
                        "{reason}，而上次中断的写入尚未完成，无法补写；请让目录可写后再打开"
                    )),
                });
            }
            relock(&dir.opened_notices).push(format!(
                "数据目录 {} {reason}：本次只读打开，可以浏览，不能提交或保存",
                path.display()
            ));
            return Ok(dir);
        }
        // Right after taking the lock, before anything is read: a command a crash interrupted
        // after its commit point is finished now, so every later read sees it whole.
        match dir.redo_journal() {
            Ok(Some(notice)) => relock(&dir.opened_notices).push(notice),
            Ok(None) => {}
            Err(e) => {
                return Err(OpenError::Io {
                    dir: path.to_path_buf(),
                    source: io::Error::other(format!("无法完成上次中断的写入：{e:#}")),
                });
            }
        }
        Ok(dir)
    }

    /// Removes the leftovers of a crash and tightens loose permissions; what it did, for the
    /// operator (nothing for a folder that was empty when opened). Run after the first frame:
    /// it walks every file, and reading never needed it (listings skip temporary files).
    pub fn tidy(&self) -> Vec<String> {
        if self.unwritable.is_some() {
            return Vec::new();
        }
        match tidy::tidy(&self.path) {
            Ok(_) if self.fresh => Vec::new(),
            Ok(done) => done.notices(),
            Err(e) => vec![format!("整理数据目录时出错：{e}")],
        }
    }

    /// What opening the folder repaired, once.
    pub fn take_open_notices(&self) -> Vec<String> {
        std::mem::take(&mut *relock(&self.opened_notices))
    }

    /// Whether the folder was empty or absent when opened (a first start).
    pub fn is_fresh(&self) -> bool {
        self.fresh
    }

    /// Why the folder cannot be written, when it was opened read-only.
    pub fn unwritable(&self) -> Option<&str> {
        self.unwritable.as_deref()
    }

    /// The power-loss seam: from now on every change to the folder's entries and every folder
    /// fsync is recorded, with each commit's acknowledgement. Not used by the program itself.
    pub fn record_writes(&self) {
        self.disk.record();
    }

    /// What was recorded since `record_writes` or the last call.
    pub fn take_writes(&self) -> Vec<DiskOp> {
        self.disk.take_recorded()
    }

    /// The test seam:
    /// the next commit stops at `point`. Not used by the program itself.
    pub fn inject_fault(&self, point: FaultPoint) {
        *relock(&self.fault) = Some(point);
    }

    /// Whether an injected fault has "killed" this handle.
    pub fn is_dead(&self) -> bool {
        self.dead.load(Ordering::SeqCst)
    }

    /// Fires the injected fault if it is `point`.
    fn fault_at(&self, point: FaultPoint) -> io::Result<()> {
        let mut fault = relock(&self.fault);
        if *fault == Some(point) {
            *fault = None;
            if !matches!(point, FaultPoint::FailOp(_)) {
                self.dead.store(true, Ordering::SeqCst);
            }
            return Err(io::Error::other(format!("注入的故障：{point:?}")));
        }
        Ok(())
    }

    fn refuse_when_dead(&self) -> anyhow::Result<()> {
        if self.is_dead() {
            bail!("数据目录已停止写入（注入的故障）");
        }
        if let Some(reason) = &self.unwritable {
            bail!("数据目录{reason}，本次只读打开：可以浏览，不能提交或保存");
        }
        if self.gone.load(Ordering::SeqCst) || !self.still_ours() {
            // Writing on would re-create the folder's files with no lock in them, and a second
            // program could then open the same folder: stop instead, and say so.
            self.gone.store(true, Ordering::SeqCst);
            bail!(
                "数据目录 {} 在程序运行时被删除或替换，程序已停止写入，以免与另一个程序同时写入同一目录。请退出后重新启动",
                self.path.display()
            );
        }
        Ok(())
    }

    /// Whether the folder at our path is still the one we locked: its `LOCK` is our open file.
    #[cfg(unix)]
    fn still_ours(&self) -> bool {
        use std::os::unix::fs::MetadataExt;
        match (
            self.lock.metadata(),
            fs::metadata(self.path.join(LOCK_FILE)),
        ) {
            (Ok(held), Ok(there)) => held.dev() == there.dev() && held.ino() == there.ino(),
            _ => false,
        }
    }

    #[cfg(not(unix))]
    fn still_ours(&self) -> bool {
        self.path.join(LOCK_FILE).exists()
    }

    /// The operation that writes `value` to `rel`, checked as `save` checks it. `fresh`: the
    /// file must not exist yet (a new application).
    pub fn put<T: Versioned>(&self, rel: &str, value: &T, fresh: bool) -> anyhow::Result<Op> {
        let (key, text) = self.encode(rel, value)?;
        Ok(Op::Put {
            path: key,
            text,
            fresh,
        })
    }

    /// Applies `ops` as one command: all of them or, if the program dies before the commit
    /// point, none. See `journal.rs`.
    pub fn commit(&self, ops: Vec<Op>) -> Result<(), CommitError> {
        let not_committed = CommitError::NotCommitted;
        if ops.is_empty() {
            return Ok(());
        }
        self.refuse_when_dead().map_err(not_committed)?;
        if self.pending.load(Ordering::SeqCst) {
            self.redo_journal()
                .context("上一次的写入尚未完成")
                .map_err(not_committed)?;
        }
        let mut checked = Vec::with_capacity(ops.len());
        for op in ops {
            checked.push(self.checked(op, true).map_err(not_committed)?);
        }
        let journal = Journal {
            schema_version: journal::JOURNAL_SCHEMA_VERSION,
            ops: checked,
        };
        let text = to_ron(&journal).map_err(not_committed)?;
        let journal_path = self.path.join(JOURNAL_FILE);
        let written = atomic::write_atomic_then(&self.disk, &journal_path, text.as_bytes(), || {
            self.fault_at(FaultPoint::BeforeJournalRename)
        });
        if let Err(e) = written {
            // The rename may have happened before a later step (the folder's fsync) failed: the
            // journal in place with our bytes means the command happened.
            let in_place = fs::read(&journal_path).is_ok_and(|b| b == text.as_bytes());
            if self.is_dead() || !in_place {
                return Err(not_committed(
                    anyhow::Error::new(e).context("写入操作日志失败"),
                ));
            }
        }
        let pending = |e: anyhow::Error| {
            self.pending.store(true, Ordering::SeqCst);
            CommitError::Pending(e)
        };
        self.fault_at(FaultPoint::AfterJournalRename)
            .map_err(|e| pending(e.into()))?;
        self.apply_all(&journal.ops, true).map_err(pending)?;
        self.fault_at(FaultPoint::BeforeJournalRemoval)
            .map_err(|e| pending(e.into()))?;
        self.remove_journal().map_err(pending)?;
        self.disk.note(|| DiskOp::Acknowledged);
        Ok(())
    }

    /// Applies every operation in order (with the fault seam when `seam`).
    fn apply_all(&self, ops: &[Op], seam: bool) -> anyhow::Result<()> {
        for (n, op) in ops.iter().enumerate() {
            if seam {
                self.fault_at(FaultPoint::FailOp(n))?;
            }
            journal::apply(&self.disk, &self.path, op)
                .with_context(|| format!("写入 {} 失败", op.paths().join("、")))?;
            if seam {
                self.fault_at(FaultPoint::AfterOp(n))?;
            }
        }
        Ok(())
    }

    fn remove_journal(&self) -> anyhow::Result<()> {
        match self.disk.remove_file(&self.path.join(JOURNAL_FILE)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).context("删除操作日志失败"),
        }
        self.disk.sync_dir(&self.path).context("删除操作日志失败")?;
        self.pending.store(false, Ordering::SeqCst);
        Ok(())
    }

    /// Redoes a journal left in place by a crash or a failed write, then removes it. A journal
    /// that cannot be read is moved to `quarantine/` (its command is lost, and the notice says
    /// so) rather than applied in part.
    fn redo_journal(&self) -> anyhow::Result<Option<String>> {
        self.refuse_when_dead()?;
        let path = self.path.join(JOURNAL_FILE);
        let text = match read_capped(&path, MAX_JOURNAL_BYTES).context("读取操作日志失败")?
        {
            Capped::Missing => return Ok(None),
            Capped::TooBig => {
                let q = self.quarantine(&path, "文件过大".into())?;
                return Ok(Some(format!("上次中断的操作无法恢复：{q}")));
            }
            Capped::Bytes(bytes) => String::from_utf8(bytes).ok(),
        };
        let journal = text.as_deref().map(from_ron::<Journal>);
        let Some(Ok(journal)) = journal else {
            let reason = match journal {
                Some(Err(e)) => describe_error(&e),
                _ => "不是有效的 UTF-8 文本".to_string(),
            };
            let q = self.quarantine(&path, reason)?;
            return Ok(Some(format!("上次中断的操作无法恢复：{q}")));
        };
        let mut ops = Vec::with_capacity(journal.ops.len());
        for op in journal.ops {
            ops.push(self.checked(op, false)?);
        }
        self.apply_all(&ops, false)?;
        self.remove_journal()?;
        Ok(Some(format!(
            "已补完上次中断时正在写入的一次操作（{}个文件）",
            ops.len()
        )))
    }

    /// Normalizes an operation's paths (they must stay inside the folder) and refuses files
    /// from a newer build; before the commit point, a fresh file must not exist yet (on redo it
    /// may: the operation was applied before the crash).
    fn checked(&self, op: Op, before_commit: bool) -> anyhow::Result<Op> {
        let key = |rel: &str| -> anyhow::Result<String> {
            let key = normalize_rel(rel, false)?;
            if self.read_only_set().contains(&key) {
                bail!("{key} 来自更新版本的 jiaoguan，只读打开，不会被改写");
            }
            if key == JOURNAL_FILE || key == LOCK_FILE {
                bail!("{key} 不能作为操作对象");
            }
            Ok(key)
        };
        Ok(match op {
            Op::Put { path, text, fresh } => {
                let path = key(&path)?;
                if fresh && before_commit && self.path.join(&path).exists() {
                    bail!("{path} 已存在，不会被覆盖");
                }
                Op::Put { path, text, fresh }
            }
            Op::Delete { path } => Op::Delete { path: key(&path)? },
            Op::DeleteTree { path } => Op::DeleteTree { path: key(&path)? },
            Op::Move { from, to } => Op::Move {
                from: key(&from)?,
                to: key(&to)?,
            },
        })
    }

    /// Checks that `value` may be written to `rel` and renders it.
    fn encode<T: Versioned>(&self, rel: &str, value: &T) -> anyhow::Result<(String, String)> {
        let context = || format!("保存{} {} 失败", T::KIND, rel);
        let key = normalize_rel(rel, false).with_context(context)?;
        if self.read_only_set().contains(&key) {
            return Err(anyhow!(
                "此文件来自更新版本的 jiaoguan，只读打开，不会被改写"
            ))
            .with_context(context);
        }
        let text = to_ron(value).with_context(context)?;
        match probe_schema_version(&text) {
            Ok(Some(v)) if v == T::SCHEMA_VERSION => Ok((key, text)),
            Ok(Some(v)) => Err(anyhow!(
                "内容的 schema_version 是 {v}，应为 {}",
                T::SCHEMA_VERSION
            ))
            .with_context(context),
            Ok(None) => Err(anyhow!("内容缺少 schema_version 字段")).with_context(context),
            Err(e) => {
                Err(anyhow!("生成的 RON 无法读回：{}", describe_error(&e))).with_context(context)
            }
        }
    }

    /// The folder as given to `open`.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The full path of `rel` (use `/` as separator). Not validated; `save`/`load`/`list` are.
    pub fn file(&self, rel: &str) -> PathBuf {
        self.path.join(rel)
    }

    /// Whether `rel` was loaded from a newer schema and must not be written.
    pub fn is_read_only(&self, rel: &str) -> bool {
        normalize_rel(rel, false).is_ok_and(|key| self.read_only_set().contains(&key))
    }

    /// Writes `value` to `rel` atomically: a commit of one operation.
    pub fn save<T: Versioned>(&self, rel: &str, value: &T) -> anyhow::Result<()> {
        let op = self.put(rel, value, false)?;
        self.commit(vec![op]).map_err(anyhow::Error::new)
    }

    /// Reads `rel`. A file that cannot be parsed is moved into `quarantine/` (never deleted,
    /// never overwritten); one from a newer schema is left where it is and marked read-only.
    pub fn load<T: Versioned>(&self, rel: &str) -> anyhow::Result<Load<T>> {
        let load = self.load_one(rel)?;
        let Load::Quarantined(quarantine) = load else {
            return Ok(load);
        };
        // A damaged profile or application comes back from its last good generation.
        let key = normalize_rel(rel, false)?;
        let path = self.path.join(&key);
        let kept = generation_of(&path);
        if !keeps_generation(&key) || !kept.exists() {
            return Ok(Load::Quarantined(quarantine));
        }
        let saved_at = fs::metadata(&kept)
            .and_then(|m| m.modified())
            .ok()
            .map(chrono::DateTime::<chrono::Local>::from);
        let restored = fs::read_to_string(&kept).ok().and_then(|text| {
            let version = probe_schema_version(&text).ok()??;
            let value = T::decode(version.min(T::SCHEMA_VERSION), &text).ok()?;
            Some((text, value))
        });
        match restored {
            Some((text, value)) => {
                if self.unwritable.is_none() {
                    self.disk
                        .write_atomic(&path, text.as_bytes())
                        .with_context(|| format!("无法恢复 {rel} 的上一次保存"))?;
                }
                Ok(Load::Restored {
                    value,
                    quarantine,
                    saved_at,
                })
            }
            None => Ok(Load::Quarantined(quarantine)),
        }
    }

    fn load_one<T: Versioned>(&self, rel: &str) -> anyhow::Result<Load<T>> {
        let context = || format!("读取{} {} 失败", T::KIND, rel);
        let key = normalize_rel(rel, false).with_context(context)?;
        let path = self.path.join(&key);

        let bytes = match read_capped(&path, MAX_FILE_BYTES).with_context(context)? {
            Capped::Missing => return Ok(Load::Missing),
            Capped::TooBig => {
                let reason = format!("文件超过 {} MiB 上限", MAX_FILE_BYTES / (1024 * 1024));
                return self.quarantined(&path, reason).with_context(context);
            }
            Capped::Bytes(b) => b,
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let reason = utf8_reason(e.as_bytes(), e.utf8_error().valid_up_to());
                return self.quarantined(&path, reason).with_context(context);
            }
        };
        let probed = leading_schema_version(&text)
            .map_or_else(|| probe_schema_version(&text), |v| Ok(Some(v)));
        let version = match probed {
            Ok(Some(v)) => v,
            Ok(None) => {
                let reason = "缺少 schema_version 字段".to_string();
                return self.quarantined(&path, reason).with_context(context);
            }
            Err(e) => {
                return self
                    .quarantined(&path, describe_error(&e))
                    .with_context(context);
            }
        };
        if version > T::SCHEMA_VERSION {
            self.read_only_set().insert(key);
            return Ok(match T::decode(T::SCHEMA_VERSION, &text) {
                Ok(v) => Load::ReadOnly(v),
                Err(_) => Load::TooNew { path, version },
            });
        }
        match T::decode(version, &text) {
            Ok(v) => Ok(Load::Ready(v)),
            Err(e) => self
                .quarantined(&path, describe_error(&e))
                .with_context(context),
        }
    }

    /// Deletes `rel`, durably: a commit of one operation. Already absent is fine. Refuses files
    /// loaded from a newer schema, which this build must not destroy.
    pub fn remove(&self, rel: &str) -> anyhow::Result<()> {
        self.commit(vec![Op::Delete {
            path: rel.to_string(),
        }])
        .map_err(anyhow::Error::new)
        .with_context(|| format!("删除 {rel} 失败"))
    }

    /// Whether `rel` exists (a file or a folder).
    pub fn exists(&self, rel: &str) -> bool {
        normalize_rel(rel, true).is_ok_and(|key| self.path.join(key).exists())
    }

    /// Names of the entries of folder `rel_dir` (files and folders, hidden and temporary ones
    /// skipped), sorted. A missing folder lists as empty.
    pub fn names(&self, rel_dir: &str) -> io::Result<Vec<String>> {
        let key = normalize_rel(rel_dir, true)?;
        let entries = match fs::read_dir(self.path.join(&key)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut out = Vec::new();
        for entry in entries {
            let name = entry?.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.starts_with('.') || name.ends_with(atomic::TEMP_SUFFIX) {
                continue;
            }
            out.push(name.to_string());
        }
        out.sort();
        Ok(out)
    }

    /// Relative paths (`dir/name.ext`) of the regular files in `rel_dir` ending in `.ext`,
    /// sorted; hidden and temporary files are skipped. A missing folder lists as empty.
    pub fn list(&self, rel_dir: &str, ext: &str) -> io::Result<Vec<String>> {
        let key = normalize_rel(rel_dir, true)?;
        let dir = self.path.join(&key);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let ext = ext.trim_start_matches('.');
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.starts_with('.') || name.ends_with(atomic::TEMP_SUFFIX) {
                continue;
            }
            if Path::new(name).extension() != Some(OsStr::new(ext)) {
                continue;
            }
            if !entry.file_type()?.is_file() {
                continue;
            }
            out.push(if key.is_empty() {
                name.to_string()
            } else {
                format!("{key}/{name}")
            });
        }
        out.sort();
        Ok(out)
    }

    fn read_only_set(&self) -> MutexGuard<'_, BTreeSet<String>> {
        relock(&self.read_only)
    }

    fn quarantined<T>(&self, path: &Path, reason: String) -> anyhow::Result<Load<T>> {
        self.quarantine(path, reason).map(Load::Quarantined)
    }

    /// Moves `original` into `quarantine/<name>.<UTC stamp>.<n>`, never replacing anything there.
    fn quarantine(&self, original: &Path, reason: String) -> anyhow::Result<Quarantine> {
        if self.unwritable.is_some() {
            return Ok(Quarantine {
                original: original.to_path_buf(),
                moved_to: original.to_path_buf(),
                reason,
            });
        }
        let qdir = self.path.join(QUARANTINE_DIR);
        atomic::create_private_dir_all(&self.disk, &qdir)
            .with_context(|| format!("无法创建隔离目录 {}", qdir.display()))?;
        let name = original
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "unnamed".to_string());
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
        let mut moved_to = None;
        for n in 1..=10_000u32 {
            let candidate = qdir.join(format!("{name}.{stamp}.{n}"));
            match self.disk.move_no_clobber(original, &candidate) {
                Ok(()) => {
                    moved_to = Some(candidate);
                    break;
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!(
                            "无法把无法读取的文件 {} 移到 {}（原因：{}）",
                            original.display(),
                            qdir.display(),
                            reason
                        )
                    });
                }
            }
        }
        let Some(moved_to) = moved_to else {
            bail!("隔离目录 {} 中同名文件过多", qdir.display());
        };
        // Best effort: the move already happened; these only make it durable and private.
        let _ = atomic::set_private_file(&moved_to);
        let _ = self.disk.sync_dir(&qdir);
        if let Some(parent) = original.parent() {
            let _ = self.disk.sync_dir(parent);
        }
        Ok(Quarantine {
            original: original.to_path_buf(),
            moved_to,
            reason,
        })
    }
}

/// A panic elsewhere cannot leave these plain values (sets, flags, notices) inconsistent, so a
/// poisoned lock is used as it is.
fn relock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Checks that `rel` stays inside the data folder and returns it as `a/b/c`: absolute paths
/// and `..` would let a crafted name read or write outside it.
fn normalize_rel(rel: &str, allow_empty: bool) -> io::Result<String> {
    let mut parts = Vec::new();
    for component in Path::new(rel).components() {
        match component {
            Component::Normal(part) => match part.to_str() {
                Some(s) => parts.push(s),
                None => return Err(bad_rel(rel)),
            },
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(bad_rel(rel));
            }
        }
    }
    if parts.is_empty() && !allow_empty {
        return Err(bad_rel(rel));
    }
    Ok(parts.join("/"))
}

fn bad_rel(rel: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("路径 {rel:?} 不是数据目录内的相对路径"),
    )
}

enum Capped {
    Missing,
    TooBig,
    Bytes(Vec<u8>),
}

/// Reads at most `cap + 1` bytes, so a huge file costs no more than the cap. The handle is
/// closed on return, so the file can then be renamed (Windows refuses otherwise).
fn read_capped(path: &Path, cap: u64) -> io::Result<Capped> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Capped::Missing),
        Err(e) => return Err(e),
    };
    // Sized from the file's length, so a whole file comes in one read instead of a doubling
    // series of them (`take` hides the length from `read_to_end`).
    let length = file.metadata().map_or(0, |m| m.len()).min(cap);
    let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or(0).saturating_add(1));
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        Ok(Capped::TooBig)
    } else {
        Ok(Capped::Bytes(bytes))
    }
}

/// `第L行第C列：不是有效的 UTF-8 文本`, pointing at the first bad byte.
fn utf8_reason(bytes: &[u8], valid_up_to: usize) -> String {
    let valid = String::from_utf8_lossy(&bytes[..valid_up_to.min(bytes.len())]);
    let line = valid.matches('\n').count() + 1;
    let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("第{line}行第{col}列：不是有效的 UTF-8 文本")
}
