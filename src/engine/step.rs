//! The engine's one entry point: `handle(application, command, now) -> new events`. Pure: it reads
//! the profile, the calendar and the policy it is given, draws from a generator seeded by the
//! application, and returns events; the caller appends and saves them. Replaying the events
//! rebuilds the state exactly (`Application::state`). Each command is one line here; what it
//! does belongs to the stage kind (`stages/<kind>.rs`), the shared machinery to `log.rs`.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::application::{
    APPLICATION_SCHEMA_VERSION, Actor, Application, Claim, Event, EventKind, MAX_EVENTS,
};
use super::facts::ApplicationRef;
use super::fields::{check_fields, several_sessions};
use super::log::Log;
use super::rules::check;
use super::stages;
use crate::domain::profile::Profile;
use crate::flow::FlowDef;
use crate::flow::process::{FieldKind, Process};
use crate::resources::Resources;

/// Settings of the simulation that are hints, not facts: from the config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Chance in percent that a simulated face check fails.
    pub face_fail_percent: u8,
    /// Police reviews wait for the trainer (F8) instead of deciding at their deadline.
    pub hold_reviews: bool,
    /// A review due "within N working days" is decided at this hour of the N-th working day.
    pub review_hour: u32,
    /// Face checks failed in a row before the step they guard is void.
    pub face_retries: u32,
    /// Face checks at random moments of a study.
    pub study_face_checks: u32,
    /// Face checks at random questions of an exam.
    pub exam_face_checks: u32,
    /// 签到 opens this many minutes before an attended session starts.
    pub sign_in_opens_minutes: u32,
    /// 签退 must happen within this many minutes after the session ends.
    pub sign_out_grace_minutes: u32,
    /// The trainer made the next face check fail.
    pub force_face_failure: bool,
    /// Chance in percent that an attempt at an on-site exam passes, when the trainer does not
    /// decide it.
    pub exam_pass_percent: u8,
    /// Hours after a seat is allocated within which the exam fee must be paid; `None`: no
    /// deadline, the fee may be paid until the exam.
    pub payment_deadline_hours: Option<u32>,
}

/// What the engine may read besides the application.
pub struct World<'a> {
    pub profile: &'a Profile,
    /// The calendar, photos, regions, sessions, questions and the registry of owners.
    pub resources: &'a Resources,
    pub policy: &'a Policy,
    /// The data folder's seed; each application draws from its own stream of it.
    pub seed: u64,
    /// The day the simulated clock started: demo sessions are dated from it.
    pub clock_start: NaiveDate,
    /// Seats of each session held by applications made in the app (`projections`).
    pub seats_taken: &'a BTreeMap<String, u32>,
    /// Plate numbers held by open applications (`projections::numbers_held`).
    pub numbers_held: &'a std::collections::BTreeSet<String>,
    /// The applicant's open applications (the subjects of a business about another one).
    pub applications: Vec<ApplicationRef>,
    /// Every account of the data folder (`Facts::accounts`).
    pub accounts: &'a BTreeMap<String, Profile>,
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
    /// 前往学习: 实人认证, then a study session runs on the simulated clock.
    BeginStudy,
    /// 结束学习: the running session closes, keeping what it counted.
    PauseStudy,
    /// The face check the current step waits for: 实人认证, a check during study or the exam,
    /// 签到 or 签退.
    FaceCheck,
    /// 参加考试 / 前往补考: 实人认证, then a new paper.
    BeginExam,
    /// An answer (option indexes) to a question of the current paper.
    Answer { question: u32, chosen: Vec<usize> },
    /// 交卷.
    HandIn,
    /// The trainer lodges an objection during 公示.
    Object { reason: Option<String> },
    /// 换一批: draw the candidates of a task's field again.
    Redraw { field: String },
    /// Another application (`by`, of business `title`) gives the current stage `signal`.
    Told {
        signal: crate::flow::process::Signal,
        by: String,
        title: String,
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
        submit_token: None,
        seats_unclaimed: false,
        events: Vec::new(),
    }
}

