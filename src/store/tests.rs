use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::*;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Profile {
    schema_version: u32,
    name: String,
    points: u8,
    #[serde(default)]
    plates: Vec<String>,
}

impl Versioned for Profile {
    const SCHEMA_VERSION: u32 = 2;
    const KIND: &'static str = "个人资料";
}

fn zhang() -> Profile {
    Profile {
        schema_version: Profile::SCHEMA_VERSION,
        name: "张三 \"老张\"\n\u{1b}[31m".to_string(),
        points: 12,
        plates: vec!["京A12345".to_string()],
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn atomic_write_replaces_and_leaves_no_temp_files() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("sub/dir/a.ron");
    write_atomic(&target, b"first").unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"first");
    write_atomic(&target, b"second, longer").unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"second, longer");
    write_atomic(&target, b"").unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"");
    assert_eq!(names_in(&tmp.path().join("sub/dir")), vec!["a.ron"]);
}

#[test]
fn atomic_write_failure_leaves_old_content() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("a.ron");
    write_atomic(&target, b"old").unwrap();
    // Renaming a file over a non-empty folder fails: the old file must stay, no temp left.
    let blocked = tmp.path().join("blocked");
    fs::create_dir(&blocked).unwrap();
    fs::write(blocked.join("x"), b"x").unwrap();
    assert!(write_atomic(&blocked, b"new").is_err());
    assert_eq!(fs::read(&target).unwrap(), b"old");
    assert_eq!(names_in(tmp.path()), vec!["a.ron", "blocked"]);
}

#[cfg(unix)]
#[test]
fn files_are_0600_and_folders_0700() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("data/inner");
    let dir = DataDir::open(&root).unwrap();
    assert_eq!(mode(&root), 0o700);
    assert_eq!(mode(&tmp.path().join("data")), 0o700);
    assert_eq!(mode(&root.join(LOCK_FILE)), 0o600);
    dir.save("profiles/zhang.ron", &zhang()).unwrap();
    assert_eq!(mode(&root.join("profiles")), 0o700);
    assert_eq!(mode(&root.join("profiles/zhang.ron")), 0o600);

    fs::write(root.join("profiles/bad.ron"), b"(schema_version: ").unwrap();
    let Load::Quarantined(q) = dir.load::<Profile>("profiles/bad.ron").unwrap() else {
        panic!("expected quarantine");
    };
    assert_eq!(mode(&root.join(QUARANTINE_DIR)), 0o700);
    assert_eq!(mode(&q.moved_to), 0o600);
}

#[test]
fn second_open_is_locked_and_names_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("数据");
    let first = DataDir::open(&root).unwrap();
    let err = DataDir::open(&root).unwrap_err();
    assert!(matches!(err, OpenError::Locked { ref dir } if dir == &root));
    let msg = err.to_string();
    assert!(msg.contains(&root.display().to_string()), "{msg}");
    assert!(msg.contains("正被另一个 jiaoguan 使用"), "{msg}");
    assert!(msg.contains("--data-dir"), "{msg}");
    drop(first);
    let again = DataDir::open(&root).unwrap();
    assert_eq!(again.path(), root.as_path());
}

#[test]
fn open_on_a_file_is_an_io_error_naming_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let not_dir = tmp.path().join("plain");
    fs::write(&not_dir, b"x").unwrap();
    let err = DataDir::open(&not_dir).unwrap_err();
    assert!(matches!(err, OpenError::Io { .. }));
    // The OS error is in the message once, not again as a source printed with the chain.
    assert!(std::error::Error::source(&err).is_none());
    assert!(err.to_string().contains(&not_dir.display().to_string()));
}

