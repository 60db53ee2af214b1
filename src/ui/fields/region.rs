//! `Region(levels)`: province, then city, then district, each level a list: Enter takes the
//! highlighted level and opens the next, Esc goes back up one; the answer is written once the
//! last level is chosen, and shown as one place name (a municipality named once).

use ratatui::buffer::Buffer;
use ratatui::layout::Position;

use super::form::FieldForm;
use super::widgets::draw_options;
use super::{FieldView, FieldWidget, options};
use crate::domain::address::City;
use crate::domain::address::Region as Place;
use crate::engine::facts::Facts;
use crate::engine::fields::{REGION_LEVELS, accept, region_levels, region_path};
use crate::flow::process::Field;
use crate::ui::Ctx;
use crate::ui::keys::Cmd;
use crate::ui::widgets::LineWriter;

pub(super) struct Region;
pub(super) static REGION: Region = Region;

/// Where the highlighted entry of the level being chosen is kept.
fn pick_key(field: &Field) -> String {
    format!("{}#pick", field.id)
}

fn path_key(field: &Field) -> String {
    format!("{}#path", field.id)
}

impl Region {
    /// Enter: the highlighted entry becomes the level's choice; true while levels remain.
    fn take_level(field: &Field, form: &mut FieldForm, facts: &Facts) -> bool {
        let values: Vec<String> = options(field, facts)
            .into_iter()
            .map(|(v, _, _)| v)
            .collect();
        let pick = pick_key(field);
        if !form.answers.contains_key(&pick) && !form.answers.contains_key(&field.id) {
            form.move_list(&pick, &values, 0);
        }
        let Some(chosen) = form.answers.remove(&pick) else {
            return false;
        };
        form.lists.remove(&pick);
        let mut path = region_path(field, &form.answers);
        let levels = region_levels(field);
        path.truncate(levels - 1);
        path.push(chosen);
        if path.len() < levels {
            form.answers.remove(&field.id);
            form.answers.insert(path_key(field), path.join("/"));
            return true;
        }
        form.answers.remove(&path_key(field));
        form.answers.insert(field.id.clone(), path.join("/"));
        false
    }

    /// Esc with something chosen goes up one level; false when there is nothing to undo.
    fn pop_level(field: &Field, form: &mut FieldForm) -> bool {
        let mut path = region_path(field, &form.answers);
        let was_done = form.answers.remove(&field.id).is_some();
        if !was_done && path.pop().is_none() {
            return false;
        }
        form.answers.remove(&pick_key(field));
        form.lists.remove(&pick_key(field));
        form.answers.insert(path_key(field), path.join("/"));
        true
    }
}

impl FieldWidget for Region {
    fn handle(&self, field: &Field, form: &mut FieldForm, cmd: Cmd, facts: &Facts) -> bool {
        let values = || -> Vec<String> {
            options(field, facts)
                .into_iter()
                .map(|(v, _, _)| v)
                .collect()
        };
        match cmd {
            Cmd::Up => form.move_list(&pick_key(field), &values(), -1),
            Cmd::Down => form.move_list(&pick_key(field), &values(), 1),
            Cmd::Pick(row) => form.pick(&pick_key(field), &values(), row),
            Cmd::Open => return Region::take_level(field, form, facts),
            Cmd::Back => return Region::pop_level(field, form),
            _ => return false,
        }
        true
    }

    fn render(&self, view: FieldView, out: &mut LineWriter, buf: &mut Buffer) -> Option<Position> {
        let (field, form) = (view.field, view.form);
        let done: Option<Vec<String>> = form
            .answers
            .get(&field.id)
            .map(|v| v.split('/').map(str::to_string).collect());
        let trail = match &done {
            Some(levels) => levels.join(" > "),
            None => {
                let mut steps = region_path(field, &form.answers);
                let level = REGION_LEVELS.get(steps.len()).copied().unwrap_or_default();
                steps.push(format!("请选择{level}"));
                steps.join(" > ")
            }
        };
        let label = format!("{}  {trail}", field.label);
        let last = done.and_then(|levels| levels.last().cloned());
        let chosen = form.answers.get(&pick_key(field)).or(last.as_ref());
        draw_options(
            &view,
            &label,
            &pick_key(field),
            chosen.map(String::as_str).as_slice(),
            out,
            buf,
        );
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
            Err(_) => Err(format!(
                "{}：请依次选择{}，每级按 Enter 确定",
                field.label,
                REGION_LEVELS[..region_levels(field)].join("、")
            )),
        }
    }

    fn shown(&self, _: &Field, value: &str, _: &Ctx, _: &Facts) -> String {
        Place::parse(value)
            .map(|r| r.label())
            .or_else(|| City::parse(value).map(|c| c.label()))
            .unwrap_or_else(|| value.to_string())
    }
}
