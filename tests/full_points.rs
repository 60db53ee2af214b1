//! 满分 as 我的驾驶证 shows it to the driver at 12 points, with the real binary: the days of
//! study by R163 Art.18-19, the cities of Art.20, the exams of Art.22, and the licence stopped
//! when the notice is ignored for 30 days (Art.29).

mod common;

use common::{play, sign_in};

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
