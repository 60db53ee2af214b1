//! 我的 > 设置: the registration city, and 登录 as another demo persona.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::keys::{Binding, Cmd, LIST_KEYS};
use super::widgets::{HEADING, LineWriter, MUTED, Row, SelectList, put};
use super::{Action, Ctx, Screen};
use crate::domain::mask::mask_name;

#[derive(Debug, Clone, Default)]
pub struct SettingsScreen {
    list: SelectList,
}

/// The personas' list, leaving `DETAIL_ROWS` under it for what the highlighted one can do.
fn list_area(area: Rect) -> Rect {
    Rect::new(
        area.x + 1,
        area.y + 5,
        area.width.saturating_sub(2),
        area.height.saturating_sub(5 + DETAIL_ROWS),
    )
}

/// Rows kept under the list for 现在可以在线办理 (a long line wraps).
const DETAIL_ROWS: u16 = 3;

impl Screen for SettingsScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["我的".to_string(), "设置".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        LIST_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        put(
            buf,
            x,
            area.y + 1,
            &format!("注册地 {}", ctx.profile.registration_city),
            w,
            Default::default(),
        );
        put(buf, x, area.y + 3, "切换账号（演示用户）", w, HEADING);
        put(
            buf,
            x,
            area.y + 4,
            "选择一位演示用户登录，体验不同情形下的业务办理",
            w,
            MUTED,
        );
        let names: Vec<String> = ctx
            .personas
            .iter()
            .map(|p| format!("{}  {}", mask_name(&p.name), p.persona))
            .collect();
        let rows: Vec<Row> = ctx
            .personas
            .iter()
            .zip(&names)
            .map(|(p, label)| Row {
                label,
                note: if p.id == ctx.profile.id { "当前" } else { "" },
                enabled: true,
            })
            .collect();
        let list = list_area(area);
        self.list.render(&rows, list, buf);
        // What the highlighted persona can do now, so a trainer picks the right one.
        if let Some(persona) = ctx.personas.get(self.list.selected) {
            let titles = ctx
                .startable
                .get(&persona.id)
                .map_or(&[][..], Vec::as_slice);
            let text = if titles.is_empty() {
                "现在可以在线办理：无".to_string()
            } else {
                format!("现在可以在线办理：{}", titles.join("、"))
            };
            let rows = u16::try_from(rows.len())
                .unwrap_or(u16::MAX)
                .min(list.height);
            let top = list.y.saturating_add(rows).saturating_add(1);
            let mut out = LineWriter::new(Rect::new(x, top, w, area.bottom().saturating_sub(top)));
            out.wrapped(buf, &text, MUTED);
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let len = ctx.personas.len();
        let height = list_area(ctx.body).height;
        if cmd == Cmd::Back {
            return Action::Pop;
        }
        let chosen = self.list.apply(cmd, len, height);
        match chosen.and_then(|i| ctx.personas.get(i)) {
            Some(p) if p.id == ctx.profile.id => {
                Action::Notify(format!("当前已登录为 {}", mask_name(&p.name)))
            }
            Some(p) => Action::SwitchPersona(p.id.clone()),
            None => Action::None,
        }
    }

    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        let index = self
            .list
            .row_at(ctx.personas.len(), list_area(ctx.body), pos)?;
        Some(Cmd::Pick(index))
    }
}
