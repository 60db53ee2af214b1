//! 消息: the SMS and in-app notices the app would have sent. They arrive with the workflow
//! engine; until one exists the screen says so plainly.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::keys::{BACK_KEYS, Binding, Cmd};
use super::widgets::{HEADING, MUTED, put};
use super::{Action, Ctx, Screen};

#[derive(Debug, Clone, Default)]
pub struct MessagesScreen;

impl Screen for MessagesScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["消息".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        BACK_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let w = area.width.saturating_sub(2);
        put(buf, area.x + 1, area.y + 1, "短信与站内消息", w, HEADING);
        put(
            buf,
            area.x + 1,
            area.y + 3,
            "暂无消息。",
            w,
            Default::default(),
        );
        let phone = ctx.profile.phone.masked();
        put(
            buf,
            area.x + 1,
            area.y + 4,
            &format!("办理业务时发往 {phone} 的短信验证码和办理结果会显示在这里。"),
            w,
            MUTED,
        );
        None
    }

    fn handle(&mut self, cmd: Cmd, _ctx: &Ctx) -> Action {
        match cmd {
            Cmd::Back => Action::Pop,
            _ => Action::None,
        }
    }
}
