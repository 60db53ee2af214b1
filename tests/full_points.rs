//! 满分 as 我的驾驶证 shows it to the driver at 12 points, with the real binary: the days of
//! study by R163 Art.18-19, the cities of Art.20, the exams of Art.22, and the licence stopped
//! when the notice is ignored for 30 days (Art.29).

mod common;

use common::{play, sign_in, sms_code};

/// The screen with wrapped lines joined again (a continued line starts with three spaces).
fn flat(screen: &str) -> String {
    screen.replace("\n   ", "")
}

#[test]
fn a_driver_at_twelve_points_sees_the_study_and_the_thirty_days_of_the_notice() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, &sign_in("full_points_detained"));
    let screen = flat(&play(data, "1"));
    assert!(screen.contains("状态 扣留"), "{screen}");
    assert!(
        screen.contains(
            "本记分周期第1次记满12分，须学习7日，其中现场、网络学习合计不少于5日、现场不少于2日"
        ),
        "{screen}"
    );
    assert!(screen.contains("可在上海市、南京市参加"), "{screen}");
    assert!(
        screen.contains("请在 2026-03-22 前开始满分学习"),
        "{screen}"
    );
    // The 30th day after the notice is still inside; the day after, the licence is stopped.
    let days = vec!["d"; 20].join(" ");
    play(data, &format!("F8 {days} Esc"));
    let screen = flat(&play(data, "1"));
    assert!(screen.contains("状态 扣留"), "{screen}");
    play(data, "F8 d Esc");
    let screen = flat(&play(data, "1"));
    assert!(screen.contains("状态 停止使用"), "{screen}");
    assert!(
        screen.contains("驾驶证自 2026-03-23 起停止使用"),
        "{screen}"
    );
}

/// The trainer console's `t` (ten minutes on) `n` times, then back.
fn minutes(n: usize) -> String {
    format!("F8 {} Esc", vec!["t"; n / 10].join(" "))
}

/// 满分学习考试 end to end, one process per step: the city (a wrong one refused by Art.20), the
/// days (a split breaking Art.19 refused), two on-site sessions, online days of which one at
/// 2 h 50 min does not count, the self-study days by the calendar, 提交满分学习, the exam booked
/// and paid and passed, the window review, and the licence returned only once the fine is paid.
#[test]
fn the_full_points_education_runs_from_the_plan_to_the_licence_returned() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    play(data, &sign_in("full_points_detained"));
    let open = "3 3 2 Enter";
    // 北京市 is neither where the licence was issued nor where a violation happened.
    let screen = flat(&play(
        data,
        &format!("{open} Space Enter Enter Enter Enter Enter"),
    ));
    assert!(
        screen.contains(
            "北京市不是驾驶证核发地，也不是交通违法行为发生地或处理地，可选择：上海市、南京市"
        ),
        "{screen}"
    );
    // Reopened, the page offers the provinces again: 上海市.
    play(data, &format!("{open} Down Enter Enter Enter"));
    // One day on site is too few (Art.19); two on site and three online leave two to self-study.
    let screen = flat(&play(
        data,
        &format!("{open} Enter \"1\" Enter \"4\" Enter Enter"),
    ));
    assert!(screen.contains("学习时间  7 日"), "{screen}");
    assert!(
        screen.contains(
            "现场学习时间不得少于2日，当前为1日（《道路交通安全违法行为记分管理办法》第十九条）"
        ),
        "{screen}"
    );
    let screen = play(
        data,
        &format!("{open} Enter Backspace \"2\" Enter Backspace \"3\" Enter Enter"),
    );
    assert!(screen.contains("现场教育场次（选2个"), "{screen}");
    play(data, &format!("{open} Space Down Space Enter Enter"));
    let code = sms_code(data, "full_points_detained");
    let screen = flat(&play(data, &format!("{open} \"{code}\" Enter Enter")));
    assert!(
        screen.contains("现场学习 0/2日    网络学习 0/3日    自主学习 1/2日"),
        "{screen}"
    );

    // 03-02: 3 h 10 min online. 03-03 and 03-04: the sessions, signed in and out.
    play(data, &format!("4 Enter Enter {}", minutes(190)));
    for _ in 0..2 {
        let screen = play(data, "F9 4 Enter Enter");
        assert!(screen.contains("现场签到成功"), "{screen}");
        let screen = play(data, "F9 4 Enter Enter");
        assert!(screen.contains("现场签退成功"), "{screen}");
    }
    // 03-05: 2 h 50 min online is no online day (Art.19: more than 3 hours); it is a
    // self-study day by the calendar instead.
    let screen = flat(&play(
        data,
        &format!("F8 d Esc 4 Enter Enter {}", minutes(170)),
    ));
    assert!(
        screen.contains("现场学习 2/2日    网络学习 1/3日    自主学习 1/2日"),
        "{screen}"
    );
    // 03-06 and 03-07 online; 03-08 the second self-study day.
    for _ in 0..2 {
        play(data, &format!("F8 d Esc 4 Enter Enter {}", minutes(190)));
    }
    let screen = flat(&play(data, "F8 d Esc 4 Enter"));
    assert!(
        screen.contains("现场学习 2/2日    网络学习 3/3日    自主学习 2/2日"),
        "{screen}"
    );
    let screen = play(data, "4 Enter Enter");
    assert!(screen.contains("待本人办理：考试预约"), "{screen}");

    // The theory exam in 上海市, its fee, admission and the examiner's pass (F8 a).
    play(data, "4 Enter Enter Enter Enter Enter");
    let screen = play(data, "4 Enter Enter Enter Enter");
    assert!(screen.contains("待本人办理：参加考试"), "{screen}");
    play(data, "F9 4 Enter Enter");
    let screen = play(data, "F8 a y Esc 4 Enter");
    assert!(screen.contains("办理中：窗口复核"), "{screen}");
    let screen = play(data, "F9 4 Enter");
    assert!(screen.contains("待本人办理：领取驾驶证"), "{screen}");

    // The licence is returned only once the fine is paid (Art.23).
    let screen = flat(&play(data, "4 Enter Enter Space Enter"));
    assert!(screen.contains("尚有1笔交通违法罚款未缴纳"), "{screen}");
    play(data, "3 4 3 Enter Space Enter Enter Enter Enter");
    let code = sms_code(data, "full_points_detained");
    play(data, &format!("3 4 3 Enter \"{code}\" Enter Enter"));
    let screen = play(data, "4 Down Enter Enter Space Enter");
    assert!(screen.contains("本记分周期记分已清除"), "{screen}");
    // Decided 02-20, due by 03-07, paid 03-13: 6 days of 3 % on 200 元.
    let profile =
        std::fs::read_to_string(data.join("profiles/full_points_detained.ron")).expect("profile");
    assert!(profile.contains("paid_fen: Some(23600)"), "{profile}");
    let screen = flat(&play(data, "1"));
    assert!(screen.contains("状态 正常"), "{screen}");
    assert!(screen.contains("本周期累积记分 0/12"), "{screen}");
}
