//! The signed-in account and the simulated clock, loaded from and saved to the data folder.
//! Demo personas from the assets seed the folder on first run and on `--reset-demo`.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::assets::AssetSource;
use crate::domain::profile::{DayOffset, PROFILE_SCHEMA_VERSION, Profile};
use crate::engine::SimClock;
use crate::engine::application::{APPLICATION_SCHEMA_VERSION, Application};
use crate::engine::inbox::{DRAFT_SCHEMA_VERSION, Draft, INBOX_SCHEMA_VERSION, Inbox, Message};
use crate::store::{DataDir, Load, Versioned, from_ron};
use crate::ui::PersonaSummary;

const STATE_FILE: &str = "state.ron";
const PROFILE_DIR: &str = "profiles";
const APPLICATION_DIR: &str = "applications";
const INBOX_DIR: &str = "inbox";
const DRAFT_DIR: &str = "drafts";

/// `state.ron`: who is signed in and what time it is in the simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionState {
    pub schema_version: u32,
    pub current_profile: String,
    pub clock: SimClock,
    /// The seed of the random draws (SMS codes, plate candidates); fixed per data folder so a
    /// demo replays the same.
    pub seed: u64,
    /// How many applications were created: the serial part of the next 受理编号.
    #[serde(default)]
    pub applications_created: u64,
    /// How many random draws the session made (SMS codes): the next draw's stream.
    #[serde(default)]
    pub draws: u64,
    /// The wall-clock time last seen by the interactive program, so the simulated clock catches
    /// up with the time it was closed.
    #[serde(default)]
    pub last_wall_clock: Option<NaiveDateTime>,
    /// The trainer made the next face check fail (F8); cleared once a check used it.
    #[serde(default)]
    pub force_face_failure: bool,
}

impl Versioned for SessionState {
    const SCHEMA_VERSION: u32 = 1;
    const KIND: &'static str = "运行状态";
}

impl Versioned for Profile {
    const SCHEMA_VERSION: u32 = PROFILE_SCHEMA_VERSION;
    const KIND: &'static str = "个人资料";
}

impl Versioned for Application {
    const SCHEMA_VERSION: u32 = APPLICATION_SCHEMA_VERSION;
    const KIND: &'static str = "业务申请";
}

impl Versioned for Inbox {
    const SCHEMA_VERSION: u32 = INBOX_SCHEMA_VERSION;
    const KIND: &'static str = "消息";
}

impl Versioned for Draft {
    const SCHEMA_VERSION: u32 = DRAFT_SCHEMA_VERSION;
    const KIND: &'static str = "草稿";
}

fn application_file(number: &str) -> String {
    format!("{APPLICATION_DIR}/{number}.ron")
}

fn inbox_file(profile: &str) -> String {
    format!("{INBOX_DIR}/{profile}.ron")
}

fn draft_file(profile: &str, flow: &str) -> String {
    format!("{DRAFT_DIR}/{profile}/{flow}.ron")
}

fn profile_file(id: &str) -> String {
    format!("{PROFILE_DIR}/{id}.ron")
}

/// How a fresh data folder starts.
#[derive(Debug, Clone)]
pub struct SeedPlan {
    pub clock_start: NaiveDateTime,
    pub default_persona: String,
    pub seed: u64,
}

/// The data folder's contents in memory.
pub struct Session {
    dir: DataDir,
    pub state: SessionState,
    pub profiles: BTreeMap<String, Profile>,
    pub personas: Vec<PersonaSummary>,
    /// Every application in the folder, by 受理编号.
    pub applications: BTreeMap<String, Application>,
    /// Each account's messages.
    pub inboxes: BTreeMap<String, Inbox>,
    /// Wizard drafts, by (profile, flow).
    pub drafts: BTreeMap<(String, String), Draft>,
    /// Files that were moved aside or skipped while loading, to tell the operator.
    pub notices: Vec<String>,
    /// Seeds and clock updates held in memory until `flush`, so the first frame waits for no disk.
    unsaved: Unsaved,
    /// The simulated time as saved when the folder was opened, before catching up with the
    /// wall clock: a study left running when the program stopped ends there.
    pub clock_at_open: NaiveDateTime,
}

#[derive(Debug, Default)]
struct Unsaved {
    state: bool,
    profiles: std::collections::BTreeSet<String>,
}

/// A demo persona's asset file: the id is the file stem (`jiaoguan check` enforces it), so the
/// personas can be listed without parsing them.
struct PersonaFile {
    id: String,
    label: String,
    text: String,
}

fn persona_files(assets: &AssetSource) -> Result<Vec<PersonaFile>> {
    Ok(assets
        .files("demo/personas/")?
        .into_iter()
        .map(|file| {
            let id = file
                .name
                .rsplit('/')
                .next()
                .unwrap_or(&file.name)
                .trim_end_matches(".ron")
                .to_string();
            PersonaFile {
                id,
                label: assets.display_name(&file.name),
                text: file.text,
            }
        })
        .collect())
}

