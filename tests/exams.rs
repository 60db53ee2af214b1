//! The exam businesses end to end with the real binary, on one data folder across processes:
//! a C1 learner from the 科目二 booking to holding a licence (预约考试, the seat sorted, 考试费缴纳,
//! 入场, the result), 取消考试预约 before and after its cut-off, and a booking left unpaid.

use std::fs;
use std::path::Path;

mod common;
use common::{inbox_text, play, play_with, sms_code};

const BOOK: &str = "/ \"yyks\" Enter Enter";
const PAY: &str = "/ \"ksfjn\" Enter Enter";
const CANCEL: &str = "/ \"qxksyy\" Enter Enter";

/// 设置 lists the drivers, then the learners by id; these are counted from the end.
const C1_DAY12: &str = "6 1 End Up Up Enter";
const FIRST_TIMER: &str = "6 1 End Enter";

/// Books `subject` (1 科目一, 2 科目二, 3 科目三) at the `session`-th session offered, as
/// `profile`.
fn book(data: &Path, profile: &str, subject: u8, session: u8) -> String {
    let screen = play(
        data,
        &format!("{BOOK} Space Enter Enter {subject} Enter {session} Enter Enter"),
    );
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, profile);
    play(data, &format!("{BOOK} \"{code}\" Enter"))
}

/// Pays the fee of the one booking awaiting it.
fn pay(data: &Path, profile: &str) -> String {
    let screen = play(data, &format!("{PAY} Space Enter Enter 1 Enter Enter"));
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, profile);
    play(data, &format!("{PAY} \"{code}\" Enter"))
}

fn profile_text(data: &Path, id: &str) -> String {
    fs::read_to_string(data.join(format!("profiles/{id}.ron"))).expect("profile")
}

/// 网办进度's first open booking: the list is newest first, so the booking is below the fee
/// paid for it.
const BOOKING_BELOW_FEE: &str = "4 Down Enter";

#[test]
fn a_c1_learner_goes_from_the_subject_two_booking_to_a_licence() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, C1_DAY12);
    let home = play(data, "");
    assert!(
        home.contains("学习驾驶证明  准驾车型 C1") && home.contains("科目一 合格"),
        "{home}"
    );
    let licence = play(data, "1");
    assert!(licence.contains("科目二：现在可以预约考试"), "{licence}");
    assert!(
        licence.contains("科目三须在取得学习驾驶证明满30日后预约，2026-03-20 起可以预约"),
        "{licence}"
    );

    // 科目三 is not open yet: the option says why and from when.
    let choose = play(data, &format!("{BOOK} Space Enter Enter"));
    assert!(
        choose.contains("科目三  道路驾驶技能和安全文明驾驶常识  不可选"),
        "{choose}"
    );
    let booked = book(data, "learner_c1_day12", 2, 1);
    assert!(booked.contains("受理中（等待排序）"), "{booked}");
    assert!(booked.contains("受理中（等待排序），预计"), "{booked}");

    // The trainer, as the 车管所, allocates the seat; the fee is due.
    play(data, "F8 a y");
    assert!(inbox_text(data, "learner_c1_day12").contains("已预约成功"));
    let fee = play(data, &format!("{PAY} Space Enter Enter"));
    assert!(fee.contains("科目二考试费 130元"), "{fee}");
    let paid = pay(data, "learner_c1_day12");
    assert!(paid.contains("已办结"), "{paid}");
    let slip = play(data, BOOKING_BELOW_FEE);
    assert!(slip.contains("准考证（可打印）：黄**  科目二"), "{slip}");

    // The exam day: 入场 from half an hour before, then the examiner's result.
    let admitted = play(data, &format!("{BOOKING_BELOW_FEE} F9 Enter"));
    assert!(admitted.contains("已入场"), "{admitted}");
    let result = play(data, "F8 a y");
    assert!(result.contains("合格"), "{result}");
    let profile = profile_text(data, "learner_c1_day12");
    assert!(
        profile.contains("subject: Two") && profile.matches("result: Passed").count() == 2,
        "{profile}"
    );

    // 科目三 thirty days after the permit (2026-02-18 + 30).
    let days = "d ".repeat(14);
    play(data, &format!("F8 {days}Esc"));
    book(data, "learner_c1_day12", 3, 1);
    play(data, "F8 a y");
    let fee = play(data, &format!("{PAY} Space Enter Enter"));
    assert!(fee.contains("科目三考试费 280元"), "{fee}");
    pay(data, "learner_c1_day12");
    play(data, &format!("{BOOKING_BELOW_FEE} F9 Enter"));
    play(data, "F8 a y");

    // All three passed: a first licence from today, six years, with the permit gone.
    let profile = profile_text(data, "learner_c1_day12");
    assert!(profile.contains("learner_permit: None"), "{profile}");
    assert!(profile.contains("issuing_authority: \"广州市公安局交通警察支队\""));
    let home = play(data, "");
    assert!(
        home.contains("准驾车型 C1") && !home.contains("学习驾驶证明"),
        "{home}"
    );
    let licence = play(data, "1");
    assert!(licence.contains("初次领证 2026-03-2"), "{licence}");
    assert!(
        licence.contains("实习期至 2027-03-2"),
        "12 months of probation:\n{licence}"
    );
    assert!(inbox_text(data, "learner_c1_day12").contains("当日核发驾驶证"));
}

