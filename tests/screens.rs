//! Whole-screen tests on ratatui's `TestBackend`: the real `App`, fed keys, rendered to text and
//! compared with reviewed snapshots (`tests/snapshots/`).

mod common;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use jiaoguan::app::App;
use jiaoguan::app::play::{buffer_text, play};
use jiaoguan::app::script;
use jiaoguan::app::session::{SeedPlan, Session};
use jiaoguan::assets::{AssetSource, Resources, load_catalog};
use jiaoguan::config::Config;
use jiaoguan::domain::text::ambiguous_glyphs;
use jiaoguan::store::DataDir;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

struct Fixture {
    app: App,
    _dir: tempfile::TempDir,
    width: u16,
    height: u16,
}

fn app(width: u16, height: u16) -> Fixture {
    app_with(width, height, Config::default())
}

/// The app on a fresh data folder with `config`.
fn app_with(width: u16, height: u16, config: Config) -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let catalog = load_catalog(&AssetSource::Embedded)
        .expect("assets")
        .expect("catalog");
    let plan = SeedPlan {
        clock_start: config.play_clock_start,
        default_persona: config.default_persona.clone(),
        seed: 7,
    };
    let data = DataDir::open(dir.path()).expect("data dir");
    let session = Session::open(data, &AssetSource::Embedded, &plan).expect("session");
    let app = App::new(
        catalog,
        config,
        Resources::load(&AssetSource::Embedded).expect("resources"),
        session,
        Rect::new(0, 0, width, height),
    );
    Fixture {
        app,
        _dir: dir,
        width,
        height,
    }
}

/// Runs a key script and returns the final screen; also checks that no East-Asian-ambiguous
/// glyph reached the screen.
fn screen(width: u16, height: u16, keys: &str) -> String {
    let mut fixture = app(width, height);
    let events = script::parse(keys).expect("script");
    let text = play(&mut fixture.app, &events, fixture.width, fixture.height).expect("play");
    without_ambiguous_glyphs(text)
}

/// The screen, after checking that no East-Asian-ambiguous glyph reached it.
fn without_ambiguous_glyphs(text: String) -> String {
    let glyphs = ambiguous_glyphs(&text);
    assert!(
        glyphs.is_empty(),
        "ambiguous glyphs {glyphs:?} on screen:\n{text}"
    );
    text
}

#[test]
fn home_screen() {
    insta::assert_snapshot!(screen(80, 24, ""));
}

#[test]
fn vehicle_business_category() {
    let text = screen(80, 24, "3 2");
    assert!(text.contains("业务中心 > 机动车业务"));
    insta::assert_snapshot!(text);
}

#[test]
fn business_center_lists_categories_and_marks_neighbours() {
    let text = screen(80, 24, "3");
    for category in [
        "驾驶证业务",
        "机动车业务",
        "学习教育业务",
        "违法处理业务",
        "事故处理业务",
    ] {
        assert!(text.contains(category), "{category} missing:\n{text}");
    }
    let text = screen(80, 24, "3 5");
    assert!(text.contains("暂未开放"), "{text}");
    let text = screen(80, 24, "3 5 1");
    assert!(text.contains("暂未在模拟器中开放"), "{text}");
}