/// A persona's profile, dated from the clock's start; parsed only when the data folder has none.
fn seed_profile(persona: &PersonaFile, start: chrono::NaiveDate) -> Result<Profile> {
    let parsed = from_ron::<Profile<DayOffset>>(&persona.text)
        .map_err(|e| anyhow::anyhow!("{}", crate::store::describe_error(&e)))
        .with_context(|| format!("演示账号 {} 有误", persona.label))?;
    Ok(parsed.dated(start))
}

impl Session {
    /// Loads the folder, seeding whatever is missing from the demo personas. A file that cannot
    /// be read is moved to `quarantine/` by the store and reseeded, and the move is reported.
    pub fn open(dir: DataDir, assets: &AssetSource, plan: &SeedPlan) -> Result<Session> {
        let mut session = Session::open_current(dir, assets, plan)?;
        session.load_rest(assets)?;
        Ok(session)
    }

    /// What the first frame needs and nothing more: the state and the signed-in account with
    /// its messages. Seeds are kept in memory and written by `load_rest`, after the first frame.
    pub fn open_current(dir: DataDir, assets: &AssetSource, plan: &SeedPlan) -> Result<Session> {
        let mut notices = Vec::new();
        let mut unsaved = Unsaved::default();
        let mut state = match dir.load::<SessionState>(STATE_FILE)? {
            Load::Ready(state) | Load::ReadOnly(state) => state,
            other => {
                notices.extend(other.notice());
                unsaved.state = true;
                SessionState {
                    schema_version: SessionState::SCHEMA_VERSION,
                    current_profile: plan.default_persona.clone(),
                    clock: SimClock::starting_at(plan.clock_start),
                    seed: plan.seed,
                    applications_created: 0,
                    draws: 0,
                    last_wall_clock: None,
                    force_face_failure: false,
                }
            }
        };
        let personas = persona_files(assets)?;
        let known = |id: &str| personas.iter().any(|p| p.id == id);
        if !known(&state.current_profile) {
            let fallback = if known(&plan.default_persona) {
                Some(plan.default_persona.clone())
            } else {
                personas.first().map(|p| p.id.clone())
            };
            state.current_profile =
                fallback.context("没有任何演示账号：assets/demo/personas/ 为空")?;
            unsaved.state = true;
        }
        let clock_at_open = state.clock.now;
        let mut session = Session {
            dir,
            clock_at_open,
            state,
            profiles: BTreeMap::new(),
            personas: Vec::new(),
            applications: BTreeMap::new(),
            inboxes: BTreeMap::new(),
            drafts: BTreeMap::new(),
            notices,
            unsaved,
        };
        let current = session.state.current_profile.clone();
        if let Some(persona) = personas.iter().find(|p| p.id == current) {
            session.load_profile(persona)?;
        }
        session.load_inbox(&current)?;
        Ok(session)
    }

    /// Everything else: the other accounts, applications, messages and drafts; then the seeds
    /// kept in memory are written.
    pub fn load_rest(&mut self, assets: &AssetSource) -> Result<()> {
        for persona in persona_files(assets)? {
            if !self.profiles.contains_key(&persona.id) {
                self.load_profile(&persona)?;
            }
        }
        self.personas = self
            .profiles
            .values()
            .map(|p| PersonaSummary {
                id: p.id.clone(),
                name: p.name.clone(),
                persona: p.persona.clone(),
            })
            .collect();
        for file in self
            .dir
            .list(APPLICATION_DIR, "ron")
            .context("无法列出 applications 目录")?
        {
            let loaded = self.dir.load::<Application>(&file)?;
            self.notices.extend(loaded.notice());
            if let Some(app) = loaded.into_value() {
                self.applications.insert(app.number.clone(), app);
            }
        }
        let ids: Vec<String> = self.profiles.keys().cloned().collect();
        for id in ids {
            if !self.inboxes.contains_key(&id) {
                self.load_inbox(&id)?;
            }
            for file in self
                .dir
                .list(&format!("{DRAFT_DIR}/{id}"), "ron")
                .context("无法列出 drafts 目录")?
            {
                let loaded = self.dir.load::<Draft>(&file)?;
                self.notices.extend(loaded.notice());
                if let Some(draft) = loaded.into_value() {
                    self.drafts
                        .insert((id.clone(), draft.flow_id.clone()), draft);
                }
            }
        }
        self.flush()
    }

    /// One account's profile from the folder, or seeded from its persona (written later).
    fn load_profile(&mut self, persona: &PersonaFile) -> Result<()> {
        let file = profile_file(&persona.id);
        let profile = match self.dir.load::<Profile>(&file)? {
            Load::Ready(p) | Load::ReadOnly(p) => p,
            other => {
                self.notices.extend(other.notice());
                self.unsaved.profiles.insert(persona.id.clone());
                seed_profile(persona, self.state.clock.started_at.date())?
            }
        };
        self.profiles.insert(persona.id.clone(), profile);
        Ok(())
    }

    fn load_inbox(&mut self, id: &str) -> Result<()> {
        let loaded = self.dir.load::<Inbox>(&inbox_file(id))?;
        self.notices.extend(loaded.notice());
        self.inboxes
            .insert(id.to_string(), loaded.into_value().unwrap_or_default());
        Ok(())
    }

