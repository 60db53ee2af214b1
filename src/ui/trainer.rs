//! F8 培训讲师控制台: the police review queue of every account, so the trainer can play the
//! officer when reviews are held (config `engine.hold_reviews`) and give a rejection's reason,
//! the simulated clock (by steps or to a date), switching the demo account, and the reset of
//! the demo data.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::keys::{Binding, Cmd, KeyPattern};
use super::widgets::{HEADING, MUTED, Row, SelectList, put};
use super::{Action, Ctx, Screen};
use crate::engine::open_set::Tracked;
use crate::engine::stages::rejection_reasons;
use crate::flow::process::StageKind;
use KeyPattern::Plain;
use crossterm::event::KeyCode::{Char, Down, Esc, Up};

const TRAINER_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Up)],
        cmd: Cmd::Up,
        hint: "",
        help: "上移一份申请",
    },
    Binding {
        keys: &[Plain(Down)],
        cmd: Cmd::Down,
        hint: "",
        help: "下移一份申请",
    },
    Binding {
        keys: &[Plain(Char('a'))],
        cmd: Cmd::Yes,
        hint: "通过",
        help: "以民警身份审核通过选中的申请；约考排序中的分配考位，考试中的判定合格",
    },
    Binding {
        keys: &[Plain(Char('r'))],
        cmd: Cmd::No,
        hint: "退回",
        help: "以民警身份退回选中的申请（选择或输入退回原因，写入办理记录）；约考排序中的不分配考位，考试中的判定不合格",
    },
    Binding {
        keys: &[Plain(Char('o'))],
        cmd: Cmd::Object,
        hint: "异议",
        help: "对公示期内的公益活动结果提出异议（不予减分）",
    },
    Binding {
        keys: &[Plain(Char('f'))],
        cmd: Cmd::FailNextFaceCheck,
        hint: "人脸失败",
        help: "让下一次人脸比对不通过（再按一次取消）",
    },
    Binding {
        keys: &[Plain(Char('t'))],
        cmd: Cmd::ClockForward,
        hint: "时钟+10分",
        help: "把模拟时钟拨快10分钟（学习计时、签到签退按模拟时钟进行）",
    },
    Binding {
        keys: &[Plain(Char('d'))],
        cmd: Cmd::ClockForwardDay,
        hint: "时钟+1天",
        help: "把模拟时钟拨快1天（考试科目之间的等待期等按自然日计算），到期的事项随之办理",
    },
    Binding {
        keys: &[Plain(Char('c'))],
        cmd: Cmd::SetClock,
        hint: "拨到日期",
        help: "把模拟时钟拨到输入的日期时间，到期的事项随之办理（时钟只能向后拨）",
    },
    Binding {
        keys: &[Plain(Char('p'))],
        cmd: Cmd::SwitchAccount,
        hint: "切换账号",
        help: "打开演示账号列表，以另一位演示账号登录",
    },
    Binding {
        keys: &[Plain(Char('R'))],
        cmd: Cmd::ResetDemo,
        hint: "重置",
        help: "把全部演示账号恢复到初始状态（先确认；申请、消息和草稿都将删除）",
    },
    Binding {
        keys: &[Plain(Esc)],
        cmd: Cmd::Back,
        hint: "返回",
        help: "关闭控制台",
    },
];

#[derive(Debug, Clone, Default)]
pub struct TrainerScreen {
    list: SelectList,
}

/// Applications of every account waiting for the police: a review, or an objection to a 公示,
/// oldest deadline first.
fn queue<'a>(ctx: &Ctx<'a>) -> Vec<&'a Tracked> {
    let mut waiting: Vec<&Tracked> = ctx
        .applications
        .iter()
        .filter(|t| {
            let state = &t.state;
            state.outcome.is_none()
                && ctx
                    .catalog
                    .flow(&t.application.flow_id)
                    .and_then(|f| f.process.as_ref())
                    .and_then(|p| p.stage(state.stage.as_deref().unwrap_or_default()))
                    .is_some_and(|s| {
                        matches!(
                            s.kind,
                            StageKind::PoliceReview { .. }
                                | StageKind::Publicity { .. }
                                | StageKind::Allocation { .. }
                                | StageKind::Sitting { .. }
                        )
                    })
        })
        .collect();
    waiting.sort_by_key(|t| (t.state.due, t.application.number.clone()));
    waiting
}

