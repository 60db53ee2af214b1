//! Overlays over the current screen: a message to close, the quit confirmation, the kiosk
//! administrator's PIN prompt, and the `?` help. Each has its own key table.

use crossterm::event::{Event, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Style};
use ratatui::widgets::{Block, Widget};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::keys::{Binding, CLOSE_KEYS, CONFIRM_KEYS, DATE_KEYS, NAME_KEYS, PIN_KEYS, REASON_KEYS};
use super::widgets::{ASCII_BORDER, MUTED, WARN, centered, clear_overlay, put, width, wrap};
use crate::engine::step::Command;

const BODY: Style = Style::new().fg(Color::Black).bg(Color::White);
const FIELD: Style = Style::new().fg(Color::Black).bg(Color::Gray);

/// An overlay and its state.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// A message the user reads and closes (提示).
    Message(String),
    ConfirmQuit,
    /// Kiosk exit: the PIN typed so far (shown as stars) and the last error.
    AdminPin {
        input: Input,
        error: Option<String>,
    },
    /// The trainer sends an application back: the rule that failed (option 0), one of the
    /// stage kind's standard reasons, or words typed under 其他原因 (the last option).
    RejectReason {
        number: String,
        reasons: Vec<String>,
        selected: usize,
        input: Input,
    },
    /// The trainer moves the simulated clock to a date (and time) typed in.
    ClockTo {
        input: Input,
        error: Option<String>,
    },
    /// A test's start: the trainee's name, for the report.
    TraineeName {
        input: Input,
        error: Option<String>,
    },
    /// The `?` help: (keys, what they do) rows, and the screen they belong to.
    Help {
        screen: String,
        rows: Vec<(String, &'static str)>,
    },
    /// A step with consequences the user confirms first (early 签退).
    ConfirmAct {
        text: String,
        number: String,
        command: Command,
    },
    /// A trainer's step that cannot be undone (a decision, a clock jump), confirmed first.
    ConfirmThen {
        text: String,
        then: Box<super::Action>,
    },
    /// The trainer's reset of the demo data, confirmed first.
    ConfirmReset,
    /// Leaving a page where something runs on (an exam in progress), confirmed first.
    ConfirmLeave(String),
}

