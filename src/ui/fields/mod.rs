//! Field kinds as widgets: each kind's file implements `FieldWidget` (the keys it takes, how it
//! is drawn with the cursor on its caret, how it is checked when the page is left, how its
//! answer is shown). What a kind offers and accepts is the engine's (`engine/fields`), read
//! through the facts, so the screen and 提交 agree. The wizard and the task pages only sequence
//! pages and focus; `widget` is the one `match` over kinds, one line per kind.

mod composed_plate;
mod date;
mod declaration;
mod derived;
pub mod form;
mod list;
mod number;
mod plate;
mod region;
mod session;
mod sessions;
mod text;
pub mod widgets;

use std::collections::BTreeMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Position;

use super::Ctx;
use super::keys::Cmd;
use super::widgets::{LineWriter, MUTED, WARN, wrap};
use crate::engine::application::Record;
use crate::engine::facts::{Facts, applications_of};
pub use crate::engine::fields::{Choice, options};
use crate::flow::process::{Field, FieldKind, Validator};
use form::FieldForm;

/// A field kind on screen.
pub trait FieldWidget: Sync {
    /// A command while the field has the focus; true when the field used it (Enter taking a
    /// region's level, Esc going up one), so the page does not act on it too.
    fn handle(&self, field: &Field, form: &mut FieldForm, cmd: Cmd, facts: &Facts) -> bool;

    /// Draws the field's body under its label; returns where the terminal cursor goes.
    fn render(&self, view: FieldView, out: &mut LineWriter, buf: &mut Buffer) -> Option<Position>;

    /// Checks the field as the page is left: the normalised answer to keep, or the message
    /// (naming the field and the rule).
    fn check(
        &self,
        field: &Field,
        form: &FieldForm,
        facts: &Facts,
    ) -> Result<Option<String>, String>;

    /// How an answer is shown on 确认信息 and 网办进度: personal data masked, codes as labels.
    fn shown(&self, field: &Field, value: &str, ctx: &Ctx, facts: &Facts) -> String;

    /// Whether typed keys go to the field (and how many characters it takes).
    fn typed_limit(&self) -> Option<usize> {
        None
    }
}

/// A field being drawn.
pub struct FieldView<'a> {
    pub field: &'a Field,
    pub form: &'a FieldForm,
    pub focused: bool,
    pub facts: &'a Facts<'a>,
    pub label_style: ratatui::style::Style,
}

/// The widget of a kind.
pub fn widget(kind: &FieldKind) -> &'static dyn FieldWidget {
    match kind {
        FieldKind::Text {
            validator: Validator::Plate | Validator::PlateOrFilingCode,
        } => &plate::PLATE,
        FieldKind::Text { .. } => &text::TEXT,
        FieldKind::Date { .. } => &date::DATE,
        FieldKind::Choice { .. } => &list::LIST,
        FieldKind::Region { .. } => &region::REGION,
        FieldKind::Photo => &list::LIST,
        FieldKind::Declaration { .. } => &declaration::DECLARATION,
        FieldKind::Session { .. } => &session::SESSION,
        FieldKind::Sessions { .. } => &sessions::SESSIONS,
        FieldKind::PlateNumber { .. } => &list::LIST,
        FieldKind::ComposedPlate { .. } => &composed_plate::COMPOSED,
        FieldKind::Payment { .. } => &list::LIST,
        FieldKind::Number { .. } => &number::NUMBER,
        FieldKind::Derived { .. } => &derived::DERIVED,
        FieldKind::Attachment { .. } | FieldKind::ServicePoint { .. } => &list::LIST,
    }
}

/// Draws a field whole: its widget, its help and the message next to it.
pub fn render_field(view: FieldView, out: &mut LineWriter, buf: &mut Buffer) -> Option<Position> {
    let field = view.field;
    let error = view.form.errors.get(&field.id).cloned();
    let cursor = widget(&field.kind).render(view, out, buf);
    if !field.help.is_empty() {
        for line in wrap(&field.help, out.width) {
            out.line(buf, &line, MUTED);
        }
    }
    if let Some(error) = error {
        out.line(buf, &error, WARN);
    }
    out.gap();
    cursor
}

/// How an answer is shown (`FieldWidget::shown`).
pub fn shown(field: &Field, value: &str, ctx: &Ctx, facts: &Facts) -> String {
    widget(&field.kind).shown(field, value, ctx, facts)
}

/// The facts a field, a page's condition or the precheck reads on a screen: before 提交 (no
/// records), or on a task page of an application (its records).
pub fn facts<'a>(
    ctx: &'a Ctx,
    answers: &'a BTreeMap<String, String>,
    records: &'a [Record],
) -> Facts<'a> {
    Facts {
        profile: ctx.profile,
        today: ctx.clock.today(),
        answers,
        records,
        resources: ctx.resources,
        clock_start: ctx.clock.started_at.date(),
        seats_taken: ctx.seats_taken,
        numbers_held: ctx.numbers_held,
        applications: applications_of(ctx.applications, &ctx.profile.id, ctx.catalog),
        accounts: ctx.accounts,
    }
}
