//! Embeds every file under `assets/` and `config/default.ron` into the binary, so that
//! `cargo run --release` works from a clean checkout with nothing else on disk. The defaults
//! are also embedded without their comments and layout, which every start parses.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "ron" || e == "txt") {
            out.push(path);
        }
    }
}

/// `text` (RON) without comments and with no whitespace outside strings but what keeps two
/// words apart: the same value, in a fifth of the bytes to scan.
fn compact_ron(text: &str) -> String {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let mut out = String::with_capacity(text.len() / 2);
    let mut chars = text.chars().peekable();
    let mut gap = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                gap = true;
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut depth = 1;
                while depth > 0 {
                    match chars.next() {
                        Some('*') if chars.peek() == Some(&'/') => {
                            chars.next();
                            depth -= 1;
                        }
                        Some('/') if chars.peek() == Some(&'*') => {
                            chars.next();
                            depth += 1;
                        }
                        Some(_) => {}
                        None => break,
                    }
                }
                gap = true;
            }
            c if c.is_whitespace() => gap = true,
            quote @ ('"' | '\'') => {
                if gap && out.ends_with(ident) {
                    out.push(' ');
                }
                gap = false;
                out.push(quote);
                while let Some(c) = chars.next() {
                    out.push(c);
                    if c == '\\' {
                        out.extend(chars.next());
                    } else if c == quote {
                        break;
                    }
                }
            }
            c => {
                if gap && ident(c) && out.ends_with(ident) {
                    out.push(' ');
                }
                gap = false;
                out.push(c);
            }
        }
    }
    out
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let assets = root.join("assets");
    println!("cargo:rerun-if-changed=assets");
    println!("cargo:rerun-if-changed=config");
    let mut files = Vec::new();
    collect(&assets, &mut files);
    files.sort();
    let mut names = String::new();
    let mut texts = String::new();
    for file in &files {
        let rel = file
            .strip_prefix(&assets)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        println!("cargo:rerun-if-changed={}", file.display());
        names.push_str(&rel);
        names.push('\n');
        let _ = writeln!(texts, "    include_str!({:?}),", file.display().to_string());
    }
    // The names apart from the texts: a search by name reads one small block of memory rather
    // than a page beside every file.
    let code = format!(
        "/// Every asset file's path relative to `assets/`, one per line, in the order of `EMBEDDED_TEXTS`.\n\
         pub static EMBEDDED_NAMES: &str = {names:?};\n\
         /// The contents of the files `EMBEDDED_NAMES` lists.\n\
         pub static EMBEDDED_TEXTS: &[&str] = &[\n{texts}];\n"
    );
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let out = out_dir.join("embedded_assets.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
    let defaults = root.join("config").join("default.ron");
    let text = std::fs::read_to_string(&defaults)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", defaults.display()));
    let out = out_dir.join("default_config.ron");
    if let Err(e) = std::fs::write(&out, compact_ron(&text)) {
        panic!("cannot write {}: {e}", out.display());
    }
}
