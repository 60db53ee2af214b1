//! Helpers for the engine tests: the embedded catalog and resources, a world around a persona,
//! and running commands the way the app does (appending the events).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use jiaoguan::assets::{AssetSource, Resources, load_catalog};
use jiaoguan::config::Config;
use jiaoguan::domain::profile::{DayOffset, Profile};
use jiaoguan::engine::application::{Application, EventKind};
use jiaoguan::engine::effects::ProfileChange;
use jiaoguan::engine::facts::{Facts, SUBJECT};
use jiaoguan::engine::inbox::Channel;
use jiaoguan::engine::step::{Command, Policy, World, create, handle};
use jiaoguan::flow::{Catalog, FlowDef};

/// No plate number held by another application.
pub static NO_NUMBERS: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();

/// No account besides the applicant's: a car found by plate comes from the registry.
pub static NO_ACCOUNTS: BTreeMap<String, Profile> = BTreeMap::new();

pub fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, 0, 0))
        .expect("date")
}

/// The day the personas are dated from, and the sessions too.
pub fn start_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
}

pub fn persona(id: &str) -> Profile {
    let file = AssetSource::Embedded
        .file(&format!("demo/personas/{id}.ron"))
        .expect("persona");
    let persona: Profile<DayOffset> = ron::from_str(&file.text).expect("parse");
    persona.dated(start_day())
}

pub struct Setup {
    pub catalog: Catalog,
    pub resources: Resources,
    pub policy: Policy,
    /// No seats taken by other applications.
    pub no_seats: BTreeMap<String, u32>,
}

pub fn setup() -> Setup {
    Setup {
        catalog: load_catalog(&AssetSource::Embedded)
            .expect("assets")
            .expect("catalog"),
        resources: Resources::load(&AssetSource::Embedded).expect("resources"),
        policy: Config::default().policy(false),
        no_seats: BTreeMap::new(),
    }
}

impl Setup {
    pub fn flow(&self, id: &str) -> &FlowDef {
        self.catalog.flow(id).expect("flow")
    }

    pub fn world<'a>(&'a self, profile: &'a Profile) -> World<'a> {
        World {
            profile,
            resources: &self.resources,
            policy: &self.policy,
            seed: 7,
            clock_start: start_day(),
            seats_taken: &self.no_seats,
            numbers_held: &NO_NUMBERS,
            applications: Vec::new(),
            accounts: &NO_ACCOUNTS,
        }
    }

    /// The reason the engine refuses `profile`'s 提交 of `flow_id` with `given` (the subject
    /// added as the subject page would, when `given` names none).
    pub fn submit_refused(
        &self,
        flow_id: &str,
        profile: &Profile,
        given: BTreeMap<String, String>,
    ) -> String {
        let flow = self.flow(flow_id);
        let app = create("R1", flow, &profile.id, at(2026, 3, 2, 9));
        let submit = self.with_subject(Command::Submit { answers: given }, flow, profile);
        handle(
            &app,
            flow,
            &submit,
            "s",
            at(2026, 3, 2, 9),
            &self.world(profile),
        )
        .expect_err("the engine refuses it")
        .0
    }

    /// The shipped catalog with one more business, written by a trainer as `text`.
    pub fn with_business(&mut self, id: &str, text: &str) {
        let dir = tempfile::tempdir().expect("dir");
        super::write_assets(dir.path());
        std::fs::write(dir.path().join(format!("flows/{id}.ron")), text).expect("write");
        self.catalog = load_catalog(&AssetSource::Dir(dir.path().to_path_buf()))
            .expect("assets")
            .unwrap_or_else(|problems| panic!("{problems:?}"));
    }

    /// A 提交 that names no subject names the first one the subject page would offer, as a
    /// visitor pressing Enter on it would.
    pub fn with_subject(&self, command: Command, flow: &FlowDef, profile: &Profile) -> Command {
        let Command::Submit { mut answers } = command else {
            return command;
        };
        if let Some(process) = &flow.process
            && !answers.contains_key(SUBJECT)
        {
            let none = BTreeMap::new();
            let facts = Facts {
                profile,
                today: start_day(),
                answers: &none,
                records: &[],
                resources: &self.resources,
                clock_start: start_day(),
                seats_taken: &self.no_seats,
                numbers_held: &NO_NUMBERS,
                applications: Vec::new(),
                accounts: &NO_ACCOUNTS,
            };
            if let Some(first) = facts.choices(&process.subject).into_iter().next() {
                answers.insert(SUBJECT.to_string(), first.key);
            }
        }
        Command::Submit { answers }
    }

    /// 提交 with no answers beyond the licence (a stored photo, nothing typed).
    pub fn submit(
        &self,
        app: &mut Application,
        profile: &Profile,
        now: NaiveDateTime,
    ) -> Vec<EventKind> {
        self.run(
            app,
            profile,
            Command::Submit {
                answers: BTreeMap::new(),
            },
            "submit",
            now,
        )
    }

    /// Runs a command and appends its events, as the app does.
    pub fn run(
        &self,
        app: &mut Application,
        profile: &Profile,
        command: Command,
        id: &str,
        now: NaiveDateTime,
    ) -> Vec<EventKind> {
        let flow = self.flow(&app.flow_id.clone());
        let command = self.with_subject(command, flow, profile);
        let events =
            handle(app, flow, &command, id, now, &self.world(profile)).expect("command accepted");
        let kinds = events.iter().map(|e| e.kind.clone()).collect();
        app.events.extend(events);
        kinds
    }
}

/// The text of the SMS among these events ("" when none was sent).
pub fn sms_text(kinds: &[EventKind]) -> String {
    kinds
        .iter()
        .find_map(|k| match k {
            EventKind::Sent {
                channel: Channel::Sms,
                text,
                ..
            } => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// The profile changes these events settled.
pub fn changes(kinds: &[EventKind]) -> Vec<&ProfileChange> {
    kinds
        .iter()
        .filter_map(|k| match k {
            EventKind::ProfileChanged(change) => Some(change),
            _ => None,
        })
        .collect()
}

pub fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn stage(app: &Application) -> String {
    app.state().stage.unwrap_or_default()
}
