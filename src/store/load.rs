//! What loading one file can come to: read, read-only (a newer build's), skipped, moved aside,
//! or restored from its previous generation; and the Chinese notice for the operator.

use std::fmt;
use std::path::PathBuf;

/// The outcome of loading one file. Only I/O failures are errors; a bad file is a normal result.
#[derive(Debug)]
pub enum Load<T> {
    /// No such file.
    Missing,
    /// Parsed, schema not newer than this build's.
    Ready(T),
    /// Written by a newer build but still parses: usable, never rewritten.
    ReadOnly(T),
    /// Written by a newer build and does not parse here: skipped and left in place, since it is
    /// not corrupt, only newer.
    TooNew { path: PathBuf, version: u32 },
    /// Unreadable: moved into `quarantine/`.
    Quarantined(Quarantine),
    /// Unreadable and moved into `quarantine/`, and its previous generation (saved at
    /// `saved_at`) put back in its place.
    Restored {
        value: T,
        quarantine: Quarantine,
        saved_at: Option<chrono::DateTime<chrono::Local>>,
    },
}

impl<T> Load<T> {
    /// The value, if one could be read.
    pub fn into_value(self) -> Option<T> {
        match self {
            Load::Ready(v) | Load::ReadOnly(v) | Load::Restored { value: v, .. } => Some(v),
            Load::Missing | Load::TooNew { .. } | Load::Quarantined(_) => None,
        }
    }

    /// A Chinese message for the operator when the file was skipped or moved aside.
    pub fn notice(&self) -> Option<String> {
        match self {
            Load::TooNew { path, version } => Some(format!(
                "文件 {} 来自更新版本的 jiaoguan（schema_version {}），已跳过",
                path.display(),
                version
            )),
            Load::Quarantined(q) => Some(q.to_string()),
            Load::Restored {
                quarantine,
                saved_at,
                ..
            } => Some(format!(
                "{quarantine}；已恢复为上一次保存的内容{}",
                saved_at
                    .map(|at| format!("（{} 保存）", at.format("%Y-%m-%d %H:%M:%S")))
                    .unwrap_or_default()
            )),
            Load::Missing | Load::Ready(_) | Load::ReadOnly(_) => None,
        }
    }
}

/// A file that could not be read and was moved, byte-identical, out of the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quarantine {
    pub original: PathBuf,
    /// `original` itself when the folder is read-only and the file could not be moved.
    pub moved_to: PathBuf,
    /// Chinese, with line and column when the parser gave them.
    pub reason: String,
}

impl fmt::Display for Quarantine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.moved_to == self.original {
            return write!(
                f,
                "文件 {} 无法读取（{}），数据目录只读，文件留在原处",
                self.original.display(),
                self.reason
            );
        }
        write!(
            f,
            "文件 {} 无法读取（{}），已移到 {}",
            self.original.display(),
            self.reason,
            self.moved_to.display()
        )
    }
}
