//! The data folder's contents in memory: the signed-in account, the simulated clock, the open
//! applications, each account's newest messages. Demo personas from the assets seed the folder
//! on first run and on `--reset-demo`. Every change goes through `commit.rs`: one journal per
//! command. Finished applications live in the archive (`history.rs`) and are read on demand.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::assets::AssetSource;
use crate::domain::profile::{DayOffset, PROFILE_SCHEMA_VERSION, Profile};
use crate::engine::SimClock;
use crate::engine::application::{APPLICATION_SCHEMA_VERSION, Application};
use crate::engine::inbox::{
    DRAFT_SCHEMA_VERSION, Draft, INBOX_SCHEMA_VERSION, InboxHeader, InboxView, Segment,
};
use crate::engine::open_set::{OpenSet, Tracked};
use crate::engine::projections::seats_taken;
use crate::engine::upcast::{self, ApplicationV2};
use crate::on_demand::OnDemand;
use crate::store::{DataDir, Load, Op, Versioned, from_ron};
use crate::ui::PersonaSummary;
use crate::ui::progress::ProgressPage;

use super::history::{self, ArchiveIndex};

pub const STATE_FILE: &str = "state.ron";
pub(super) const PROFILE_DIR: &str = "profiles";
pub(super) const APPLICATION_DIR: &str = "applications";
pub(super) const ARCHIVE_DIR: &str = "archive";
pub(super) const INBOX_DIR: &str = "inbox";
pub(super) const DRAFT_DIR: &str = "drafts";

/// How many recent 提交 keep their submit token in `state.ron`: far more than a visitor could
/// retry in one sitting.
const RECENT_SUBMITS: usize = 32;

/// A 提交 that made an application: its submit token and the number it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitRecord {
    pub token: String,
    pub number: String,
}

/// `state.ron`: who is signed in, what time it is in the simulation, and the high-water marks
/// (numbers made, draws drawn) that only ever grow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionState {
    pub schema_version: u32,
    pub current_profile: String,
    pub clock: SimClock,
    /// The seed of the random draws (SMS codes, plate candidates); fixed per data folder so a
    /// demo replays the same.
    pub seed: u64,
    /// The highest serial of any 受理编号 made: the next one is higher. Written in the same
    /// commit as the application it numbers; rebuilt from the file names if this file is lost.
    #[serde(default)]
    pub applications_created: u64,
    /// How many random draws the session made (SMS codes, submit tokens): the next draw's stream.
    #[serde(default)]
    pub draws: u64,
    /// The wall-clock time last seen by the interactive program, so the simulated clock catches
    /// up with the time it was closed.
    #[serde(default)]
    pub last_wall_clock: Option<NaiveDateTime>,
    /// The trainer made the next face check fail (F8); cleared once a check used it.
    #[serde(default)]
    pub force_face_failure: bool,
    /// The latest 提交, newest last, so a retry finds the application it already made.
    #[serde(default)]
    pub recent_submits: Vec<SubmitRecord>,
}

impl SessionState {
    /// A new folder's state: the demo start, numbering from `applications_created`.
    pub fn fresh(plan: &SeedPlan, applications_created: u64) -> SessionState {
        SessionState {
            schema_version: Self::SCHEMA_VERSION,
            current_profile: plan.default_persona.clone(),
            clock: SimClock::starting_at(plan.clock_start),
            seed: plan.seed,
            applications_created,
            draws: 0,
            last_wall_clock: None,
            force_face_failure: false,
            recent_submits: Vec::new(),
        }
    }

    /// Remembers that `token` made application `number`.
    pub fn record_submit(&mut self, token: &str, number: &str) {
        self.recent_submits.push(SubmitRecord {
            token: token.to_string(),
            number: number.to_string(),
        });
        let excess = self.recent_submits.len().saturating_sub(RECENT_SUBMITS);
        self.recent_submits.drain(..excess);
    }

