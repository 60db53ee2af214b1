//! The licence businesses end to end with the real binary, on one data folder across
//! processes: 延期换领驾驶证 (offered only while the renewal is due, the proof reviewed, the
//! licence 延期 until the date with the no-driving warning).

use std::fs;
use std::path::Path;

mod common;
use common::{play, sms_code};

const OPEN: &str = "/ \"yqhljsz\" Enter Enter";

/// Signs in as 赵* (licence expiring in 45 days) and fills 延期换领驾驶证 up to the SMS step:
/// 出国（境）, a note, the proof in row `proof`, the end date `until`.
fn fill(data: &Path, proof: u8, until: &str) -> String {
    play(data, "6 1 1");
    play(
        data,
        &format!(
            "{OPEN} Space Enter Enter 2 Enter \"在德国工作\" Enter {proof} Enter \"{until}\" Enter Space Enter Enter"
        ),
    )
}

#[test]
fn a_renewal_postponed_marks_the_licence_until_the_date() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let screen = fill(data, 2, "2027-09-01");
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "expiring_soon");
    let screen = play(data, &format!("{OPEN} \"{code}\" Enter Enter F9"));
    assert!(
        screen.contains("延期换领驾驶证") && screen.contains("已办结"),
        "{screen}"
    );
    let profile = fs::read_to_string(data.join("profiles/expiring_soon.ron")).expect("profile");
    assert!(profile.contains("status: Postponed"), "{profile}");
    assert!(
        profile.contains("status_until: Some(\"2027-09-01\")"),
        "{profile}"
    );
    let screen = play(data, "1");
    assert!(screen.contains("状态 延期（至 2027-09-01）"), "{screen}");
    assert!(screen.contains("延期期间不得驾驶机动车"), "{screen}");
    let screen = play(data, "");
    assert!(
        screen.contains("延期期间不得驾驶机动车"),
        "the home card:\n{screen}"
    );
    // Postponed already: offered no second time.
    let screen = play(data, OPEN);
    assert!(screen.contains("驾驶证已延期至 2027-09-01"), "{screen}");
}

#[test]
fn a_proof_with_a_defect_is_refused_naming_it() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    fill(data, 3, "2027-09-01");
    let code = sms_code(data, "expiring_soon");
    let screen = play(data, &format!("{OPEN} \"{code}\" Enter Enter F9"));
    assert!(screen.contains("不予受理"), "{screen}");
    assert!(screen.contains("情况说明未经本人签名"), "{screen}");
    let profile = fs::read_to_string(data.join("profiles/expiring_soon.ron")).expect("profile");
    assert!(profile.contains("status: Normal"), "{profile}");
}

#[test]
fn more_than_three_years_is_refused_on_the_date_page() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let screen = fill(data, 2, "2029-03-03");
    assert!(
        screen.contains("延期至：应在 2026-03-03 至 2029-03-02 之间"),
        "{screen}"
    );
}

/// A licence valid for years more is not due for renewal, so not for its postponement either:
/// refused before anything is typed, with the day it opens (R162 Art.63).
#[test]
fn a_licence_not_due_for_renewal_is_refused_with_the_day_it_opens() {
    let dir = tempfile::tempdir().expect("dir");
    let screen = play(dir.path(), OPEN);
    // 张*'s licence is valid until 2032-10-03: 90 days before is 2032-07-05.
    assert!(
        screen.contains("有效期满前90日内方可申请，2032-07-") && screen.contains("05起可办理"),
        "{screen}"
    );
}
