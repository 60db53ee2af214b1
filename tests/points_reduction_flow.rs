//! 学法减分 end to end with the real binary and `play --seed`, each step a new process on one
//! data folder (so every step also survives a restart): both paths from the wizard to the point
//! taken off in the profile's RON, the exam failed then passed, 公示 through F9, an objection
//! from the trainer console, the study window expiring, and the cap refusing before any typing.

use std::fs;
use std::path::Path;

use jiaoguan::assets::{AssetSource, Resources};
use jiaoguan::engine::Application;

mod common;
use common::{play, sms_code};

/// Signs in as the A2 driver with 10 points (eligible) and submits 学法减分 from 我的驾驶证 with
/// the choice keys given (`Enter` for 网上学习, `Down Enter Down Enter` for the 14:00 公益 slot).
fn submit(data: &Path, choose: &str) -> String {
    play(data, "6 1 8");
    play(data, &format!("1 2 Enter Space Enter Enter {choose} Enter"));
    let code = sms_code(data, "truck_a2");
    // The last Enter closes the 已提交 notice over the progress page.
    play(data, &format!("1 2 Enter \"{code}\" Enter Enter"))
}

fn application(data: &Path) -> Application {
    let files = common::application_files(data);
    let path = files.first().expect("one application");
    ron::from_str(&fs::read_to_string(path).expect("read")).expect("parses")
}

fn profile_file(data: &Path) -> String {
    fs::read_to_string(data.join("profiles/truck_a2.ron")).expect("profile")
}

/// The keys that answer the running paper, every answer right or every one wrong, with Enter
/// first at the questions where a face check is due.
fn paper_keys(data: &Path, right: bool) -> String {
    let bank = Resources::load(&AssetSource::Embedded)
        .expect("resources")
        .questions;
    let exam = application(data).state().local.exam().clone();
    let mut keys = Vec::new();
    for (i, id) in exam.paper.iter().enumerate() {
        if exam.checkpoints.contains(&u32::try_from(i).expect("small")) {
            keys.push("Enter".to_string());
        }
        let question = bank.get(id).expect("in the bank");
        let chosen: Vec<usize> = if right {
            question.answer.clone()
        } else {
            let wrong = (0..question.options.len()).find(|o| !question.answer.contains(o));
            vec![wrong.unwrap_or(question.answer[0])]
        };
        keys.extend(chosen.iter().map(|o| (o + 1).to_string()));
        keys.push("Enter".to_string());
    }
    keys.join(" ")
}

#[test]
fn online_study_exam_failed_then_passed_takes_one_point_off() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let screen = submit(data, "Enter");
    assert!(screen.contains("待本人办理：课件学习"), "{screen}");
    // 网办进度 > the application > 前往学习 > 实人认证 and study; F9 runs to the first face check.
    let screen = play(data, "4 Enter Enter Enter F9");
    assert!(screen.contains("学习过程人脸比对"), "{screen}");
    let first = application(data).state().local.study().checkpoints[0] / 60;
    assert!(
        screen.contains(&format!("{first}分00秒 / 30分钟")),
        "{screen}"
    );
    // A new process: the minutes studied are kept, and the session is paused.
    let screen = play(data, "4 Enter Enter");
    assert!(
        screen.contains(&format!("{first}分00秒 / 30分钟")),
        "{screen}"
    );
    assert!(screen.contains("已暂停"), "{screen}");
    // Resume (实人认证), F9 to the second check, pass it, F9 to 30 minutes, 提交学习.
    let screen = play(data, "4 Enter Enter Enter F9 Enter F9");
    assert!(screen.contains("30分00秒 / 30分钟"), "{screen}");
    let screen = play(data, "4 Enter Enter Enter");
    assert!(screen.contains("待本人办理：网上考试"), "{screen}");
    // The exam: 实人认证 and a paper of 20, answered wrong, handed in.
    let screen = play(data, "4 Enter Enter Enter");
    assert!(screen.contains("第1/20题"), "{screen}");
    let wrong = paper_keys(data, false);
    let screen = play(data, &format!("4 Enter Enter {wrong} s Enter"));
    assert!(screen.contains("第1次考试：答对0/20题，不合格"), "{screen}");
    // The review: each wrong answer with the right one, the explanation and the article.
    assert!(screen.contains("答错的题（20题"), "{screen}");
    assert!(screen.contains("正确答案："), "{screen}");
    assert!(screen.contains("解析："), "{screen}");
    assert!(screen.contains("前往补考"), "{screen}");
    // 补考 with a new paper, answered right: the exam is passed.
    play(data, "4 Enter Enter Enter");
    // Esc during an exam asks first.
    let screen = play(data, "4 Enter Enter Esc");
    assert!(screen.contains("确定离开考试页面吗"), "{screen}");
    let right = paper_keys(data, true);
    // Three answers, then a restart: the exam page reopens at the fourth question.
    let first_three: Vec<&str> = right
        .split(' ')
        .scan(0, |enters, key| {
            (*enters < 3).then(|| {
                *enters += usize::from(key == "Enter");
                key
            })
        })
        .collect();
    play(data, &format!("4 Enter Enter {}", first_three.join(" ")));
    let screen = play(data, "4 Enter Enter");
    assert!(
        screen.contains("第4/20题") && screen.contains("已答3题"),
        "{screen}"
    );
    let rest: Vec<&str> = right.split(' ').skip(first_three.len()).collect();
    let screen = play(data, &format!("4 Enter Enter {} s Enter", rest.join(" ")));
    assert!(screen.contains("第2次考试：答对20/20题，合格"), "{screen}");
    assert!(screen.contains("全部答对"), "{screen}");
    let results = application(data).state().local.exam().results.clone();
    assert_eq!((results.len(), results[1].correct), (2, 20), "{results:?}");
    let screen = play(data, "4 Enter");
    assert!(screen.contains("待本人办理：实人认证"), "{screen}");
    // 实人认证, then 提交减分申请: 再次复核 and the point comes off.
    let screen = play(data, "4 Enter Enter Enter");
    assert!(screen.contains("已办结"), "{screen}");
    let inbox = common::inbox_text(data, "truck_a2");
    assert!(inbox.contains("驾驶证记分已减1分"), "the SMS is sent");
    let profile = profile_file(data);
    assert!(profile.contains("source: OnlineStudy"), "{profile}");
    assert!(profile.contains("application: Some(\"20260302000001\")"));
    let screen = play(data, "1");
    assert!(screen.contains("本周期累积记分 9/12"), "{screen}");
    assert!(screen.contains("-1分  学法减分：网上学习考试"), "{screen}");
}

