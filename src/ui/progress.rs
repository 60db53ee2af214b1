//! 网办进度: every application with its status. Applications arrive with the workflow engine;
//! until one exists the screen says so plainly.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::keys::{BACK_KEYS, Binding, Cmd};
use super::widgets::{HEADING, MUTED, put};
use super::{Action, Ctx, Screen};

#[derive(Debug, Clone, Default)]
pub struct ProgressScreen;

impl Screen for ProgressScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["网办进度".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        BACK_KEYS
    }

    fn render(&self, _ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let w = area.width.saturating_sub(2);
        put(buf, area.x + 1, area.y + 1, "我的网办业务", w, HEADING);
        put(
            buf,
            area.x + 1,
            area.y + 3,
            "暂无办理记录。",
            w,
            Default::default(),
        );
        put(
            buf,
            area.x + 1,
            area.y + 4,
            "在【业务中心】提交的业务申请会显示在这里，可查看受理、审核等每一步的进度。",
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
