//! The training coach's panel, beside the app on a wide terminal or under it on a narrow one:
//! the scenario, the goal, and for wherever the user is what to do, why, and the rule; the last
//! mistake in the rule's words. In a test it shows only the scenario and the goal.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use super::widgets::{HEADING, LineWriter, MUTED, OK, WARN, fill};

const PANEL: Style = Style::new().bg(Color::Reset);

/// One hint as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelHint {
    pub at: String,
    pub action: String,
    pub why: String,
    pub rule: String,
}

/// The last mistake as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelMistake {
    pub at: String,
    pub what: String,
    pub rule: String,
}

/// Everything the panel draws, worked out by the coach after each key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoachPanel {
    pub title: String,
    pub situation: String,
    pub goal: String,
    pub hint: Option<PanelHint>,
    pub mistake: Option<PanelMistake>,
    pub progress: (usize, usize),
    pub mistakes: usize,
    pub test: bool,
    pub finished: bool,
}

/// Columns the side panel takes on a wide terminal.
pub const SIDE_WIDTH: u16 = 38;

/// Rows the bottom panel takes on a narrow terminal.
pub const BOTTOM_HEIGHT: u16 = 8;

/// Below this width the panel goes under the app instead of beside it.
pub const SIDE_MIN_TOTAL: u16 = 120;

/// The app's body and the panel's area, out of the body the app would have alone.
pub fn split(body: Rect) -> (Rect, Rect) {
    if body.width >= SIDE_MIN_TOTAL {
        let app = Rect::new(body.x, body.y, body.width - SIDE_WIDTH, body.height);
        let panel = Rect::new(app.right(), body.y, SIDE_WIDTH, body.height);
        (app, panel)
    } else {
        let height = BOTTOM_HEIGHT.min(body.height / 2);
        let app = Rect::new(body.x, body.y, body.width, body.height - height);
        let panel = Rect::new(body.x, app.bottom(), body.width, height);
        (app, panel)
    }
}

impl CoachPanel {
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        fill(buf, area, PANEL);
        // A rule of ASCII '|' or '-' marks the panel off from the app.
        let side = area.height > BOTTOM_HEIGHT;
        let inner = if side {
            for y in area.top()..area.bottom() {
                buf[(area.x, y)].set_symbol("|").set_style(MUTED);
            }
            Rect::new(
                area.x + 2,
                area.y,
                area.width.saturating_sub(3),
                area.height,
            )
        } else {
            for x in area.left()..area.right() {
                buf[(x, area.y)].set_symbol("-").set_style(MUTED);
            }
            Rect::new(
                area.x + 1,
                area.y + 1,
                area.width.saturating_sub(2),
                area.height - 1,
            )
        };
        let mut out = LineWriter::new(inner);
        let mode = if self.test { "考核" } else { "培训" };
        out.wrapped(buf, &format!("【{mode}】{}", self.title), HEADING);
        if side {
            out.wrapped(buf, &self.situation, Style::new());
        }
        out.wrapped(buf, &self.goal, MUTED);
        out.line(
            buf,
            &format!(
                "要点 {}/{}  错误 {}次",
                self.progress.0, self.progress.1, self.mistakes
            ),
            MUTED,
        );
        if self.finished {
            out.wrapped(buf, "本次练习已结束，报告已列出。", OK);
            return;
        }
        if let Some(mistake) = &self.mistake {
            if side {
                out.gap();
            }
            out.wrapped(
                buf,
                &format!("刚才的错误（{}）：{}", mistake.at, mistake.what),
                WARN,
            );
            if !mistake.rule.is_empty() {
                out.wrapped(buf, &format!("依据 {}", mistake.rule), WARN);
            }
        }
        if let Some(hint) = &self.hint {
            if side {
                out.gap();
            }
            out.wrapped(buf, &format!("当前：{}", hint.at), HEADING);
            out.wrapped(buf, &format!("怎么做：{}", hint.action), Style::new());
            out.wrapped(buf, &format!("为什么：{}", hint.why), Style::new());
            out.wrapped(buf, &format!("依据：{}", hint.rule), OK);
        } else if self.test {
            out.wrapped(buf, "考核中不提供提示。", MUTED);
        }
    }
}
