//! `UserTask(fields, days)`: waits for the user (a replacement photo, a confirmation); `Done`
//! when the task's answers come, checked as its fields accept; `Expired` after `days` natural
//! days. A study stage completes through the same command once its minutes are studied
//! (提交学习).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Flow, StageEvent};
use crate::domain::rules::vehicle;
use crate::engine::application::{Actor, Record, State};
use crate::engine::fields::{check_fields, composed_plate_available, draw_plates, plate_draws};
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::{Field, FieldKind, Signal, StageKind};

/// What a task logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskEvent {
    /// The user finished the task, adding or replacing answers.
    Done { answers: BTreeMap<String, String> },
}

pub(super) fn fold(state: &mut State, event: &TaskEvent) {
    match event {
        TaskEvent::Done { answers } => state
            .answers
            .extend(answers.iter().map(|(k, v)| (k.clone(), v.clone()))),
    }
}

pub(in crate::engine) fn complete(
    log: &mut Log,
    answers: &BTreeMap<String, String>,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    match log.current().map(|s| s.kind.clone()) {
        Some(kind @ StageKind::Study { .. }) => match kind.study_terms() {
            Some(terms) => super::study::submit(log, &terms, now),
            None => Err(Refused("当前不在课件学习阶段".into())),
        },
        Some(StageKind::EducationDays { .. }) => super::education_days::submit(log, now),
        Some(StageKind::UserTask { fields, .. }) => {
            // The task's own answers over the application's others, which its fields may
            // read (the vehicle a composed number is for, the city a session is chosen in).
            let mut own: BTreeMap<String, String> = log
                .state
                .answers
                .iter()
                .filter(|(k, _)| !fields.iter().any(|f| f.id == **k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            own.extend(answers.iter().map(|(k, v)| (k.clone(), v.clone())));
            check_fields(&fields, &log.facts_over(&own)).map_err(Refused)?;
            if composed_refused(log, &fields, answers, now)? {
                return Ok(());
            }
            let answers = answers.clone();
            log.push_stage(
                now,
                Actor::User,
                StageEvent::Task(TaskEvent::Done { answers }),
            );
            log.signal(now, Actor::User, Signal::Done, None)
        }
        _ => Err(Refused("当前没有需要您办理的事项".into())),
    }
}

/// 自编自选: a composed number handed in is recorded; one found taken counts against the
/// field's tries, and the last try used up voids the attempt. True when the task is not done.
fn composed_refused(
    log: &mut Log,
    fields: &[Field],
    answers: &BTreeMap<String, String>,
    now: NaiveDateTime,
) -> Result<bool, Refused> {
    for field in fields {
        let FieldKind::ComposedPlate { tries } = field.kind else {
            continue;
        };
        let Some(value) = answers.get(&field.id) else {
            continue;
        };
        let refused = composed_plate_available(value, &log.facts()).err();
        let record = Record::Composed {
            field: field.id.clone(),
            value: value.clone(),
            refused: refused.clone(),
        };
        log.record(now, Actor::User, record);
        let Some(reason) = refused else {
            continue;
        };
        let used = log
            .state
            .records
            .iter()
            .filter(|r| matches!(r, Record::Composed { field: f, refused: Some(_), .. } if *f == field.id))
            .count();
        if used >= usize::from(tries) {
            let title = log.current().map(|s| s.title.clone()).unwrap_or_default();
            let reason = format!(
                "{reason}；{}已{used}次不可用，本次「{title}」作废",
                field.label
            );
            log.signal(now, Actor::System, Signal::Expired, Some(reason))?;
        }
        return Ok(true);
    }
    Ok(false)
}

/// The deadline on entry: `seconds` on the simulated clock when the task is timed, else
/// `working_days` working days when set, else `days` natural days.
pub(super) fn due(
    log: &Log,
    at: NaiveDateTime,
    days: u32,
    seconds: u32,
    working_days: u32,
) -> Option<NaiveDateTime> {
    if seconds > 0 {
        Some(at + chrono::Duration::seconds(i64::from(seconds)))
    } else if working_days > 0 {
        super::wait::due_working(log, at, working_days)
    } else {
        super::wait::due(log, at, days)
    }
}

/// The deadline passed with the task not done: `Expired`, saying which task and how long it
/// had.
pub(super) fn advance(
    log: &mut Log,
    days: u32,
    seconds: u32,
    working_days: u32,
    now: NaiveDateTime,
) -> Result<Flow, Refused> {
    let Some(due) = log.state.due.filter(|due| *due <= now) else {
        return Ok(Flow::Waits);
    };
    let title = log.current().map(|s| s.title.clone()).unwrap_or_default();
    let reason = if seconds > 0 {
        format!("未在{seconds}秒内完成「{title}」，本次已作废")
    } else if working_days > 0 {
        format!("未在{working_days}个工作日内完成「{title}」，已逾期")
    } else {
        format!("未在{days}日内完成「{title}」，已逾期")
    };
    log.signal(due, Actor::System, Signal::Expired, Some(reason))?;
    Ok(Flow::Moved)
}

/// On entry, the engine draws what the task's fields offer: plate candidates for the vehicle's
/// own office, recorded so the list stays the same.
pub(super) fn entered(log: &mut Log, fields: &[Field], at: NaiveDateTime) -> Result<(), Refused> {
    for field in fields {
        draw(log, field, at)?;
    }
    Ok(())
}

/// Draws a field's candidates (none for a field that offers no drawn values).
fn draw(log: &mut Log, field: &Field, at: NaiveDateTime) -> Result<(), Refused> {
    if !matches!(field.kind, FieldKind::PlateNumber { .. }) {
        return Ok(());
    }
    let facts = log.facts();
    let car = facts.chosen_vehicle().map_err(Refused)?;
    let office = vehicle::drawing_office(car).map_err(Refused)?;
    let mut rng = log.rng();
    let record = draw_plates(field, car, &office, &facts, |n| rng.below(n));
    if let Some(record) = record {
        log.record(at, Actor::System, record);
    }
    Ok(())
}

/// 换一批: the task's candidates of `field` drawn again, while rerolls are left.
pub(in crate::engine) fn redraw(
    log: &mut Log,
    field_id: &str,
    now: NaiveDateTime,
) -> Result<(), Refused> {
    let Some(StageKind::UserTask { fields, .. }) = log.current().map(|s| s.kind.clone()) else {
        return Err(Refused("当前没有需要您办理的事项".into()));
    };
    let Some(field) = fields.iter().find(|f| f.id == field_id) else {
        return Err(Refused("当前没有可以换一批的号码".into()));
    };
    let FieldKind::PlateNumber { rerolls, .. } = field.kind else {
        return Err(Refused("当前没有可以换一批的号码".into()));
    };
    if plate_draws(field, &log.facts()) > usize::from(rerolls) {
        return Err(Refused(format!(
            "{}：已换过{rerolls}批，不能再换",
            field.label
        )));
    }
    draw(log, field, now)
}