#[test]
fn save_load_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    let value = zhang();
    dir.save("profiles/zhang.ron", &value).unwrap();
    match dir.load::<Profile>("profiles/zhang.ron").unwrap() {
        Load::Ready(v) => assert_eq!(v, value),
        other => panic!("unexpected {other:?}"),
    }
    let text = fs::read_to_string(dir.file("profiles/zhang.ron")).unwrap();
    assert!(text.starts_with("(\n  schema_version: 2,\n"), "{text}");
    assert!(text.contains("京A12345"), "Chinese stays readable: {text}");
    assert!(
        !text.contains('\u{1b}'),
        "control characters are escaped: {text}"
    );
    assert!(text.ends_with(")\n"));
    assert_eq!(to_ron(&value).unwrap(), text, "save uses the shared layout");
}

#[test]
fn save_refuses_a_mismatched_schema_version() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    let mut value = zhang();
    value.schema_version = 1;
    let err = dir.save("profiles/zhang.ron", &value).unwrap_err();
    assert!(
        err.to_string()
            .contains("保存个人资料 profiles/zhang.ron 失败")
    );
    assert!(!dir.file("profiles/zhang.ron").exists());
}

#[test]
fn missing_file_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    assert!(matches!(
        dir.load::<Profile>("profiles/nobody.ron").unwrap(),
        Load::Missing
    ));
}

#[test]
fn paths_outside_the_folder_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(&tmp.path().join("d")).unwrap();
    for rel in ["../x.ron", "/etc/x.ron", "", ".", "a/../../x.ron"] {
        assert!(dir.save(rel, &zhang()).is_err(), "{rel}");
        assert!(dir.load::<Profile>(rel).is_err(), "{rel}");
    }
    assert!(dir.list("..", "ron").is_err());
    assert!(!tmp.path().join("x.ron").exists());
}

#[test]
fn corrupt_file_is_quarantined_byte_identical_without_overwriting() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    let rel = "profiles/zhang.ron";
    let first: &[u8] = b"(\n  schema_version: 2,\n  name: \"x\",\n  points: oops,\n)\n";
    fs::create_dir_all(dir.file("profiles")).unwrap();
    fs::write(dir.file(rel), first).unwrap();

    let Load::Quarantined(q1) = dir.load::<Profile>(rel).unwrap() else {
        panic!("expected quarantine");
    };
    assert!(!dir.file(rel).exists());
    assert_eq!(fs::read(&q1.moved_to).unwrap(), first);
    assert_eq!(q1.original, dir.file(rel));
    assert!(q1.moved_to.starts_with(dir.file(QUARANTINE_DIR)));
    let moved_name = q1
        .moved_to
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(moved_name.starts_with("zhang.ron."), "{moved_name}");
    assert!(q1.reason.starts_with("第4行第"), "{}", q1.reason);
    assert!(q1.reason.contains("列："), "{}", q1.reason);
    let shown = q1.to_string();
    assert!(shown.contains("无法读取（第4行"), "{shown}");
    assert!(
        shown.contains(&q1.moved_to.display().to_string()),
        "{shown}"
    );

    let second: &[u8] = b"not ron at all \xff";
    fs::write(dir.file(rel), second).unwrap();
    let load = dir.load::<Profile>(rel).unwrap();
    assert!(load.notice().is_some());
    let Load::Quarantined(q2) = load else {
        panic!("expected quarantine");
    };
    assert_ne!(q1.moved_to, q2.moved_to);
    assert_eq!(fs::read(&q1.moved_to).unwrap(), first);
    assert_eq!(fs::read(&q2.moved_to).unwrap(), second);
    assert!(q2.reason.contains("第1行第16列"), "{}", q2.reason);

    // The same name and second also never collide.
    let stamp_name = |q: &Quarantine| {
        let n = q
            .moved_to
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        n.rsplit_once('.').unwrap().0.to_string()
    };
    if stamp_name(&q1) == stamp_name(&q2) {
        assert!(q2.moved_to.to_string_lossy().ends_with(".2"));
    }
}

#[test]
fn quarantine_never_overwrites_an_existing_name() {
    let tmp = tempfile::tempdir().unwrap();
    let from = tmp.path().join("a");
    let to = tmp.path().join("b");
    fs::write(&from, b"new").unwrap();
    fs::write(&to, b"old").unwrap();
    let err = atomic::UNRECORDED.move_no_clobber(&from, &to).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    assert_eq!(fs::read(&to).unwrap(), b"old");
    assert_eq!(fs::read(&from).unwrap(), b"new");
}

