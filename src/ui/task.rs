//! A user task: the page of ordinary fields the open stage asks for (a new photo after a
//! rejected one), drawn and checked as the wizard's fields are; the last Enter hands the
//! answers to the engine, which checks them again.

use std::collections::BTreeMap;

use crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::fields::widgets::{
    FIELD_BINDINGS, FOCUSED_LABEL, LIST_ROWS, ListView, checkbox, text_input,
};
use super::fields::{check_typed, facts, options};
use super::keys::{Binding, Cmd, KeyPattern};
use super::widgets::{HEADING, LineWriter, MUTED, SelectList, WARN, gone, wrap};
use super::{Action, Ctx, Screen};
use crate::engine::facts::Facts;
use crate::engine::open_set::Tracked;
use crate::flow::process::{Field, FieldKind, Stage, StageKind};
use KeyCode::{Enter, Esc};
use KeyPattern::Plain;

const TASK_KEYS: &[Binding] = &[
    FIELD_BINDINGS[0],
    FIELD_BINDINGS[1],
    FIELD_BINDINGS[2],
    FIELD_BINDINGS[3],
    FIELD_BINDINGS[4],
    FIELD_BINDINGS[5],
    Binding {
        keys: &[Plain(Enter)],
        cmd: Cmd::Open,
        hint: "提交",
        help: "到下一个填写项；在最后一项时检查并提交",
    },
    Binding {
        keys: &[Plain(Esc)],
        cmd: Cmd::Back,
        hint: "返回",
        help: "返回办理进度，不提交",
    },
];

#[derive(Debug, Clone)]
pub struct TaskScreen {
    number: String,
    focus: usize,
    answers: BTreeMap<String, String>,
    inputs: BTreeMap<String, Input>,
    lists: BTreeMap<String, SelectList>,
    errors: BTreeMap<String, String>,
}

/// The application and its open task stage with the fields it asks for.
fn task<'a>(ctx: &Ctx<'a>, number: &str) -> Option<(&'a Tracked, &'a Stage, &'a [Field])> {
    let tracked = ctx.tracked(number)?;
    if tracked.state.outcome.is_some() {
        return None;
    }
    let flow = ctx.catalog.flow(&tracked.application.flow_id)?;
    let stage = flow
        .process
        .as_ref()?
        .stage(tracked.state.stage.as_deref()?)?;
    match &stage.kind {
        StageKind::UserTask { fields } => Some((tracked, stage, fields)),
        _ => None,
    }
}

fn is_list(field: &Field) -> bool {
    !matches!(
        field.kind,
        FieldKind::Text { .. } | FieldKind::Date { .. } | FieldKind::Declaration { .. }
    )
}

impl TaskScreen {
    pub fn new(number: String) -> Self {
        Self {
            number,
            focus: 0,
            answers: BTreeMap::new(),
            inputs: BTreeMap::new(),
            lists: BTreeMap::new(),
            errors: BTreeMap::new(),
        }
    }

    /// What the task's fields read: its answers so far and the application's records (the
    /// candidates drawn for it).
    fn facts<'a>(&'a self, ctx: &'a Ctx) -> Facts<'a> {
        let records = ctx
            .tracked(&self.number)
            .map_or(&[][..], |t| t.state.records.as_slice());
        facts(ctx, &self.answers, records)
    }

    /// Chooses row `row` of a list field.
    fn choose(&mut self, field: &Field, row: usize, ctx: &Ctx) {
        let values: Vec<String> = options(field, &self.facts(ctx))
            .into_iter()
            .map(|(v, _, _)| v)
            .collect();
        let Some(value) = values.get(row) else {
            return;
        };
        self.lists
            .entry(field.id.clone())
            .or_default()
            .select(row, values.len(), LIST_ROWS);
        self.answers.insert(field.id.clone(), value.clone());
        self.errors.remove(&field.id);
    }

    /// The row of a list field now highlighted (the chosen one, else the first).
    fn highlighted(&self, field: &Field, ctx: &Ctx) -> usize {
        let chosen = self.answers.get(&field.id);
        options(field, &self.facts(ctx))
            .iter()
            .position(|(v, _, _)| Some(v) == chosen)
            .unwrap_or(0)
    }

    /// Checks one field; records the error next to it.
    fn check(&mut self, field: &Field, ctx: &Ctx) -> bool {
        let result = if is_list(field) {
            let chosen = self.answers.get(&field.id).and_then(|v| {
                options(field, &self.facts(ctx))
                    .into_iter()
                    .find(|(value, _, _)| value == v)
            });
            match chosen {
                None => Err(format!("{}：请用 Up/Down 选择一项", field.label)),
                Some((_, label, Some(reason))) => {
                    Err(format!("{}：「{label}」不可选，{reason}", field.label))
                }
                Some(_) => Ok(None),
            }
        } else if let FieldKind::Declaration { .. } = field.kind {
            if self.answers.contains_key(&field.id) {
                Ok(None)
            } else {
                Err(format!("{}：请按 Space 勾选", field.label))
            }
        } else {
            let typed = self
                .inputs
                .get(&field.id)
                .map(|i| i.value().to_string())
                .unwrap_or_default();
            check_typed(field, &typed, &self.facts(ctx))
                .unwrap_or(Ok(typed))
                .map(Some)
                .map_err(|rule| format!("{}：{rule}", field.label))
        };
        match result {
            Ok(normalised) => {
                if let Some(value) = normalised {
                    self.answers.insert(field.id.clone(), value);
                }
                self.errors.remove(&field.id);
                true
            }
            Err(message) => {
                self.errors.insert(field.id.clone(), message);
                false
            }
        }
    }

