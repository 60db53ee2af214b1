//! The engine's one entry point: `handle(application, command, now) -> new events`. Pure: it reads
//! the profile, the calendar and the policy it is given, draws from a generator seeded by the
//! application, and returns events; the caller appends and saves them. Replaying the events
//! rebuilds the state exactly (`Application::state`).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::application::{
    APPLICATION_SCHEMA_VERSION, Actor, Application, Event, EventKind, MAX_EVENTS, State,
};
use super::rng::SimRng;
use super::rules::{GuardInput, check, fill};
use crate::domain::calendar::WorkCalendar;
use crate::domain::photo::PhotoAlbum;
use crate::domain::profile::Profile;
use crate::flow::FlowDef;
use crate::flow::process::{Effect, Process, Signal, StageKind};

/// Settings of the simulation that are hints, not facts: from the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Chance in percent that a simulated face check fails.
    pub face_fail_percent: u8,
    /// Police reviews wait for the trainer (F8) instead of deciding at their deadline.
    pub hold_reviews: bool,
    /// A review due "within N working days" is decided at this hour of the N-th working day.
    pub review_hour: u32,
}

/// What the engine may read besides the application.
pub struct World<'a> {
    pub profile: &'a Profile,
    pub photos: &'a PhotoAlbum,
    pub calendar: &'a WorkCalendar,
    pub policy: &'a Policy,
    /// The data folder's seed; each application draws from its own stream of it.
    pub seed: u64,
}

/// What the user or the trainer asks of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// 提交: the wizard's answers.
    Submit { answers: BTreeMap<String, String> },
    /// Fire what has fallen due by `now` (F9, start-up, the clock moving).
    Advance,
    /// The user did the task of the current stage (a replacement photo).
    CompleteTask { answers: BTreeMap<String, String> },
    /// The trainer decides a held police review.
    Decide {
        approve: bool,
        reason: Option<String>,
    },
}

/// A command the application cannot take now, with the reason in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// A new, empty application pinned to the flow's current version.
pub fn create(number: &str, flow: &FlowDef, applicant: &str, now: NaiveDateTime) -> Application {
    Application {
        schema_version: APPLICATION_SCHEMA_VERSION,
        number: number.to_string(),
        flow_id: flow.id.clone(),
        flow_version: flow.version,
        applicant: applicant.to_string(),
        created_at: now,
        events: Vec::new(),
    }
}

/// Events being written by one command.
struct Log<'a> {
    app: &'a Application,
    flow: &'a FlowDef,
    process: &'a Process,
    world: &'a World<'a>,
    command_id: &'a str,
    state: State,
    events: Vec<Event>,
}