    /// The application a submit token already made.
    pub fn submitted_with(&self, token: &str) -> Option<&str> {
        self.recent_submits
            .iter()
            .find(|r| r.token == token)
            .map(|r| r.number.as_str())
    }
}

impl Versioned for SessionState {
    /// 2: submit tokens.
    const SCHEMA_VERSION: u32 = 2;
    const KIND: &'static str = "运行状态";
}

impl Versioned for Profile {
    const SCHEMA_VERSION: u32 = PROFILE_SCHEMA_VERSION;
    const KIND: &'static str = "个人资料";
}

impl Versioned for Application {
    const SCHEMA_VERSION: u32 = APPLICATION_SCHEMA_VERSION;
    const KIND: &'static str = "业务申请";

    /// Schema 1 and 2 had one flat list of events: read as they were, then upcast.
    fn decode(version: u32, text: &str) -> Result<Self, ron::error::SpannedError> {
        if version < 3 {
            from_ron::<ApplicationV2>(text).map(upcast::upgrade)
        } else {
            from_ron(text)
        }
    }
}

impl Versioned for InboxHeader {
    const SCHEMA_VERSION: u32 = INBOX_SCHEMA_VERSION;
    const KIND: &'static str = "消息索引";
}

impl Versioned for Segment {
    const SCHEMA_VERSION: u32 = INBOX_SCHEMA_VERSION;
    const KIND: &'static str = "消息";
}

impl Versioned for Draft {
    const SCHEMA_VERSION: u32 = DRAFT_SCHEMA_VERSION;
    const KIND: &'static str = "草稿";
}

/// `applications/<number>.ron`: an open application.
pub fn application_file(number: &str) -> String {
    format!("{APPLICATION_DIR}/{number}.ron")
}

pub fn inbox_header_file(profile: &str) -> String {
    format!("{INBOX_DIR}/{profile}/header.ron")
}

pub fn segment_file(profile: &str, name: &str) -> String {
    format!("{INBOX_DIR}/{profile}/{name}.ron")
}

pub(super) fn draft_file(profile: &str, flow: &str) -> String {
    format!("{DRAFT_DIR}/{profile}/{flow}.ron")
}

pub(super) fn profile_file(id: &str) -> String {
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
    pub(super) dir: DataDir,
    pub state: SessionState,
    pub profiles: BTreeMap<String, Profile>,
    pub personas: Vec<PersonaSummary>,
    /// The open applications, by 受理编号 and by next deadline.
    pub open: OpenSet,
    /// Finished applications read from the archive to be shown, with their folded state,
    /// newest use last; a few only.
    pub viewed: Vec<Tracked>,
    /// Each account's archive: months and counts (derived, rebuilt when missing).
    pub archive: BTreeMap<String, ArchiveIndex>,
    /// The ids of the bookable sessions (公益活动 slots): the answers that take a seat. Read
    /// only to bring an application of schema 2 up to date, so parsed on first use.
    pub bookable: OnDemand<BTreeSet<String>>,
    /// Seats that archived applications of every account keep, by session id.
    pub archived_seats: BTreeMap<String, u32>,
    /// For each account, the titles of the businesses it can start now (设置 lists them), worked
    /// out when the folder is loaded and after each command, never while drawing.
    pub startable: BTreeMap<String, Vec<String>>,
    /// Seats of each bookable session held by applications made in the app, open or archived
    /// (`projections::seats_taken`), counted again whenever either changes.
    pub seats_taken: BTreeMap<String, u32>,
    /// Plate numbers open applications hold (`projections::numbers_held`), counted with the
    /// seats.
    pub numbers_held: BTreeSet<String>,
    /// Each account's messages: header, newest segment, the segment 消息 shows.
    pub inboxes: BTreeMap<String, InboxView>,
    /// Wizard drafts, by (profile, flow).
    pub drafts: BTreeMap<(String, String), Draft>,
    /// The page of 网办进度 on screen.
    pub progress: ProgressPage,
    /// Files that were moved aside or skipped while loading, to tell the operator.
    pub notices: Vec<String>,
    /// Seeds and clock updates held in memory until `flush`, so the first frame waits for no disk.
    pub(super) unsaved: Unsaved,
    /// The simulated time as saved when the folder was opened, before catching up with the
    /// wall clock: a study left running when the program stopped ends there.
    pub clock_at_open: NaiveDateTime,
    /// `state.ron` was missing or unreadable: its marks are rebuilt from the other files.
    state_lost: bool,
    /// Whether the other accounts are loaded (`load_accounts`).
    accounts_loaded: bool,
    /// Where the demo personas come from and how a fresh folder starts (for the reset).
    assets: AssetSource,
    plan: SeedPlan,
}

