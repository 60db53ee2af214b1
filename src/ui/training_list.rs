//! 我的 > 培训模式: the training scenarios, with the situation and the expected outcome of the
//! highlighted one. Enter starts it guided, `t` as a scored test; either runs on demo data of
//! its own, and the account's own data is back when the run ends.

use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::keys::{Binding, Cmd, KeyPattern, LIST_KEYS};
use super::widgets::{HEADING, LineWriter, MUTED, Row, SelectList, upper_list_area as list_area};
use super::{Action, Ctx, Screen};
use crate::flow::training::{Expected, Scenario};

pub const TITLE: &str = "培训模式";

const TRAINING_LIST_KEYS: &[Binding] = &[
    LIST_KEYS[0],
    LIST_KEYS[1],
    LIST_KEYS[2],
    LIST_KEYS[3],
    Binding {
        keys: LIST_KEYS[6].keys,
        cmd: Cmd::Open,
        hint: "培训",
        help: "开始培训：侧栏提示每一步怎么做、为什么、依据哪条规定",
    },
    Binding {
        keys: &[KeyPattern::Plain(KeyCode::Char('t'))],
        cmd: Cmd::HandIn,
        hint: "考核",
        help: "开始考核：不给提示，按错误、重试和用时计分，报告保存在数据目录",
    },
    LIST_KEYS[8],
];

#[derive(Debug, Clone, Default)]
pub struct TrainingListScreen {
    list: SelectList,
}

fn expected(scenario: &Scenario) -> String {
    match &scenario.expect {
        Expected::Completed => "业务办结".to_string(),
        Expected::Refused(words) => format!("系统拒绝办理（{words}）"),
        Expected::Reaches(stage) => format!("到达阶段 {stage}"),
    }
}

impl Screen for TrainingListScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["我的".to_string(), TITLE.to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        TRAINING_LIST_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let scenarios = &ctx.resources.scenarios;
        let mut out = LineWriter::new(Rect::new(
            area.x + 1,
            area.y,
            area.width.saturating_sub(2),
            1,
        ));
        out.line(
            buf,
            &format!("培训场景（{}个）：Enter 培训，t 考核", scenarios.len()),
            HEADING,
        );
        let notes: Vec<String> = scenarios
            .iter()
            .map(|s| {
                ctx.catalog
                    .flow(&s.business)
                    .map_or(s.business.clone(), |f| f.title.clone())
            })
            .collect();
        let rows: Vec<Row> = scenarios
            .iter()
            .zip(&notes)
            .map(|(s, note)| Row {
                label: &s.title,
                note,
                enabled: true,
            })
            .collect();
        let list = list_area(area, rows.len());
        self.list.render(&rows, list, buf);
        if let Some(scenario) = scenarios.get(self.list.selected) {
            let detail = Rect::new(
                area.x + 1,
                list.bottom() + 1,
                area.width.saturating_sub(2),
                area.bottom().saturating_sub(list.bottom() + 1),
            );
            let mut out = LineWriter::new(detail);
            out.wrapped(buf, &scenario.situation, ratatui::style::Style::new());
            out.line(buf, &format!("预期结果：{}", expected(scenario)), MUTED);
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let scenarios = &ctx.resources.scenarios;
        let height = list_area(ctx.body, scenarios.len()).height;
        match cmd {
            Cmd::Back => Action::Pop,
            Cmd::HandIn => {
                scenarios
                    .get(self.list.selected)
                    .map_or(Action::None, |s| Action::StartTraining {
                        scenario: s.id.clone(),
                        test: true,
                    })
            }
            cmd => match self.list.apply(cmd, scenarios.len(), height) {
                Some(i) => Action::StartTraining {
                    scenario: scenarios[i].id.clone(),
                    test: false,
                },
                None => Action::None,
            },
        }
    }
}
