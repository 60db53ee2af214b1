//! `UserTask(task)`: waits for the user (a replacement photo, a confirmation); `Done` when the
//! task's answers come. A study stage completes through the same command once its minutes
//! are studied (提交学习).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::engine::application::{Actor, EventKind};
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::{Signal, StageKind};

pub(in crate::engine) fn complete(
    log: &mut Log,
    answers: &BTreeMap<String, String>,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    match log.current().map(|s| s.kind.clone()) {
        Some(StageKind::Study { minutes, .. }) => super::study::submit(log, minutes, now),
        Some(StageKind::UserTask { fields }) => {
            if let Some(field) = fields
                .iter()
                .find(|f| answers.get(&f.id).is_none_or(|v| v.trim().is_empty()))
            {
                return Err(Refused(format!("{}：请填写或选择", field.label)));
            }
            let stage = log.state.stage.clone().unwrap_or_default();
            log.push(
                now,
                Actor::User,
                EventKind::TaskDone {
                    stage,
                    answers: answers.clone(),
                },
            );
            log.signal(now, Actor::User, Signal::Done, None)
        }
        _ => Err(Refused("当前没有需要您办理的事项".into())),
    }
}
