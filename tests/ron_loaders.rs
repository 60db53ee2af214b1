//! Property tests over every RON loader: a file mutated anywhere (a byte flipped, the text cut,
//! a token slipped in, a stretch deleted or repeated) never panics a loader.
//!
//! - Every shipped asset and the default configuration, through the loaders the program starts
//!   with (`load_catalog`, `Resources::load`, `load_scenarios`, `config::parse_override`): each
//!   loads, or fails with a message that names a file.
//! - Every file of a played data folder (state, profiles, open and archived applications,
//!   inboxes, drafts, the archive's index), through `Session::open`: the session opens, and a
//!   file it could not read is in `quarantine/` byte for byte, named in a notice.
//!
//! `PROPTEST_CASES` sets the number of cases (256 each by default).

use std::fs;
use std::path::{Path, PathBuf};

use jiaoguan::app::session::Session;
use jiaoguan::assets::{AssetSource, Resources, load_catalog, load_scenarios};
use jiaoguan::store::{DataDir, QUARANTINE_DIR};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};

mod common;
use common::folder::plan;
use common::{files_below, scratch};

/// What may be slipped into a file: RON's own punctuation, numbers past every range, and
/// characters a terminal or a parser may choke on.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "'",
    "Some(",
    "None",
    "true",
    "-1",
    "0",
    "99999999999999999999999",
    "1e999",
    "NaN",
    "#",
    "/*",
    "//",
    "r#\"",
    "\\u{202e}",
    "\u{202e}",
    "\0",
    "\u{1b}[2J",
    "\n",
    "\u{fffd}",
    "张",
    "schema_version: 999,",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: Index, bit: u8 },
    Truncate { at: Index },
    Insert { at: Index, token: Index },
    Delete { at: Index, len: usize },
    Repeat { at: Index, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        any::<Index>().prop_map(|at| Mutation::Truncate { at }),
        (any::<Index>(), any::<Index>()).prop_map(|(at, token)| Mutation::Insert { at, token }),
        (any::<Index>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<Index>(), 1usize..64).prop_map(|(at, len)| Mutation::Repeat { at, len }),
    ]
}

impl Mutation {
    fn apply(&self, original: &[u8]) -> Vec<u8> {
        let mut bytes = original.to_vec();
        if bytes.is_empty() {
            return bytes;
        }
        let n = bytes.len();
        match self {
            Mutation::Flip { at, bit } => bytes[at.index(n)] ^= 1 << bit,
            Mutation::Truncate { at } => bytes.truncate(at.index(n)),
            Mutation::Insert { at, token } => {
                let token = TOKENS[token.index(TOKENS.len())].as_bytes();
                let at = at.index(n + 1);
                bytes.splice(at..at, token.iter().copied());
            }
            Mutation::Delete { at, len } => {
                let at = at.index(n);
                bytes.drain(at..(at + len).min(n));
            }
            Mutation::Repeat { at, len } => {
                let at = at.index(n);
                let stretch = bytes[at..(at + len).min(n)].to_vec();
                bytes.splice(at..at, stretch);
            }
        }
        bytes
    }
}

fn runner() -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(256);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// What the program loads from `assets` at start; `Err` with every message when it refuses.
fn load_assets(assets: &AssetSource) -> Result<(), String> {
    let catalog = match load_catalog(assets) {
        Ok(Ok(catalog)) => catalog,
        Ok(Err(problems)) => {
            return Err(problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"));
        }
        Err(e) => return Err(format!("{e:#}")),
    };
    Resources::load(assets).map_err(|e| format!("{e:#}"))?;
    let (_, problems) = load_scenarios(assets, &catalog).map_err(|e| format!("{e:#}"))?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"))
    }
}

