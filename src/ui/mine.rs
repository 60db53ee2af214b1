//! 我的: the account (masked), and the entry to 设置.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::keys::{Binding, Cmd, LIST_KEYS};
use super::menu::{handle_node_list, node_row};
use super::widgets::{HEADING, Row, SelectList, put};
use super::{Action, Ctx, Screen};
use crate::domain::mask::mask_name;
use crate::flow::menu::{MenuNode, NodeKind, Surface, find_path};

const TITLE: &str = "我的";

#[derive(Debug, Clone, Default)]
pub struct MineScreen {
    list: SelectList,
}

/// The entries under 我的; a kiosk's visitor is not offered 培训模式 (the last entry).
fn entries<'a>(ctx: &Ctx<'a>) -> &'a [MenuNode] {
    let all = find_path(&ctx.catalog.tree, &[TITLE]).map_or(&[][..], |n| n.children.as_slice());
    let training = NodeKind::Surface(Surface::Training);
    let end = match ctx.config.kiosk.enabled {
        true => all
            .iter()
            .position(|n| n.kind == training)
            .unwrap_or(all.len()),
        false => all.len(),
    };
    &all[..end]
}

fn list_area(area: Rect) -> Rect {
    Rect::new(
        area.x + 1,
        area.y + 8,
        area.width.saturating_sub(2),
        area.height.saturating_sub(8),
    )
}

impl Screen for MineScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec![TITLE.to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        LIST_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let p = ctx.profile;
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        put(buf, x, area.y + 1, "账号信息（已实名认证）", w, HEADING);
        put(
            buf,
            x,
            area.y + 2,
            &format!("姓名 {}", mask_name(&p.name)),
            w,
            Default::default(),
        );
        put(
            buf,
            x,
            area.y + 3,
            &format!("身份证号 {}", p.id_number.masked()),
            w,
            Default::default(),
        );
        put(
            buf,
            x,
            area.y + 4,
            &format!("手机号码 {}", p.phone.masked()),
            w,
            Default::default(),
        );
        put(
            buf,
            x,
            area.y + 5,
            &format!("注册地 {}", p.registration_city),
            w,
            Default::default(),
        );
        let rows: Vec<Row> = entries(ctx).iter().map(node_row).collect();
        self.list.render(&rows, list_area(area), buf);
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let height = list_area(ctx.body).height;
        handle_node_list(
            &mut self.list,
            cmd,
            &[TITLE.to_string()],
            entries(ctx),
            height,
        )
    }

    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        let index = self
            .list
            .row_at(entries(ctx).len(), list_area(ctx.body), pos)?;
        Some(Cmd::Pick(index))
    }
}
