//! Drawing the whole frame from state: the title bar with its breadcrumb, the top screen, the
//! footer from the key table, and the overlays (banner, dialog, idle countdown, a demo's
//! caption). Nothing here changes state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use super::{App, body_area};
use crate::domain::mask::mask_name;
use crate::ui::Ctx;
use crate::ui::chrome::{MIN_HEIGHT, MIN_WIDTH, footer, title_bar, too_small};
use crate::ui::keys::{footer_hints, global_keys};
use crate::ui::widgets::{fill, put};

const BANNER: Style = Style::new().fg(Color::Black).bg(Color::LightYellow);

impl App {
    /// Draws the whole frame from state; computes nothing that changes state.
    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        let buf = frame.buffer_mut();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(buf, area);
            return;
        }
        let (Some(ctx), Some(top)) = (self.ctx(), self.stack.last()) else {
            return;
        };
        let ctx = Ctx {
            body: self.app_body(area),
            ..ctx
        };
        if let Some(training) = &self.training {
            let (_, panel) = crate::ui::coach::split(body_area(area));
            training.panel.render(panel, buf);
        }
        let unread = ctx.inbox.map_or(0, |i| i.unread());
        let mail = if unread > 0 {
            format!("消息{unread}  ")
        } else {
            String::new()
        };
        // A folder opened read-only says so for as long as it is open, not in a banner that fades.
        let read_only = if self.session.dir().unwritable().is_some() {
            "只读  "
        } else {
            ""
        };
        let who = format!(
            "{read_only}{mail}{}  {}",
            mask_name(&ctx.profile.name),
            ctx.clock.now.format("%Y-%m-%d %H:%M")
        );
        title_bar(
            buf,
            Rect::new(area.x, area.y, area.width, 1),
            &top.path(&ctx),
            &who,
        );
        let mut cursor = top.render(&ctx, ctx.body, buf);
        let footer_area = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        let hints = match &self.dialog {
            Some(dialog) => footer_hints(dialog.keys(), &[]),
            None if top.text_focus(&ctx) => footer_hints(top.keys(), &[]),
            None => footer_hints(top.keys(), global_keys(self.config.kiosk.enabled)),
        };
        footer(buf, footer_area, &hints);
        if let Some(banner) = &self.banner {
            banner_line(buf, area, banner);
        }
        if let Some(dialog) = &self.dialog {
            cursor = dialog.render(ctx.body, buf);
        }
        if let Some(seconds) = self.idle_countdown {
            banner_line(
                buf,
                area,
                &format!(
                    "无人操作，{seconds}秒后即将返回首页，本次填写和办理的内容将被清除；按任意键继续"
                ),
            );
        }
        if let Some(caption) = &self.caption {
            caption_box(buf, area, caption);
        }
        crate::ui::theme::apply(self.config.theme, buf);
        if let Some(position) = cursor {
            frame.set_cursor_position(position);
        }
    }
}

/// A line across the top of the body, over the screen: a new message, the idle countdown. It
/// covers only the blank line under the title, so what is longer ends in `...`; a message is
/// there in full in 消息.
fn banner_line(buf: &mut ratatui::buffer::Buffer, area: Rect, text: &str) {
    let line = Rect::new(area.x, area.y + 1, area.width, 1);
    fill(buf, line, BANNER);
    put(
        buf,
        line.x + 1,
        line.y,
        text,
        line.width.saturating_sub(2),
        BANNER,
    );
}

const CAPTION: Style = Style::new().fg(Color::White).bg(Color::Blue);

/// The demo's narration: a band of up to three lines just above the footer, over the screen.
fn caption_box(buf: &mut ratatui::buffer::Buffer, area: Rect, caption: &str) {
    let width = area.width.saturating_sub(4);
    let lines = crate::ui::widgets::wrap(caption, width);
    let shown = lines.len().clamp(1, 3) as u16;
    let top = area.bottom().saturating_sub(1 + shown);
    let band = Rect::new(area.x, top, area.width, shown);
    crate::ui::widgets::clear_overlay(buf, band);
    fill(buf, band, CAPTION);
    for (i, line) in lines.iter().take(3).enumerate() {
        put(buf, area.x + 2, top + i as u16, line, width, CAPTION);
    }
}
