//! 机动车: the user's vehicles, with the details of the highlighted one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crossterm::event::KeyCode;

use super::fields::facts;
use super::keys::{Binding, Cmd, KeyPattern, LIST_KEYS};
use super::route::Route;
use super::widgets::{
    HEADING, LineWriter, MUTED, OK, Row, SelectList, WARN, put, upper_list_area as list_area,
};
use super::{Action, Ctx, Screen};
use crate::domain::mask::mask_name;
use crate::domain::profile::{Ownership, Vehicle, VehicleTax};
use crate::engine::facts::SUBJECT;
use crate::engine::projections::chosen_number;

/// Moving through the vehicles and going back; there is nothing to open.
const VEHICLE_KEYS: &[Binding] = &[
    LIST_KEYS[0],
    LIST_KEYS[1],
    LIST_KEYS[4],
    LIST_KEYS[5],
    Binding {
        keys: &[KeyPattern::Plain(KeyCode::Char('m'))],
        cmd: Cmd::ShowVehicleCode,
        hint: "机动车二维码",
        help: "出示选中的本人机动车的二维码和备案码，供家人备案为非本人机动车",
    },
    LIST_KEYS[8],
];

#[derive(Debug, Clone, Default)]
pub struct VehiclesScreen {
    list: SelectList,
}

fn plate_text(vehicle: &Vehicle) -> String {
    match (&vehicle.plate, &vehicle.transferred_out) {
        (Some(plate), _) => plate.spaced(),
        (None, Some(out)) => format!("待转入（原 {}）", out.old_plate.spaced()),
        (None, None) => "未登记（无号牌）".to_string(),
    }
}