#[test]
fn oversized_and_versionless_files_are_quarantined() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    let mut big = b"(schema_version: 2, name: \"".to_vec();
    big.resize(MAX_FILE_BYTES as usize + 10, b'a');
    fs::write(dir.file("big.ron"), &big).unwrap();
    let Load::Quarantined(q) = dir.load::<Profile>("big.ron").unwrap() else {
        panic!("expected quarantine");
    };
    assert!(q.reason.contains("MiB"), "{}", q.reason);
    assert_eq!(fs::read(&q.moved_to).unwrap(), big);

    fs::write(dir.file("nover.ron"), b"(name: \"x\", points: 1)").unwrap();
    let Load::Quarantined(q) = dir.load::<Profile>("nover.ron").unwrap() else {
        panic!("expected quarantine");
    };
    assert!(q.reason.contains("schema_version"), "{}", q.reason);
}

#[test]
fn newer_schema_is_read_only_and_never_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    let rel = "profiles/li.ron";
    // Newer field, and a struct name: both must be tolerated.
    let newer: &[u8] =
        b"Profile(\n  schema_version: 3,\n  name: \"\xe6\x9d\x8e\",\n  points: 9,\n  added_later: [1, 2],\n)\n";
    fs::create_dir_all(dir.file("profiles")).unwrap();
    fs::write(dir.file(rel), newer).unwrap();

    let Load::ReadOnly(v) = dir.load::<Profile>(rel).unwrap() else {
        panic!("expected read-only");
    };
    assert_eq!(v.name, "李");
    assert!(dir.is_read_only(rel));
    assert!(dir.is_read_only("profiles/./li.ron"));
    let err = dir.save(rel, &v).unwrap_err();
    assert!(format!("{err:#}").contains("只读"), "{err:#}");
    assert!(dir.save("profiles/./li.ron", &v).is_err());
    assert_eq!(fs::read(dir.file(rel)).unwrap(), newer);
}

#[test]
fn newer_schema_that_does_not_parse_is_skipped_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    let newer: &[u8] = b"(schema_version: 9, name: 5, reshaped: true)\n";
    fs::write(dir.file("p.ron"), newer).unwrap();
    let load = dir.load::<Profile>("p.ron").unwrap();
    let notice = load.notice().unwrap();
    assert!(notice.contains("schema_version 9"), "{notice}");
    assert!(matches!(load, Load::TooNew { version: 9, .. }));
    assert_eq!(fs::read(dir.file("p.ron")).unwrap(), newer);
    assert!(!dir.file(QUARANTINE_DIR).exists());
    assert!(dir.save("p.ron", &zhang()).is_err());
    assert_eq!(fs::read(dir.file("p.ron")).unwrap(), newer);
}

#[test]
fn older_schema_with_missing_defaulted_field_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    fs::write(
        dir.file("old.ron"),
        "(schema_version: 1, name: \"王\", points: 3)",
    )
    .unwrap();
    let value = dir
        .load::<Profile>("old.ron")
        .unwrap()
        .into_value()
        .unwrap();
    assert_eq!(value.schema_version, 1);
    assert!(value.plates.is_empty());
}

#[test]
fn enable_attribute_is_rejected() {
    let plain = "(schema_version: 2, name: \"x\", points: 1)";
    assert!(from_ron::<Profile>(plain).is_ok());
    for text in [
        "#![enable(implicit_some)]\n(schema_version: 2, name: \"x\", points: 1)",
        "// c\n# ! [ /* c */ enable ( unwrap_newtypes ) ]\n(schema_version: 2, name: \"x\", points: 1)",
    ] {
        let err = from_ron::<Profile>(text).unwrap_err();
        assert!(err.to_string().contains("RON 扩展"), "{err}");
        assert!(probe_schema_version(text).is_err());
    }
    // In a string it is just text.
    let inside = "(schema_version: 2, name: \"#![enable(implicit_some)]\", points: 1)";
    assert_eq!(
        from_ron::<Profile>(inside).unwrap().name,
        "#![enable(implicit_some)]"
    );

    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    fs::write(
        dir.file("e.ron"),
        "#![enable(implicit_some)]\n(schema_version: 2, name: \"x\", points: 1)",
    )
    .unwrap();
    assert!(matches!(
        dir.load::<Profile>("e.ron").unwrap(),
        Load::Quarantined(_)
    ));
}

