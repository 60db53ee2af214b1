//! A user task: the page of ordinary fields the open stage asks for (a new photo after a
//! rejected one), drawn and checked as the wizard's fields are; the last Enter hands the
//! answers to the engine, which checks them again.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::fields::form::FieldForm;
use super::fields::widgets::{FIELD_BINDINGS, FOCUSED_LABEL};
use super::fields::{FieldView, facts, render_field, widget};
use super::keys::{Binding, Cmd, KeyPattern};
use super::widgets::{HEADING, LineWriter, WARN, gone};
use super::{Action, Ctx, Screen};
use crate::engine::application::Record;
use crate::engine::facts::Facts;
use crate::engine::open_set::Tracked;
use crate::engine::step::Command;
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

/// A task that offers drawn plate numbers also takes 换一批.
const PLATE_TASK_KEYS: &[Binding] = &[
    TASK_KEYS[0],
    TASK_KEYS[1],
    TASK_KEYS[2],
    TASK_KEYS[3],
    TASK_KEYS[4],
    TASK_KEYS[5],
    TASK_KEYS[6],
    TASK_KEYS[7],
    Binding {
        keys: &[Plain(KeyCode::Char('r'))],
        cmd: Cmd::Redraw,
        hint: "换一批",
        help: "重新产生一批候选号码（次数以业务规定为限）",
    },
];

#[derive(Debug, Clone)]
pub struct TaskScreen {
    number: String,
    focus: usize,
    form: FieldForm,
    /// Whether the task offers drawn plate numbers (and so takes 换一批).
    draws_plates: bool,
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
        StageKind::UserTask { fields, .. } => Some((tracked, stage, fields)),
        _ => None,
    }
}

/// What the task's fields read: its answers so far (with the application's subject, put in
/// the form when the page opens) and the application's records (the candidates drawn for it).
fn task_facts<'a>(ctx: &'a Ctx, number: &str, form: &'a FieldForm) -> Facts<'a> {
    let records = ctx
        .tracked(number)
        .map_or(&[][..], |t| t.state.records.as_slice());
    facts(ctx, &form.answers, records)
}

impl TaskScreen {
    pub fn new(number: String, ctx: &Ctx) -> Self {
        let draws_plates = task(ctx, &number).is_some_and(|(_, _, fields)| {
            fields
                .iter()
                .any(|f| matches!(f.kind, FieldKind::PlateNumber { rerolls, .. } if rerolls > 0))
        });
        // What the task's fields may read of the application: the subject (the vehicle a
        // composed number is for) and the other answers (the city a session is chosen in);
        // never an earlier answer to one of the task's own fields.
        let mut form = FieldForm::default();
        let own: Vec<String> = task(ctx, &number)
            .map(|(_, _, fields)| fields.iter().map(|f| f.id.clone()).collect())
            .unwrap_or_default();
        if let Some(tracked) = ctx.tracked(&number) {
            for (key, value) in &tracked.state.answers {
                if !own.contains(key) {
                    form.answers.insert(key.clone(), value.clone());
                }
            }
        }
        Self {
            number,
            focus: 0,
            form,
            draws_plates,
        }
    }

    /// Checks one field as its widget does; keeps the message next to it.
    fn check(&mut self, field: &Field, ctx: &Ctx) -> bool {
        let checked = widget(&field.kind).check(
            field,
            &self.form,
            &task_facts(ctx, &self.number, &self.form),
        );
        self.form.record(&field.id, checked)
    }

    /// Enter: the focused field takes it first (a list its highlighted row, a region its
    /// level); then the next field, or from the last every field checked and the task handed
    /// in, the engine checking it again.
    fn next(&mut self, fields: &[Field], ctx: &Ctx) -> Action {
        let Some(field) = fields.get(self.focus) else {
            return Action::None;
        };
        if self.field_takes(field, Cmd::Open, ctx) {
            return Action::None;
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
        let answers = fields
            .iter()
            .filter_map(|f| Some((f.id.clone(), self.form.answers.get(&f.id)?.clone())))
            .collect();
        Action::CompleteTask {
            number: self.number.clone(),
            answers,
        }
    }

    /// Gives a command to the field's widget; true when it used it.
    fn field_takes(&mut self, field: &Field, cmd: Cmd, ctx: &Ctx) -> bool {
        let records = ctx
            .tracked(&self.number)
            .map_or(&[][..], |t| t.state.records.as_slice());
        let answers = self.form.answers.clone();
        widget(&field.kind).handle(field, &mut self.form, cmd, &facts(ctx, &answers, records))
    }
}

impl Screen for TaskScreen {
    fn place(&self, ctx: &Ctx) -> super::Place {
        use crate::flow::training::Target;
        let Some((tracked, stage, fields)) = task(ctx, &self.number) else {
            return super::Place::default();
        };
        let stage_target = Target::Stage(stage.id.clone());
        super::Place {
            flow: Some(tracked.application.flow_id.clone()),
            target: Some(
                fields
                    .get(self.focus)
                    .map_or(stage_target.clone(), |f| Target::Field(f.id.clone())),
            ),
            page: Some(stage_target),
            step: None,
            errors: self.form.errors.clone(),
            answers: self.form.answers.clone(),
        }
    }

