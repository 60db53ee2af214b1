//! Key tables. Each screen has one `&'static [Binding]`; the same table dispatches keys, writes the
//! footer and fills the `?` help, so the three can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks a screen to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    /// Enter: open the highlighted entry or press the focused button.
    Open,
    /// A digit 1-9: open the n-th entry (0-based here).
    Pick(usize),
    /// Move focus to the next / previous button or field.
    NextFocus,
    PrevFocus,
    Back,
    Search,
    Help,
    Quit,
    /// Kiosk mode: the administrator's way out (asks for the PIN).
    AdminExit,
    /// F9: move the simulated clock to the next deadline.
    AdvanceClock,
    /// F8: the trainer console.
    Trainer,
    /// Space: tick or untick a checkbox.
    Toggle,
    /// Answers in a confirmation dialog.
    Yes,
    No,
    /// 交卷: hand in the exam paper.
    HandIn,
    /// Trainer: lodge an objection during 公示.
    Object,
    /// Trainer: make the next face check fail.
    FailNextFaceCheck,
    /// Trainer: move the simulated clock on by ten minutes.
    ClockForward,
    /// The trainer moves the simulated clock a day on (the waits between exam subjects).
    ClockForwardDay,
    /// 机动车: show the selected vehicle's 机动车二维码.
    ShowVehicleCode,
    /// Trainer: restore the demo data (asks first).
    ResetDemo,
    /// 换一批: draw a task's plate candidates again.
    Redraw,
    /// Trainer: sign in as another demo account.
    SwitchAccount,
    /// Trainer: move the simulated clock to a date typed in.
    SetClock,
    /// A demo: stop or resume the playback.
    Pause,
    /// A demo: take the next step now (while paused, one step at a time).
    Step,
}

/// A key or a family of keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPattern {
    /// A key with no modifier other than Shift.
    Plain(KeyCode),
    /// A key with Ctrl held.
    Ctrl(char),
    /// Any of the digits 1-9, giving `Cmd::Pick(n - 1)`.
    Digit,
}

impl KeyPattern {
    fn matches(self, key: &KeyEvent) -> Option<Option<usize>> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            KeyPattern::Plain(code) if !ctrl && !alt && key.code == code => Some(None),
            KeyPattern::Ctrl(c) if ctrl && key.code == KeyCode::Char(c) => Some(None),
            KeyPattern::Digit if !ctrl && !alt => match key.code {
                KeyCode::Char(c @ '1'..='9') => Some(Some(c as usize - '1' as usize)),
                _ => None,
            },
            _ => None,
        }
    }

    /// How the key is written in the footer and the help, in ASCII (arrow glyphs are
    /// East-Asian-ambiguous and would tear the layout).
    pub fn label(self) -> String {
        match self {
            KeyPattern::Plain(code) => match code {
                KeyCode::Up => "Up".into(),
                KeyCode::Down => "Down".into(),
                KeyCode::Left => "Left".into(),
                KeyCode::Right => "Right".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift+Tab".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Backspace => "Backspace".into(),
                KeyCode::F(n) => format!("F{n}"),
                KeyCode::Char(' ') => "Space".into(),
                KeyCode::Char(c) => c.to_string(),
                other => format!("{other:?}"),
            },
            KeyPattern::Ctrl(c) => format!("Ctrl+{}", c.to_ascii_uppercase()),
            KeyPattern::Digit => "1-9".into(),
        }
    }
}

/// One row of a key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [KeyPattern],
    pub cmd: Cmd,
    /// Short text for the footer; empty keeps the binding out of the footer (still in help).
    pub hint: &'static str,
    /// The sentence in the `?` help.
    pub help: &'static str,
}

impl Binding {
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The command `key` triggers in `table`, if any.
pub fn lookup(table: &[Binding], key: &KeyEvent) -> Option<Cmd> {
    table.iter().find_map(|binding| {
        binding.keys.iter().find_map(|pattern| {
            pattern.matches(key).map(|digit| match digit {
                Some(n) => Cmd::Pick(n),
                None => binding.cmd,
            })
        })
    })
}

use KeyCode::{Char, Down, End, Enter, Esc, Home, PageDown, PageUp, Up};
use KeyPattern::{Ctrl, Digit, Plain};

/// Keys every screen has unless a text field holds the focus.
pub const GLOBAL_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Char('/'))],
        cmd: Cmd::Search,
        hint: "搜索",
        help: "按中文名或拼音（全拼、首字母）搜索全部业务",
    },
    Binding {
        keys: &[Plain(Char('?'))],
        cmd: Cmd::Help,
        hint: "帮助",
        help: "显示本屏的按键说明",
    },
    Binding {
        keys: &[Plain(Char('q')), Ctrl('c')],
        cmd: Cmd::Quit,
        hint: "退出",
        help: "退出程序（会先确认；自助终端模式下不可用）",
    },
    Binding {
        keys: &[Plain(KeyCode::F(12))],
        cmd: Cmd::AdminExit,
        hint: "",
        help: "自助终端模式：管理员输入密码后退出",
    },
    Binding {
        keys: &[Plain(KeyCode::F(9))],
        cmd: Cmd::AdvanceClock,
        hint: "",
        help: "培训演示：把模拟时钟拨到下一个办理期限，并处理到期的事项",
    },
    Binding {
        keys: &[Plain(KeyCode::F(8))],
        cmd: Cmd::Trainer,
        hint: "",
        help: "培训讲师控制台：审核队列与模拟时钟（自助终端模式下不可用）",
    },
];