impl Dialog {
    pub fn keys(&self) -> &'static [Binding] {
        match self {
            Dialog::Message(_) | Dialog::Help { .. } => CLOSE_KEYS,
            Dialog::ConfirmQuit
            | Dialog::ConfirmAct { .. }
            | Dialog::ConfirmThen { .. }
            | Dialog::ConfirmReset
            | Dialog::ConfirmLeave(_) => CONFIRM_KEYS,
            Dialog::AdminPin { .. } => PIN_KEYS,
            Dialog::TraineeName { .. } => NAME_KEYS,
            Dialog::RejectReason { .. } => REASON_KEYS,
            Dialog::ClockTo { .. } => DATE_KEYS,
        }
    }

    /// Keys no binding took: typed into the dialog's field (a reason typed selects 其他原因).
    pub fn type_key(&mut self, key: KeyEvent) {
        if let Dialog::RejectReason {
            reasons,
            selected,
            input,
            ..
        } = self
        {
            *selected = reasons.len() + 1;
            if input.value().chars().count() < 60
                || !matches!(key.code, crossterm::event::KeyCode::Char(_))
            {
                input.handle_event(&Event::Key(key));
            }
            return;
        }
        if let Dialog::AdminPin { input, error }
        | Dialog::TraineeName { input, error }
        | Dialog::ClockTo { input, error } = self
            && (input.value().chars().count() < 32
                || !matches!(key.code, crossterm::event::KeyCode::Char(_)))
        {
            input.handle_event(&Event::Key(key));
            *error = None;
        }
    }

    fn title(&self) -> &str {
        match self {
            Dialog::Message(_) => "提示",
            Dialog::ConfirmQuit => "退出",
            Dialog::AdminPin { .. } => "管理员退出",
            Dialog::TraineeName { .. } => "考核",
            Dialog::RejectReason { .. } => "退回原因",
            Dialog::ClockTo { .. } => "拨动模拟时钟",
            Dialog::Help { .. } => "按键说明",
            Dialog::ConfirmAct { .. } | Dialog::ConfirmLeave(_) | Dialog::ConfirmThen { .. } => {
                "请确认"
            }
            Dialog::ConfirmReset => "重置演示数据",
        }
    }

    /// The body lines, wrapped to `w` columns.
    fn lines(&self, w: u16) -> Vec<(String, Style)> {
        let plain = |text: &str| {
            wrap(text, w)
                .into_iter()
                .map(|l| (l, BODY))
                .collect::<Vec<_>>()
        };
        match self {
            Dialog::Message(text)
            | Dialog::ConfirmAct { text, .. }
            | Dialog::ConfirmThen { text, .. }
            | Dialog::ConfirmLeave(text) => plain(text),
            Dialog::ConfirmQuit => plain("确定要退出 交管12123 模拟器吗？已填写的内容都已保存。"),
            Dialog::ConfirmReset => plain(
                "确定要把全部演示账号恢复到初始状态吗？所有申请、消息和草稿都将删除（受理编号继续往后编）。",
            ),
            Dialog::AdminPin { error, .. } => {
                let mut lines = plain("请输入管理员密码：");
                lines.push((String::new(), BODY));
                if let Some(error) = error {
                    lines.push((error.clone(), WARN.bg(Color::White)));
                }
                lines
            }
            Dialog::TraineeName { error, .. } => {
                let mut lines = plain("请输入学员姓名（写入考核报告）：");
                lines.push((String::new(), BODY));
                if let Some(error) = error {
                    lines.push((error.clone(), WARN.bg(Color::White)));
                }
                lines
            }
            Dialog::RejectReason {
                number,
                reasons,
                selected,
                input,
            } => {
                let mut lines = plain(&format!("退回申请 {number}，请选择原因："));
                let options = std::iter::once("按审核规则说明（系统写出不符合的规则）".to_string())
                    .chain(reasons.iter().cloned())
                    .chain(std::iter::once(format!("其他原因：{}", input.value())));
                for (i, option) in options.enumerate() {
                    let marker = if i == *selected { "> " } else { "  " };
                    lines.push((format!("{marker}{option}"), BODY));
                }
                lines
            }
            Dialog::ClockTo { error, .. } => {
                let mut lines = plain("输入日期或日期时间，如 2026-03-15 14:30：");
                lines.push((String::new(), BODY));
                if let Some(error) = error {
                    lines.push((error.clone(), WARN.bg(Color::White)));
                }
                lines
            }
            Dialog::Help { screen, rows } => {
                let mut lines = plain(&format!("当前：{screen}"));
                let key_w = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 2;
                for (keys, help) in rows {
                    let pad = " ".repeat(usize::from(key_w.saturating_sub(width(keys))));
                    for (i, part) in wrap(help, w.saturating_sub(key_w)).into_iter().enumerate() {
                        let lead = if i == 0 {
                            format!("{keys}{pad}")
                        } else {
                            " ".repeat(usize::from(key_w))
                        };
                        lines.push((format!("{lead}{part}"), BODY));
                    }
                }
                lines
            }
        }
    }

    /// Draws the overlay centred in `area`; returns the caret of the PIN field.
    pub fn render(&self, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let inner_w = area.width.saturating_sub(8).min(64);
        let lines = self.lines(inner_w);
        let hints: Vec<String> = self
            .keys()
            .iter()
            .map(|b| format!("{} {}", b.keys_label(), b.hint))
            .collect();
        let footer = hints.join("   ");
        let h = (u16::try_from(lines.len()).unwrap_or(u16::MAX))
            .saturating_add(4)
            .min(area.height);
        let outer = centered(area, inner_w + 4, h);
        clear_overlay(buf, outer);
        Block::bordered()
            .border_set(ASCII_BORDER)
            .style(BODY)
            .title(format!(" {} ", self.title()))
            .render(outer, buf);
        let body = Rect::new(
            outer.x + 2,
            outer.y + 1,
            outer.width.saturating_sub(4),
            outer.height.saturating_sub(3),
        );
        for (i, (line, style)) in lines.iter().take(usize::from(body.height)).enumerate() {
            put(
                buf,
                body.x,
                body.y + u16::try_from(i).unwrap_or(0),
                line,
                body.width,
                *style,
            );
        }
        put(
            buf,
            body.x,
            outer.bottom().saturating_sub(2),
            &footer,
            body.width,
            MUTED.bg(Color::White),
        );
        if let Dialog::RejectReason {
            reasons,
            selected,
            input,
            ..
        } = self
            && *selected == reasons.len() + 1
        {
            // The caret after the typed reason on the 其他原因 line.
            let line = lines.len().saturating_sub(1);
            let y = body.y + u16::try_from(line).unwrap_or(0);
            let x =
                body.x + width("> 其他原因：") + u16::try_from(input.visual_cursor()).unwrap_or(0);
            return Some(Position::new(x.min(body.right().saturating_sub(1)), y));
        }
        if let Dialog::AdminPin { input, .. }
        | Dialog::TraineeName { input, .. }
        | Dialog::ClockTo { input, .. } = self
        {
            let field = Rect::new(body.x, body.y + 1, body.width.min(34), 1);
            buf.set_style(field, FIELD);
            let shown = match self {
                Dialog::AdminPin { .. } => "*".repeat(input.value().chars().count()),
                _ => input.value().to_string(),
            };
            put(buf, field.x, field.y, &shown, field.width, FIELD);
            let caret = u16::try_from(input.visual_cursor())
                .unwrap_or(0)
                .min(field.width.saturating_sub(1));
            return Some(Position::new(field.x + caret, field.y));
        }
        None
    }
}
