//! 我的驾驶证: the licence, its points this cycle with the violations behind them, and the
//! businesses listed under it (驾驶证电子版).

use chrono::{Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::keys::{Binding, Cmd, LIST_KEYS};
use super::menu::{handle_node_list, node_row, open_node};
use super::route::Route;
use super::widgets::{HEADING, LineWriter, MUTED, OK, Row, SelectList, WARN, put};
use super::{Action, Ctx, Screen};
use crate::domain::address::place_label;
use crate::domain::driving_test::ExamSubject;
use crate::domain::ledger::{
    history, in_probation, points_after_reductions, probation_ends, reduced_this_cycle,
};
use crate::domain::mask::{mask_middle, mask_name};
use crate::domain::points::{FULL_POINTS, scoring_cycle, unhandled};
use crate::domain::profile::{Licence, LicenceStatus, Profile};
use crate::domain::rules::{full_points, learner, review};
use crate::flow::menu::{MenuNode, find_path};

const TITLE: &str = "我的驾驶证";

#[derive(Debug, Clone, Default)]
pub struct LicenceScreen {
    list: SelectList,
}

impl LicenceScreen {
    /// 相关业务 at the bottom: the e-licence to show when there is one, then the businesses.
    fn render_related(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let nodes = entries(ctx);
        let show = Row {
            label: "出示电子驾驶证",
            note: "",
            enabled: true,
        };
        let rows: Vec<Row> = e_licence_row(ctx)
            .map(|_| show)
            .into_iter()
            .chain(nodes.iter().map(node_row))
            .collect();
        // As tall as `handle` and `click` reckon it, the 出示 row counted, so the highlighted
        // row is always one that shows.
        let list = list_area(area, rows.len());
        let (x, w) = (area.x + 1, area.width.saturating_sub(2));
        put(buf, x, list.y.saturating_sub(1), "相关业务", w, HEADING);
        self.list.render(&rows, list, buf);
    }
}

fn entries<'a>(ctx: &Ctx<'a>) -> &'a [MenuNode] {
    find_path(&ctx.catalog.tree, &[TITLE]).map_or(&[], |n| n.children.as_slice())
}

/// What a driver at 12 points faces (R163 Art.17-22, 29): the days of study and how they may be
/// split, the cities, the exams, and the 30 days of the notice.
fn full_points_lines(
    profile: &Profile,
    licence: &Licence,
    ctx: &Ctx,
    today: NaiveDate,
) -> Vec<String> {
    if full_points::qualifies(profile, today).is_err() {
        return Vec::new();
    }
    let times = full_points::full_times(profile, today);
    let days = full_points::study_days(licence, times);
    let (together, on_site) = full_points::composition(licence);
    let cities: Vec<String> = full_points::education_cities(profile, &ctx.resources.regions)
        .into_iter()
        .map(|c| c.city)
        .collect();
    let subjects: Vec<&str> = full_points::exam_subjects(times)
        .into_iter()
        .map(|s| s.label())
        .collect();
    let mut lines = vec![format!(
        "满分教育：本记分周期第{times}次记满12分，须学习{days}日，其中现场、网络学习合计不少于{together}日、现场不少于{on_site}日；可在{}参加；学习后考试{}（《道路交通安全违法行为记分管理办法》第十八条至第二十二条）",
        cities.join("、"),
        subjects.join("、")
    )];
    if let Some(notice) = licence.full_points_notice_on {
        match full_points::stopped_for_ignoring_notice(licence, today) {
            Some(from) => lines.push(format!(
                "驾驶证自 {from} 起停止使用：收到满分教育通知书（{notice}）后30日内未参加满分学习（第二十九条）"
            )),
            None if licence.full_points_begun_on.is_none() => {
                let last = notice
                    .checked_add_days(Days::new(full_points::NOTICE_DAYS))
                    .unwrap_or(notice);
                lines.push(format!(
                    "满分教育通知书 {notice}：请在 {last} 前开始满分学习，逾期驾驶证将被公告停止使用（第二十九条）"
                ));
            }
            None => {}
        }
    }
    lines
}

