//! The events one command writes, and the generic machinery every stage kind shares: enter a
//! stage (its deadline and effects), raise a signal and follow the first matching transition,
//! run automatic stages and fire deadlines, draw from the application's own random stream, and
//! check a face. What a kind does itself lives in `stages/<kind>.rs`.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::application::{Actor, Application, Event, EventKind, MAX_EVENTS, Record, State};
use super::effects::{self, Settling};
use super::facts::Facts;
use super::rng::SimRng;
use super::rules::check;
use super::stages::{self, Flow, StageEvent};
use super::step::{Refused, World};
use crate::domain::profile::Profile;
use crate::flow::FlowDef;
use crate::flow::process::{Process, Signal, Stage};

/// Events being written by one command.
pub(super) struct Log<'a> {
    pub(super) app: &'a Application,
    pub(super) flow: &'a FlowDef,
    pub(super) process: &'a Process,
    pub(super) world: &'a World<'a>,
    pub(super) command_id: &'a str,
    pub(super) state: State,
    pub(super) events: Vec<Event>,
    /// The applicant's profile with the changes settled so far in this command, so a guard or
    /// an SMS after a contact change sees the new details.
    pub(super) profile: Profile,
}

impl Log<'_> {
    pub(super) fn push(&mut self, at: NaiveDateTime, actor: Actor, kind: EventKind) {
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

    /// Logs an event of the current stage's kind.
    pub(super) fn push_stage(&mut self, at: NaiveDateTime, actor: Actor, event: StageEvent) {
        let stage = self.state.stage.clone().unwrap_or_default();
        self.push(at, actor, EventKind::Stage { stage, event });
    }

    /// Logs a fact for later stages.
    pub(super) fn record(&mut self, at: NaiveDateTime, actor: Actor, record: Record) {
        self.push(at, actor, EventKind::Recorded(record));
    }

    /// The facts a decision of this command reads, as the command has left them so far.
    pub(super) fn facts(&self) -> Facts<'_> {
        self.facts_over(&self.state.answers)
    }

    /// The same facts, with `answers` in place of the application's (a task's own answers,
    /// which must answer its fields themselves, with the application's subject).
    pub(super) fn facts_over<'b>(&'b self, answers: &'b BTreeMap<String, String>) -> Facts<'b> {
        Facts {
            profile: &self.profile,
            today: self
                .events
                .last()
                .map_or(self.app.created_at, |e| e.at)
                .date(),
            answers,
            records: &self.state.records,
            resources: self.world.resources,
            clock_start: self.world.clock_start,
            seats_taken: self.world.seats_taken,
            numbers_held: self.world.numbers_held,
            applications: self.world.applications.clone(),
            accounts: self.world.accounts,
        }
    }

    /// Enters a stage at `at`: sets its deadline, then settles its effects, all of them or,
    /// when one cannot be done, none (the stage then gives `EffectFailed`).
    pub(super) fn enter(&mut self, stage_id: &str, at: NaiveDateTime) -> Result<(), Refused> {
        let stage = self
            .process
            .stage(stage_id)
            .ok_or_else(|| Refused(format!("流程定义有误：没有阶段 {stage_id}")))?;
        let due = stages::due_on_entry(&stage.kind, self, at);
        self.push(
            at,
            Actor::System,
            EventKind::Entered {
                stage: stage.id.clone(),
                due,
            },
        );
        match self.settle(stage, at) {
            Ok((settled, profile)) => {
                for kind in settled {
                    self.push(at, Actor::System, kind);
                }
                self.profile = profile;
                stages::entered(&stage.kind, self, at)
            }
            Err(reason) if stage.enter.iter().any(|e| e.can_fail()) => {
                self.signal(at, Actor::System, Signal::EffectFailed, Some(reason))
            }
            Err(reason) => Err(Refused(format!("「{}」无法办结：{reason}", stage.title))),
        }
    }

    /// The stage's effects settled in order, and the profile as they leave it; nothing when
    /// one of them cannot be done.
    fn settle(
        &self,
        stage: &Stage,
        at: NaiveDateTime,
    ) -> Result<(Vec<EventKind>, Profile), String> {
        let facts = self.facts();
        let on = Settling {
            answers: &self.state.answers,
            photos: &self.world.resources.photos,
            number: &self.app.number,
            title: &self.flow.title,
            reason: self.state.last_reason.as_deref(),
            at,
            facts: &facts,
        };
        let mut profile = self.profile.clone();
        let mut settled = Vec::new();
        for effect in &stage.enter {
            let kind = effects::settle(effect, &profile, &on)?;
            if let EventKind::ProfileChanged(change) = &kind {
                effects::apply(change, &mut profile)?;
            }
            settled.push(kind);
        }
        Ok((settled, profile))
    }

    /// Records a stage's outcome and follows its transition.
    pub(super) fn signal(
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
        let facts = self.facts();
        let next = stage
            .on
            .iter()
            .find(|t| {
                t.when == signal
                    && t.only_if
                        .as_ref()
                        .is_none_or(|guard| check(guard, &facts).is_ok())
            })
            .ok_or_else(|| {
                Refused(format!(
                    "流程定义有误：阶段 {stage_id} 没有 {signal:?} 的去向"
                ))
            })?;
        self.enter(&next.to.clone(), at)
    }

    /// Runs automatic stages and fires deadlines up to `now`, oldest first; stops where the
    /// application waits (a later deadline, a user task, a held review) or ends.
    pub(super) fn run(&mut self, now: NaiveDateTime) -> Result<(), Refused> {
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
            if stages::advance(&stage.kind, self, now, at)? == Flow::Waits {
                return Ok(());
            }
        }
        Err(Refused("流程定义有误：阶段循环过多".into()))
    }

    /// The generator of the current stage's next draw, keyed by the stage and how many draws
    /// it made before (so an event added elsewhere never changes a later draw); each draw is
    /// made once and its result stored in the log.
    pub(super) fn rng(&self) -> SimRng {
        let stage = self.state.stage.as_deref().unwrap_or_default();
        let count = self.state.draws.get(stage).copied().unwrap_or(0);
        SimRng::new(
            self.world.seed
                ^ text_hash(&self.app.number)
                ^ text_hash(stage).rotate_left(17)
                ^ (u64::from(count) << 40),
        )
    }

    /// Draws a face check: it fails at the configured rate, or when the trainer forced it.
    pub(super) fn face_fails(&self) -> bool {
        self.world.policy.force_face_failure
            || self
                .rng()
                .chance(self.world.policy.face_fail_percent.min(100))
    }

    /// Records one face check by the user; true when it passed.
    pub(super) fn face_check(&mut self, now: NaiveDateTime) -> bool {
        let passed = !self.face_fails();
        self.push(now, Actor::User, EventKind::FaceChecked { passed });
        passed
    }

    /// Whether the failures in a row have used up the retries.
    pub(super) fn retries_used_up(&self) -> bool {
        self.state.face_failures >= self.world.policy.face_retries.max(1)
    }

    /// The stage the application is in, if it is still open.
    pub(super) fn current(&self) -> Option<&Stage> {
        if self.state.outcome.is_some() {
            return None;
        }
        self.process.stage(self.state.stage.as_deref()?)
    }
}

/// A stable number from a text (the application number, a stage id), so each application and
/// each stage draws its own stream.
fn text_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
