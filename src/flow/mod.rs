//! Business definitions (one `assets/flows/<id>.ron` a business), the menu they hang in, and the
//! catalog that loads and lints them. Pure data: no terminal, no data folder.

pub mod catalog;
pub mod menu;
pub mod process;
pub mod rules;
pub mod search;
pub mod stages;
pub mod training;

use serde::Deserialize;

pub use catalog::{Catalog, Problem};
pub use menu::{MenuDef, MenuNode, NodeKind};

/// One business of the 业务中心, as its RON file describes it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FlowDef {
    /// Stable id, equal to the file stem (`new_car_plate_selection` for `new_car_plate_selection.ron`).
    pub id: String,
    /// Bumped when the steps change; an application stays on the version it started with.
    pub version: u32,
    /// The name on the button in the app, e.g. 新车选号.
    pub title: String,
    /// Every place the business is listed: each path names the menu nodes above it, from a
    /// top-level surface down, e.g. `["业务中心", "机动车业务"]` or `["我的驾驶证"]`.
    pub menu_paths: Vec<Vec<String>>,
    /// Position among its siblings (smaller first); ties go by title.
    pub order: u32,
    /// Extra search words people use for it (电子驾照 for 驾驶证电子版).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The 业务须知 page shown before 开始办理.
    pub notice: Notice,
    /// Other businesses linked from this one's notice page (驾驶证转入 from 驾驶证补换领).
    #[serde(default)]
    pub related: Vec<String>,
    /// The wizard and the stages behind 开始办理; a business without one says plainly that it
    /// is not yet handled online in the simulator.
    #[serde(default)]
    pub process: Option<process::Process>,
}

/// 业务须知: what the business is, who may apply, what to bring, how long it takes.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// 业务说明.
    pub summary: String,
    /// 申请条件.
    pub eligibility: Vec<String>,
    /// 所需材料.
    pub materials: Vec<String>,
    /// 办理时限.
    pub duration: String,
    /// 办理流程, the steps the app walks through.
    pub steps: Vec<String>,
    /// 温馨提示.
    #[serde(default)]
    pub tips: Vec<String>,
    /// 法规依据: the articles behind the rules above.
    #[serde(default)]
    pub basis: Vec<String>,
}
