//! 违法查询: every violation record of the account, newest first, with the details of the
//! highlighted one: when and where, the act, points and fine, and how far it has been dealt
//! with (decision, payment period, late charge). Enter opens the business that deals with it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::keys::{Binding, Cmd, LIST_KEYS};
use super::route::Route;
use super::widgets::{
    HEADING, LineWriter, MUTED, OK, Row, SelectList, WARN, put, upper_list_area as list_area,
};
use super::{Action, Ctx, Screen};
use crate::domain::rules::violation::{amount_due_fen, late_charge_fen, payment_due, yuan};
use crate::domain::violation::Violation;
use crate::flow::process::{Subject, ViolationFilter};

/// Moving through the records, opening what deals with one, going back.
const VIOLATION_KEYS: &[Binding] = &[
    LIST_KEYS[0],
    LIST_KEYS[1],
    LIST_KEYS[4],
    LIST_KEYS[5],
    Binding {
        keys: LIST_KEYS[6].keys,
        cmd: Cmd::Open,
        hint: "处理/缴款",
        help: "未处理的电子监控记录打开【电子监控违法处理】，待缴款的打开【罚款缴纳】",
    },
    LIST_KEYS[8],
];

/// The path of the category whose businesses deal with a record.
const CATEGORY: [&str; 2] = ["业务中心", "违法处理业务"];

#[derive(Debug, Clone, Default)]
pub struct ViolationsScreen {
    list: SelectList,
}

/// The records newest first, as the list shows them.
fn records<'a>(ctx: &Ctx<'a>) -> Vec<&'a Violation> {
    let mut all: Vec<&Violation> = ctx.profile.violations.iter().collect();
    all.sort_by_key(|v| std::cmp::Reverse((v.date, v.time)));
    all
}

/// Where a record stands, in three characters so the list's columns line up.
fn status(v: &Violation) -> &'static str {
    match (v.handled, v.fine_paid) {
        (false, _) => "未处理",
        (true, false) => "待缴款",
        (true, true) => "已缴款",
    }
}

/// What deals with the record next: the business whose subject is that kind of record.
fn next_business(v: &Violation) -> Option<Subject> {
    match (v.handled, v.fine_paid) {
        (false, _) => Some(Subject::Violation(ViolationFilter::Undecided)),
        (true, false) => Some(Subject::Violation(ViolationFilter::FineUnpaid)),
        (true, true) => None,
    }
}

impl Screen for ViolationsScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec![
            CATEGORY[0].to_string(),
            CATEGORY[1].to_string(),
            "违法查询".to_string(),
        ]
    }

    fn keys(&self) -> &'static [Binding] {
        VIOLATION_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        let all = records(ctx);
        let undecided = all.iter().filter(|v| !v.handled).count();
        let unpaid = all.iter().filter(|v| v.handled && !v.fine_paid).count();
        put(
            buf,
            x,
            area.y + 1,
            &format!(
                "违法记录（{}条）  未处理 {undecided} 条  待缴款 {unpaid} 条",
                all.len()
            ),
            w,
            HEADING,
        );
        if all.is_empty() {
            put(buf, x, area.y + 2, "暂无交通违法记录", w, MUTED);
            return None;
        }
        let labels: Vec<String> = all
            .iter()
            .map(|v| {
                format!(
                    "{}  {}  {:>2}分  {}",
                    status(v),
                    v.committed_at(),
                    v.points,
                    v.description
                )
            })
            .collect();
        let rows: Vec<Row> = all
            .iter()
            .zip(&labels)
            .map(|(_, label)| Row {
                label,
                note: "",
                enabled: true,
            })
            .collect();
        let list = list_area(area, all.len());
        self.list.render(&rows, list, buf);
        let v = all.get(self.list.selected)?;
        let today = ctx.clock.today();
        let top = list.bottom() + 1;
        let mut out = LineWriter::new(Rect::new(x, top, w, area.bottom().saturating_sub(top)));
        let mut line = |text: String, style| out.line(buf, &text, style);
        line(format!("违法时间 {}", v.committed_at()), HEADING);
        line(format!("违法地点 {}", v.place), Default::default());
        line(format!("违法行为 {}", v.description), Default::default());
        line(
            format!("记分 {}分    罚款 {}元", v.points, v.fine_yuan),
            Default::default(),
        );
        let plate = v
            .plate
            .as_ref()
            .map_or("未记录".to_string(), |p| p.spaced());
        line(
            format!("号牌号码 {plate}    采集方式 {}", v.captured_by.label()),
            Default::default(),
        );
        line(format!("违法编号 {}", v.record_number()), MUTED);
        match v.decision_date() {
            None => line(
                "状态 未处理：记分自处理（作出处罚决定）之日起计入记分周期".to_string(),
                WARN,
            ),
            Some(decided) => {
                let number = v
                    .decision_number
                    .as_ref()
                    .map_or(String::new(), |n| format!("    处罚决定书编号 {n}"));
                line(format!("处理日期 {decided}{number}"), Default::default());
                if v.fine_paid {
                    let paid = v
                        .paid_fen
                        .map_or(String::new(), |fen| format!("，实缴 {}", yuan(fen)));
                    let on = v.fine_paid_on.map_or(String::new(), |d| format!("（{d}）"));
                    line(format!("状态 已缴款{on}{paid}"), OK);
                } else {
                    let late = late_charge_fen(v.fine_yuan, decided, today);
                    let due = amount_due_fen(v, today).unwrap_or_default();
                    let style = if late > 0 { WARN } else { Default::default() };
                    line(
                        format!(
                            "状态 待缴款：缴款期限至 {}，今日应缴 {}{}",
                            payment_due(decided),
                            yuan(due),
                            if late > 0 {
                                format!("（含加处罚款 {}）", yuan(late))
                            } else {
                                String::new()
                            }
                        ),
                        style,
                    );
                }
            }
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let all = records(ctx);
        let height = list_area(ctx.body, all.len()).height;
        match cmd {
            Cmd::Back => Action::Pop,
            Cmd::Open => {
                let Some(v) = all.get(self.list.selected) else {
                    return Action::None;
                };
                let flow = next_business(v).and_then(|s| ctx.catalog.for_subject(&s));
                match flow {
                    Some(flow) => Action::Open(Route::Notice {
                        flow_id: flow.id.clone(),
                        path: CATEGORY
                            .iter()
                            .map(ToString::to_string)
                            .chain([flow.title.clone()])
                            .collect(),
                    }),
                    None => Action::Notify("该违法记录已处理完毕，罚款已缴纳".to_string()),
                }
            }
            cmd => {
                self.list.apply(cmd, all.len(), height);
                Action::None
            }
        }
    }

    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        let len = ctx.profile.violations.len();
        let index = self.list.row_at(len, list_area(ctx.body, len), pos)?;
        Some(Cmd::Pick(index))
    }
}