#[test]
fn search_by_initials() {
    let text = screen(80, 24, "/ \"xcxh\"");
    assert!(text.contains("> 1 新车选号"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn search_by_full_pinyin_chinese_and_initials_opens_the_business() {
    let text = screen(80, 24, "/ \"xfjf\" Enter");
    assert!(
        text.contains("业务中心 > 学习教育业务 > 学法减分"),
        "{text}"
    );
    assert!(text.contains("业务须知"), "{text}");
    let text = screen(80, 24, "/ \"xinchexuanhao\" Enter");
    assert!(text.contains("新车选号  业务须知"), "{text}");
    let text = screen(80, 24, "/ \"行驶证\"");
    assert!(text.contains("补换领行驶证"), "{text}");
    let text = screen(80, 24, "/ \"zzzz\"");
    assert!(text.contains("没有找到相关业务"), "{text}");
}

/// A related business opened from 业务须知 is placed where the menu lists it: beside this one in
/// the same category, under its own category otherwise, never under the category it came from.
#[test]
fn a_related_business_shows_the_menu_path_it_is_listed_at() {
    let text = screen(100, 30, "/ \"bgjszlxfs\" Enter Tab Enter");
    assert!(
        text.contains("业务中心 > 机动车业务 > 变更机动车联系方式"),
        "{text}"
    );
    let text = screen(100, 30, "/ \"jszdzb\" Enter Tab Enter");
    assert!(
        text.contains("业务中心 > 驾驶证业务 > 驾驶证补换领"),
        "{text}"
    );
}

/// The search finds what the menu lists besides the businesses: a screen such as 违法查询 opens,
/// and an entry not offered here is listed as 暂未开放 and says so when chosen.
#[test]
fn search_finds_screens_and_entries_not_offered() {
    let text = screen(80, 24, "/ \"违法\"");
    assert!(text.contains("违法查询  业务中心 > 违法处理业务"), "{text}");
    let text = screen(80, 24, "/ \"wfcx\" Enter");
    assert!(
        text.contains("业务中心 > 违法处理业务 > 违法查询"),
        "{text}"
    );
    let text = screen(80, 24, "/ \"tjsttjzm\"");
    assert!(text.contains("提交身体条件证明  暂未开放"), "{text}");
    let text = screen(80, 24, "/ \"tjsttjzm\" Enter");
    assert!(
        text.contains("「提交身体条件证明」暂未在模拟器中开放"),
        "{text}"
    );
}

#[test]
fn typed_letters_go_into_the_search_field_not_to_global_keys() {
    // `q` would quit and `?` would open help outside a field; here they are typed.
    let text = screen(80, 24, "/ q ?");
    assert!(text.contains("搜索业务：q?"), "{text}");
    assert!(!text.contains("确定要退出"), "{text}");
}

#[test]
fn help_overlay_comes_from_the_key_table() {
    let text = screen(80, 24, "3 ?");
    assert!(text.contains("按键说明"), "{text}");
    assert!(text.contains("按序号直接打开第几项"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn too_small_terminal() {
    let text = screen(50, 15, "");
    assert!(text.contains("至少 60x20"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn notice_page_and_start_button_refuse_a_driver_who_does_not_qualify() {
    let text = screen(100, 30, "3 3 2");
    assert!(
        text.contains("业务中心 > 学习教育业务 > 满分学习考试"),
        "{text}"
    );
    for section in ["业务说明", "申请条件", "所需材料", "办理时限"] {
        assert!(text.contains(section), "{section} missing:\n{text}");
    }
    // The default account has 3 points: 满分 is refused with the rule, before any typing.
    let text = screen(100, 30, "3 3 2 Enter");
    assert!(text.contains("暂不能办理「满分学习考试」"), "{text}");
    assert!(text.contains("未满12分，无"), "{text}");
}

#[test]
fn esc_goes_back_one_screen() {
    let text = screen(80, 24, "3 2 Esc");
    assert!(text.contains("交管12123  业务中心  "), "{text}");
    let text = screen(80, 24, "3 2 Esc Esc");
    assert!(text.contains("常用入口"), "{text}");
}

#[test]
fn arrows_and_vim_keys_move_and_enter_opens() {
    let text = screen(80, 24, "Down Down Enter");
    assert!(text.contains("交管12123  业务中心  "), "{text}");
    let text = screen(80, 24, "j j k Enter");
    assert!(text.contains("交管12123  机动车"), "{text}");
}

#[test]
fn quit_asks_to_confirm() {
    let mut fixture = app(80, 24);
    let text = play(
        &mut fixture.app,
        &script::parse("q").expect("script"),
        80,
        24,
    )
    .expect("play");
    assert!(text.contains("确定要退出"), "{text}");
    assert!(!fixture.app.should_quit());
    play(
        &mut fixture.app,
        &script::parse("y").expect("script"),
        80,
        24,
    )
    .expect("play");
    assert!(fixture.app.should_quit());
}

/// Five wrong PINs in a row lock the kiosk's exit, the right PIN included, for the config's
/// minutes.
#[test]
fn five_wrong_pins_lock_the_kiosk_exit() {
    let mut config = Config::default();
    config.kiosk.enabled = true;
    let mut fixture = app_with(80, 24, config.clone());
    for _ in 0..4 {
        let text = more(&mut fixture, "F12 \"0000\" Enter Esc");
        assert!(!text.contains("锁定"), "{text}");
    }
    let text = more(&mut fixture, "F12 \"0000\" Enter");
    assert!(
        text.contains("密码连续5次错误，管理员退出锁定10分钟"),
        "{text}"
    );
    let pin = format!("Esc F12 \"{}\" Enter", config.kiosk.admin_pin);
    let text = more(&mut fixture, &pin);
    assert!(!fixture.app.should_quit(), "locked: {text}");
    assert!(text.contains("已锁定"), "{text}");
}

#[test]
fn kiosk_mode_cannot_be_quit_without_the_pin() {
    let mut config = Config::default();
    config.kiosk.enabled = true;
    let mut fixture = app_with(80, 24, config.clone());
    // 首页 tells a visitor what can be practised here.
    let text = more(&mut fixture, "");
    assert!(
        text.contains("自助练习：选择「业务中心」"),
        "the attract line: {text}"
    );
    // 我的 offers no 培训模式 to a visitor: 设置 is its only entry.
    let mine = more(&mut fixture, "6");
    assert!(
        mine.contains("设置") && !mine.contains("培训模式"),
        "{mine}"
    );
    more(&mut fixture, "Esc");
    let text = more(&mut fixture, "q Enter Ctrl+c Enter Ctrl+z Esc");
    assert!(!fixture.app.should_quit(), "{text}");
    let text = more(&mut fixture, "F12 \"0000\" Enter");
    assert!(text.contains("密码错误"), "{text}");
    assert!(!text.contains("0000"), "the PIN must not be shown: {text}");
    // A visitor is not offered the trainer's keys, quitting or the administrator's exit.
    let text = more(&mut fixture, "Esc F9 F8");
    let footer = text.lines().last().unwrap_or_default().to_string();
    assert!(
        !footer.contains("退出") && !footer.contains("F9"),
        "{footer}"
    );
    assert!(!text.contains("培训讲师控制台"), "F8 is off: {text}");
    assert!(text.contains("2026-03-02 09:00"), "F9 is off: {text}");
    let help = more(&mut fixture, "?");
    assert!(
        !help.contains("F8")
            && !help.contains("F9")
            && !help.contains("F12")
            && !help.contains("退出程序"),
        "{help}"
    );
    more(&mut fixture, "Esc");
    let pin = format!("F12 \"{}\" Enter", config.kiosk.admin_pin);
    more(&mut fixture, &pin);
    assert!(fixture.app.should_quit());
}

#[test]
fn settings_switch_persona() {
    // 我的 is the 6th entry on 首页; 设置 its first.
    let text = screen(80, 24, "6 1");
    assert!(text.contains("切换账号"), "{text}");
    let text = screen(80, 24, "6 1 Down Down Enter");
    assert!(text.contains("已登录为"), "{text}");
}

#[test]
fn personal_data_is_masked() {
    let text = screen(80, 24, "6");
    assert!(text.contains("**********"), "ID not masked:\n{text}");
    assert!(text.contains("****"), "phone not masked:\n{text}");
    assert!(!text.contains("张伟"), "full name shown:\n{text}");
}

#[test]
fn licence_screen_shows_points_and_the_e_licence_entry() {
    let text = screen(100, 30, "1");
    assert!(
        text.contains("本周期累积记分 3/12（学法减分已减1分）"),
        "{text}"
    );
    assert!(text.contains("-1分  学法减分：网上学习考试"), "{text}");
    assert!(text.contains("驾驶证电子版"), "{text}");
    let text = screen(100, 30, "1 1");
    assert!(text.contains("我的驾驶证 > 驾驶证电子版"), "{text}");
}

fn click(x: u16, y: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    })
}

#[test]
fn a_mouse_click_opens_the_entry_under_it() {
    let mut fixture = app(80, 24);
    let home = play(&mut fixture.app, &[], 80, 24).expect("play");
    let row = home
        .lines()
        .position(|l| l.contains("3 业务中心"))
        .expect("entry on screen");
    let text = play(
        &mut fixture.app,
        &[click(8, u16::try_from(row).expect("row"))],
        80,
        24,
    )
    .expect("play");
    assert!(text.contains("驾驶证业务"), "{text}");
}

#[test]
fn resize_just_redraws() {
    let mut fixture = app(80, 24);
    let text = play(&mut fixture.app, &[Event::Resize(50, 15)], 80, 24).expect("play");
    assert!(text.contains("至少 60x20"), "{text}");
    let text = play(&mut fixture.app, &[Event::Resize(100, 30)], 50, 15).expect("play");
    assert!(text.contains("常用入口"), "{text}");
}

#[test]
fn the_cursor_sits_on_the_search_caret() {
    let mut fixture = app(80, 24);
    for event in script::parse("/ \"新车\"").expect("script") {
        fixture.app.handle_event(&event);
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let frame = terminal.draw(|f| fixture.app.render(f)).expect("draw");
    let text = buffer_text(frame.buffer);
    let row = text
        .lines()
        .position(|l| l.contains("搜索业务：新车"))
        .expect("field");
    let field_x = 11;
    let cursor = terminal.get_cursor_position().expect("cursor");
    // Two Chinese characters are four columns.
    assert_eq!(
        (cursor.x, cursor.y),
        (field_x + 4, u16::try_from(row).expect("row"))
    );
    let _ = KeyEvent::new(KeyCode::Null, KeyModifiers::NONE);
}

/// The QR code on 出示电子驾驶证 is the verification code's matrix, module for module: each dark
/// module is two black cells, each light one two white cells, inside a light quiet zone.
#[test]
fn the_e_licence_qr_code_on_screen_decodes_to_its_matrix() {
    use jiaoguan::domain::e_licence::{qr_matrix, verification_code};
    use jiaoguan::domain::profile::ELicence;
    use ratatui::style::Color;

    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::default();
    let plan = SeedPlan {
        clock_start: config.play_clock_start,
        default_persona: config.default_persona.clone(),
        seed: 7,
    };
    let mut session = Session::open(
        DataDir::open(dir.path()).expect("data dir"),
        &AssetSource::Embedded,
        &plan,
    )
    .expect("session");
    let licence = session
        .profiles
        .get_mut("ordinary_c1")
        .and_then(|p| p.licence.as_mut())
        .expect("licence");
    licence.e_licence = Some(ELicence {
        issued_at: config.play_clock_start,
        application: "20260302000001".into(),
        photo: "档案照片".into(),
    });
    let catalog = load_catalog(&AssetSource::Embedded)
        .expect("assets")
        .expect("catalog");
    let resources = Resources::load(&AssetSource::Embedded).expect("resources");
    let mut app = App::new(
        catalog,
        config,
        resources,
        session,
        Rect::new(0, 0, 100, 30),
    );
    for event in script::parse("1 1").expect("script") {
        app.handle_event(&event);
    }
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let frame = terminal.draw(|f| app.render(f)).expect("draw");
    let text = buffer_text(frame.buffer);
    assert!(text.contains("核验码 JG12123-DZ-20260302000001"), "{text}");
    let matrix = qr_matrix(&verification_code("20260302000001")).expect("matrix");
    let buf = frame.buffer;
    // The quiet zone starts at the first white cell of the first QR row.
    let y0 = 2u16;
    let x0 = (0..100u16)
        .find(|x| buf[(*x, y0)].bg == Color::White)
        .expect("qr on screen");
    let quiet = 2u16;
    for (r, row) in matrix.iter().enumerate() {
        for (c, dark) in row.iter().enumerate() {
            let x = x0 + (quiet + u16::try_from(c).expect("col")) * 2;
            let y = y0 + quiet + u16::try_from(r).expect("row");
            let expected = if *dark { Color::Black } else { Color::White };
            assert_eq!(buf[(x, y)].bg, expected, "module ({r},{c})");
            assert_eq!(buf[(x + 1, y)].bg, expected, "module ({r},{c}) right half");
        }
    }
}

/// The kiosk's idle reset: whatever the visitor left open, 首页 as the default account.
#[test]
fn idle_reset_returns_to_home_as_the_default_account() {
    let mut fixture = app(80, 24);
    let text = play(
        &mut fixture.app,
        &script::parse("6 1 3 Enter 3 2 1 ?").expect("script"),
        80,
        24,
    )
    .expect("play");
    assert!(text.contains("按键说明"), "{text}");
    // The visitor began a business: its draft is on disk.
    play(
        &mut fixture.app,
        &script::parse("Esc Enter Space Enter").expect("script"),
        80,
        24,
    )
    .expect("play");
    let drafts = |f: &Fixture| {
        std::fs::read_dir(f._dir.path().join("drafts"))
            .map(|d| d.count())
            .unwrap_or(0)
    };
    assert!(drafts(&fixture) > 0, "a draft was kept");
    // The last 30 seconds: the countdown shows, and a key only dismisses it.
    fixture.app.show_idle_countdown(12);
    let text = play(&mut fixture.app, &[], 80, 24).expect("play");
    assert!(text.contains("12秒后即将返回首页"), "{text}");
    let text = more(&mut fixture, "Esc");
    assert!(!text.contains("即将返回首页"), "{text}");
    assert!(
        text.contains("新车选号"),
        "the key did nothing else: {text}"
    );
    fixture.app.reset_to_home();
    let text = play(&mut fixture.app, &[], 80, 24).expect("play");
    assert!(text.contains("常用入口"), "{text}");
    assert_eq!(
        fixture.app.session().state.current_profile,
        Config::default().default_persona
    );
    assert_eq!(drafts(&fixture), 0, "the next visitor finds no draft");
}

/// Plays more keys on a fixture already driven somewhere; the screen, checked for ambiguous
/// glyphs.
fn more(fixture: &mut Fixture, keys: &str) -> String {
    let events = script::parse(keys).expect("script");
    let text = play(&mut fixture.app, &events, fixture.width, fixture.height).expect("play");
    without_ambiguous_glyphs(text)
}

/// The A2 driver (eligible) submits 学法减分 by 网上学习 and opens 课件学习 at the first face check.
fn at_first_study_check() -> Fixture {
    let mut fixture = app(80, 24);
    more(
        &mut fixture,
        "6 1 8 Enter 1 2 Enter Space Enter Enter Enter Enter",
    );
    let session = fixture.app.session();
    let inbox = session.inboxes.get("truck_a2").expect("inbox");
    let newest = inbox.newest.as_ref().expect("a segment");
    let text = &newest.messages.last().expect("the SMS code").text;
    let at = text.find("验证码 ").expect("a code") + "验证码 ".len();
    let code: String = text[at..].chars().take(6).collect();
    more(
        &mut fixture,
        &format!("\"{code}\" Enter Enter Enter Enter F9"),
    );
    fixture
}

#[test]
fn study_page_waits_for_the_face_check() {
    let mut fixture = at_first_study_check();
    let text = more(&mut fixture, "");
    assert!(text.contains("学习过程人脸比对"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn exam_page_shows_the_question_options_and_time_left() {
    let mut fixture = at_first_study_check();
    let text = more(&mut fixture, "Enter F9 Enter F9 Enter Enter Enter 2");
    assert!(text.contains("第1/20题"), "{text}");
    insta::assert_snapshot!(text);
}

/// In the interactive program the simulated clock follows real time: a running study counts
/// the minutes as they pass, and the loop ticks only while something runs.
#[test]
fn a_running_study_follows_the_wall_clock_and_ticks_only_while_it_runs() {
    let mut fixture = at_first_study_check();
    more(&mut fixture, "Enter");
    assert!(fixture.app.wants_clock_ticks(), "studying");
    let wall = chrono::NaiveDate::from_ymd_opt(2030, 1, 1)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("date");
    fixture.app.follow_wall_clock(wall);
    fixture
        .app
        .follow_wall_clock(wall + chrono::Duration::minutes(4));
    let text = more(&mut fixture, "");
    assert!(text.contains("15分00秒 / 30分钟"), "{text}");
    more(&mut fixture, "Esc");
    assert!(!fixture.app.wants_clock_ticks(), "paused: no ticks");
}

#[test]
fn licence_replacement_offers_the_sub_types_that_apply_with_the_reasons_for_the_rest() {
    // 吴* lost the card and has no violation waiting (补换领 waits for those).
    let keys = format!(
        "{} Enter Esc Esc / \"jszbhl\" Enter Enter Space Enter Enter",
        common::sign_in("wallet_lost_c1")
    );
    insta::assert_snapshot!(screen(100, 30, &keys));
}

#[test]
fn a_cancelled_licence_says_what_it_means_on_my_licence() {
    let text = screen(
        100,
        30,
        &format!("{} Enter Esc Esc 1", common::sign_in("voided_c1")),
    );
    assert!(text.contains("状态 注销"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn settings_say_what_the_highlighted_persona_can_do_now() {
    let text = screen(100, 30, "6 1");
    assert!(
        text.contains("现在可以在线办理：驾驶证电子版、驾驶证补换领"),
        "{text}"
    );
    assert!(
        text.contains("延期换"),
        "赵* may postpone the renewal:\n{text}"
    );
    // 钱* (licence cancelled): no licence business but the contact change; a family car can
    // still be filed.
    let text = screen(100, 30, &common::highlight("voided_c1"));
    assert!(
        text.contains("现在可以在线办理：备案非本人机动车、变更驾驶证联系方式"),
        "{text}"
    );
}

/// A learner's 首页 shows the 学习驾驶证明 and the subjects instead of a licence card, and
/// 我的驾驶证 says when each subject not yet passed opens, with the article.
#[test]
fn a_learner_sees_the_permit_and_when_each_subject_opens() {
    let home = screen(100, 30, "6 1 End Up Up Enter Enter Esc Esc");
    assert!(home.contains("学习驾驶证明  准驾车型 C1"), "{home}");
    insta::assert_snapshot!("learner_home", home);
    let licence = screen(100, 30, "6 1 End Up Up Enter Enter Esc Esc 1");
    insta::assert_snapshot!("learner_my_licence", licence);
}

/// 预约考试's subject page: a subject not open yet is shown disabled with the rule and the day
/// it opens.
#[test]
fn the_subjects_not_open_are_disabled_with_the_day_they_open() {
    let text = screen(
        100,
        30,
        "6 1 End Up Up Enter Enter Esc Esc / \"yyks\" Enter Enter Space Enter Enter Down Down",
    );
    assert!(text.contains("2026-03-20 起可以预约"), "{text}");
    insta::assert_snapshot!("exam_subject_page", text);
}

#[test]
fn the_violation_query_lists_the_records_and_details_the_highlighted_one() {
    let text = screen(100, 30, "3 4 1");
    insta::assert_snapshot!(text);
}

/// A window too small to show anything takes no keys: nothing happens that cannot be seen, and
/// once it is large again the app is where it was.
#[test]
fn keys_do_nothing_while_the_window_is_too_small() {
    let mut fixture = app_with(40, 12, Config::default());
    let small = more(&mut fixture, "3 2 1 Enter q y");
    assert!(small.contains("放大"), "{small}");
    assert!(!fixture.app.should_quit(), "q did nothing");
    let large = more(&mut fixture, "");
    assert!(large.contains("放大"), "{large}");
    fixture
        .app
        .handle_event(&crossterm::event::Event::Resize(100, 30));
    assert_eq!(
        fixture.app.breadcrumb(),
        vec!["首页".to_string()],
        "still home"
    );
}

/// A click on 「我已阅读并同意」 ticks it, as Space does; a click elsewhere on the notice does not.
#[test]
fn a_click_ticks_the_notice_box() {
    let mut fixture = app(80, 24);
    let notice = more(&mut fixture, "1 1 Enter");
    let row = notice
        .lines()
        .position(|l| l.contains("[ ] 我已阅读并同意"))
        .expect("the box on screen");
    let row = u16::try_from(row).expect("row");
    let text = play(&mut fixture.app, &[click(30, row - 1)], 80, 24).expect("play");
    assert!(text.contains("[ ] 我已阅读并同意"), "{text}");
    let text = play(&mut fixture.app, &[click(3, row)], 80, 24).expect("play");
    assert!(text.contains("[x] 我已阅读并同意"), "{text}");
}

/// What is cut at 80 columns ends in `...`, and the rest is still there to read.
mod narrow {
    use super::*;

    /// The default account (张*) after a script of keys and `sms-code`, at `width` x `height`.
    fn after(width: u16, height: u16, script_text: &str) -> String {
        let mut fixture = app(width, height);
        let steps = script::parse_file(script_text).expect("script");
        let text = jiaoguan::app::play::play_recorded(
            &mut fixture.app,
            &steps,
            fixture.width,
            fixture.height,
            None,
        )
        .expect("play");
        without_ambiguous_glyphs(text)
    }

    /// 驾驶证电子版 submitted and reviewed: the review's message arrives as a banner.
    const E_LICENCE_ISSUED: &str = "1 1 Enter Space Enter Enter Enter sms-code Enter Enter F9";

    #[test]
    fn the_e_licence_card_uses_the_whole_width_when_the_code_does_not_fit() {
        for (width, height) in [(80, 24), (100, 30)] {
            let text = after(
                width,
                height,
                &format!("{E_LICENCE_ISSUED} Esc Esc Esc 1 1"),
            );
            assert!(
                text.contains("中华人民共和国机动车驾驶证（电子）"),
                "{text}"
            );
            assert!(
                text.contains("请打开本页实时出示；截图不能代替电子驾驶证。"),
                "{text}"
            );
            assert!(text.contains("核验码 JG12123-DZ-2026030"), "{text}");
            // At 100x30 the code fits beside the card (drawn in colours, blank as text).
            assert_eq!(
                text.contains("窗口太小，放大后可显示二维码"),
                width == 80,
                "{text}"
            );
            insta::assert_snapshot!(format!("e_licence_card_{width}x{height}"), text);
        }
    }

    #[test]
    fn a_long_banner_ends_in_a_mark_and_the_message_is_whole_in_the_inbox() {
        for (width, height) in [(80, 24), (100, 30)] {
            let text = after(width, height, E_LICENCE_ISSUED);
            let lines: Vec<&str> = text.lines().collect();
            assert!(lines[1].contains("【交管12123】"), "{text}");
            assert!(lines[1].trim_end().ends_with("..."), "{text}");
            assert!(
                lines[2].contains("驾驶证电子版  受理编号"),
                "the page's heading:\n{text}"
            );
            insta::assert_snapshot!(format!("banner_{width}x{height}"), text);
            let inbox = after(width, height, &format!("{E_LICENCE_ISSUED} Esc Esc Esc 5"));
            let flat: String = inbox.split_whitespace().collect();
            assert!(
                flat.contains("可在APP【我的驾驶证】中查看和出示"),
                "{inbox}"
            );
        }
    }

    #[test]
    fn a_breadcrumb_too_long_gives_up_its_first_steps() {
        let text = after(60, 20, "1 1 Enter Space Enter");
        let title = text.lines().next().expect("title");
        assert!(title.contains("... > 驾驶证电子版 > 办理"), "{title}");
        for (width, height) in [(80, 24), (100, 30)] {
            let text = after(width, height, "1 1 Enter Space Enter");
            let title = text.lines().next().expect("title");
            assert!(
                title.contains("我的驾驶证 > 驾驶证电子版 > 办理"),
                "{title}"
            );
            insta::assert_snapshot!(format!("breadcrumb_{width}x{height}"), text);
        }
    }

    #[test]
    fn a_disabled_option_is_cut_with_a_mark_and_its_reason_given_in_full() {
        for (width, height) in [(80, 24), (100, 30)] {
            let text = screen(
                width,
                height,
                "6 1 End Up Up Enter Enter Esc Esc / \"yyks\" Enter Enter Space Enter Enter Down Down",
            );
            let row = text
                .lines()
                .find(|l| l.contains("> 3 科目三"))
                .expect("the highlighted row");
            assert!(row.trim_end().ends_with("..."), "{row}");
            let flat: String = text.split_whitespace().collect();
            assert!(flat.contains("2026-03-20起可以预约"), "{text}");
            insta::assert_snapshot!(format!("disabled_option_{width}x{height}"), text);
        }
    }

    #[test]
    fn a_violation_line_is_cut_with_a_mark_and_given_in_full_below() {
        for (width, height) in [(80, 24), (100, 30)] {
            let text = screen(width, height, "3 4 1 Down");
            assert!(
                text.lines()
                    .any(|l| l.contains("已缴款") && l.trim_end().ends_with("...")),
                "{text}"
            );
            let flat: String = text.split_whitespace().collect();
            assert!(flat.contains("驾驶人未按规定系安全带的"), "{text}");
            insta::assert_snapshot!(format!("violation_list_{width}x{height}"), text);
        }
    }
}
