//! What a page of fields holds while it is filled in, on the wizard and on a task page alike:
//! the answers, the typed lines, each list's scroll, the message next to each field.

use std::collections::BTreeMap;

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;
use tui_input::{Input, InputRequest};

use super::widgets::LIST_ROWS;
use crate::ui::widgets::SelectList;

#[derive(Debug, Clone, Default)]
pub struct FieldForm {
    pub answers: BTreeMap<String, String>,
    pub inputs: BTreeMap<String, Input>,
    pub lists: BTreeMap<String, SelectList>,
    pub errors: BTreeMap<String, String>,
}

impl FieldForm {
    /// A form with these answers, each typed line holding its answer.
    pub fn with_answers(answers: BTreeMap<String, String>) -> FieldForm {
        let inputs = answers
            .iter()
            .map(|(k, v)| (k.clone(), Input::new(v.clone())))
            .collect();
        FieldForm {
            answers,
            inputs,
            ..FieldForm::default()
        }
    }

    /// Moves the highlighted row of the list kept at `key` by `delta` (from the first row when
    /// nothing is chosen yet, as the list shows it highlighted) and chooses that row.
    pub fn move_list(&mut self, key: &str, values: &[String], delta: isize) {
        if values.is_empty() {
            return;
        }
        let current = self
            .answers
            .get(key)
            .and_then(|v| values.iter().position(|x| x == v))
            .unwrap_or(0);
        let list = self.lists.entry(key.to_string()).or_default();
        list.select(current, values.len(), LIST_ROWS);
        list.step(delta, values.len(), LIST_ROWS);
        if let Some(value) = values.get(list.selected) {
            self.answers.insert(key.to_string(), value.clone());
            self.errors.remove(key);
        }
    }

    /// Chooses row `row` of the list kept at `key` (a digit picks that row).
    pub fn pick(&mut self, key: &str, values: &[String], row: usize) {
        let Some(value) = values.get(row) else {
            return;
        };
        self.lists
            .entry(key.to_string())
            .or_default()
            .select(row, values.len(), LIST_ROWS);
        self.answers.insert(key.to_string(), value.clone());
        self.errors.remove(key);
    }

    /// Ticks or unticks the box kept at `key`.
    pub fn toggle(&mut self, key: &str) {
        if self.answers.remove(key).is_none() {
            self.answers.insert(key.to_string(), "yes".to_string());
        }
        self.errors.remove(key);
    }

    /// A key typed into the line kept at `key`: a character past `limit` (or one `accept`
    /// refuses) is not taken and `refused` says why.
    pub fn type_key(
        &mut self,
        key: &str,
        event: KeyEvent,
        limit: usize,
        refused: &str,
        accept: impl Fn(char) -> bool,
    ) {
        let input = self.inputs.entry(key.to_string()).or_default();
        if let KeyCode::Char(c) = event.code
            && (!accept(c) || input.value().chars().count() >= limit)
        {
            self.errors.insert(key.to_string(), refused.to_string());
            return;
        }
        if input.handle_event(&Event::Key(event)).is_some() {
            self.errors.remove(key);
        }
    }

    /// Pasted text typed into the line kept at `key`, control characters and characters
    /// `accept` refuses dropped, stopping at `limit` with `refused`.
    pub fn paste(
        &mut self,
        key: &str,
        text: &str,
        limit: usize,
        refused: &str,
        accept: impl Fn(char) -> bool,
    ) {
        let input = self.inputs.entry(key.to_string()).or_default();
        for c in text.chars().filter(|c| !c.is_control() && accept(*c)) {
            if input.value().chars().count() >= limit {
                self.errors.insert(key.to_string(), refused.to_string());
                break;
            }
            input.handle(InputRequest::InsertChar(c));
        }
    }

    /// What is typed in the line kept at `key`.
    pub fn typed(&self, key: &str) -> String {
        self.inputs
            .get(key)
            .map(|i| i.value().to_string())
            .unwrap_or_default()
    }

    /// Keeps a check's outcome: the normalised answer, or the message next to the field.
    pub fn record(&mut self, key: &str, checked: Result<Option<String>, String>) -> bool {
        match checked {
            Ok(normalised) => {
                if let Some(value) = normalised {
                    self.answers.insert(key.to_string(), value);
                }
                self.errors.remove(key);
                true
            }
            Err(message) => {
                self.errors.insert(key.to_string(), message);
                false
            }
        }
    }
}