/// The learner's file: the 学习驾驶证明 (or the application before 科目一), each subject with
/// its result and bookings, and when each subject not yet passed can be booked, with the rule
/// (R162 Art.39-47).
pub fn permit_lines(profile: &Profile, today: NaiveDate) -> Vec<(String, Style)> {
    let Some(permit) = &profile.learner_permit else {
        return Vec::new();
    };
    let adding = if profile.licence.is_some() {
        "增驾 "
    } else {
        ""
    };
    let mut lines = vec![(
        format!(
            "{adding}学习驾驶证明  准驾车型 {}    培训机构 {}",
            permit.classes, permit.school
        ),
        HEADING,
    )];
    let validity = match (permit.issued_on, permit.valid_until) {
        (Some(from), Some(until)) => {
            format!("证明编号 {}    有效期 {from} 至 {until}", permit.number)
        }
        _ => format!(
            "受理编号 {}    {} 受理，科目一合格后核发学习驾驶证明",
            permit.number, permit.accepted_on
        ),
    };
    lines.push((validity, Style::new()));
    lines.push((permit.progress().join("    "), Style::new()));
    for subject in ExamSubject::ALL {
        if permit.passed(subject) {
            continue;
        }
        match learner::subject_bookable(permit, subject, profile.licence.as_ref(), today) {
            Ok(()) => lines.push((format!("{}：现在可以预约考试", subject.label()), OK)),
            Err(why) => lines.push((format!("{}：{why}", subject.label()), WARN)),
        }
    }
    lines
}

/// The application that issued the e-licence, when one is issued: the list then starts with
/// 出示电子驾驶证.
fn e_licence_row(ctx: &Ctx) -> Option<String> {
    ctx.profile
        .licence
        .as_ref()?
        .e_licence
        .as_ref()
        .map(|e| e.application.clone())
}

/// The entries sit at the bottom of the body, under the details.
fn list_area(area: Rect, len: usize) -> Rect {
    let height = u16::try_from(len).unwrap_or(0).min(area.height / 3).max(1);
    Rect::new(
        area.x + 1,
        area.bottom().saturating_sub(height),
        area.width.saturating_sub(2),
        height,
    )
}