impl Log<'_> {
    fn push(&mut self, at: NaiveDateTime, actor: Actor, kind: EventKind) {
        let seq = self.app.next_seq() + u32::try_from(self.events.len()).unwrap_or(u32::MAX);
        let event = Event {
            seq,
            at,
            actor,
            command_id: self.command_id.to_string(),
            kind,
        };
        self.state = super::application::fold(std::mem::take(&mut self.state), &event);
        self.events.push(event);
    }

    fn guard_input(&self) -> GuardInput<'_> {
        GuardInput {
            profile: self.world.profile,
            today: self
                .events
                .last()
                .map_or(self.app.created_at, |e| e.at)
                .date(),
            answers: &self.state.answers,
            photos: self.world.photos,
            photo_rejections: self.state.photo_rejections,
        }
    }

    /// Enters a stage at `at`: sets its deadline, applies its effects.
    fn enter(&mut self, stage_id: &str, at: NaiveDateTime) -> Result<(), Refused> {
        let stage = self
            .process
            .stage(stage_id)
            .ok_or_else(|| Refused(format!("流程定义有误：没有阶段 {stage_id}")))?;
        let due = match &stage.kind {
            StageKind::PoliceReview { working_days, .. } => {
                Some(self.world.calendar.deadline_after(
                    at,
                    *working_days,
                    self.world.policy.review_hour,
                ))
            }
            StageKind::Wait { days } => Some(
                self.world
                    .calendar
                    .natural_deadline(at.date(), *days)
                    .and_time(at.time()),
            ),
            _ => None,
        };
        self.push(
            at,
            Actor::System,
            EventKind::Entered {
                stage: stage.id.clone(),
                due,
            },
        );
        for effect in &stage.enter {
            let text = match effect {
                Effect::Sms(t) | Effect::Notice(t) => Some(fill(
                    t,
                    &self.app.number,
                    &self.flow.title,
                    self.state.last_reason.as_deref(),
                )),
                _ => None,
            };
            self.push(
                at,
                Actor::System,
                EventKind::Applied {
                    effect: effect.clone(),
                    text,
                },
            );
        }
        Ok(())
    }

    /// Records a stage's outcome and follows its transition.
    fn signal(
        &mut self,
        at: NaiveDateTime,
        actor: Actor,
        signal: Signal,
        reason: Option<String>,
    ) -> Result<(), Refused> {
        let stage_id = self.state.stage.clone().unwrap_or_default();
        self.push(
            at,
            actor,
            EventKind::Signalled {
                stage: stage_id.clone(),
                signal,
                reason,
            },
        );
        let stage = self
            .process
            .stage(&stage_id)
            .ok_or_else(|| Refused(format!("流程定义有误：没有阶段 {stage_id}")))?;
        let next = stage.on.iter().find(|t| t.when == signal).ok_or_else(|| {
            Refused(format!(
                "流程定义有误：阶段 {stage_id} 没有 {signal:?} 的去向"
            ))
        })?;
        self.enter(&next.to.clone(), at)
    }

    /// Runs automatic stages and fires deadlines up to `now`, oldest first; stops where the
    /// application waits (a later deadline, a user task, a held review) or ends.
    fn run(&mut self, now: NaiveDateTime) -> Result<(), Refused> {
        for _ in 0..MAX_EVENTS {
            if self.state.outcome.is_some() {
                return Ok(());
            }
            let stage_id = self.state.stage.clone().unwrap_or_default();
            let stage = self
                .process
                .stage(&stage_id)
                .ok_or_else(|| Refused(format!("流程定义有误：没有阶段 {stage_id}")))?;
            let at = self
                .events
                .last()
                .map_or(now, |e| e.at)
                .max(self.app.events.last().map_or(now, |e| e.at));
            match &stage.kind {
                StageKind::SystemCheck(guard) => match check(guard, &self.guard_input()) {
                    Ok(()) => self.signal(at, Actor::System, Signal::Pass, None)?,
                    Err(reason) => self.signal(at, Actor::System, Signal::Fail, Some(reason))?,
                },
                StageKind::FaceCheck => {
                    let stream = self.world.seed
                        ^ number_hash(&self.app.number)
                        ^ u64::from(
                            self.app.next_seq() + u32::try_from(self.events.len()).unwrap_or(0),
                        );
                    let failed = SimRng::new(stream).chance(self.world.policy.face_fail_percent);
                    if failed {
                        self.signal(
                            at,
                            Actor::System,
                            Signal::Fail,
                            Some("人脸比对未通过，请在光线充足处正对屏幕重试".into()),
                        )?;
                    } else {
                        self.signal(at, Actor::System, Signal::Pass, None)?;
                    }
                }
                StageKind::PoliceReview { approve_if, .. } => {
                    let Some(due) = self.state.due else {
                        return Ok(());
                    };
                    if due > now || self.world.policy.hold_reviews {
                        return Ok(());
                    }
                    match check(approve_if, &self.guard_input()) {
                        Ok(()) => self.signal(due, Actor::Police, Signal::Approved, None)?,
                        Err(reason) => {
                            self.signal(due, Actor::Police, Signal::Rejected, Some(reason))?
                        }
                    }
                }
                StageKind::Wait { .. } => {
                    let Some(due) = self.state.due else {
                        return Ok(());
                    };
                    if due > now {
                        return Ok(());
                    }
                    self.signal(due, Actor::System, Signal::Due, None)?;
                }
                StageKind::UserTask { .. } => return Ok(()),
                StageKind::Terminal(outcome) => {
                    self.push(at, Actor::System, EventKind::Finished { outcome: *outcome });
                    return Ok(());
                }
            }
        }
        Err(Refused("流程定义有误：阶段循环过多".into()))
    }
}

