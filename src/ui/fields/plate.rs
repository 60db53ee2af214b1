//! `Text(Plate | PlateOrFilingCode)`: a plate typed after its province abbreviation, which
//! Up/Down choose as 12123's plate keyboard does (a kiosk keyboard types no Chinese); the rest
//! is typed. A 备案码 is typed whole.

use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use tui_input::Input;

use super::widgets::{Typed, text_input};
use super::{FieldView, FieldWidget};
use crate::domain::plate::{PROVINCE_ABBREVIATIONS, province_abbreviation};
use crate::engine::facts::Facts;
use crate::engine::fields::LINE_CHARS;
use crate::flow::process::Field;
use crate::ui::Ctx;
use crate::ui::fields::form::FieldForm;
use crate::ui::keys::Cmd;
use crate::ui::widgets::{LineWriter, MUTED};

pub(super) static PLATE: PlateTyped = PlateTyped;

/// The checks and the shown value are a typed line's.
static LINE: Typed = Typed {
    limit: LINE_CHARS,
    shown: |_, value, _, _| value.to_string(),
};

pub(super) struct PlateTyped;

impl FieldWidget for PlateTyped {
    /// Up/Down put the previous or next province abbreviation first: in place of the one
    /// typed, or before what was typed; the applicant's own province comes first.
    fn handle(&self, field: &Field, form: &mut FieldForm, cmd: Cmd, facts: &Facts) -> bool {
        let step: isize = match cmd {
            Cmd::Up => -1,
            Cmd::Down => 1,
            _ => return false,
        };
        let typed = form.typed(&field.id);
        let first = typed.chars().next();
        let current = first.and_then(|c| PROVINCE_ABBREVIATIONS.iter().position(|p| *p == c));
        let rest: String = match current {
            Some(_) => typed.chars().skip(1).collect(),
            None => typed,
        };
        let count = PROVINCE_ABBREVIATIONS.len() as isize;
        let next = match current {
            Some(i) => (i as isize + step).rem_euclid(count) as usize,
            None => province_abbreviation(&facts.profile.address.province)
                .and_then(|own| PROVINCE_ABBREVIATIONS.iter().position(|p| *p == own))
                .unwrap_or(0),
        };
        let value = format!("{}{rest}", PROVINCE_ABBREVIATIONS[next]);
        form.inputs.insert(field.id.clone(), Input::new(value));
        form.errors.remove(&field.id);
        true
    }

    fn render(&self, view: FieldView, out: &mut LineWriter, buf: &mut Buffer) -> Option<Position> {
        out.line(buf, &view.field.label, view.label_style);
        let cursor = text_input(out, buf, view.form.inputs.get(&view.field.id), view.focused);
        if view.focused {
            out.line(buf, "  Up/Down 选择省份简称，再输入其余字母和数字", MUTED);
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
        Some(LINE_CHARS)
    }
}