#[test]
fn a_welfare_activity_signed_in_and_out_passes_the_notice_and_takes_one_point_off() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let screen = submit(data, "Down Enter Down Enter");
    assert!(screen.contains("待本人办理：参加公益活动"), "{screen}");
    assert!(screen.contains("须在 03-03 14:00 前签到"), "{screen}");
    // F9 to 13:30 when 签到 opens; 签到 with a face check.
    let screen = play(data, "F9 4 Enter Enter");
    assert!(screen.contains("2026-03-03 13:30"), "{screen}");
    assert!(screen.contains("现场签到成功"), "{screen}");
    // F9 to the end of the hour; 签退.
    let screen = play(data, "F9 4 Enter Enter");
    assert!(screen.contains("现场签退成功"), "{screen}");
    assert!(screen.contains("公示至 03-05 15:00"), "{screen}");
    // F9 through the 2-day notice, then 提交减分申请.
    let screen = play(data, "F9 4 Enter");
    assert!(
        screen.contains("待本人办理：提交驾驶证减分申请"),
        "{screen}"
    );
    let screen = play(data, "4 Enter Enter");
    assert!(screen.contains("已办结"), "{screen}");
    let profile = profile_file(data);
    assert!(profile.contains("source: WelfareActivity"), "{profile}");
    let screen = play(data, "1");
    assert!(screen.contains("本周期累积记分 9/12"), "{screen}");
    // The seat booked is taken: the 14:00 slot had 13 left in the demo data.
    let screen = play(data, "1 2 Enter Space Enter Enter Down Enter");
    assert!(screen.contains("14:00-15:00  剩余12席"), "{screen}");
}

#[test]
fn an_objection_from_the_trainer_during_the_notice_voids_the_reduction() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    submit(data, "Down Enter Down Enter");
    play(data, "F9 4 Enter Enter");
    play(data, "F9 4 Enter Enter");
    // F8: the application waits in 公示; `o` lodges an objection.
    let screen = play(data, "F8");
    assert!(
        screen.contains("活动结果公示（2天） 期限 03-05 15:00"),
        "{screen}"
    );
    // The console lists what this stage offers, and refuses what it does not.
    assert!(screen.contains("选中的申请可以：o 提出异议"), "{screen}");
    let screen = play(data, "F8 a y");
    assert!(
        screen.contains("当前阶段不能这样处理，可以：o 提出异"),
        "{screen}"
    );
    play(data, "F8 o y");
    let screen = play(data, "4 Enter");
    assert!(screen.contains("未通过"), "{screen}");
    assert!(screen.contains("收到异议"), "{screen}");
    assert!(!profile_file(data).contains("WelfareActivity"));
    let screen = play(data, "1");
    assert!(screen.contains("本周期累积记分 10/12"), "{screen}");
}

