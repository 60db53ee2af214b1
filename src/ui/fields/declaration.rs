//! `Declaration(text)`: a box the applicant ticks (Space) to declare what the text says.

use ratatui::buffer::Buffer;
use ratatui::layout::Position;

use super::form::FieldForm;
use super::widgets::checkbox;
use super::{FieldView, FieldWidget};
use crate::engine::facts::Facts;
use crate::flow::process::{Field, FieldKind};
use crate::ui::Ctx;
use crate::ui::keys::Cmd;
use crate::ui::widgets::{LineWriter, MUTED, wrap};

pub(super) struct Declaration;
pub(super) static DECLARATION: Declaration = Declaration;

impl FieldWidget for Declaration {
    fn handle(&self, field: &Field, form: &mut FieldForm, cmd: Cmd, _: &Facts) -> bool {
        if cmd != Cmd::Toggle {
            return false;
        }
        form.toggle(&field.id);
        true
    }

    fn render(&self, view: FieldView, out: &mut LineWriter, buf: &mut Buffer) -> Option<Position> {
        let field = view.field;
        let ticked = view.form.answers.contains_key(&field.id);
        checkbox(out, buf, &field.label, ticked, view.label_style);
        if let FieldKind::Declaration { text } = &field.kind {
            for line in wrap(text, out.width.saturating_sub(4)) {
                out.line(buf, &format!("    {line}"), MUTED);
            }
        }
        None
    }

    fn check(&self, field: &Field, form: &FieldForm, _: &Facts) -> Result<Option<String>, String> {
        if form.answers.contains_key(&field.id) {
            Ok(None)
        } else {
            Err(format!("{}：请按 Space 勾选", field.label))
        }
    }

    fn shown(&self, _: &Field, _: &str, _: &Ctx, _: &Facts) -> String {
        "已同意".to_string()
    }
}