#[test]
fn a_mutated_asset_or_config_file_loads_or_is_named_never_a_panic() {
    let dir = scratch();
    common::write_assets(dir.path());
    let assets = AssetSource::Dir(dir.path().to_path_buf());
    load_assets(&assets).expect("the shipped assets load");
    let names: Vec<&str> = jiaoguan::assets::embedded()
        .map(|(name, _)| name)
        .filter(|name| name.ends_with(".ron"))
        .collect();
    let config_text = include_str!("../config/default.ron");
    // The last index is the configuration file.
    let choices = names.len() + 1;
    let refused = std::cell::Cell::new(0);
    runner()
        .run(&(0..choices, mutation()), |(choice, mutation)| {
            let Some(name) = names.get(choice) else {
                let text = mutation.apply(config_text.as_bytes());
                let text = String::from_utf8_lossy(&text);
                if let Err(e) = jiaoguan::config::parse_override(Path::new("default.ron"), &text) {
                    prop_assert!(e.to_string().contains("default.ron"), "{e}");
                }
                return Ok(());
            };
            let path = dir.path().join(name);
            let original = fs::read(&path).expect("read");
            fs::write(&path, mutation.apply(&original)).expect("write");
            let loaded = load_assets(&assets);
            fs::write(&path, &original).expect("restore");
            if let Err(message) = loaded {
                refused.set(refused.get() + 1);
                prop_assert!(message.contains(".ron"), "{name}: names no file: {message}");
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "asset and config mutations: {} refused with a named file, 0 panics",
        refused.get()
    );
}

/// A data folder with every kind of file: the 满分学习 finished (archive, its index, messages),
/// an e-licence submitted and under review (an open application), a draft left.
fn played_folder() -> tempfile::TempDir {
    let dir = scratch();
    let data = dir.path().join("data");
    let script = format!(
        "{}/assets/demo/scripts/full_points_education.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = common::jiaoguan(&[
        "play",
        "--data-dir",
        data.to_str().expect("utf8"),
        "--script",
        &script,
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    common::play(&data, "6 1 5 Enter 1 1 Enter Space Enter Enter Enter");
    let code = common::sms_code(&data, "ordinary_c1");
    common::play(&data, &format!("1 1 Enter \"{code}\" Enter Enter"));
    common::play(&data, "6 1 6 Enter 1 1 Enter Space Enter");
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for rel in files_below(from) {
        let target = to.join(&rel);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::copy(from.join(&rel), target).expect("copy");
    }
}

#[test]
fn a_mutated_data_file_opens_or_is_quarantined_byte_for_byte() {
    let fixture = played_folder();
    let data = fixture.path().join("data");
    let files = files_below(&data);
    for kind in [
        "state.ron",
        "profiles/",
        "applications/",
        "archive/",
        "inbox/",
        "drafts/",
    ] {
        assert!(
            files.iter().any(|f| f.to_string_lossy().starts_with(kind)),
            "the fixture has no {kind}: {files:?}"
        );
    }
    let quarantined = std::cell::Cell::new(0);
    runner()
        .run(&(0..files.len(), mutation()), |(choice, mutation)| {
            let rel = &files[choice];
            let case = scratch();
            let folder = case.path().join("data");
            copy_tree(&data, &folder);
            let mutated = mutation.apply(&fs::read(data.join(rel)).expect("read"));
            fs::write(folder.join(rel), &mutated).expect("write");
            let dir = DataDir::open(&folder).expect("the folder opens");
            let session = Session::open(dir, &AssetSource::Embedded, &plan());
            prop_assert!(session.is_ok(), "{}: {:?}", rel.display(), session.err());
            let notices = session.map(|s| s.notices).unwrap_or_default();
            let moved: Vec<PathBuf> = files_below(&folder)
                .into_iter()
                .filter(|f| f.starts_with(QUARANTINE_DIR))
                .collect();
            for copy in &moved {
                prop_assert_eq!(
                    fs::read(folder.join(copy)).expect("read"),
                    mutated.clone(),
                    "{} is not the file as it was",
                    copy.display()
                );
                let name = rel
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned();
                prop_assert!(
                    notices.iter().any(|n| n.contains(&name)),
                    "{} moved aside without a word: {notices:?}",
                    rel.display()
                );
            }
            quarantined.set(quarantined.get() + moved.len());
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "data-file mutations: {} quarantined byte for byte, 0 panics",
        quarantined.get()
    );
}
