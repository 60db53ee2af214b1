//! `UserTask`: its page of fields, or with none a confirmation; the button says the stage's
//! title.

use std::collections::BTreeMap;

use super::OpenStep;
use crate::engine::step::Command;
use crate::flow::process::Field;
use crate::ui::route::Route;

pub(super) fn open_step(fields: &[Field], title: &str, number: String) -> OpenStep {
    if fields.is_empty() {
        OpenStep::act(
            title,
            Command::CompleteTask {
                answers: BTreeMap::new(),
            },
        )
    } else {
        OpenStep::page(title, Route::Task(number))
    }
}