/// The list, leaving a line under it for what the selected application's stage offers.
fn list_area(area: Rect) -> Rect {
    Rect::new(
        area.x + 1,
        area.y + 5,
        area.width.saturating_sub(2),
        area.height.saturating_sub(7),
    )
}

/// The stage an application waits in.
fn stage_kind<'a>(ctx: &Ctx<'a>, tracked: &Tracked) -> Option<&'a StageKind> {
    ctx.catalog
        .flow(&tracked.application.flow_id)?
        .process
        .as_ref()?
        .stage(tracked.state.stage.as_deref()?)
        .map(|s| &s.kind)
}

/// What the trainer may do to an application waiting in a stage of `kind`: each command with
/// its key and its words for that stage (an allocation is not "approved", a sitting not
/// "reviewed").
fn stage_commands(kind: &StageKind) -> &'static [(Cmd, &'static str, &'static str)] {
    match kind {
        StageKind::PoliceReview { .. } => &[(Cmd::Yes, "a", "审核通过"), (Cmd::No, "r", "退回")],
        StageKind::Publicity { .. } => &[(Cmd::Object, "o", "提出异议")],
        StageKind::Allocation { .. } => {
            &[(Cmd::Yes, "a", "分配考位"), (Cmd::No, "r", "不分配考位")]
        }
        StageKind::Sitting { .. } => &[(Cmd::Yes, "a", "判定合格"), (Cmd::No, "r", "判定不合格")],
        _ => &[],
    }
}

/// The commands as the console lists them: `a 审核通过  r 退回`.
fn commands_text(commands: &[(Cmd, &str, &str)]) -> String {
    commands
        .iter()
        .map(|(_, key, words)| format!("{key} {words}"))
        .collect::<Vec<_>>()
        .join("  ")
}

impl TrainerScreen {
    pub const TITLE: &'static str = "培训讲师控制台";
}

