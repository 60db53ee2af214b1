//! The signed-in account and the simulated clock, loaded from and saved to the data folder.
//! Demo personas from the assets seed the folder on first run and on `--reset-demo`.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::assets::AssetSource;
use crate::domain::profile::{DayOffset, PROFILE_SCHEMA_VERSION, Profile};
use crate::engine::SimClock;
use crate::store::{DataDir, Load, Versioned, from_ron};
use crate::ui::PersonaSummary;

const STATE_FILE: &str = "state.ron";
const PROFILE_DIR: &str = "profiles";

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
}

impl Versioned for SessionState {
    const SCHEMA_VERSION: u32 = 1;
    const KIND: &'static str = "运行状态";
}

impl Versioned for Profile {
    const SCHEMA_VERSION: u32 = PROFILE_SCHEMA_VERSION;
    const KIND: &'static str = "个人资料";
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
    /// Files that were moved aside or skipped while loading, to tell the operator.
    pub notices: Vec<String>,
}

/// Every demo persona in the assets, with dates still relative to the clock's start.
fn demo_personas(assets: &AssetSource) -> Result<Vec<Profile<DayOffset>>> {
    assets
        .files("demo/personas/")?
        .into_iter()
        .map(|file| {
            from_ron::<Profile<DayOffset>>(&file.text)
                .map_err(|e| {
                    anyhow::anyhow!(
                        "第{}行第{}列：{}",
                        e.span.start.line,
                        e.span.start.col,
                        e.code
                    )
                })
                .with_context(|| format!("演示账号 {} 有误", assets.display_name(&file.name)))
        })
        .collect()
}

impl Session {
    /// Loads the folder, seeding whatever is missing from the demo personas. A file that cannot
    /// be read is moved to `quarantine/` by the store and reseeded, and the move is reported.
    pub fn open(dir: DataDir, assets: &AssetSource, plan: &SeedPlan) -> Result<Session> {
        let mut notices = Vec::new();
        let personas = demo_personas(assets)?;
        let state = match dir.load::<SessionState>(STATE_FILE)? {
            Load::Ready(state) | Load::ReadOnly(state) => state,
            other => {
                notices.extend(other.notice());
                let state = SessionState {
                    schema_version: SessionState::SCHEMA_VERSION,
                    current_profile: plan.default_persona.clone(),
                    clock: SimClock::starting_at(plan.clock_start),
                    seed: plan.seed,
                };
                if !dir.is_read_only(STATE_FILE) {
                    dir.save(STATE_FILE, &state)?;
                }
                state
            }
        };
        let start = state.clock.started_at.date();
        let mut profiles = BTreeMap::new();
        for persona in personas {
            let file = profile_file(&persona.id);
            let profile = match dir.load::<Profile>(&file)? {
                Load::Ready(p) | Load::ReadOnly(p) => p,
                other => {
                    notices.extend(other.notice());
                    let fresh = persona.dated(start);
                    if !dir.is_read_only(&file) {
                        dir.save(&file, &fresh)?;
                    }
                    fresh
                }
            };
            profiles.insert(profile.id.clone(), profile);
        }
        let personas = profiles
            .values()
            .map(|p| PersonaSummary {
                id: p.id.clone(),
                name: p.name.clone(),
                persona: p.persona.clone(),
            })
            .collect();
        let mut session = Session {
            dir,
            state,
            profiles,
            personas,
            notices,
        };
        if !session
            .profiles
            .contains_key(&session.state.current_profile)
        {
            let fallback = session
                .profiles
                .keys()
                .find(|id| **id == plan.default_persona)
                .or_else(|| session.profiles.keys().next())
                .cloned()
                .context("没有任何演示账号：assets/demo/personas/ 为空")?;
            session.state.current_profile = fallback;
            session.save_state()?;
        }
        Ok(session)
    }

    /// Removes the profiles and the state so that `open` seeds them afresh. Quarantined files
    /// stay where they are.
    pub fn reset(dir: &DataDir) -> Result<()> {
        for file in dir
            .list(PROFILE_DIR, "ron")
            .context("无法列出 profiles 目录")?
        {
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

    fn save_state(&self) -> Result<()> {
        self.dir.save(STATE_FILE, &self.state)
    }
}