/// The global keys of a kiosk: a visitor searches and asks for help; the administrator's F12 is
/// there but not advertised. Quitting, the clock and the trainer's console are not reachable.
pub const KIOSK_KEYS: &[Binding] = &[GLOBAL_KEYS[0], GLOBAL_KEYS[1], GLOBAL_KEYS[3]];

/// The global keys in force: the kiosk's or everyone's.
pub fn global_keys(kiosk: bool) -> &'static [Binding] {
    if kiosk { KIOSK_KEYS } else { GLOBAL_KEYS }
}

/// The presenter's keys while a demo plays (`jiaoguan demo`): the app itself gets no key.
pub const DEMO_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Char(' '))],
        cmd: Cmd::Pause,
        hint: "暂停/继续",
        help: "暂停演示，再按一次继续",
    },
    Binding {
        keys: &[Plain(KeyCode::Right), Plain(Char('n'))],
        cmd: Cmd::Step,
        hint: "单步",
        help: "立即执行下一步；暂停时每按一次走一步",
    },
    Binding {
        keys: &[Plain(Char('q')), Plain(Esc), Ctrl('c')],
        cmd: Cmd::Quit,
        hint: "结束演示",
        help: "结束演示并退出",
    },
];

/// Moving through a list and opening entries: the menus, 网办进度, 消息, 设置.
pub const LIST_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Up), Plain(Char('k'))],
        cmd: Cmd::Up,
        hint: "",
        help: "上移一项",
    },
    Binding {
        keys: &[Plain(Down), Plain(Char('j'))],
        cmd: Cmd::Down,
        hint: "",
        help: "下移一项",
    },
    Binding {
        keys: &[Plain(PageUp)],
        cmd: Cmd::PageUp,
        hint: "",
        help: "上翻一页",
    },
    Binding {
        keys: &[Plain(PageDown)],
        cmd: Cmd::PageDown,
        hint: "",
        help: "下翻一页",
    },
    Binding {
        keys: &[Plain(Home)],
        cmd: Cmd::First,
        hint: "",
        help: "跳到第一项",
    },
    Binding {
        keys: &[Plain(End)],
        cmd: Cmd::Last,
        hint: "",
        help: "跳到最后一项",
    },
    Binding {
        keys: &[Plain(Enter)],
        cmd: Cmd::Open,
        hint: "打开",
        help: "打开选中的项目（也可用鼠标点击）",
    },
    Binding {
        keys: &[Digit],
        cmd: Cmd::Pick(0),
        hint: "直选",
        help: "按序号直接打开第几项",
    },
    Binding {
        keys: &[Plain(Esc)],
        cmd: Cmd::Back,
        hint: "返回",
        help: "返回上一屏",
    },
];

/// A list kept in pages read from the data folder (网办进度, 消息): PageUp/PageDown and
/// Home/End move between pages, Up/Down also cross into the next page at its edge.
pub const PAGED_LIST_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Up), Plain(Char('k'))],
        cmd: Cmd::Up,
        hint: "",
        help: "上移一项（在页首时翻到上一页）",
    },
    Binding {
        keys: &[Plain(Down), Plain(Char('j'))],
        cmd: Cmd::Down,
        hint: "",
        help: "下移一项（在页尾时翻到下一页）",
    },
    Binding {
        keys: &[Plain(PageUp)],
        cmd: Cmd::PageUp,
        hint: "上页",
        help: "翻到较新的一页",
    },
    Binding {
        keys: &[Plain(PageDown)],
        cmd: Cmd::PageDown,
        hint: "下页",
        help: "翻到较早的一页",
    },
    Binding {
        keys: &[Plain(Home)],
        cmd: Cmd::First,
        hint: "",
        help: "翻到第一页（最新）",
    },
    Binding {
        keys: &[Plain(End)],
        cmd: Cmd::Last,
        hint: "",
        help: "翻到最后一页（最早）",
    },
    LIST_KEYS[6],
    Binding {
        keys: &[Digit],
        cmd: Cmd::Pick(0),
        hint: "直选",
        help: "按序号直接打开本页第几项",
    },
    LIST_KEYS[8],
];