    /// Writes what was seeded or changed in memory only.
    pub fn flush(&mut self) -> Result<()> {
        if self.unsaved.state && !self.dir.is_read_only(STATE_FILE) {
            self.save_state()?;
        }
        self.unsaved.state = false;
        for id in std::mem::take(&mut self.unsaved.profiles) {
            if !self.dir.is_read_only(&profile_file(&id)) {
                self.save_profile(&id)?;
            }
        }
        Ok(())
    }

    /// Removes the profiles and the state so that `open` seeds them afresh. Quarantined files
    /// stay where they are.
    pub fn reset(dir: &DataDir) -> Result<()> {
        let mut files = Vec::new();
        for folder in [PROFILE_DIR, APPLICATION_DIR, INBOX_DIR] {
            files.extend(
                dir.list(folder, "ron")
                    .with_context(|| format!("无法列出 {folder} 目录"))?,
            );
        }
        for persona in dir
            .list(PROFILE_DIR, "ron")
            .context("无法列出 profiles 目录")?
        {
            let id = persona
                .trim_start_matches("profiles/")
                .trim_end_matches(".ron");
            files.extend(
                dir.list(&format!("{DRAFT_DIR}/{id}"), "ron")
                    .context("无法列出 drafts 目录")?,
            );
        }
        for file in files {
            dir.remove(&file)?;
        }
        dir.remove(STATE_FILE)
    }

    pub fn dir(&self) -> &DataDir {
        &self.dir
    }

    /// The signed-in account.
    pub fn profile(&self) -> Option<&Profile> {
        self.profiles.get(&self.state.current_profile)
    }

    /// 登录 as another persona; saved at once.
    pub fn switch_to(&mut self, id: &str) -> Result<()> {
        anyhow::ensure!(self.profiles.contains_key(id), "没有名为 {id} 的演示账号");
        self.state.current_profile = id.to_string();
        self.save_state()
    }

    pub fn save_state(&self) -> Result<()> {
        self.dir.save(STATE_FILE, &self.state)
    }

    pub fn save_profile(&self, id: &str) -> Result<()> {
        match self.profiles.get(id) {
            Some(profile) => self.dir.save(&profile_file(id), profile),
            None => Ok(()),
        }
    }

    /// An application written by a newer jiaoguan: shown, never advanced or rewritten.
    pub fn is_read_only_application(&self, number: &str) -> bool {
        self.dir.is_read_only(&application_file(number))
    }

    pub fn save_application(&self, number: &str) -> Result<()> {
        match self.applications.get(number) {
            Some(app) => self.dir.save(&application_file(number), app),
            None => Ok(()),
        }
    }

    pub fn save_inbox(&self, profile: &str) -> Result<()> {
        match self.inboxes.get(profile) {
            Some(inbox) => self.dir.save(&inbox_file(profile), inbox),
            None => Ok(()),
        }
    }

    /// Keeps what the visitor typed: saved at every step of the wizard.
    pub fn save_draft(&mut self, draft: Draft) -> Result<()> {
        let profile = self.state.current_profile.clone();
        self.dir
            .save(&draft_file(&profile, &draft.flow_id), &draft)?;
        self.drafts.insert((profile, draft.flow_id.clone()), draft);
        Ok(())
    }

    pub fn remove_draft(&mut self, flow_id: &str) -> Result<()> {
        let profile = self.state.current_profile.clone();
        self.drafts.remove(&(profile.clone(), flow_id.to_string()));
        self.dir.remove(&draft_file(&profile, flow_id))
    }

    pub fn draft(&self, flow_id: &str) -> Option<&Draft> {
        self.drafts
            .get(&(self.state.current_profile.clone(), flow_id.to_string()))
    }

    /// The next 受理编号: the simulated day and a serial, unique in the folder.
    pub fn next_application_number(&mut self) -> String {
        self.state.applications_created += 1;
        format!(
            "{}{:06}",
            self.state.clock.now.format("%Y%m%d"),
            self.state.applications_created
        )
    }

    /// A fresh stream for a draw made outside an application (an SMS code).
    pub fn next_draw_seed(&mut self) -> u64 {
        self.state.draws += 1;
        self.state.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ self.state.draws
    }

    /// The interactive program's simulated clock runs with real time, while it runs and while it
    /// is closed: it moves forward by the wall-clock time since it was last seen (never backward,
    /// whatever the wall clock does), so deadlines that fell due meanwhile fire.
    pub fn catch_up_with_wall_clock(&mut self, wall_now: NaiveDateTime) {
        if let Some(last) = self.state.last_wall_clock
            && wall_now > last
        {
            let target = self.state.clock.now + (wall_now - last);
            self.state.clock.advance_to(target);
        }
        self.state.last_wall_clock = Some(wall_now);
        // Written with the next save (`flush` after the first frame), not before it.
        self.unsaved.state = true;
    }

    /// Delivers a message to an account's 消息.
    pub fn deliver(&mut self, profile: &str, message: Message) -> Result<()> {
        self.inboxes
            .entry(profile.to_string())
            .or_default()
            .messages
            .push(message);
        self.save_inbox(profile)
    }
}