#[test]
fn recursion_is_limited() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert!(from_ron::<ron::Value>(&deep).is_err());
    let text = format!("(schema_version: 2, name: \"x\", points: 1, extra: {deep})");
    assert!(probe_schema_version(&text).is_err());
}

#[test]
fn list_is_sorted_and_skips_temp_and_other_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    assert!(dir.list("applications", "ron").unwrap().is_empty());
    for name in [
        "b.ron",
        "a.ron",
        "c.txt",
        ".jiaoguan-x.tmp",
        ".hidden.ron",
        "d.ron.tmp",
    ] {
        write_atomic(&dir.file(&format!("applications/{name}")), b"x").unwrap();
    }
    fs::create_dir(dir.file("applications/sub.ron")).unwrap();
    assert_eq!(
        dir.list("applications", "ron").unwrap(),
        vec!["applications/a.ron", "applications/b.ron"]
    );
    assert_eq!(
        dir.list("applications/", ".ron").unwrap(),
        vec!["applications/a.ron", "applications/b.ron"]
    );
    dir.save("top.ron", &zhang()).unwrap();
    assert_eq!(dir.list("", "ron").unwrap(), vec!["top.ron"]);
}

#[test]
fn header_probe_ignores_struct_names_and_unknown_fields() {
    assert_eq!(
        probe_schema_version("Anything(a: [1, (b: 2)], schema_version: 7, c: Some(\"x\"))")
            .unwrap(),
        Some(7)
    );
    assert_eq!(probe_schema_version("(a: 1)").unwrap(), None);
    assert!(probe_schema_version("5").is_err());
    assert!(probe_schema_version("(schema_version: -1)").is_err());
}

#[test]
fn the_leading_version_is_read_only_from_the_layout_this_program_writes() {
    let written = to_ron(&zhang()).unwrap();
    assert_eq!(
        leading_schema_version(&written),
        probe_schema_version(&written).unwrap()
    );
    assert_eq!(leading_schema_version("(schema_version: 12)"), Some(12));
    assert_eq!(
        leading_schema_version(" (\r\n\tschema_version : 3 , a: 1)"),
        Some(3)
    );
    // Anything else is left to the full probe, which may still find the field.
    for other in [
        "Profile(schema_version: 1)",
        "// note\n(schema_version: 1)",
        "(a: 1, schema_version: 1)",
        "(schema_version: -1)",
        "(schema_version: 1.5)",
        "(schema_version: 99999999999)",
        "(schema_version: )",
        "(schema_versions: 1)",
        "#![enable(implicit_some)]\n(schema_version: 1)",
    ] {
        assert_eq!(leading_schema_version(other), None, "{other}");
    }
}

#[test]
fn remove_deletes_and_tolerates_absence_but_spares_read_only_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    dir.save("profiles/zhang.ron", &zhang()).unwrap();
    dir.remove("profiles/zhang.ron").unwrap();
    assert!(!dir.file("profiles/zhang.ron").exists());
    dir.remove("profiles/zhang.ron").unwrap();
    assert!(dir.remove("../outside.ron").is_err());

    let newer: &[u8] = b"(schema_version: 3, name: \"x\", points: 1)";
    fs::write(dir.file("profiles/new.ron"), newer).unwrap();
    assert!(matches!(
        dir.load::<Profile>("profiles/new.ron").unwrap(),
        Load::ReadOnly(_)
    ));
    assert!(dir.remove("profiles/new.ron").is_err());
    assert_eq!(fs::read(dir.file("profiles/new.ron")).unwrap(), newer);
}

