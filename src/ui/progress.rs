//! 网办进度: every application of the signed-in user, newest first, with its status; Enter opens
//! its timeline.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::application::{ApplicationScreen, status_label};
use super::keys::{Binding, Cmd, LIST_KEYS};
use super::widgets::{HEADING, MUTED, Row, SelectList, put};
use super::{Action, Ctx, Screen};

#[derive(Debug, Clone, Default)]
pub struct ProgressScreen {
    list: SelectList,
}

fn list_area(area: Rect) -> Rect {
    Rect::new(
        area.x + 1,
        area.y + 3,
        area.width.saturating_sub(2),
        area.height.saturating_sub(3),
    )
}

/// Each application as (label, note).
fn rows(ctx: &Ctx) -> Vec<(String, String, String)> {
    ctx.my_applications()
        .into_iter()
        .map(|app| {
            let flow = ctx.catalog.flow(&app.flow_id);
            let title = flow.map_or(app.flow_id.clone(), |f| f.title.clone());
            let status = status_label(app, flow.and_then(|f| f.process.as_ref()));
            (
                app.number.clone(),
                format!("{title}  {}", app.created_at.format("%Y-%m-%d %H:%M")),
                status,
            )
        })
        .collect()
}

impl Screen for ProgressScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["网办进度".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        LIST_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let w = area.width.saturating_sub(2);
        put(buf, area.x + 1, area.y + 1, "我的网办业务", w, HEADING);
        let items = rows(ctx);
        if items.is_empty() {
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
            return None;
        }
        let rows: Vec<Row> = items
            .iter()
            .map(|(_, label, status)| Row {
                label,
                note: status,
                enabled: true,
            })
            .collect();
        self.list.render(&rows, list_area(area), buf);
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        if cmd == Cmd::Back {
            return Action::Pop;
        }
        let items = rows(ctx);
        match self
            .list
            .apply(cmd, items.len(), list_area(ctx.body).height)
        {
            Some(index) => items.get(index).map_or(Action::None, |(number, _, _)| {
                Action::Push(Box::new(ApplicationScreen::new(number.clone())))
            }),
            None => Action::None,
        }
    }

    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        self.list
            .row_at(rows(ctx).len(), list_area(ctx.body), pos)
            .map(Cmd::Pick)
    }
}