impl Screen for TrainerScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec![Self::TITLE.to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        TRAINER_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        put(
            buf,
            x,
            area.y + 1,
            &format!(
                "模拟时钟 {}    按 F9 拨到下一个办理期限",
                ctx.clock.now.format("%Y-%m-%d %H:%M")
            ),
            w,
            HEADING,
        );
        let mode = if ctx.config.engine.hold_reviews {
            "民警审核：等待讲师决定（hold_reviews: true）"
        } else {
            "民警审核：到期自动完成；也可在此提前决定"
        };
        let face = if ctx.face_failure_forced {
            "下一次人脸比对：不通过（按 f 取消）"
        } else {
            "人脸比对：按设置的概率（按 f 让下一次不通过）"
        };
        put(buf, x, area.y + 2, &format!("{mode}；{face}"), w, MUTED);
        put(
            buf,
            x,
            area.y + 4,
            "待民警处理的申请：审核、公示、约考排序、考试（全部演示账号）",
            w,
            HEADING,
        );
        let items = queue(ctx);
        if items.is_empty() {
            put(
                buf,
                x,
                area.y + 5,
                "没有待审核、公示、排序或考试中的申请",
                w,
                MUTED,
            );
            return None;
        }
        let labels: Vec<(String, String)> = items
            .iter()
            .map(|t| {
                let (a, state) = (&t.application, &t.state);
                let title = ctx
                    .catalog
                    .flow(&a.flow_id)
                    .map_or(a.flow_id.clone(), |f| f.title.clone());
                let who = ctx
                    .personas
                    .iter()
                    .find(|p| p.id == a.applicant)
                    .map_or(a.applicant.clone(), |p| {
                        crate::domain::mask::mask_name(&p.name)
                    });
                let stage = ctx
                    .catalog
                    .flow(&a.flow_id)
                    .and_then(|f| f.process.as_ref())
                    .and_then(|p| p.stage(state.stage.as_deref().unwrap_or_default()))
                    .map_or(String::new(), |s| s.title.clone());
                let due = state
                    .due
                    .map(|d| format!("{stage} 期限 {}", d.format("%m-%d %H:%M")))
                    .unwrap_or(stage);
                (format!("{}  {title}  {who}", a.number), due)
            })
            .collect();
        let rows: Vec<Row> = labels
            .iter()
            .map(|(l, n)| Row {
                label: l,
                note: n,
                enabled: true,
            })
            .collect();
        let list = list_area(area);
        self.list.render(&rows, list, buf);
        let selected = items.get(self.list.selected.min(items.len().saturating_sub(1)));
        if let Some(kind) = selected.and_then(|t| stage_kind(ctx, t)) {
            let shown = u16::try_from(rows.len())
                .unwrap_or(u16::MAX)
                .min(list.height);
            put(
                buf,
                x,
                list.y + shown + 1,
                &format!("选中的申请可以：{}", commands_text(stage_commands(kind))),
                w,
                MUTED,
            );
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let items = queue(ctx);
        let chosen = items.get(self.list.selected.min(items.len().saturating_sub(1)));
        // A command the selected application's stage does not offer is refused, naming those
        // it does.
        if let Some(tracked) = chosen
            && matches!(cmd, Cmd::Yes | Cmd::No | Cmd::Object)
        {
            let commands = stage_kind(ctx, tracked).map_or(&[][..], stage_commands);
            if !commands.iter().any(|(c, _, _)| *c == cmd) {
                return Action::Notify(format!(
                    "选中的申请（{}）当前阶段不能这样处理，可以：{}",
                    tracked.application.number,
                    commands_text(commands)
                ));
            }
        }
        let selected = chosen.map(|t| t.application.number.clone());
        match (cmd, selected) {
            (Cmd::Back, _) => Action::Pop,
            (Cmd::FailNextFaceCheck, _) => Action::ToggleFaceFailure,
            (Cmd::ClockForward, _) => Action::AdvanceClockBy(10),
            (Cmd::ClockForwardDay, _) => Action::AdvanceClockBy(24 * 60),
            (Cmd::ResetDemo, _) => Action::ConfirmReset,
            (Cmd::SetClock, _) => Action::AskClock,
            (Cmd::SwitchAccount, _) => Action::Open(super::route::Route::Settings),
            (Cmd::Object, Some(number)) => Action::ConfirmThen {
                text: format!("对申请 {number} 的公示结果提出异议？异议成立的不予减分，不能撤回。"),
                then: Box::new(Action::Object { number }),
            },
            (Cmd::Yes, Some(number)) => {
                let words = chosen
                    .and_then(|t| stage_kind(ctx, t))
                    .map_or(&[][..], stage_commands)
                    .iter()
                    .find(|(c, _, _)| *c == Cmd::Yes)
                    .map_or("审核通过", |(_, _, words)| *words);
                Action::ConfirmThen {
                    text: format!("对申请 {number}「{words}」？决定后不能撤回。"),
                    then: Box::new(Action::Decide {
                        number,
                        approve: true,
                        reason: None,
                    }),
                }
            }
            (Cmd::No, Some(number)) => {
                let reasons = chosen
                    .and_then(|t| stage_kind(ctx, t))
                    .map_or(&[][..], rejection_reasons);
                if reasons.is_empty() {
                    Action::Decide {
                        number,
                        approve: false,
                        reason: None,
                    }
                } else {
                    Action::AskRejection {
                        number,
                        reasons: reasons.iter().map(|r| (*r).to_string()).collect(),
                    }
                }
            }
            (cmd, _) => {
                self.list
                    .apply(cmd, items.len(), list_area(ctx.body).height);
                Action::None
            }
        }
    }
}