impl Screen for VehiclesScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["机动车".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        VEHICLE_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        let vehicles = &ctx.profile.vehicles;
        put(
            buf,
            x,
            area.y + 1,
            &format!("全部机动车（{}辆）", vehicles.len()),
            w,
            HEADING,
        );
        if vehicles.is_empty() {
            put(buf, x, area.y + 2, "名下暂无机动车", w, MUTED);
            return None;
        }
        let plates: Vec<String> = vehicles.iter().map(plate_text).collect();
        let rows: Vec<Row> = vehicles
            .iter()
            .zip(&plates)
            .map(|(v, plate)| Row {
                label: plate,
                note: v.kind.label(),
                enabled: true,
            })
            .collect();
        let list = list_area(area, vehicles.len());
        self.list.render(&rows, list, buf);
        let v = vehicles.get(self.list.selected)?;
        let today = ctx.clock.today();
        let top = list.bottom() + 1;
        let mut out = LineWriter::new(Rect::new(x, top, w, area.bottom().saturating_sub(top)));
        let mut line = |text: String, style| out.line(buf, &text, style);
        line(
            format!("号牌号码 {}    车辆类型 {}", plate_text(v), v.kind.label()),
            HEADING,
        );
        line(
            format!("品牌型号 {}    车身颜色 {}", v.model, v.colour),
            Default::default(),
        );
        line(
            format!("车辆识别代号 {}", v.vin.masked()),
            Default::default(),
        );
        let owner = match &v.ownership {
            Ownership::Own => "本人机动车".to_string(),
            Ownership::FiledNonOwned { owner_name } => {
                format!("非本人机动车（所有人 {owner_name}）")
            }
        };
        line(format!("归属 {owner}"), Default::default());
        match v.registered_on {
            Some(d) => line(format!("注册登记日期 {d}"), Default::default()),
            None => line(
                "尚未注册登记：可办理新车选号、申请新车临时号牌".to_string(),
                WARN,
            ),
        }
        if let Some(d) = v.inspection_valid_until {
            let style = if d < today { WARN } else { Default::default() };
            let note = if d < today {
                "（已逾期，请尽快检验）"
            } else {
                ""
            };
            line(format!("检验有效期至 {d}{note}"), style);
        }
        if let Some(d) = v.insurance_valid_until {
            let (style, note) = if d < today {
                (WARN, "（已到期，请续保）")
            } else {
                (Default::default(), "")
            };
            line(format!("交强险有效期至 {d}{note}"), style);
        }
        line(
            format!("车船税 {}", v.vehicle_tax.label()),
            if v.vehicle_tax == VehicleTax::Unpaid {
                WARN
            } else {
                Default::default()
            },
        );
        if let Some(d) = v.sign_issued_on {
            line(
                format!("电子检验合格标志 {d} 补领，与纸质标志具有同等效力"),
                Default::default(),
            );
        }
        if let Some(d) = v.exempt_sign_issued_on {
            line(
                format!("电子检验标志 {d} 核发（免检车辆），与纸质标志具有同等效力"),
                OK,
            );
        }
        for plate in v.temporary_plates.iter().filter(|t| t.valid_until >= today) {
            line(
                format!(
                    "{} 有效期至 {}（模拟编号 {}，过期不得上道路行驶）",
                    plate.purpose.label(),
                    plate.valid_until,
                    plate.number
                ),
                WARN,
            );
        }
        if let Some(d) = v.plates_reissued_on {
            line(
                format!("号牌 {d} 补换领，号码不变，原号牌作废"),
                Default::default(),
            );
        }
        // A number chosen by an open 选号, held until the registration.
        let reserved = ctx.applications.iter().find_map(|t| {
            let mine = t.application.applicant == ctx.profile.id
                && t.state.outcome.is_none()
                && t.state.answers.get(SUBJECT) == Some(&v.vin.as_str().to_string());
            mine.then(|| chosen_number(&t.state))
                .flatten()
                .map(|n| (n, t.state.due))
        });
        if let Some((number, due)) = reserved {
            let until = due.map_or(String::new(), |d| {
                format!("，保留至 {}", d.format("%Y-%m-%d %H:%M"))
            });
            line(
                format!("已选定号牌号码 {number}（注册登记后启用{until}）"),
                OK,
            );
        }
        if let Some(out) = &v.transferred_out {
            line(
                format!(
                    "已于 {} 转出（原号牌 {} 已交回），请在临时号牌有效期内到{}车管所办理转入",
                    out.on, out.old_plate, out.city
                ),
                WARN,
            );
        }
        if let Some(mortgagee) = &v.mortgagee {
            line(format!("抵押登记 抵押权人 {mortgagee}"), Default::default());
        }
        let pending = v.accidents.iter().filter(|a| !a.handled).count();
        if pending > 0 {
            line(format!("有 {pending} 起交通事故未处理结案"), WARN);
        }
        if v.ownership == Ownership::Own {
            let none = std::collections::BTreeMap::new();
            let filers: Vec<String> = facts(ctx, &none, &[])
                .filers_of(&v.vin)
                .iter()
                .map(|name| mask_name(name))
                .collect();
            if !filers.is_empty() {
                line(
                    format!("已被 {} 备案为非本人机动车", filers.join("、")),
                    Default::default(),
                );
            }
        }
        if let Some(d) = v.licence_reissued_on {
            line(
                format!("行驶证 {d} 补换领，原行驶证作废"),
                Default::default(),
            );
        }
        let (phone, address) = match &v.contact {
            Some(contact) => (contact.phone.masked(), contact.address.one_line()),
            None => (
                format!("{}（同账号）", ctx.profile.phone.masked()),
                ctx.profile.address.one_line(),
            ),
        };
        line(
            format!(
                "联系电话 {phone}    联系地址 {}",
                crate::domain::mask::mask_middle(&address, 8, 0)
            ),
            Default::default(),
        );
        if let Some(invoice) = &v.invoice {
            line(
                format!(
                    "{} {}  {}  购买地 {}",
                    invoice.kind.label(),
                    invoice.date,
                    invoice.seller,
                    invoice.buyer_city
                ),
                MUTED,
            );
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let len = ctx.profile.vehicles.len();
        let height = list_area(ctx.body, len).height;
        match cmd {
            Cmd::Back => Action::Pop,
            Cmd::ShowVehicleCode => {
                let own = ctx
                    .profile
                    .vehicles
                    .get(self.list.selected)
                    .filter(|v| v.ownership == Ownership::Own && v.plate.is_some());
                match own {
                    Some(v) => Action::Open(Route::VehicleCode(v.vin.as_str().to_string())),
                    None => {
                        Action::Notify("只有已注册登记的本人机动车可以出示机动车二维码".to_string())
                    }
                }
            }
            cmd => {
                self.list.apply(cmd, len, height);
                Action::None
            }
        }
    }

    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        let len = ctx.profile.vehicles.len();
        let index = self.list.row_at(len, list_area(ctx.body, len), pos)?;
        Some(Cmd::Pick(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::keys::KeyPattern;
    use crossterm::event::KeyCode;

    #[test]
    fn the_vehicle_table_is_the_list_table_without_open_or_paging() {
        let has = |code| {
            VEHICLE_KEYS
                .iter()
                .any(|b| b.keys.contains(&KeyPattern::Plain(code)))
        };
        assert!(has(KeyCode::Up) && has(KeyCode::Down) && has(KeyCode::Esc));
        assert!(!has(KeyCode::Enter));
    }
}
