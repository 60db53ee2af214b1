//! The report at the end of a training or test run: its lines as the coach wrote them, scrolled
//! with the arrows; Enter or Esc ends the run.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::keys::{Binding, Cmd, KeyPattern};
use super::widgets::{HEADING, LineWriter, MUTED, WARN};
use super::{Action, Ctx, Screen};
use crossterm::event::KeyCode;

const REPORT_KEYS: &[Binding] = &[
    Binding {
        keys: &[KeyPattern::Plain(KeyCode::Up)],
        cmd: Cmd::Up,
        hint: "",
        help: "向上滚动",
    },
    Binding {
        keys: &[KeyPattern::Plain(KeyCode::Down)],
        cmd: Cmd::Down,
        hint: "",
        help: "向下滚动",
    },
    Binding {
        keys: &[
            KeyPattern::Plain(KeyCode::Enter),
            KeyPattern::Plain(KeyCode::Esc),
        ],
        cmd: Cmd::Open,
        hint: "结束",
        help: "结束本次培训或考核",
    },
];

#[derive(Debug, Clone)]
pub struct ReportScreen {
    lines: Vec<String>,
    scroll: usize,
}

impl ReportScreen {
    pub fn new(markdown: &str) -> Self {
        Self {
            lines: markdown.lines().map(str::to_string).collect(),
            scroll: 0,
        }
    }
}

impl Screen for ReportScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["培训报告".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        REPORT_KEYS
    }

    fn render(&self, _ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let inner = Rect::new(
            area.x + 1,
            area.y + 1,
            area.width.saturating_sub(2),
            area.height.saturating_sub(1),
        );
        let mut out = LineWriter::new(inner);
        for line in self.lines.iter().skip(self.scroll) {
            let (text, style) = if let Some(title) = line.strip_prefix("# ") {
                (title, HEADING)
            } else if let Some(title) = line.strip_prefix("## ") {
                (title, HEADING)
            } else if line.contains("依据：") {
                (line.as_str(), WARN)
            } else if line.starts_with("- [ ]") {
                (line.as_str(), MUTED)
            } else {
                (line.as_str(), ratatui::style::Style::new())
            };
            out.wrapped(buf, text, style);
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, _ctx: &Ctx) -> Action {
        match cmd {
            Cmd::Up => self.scroll = self.scroll.saturating_sub(1),
            Cmd::Down => self.scroll = (self.scroll + 1).min(self.lines.len().saturating_sub(1)),
            Cmd::Open => return Action::EndTraining,
            _ => {}
        }
        Action::None
    }
}
