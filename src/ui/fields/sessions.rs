//! `Sessions(purpose, count, count_from)`: several sessions chosen from one list: Up/Down move, Space (or
//! a digit) takes or gives back the highlighted one; shown as the venues and times.

use ratatui::buffer::Buffer;
use ratatui::layout::Position;

use super::form::FieldForm;
use super::widgets::{LIST_ROWS, draw_options};
use super::{FieldView, FieldWidget, options};
use crate::engine::facts::Facts;
use crate::engine::fields::{Unaccepted, accept, several_sessions};
use crate::flow::process::{Field, FieldKind};
use crate::ui::Ctx;
use crate::ui::keys::Cmd;
use crate::ui::widgets::LineWriter;

pub(super) struct Sessions;
pub(super) static SESSIONS: Sessions = Sessions;

/// Takes `id` into the answer, or gives it back.
fn toggle(form: &mut FieldForm, field: &Field, id: &str) {
    let mut chosen: Vec<String> = form
        .answers
        .get(&field.id)
        .map(|v| {
            several_sessions(v)
                .into_iter()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    match chosen.iter().position(|c| c == id) {
        Some(at) => {
            chosen.remove(at);
        }
        None => chosen.push(id.to_string()),
    }
    if chosen.is_empty() {
        form.answers.remove(&field.id);
    } else {
        form.answers.insert(field.id.clone(), chosen.join(","));
    }
    form.errors.remove(&field.id);
}

impl FieldWidget for Sessions {
    fn handle(&self, field: &Field, form: &mut FieldForm, cmd: Cmd, facts: &Facts) -> bool {
        let values: Vec<String> = options(field, facts)
            .into_iter()
            .map(|(v, _, _)| v)
            .collect();
        let list = form.lists.entry(field.id.clone()).or_default();
        match cmd {
            Cmd::Up => list.step(-1, values.len(), LIST_ROWS),
            Cmd::Down => list.step(1, values.len(), LIST_ROWS),
            Cmd::Pick(row) if row < values.len() => {
                list.select(row, values.len(), LIST_ROWS);
                toggle(form, field, &values[row]);
            }
            Cmd::Toggle => {
                let row = list.selected;
                if let Some(id) = values.get(row) {
                    toggle(form, field, id);
                }
            }
            _ => return false,
        }
        true
    }

    fn render(&self, view: FieldView, out: &mut LineWriter, buf: &mut Buffer) -> Option<Position> {
        let count = match &view.field.kind {
            FieldKind::Sessions {
                count, count_from, ..
            } => count_from
                .as_ref()
                .and_then(|f| view.facts.answers.get(f)?.trim().parse::<u8>().ok())
                .unwrap_or(*count),
            _ => 0,
        };
        let chosen: Vec<&str> = view
            .form
            .answers
            .get(&view.field.id)
            .map(|v| several_sessions(v))
            .unwrap_or_default();
        let label = format!(
            "{}（选{count}个，已选{}个，Space 选择或取消）",
            view.field.label,
            chosen.len()
        );
        draw_options(&view, &label, &view.field.id, &chosen, out, buf);
        None
    }

    fn check(
        &self,
        field: &Field,
        form: &FieldForm,
        facts: &Facts,
    ) -> Result<Option<String>, String> {
        match accept(
            field,
            form.answers.get(&field.id).map(String::as_str),
            facts,
        ) {
            Ok(()) => Ok(None),
            Err(Unaccepted::Missing) => Err(format!(
                "{}：请用 Up/Down 移动，按 Space 选择场次",
                field.label
            )),
            Err(other) => Err(other.sentence(&field.label)),
        }
    }

    fn shown(&self, _: &Field, value: &str, ctx: &Ctx, _: &Facts) -> String {
        let start = ctx.clock.started_at.date();
        several_sessions(value)
            .into_iter()
            .map(|id| {
                ctx.resources
                    .sessions
                    .get(id, start)
                    .map_or(id.to_string(), |s| s.place_and_time(start))
            })
            .collect::<Vec<_>>()
            .join("；")
    }
}