fn put_op(dir: &DataDir, rel: &str, points: u8) -> Op {
    let mut profile = zhang();
    profile.points = points;
    dir.put(rel, &profile, false).unwrap()
}

#[test]
fn a_commit_writes_every_file_and_leaves_no_journal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    dir.save("gone.ron", &zhang()).unwrap();
    let ops = vec![
        put_op(&dir, "a/one.ron", 1),
        put_op(&dir, "b/two.ron", 2),
        Op::Delete {
            path: "gone.ron".into(),
        },
    ];
    dir.commit(ops).unwrap();
    assert!(!tmp.path().join(JOURNAL_FILE).exists());
    assert!(!tmp.path().join("gone.ron").exists());
    let Load::Ready(two) = dir.load::<Profile>("b/two.ron").unwrap() else {
        panic!("written")
    };
    assert_eq!(two.points, 2);
}

#[test]
fn a_journal_left_by_a_crash_is_redone_when_the_folder_opens() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let dir = DataDir::open(tmp.path()).unwrap();
        dir.inject_fault(FaultPoint::AfterOp(0));
        let ops = vec![put_op(&dir, "a/one.ron", 1), put_op(&dir, "b/two.ron", 2)];
        assert!(matches!(dir.commit(ops), Err(CommitError::Pending(_))));
        assert!(dir.is_dead());
        assert!(
            dir.save("c.ron", &zhang()).is_err(),
            "a dead program writes nothing"
        );
        assert!(!tmp.path().join("b/two.ron").exists());
    }
    let dir = DataDir::open(tmp.path()).unwrap();
    let notices = dir.take_open_notices();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("已补完"), "{notices:?}");
    assert!(tmp.path().join("b/two.ron").exists());
    assert!(!tmp.path().join(JOURNAL_FILE).exists());
}

#[test]
fn before_the_journal_is_in_place_nothing_happened() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let dir = DataDir::open(tmp.path()).unwrap();
        dir.inject_fault(FaultPoint::BeforeJournalRename);
        let ops = vec![put_op(&dir, "a/one.ron", 1)];
        assert!(matches!(dir.commit(ops), Err(CommitError::NotCommitted(_))));
    }
    let dir = DataDir::open(tmp.path()).unwrap();
    assert!(dir.take_open_notices().is_empty());
    assert!(!tmp.path().join("a/one.ron").exists());
}

#[test]
fn a_failed_operation_is_finished_before_the_next_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    dir.inject_fault(FaultPoint::FailOp(1));
    let ops = vec![put_op(&dir, "a/one.ron", 1), put_op(&dir, "b/two.ron", 2)];
    assert!(matches!(dir.commit(ops), Err(CommitError::Pending(_))));
    assert!(!dir.is_dead(), "a full disk does not kill the program");
    assert!(tmp.path().join(JOURNAL_FILE).exists());
    dir.commit(vec![put_op(&dir, "c.ron", 3)]).unwrap();
    assert!(
        tmp.path().join("b/two.ron").exists(),
        "the pending journal went first"
    );
    assert!(!tmp.path().join(JOURNAL_FILE).exists());
}

#[test]
fn a_fresh_file_never_replaces_an_existing_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    dir.save("n/1.ron", &zhang()).unwrap();
    let before = fs::read(tmp.path().join("n/1.ron")).unwrap();
    let mut other = zhang();
    other.points = 0;
    let op = dir.put("n/1.ron", &other, true).unwrap();
    assert!(matches!(
        dir.commit(vec![op]),
        Err(CommitError::NotCommitted(_))
    ));
    assert_eq!(fs::read(tmp.path().join("n/1.ron")).unwrap(), before);
}

