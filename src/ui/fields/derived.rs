//! `Derived(value)`: a read-only line with the value a named rule works out from the profile
//! and the answers so far (it follows the numbers as they are typed); kept as the answer when
//! the page is left.

use ratatui::buffer::Buffer;
use ratatui::layout::Position;

use super::form::FieldForm;
use super::{FieldView, FieldWidget};
use crate::engine::facts::Facts;
use crate::engine::fields::derived_value;
use crate::flow::process::{Field, FieldKind};
use crate::ui::Ctx;
use crate::ui::keys::Cmd;
use crate::ui::widgets::LineWriter;

pub(super) struct Derived;
pub(super) static DERIVED: Derived = Derived;

/// The value over the form's answers as they stand.
fn current(field: &Field, form: &FieldForm, facts: &Facts) -> Option<u32> {
    let FieldKind::Derived { value } = &field.kind else {
        return None;
    };
    // What is typed but not yet checked counts too, so the value follows the typing.
    let mut answers = facts.answers.clone();
    answers.extend(form.answers.iter().map(|(k, v)| (k.clone(), v.clone())));
    answers.extend(
        form.inputs
            .iter()
            .map(|(k, input)| (k.clone(), input.value().to_string())),
    );
    derived_value(value, facts.profile, facts.today, &answers)
}

impl FieldWidget for Derived {
    fn handle(&self, _: &Field, _: &mut FieldForm, _: Cmd, _: &Facts) -> bool {
        false
    }

    fn render(&self, view: FieldView, out: &mut LineWriter, buf: &mut Buffer) -> Option<Position> {
        let shown = current(view.field, view.form, view.facts).map_or(
            "（填写上面的天数后自动计算）".to_string(),
            |v| format!("{v} 日"),
        );
        out.line(
            buf,
            &format!("{}  {shown}（自动计算，不可修改）", view.field.label),
            view.label_style,
        );
        None
    }

    fn check(
        &self,
        field: &Field,
        form: &FieldForm,
        facts: &Facts,
    ) -> Result<Option<String>, String> {
        current(field, form, facts)
            .map(|v| Some(v.to_string()))
            .ok_or_else(|| format!("{}：无法计算，请先填写前面的天数", field.label))
    }

    fn shown(&self, _: &Field, value: &str, _: &Ctx, _: &Facts) -> String {
        format!("{value} 日")
    }
}
