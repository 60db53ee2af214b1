//! 首页: the licence and vehicle cards, and the entries to every other surface.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};

use super::keys::{Binding, Cmd, HOME_KEYS};
use super::menu::{handle_node_list, node_row};
use super::widgets::{HEADING, LineWriter, MUTED, Row, SelectList, fill, put};
use super::{Action, Ctx, Screen};
use crate::domain::ledger::points_after_reductions;
use crate::domain::mask::mask_name;
use crate::domain::points::FULL_POINTS;
use crate::domain::profile::{LearnerPermit, LicenceStatus, Profile};
use crate::flow::menu::{MenuNode, NodeKind, Surface};
use crate::on_demand::OnDemand;

const CARD: Style = Style::new().fg(Color::White).bg(Color::Blue);
const CARD_HEIGHT: u16 = 6;

#[derive(Debug, Clone, Default)]
pub struct HomeScreen {
    list: SelectList,
}

/// The home screen's entries: every top-level surface but 首页 itself.
fn entries<'a>(ctx: &Ctx<'a>) -> &'a [MenuNode] {
    let roots = ctx.surfaces;
    match roots.first() {
        Some(first) if first.kind == NodeKind::Surface(Surface::Home) => &roots[1..],
        _ => roots,
    }
}

fn list_area(area: Rect) -> Rect {
    let top = area.y + CARD_HEIGHT + 3;
    Rect::new(
        area.x + 1,
        top,
        area.width.saturating_sub(2),
        area.bottom().saturating_sub(top),
    )
}

/// 驾驶证 card: class, points this cycle, validity, status.
fn licence_card(profile: &Profile, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    fill(buf, area, CARD);
    let x = area.x + 1;
    let w = area.width.saturating_sub(2);
    put(
        buf,
        x,
        area.y,
        "我的驾驶证",
        w,
        CARD.add_modifier(Modifier::BOLD),
    );
    let Some(licence) = &profile.licence else {
        match &profile.learner_permit {
            Some(permit) => learner_card(profile, permit, x, w, area, buf),
            None => {
                put(buf, x, area.y + 2, "未绑定驾驶证", w, CARD);
            }
        }
        return;
    };
    let today = ctx.clock.today();
    let points = points_after_reductions(profile, today);
    put(
        buf,
        x,
        area.y + 1,
        &format!("{}  准驾车型 {}", mask_name(&profile.name), licence.classes),
        w,
        CARD,
    );
    put(
        buf,
        x,
        area.y + 2,
        &format!("本周期记分 {points}/{FULL_POINTS}"),
        w,
        CARD,
    );
    let validity = licence
        .valid_until
        .map_or("长期".to_string(), |d| d.format("%Y-%m-%d").to_string());
    put(buf, x, area.y + 3, &format!("有效期至 {validity}"), w, CARD);
    let today = ctx.clock.today();
    let (status, _) = licence.status_on(today);
    let status_style = if status == LicenceStatus::Normal {
        CARD
    } else {
        CARD.fg(Color::LightRed)
    };
    put(
        buf,
        x,
        area.y + 4,
        &format!("状态 {}", licence.status_shown(today)),
        w,
        status_style,
    );
    if let Some(meaning) = status.meaning() {
        put(buf, x, area.y + 5, meaning, w, status_style);
    } else if let Some(permit) = &profile.learner_permit {
        put(
            buf,
            x,
            area.y + 5,
            &format!("增驾 {} 学习中，详见我的驾驶证", permit.classes),
            w,
            CARD,
        );
    }
}

/// A learner without a licence sees the 学习驾驶证明 and the subjects instead of a card.
fn learner_card(
    profile: &Profile,
    permit: &LearnerPermit,
    x: u16,
    w: u16,
    area: Rect,
    buf: &mut Buffer,
) {
    put(
        buf,
        x,
        area.y + 1,
        &format!(
            "{}  学习驾驶证明  准驾车型 {}",
            mask_name(&profile.name),
            permit.classes
        ),
        w,
        CARD,
    );
    let validity = permit.valid_until.map_or_else(
        || "科目一合格后核发".to_string(),
        |until| format!("有效期至 {until}"),
    );
    put(buf, x, area.y + 2, &validity, w, CARD);
    for (row, line) in (3u16..).zip(permit.progress()) {
        put(buf, x, area.y + row, &line, w, CARD);
    }
}

