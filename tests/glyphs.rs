//! No East-Asian-ambiguous glyph (`·…—“”①■○●→★√×`, box drawing) in what the app shows: the assets,
//! the default config, and the UI and app sources (where every user-facing string lives).
//! ratatui counts these one column; a terminal set to CJK widths draws two, and layouts tear.

use std::fs;
use std::path::Path;

use jiaoguan::domain::text::ambiguous_glyphs;

fn scan(dir: &Path, extensions: &[&str], problems: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            scan(&path, extensions, problems);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.contains(&e))
        {
            let text = fs::read_to_string(&path).unwrap_or_default();
            for (number, line) in text.lines().enumerate() {
                let glyphs = ambiguous_glyphs(line);
                if !glyphs.is_empty() {
                    problems.push(format!("{}:{}: {glyphs:?}", path.display(), number + 1));
                }
            }
        }
    }
}

#[test]
fn assets_config_and_ui_strings_use_no_ambiguous_glyphs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    scan(&root.join("assets"), &["ron", "txt"], &mut problems);
    scan(&root.join("config"), &["ron"], &mut problems);
    scan(&root.join("src/ui"), &["rs"], &mut problems);
    scan(&root.join("src/app"), &["rs"], &mut problems);
    scan(&root.join("src/flow"), &["rs"], &mut problems);
    assert!(
        problems.is_empty(),
        "ambiguous glyphs:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_scan_would_notice_one() {
    assert_eq!(ambiguous_glyphs("京A·12345"), vec!['·']);
}