#[test]
fn leaving_early_is_confirmed_then_voids_the_activity_and_closes_the_welfare_path() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    submit(data, "Down Enter Down Enter");
    play(data, "F9 4 Enter Enter");
    // 签退 before 15:00 asks first; confirming voids the activity.
    let screen = play(data, "4 Enter Enter");
    assert!(screen.contains("现在签退将视为早退"), "{screen}");
    let screen = play(data, "4 Enter Enter Enter");
    assert!(screen.contains("已失效"), "{screen}");
    assert!(profile_file(data).contains("welfare_bars: ["));
    // A new application offers 公益网点 disabled, with the reason.
    let screen = play(data, "1 2 Enter Space Enter Enter Down");
    assert!(screen.contains("缺席、迟到或早退"), "{screen}");
}

#[test]
fn study_left_short_expires_when_the_three_days_pass() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    submit(data, "Enter");
    // Study, then 结束学习 at once: the window is open, nothing studied.
    play(data, "4 Enter Enter Enter Esc");
    let screen = play(data, "F9 4 Enter");
    // Begun Monday 09:00, the three days end at 24:00 on Thursday (R163 Art.36).
    assert!(screen.contains("2026-03-06 00:00"), "{screen}");
    assert!(screen.contains("已失效"), "{screen}");
    assert!(screen.contains("未满30分钟"), "{screen}");
}

#[test]
fn a_driver_at_the_six_point_cap_is_refused_before_any_typing() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, "6 1 8");
    let path = data.join("profiles/truck_a2.ron");
    let six: String = (10..16)
        .map(|day| {
            format!("(date: \"2026-02-{day}\", points: 1, source: OnlineStudy, application: None),")
        })
        .collect();
    let text = fs::read_to_string(&path)
        .expect("profile")
        .replace("reductions: [],", &format!("reductions: [{six}],"));
    fs::write(&path, text).expect("write");
    let screen = play(data, "1 2 Enter");
    assert!(screen.contains("暂不能办理「学法减分」"), "{screen}");
    assert!(screen.contains("已通过学法减分扣减6分"), "{screen}");
    assert!(!data.join("applications").exists() || application_count(data) == 0);
}

fn application_count(data: &Path) -> usize {
    common::application_files(data).len()
}

#[test]
fn the_trainer_makes_one_face_check_fail_and_the_retry_passes() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    submit(data, "Enter");
    play(data, "4 Enter Enter Enter F9");
    // A new process finds the study paused at the face check. F8 over the study page, `f`, back:
    // the 实人认证 that resumes it fails once, and the next one passes.
    let screen = play(data, "4 Enter Enter F8 f");
    assert!(screen.contains("下一次人脸比对：不通过"), "{screen}");
    let screen = play(data, "4 Enter Enter Enter");
    assert!(screen.contains("人脸比对未通过"), "{screen}");
    assert!(screen.contains("已暂停"), "still paused:\n{screen}");
    let screen = play(data, "4 Enter Enter Enter");
    assert!(screen.contains("实人认证通过，开始学习"), "{screen}");
    let failures = application(data)
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                jiaoguan::engine::application::EventKind::FaceChecked { passed: false }
            )
        })
        .count();
    assert_eq!(failures, 1, "the trainer's switch is used once");
}

/// A study session's line in the timeline gives the whole session (the parts banked at each
/// passed face check included) and the total so far: 30 minutes read as 30, not as the part
/// after the last check.
#[test]
fn a_study_session_reads_as_its_whole_length_and_the_total() {
    let dir = tempfile::tempdir().expect("dir");
    let screen = common::play_with(
        &["--seed", "1", "--size", "100x40"],
        dir.path(),
        "6 1 8 Enter 1 2 Enter Space Enter Enter Enter Enter sms-code Enter Enter Enter Enter F9 Enter F9 Enter F9 Enter Enter Esc",
    );
    assert!(
        screen.matches("人脸比对通过").count() >= 3,
        "face checks in the session: {screen}"
    );
    assert!(
        screen.contains("结束学习，本次计入30分0秒，累计已学30分0秒"),
        "{screen}"
    );
}

/// 公益网点 are offered in the driver's registration city only: 刘** (武汉) sees 武汉's.
#[test]
fn welfare_sessions_are_those_of_the_drivers_city() {
    let dir = tempfile::tempdir().expect("dir");
    let screen = play(
        dir.path(),
        "6 1 8 Enter 1 2 Enter Space Enter Enter Down Enter",
    );
    assert!(screen.contains("武汉市江岸区交通安全宣传站"), "{screen}");
    assert!(screen.contains("武汉市武昌区交通安全体验中心"), "{screen}");
    assert!(!screen.contains("北京市"), "{screen}");
}