#[test]
fn a_booking_is_cancelled_online_until_the_working_day_before_and_then_only_at_a_window() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, FIRST_TIMER);
    let booked = book(data, "learner_first_timer", 1, 1);
    assert!(booked.contains("受理中（等待排序）"), "{booked}");
    let files = common::application_files(data);
    let booking = fs::read_to_string(&files[0]).expect("booking");
    assert!(
        booking.contains("Claimed(Seat("),
        "the booking holds a seat:\n{booking}"
    );

    // While it waits for the sorting it can be cancelled: the seat comes back and no booking
    // is used up.
    let screen = play(
        data,
        &format!("{CANCEL} Space Enter Enter Space Enter Enter"),
    );
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "learner_first_timer");
    let done = play(data, &format!("{CANCEL} \"{code}\" Enter"));
    assert!(done.contains("已办结"), "{done}");
    let inbox = inbox_text(data, "learner_first_timer");
    assert!(inbox.contains("已取消，考位已释放"), "{inbox}");
    // Cancelled, the booking gives its seat back (`keeps_claims`: only a booking carried out
    // keeps it), and nothing is on the learner's file.
    let files = common::application_files(data);
    let archived = files
        .iter()
        .map(|f| fs::read_to_string(f).expect("file"))
        .find(|t| t.contains("flow_id: \"exam_booking\""))
        .expect("the booking");
    assert!(archived.contains("outcome: Cancelled"), "{archived}");
    assert!(!profile_text(data, "learner_first_timer").contains("sittings: [("));

    // Booked again for Monday 2026-03-09 (the third session offered) and allocated: its
    // cut-off is Friday the 6th, so on Saturday only a 车管所 window can cancel it.
    let booked = book(data, "learner_first_timer", 1, 3);
    assert!(booked.contains("2026-03-09 09:00"), "{booked}");
    play(data, "F8 a y");
    pay(data, "learner_first_timer");
    let days = "d ".repeat(5);
    play(data, &format!("F8 {days}Esc"));
    let screen = play(
        data,
        &format!("{CANCEL} Space Enter Enter Space Enter Enter"),
    );
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "learner_first_timer");
    let late = play(data, &format!("{CANCEL} \"{code}\" Enter"));
    assert!(late.contains("请到窗口办理"), "{late}");
    assert!(
        late.contains("网上取消须在考试前1个工作日（2026-03-06）及以前办理，已过截止时间"),
        "{late}"
    );
    // The booking stands, so a second one of the same subject waits for it.
    let again = play(data, &format!("{BOOK} Space Enter Enter"));
    assert!(again.contains("科目一已有一份预约"), "{again}");
}

#[test]
fn an_unpaid_booking_fails_at_the_deadline_without_using_a_booking() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, C1_DAY12);
    book(data, "learner_c1_day12", 2, 1);
    play(data, "F8 a y");
    let waiting = play(data, "4 Enter");
    assert!(waiting.contains("考试费：待缴纳"), "{waiting}");
    assert!(!waiting.contains("准考证（可打印）"), "{waiting}");
    let failed = play(data, "4 Enter F9");
    assert!(failed.contains("预约失败（未缴费）"), "{failed}");
    assert!(failed.contains("不计入预约考试次数"), "{failed}");
    let profile = profile_text(data, "learner_c1_day12");
    assert!(!profile.contains("subject: Two"), "{profile}");
    // Past the deadline there is nothing left to pay for.
    let late = play(data, &format!("{PAY} Space Enter"));
    assert!(late.contains("没有可选的项目"), "{late}");
}

#[test]
fn without_a_payment_deadline_an_unpaid_candidate_is_absent_and_fails() {
    let dir = tempfile::tempdir().expect("dir");
    let data = &dir.path().join("data");
    let config = dir.path().join("no-deadline.ron");
    fs::write(&config, "(engine: (exam_fee_deadline_hours: None))").expect("config");
    let flags = ["--config", config.to_str().expect("utf8")];
    play_with(&flags, data, C1_DAY12);
    let screen = play_with(
        &flags,
        data,
        &format!("{BOOK} Space Enter Enter 2 Enter 1 Enter Enter"),
    );
    assert!(screen.contains("短信验证"), "{screen}");
    let code = sms_code(data, "learner_c1_day12");
    play_with(&flags, data, &format!("{BOOK} \"{code}\" Enter"));
    play_with(&flags, data, "F8 a y");
    let absent = play_with(&flags, data, "4 Enter F9");
    assert!(absent.contains("缺考"), "{absent}");
    let profile = profile_text(data, "learner_c1_day12");
    assert!(
        profile.contains("subject: Two") && profile.contains("result: Absent"),
        "{profile}"
    );
}
