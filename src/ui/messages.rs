//! 消息: the SMS and in-app notices the app would have sent, newest first, unread marked. Opening
//! the screen marks them read; Enter on one about an application opens its progress.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::application::ApplicationScreen;
use super::keys::{Binding, Cmd, LIST_KEYS};
use super::widgets::{HEADING, MARKER, MUTED, SelectList, put, wrap};
use super::{Action, Ctx, Screen};
use crate::domain::phone::Phone;

/// Unread marks stay as they were while the screen is open; leaving it marks all read.
#[derive(Debug, Clone, Default)]
pub struct MessagesScreen {
    list: SelectList,
}

impl Screen for MessagesScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["消息".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        LIST_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        put(buf, x, area.y + 1, "短信与站内消息", w, HEADING);
        let messages: Vec<_> = ctx
            .inbox
            .map(|i| i.newest_first().collect())
            .unwrap_or_default();
        if messages.is_empty() {
            put(buf, x, area.y + 3, "暂无消息。", w, Default::default());
            let phone = ctx.profile.phone.masked();
            put(
                buf,
                x,
                area.y + 4,
                &format!("办理业务时发往 {phone} 的短信验证码和办理结果会显示在这里。"),
                w,
                MUTED,
            );
            return None;
        }
        let mut y = area.y + 3;
        for (index, message) in messages.iter().enumerate().skip(self.list.offset) {
            if y + 1 >= area.bottom() {
                break;
            }
            let marker = if index == self.list.selected {
                ">"
            } else {
                " "
            };
            put(buf, x, y, marker, 1, MARKER);
            let to = message
                .to
                .as_deref()
                .map(|t| Phone::parse(t).map_or(t.to_string(), |p| p.masked()));
            let head = format!(
                "{}{}  {}{}",
                if message.read { "" } else { "[未读] " },
                message.channel.label(),
                message.at.format("%Y-%m-%d %H:%M"),
                to.map(|t| format!("  发往 {t}")).unwrap_or_default()
            );
            put(
                buf,
                x + 2,
                y,
                &head,
                w.saturating_sub(2),
                if message.read { MUTED } else { HEADING },
            );
            y += 1;
            for line in wrap(&message.text, w.saturating_sub(4)) {
                if y >= area.bottom() {
                    break;
                }
                put(
                    buf,
                    x + 4,
                    y,
                    &line,
                    w.saturating_sub(4),
                    Default::default(),
                );
                y += 1;
            }
            y += 1;
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let messages: Vec<_> = ctx
            .inbox
            .map(|i| i.newest_first().collect())
            .unwrap_or_default();
        if cmd == Cmd::Back {
            return Action::LeaveMessages;
        }
        // One message takes several rows; keep the selection near the top when scrolling.
        let height = (ctx.body.height / 4).max(1);
        match self.list.apply(cmd, messages.len(), height) {
            Some(index) => match messages.get(index).and_then(|m| m.application.clone()) {
                Some(number) => Action::Push(Box::new(ApplicationScreen::new(number))),
                None => Action::None,
            },
            None => Action::None,
        }
    }
}