    fn path(&self, ctx: &Ctx) -> Vec<String> {
        let title =
            task(ctx, &self.number).map_or("办理".to_string(), |(_, s, _)| s.title.clone());
        vec!["网办进度".to_string(), self.number.clone(), title]
    }

    fn keys(&self) -> &'static [Binding] {
        if self.draws_plates {
            PLATE_TASK_KEYS
        } else {
            TASK_KEYS
        }
    }

    fn text_focus(&self, ctx: &Ctx) -> bool {
        task(ctx, &self.number)
            .and_then(|(_, _, fields)| fields.get(self.focus))
            .is_some_and(|f| widget(&f.kind).typed_limit().is_some())
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let Some((tracked, stage, fields)) = task(ctx, &self.number) else {
            return gone(buf, area, "这项待办");
        };
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        let mut out = LineWriter::new(Rect::new(x, area.y + 1, w, area.height.saturating_sub(1)));
        out.line(buf, &stage.title, HEADING);
        // A timed task counts down on the simulated clock (a 选号's minute to choose).
        if let (StageKind::UserTask { seconds: 1.., .. }, Some(due)) =
            (&stage.kind, tracked.state.due)
        {
            let left = (due - ctx.clock.now).num_seconds().max(0);
            out.line(
                buf,
                &format!(
                    "剩余时间 {:02}:{:02}，超时未选定的本次选号作废",
                    left / 60,
                    left % 60
                ),
                WARN,
            );
        }
        // 自编自选: each number found taken, and the tries left.
        for field in fields.iter() {
            let FieldKind::ComposedPlate { tries } = field.kind else {
                continue;
            };
            let refused: Vec<&String> = tracked
                .state
                .records
                .iter()
                .filter_map(|r| match r {
                    Record::Composed {
                        field: f,
                        refused: Some(why),
                        ..
                    } if *f == field.id => Some(why),
                    _ => None,
                })
                .collect();
            if let Some(last) = refused.last() {
                let left = usize::from(tries).saturating_sub(refused.len());
                out.wrapped(buf, &format!("{last}（还可再编{left}次）"), WARN);
            }
        }
        if let Some((_, reason)) = &tracked.state.last_setback {
            out.wrapped(buf, &format!("上次未通过的原因：{reason}"), WARN);
        }
        out.gap();
        let facts = task_facts(ctx, &self.number, &self.form);
        let mut cursor = None;
        for (i, field) in fields.iter().enumerate() {
            let focused = i == self.focus;
            let view = FieldView {
                field,
                form: &self.form,
                focused,
                facts: &facts,
                label_style: if focused { FOCUSED_LABEL } else { HEADING },
            };
            cursor = cursor.or(render_field(view, &mut out, buf));
        }
        cursor
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let Some((_, _, fields)) = task(ctx, &self.number) else {
            return Action::Pop;
        };
        let focused = fields.get(self.focus);
        match cmd {
            Cmd::NextFocus => {
                self.focus = (self.focus + 1).min(fields.len().saturating_sub(1));
                Action::None
            }
            Cmd::PrevFocus => {
                self.focus = self.focus.saturating_sub(1);
                Action::None
            }
            Cmd::Open => self.next(fields, ctx),
            Cmd::Back if focused.is_some_and(|f| self.field_takes(f, Cmd::Back, ctx)) => {
                Action::None
            }
            Cmd::Back => Action::Pop,
            Cmd::Redraw => match focused {
                Some(field) if matches!(field.kind, FieldKind::PlateNumber { .. }) => {
                    self.form.answers.remove(&field.id);
                    self.form.lists.remove(&field.id);
                    Action::Act {
                        number: self.number.clone(),
                        command: Command::Redraw {
                            field: field.id.clone(),
                        },
                    }
                }
                _ => Action::None,
            },
            cmd => {
                if let Some(field) = focused {
                    self.field_takes(field, cmd, ctx);
                }
                Action::None
            }
        }
    }

    fn type_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Action {
        if let Some(field) = task(ctx, &self.number).and_then(|(_, _, f)| f.get(self.focus))
            && let Some(limit) = widget(&field.kind).typed_limit()
        {
            let refused = format!("{}：最多{limit}个字", field.label);
            self.form
                .type_key(&field.id, key, limit, &refused, |_| true);
        }
        Action::None
    }

    fn paste(&mut self, text: &str, ctx: &Ctx) {
        if let Some(field) = task(ctx, &self.number).and_then(|(_, _, f)| f.get(self.focus))
            && let Some(limit) = widget(&field.kind).typed_limit()
        {
            let refused = format!("{}：最多{limit}个字", field.label);
            self.form.paste(&field.id, text, limit, &refused, |_| true);
        }
    }
}