/// The same as `LIST_KEYS` for the root screen, where Esc has nowhere to go back to.
pub const HOME_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Up), Plain(Char('k'))],
        cmd: Cmd::Up,
        hint: "",
        help: "上移一项",
    },
    Binding {
        keys: &[Plain(Down), Plain(Char('j'))],
        cmd: Cmd::Down,
        hint: "",
        help: "下移一项",
    },
    Binding {
        keys: &[Plain(Home)],
        cmd: Cmd::First,
        hint: "",
        help: "跳到第一项",
    },
    Binding {
        keys: &[Plain(End)],
        cmd: Cmd::Last,
        hint: "",
        help: "跳到最后一项",
    },
    Binding {
        keys: &[Plain(Enter)],
        cmd: Cmd::Open,
        hint: "打开",
        help: "打开选中的入口（也可用鼠标点击）",
    },
    Binding {
        keys: &[Digit],
        cmd: Cmd::Pick(0),
        hint: "直选",
        help: "按序号直接打开第几个入口",
    },
];

/// A page of text with buttons under it: 业务须知.
pub const PAGE_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Up), Plain(Char('k'))],
        cmd: Cmd::Up,
        hint: "",
        help: "向上滚动",
    },
    Binding {
        keys: &[Plain(Down), Plain(Char('j'))],
        cmd: Cmd::Down,
        hint: "滚动",
        help: "向下滚动",
    },
    Binding {
        keys: &[Plain(PageUp)],
        cmd: Cmd::PageUp,
        hint: "",
        help: "上翻一页",
    },
    Binding {
        keys: &[Plain(PageDown), Plain(Char(' '))],
        cmd: Cmd::PageDown,
        hint: "",
        help: "下翻一页",
    },
    Binding {
        keys: &[Plain(KeyCode::Tab), Plain(KeyCode::Right)],
        cmd: Cmd::NextFocus,
        hint: "切换按钮",
        help: "切换到下一个按钮",
    },
    Binding {
        keys: &[Plain(KeyCode::BackTab), Plain(KeyCode::Left)],
        cmd: Cmd::PrevFocus,
        hint: "",
        help: "切换到上一个按钮",
    },
    Binding {
        keys: &[Plain(Enter)],
        cmd: Cmd::Open,
        hint: "确定",
        help: "按下选中的按钮（开始办理，或打开相关业务）",
    },
    Binding {
        keys: &[Digit],
        cmd: Cmd::Pick(0),
        hint: "",
        help: "按序号按下第几个按钮",
    },
    Binding {
        keys: &[Plain(Esc)],
        cmd: Cmd::Back,
        hint: "返回",
        help: "返回上一屏",
    },
];

/// The search screen: the text field holds the focus, so letters are typed, not commands.
pub const SEARCH_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Up)],
        cmd: Cmd::Up,
        hint: "",
        help: "上移一个结果",
    },
    Binding {
        keys: &[Plain(Down)],
        cmd: Cmd::Down,
        hint: "",
        help: "下移一个结果",
    },
    Binding {
        keys: &[Plain(Enter)],
        cmd: Cmd::Open,
        hint: "打开",
        help: "打开选中的业务",
    },
    Binding {
        keys: &[Plain(Esc)],
        cmd: Cmd::Back,
        hint: "返回",
        help: "关闭搜索，返回上一屏",
    },
];

/// Screens with nothing to choose yet: only going back.
pub const BACK_KEYS: &[Binding] = &[Binding {
    keys: &[Plain(Esc)],
    cmd: Cmd::Back,
    hint: "返回",
    help: "返回上一屏",
}];

/// Dialogs asking yes or no.
pub const CONFIRM_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Char('y')), Plain(Char('Y')), Plain(Enter)],
        cmd: Cmd::Yes,
        hint: "确定",
        help: "确定",
    },
    Binding {
        keys: &[Plain(Char('n')), Plain(Char('N')), Plain(Esc)],
        cmd: Cmd::No,
        hint: "取消",
        help: "取消",
    },
];

/// The administrator's PIN prompt in kiosk mode: digits are typed into the field.
pub const PIN_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Enter)],
        cmd: Cmd::Yes,
        hint: "确定",
        help: "提交密码并退出程序",
    },
    Binding {
        keys: &[Plain(Esc)],
        cmd: Cmd::No,
        hint: "取消",
        help: "取消，回到程序",
    },
];

