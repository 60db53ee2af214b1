//! Saved test reports: `reports/<stem>.md` for people and `reports/<stem>.json` for
//! `jiaoguan report`, each written atomically, in a folder of their own beside the data folder's
//! other files (nothing else reads or rebuilds it).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::atomic::write_atomic;

/// The folder of saved reports inside data folder `root`.
pub fn folder(root: &Path) -> PathBuf {
    root.join("reports")
}

/// Writes one report as `<stem>.md` and `<stem>.json` in `dir`; returns the Markdown file's path.
pub fn save(dir: &Path, stem: &str, markdown: &str, json: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建报告目录 {}", dir.display()))?;
    let md = dir.join(format!("{stem}.md"));
    write_atomic(&dir.join(format!("{stem}.json")), json.as_bytes())
        .with_context(|| format!("无法写入报告 {stem}.json"))?;
    write_atomic(&md, markdown.as_bytes()).with_context(|| format!("无法写入报告 {stem}.md"))?;
    Ok(md)
}

/// Every `.json` report in `dir`, by name, with its text; a missing folder has none.
pub fn load_all(dir: &Path) -> Result<Vec<(PathBuf, String)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("无法读取报告目录 {}", dir.display())),
    };
    let mut found = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("无法读取报告目录 {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("无法读取报告 {}", path.display()))?;
            found.push((path, text));
        }
    }
    found.sort();
    Ok(found)
}
