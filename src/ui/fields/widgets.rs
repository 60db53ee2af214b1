//! The three ways a field is drawn, whatever its kind: a list to choose from (a choice, a
//! region level, a photo, a session, a plate, a payment, the subject), a box to tick, and a
//! line to type in with the real cursor on its caret.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Style};
use tui_input::Input;

use crossterm::event::KeyCode::{self, BackTab, Down, Tab, Up};
use ratatui::style::Modifier;

use super::form::FieldForm;
use super::{Choice, FieldView, FieldWidget, options};
use crate::engine::facts::Facts;
use crate::engine::fields::{Unaccepted, accept, check_typed};
use crate::flow::process::Field;
use crate::ui::Ctx;
use crate::ui::keys::{Binding, Cmd, KeyPattern};
use crate::ui::widgets::{LineWriter, Row, SelectList, WARN, put, wrap};

/// The label of the field that has the focus.
pub const FOCUSED_LABEL: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);

/// The keys every page of fields takes (the wizard's, a task's), before its own Enter and Esc.
pub const FIELD_BINDINGS: [Binding; 6] = [
    Binding {
        keys: &[KeyPattern::Plain(Tab)],
        cmd: Cmd::NextFocus,
        hint: "下一项",
        help: "移到下一个填写项",
    },
    Binding {
        keys: &[KeyPattern::Plain(BackTab)],
        cmd: Cmd::PrevFocus,
        hint: "",
        help: "移到上一个填写项",
    },
    Binding {
        keys: &[KeyPattern::Plain(Up)],
        cmd: Cmd::Up,
        hint: "",
        help: "在选项中上移",
    },
    Binding {
        keys: &[KeyPattern::Plain(Down)],
        cmd: Cmd::Down,
        hint: "",
        help: "在选项中下移",
    },
    Binding {
        keys: &[KeyPattern::Digit],
        cmd: Cmd::Pick(0),
        hint: "",
        help: "在选项中按序号直接选择第几项",
    },
    Binding {
        keys: &[KeyPattern::Plain(KeyCode::Char(' '))],
        cmd: Cmd::Toggle,
        hint: "勾选",
        help: "勾选或取消勾选（我已阅读并同意等）",
    },
];

/// Rows a list field shows at most.
pub const LIST_ROWS: u16 = 7;

const FIELD: Style = Style::new().fg(Color::Black).bg(Color::Gray);

/// A list field as drawn: its label, its entries, the ones chosen (one, or several for a
/// multiple choice), whether it has the focus.
pub struct ListView<'a> {
    pub label: &'a str,
    pub label_style: Style,
    pub items: &'a [Choice],
    pub chosen: &'a [&'a str],
    pub focused: bool,
}

impl ListView<'_> {
    /// Draws the list with `list`'s scroll, the chosen entry marked 已选 and a disabled one's
    /// reason beside it (in full under the list when it is highlighted).
    pub fn render(&self, mut list: SelectList, out: &mut LineWriter, buf: &mut Buffer) {
        out.line(buf, self.label, self.label_style);
        if self.items.is_empty() {
            out.line(buf, "没有可选的项目", WARN);
        }
        let items = self.items;
        if let [one] = self.chosen
            && let Some(index) = items.iter().position(|(value, _, _)| value == one)
        {
            list.select(index, items.len(), LIST_ROWS);
        }
        let notes: Vec<String> = items
            .iter()
            .map(
                |(value, _, reason)| match (reason, self.chosen.contains(&value.as_str())) {
                    (Some(reason), _) => format!("不可选：{reason}"),
                    (None, true) => "已选".to_string(),
                    (None, false) => String::new(),
                },
            )
            .collect();
        let rows: Vec<Row> = items
            .iter()
            .zip(&notes)
            .map(|((_, label, reason), note)| Row {
                label,
                note,
                enabled: reason.is_none(),
            })
            .collect();
        let height = u16::try_from(rows.len())
            .unwrap_or(LIST_ROWS)
            .clamp(1, LIST_ROWS);
        let area = Rect::new(
            out.x,
            out.y,
            out.width,
            height.min(out.bottom.saturating_sub(out.y)),
        );
        if !self.chosen.is_empty() || self.focused {
            list.render(&rows, area, buf);
        } else {
            SelectList {
                selected: usize::MAX,
                offset: 0,
            }
            .render(&rows, area, buf);
        }
        out.y += area.height;
        if let Some((_, _, Some(reason))) = items.get(list.selected).filter(|_| self.focused) {
            for line in wrap(&format!("不可选：{reason}"), out.width) {
                out.line(buf, &line, WARN);
            }
        }
    }
}

/// `[x] label` or `[ ] label`.
pub fn checkbox(out: &mut LineWriter, buf: &mut Buffer, label: &str, ticked: bool, style: Style) {
    let mark = if ticked { "x" } else { " " };
    out.line(buf, &format!("[{mark}] {label}"), style);
}

/// The typed value on a grey line, scrolled to keep the caret in view; returns where the
/// terminal cursor goes when the field has the focus.
pub fn text_input(
    out: &mut LineWriter,
    buf: &mut Buffer,
    input: Option<&Input>,
    focused: bool,
) -> Option<Position> {
    if out.y >= out.bottom {
        return None;
    }
    let field = Rect::new(out.x + 2, out.y, out.width.saturating_sub(2).min(40), 1);
    buf.set_style(field, FIELD);
    let value = input.map(|i| i.value()).unwrap_or("");
    let scroll = input.map_or(0, |i| {
        i.visual_scroll(usize::from(field.width.saturating_sub(1)))
    });
    put(
        buf,
        field.x,
        field.y,
        &skip_columns(value, scroll),
        field.width,
        FIELD,
    );
    out.y += 1;
    focused.then(|| {
        let caret = input
            .map_or(0, |i| i.visual_cursor())
            .saturating_sub(scroll);
        Position::new(
            field.x
                + u16::try_from(caret)
                    .unwrap_or(0)
                    .min(field.width.saturating_sub(1)),
            field.y,
        )
    })
}

