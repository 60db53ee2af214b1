//! `UserTask`: a replacement photo (its own page) or a confirmation (提交减分申请).

use std::collections::BTreeMap;

use super::OpenStep;
use crate::engine::step::Command;
use crate::flow::process::Task;
use crate::ui::route::Route;

pub(super) fn open_step(task: &Task, number: String) -> OpenStep {
    match task {
        Task::ReplacePhoto => OpenStep::page("重新提交照片", Route::PhotoTask(number)),
        Task::ApplyReduction => OpenStep::act(
            "提交减分申请",
            Command::CompleteTask {
                answers: BTreeMap::new(),
            },
        ),
    }
}
