//! 消息: the SMS and in-app notices the app would have sent, newest first, unread marked, one
//! segment (up to 200 messages of a month) at a time, paging back through the months. Leaving
//! the screen marks them read; Enter on one about an application opens its progress.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::keys::{Binding, Cmd, PAGED_LIST_KEYS};
use super::route::Route;
use super::widgets::{HEADING, MARKER, MUTED, SelectList, put, wrap};
use super::{Action, Ctx, Screen};
use crate::domain::phone::Phone;
use crate::engine::inbox::Message;

/// The shown segment's messages, newest first.
fn page_messages<'a>(ctx: &Ctx<'a>) -> Vec<&'a Message> {
    ctx.inbox
        .and_then(|i| i.page())
        .map(|s| s.newest_first().collect())
        .unwrap_or_default()
}

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
        PAGED_LIST_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        let (page, pages) = ctx.inbox.map_or((0, 1), |i| i.page_position());
        let heading = if pages > 1 {
            let month = ctx
                .inbox
                .and_then(|i| i.page())
                .and_then(|s| s.name.get(..7))
                .unwrap_or_default();
            format!("短信与站内消息  {month}  第{}/{}页", page + 1, pages)
        } else {
            "短信与站内消息".to_string()
        };
        put(buf, x, area.y + 1, &heading, w, HEADING);
        let messages = page_messages(ctx);
        let unread = |m: &Message| ctx.inbox.is_some_and(|i| i.header.is_unread(m));
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
                if unread(message) { "[未读] " } else { "" },
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
                if unread(message) { HEADING } else { MUTED },
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
        let messages = page_messages(ctx);
        if cmd == Cmd::Back {
            return Action::LeaveMessages;
        }
        let at_end = self.list.selected + 1 >= messages.len();
        let neighbour = |step: isize| {
            ctx.inbox
                .and_then(|i| i.neighbour(step))
                .map(str::to_string)
        };
        let turn = |list: &mut SelectList, name: String, row: usize| {
            *list = SelectList::default();
            list.selected = row;
            Action::MessagesPage(name)
        };
        match cmd {
            Cmd::Down | Cmd::PageDown if at_end || cmd == Cmd::PageDown => {
                if let Some(older) = neighbour(1) {
                    return turn(&mut self.list, older, 0);
                }
            }
            Cmd::Up | Cmd::PageUp if self.list.selected == 0 || cmd == Cmd::PageUp => {
                if let Some(newer) = neighbour(-1) {
                    return turn(&mut self.list, newer, 0);
                }
            }
            _ => {}
        }
        // One message takes several rows; keep the selection near the top when scrolling.
        let height = (ctx.body.height / 4).max(1);
        match self.list.apply(cmd, messages.len(), height) {
            Some(index) => match messages.get(index).and_then(|m| m.application.clone()) {
                Some(number) => Action::Open(Route::Application(number)),
                None => Action::None,
            },
            None => Action::None,
        }
    }
}