impl Screen for LicenceScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec![TITLE.to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        LIST_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        let y = area.y + 1;
        let profile = ctx.profile;
        let nodes = entries(ctx);
        let list = list_area(area, nodes.len());
        let today = ctx.clock.today();
        let mut out = LineWriter::new(Rect::new(
            x,
            y,
            w,
            list.y.saturating_sub(1).saturating_sub(y),
        ));
        let Some(licence) = &profile.licence else {
            if profile.learner_permit.is_none() {
                out.line(buf, "本账号未绑定驾驶证", MUTED);
            }
            for (text, style) in permit_lines(profile, today) {
                out.wrapped(buf, &text, style);
            }
            self.render_related(ctx, area, buf);
            return None;
        };
        out.line(
            buf,
            &format!(
                "姓名 {}    证号 {}",
                mask_name(&profile.name),
                profile.id_number.masked()
            ),
            Default::default(),
        );
        let classes: Vec<String> = licence
            .classes
            .iter()
            .map(|c| format!("{}（{}）", c.code(), c.name()))
            .collect();
        out.line(
            buf,
            &format!("准驾车型 {}", classes.join("、")),
            Default::default(),
        );
        out.line(
            buf,
            &format!(
                "档案编号 {}    初次领证 {}",
                mask_middle(&licence.file_number, 4, 2),
                licence.first_issued
            ),
            Default::default(),
        );
        let until = licence
            .valid_until
            .map_or("长期".to_string(), |d| d.to_string());
        out.line(
            buf,
            &format!("有效期限 {} 至 {until}", licence.valid_from),
            Default::default(),
        );
        let (status, _) = licence.status_on(today);
        // A review owed past its 30 days is 逾期未审验 even before the office records it.
        let review_overdue = review::review_overdue(profile, today).is_some();
        let (status_text, status_style) = match status {
            LicenceStatus::Normal if review_overdue => {
                (LicenceStatus::OverdueReview.label().to_string(), WARN)
            }
            LicenceStatus::Normal => (licence.status_shown(today), Default::default()),
            _ => (licence.status_shown(today), WARN),
        };
        out.line(
            buf,
            &format!(
                "状态 {status_text}    发证机关 {}",
                licence.issuing_authority
            ),
            status_style,
        );
        if let Some(meaning) = status.meaning() {
            out.line(buf, meaning, WARN);
        }
        if in_probation(licence, today) {
            out.line(
                buf,
                &format!(
                    "实习期至 {}：驾驶机动车应当粘贴或者悬挂实习标志（《机动车驾驶证申领和使用规定》第七十七条）",
                    probation_ends(licence)
                ),
                Default::default(),
            );
        }
        if let Some(on) = licence.reissued_on {
            out.line(
                buf,
                &format!("新证 {on} 制发，原驾驶证作废"),
                Default::default(),
            );
        }
        out.line(
            buf,
            &format!(
                "联系电话 {}    联系地址 {}{}",
                profile.phone.masked(),
                place_label(
                    &profile.address.province,
                    &profile.address.city,
                    &profile.address.district
                ),
                mask_middle(&profile.address.detail, 2, 0)
            ),
            Default::default(),
        );
        match &licence.e_licence {
            Some(e) => out.line(
                buf,
                &format!(
                    "电子驾驶证 已申领（{}），可在下方出示",
                    e.issued_at.format("%Y-%m-%d")
                ),
                OK,
            ),
            None => out.line(buf, "电子驾驶证 未申领", MUTED),
        }
        for (text, style) in permit_lines(profile, today) {
            out.wrapped(buf, &text, style);
        }
        if licence.school_bus_driver {
            out.line(
                buf,
                "校车驾驶资格：每个记分周期均需审验",
                Default::default(),
            );
        }
        if let Ok(duty) = review::review_duty(profile, today) {
            let reasons: Vec<&str> = duty.reasons.iter().map(|r| r.label()).collect();
            let cycle = format!("上一记分周期 {} 至 {}", duty.cycle.0, duty.last_day());
            let text = if duty.overdue_on(today) {
                format!(
                    "逾期未审验：{cycle}（{}）应在 {} 前审验，请尽快办理【驾驶人审验】；逾期不参加审验仍驾驶机动车的，处200元以上500元以下罚款",
                    reasons.join("、"),
                    duty.due_by
                )
            } else {
                format!(
                    "须审验：{cycle}（{}），请在 {} 前办理【驾驶人审验】",
                    reasons.join("、"),
                    duty.due_by
                )
            };
            out.wrapped(buf, &text, WARN);
        } else if let Some(last) = licence.reviewed_cycles.iter().max() {
            out.line(buf, &format!("审验 截至 {last} 的记分周期已审验合格"), OK);
        }
        for text in full_points_lines(profile, licence, ctx, today) {
            out.wrapped(buf, &text, WARN);
        }
        if let Some(until) = licence.valid_until
            && until >= today
            && until <= today.checked_add_days(Days::new(90)).unwrap_or(today)
        {
            out.line(
                buf,
                &format!("驾驶证将于 {until} 到期，可在到期前90日内办理期满换证"),
                WARN,
            );
        }
        out.line(buf, "", Default::default());
        let (start, end) = scoring_cycle(licence.first_issued, today);
        let points = points_after_reductions(profile, today);
        let reduced = reduced_this_cycle(profile, today);
        let cycle_end = end.pred_opt().unwrap_or(end);
        let reduced_note = if reduced > 0 {
            format!("（学法减分已减{reduced}分）")
        } else {
            String::new()
        };
        out.line(
            buf,
            &format!(
                "记分周期 {start} 至 {cycle_end}    本周期累积记分 {points}/{FULL_POINTS}{reduced_note}"
            ),
            HEADING,
        );
        let entries = history(profile, today);
        if entries.is_empty() {
            out.line(buf, "本周期暂无记分记录", MUTED);
        }
        for entry in entries {
            let change = if entry.change > 0 {
                format!("+{}分", entry.change)
            } else {
                format!("{}分", entry.change)
            };
            out.line(
                buf,
                &format!("{}  {change}  {}", entry.date, entry.text),
                Default::default(),
            );
        }
        let pending = unhandled(&profile.violations).count();
        if pending > 0 {
            out.line(
                buf,
                &format!("另有 {pending} 条违法记录未处理，处理后计入记分"),
                WARN,
            );
        }
        self.render_related(ctx, area, buf);
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let nodes = entries(ctx);
        let Some(application) = e_licence_row(ctx) else {
            let height = list_area(ctx.body, nodes.len()).height;
            return handle_node_list(&mut self.list, cmd, &[TITLE.to_string()], nodes, height);
        };
        // The first row shows the e-licence; the menu's entries follow it.
        let len = nodes.len() + 1;
        if cmd == Cmd::Back {
            return Action::Pop;
        }
        match self.list.apply(cmd, len, list_area(ctx.body, len).height) {
            Some(0) => Action::Open(Route::ELicence { application }),
            Some(i) => nodes
                .get(i - 1)
                .map_or(Action::None, |node| open_node(&[TITLE.to_string()], node)),
            None => Action::None,
        }
    }

    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        let len = entries(ctx).len() + usize::from(e_licence_row(ctx).is_some());
        let index = self.list.row_at(len, list_area(ctx.body, len), pos)?;
        Some(Cmd::Pick(index))
    }
}