/// The text after its first `columns` display columns (for a scrolled field).
fn skip_columns(text: &str, columns: usize) -> String {
    let mut skipped = 0;
    text.chars()
        .skip_while(|c| {
            let skip = skipped < columns;
            skipped += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            skip
        })
        .collect()
}

/// The keys a list kind takes (a choice, a photo, a session, a plate, a payment): Up/Down and
/// a digit choose, Enter takes the highlighted row when nothing is chosen, as a tap would.
fn list_handle(field: &Field, form: &mut FieldForm, cmd: Cmd, facts: &Facts) -> bool {
    let values: Vec<String> = options(field, facts)
        .into_iter()
        .map(|(v, _, _)| v)
        .collect();
    match cmd {
        Cmd::Up => form.move_list(&field.id, &values, -1),
        Cmd::Down => form.move_list(&field.id, &values, 1),
        Cmd::Pick(row) => form.pick(&field.id, &values, row),
        Cmd::Open if !form.answers.contains_key(&field.id) => {
            form.move_list(&field.id, &values, 0);
            return false;
        }
        _ => return false,
    }
    true
}

/// A list kind drawn with its options.
fn list_render(view: FieldView, out: &mut LineWriter, buf: &mut Buffer) -> Option<Position> {
    let chosen = view.form.answers.get(&view.field.id).map(String::as_str);
    draw_options(
        &view,
        &view.field.label,
        &view.field.id,
        chosen.as_slice(),
        out,
        buf,
    );
    None
}

/// The field's options as a list under `label`, scrolled as the list kept at `key` is, with
/// `chosen` marked.
pub fn draw_options(
    view: &FieldView,
    label: &str,
    key: &str,
    chosen: &[&str],
    out: &mut LineWriter,
    buf: &mut Buffer,
) {
    let items = options(view.field, view.facts);
    ListView {
        label,
        label_style: view.label_style,
        items: &items,
        chosen,
        focused: view.focused,
    }
    .render(
        view.form.lists.get(key).cloned().unwrap_or_default(),
        out,
        buf,
    );
}

/// A list kind checked by the engine's rule, in the screen's words.
fn list_check(field: &Field, form: &FieldForm, facts: &Facts) -> Result<Option<String>, String> {
    match accept(
        field,
        form.answers.get(&field.id).map(String::as_str),
        facts,
    ) {
        Ok(()) => Ok(None),
        Err(Unaccepted::Missing | Unaccepted::NotOffered(_)) => {
            Err(format!("{}：请用 Up/Down 选择一项", field.label))
        }
        Err(other) => Err(other.sentence(&field.label)),
    }
}

/// A list kind's answer shown as its option's label.
pub fn list_shown(field: &Field, value: &str, facts: &Facts) -> String {
    options(field, facts)
        .into_iter()
        .find(|(v, _, _)| v == value)
        .map_or(value.to_string(), |(_, label, _)| label)
}

/// How a kind shows an answer.
pub type Shown = fn(&Field, &str, &Ctx, &Facts) -> String;

/// A kind answered by choosing from its options, with its own way of showing the answer.
pub struct Listed {
    pub shown: Shown,
}

impl FieldWidget for Listed {
    fn handle(&self, field: &Field, form: &mut FieldForm, cmd: Cmd, facts: &Facts) -> bool {
        list_handle(field, form, cmd, facts)
    }

    fn render(&self, view: FieldView, out: &mut LineWriter, buf: &mut Buffer) -> Option<Position> {
        list_render(view, out, buf)
    }

    fn check(
        &self,
        field: &Field,
        form: &FieldForm,
        facts: &Facts,
    ) -> Result<Option<String>, String> {
        list_check(field, form, facts)
    }

    fn shown(&self, field: &Field, value: &str, ctx: &Ctx, facts: &Facts) -> String {
        (self.shown)(field, value, ctx, facts)
    }
}

/// A kind typed on one line of at most `limit` characters.
pub struct Typed {
    pub limit: usize,
    pub shown: Shown,
}

impl FieldWidget for Typed {
    fn handle(&self, _: &Field, _: &mut FieldForm, _: Cmd, _: &Facts) -> bool {
        false
    }

    fn render(&self, view: FieldView, out: &mut LineWriter, buf: &mut Buffer) -> Option<Position> {
        out.line(buf, &view.field.label, view.label_style);
        text_input(out, buf, view.form.inputs.get(&view.field.id), view.focused)
    }

    fn check(
        &self,
        field: &Field,
        form: &FieldForm,
        facts: &Facts,
    ) -> Result<Option<String>, String> {
        let typed = form.typed(&field.id);
        check_typed(field, &typed, facts)
            .unwrap_or(Ok(typed))
            .map(Some)
            .map_err(|rule| format!("{}：{rule}", field.label))
    }

    fn shown(&self, field: &Field, value: &str, ctx: &Ctx, facts: &Facts) -> String {
        (self.shown)(field, value, ctx, facts)
    }

    fn typed_limit(&self) -> Option<usize> {
        Some(self.limit)
    }
}
