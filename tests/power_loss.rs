//! A power cut anywhere in every running business loses nothing acknowledged.
//!
//! Every file is fsynced before it is put in place, so what a power loss can undo is the
//! folders' entries: the model here keeps a change to a folder only if that folder was fsynced
//! after it (the worst a file system may do). Each business's demo script is played with the
//! store's write seam recording; then, for every point where what is durable changes, the
//! folder as the disk would hold it after a cut there is rebuilt, reopened (a journal left is
//! redone), and must equal the folder after the last acknowledged commit or after the one in
//! flight, and load with no file unreadable.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use jiaoguan::app::play::play_recorded;
use jiaoguan::app::script;
use jiaoguan::store::{DataDir, DiskOp, JOURNAL_FILE, LOCK_FILE};

mod common;
use common::folder::{open_app_with, open_session, plan};
use common::scratch;

/// A folder's content: its subfolders and its files' bytes, by path relative to the root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Tree {
    dirs: BTreeSet<PathBuf>,
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl Tree {
    fn read(root: &Path) -> Tree {
        let mut tree = Tree::default();
        let mut stack = vec![PathBuf::new()];
        while let Some(rel) = stack.pop() {
            for entry in fs::read_dir(root.join(&rel)).expect("list") {
                let entry = entry.expect("entry");
                let path = rel.join(entry.file_name());
                if entry.file_type().expect("type").is_dir() {
                    tree.dirs.insert(path.clone());
                    stack.push(path);
                } else if path != Path::new(LOCK_FILE) {
                    tree.files
                        .insert(path.clone(), fs::read(root.join(&path)).expect("read"));
                }
            }
        }
        tree
    }

    fn write(&self, root: &Path) {
        for dir in &self.dirs {
            fs::create_dir_all(root.join(dir)).expect("mkdir");
        }
        for (path, bytes) in &self.files {
            fs::write(root.join(path), bytes).expect("write");
        }
    }

    /// Applies one recorded change (paths made relative to `root`).
    fn apply(&mut self, root: &Path, op: &DiskOp) {
        let rel = |p: &Path| {
            p.strip_prefix(root)
                .expect("inside the folder")
                .to_path_buf()
        };
        match op {
            DiskOp::Placed { path, bytes } => {
                let path = rel(path);
                // A file in a folder whose own creation was lost is lost with it.
                if path
                    .parent()
                    .is_none_or(|p| p.as_os_str().is_empty() || self.dirs.contains(p))
                {
                    self.files.insert(path, bytes.clone());
                }
            }
            DiskOp::Removed { path } => {
                self.files.remove(&rel(path));
            }
            DiskOp::RemovedTree { path } => {
                let path = rel(path);
                self.files.retain(|p, _| !p.starts_with(&path));
                self.dirs.retain(|p| !p.starts_with(&path));
            }
            DiskOp::MadeDir { path } => {
                self.dirs.insert(rel(path));
            }
            DiskOp::Synced { .. } | DiskOp::Acknowledged => {}
        }
    }
}

/// What the disk holds after a power cut just before `log[cut]`: a change survives only if its
/// folder was fsynced after it and before the cut.
fn durable(initial: &Tree, root: &Path, log: &[DiskOp], cut: usize) -> Tree {
    let mut tree = initial.clone();
    for (i, op) in log[..cut].iter().enumerate() {
        let Some(folder) = op.folder() else { continue };
        let synced = log[i + 1..cut]
            .iter()
            .any(|later| matches!(later, DiskOp::Synced { dir } if dir == folder));
        if synced {
            tree.apply(root, op);
        }
    }
    tree
}

/// The folder after each acknowledged commit, everything applied: `[0]` before any.
fn acknowledged_states(initial: &Tree, root: &Path, log: &[DiskOp]) -> Vec<Tree> {
    let mut states = vec![initial.clone()];
    let mut tree = initial.clone();
    for op in log {
        tree.apply(root, op);
        if *op == DiskOp::Acknowledged {
            states.push(tree.clone());
        }
    }
    states
}

/// Plays `script_text` with the write seam recording; returns the folder before it and the log.
fn record(root: &Path, script_text: &str) -> (Tree, Vec<DiskOp>) {
    // The seed `play --script` uses, which the scripts' expectations were written against.
    let mut app = open_app_with(
        root,
        &jiaoguan::app::session::SeedPlan { seed: 0, ..plan() },
    );
    let initial = Tree::read(root);
    app.session().dir().record_writes();
    let steps = script::parse_file(script_text).expect("script");
    play_recorded(&mut app, &steps, 100, 30, None).expect("the script plays to its end");
    let log = app.session().dir().take_writes();
    (initial, log)
}

/// Cuts where the durable folder or the acknowledged count changes: before any write, after
/// each fsync, after each acknowledgement.
fn cut_points(log: &[DiskOp]) -> Vec<usize> {
    let mut cuts = vec![0];
    for (i, op) in log.iter().enumerate() {
        if matches!(op, DiskOp::Synced { .. } | DiskOp::Acknowledged) {
            cuts.push(i + 1);
        }
    }
    cuts
}

#[test]
fn a_power_cut_anywhere_in_every_business_loses_nothing_acknowledged() {
    let scripts: Vec<_> = jiaoguan::assets::embedded()
        .filter(|(name, _)| name.starts_with("demo/scripts/"))
        .collect();
    assert!(scripts.len() >= 25, "{} scripts", scripts.len());
    let (mut cuts_tried, mut commits, mut redone) = (0, 0, 0);
    for (name, text) in scripts {
        let dir = scratch();
        let root = dir.path().join("data");
        let (initial, log) = record(&root, text);
        let states = acknowledged_states(&initial, &root, &log);
        assert!(states.len() > 1, "{name}: no commit recorded");
        commits += states.len() - 1;
        // Which states were already loaded whole by a session: the same folder loads the same.
        let mut loaded = BTreeSet::new();
        for cut in cut_points(&log) {
            let acknowledged = log[..cut]
                .iter()
                .filter(|op| **op == DiskOp::Acknowledged)
                .count();
            let after = scratch();
            let restarted = after.path().join("data");
            durable(&initial, &root, &log, cut).write(&restarted);
            redone += usize::from(restarted.join(JOURNAL_FILE).exists());
            drop(DataDir::open(&restarted).expect("reopens"));
            let found = Tree::read(&restarted);
            let state = if found == states[acknowledged] {
                acknowledged
            } else if states
                .get(acknowledged + 1)
                .is_some_and(|next| found == *next)
            {
                acknowledged + 1
            } else {
                panic!(
                    "{name}: a cut after write {cut} of {} (after {acknowledged} acknowledged commits) left another folder",
                    log.len()
                );
            };
            cuts_tried += 1;
            if !loaded.insert(state) {
                continue;
            }
            let session = open_session(&restarted);
            assert!(
                !session.notices.iter().any(|n| n.contains("无法读取")),
                "{name}, cut {cut}: {:?}",
                session.notices
            );
        }
    }
    eprintln!(
        "{cuts_tried} power cuts over {commits} acknowledged commits ({redone} with a journal to redo): 0 lost"
    );
    assert!(redone > 0, "no cut fell inside a commit");
}