    /// Enter: a list with nothing chosen takes its highlighted row, as a tap would; the next
    /// field, or from the last every field checked and the task handed in.
    fn next(&mut self, fields: &[Field], ctx: &Ctx) -> Action {
        let Some(field) = fields.get(self.focus) else {
            return Action::None;
        };
        if is_list(field) && !self.answers.contains_key(&field.id) {
            let row = self.highlighted(field, ctx);
            self.choose(field, row, ctx);
        }
        if self.focus + 1 < fields.len() {
            if self.check(field, ctx) {
                self.focus += 1;
            }
            return Action::None;
        }
        let checked: Vec<bool> = fields.iter().map(|f| self.check(f, ctx)).collect();
        if let Some(first_bad) = checked.iter().position(|ok| !ok) {
            self.focus = first_bad;
            return Action::None;
        }
        Action::CompleteTask {
            number: self.number.clone(),
            answers: self.answers.clone(),
        }
    }
}

impl Screen for TaskScreen {
    fn path(&self, ctx: &Ctx) -> Vec<String> {
        let title =
            task(ctx, &self.number).map_or("办理".to_string(), |(_, s, _)| s.title.clone());
        vec!["网办进度".to_string(), self.number.clone(), title]
    }

    fn keys(&self) -> &'static [Binding] {
        TASK_KEYS
    }

    fn text_focus(&self, ctx: &Ctx) -> bool {
        task(ctx, &self.number)
            .and_then(|(_, _, fields)| fields.get(self.focus))
            .is_some_and(|f| matches!(f.kind, FieldKind::Text { .. } | FieldKind::Date { .. }))
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let Some((tracked, stage, fields)) = task(ctx, &self.number) else {
            return gone(buf, area, "这项待办");
        };
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        let mut out = LineWriter::new(Rect::new(x, area.y + 1, w, area.height.saturating_sub(1)));
        out.line(buf, &stage.title, HEADING);
        if let Some(reason) = &tracked.state.last_reason {
            out.wrapped(buf, &format!("上次未通过的原因：{reason}"), WARN);
        }
        out.gap();
        let mut cursor = None;
        for (i, field) in fields.iter().enumerate() {
            let focused = i == self.focus;
            let style = if focused { FOCUSED_LABEL } else { HEADING };
            if is_list(field) {
                let items = options(field, &self.facts(ctx));
                let view = ListView {
                    label: &field.label,
                    label_style: style,
                    items: &items,
                    chosen: self.answers.get(&field.id).map(String::as_str),
                    focused,
                };
                let list = self.lists.get(&field.id).cloned().unwrap_or_default();
                view.render(list, &mut out, buf);
            } else if let FieldKind::Declaration { text } = &field.kind {
                checkbox(
                    &mut out,
                    buf,
                    &field.label,
                    self.answers.contains_key(&field.id),
                    style,
                );
                for line in wrap(text, w.saturating_sub(4)) {
                    out.line(buf, &format!("    {line}"), MUTED);
                }
            } else {
                out.line(buf, &field.label, style);
                let at = text_input(&mut out, buf, self.inputs.get(&field.id), focused);
                cursor = cursor.or(at);
            }
            for line in wrap(&field.help, w) {
                out.line(buf, &line, MUTED);
            }
            if let Some(error) = self.errors.get(&field.id) {
                out.line(buf, error, WARN);
            }
            out.gap();
        }
        cursor
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let Some((_, _, fields)) = task(ctx, &self.number) else {
            return Action::Pop;
        };
        let focused = fields.get(self.focus);
        match cmd {
            Cmd::Back => Action::Pop,
            Cmd::NextFocus => {
                self.focus = (self.focus + 1).min(fields.len().saturating_sub(1));
                Action::None
            }
            Cmd::PrevFocus => {
                self.focus = self.focus.saturating_sub(1);
                Action::None
            }
            Cmd::Up | Cmd::Down => {
                if let Some(field) = focused.filter(|f| is_list(f)) {
                    let len = options(field, &self.facts(ctx)).len();
                    let row = self.highlighted(field, ctx);
                    let row = if cmd == Cmd::Up {
                        row.saturating_sub(1)
                    } else {
                        (row + 1).min(len.saturating_sub(1))
                    };
                    self.choose(field, row, ctx);
                }
                Action::None
            }
            Cmd::Pick(row) => {
                if let Some(field) = focused.filter(|f| is_list(f)) {
                    self.choose(field, row, ctx);
                }
                Action::None
            }
            Cmd::Toggle => {
                if let Some(field) =
                    focused.filter(|f| matches!(f.kind, FieldKind::Declaration { .. }))
                {
                    if self.answers.remove(&field.id).is_none() {
                        self.answers.insert(field.id.clone(), "yes".to_string());
                    }
                    self.errors.remove(&field.id);
                }
                Action::None
            }
            Cmd::Open => self.next(fields, ctx),
            _ => Action::None,
        }
    }

    fn type_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Action {
        if let Some(field) = task(ctx, &self.number).and_then(|(_, _, f)| f.get(self.focus)) {
            let input = self.inputs.entry(field.id.clone()).or_default();
            if input.handle_event(&Event::Key(key)).is_some() {
                self.errors.remove(&field.id);
            }
        }
        Action::None
    }
}