/// The next moment after `now` at which the application changes or needs the user: its
/// deadline, or a moment its stage kind names (a face check or the end of a running study,
/// 签到 opening, the session's end). F9 moves the clock there.
pub fn next_moment(
    app: &Application,
    flow: &FlowDef,
    now: NaiveDateTime,
    world: &World,
) -> Option<NaiveDateTime> {
    let state = app.state();
    if state.outcome.is_some() {
        return None;
    }
    let stage = flow.process.as_ref()?.stage(state.stage.as_deref()?)?;
    let moment = stages::next_moment(&stage.kind, &state, world, now);
    [state.due, moment]
        .into_iter()
        .flatten()
        .filter(|at| *at > now)
        .min()
}

/// The seats the answers book, each refused when another application took the last one
/// after the wizard showed it free.
fn seat_claims(
    process: &Process,
    answers: &BTreeMap<String, String>,
    world: &World,
) -> Result<Vec<Claim>, Refused> {
    let mut claims = Vec::new();
    let booked = process.fields().flat_map(|field| {
        let ids = match field.kind {
            FieldKind::Session { .. } => answers.get(&field.id).map(|v| vec![v.as_str()]),
            FieldKind::Sessions { .. } => answers.get(&field.id).map(|v| several_sessions(v)),
            _ => None,
        };
        ids.unwrap_or_default()
            .into_iter()
            .map(move |id| (field, id))
    });
    for (field, id) in booked {
        let Some(slot) = world.resources.sessions.get(id, world.clock_start) else {
            continue;
        };
        let taken = world.seats_taken.get(&slot.id).copied().unwrap_or(0);
        if slot.seats_left() <= taken {
            return Err(Refused(format!(
                "{}：「{}」名额已满，请返回上一步选择其他场次",
                field.label,
                slot.place_and_time(world.clock_start)
            )));
        }
        claims.push(Claim::Seat {
            session: slot.id.clone(),
        });
    }
    Ok(claims)
}

/// 提交 is checked with the code the wizard used: the subject can be the subject, and every
/// field of every page shown is answered as its kind accepts.
fn accept_submission(log: &Log, process: &Process) -> Result<(), Refused> {
    let facts = log.facts();
    facts
        .resolve(&process.subject)
        .map_err(|why| Refused(format!("办理对象：{why}")))?;
    for page in &process.pages {
        if page.when.as_ref().is_none_or(|g| check(g, &facts).is_ok()) {
            check_fields(&page.fields, &facts).map_err(Refused)?;
            if let Some(rule) = &page.check {
                check(rule, &facts).map_err(|why| Refused(format!("{}：{why}", page.title)))?;
            }
        }
    }
    Ok(())
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
        profile: world.profile.clone(),
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
            let claims = seat_claims(process, answers, world)?;
            log.push(
                now,
                Actor::User,
                EventKind::Submitted {
                    answers: answers.clone(),
                },
            );
            for claim in claims {
                log.push(now, Actor::User, EventKind::Claimed(claim));
            }
            accept_submission(&log, process)?;
            log.enter(&first.id.clone(), now)?;
        }
        Command::Advance => {}
        Command::CompleteTask { answers } => stages::complete(&mut log, answers, now)?,
        Command::Decide { approve, reason } => {
            stages::decide(&mut log, *approve, reason.clone(), now)?
        }
        Command::BeginStudy => stages::begin_study(&mut log, now)?,
        Command::PauseStudy => {
            if !stages::pause_study(&mut log, now)? {
                return Ok(Vec::new());
            }
        }
        Command::FaceCheck => stages::face_check(&mut log, now)?,
        Command::BeginExam => stages::begin_exam(&mut log, now)?,
        Command::Answer { question, chosen } => stages::answer(&mut log, *question, chosen, now)?,
        Command::HandIn => stages::hand_in(&mut log, now)?,
        Command::Object { reason } => stages::object(&mut log, reason.clone(), now)?,
        Command::Redraw { field } => stages::redraw(&mut log, field, now)?,
        // A deadline that has passed is fired first: a fee paid after it is too late.
        Command::Told { signal, by, title } => stages::told_after(
            &mut log,
            *signal,
            format!("经「{title}」办理（受理编号 {by}）"),
            now,
        )?,
    }
    log.run(now)?;
    Ok(log.events)
}
