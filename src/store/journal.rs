//! One commit per command.
//!
//! A command that changes several files writes them as one redo journal, `journal.ron`: every
//! file's new bytes and every path to delete. The journal's rename is the commit point. Before
//! it nothing on disk changed; after it the operations are applied with ordinary atomic writes,
//! and a crash anywhere in between is repaired by redoing the journal when the folder is opened
//! again. Every operation is idempotent, so a journal can be redone any number of times.

use std::fs;
use std::io;
use std::path::Path;

use super::atomic::{Disk, create_private_dir_all};

use serde::{Deserialize, Serialize};

/// The journal's file name, in the data folder's root.
pub const JOURNAL_FILE: &str = "journal.ron";

pub const JOURNAL_SCHEMA_VERSION: u32 = 1;

/// One change to the data folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// Replace (or create) `path` with `text`. With `fresh`, the file must not exist before the
    /// command (a new application: no number is ever reused); on redo, the same bytes already in
    /// place count as done.
    Put {
        path: String,
        text: String,
        fresh: bool,
    },
    /// Delete `path`; already absent is fine.
    Delete { path: String },
    /// Delete the folder `path` and everything in it (a demo reset); already absent is fine.
    DeleteTree { path: String },
    /// Move `from` to `to` without replacing anything at `to` (a migration moving files it did
    /// not write); on redo, `from` gone and `to` present counts as done.
    Move { from: String, to: String },
}

impl Op {
    /// The paths the operation writes or removes.
    pub fn paths(&self) -> Vec<&str> {
        match self {
            Op::Put { path, .. } | Op::Delete { path } | Op::DeleteTree { path } => vec![path],
            Op::Move { from, to } => vec![from, to],
        }
    }
}

/// `journal.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    pub schema_version: u32,
    pub ops: Vec<Op>,
}

/// A point in the write path where the test suite can make the program "die" (fault injection
/// goes through a seam in the store, not through the operating system). Once it
/// fires, the folder behaves as a dead process would: nothing more is written through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultPoint {
    /// The journal's bytes are in a temporary file, not yet renamed: the command never happened.
    BeforeJournalRename,
    /// The journal is in place, no operation applied: the command happened.
    AfterJournalRename,
    /// Operation `n` (from 0) has been applied, the later ones not.
    AfterOp(usize),
    /// Every operation applied, the journal not yet removed.
    BeforeJournalRemoval,
    /// Operation `n` fails as a full disk would, without killing the program.
    FailOp(usize),
}

/// Why a commit did not complete.
#[derive(Debug)]
pub enum CommitError {
    /// The journal was not written: nothing changed, the command did not happen.
    NotCommitted(anyhow::Error),
    /// The journal is in place but an operation failed: the command happened, and the journal
    /// is redone before the next commit and at the next start.
    Pending(anyhow::Error),
}

impl std::fmt::Display for CommitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CommitError::NotCommitted(e) | CommitError::Pending(e) => write!(f, "{e:#}"),
        }
    }
}

impl std::error::Error for CommitError {}

/// Applies one operation below `root`; safe to repeat.
pub(crate) fn apply(disk: &Disk, root: &Path, op: &Op) -> io::Result<()> {
    match op {
        Op::Put { path, text, fresh } => {
            let target = root.join(path);
            if *fresh {
                match fs::read(&target) {
                    Ok(existing) if existing == text.as_bytes() => return Ok(()),
                    Ok(_) => {
                        return Err(io::Error::new(
                            io::ErrorKind::AlreadyExists,
                            format!("{path} 已存在，不会被覆盖"),
                        ));
                    }
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
            if super::keeps_generation(path) {
                // The last good generation, kept beside it: a file damaged later is restored
                // from it at the next read (`DataDir::load`).
                match fs::read(&target) {
                    Ok(previous) if previous != text.as_bytes() => {
                        disk.write_atomic(&super::generation_of(&target), &previous)?
                    }
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
            disk.write_atomic(&target, text.as_bytes())
        }
        Op::Delete { path } => {
            remove(
                disk,
                &super::generation_of(&root.join(path)),
                Disk::remove_file,
            )?;
            remove(disk, &root.join(path), Disk::remove_file)
        }
        Op::DeleteTree { path } => remove(disk, &root.join(path), Disk::remove_dir_all),
        Op::Move { from, to } => {
            let (source, target) = (root.join(from), root.join(to));
            if !source.exists() && target.exists() {
                return Ok(());
            }
            if let Some(parent) = target.parent() {
                create_private_dir_all(disk, parent)?;
            }
            disk.move_no_clobber(&source, &target)?;
            remove(disk, &super::generation_of(&source), Disk::remove_file)?;
            sync_parent(disk, &target)?;
            sync_parent(disk, &source)
        }
    }
}

/// Removes `target` with `how`, durably; already absent is fine.
fn remove(disk: &Disk, target: &Path, how: fn(&Disk, &Path) -> io::Result<()>) -> io::Result<()> {
    match how(disk, target) {
        Ok(()) => sync_parent(disk, target),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

fn sync_parent(disk: &Disk, path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) if parent.exists() => disk.sync_dir(parent),
        _ => Ok(()),
    }
}