/// Choosing a rejection's reason: a standard one, or words typed under 其他原因.
pub const REASON_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Up)],
        cmd: Cmd::Up,
        hint: "上一项",
        help: "上一个原因",
    },
    Binding {
        keys: &[Plain(Down)],
        cmd: Cmd::Down,
        hint: "下一项",
        help: "下一个原因（最后一项可输入其他原因）",
    },
    Binding {
        keys: &[Plain(Enter)],
        cmd: Cmd::Yes,
        hint: "退回",
        help: "以选中的原因退回申请，原因写入办理记录并通知申请人",
    },
    Binding {
        keys: &[Plain(Esc)],
        cmd: Cmd::No,
        hint: "取消",
        help: "不退回，回到控制台",
    },
];

/// A date typed for the simulated clock.
pub const DATE_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Enter)],
        cmd: Cmd::Yes,
        hint: "拨到此时",
        help: "把模拟时钟拨到输入的日期时间，到期的事项随之办理（时钟不能往回拨）",
    },
    Binding {
        keys: &[Plain(Esc)],
        cmd: Cmd::No,
        hint: "取消",
        help: "不拨时钟",
    },
];

/// The trainee's name at the start of a test: a test cannot start without one.
pub const NAME_KEYS: &[Binding] = &[Binding {
    keys: &[Plain(Enter)],
    cmd: Cmd::Yes,
    hint: "开始考核",
    help: "确认姓名并开始考核",
}];

/// Overlays that only need closing: help, messages.
pub const CLOSE_KEYS: &[Binding] = &[Binding {
    keys: &[Plain(Enter), Plain(Esc), Plain(Char('?'))],
    cmd: Cmd::Back,
    hint: "关闭",
    help: "关闭",
}];

/// The footer line for a screen: its own hints, then the global ones. Each binding shows its
/// first key only (the help lists them all); a table that moves Up and Down gets one 移动 hint.
pub fn footer_hints(screen: &[Binding], global: &[Binding]) -> Vec<(String, &'static str)> {
    let has = |cmd: Cmd| screen.iter().any(|b| b.cmd == cmd);
    let mut hints = Vec::new();
    if has(Cmd::Up)
        && has(Cmd::Down)
        && screen
            .iter()
            .all(|b| b.cmd != Cmd::Down || b.hint.is_empty())
    {
        hints.push(("Up/Down".to_string(), "移动"));
    }
    hints.extend(
        screen
            .iter()
            .chain(global)
            .filter(|b| !b.hint.is_empty())
            .filter_map(|b| b.keys.first().map(|k| (k.label(), b.hint))),
    );
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paged list borrows Enter and Esc from LIST_KEYS by position: they must stay those.
    #[test]
    fn the_paged_list_opens_on_enter_and_goes_back_on_esc() {
        assert_eq!(
            lookup(PAGED_LIST_KEYS, &key(KeyCode::Enter)),
            Some(Cmd::Open)
        );
        assert_eq!(lookup(PAGED_LIST_KEYS, &key(KeyCode::Esc)), Some(Cmd::Back));
        assert_eq!(
            lookup(PAGED_LIST_KEYS, &key(KeyCode::PageDown)),
            Some(Cmd::PageDown)
        );
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn digits_pick_zero_based_entries() {
        assert_eq!(lookup(LIST_KEYS, &key(Char('1'))), Some(Cmd::Pick(0)));
        assert_eq!(lookup(LIST_KEYS, &key(Char('9'))), Some(Cmd::Pick(8)));
        assert_eq!(lookup(LIST_KEYS, &key(Char('0'))), None);
    }

    #[test]
    fn vim_keys_and_arrows_share_a_row() {
        assert_eq!(lookup(LIST_KEYS, &key(Char('j'))), Some(Cmd::Down));
        assert_eq!(lookup(LIST_KEYS, &key(Down)), Some(Cmd::Down));
        assert_eq!(
            lookup(
                GLOBAL_KEYS,
                &KeyEvent::new(Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Cmd::Quit)
        );
        assert_eq!(
            lookup(LIST_KEYS, &KeyEvent::new(Char('j'), KeyModifiers::CONTROL)),
            None
        );
    }

    #[test]
    fn the_footer_is_made_from_the_table() {
        let hints = footer_hints(LIST_KEYS, GLOBAL_KEYS);
        assert!(hints.contains(&("Enter".to_string(), "打开")));
        assert!(hints.contains(&("/".to_string(), "搜索")));
        assert!(hints.contains(&("q".to_string(), "退出")));
        assert_eq!(hints[0], ("Up/Down".to_string(), "移动"));
    }
}
