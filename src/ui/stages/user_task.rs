//! `UserTask`: a replacement photo (its own page) or a confirmation, the button named by the
//! stage's title.

use std::collections::BTreeMap;

use super::OpenStep;
use crate::engine::step::Command;
use crate::flow::process::Task;
use crate::ui::route::Route;

pub(super) fn open_step(task: &Task, title: &str, number: String) -> OpenStep {
    match task {
        Task::ReplacePhoto => OpenStep::page(title, Route::PhotoTask(number)),
        Task::Confirm => OpenStep::act(
            title,
            Command::CompleteTask {
                answers: BTreeMap::new(),
            },
        ),
    }
}
