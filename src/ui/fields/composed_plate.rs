//! `ComposedPlate`: 自编自选 typed after the office's code, with the verdict of the rules shown
//! under it as it is typed (GA 36, the series, the open patterns); whether the number is free
//! is the engine's to say when it is handed in.

use ratatui::buffer::Buffer;
use ratatui::layout::Position;

use super::widgets::{Typed, text_input};
use super::{FieldView, FieldWidget};
use crate::domain::rules::vehicle;
use crate::engine::facts::Facts;
use crate::engine::fields::check_typed;
use crate::flow::process::Field;
use crate::ui::Ctx;
use crate::ui::fields::form::FieldForm;
use crate::ui::keys::Cmd;
use crate::ui::widgets::{LineWriter, MUTED, OK, WARN};

pub(super) static COMPOSED: ComposedTyped = ComposedTyped;

/// The checks and the shown value are a typed line's.
static LINE: Typed = Typed {
    limit: 8,
    shown: |_, value, _, _| value.to_string(),
};

pub(super) struct ComposedTyped;

impl FieldWidget for ComposedTyped {
    fn handle(&self, _: &Field, _: &mut FieldForm, _: Cmd, _: &Facts) -> bool {
        false
    }

    fn render(&self, view: FieldView, out: &mut LineWriter, buf: &mut Buffer) -> Option<Position> {
        out.line(buf, &view.field.label, view.label_style);
        if let Ok(office) = view
            .facts
            .chosen_vehicle()
            .and_then(vehicle::drawing_office)
        {
            out.line(
                buf,
                &format!("  发牌机关 {office}，输入其后的号码（字母不含 I、O）"),
                MUTED,
            );
        }
        let cursor = text_input(out, buf, view.form.inputs.get(&view.field.id), view.focused);
        let typed = view.form.typed(&view.field.id);
        if !typed.trim().is_empty() {
            match check_typed(view.field, &typed, view.facts) {
                Some(Ok(full)) => out.line(buf, &format!("  {full} 符合编排规则"), OK),
                Some(Err(rule)) => out.line(buf, &format!("  {rule}"), WARN),
                None => {}
            }
        }
        cursor
    }

    fn check(
        &self,
        field: &Field,
        form: &FieldForm,
        facts: &Facts,
    ) -> Result<Option<String>, String> {
        LINE.check(field, form, facts)
    }

    fn shown(&self, field: &Field, value: &str, ctx: &Ctx, facts: &Facts) -> String {
        LINE.shown(field, value, ctx, facts)
    }

    fn typed_limit(&self) -> Option<usize> {
        Some(10)
    }
}