#[derive(Debug, Default)]
pub(super) struct Unsaved {
    pub(super) state: bool,
    /// Only the wall-clock anchor moved (every start): written with the next commit or at quit,
    /// never as a write of its own at start.
    pub(super) anchor: bool,
    pub(super) profiles: BTreeSet<String>,
    /// Accounts whose archive index was rebuilt while loading (derived: written with `flush`).
    pub(super) indexes: BTreeSet<String>,
    /// Accounts whose inbox header was rebuilt while loading.
    pub(super) headers: BTreeSet<String>,
}

/// A demo persona's asset file: the id is the file stem (`jiaoguan check` enforces it), so the
/// personas can be listed without parsing them.
struct PersonaFile {
    id: String,
    label: String,
    text: std::borrow::Cow<'static, str>,
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
        session.load_accounts()?;
        Ok(session)
    }

    /// What the first frame needs and nothing more: the state and the signed-in account with
    /// its messages. Seeds are kept in memory and written by `load_rest`, after the first frame.
    pub fn open_current(dir: DataDir, assets: &AssetSource, plan: &SeedPlan) -> Result<Session> {
        let notices = dir.take_open_notices();
        let mut session = Session {
            dir,
            clock_at_open: plan.clock_start,
            state: SessionState::fresh(plan, 0),
            profiles: BTreeMap::new(),
            personas: Vec::new(),
            open: OpenSet::default(),
            viewed: Vec::new(),
            archive: BTreeMap::new(),
            bookable: OnDemand::ready(BTreeSet::new()),
            archived_seats: BTreeMap::new(),
            seats_taken: BTreeMap::new(),
            numbers_held: BTreeSet::new(),
            startable: BTreeMap::new(),
            inboxes: BTreeMap::new(),
            drafts: BTreeMap::new(),
            progress: ProgressPage::default(),
            notices,
            unsaved: Unsaved::default(),
            state_lost: false,
            accounts_loaded: false,
            assets: assets.clone(),
            plan: plan.clone(),
        };
        session.load_current()?;
        Ok(session)
    }

    fn load_current(&mut self) -> Result<()> {
        let plan = &self.plan;
        self.state = match self.dir.load::<SessionState>(STATE_FILE)? {
            Load::Ready(mut state) => {
                // An older file is rewritten in the current schema with the first commit.
                if state.schema_version < SessionState::SCHEMA_VERSION {
                    state.schema_version = SessionState::SCHEMA_VERSION;
                    self.unsaved.state = true;
                }
                state
            }
            Load::ReadOnly(state) => state,
            other => {
                self.notices.extend(other.notice());
                self.unsaved.state = true;
                // A first start has no marks to rebuild.
                self.state_lost = !(matches!(other, Load::Missing) && self.dir.is_fresh());
                SessionState::fresh(plan, 0)
            }
        };
        let personas = persona_files(&self.assets)?;
        let known = |id: &str| personas.iter().any(|p| p.id == id);
        if !known(&self.state.current_profile) {
            let fallback = if known(&plan.default_persona) {
                Some(plan.default_persona.clone())
            } else {
                personas.first().map(|p| p.id.clone())
            };
            self.state.current_profile =
                fallback.context("没有任何演示账号：assets/demo/personas/ 为空")?;
            self.unsaved.state = true;
        }
        self.clock_at_open = self.state.clock.now;
        let current = self.state.current_profile.clone();
        if let Some(persona) = personas.iter().find(|p| p.id == current) {
            self.load_profile(persona)?;
        }
        self.load_inbox(&current)
    }

    /// The trainer's reset inside the program: the one commit of `reset`, then the folder is
    /// read again as at start (seeding every account afresh).
    pub fn reset_in_place(&mut self) -> Result<()> {
        Session::reset(&self.dir, &self.plan)?;
        self.profiles.clear();
        self.personas.clear();
        self.open = OpenSet::default();
        self.viewed.clear();
        self.archive.clear();
        self.archived_seats.clear();
        self.seats_taken.clear();
        self.inboxes.clear();
        self.drafts.clear();
        self.progress = ProgressPage::default();
        self.unsaved = Unsaved::default();
        self.state_lost = false;
        self.accounts_loaded = false;
        self.load_current()?;
        let assets = self.assets.clone();
        self.load_rest(&assets)?;
        self.load_accounts()
    }

    /// After the first frame: the folder's housekeeping and the open applications (whose
    /// deadlines may have fallen due while the program was closed); then the seeds kept in
    /// memory are written. The other accounts wait for `load_accounts`.
    pub fn load_rest(&mut self, assets: &AssetSource) -> Result<()> {
        let tidied = self.dir.tidy();
        self.notices.extend(tidied);
        self.bookable = crate::assets::session_ids(assets)?;
        self.load_open_applications()?;
        self.count_seats();
        if self.state_lost {
            // Every account's files are counted for the numbers already used.
            self.load_accounts()?;
            self.recover_marks()?;
        }
        self.write_unsaved(false)
    }

    /// Every other account: its profile (seeded from its persona when the folder has none),
    /// archive index, messages and drafts; then the seats their archives keep are counted and
    /// the seeds written. Loaded once, the first time something needs another account (a
    /// screen other than a menu, an engine command, the clock moving on): an idle start on
    /// 首页 reads none of them. `Session::open` loads them at once.
    pub fn load_accounts(&mut self) -> Result<()> {
        if self.accounts_loaded {
            return Ok(());
        }
        for persona in persona_files(&self.assets)? {
            if !self.profiles.contains_key(&persona.id) {
                self.load_profile(&persona)?;
            }
        }
        // Drivers first, then learners (a 学习驾驶证明 on file), each by id: 设置 lists them so.
        let mut profiles: Vec<&Profile> = self.profiles.values().collect();
        profiles.sort_by_key(|p| (p.learner_permit.is_some(), p.id.clone()));
        self.personas = profiles
            .into_iter()
            .map(|p| PersonaSummary {
                id: p.id.clone(),
                name: p.name.clone(),
                persona: p.persona.clone(),
            })
            .collect();
        let ids: Vec<String> = self.profiles.keys().cloned().collect();
        for id in &ids {
            if self.archive.contains_key(id) {
                continue;
            }
            let index = history::load_index(&self.dir, id, &self.bookable, &mut self.notices)?;
            if index.rebuilt {
                self.unsaved.indexes.insert(id.clone());
            }
            self.archive.insert(id.clone(), index.value);
        }
        self.count_seats();
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
        self.accounts_loaded = true;
        self.write_unsaved(false)
    }

    /// One account's profile from the folder, or seeded from its persona (written later).
    fn load_profile(&mut self, persona: &PersonaFile) -> Result<()> {
        let file = profile_file(&persona.id);
        let profile = match self.dir.load::<Profile>(&file)? {
            Load::Ready(p) | Load::ReadOnly(p) => p,
            restored @ Load::Restored { .. } => {
                self.notices.extend(restored.notice());
                restored.into_value().context("恢复的资料应当可以读取")?
            }
            Load::Missing => {
                self.unsaved.profiles.insert(persona.id.clone());
                seed_profile(persona, self.state.clock.started_at.date())?
            }
            other => {
                // No good generation to go back to: the persona's demo seed, and saying so.
                self.notices.extend(other.notice().map(|n| {
                    format!(
                        "{n}；没有可恢复的保存，账号 {} 已恢复为演示初始数据",
                        persona.id
                    )
                }));
                self.unsaved.profiles.insert(persona.id.clone());
                seed_profile(persona, self.state.clock.started_at.date())?
            }
        };
        self.profiles.insert(persona.id.clone(), profile);
        Ok(())
    }

    /// One account's header and newest segment; an inbox in the old one-file form is split
    /// into segments first (once), and a lost header is rebuilt from the segments.
    fn load_inbox(&mut self, id: &str) -> Result<()> {
        history::migrate_legacy_inbox(&self.dir, id, &mut self.notices)?;
        let view = history::load_inbox(&self.dir, id, &mut self.notices)?;
        if view.rebuilt {
            self.unsaved.headers.insert(id.to_string());
        }
        self.inboxes.insert(id.to_string(), view.value);
        Ok(())
    }

    /// Every file in `applications/`: open ones join the open set; a finished one (a folder
    /// written before the archive existed) is moved to the archive, in batches of one commit.
    fn load_open_applications(&mut self) -> Result<()> {
        let mut finished = Vec::new();
        for file in self
            .dir
            .list(APPLICATION_DIR, "ron")
            .context("无法列出 applications 目录")?
        {
            let loaded = self.dir.load::<Application>(&file)?;
            self.notices.extend(loaded.notice());
            if let Some(mut app) = loaded.into_value() {
                upcast::claim_seats(&mut app, &self.bookable);
                if app.is_finished() && !self.dir.is_read_only(&file) {
                    finished.push(app);
                } else {
                    self.open.insert(app);
                }
            }
        }
        if !finished.is_empty() {
            // Moving them updates their accounts' archive indexes.
            self.load_accounts()?;
            let moved = history::archive_finished(self, finished)?;
            self.notices.push(format!(
                "已把{moved}份已办结的申请移入 archive/（数据目录升级）"
            ));
        }
        Ok(())
    }

    /// `state.ron` was lost: no number is reused and the clock does not go back. The highest
    /// serial of every file name (open, archived, quarantined, from a newer build) and the
    /// latest event and message times are the marks.
    fn recover_marks(&mut self) -> Result<()> {
        let highest = history::highest_serial(self)?;
        self.state.applications_created = self.state.applications_created.max(highest);
        let latest = [
            self.open.latest_event(),
            self.archive.values().filter_map(|i| i.latest()).max(),
            self.inboxes.values().filter_map(|i| i.header.latest).max(),
        ]
        .into_iter()
        .flatten()
        .max();
        if let Some(latest) = latest {
            self.state.clock.advance_to(latest);
        }
        self.unsaved.state = true;
        self.state_lost = false;
        Ok(())
    }

    /// Writes what was seeded, rebuilt or changed in memory only, as one commit (at quit). A
    /// folder opened read-only keeps it in memory: browsing needs no write.
    pub fn flush(&mut self) -> Result<()> {
        self.write_unsaved(true)
    }

    /// `flush`; `with_anchor: false` (after loading) leaves a moved wall-clock anchor alone
    /// when nothing else changed, so that a start writes nothing.
    fn write_unsaved(&mut self, with_anchor: bool) -> Result<()> {
        if self.dir.unwritable().is_some() {
            return Ok(());
        }
        let mut ops = Vec::new();
        for id in &self.unsaved.indexes {
            if let Some(index) = self.archive.get(id) {
                ops.push(self.dir.put(&history::index_file(id), index, false)?);
            }
        }
        for id in &self.unsaved.headers {
            if let Some(view) = self.inboxes.get(id) {
                ops.push(self.dir.put(&inbox_header_file(id), &view.header, false)?);
            }
        }
        let state = self.unsaved.state || (with_anchor && self.unsaved.anchor);
        if state && !self.dir.is_read_only(STATE_FILE) {
            ops.push(self.dir.put(STATE_FILE, &self.state, false)?);
        }
        for id in &self.unsaved.profiles {
            let file = profile_file(id);
            if let Some(profile) = self.profiles.get(id)
                && !self.dir.is_read_only(&file)
            {
                ops.push(self.dir.put(&file, profile, false)?);
            }
        }
        self.dir.commit(ops).map_err(anyhow::Error::new)?;
        let anchor = self.unsaved.anchor && !state;
        self.unsaved = Unsaved {
            anchor,
            ..Unsaved::default()
        };
        Ok(())
    }

    /// `--reset-demo`: one command that removes every account, application, message and draft,
    /// so that `open` seeds them afresh; a crash part-way leaves the folder as it was or reset,
    /// never between. Numbering goes on from where it was (no number is ever reused); the clock
    /// returns to the demo start the personas are dated from. Quarantined files stay.
    pub fn reset(dir: &DataDir, plan: &SeedPlan) -> Result<()> {
        let kept = match dir.load::<SessionState>(STATE_FILE)? {
            Load::Ready(state) | Load::ReadOnly(state) => state.applications_created,
            _ => 0,
        };
        let mut ops: Vec<Op> = [
            PROFILE_DIR,
            APPLICATION_DIR,
            ARCHIVE_DIR,
            INBOX_DIR,
            DRAFT_DIR,
        ]
        .into_iter()
        .map(|folder| Op::DeleteTree {
            path: folder.to_string(),
        })
        .collect();
        let highest = kept.max(history::highest_serial_in(dir)?);
        let state = SessionState::fresh(plan, highest);
        ops.push(dir.put(STATE_FILE, &state, false)?);
        dir.commit(ops)
            .map_err(anyhow::Error::new)
            .context("演示数据重置失败")
    }

    pub fn dir(&self) -> &DataDir {
        &self.dir
    }

    /// Whether every account is loaded (`load_accounts`).
    pub fn accounts_loaded(&self) -> bool {
        self.accounts_loaded
    }

    /// The signed-in account.
    pub fn profile(&self) -> Option<&Profile> {
        self.profiles.get(&self.state.current_profile)
    }

    /// 登录 as another persona; saved at once.
    pub fn switch_to(&mut self, id: &str) -> Result<()> {
        anyhow::ensure!(self.profiles.contains_key(id), "没有名为 {id} 的演示账号");
        let mut state = self.state.clone();
        state.current_profile = id.to_string();
        self.dir
            .commit(vec![self.dir.put(STATE_FILE, &state, false)?])
            .map_err(anyhow::Error::new)?;
        self.state = state;
        Ok(())
    }

    /// An application written by a newer jiaoguan: shown, never advanced or rewritten.
    pub fn is_read_only_application(&self, number: &str) -> bool {
        self.dir.is_read_only(&application_file(number))
    }

    pub fn draft(&self, flow_id: &str) -> Option<&Draft> {
        self.drafts
            .get(&(self.state.current_profile.clone(), flow_id.to_string()))
    }

    /// Adds up the seats every account's archive keeps, then the seats held per session, and
    /// the plate numbers open applications hold.
    pub(super) fn count_seats(&mut self) {
        self.numbers_held = crate::engine::projections::numbers_held(&self.open);
        self.archived_seats.clear();
        for (session, seats) in self.archive.values().flat_map(|i| &i.seats) {
            *self.archived_seats.entry(session.clone()).or_default() += seats;
        }
        // The sessions an application claimed: every other has no seat taken.
        let claimed = self
            .open
            .values()
            .flat_map(crate::engine::archive::booked_sessions)
            .chain(self.archived_seats.keys())
            .cloned()
            .collect::<BTreeSet<String>>();
        self.seats_taken = claimed
            .iter()
            .map(|id| {
                let taken = seats_taken(&self.open, &self.archived_seats, id);
                (id.clone(), taken)
            })
            .collect();
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
        // Written with the next commit or at quit: a start on its own writes nothing.
        self.unsaved.anchor = true;
    }
}