/// 机动车 card: the user's vehicles and plates.
fn vehicle_card(profile: &Profile, area: Rect, buf: &mut Buffer) {
    fill(buf, area, CARD);
    let x = area.x + 1;
    let w = area.width.saturating_sub(2);
    put(
        buf,
        x,
        area.y,
        &format!("机动车  {}辆", profile.vehicles.len()),
        w,
        CARD.add_modifier(Modifier::BOLD),
    );
    if profile.vehicles.is_empty() {
        put(buf, x, area.y + 2, "名下暂无机动车", w, CARD);
    }
    let shown = usize::from(CARD_HEIGHT.saturating_sub(2));
    for (i, vehicle) in profile.vehicles.iter().take(shown).enumerate() {
        let plate = vehicle
            .plate
            .as_ref()
            .map_or("未登记".to_string(), |p| p.spaced());
        let line = format!("{plate}  {}", vehicle.kind.label());
        put(
            buf,
            x,
            area.y + 1 + u16::try_from(i).unwrap_or(0),
            &line,
            w,
            CARD,
        );
    }
    if profile.vehicles.len() > shown {
        put(
            buf,
            x,
            area.y + CARD_HEIGHT - 1,
            "更多车辆见【机动车】",
            w,
            CARD,
        );
    }
}

/// The kiosk's invitation under the entries: what a visitor can practise here, and that what
/// they type is cleared for the next one. The businesses are listed once they are loaded (the
/// kiosk loads them right after its first frame).
fn attract(ctx: &Ctx, list: Rect, rows: usize, buf: &mut Buffer) {
    let Some(catalog) = OnDemand::loaded(ctx.catalog) else {
        return;
    };
    let mut flows: Vec<_> = catalog.flows().filter(|f| f.process.is_some()).collect();
    flows.sort_by(|a, b| (a.order, &a.title).cmp(&(b.order, &b.title)));
    let titles: Vec<&str> = flows.iter().map(|f| f.title.as_str()).collect();
    let top = list.y + u16::try_from(rows).unwrap_or(0) + 1;
    let mut out = LineWriter::new(Rect::new(
        list.x,
        top,
        list.width,
        list.bottom().saturating_sub(top),
    ));
    out.line(
        buf,
        "自助练习：选择「业务中心」，可以从头到尾练习办理以下业务",
        HEADING,
    );
    out.wrapped(
        buf,
        &format!("{}（共{}项）", titles.join("、"), titles.len()),
        Style::new(),
    );
    out.line(
        buf,
        "练习用的是演示数据，不会提交到公安交通管理部门；离开后自动清除。",
        MUTED,
    );
}

impl Screen for HomeScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["首页".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        HOME_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let half = area.width.saturating_sub(3) / 2;
        let cards_y = area.y + 1;
        licence_card(
            ctx.profile,
            ctx,
            Rect::new(area.x + 1, cards_y, half, CARD_HEIGHT),
            buf,
        );
        vehicle_card(
            ctx.profile,
            Rect::new(area.x + 2 + half, cards_y, half, CARD_HEIGHT),
            buf,
        );
        put(
            buf,
            area.x + 1,
            cards_y + CARD_HEIGHT + 1,
            "常用入口",
            area.width,
            HEADING,
        );
        let nodes = entries(ctx);
        let rows: Vec<Row> = nodes
            .iter()
            .map(|n| {
                let mut row = node_row(n);
                if n.kind == NodeKind::Surface(Surface::BusinessCenter) {
                    row.note = "更多业务";
                }
                row
            })
            .collect();
        let list = list_area(area);
        self.list.render(&rows, list, buf);
        if ctx.config.kiosk.enabled {
            attract(ctx, list, rows.len(), buf);
        }
        if area.height < CARD_HEIGHT + 5 {
            put(
                buf,
                area.x + 1,
                area.bottom() - 1,
                "窗口较矮，部分入口需滚动查看",
                area.width,
                MUTED,
            );
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let height = list_area(ctx.body).height;
        match cmd {
            Cmd::Back => Action::None,
            cmd => handle_node_list(&mut self.list, cmd, &[], entries(ctx), height),
        }
    }

    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        let index = self
            .list
            .row_at(entries(ctx).len(), list_area(ctx.body), pos)?;
        Some(Cmd::Pick(index))
    }
}