#[test]
fn an_unreadable_journal_is_quarantined_not_applied() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join(JOURNAL_FILE),
        "(schema_version: 1, ops: [Put(path: \"x.ron\"",
    )
    .unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    let notices = dir.take_open_notices();
    assert!(notices[0].contains("无法恢复"), "{notices:?}");
    assert!(!tmp.path().join("x.ron").exists());
    assert_eq!(names_in(&tmp.path().join(QUARANTINE_DIR)).len(), 1);
}

#[test]
fn an_operation_cannot_leave_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = DataDir::open(tmp.path()).unwrap();
    let escape = Op::Delete {
        path: "../outside.ron".into(),
    };
    assert!(matches!(
        dir.commit(vec![escape]),
        Err(CommitError::NotCommitted(_))
    ));
}

/// A folder deleted or replaced while the program runs is noticed at the next save: nothing is
/// written, no unlocked folder is re-created, and the message says why. A replaced folder (same
/// path, another LOCK) is refused the same way.
#[test]
fn a_folder_deleted_or_replaced_while_open_stops_the_writes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("data");
    let dir = DataDir::open(&root).expect("open");
    dir.save("profiles/zhang.ron", &zhang())
        .expect("first save");
    fs::remove_dir_all(&root).expect("deleted from outside");
    let err = dir
        .save("profiles/zhang.ron", &zhang())
        .expect_err("refused");
    assert!(
        format!("{err:#}").contains("在程序运行时被删除或替换，程序已停止写入"),
        "{err:#}"
    );
    assert!(!root.exists(), "no folder re-created");
    assert!(
        dir.save("profiles/zhang.ron", &zhang()).is_err(),
        "and stays stopped"
    );

    let replaced_root = tmp.path().join("other");
    let held = DataDir::open(&replaced_root).expect("open");
    drop(DataDir::open(&tmp.path().join("spare")).expect("spare"));
    fs::rename(&replaced_root, tmp.path().join("moved")).expect("move away");
    fs::rename(tmp.path().join("spare"), &replaced_root).expect("replace");
    assert!(
        held.save("profiles/zhang.ron", &zhang()).is_err(),
        "a replaced folder is refused"
    );
    assert!(!replaced_root.join("profiles").exists());
}

/// Each save of a profile keeps the one before beside it; a damaged file is quarantined and its
/// last good generation put back, and the notice says so and when it was saved. With no
/// earlier generation the file is only quarantined.
#[test]
fn a_damaged_profile_comes_back_from_its_last_good_generation() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = DataDir::open(tmp.path()).expect("open");
    let first = zhang();
    let second = Profile {
        points: 3,
        ..zhang()
    };
    dir.save("profiles/zhang.ron", &first).expect("save");
    dir.save("profiles/zhang.ron", &second).expect("save again");
    assert!(tmp.path().join("profiles/zhang.ron.prev").exists());
    assert_eq!(mode(&tmp.path().join("profiles/zhang.ron.prev")), 0o600);
    fs::write(
        tmp.path().join("profiles/zhang.ron"),
        "(schema_version: 2, name: ",
    )
    .expect("damage");
    let load = dir.load::<Profile>("profiles/zhang.ron").expect("load");
    let notice = load.notice().unwrap_or_default();
    assert!(notice.contains("已恢复为上一次保存的内容（"), "{notice}");
    assert!(
        notice.contains("quarantine"),
        "the damaged copy is kept: {notice}"
    );
    assert_eq!(load.into_value(), Some(first.clone()));
    let again = dir.load::<Profile>("profiles/zhang.ron").expect("load");
    assert_eq!(
        again.into_value(),
        Some(first),
        "the good generation is back in place"
    );

    dir.save("profiles/li.ron", &zhang()).expect("save once");
    fs::write(tmp.path().join("profiles/li.ron"), "garbage").expect("damage");
    assert!(matches!(
        dir.load::<Profile>("profiles/li.ron").expect("load"),
        Load::Quarantined(_)
    ));
    assert_eq!(
        names_in(&tmp.path().join("profiles")),
        vec!["zhang.ron".to_string(), "zhang.ron.prev".to_string()],
        "nothing else is listed beside them"
    );
}