/// A stable number from the application number, so each application draws its own stream.
fn number_hash(number: &str) -> u64 {
    number.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Handles one command; returns the events to append (none for a repeated command id).
pub fn handle(
    app: &Application,
    flow: &FlowDef,
    command: &Command,
    command_id: &str,
    now: NaiveDateTime,
    world: &World,
) -> Result<Vec<Event>, Refused> {
    let state = app.state();
    if state.commands.iter().any(|c| c == command_id) {
        return Ok(Vec::new());
    }
    if app.events.len() >= MAX_EVENTS {
        return Err(Refused(format!(
            "本申请的记录已达{MAX_EVENTS}条上限，不能再办理"
        )));
    }
    let process = flow
        .process
        .as_ref()
        .ok_or_else(|| Refused(format!("「{}」暂未在模拟器中开放在线办理", flow.title)))?;
    let mut log = Log {
        app,
        flow,
        process,
        world,
        command_id,
        state,
        events: Vec::new(),
    };
    let now = now.max(app.events.last().map_or(now, |e| e.at));
    match command {
        Command::Submit { answers } => {
            if !app.events.is_empty() {
                return Err(Refused("本申请已提交，不能重复提交".into()));
            }
            let first = process
                .stages
                .first()
                .ok_or_else(|| Refused("流程定义有误：没有任何阶段".into()))?;
            log.push(
                now,
                Actor::User,
                EventKind::Submitted {
                    answers: answers.clone(),
                },
            );
            log.enter(&first.id.clone(), now)?;
        }
        Command::Advance => {}
        Command::CompleteTask { answers } => {
            let stage = log.state.stage.clone().unwrap_or_default();
            let is_task = process
                .stage(&stage)
                .is_some_and(|s| matches!(s.kind, StageKind::UserTask { .. }));
            if !is_task || log.state.outcome.is_some() {
                return Err(Refused("当前没有需要您办理的事项".into()));
            }
            log.push(
                now,
                Actor::User,
                EventKind::TaskDone {
                    stage,
                    answers: answers.clone(),
                },
            );
            log.signal(now, Actor::User, Signal::Done, None)?;
        }
        Command::Decide { approve, reason } => {
            let stage = log.state.stage.clone().unwrap_or_default();
            let is_review = process
                .stage(&stage)
                .is_some_and(|s| matches!(s.kind, StageKind::PoliceReview { .. }));
            if !is_review || log.state.outcome.is_some() {
                return Err(Refused("这份申请当前不在民警审核阶段".into()));
            }
            let signal = if *approve {
                Signal::Approved
            } else {
                Signal::Rejected
            };
            // Without a reason of the trainer's own, a rejection gives the rule that failed, or
            // a general one when every rule holds and the trainer rejects for practice.
            let failed_rule = match process.stage(&stage).map(|s| &s.kind) {
                Some(StageKind::PoliceReview { approve_if, .. }) => {
                    check(approve_if, &log.guard_input()).err()
                }
                _ => None,
            };
            let reason = if *approve {
                None
            } else {
                Some(
                    reason
                        .clone()
                        .or(failed_rule)
                        .unwrap_or_else(|| "经民警审核，申请材料不符合办理要求".into()),
                )
            };
            log.signal(now, Actor::Police, signal, reason)?;
        }
    }
    log.run(now)?;
    Ok(log.events)
}
