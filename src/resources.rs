//! Reference data the screens and the engine read: the working-day calendar, the sample photos,
//! the address regions, the bookable sessions, the question bank, the registry of car owners. Plain data: `app` fills it
//! (through `assets.rs`: each file when first read), `ui` and `engine` only read it.

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

/// Every file-backed part is parsed when first read (`OnDemand`): an idle start reads none.
#[derive(Debug)]
pub struct Resources {
    pub calendar: OnDemand<WorkCalendar>,
    pub photos: OnDemand<PhotoAlbum>,
    pub regions: OnDemand<RegionTree>,
    pub sessions: OnDemand<SessionList>,
    pub questions: OnDemand<QuestionBank>,
    /// Owners of cars who are not personas (an owner a non-owner filing asks).
    pub owners: OnDemand<OwnerRegistry>,
    /// Sample documents to attach, by album.
    pub attachments: OnDemand<Attachments>,
    /// Fees by item and city, from the config (the app copies them in).
    pub fees: FeeTable,
    /// Where cards are collected, by city.
    pub service_points: OnDemand<ServicePoints>,
    /// What the 车管所 sets for vehicles, from the config (the app copies it in).
    pub vehicle_rules: VehicleRules,
    /// What the office sets for 审验 and 满分 education, from the config.
    pub education_rules: EducationRules,
    /// The numbers each office offers to 选号.
    pub plate_pools: OnDemand<PlatePools>,
    /// The training scenarios (`training/*.ron`), for 我的 > 培训模式: empty until it first
    /// opens (`assets::parse_scenarios`).
    pub scenarios: Vec<crate::flow::training::Scenario>,
}

impl Resources {
    /// Nothing loaded yet (before the first frame): no holidays, photos or regions.
    pub fn empty() -> Resources {
        Resources {
            calendar: OnDemand::ready(WorkCalendar::default()),
            photos: OnDemand::ready(PhotoAlbum::default()),
            regions: OnDemand::ready(RegionTree::default()),
            sessions: OnDemand::ready(SessionList::default()),
            questions: OnDemand::ready(QuestionBank::default()),
            owners: OnDemand::ready(OwnerRegistry::default()),
            attachments: OnDemand::ready(Attachments::default()),
            fees: FeeTable::default(),
            service_points: OnDemand::ready(ServicePoints::default()),
            vehicle_rules: crate::config::Config::default().vehicles,
            education_rules: crate::config::Config::default().education,
            plate_pools: OnDemand::ready(PlatePools::default()),
            scenarios: Vec::new(),
        }
    }
}
