//! Reference data the screens and the engine read: the working-day calendar, the sample photos,
//! the address regions, the bookable sessions, the question bank, the registry of car owners. Plain data: `app` fills it
//! (through `assets.rs`, once, after the first frame), `ui` and `engine` only read it.

use crate::domain::address::RegionTree;
use crate::domain::attachment::Attachments;
use crate::domain::calendar::WorkCalendar;
use crate::domain::exam::QuestionBank;
use crate::domain::fee::FeeTable;
use crate::domain::photo::PhotoAlbum;
use crate::domain::plate_pool::PlatePools;
use crate::domain::registry::OwnerRegistry;
use crate::domain::rules::review::EducationRules;
use crate::domain::rules::vehicle::VehicleRules;
use crate::domain::service_point::ServicePoints;
use crate::domain::venue::SessionList;
use crate::on_demand::OnDemand;

#[derive(Debug)]
pub struct Resources {
    pub calendar: WorkCalendar,
    pub photos: PhotoAlbum,
    pub regions: RegionTree,
    pub sessions: SessionList,
    /// Parsed at the first exam or study, not at start (`assets.rs`).
    pub questions: OnDemand<QuestionBank>,
    /// Owners of cars who are not personas (an owner a non-owner filing asks).
    pub owners: OwnerRegistry,
    /// Sample documents to attach, by album.
    pub attachments: Attachments,
    /// Fees by item and city, from the config (the app copies them in).
    pub fees: FeeTable,
    /// Where cards are collected, by city.
    pub service_points: ServicePoints,
    /// What the 车管所 sets for vehicles, from the config (the app copies it in).
    pub vehicle_rules: VehicleRules,
    /// What the office sets for 审验 and 满分 education, from the config.
    pub education_rules: EducationRules,
    /// The numbers each office offers to 选号.
    pub plate_pools: PlatePools,
    /// The training scenarios (`training/*.ron`), for 我的 > 培训模式: empty until it first
    /// opens (`assets::parse_scenarios`).
    pub scenarios: Vec<crate::flow::training::Scenario>,
}

impl Resources {
    /// Nothing loaded yet (before the first frame): no holidays, photos or regions.
    pub fn empty() -> Resources {
        Resources {
            calendar: WorkCalendar::default(),
            photos: PhotoAlbum::default(),
            regions: RegionTree::default(),
            sessions: SessionList::default(),
            questions: OnDemand::ready(QuestionBank::default()),
            owners: OwnerRegistry::default(),
            attachments: Attachments::default(),
            fees: FeeTable::default(),
            service_points: ServicePoints::default(),
            vehicle_rules: crate::config::Config::default().vehicles,
            education_rules: crate::config::Config::default().education,
            plate_pools: PlatePools::default(),
            scenarios: Vec::new(),
        }
    }
}
