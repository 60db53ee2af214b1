//! One read-only view of the facts a decision reads: the profile, the answers, today, the
//! application's records, the reference data, the seats other applications hold and the
//! applicant's open applications. Guards, effects, the field rules, the wizard and the screens
//! read the same view, built once per decision (`Log::facts` in the engine, `Ctx::facts` on a
//! screen), so the engine never accepts at 提交 what the screen would have refused.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::application::Record;
use super::open_set::OpenSet;
use crate::domain::phone::Phone;
use crate::domain::plate::Plate;
use crate::domain::profile::Ownership;
use crate::domain::profile::{LearnerPermit, Licence, Profile, Vehicle};
use crate::domain::registry::{filing_code, is_filing_code};
use crate::domain::rules::{learner, vehicle, violation};
use crate::domain::vin::Vin;
use crate::domain::violation::Violation;
use crate::flow::Catalog;
use crate::flow::process::{Subject, VehicleFilter, ViolationFilter};
use crate::resources::Resources;

/// The answer that holds the subject's key.
pub const SUBJECT: &str = "subject";

pub struct Facts<'a> {
    pub profile: &'a Profile,
    pub today: NaiveDate,
    pub answers: &'a BTreeMap<String, String>,
    /// The application's records; none before 提交.
    pub records: &'a [Record],
    pub resources: &'a Resources,
    /// The day the simulated clock started: demo sessions and registry dates count from it.
    pub clock_start: NaiveDate,
    /// Seats of each session held by applications made in the app (`projections`).
    pub seats_taken: &'a BTreeMap<String, u32>,
    /// Plate numbers held by open applications: shown as candidates or chosen and reserved
    /// (`projections::numbers_held`).
    pub numbers_held: &'a BTreeSet<String>,
    /// The applicant's open applications.
    pub applications: Vec<ApplicationRef>,
    /// Every account of the data folder, the applicant's included: the owner of a car found by
    /// its plate, and who filed a car as non-own.
    pub accounts: &'a BTreeMap<String, Profile>,
}

/// Another application of the applicant's, as a subject sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRef {
    pub number: String,
    pub flow_id: String,
    pub title: String,
    /// The stage it waits in, and that stage's title.
    pub stage: Option<String>,
    pub stage_title: String,
    /// What it was submitted with (the subject booked, the session), for a business about it.
    pub answers: BTreeMap<String, String>,
}

/// The applicant's open applications, each with its business's title and its stage.
pub fn applications_of(open: &OpenSet, applicant: &str, catalog: &Catalog) -> Vec<ApplicationRef> {
    open.iter()
        .filter(|t| t.application.applicant == applicant && t.state.outcome.is_none())
        .map(|t| {
            let flow = catalog.flow(&t.application.flow_id);
            let stage = t.state.stage.clone();
            let stage_title = flow
                .and_then(|f| f.process.as_ref())
                .zip(stage.as_deref())
                .and_then(|(p, id)| p.stage(id))
                .map_or_else(String::new, |s| s.title.clone());
            ApplicationRef {
                number: t.application.number.clone(),
                flow_id: t.application.flow_id.clone(),
                title: flow.map_or_else(String::new, |f| f.title.clone()),
                stage,
                stage_title,
                answers: t.state.answers.clone(),
            }
        })
        .collect()
}

/// One entry of the subject page: the key recorded, what is shown, and why it cannot be
/// chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectChoice {
    pub key: String,
    pub shown: String,
    pub refused: Option<String>,
}

/// The owner of someone else's vehicle: an account of the data folder, or one of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub name: String,
    pub phone: Phone,
    /// The account, when the owner is one (the SMS then arrives in its 消息).
    pub account: Option<String>,
    /// Non-owner filers outside the app, by name.
    pub filed_outside: Vec<String>,
}

/// The subject an application is for, found from its key.
#[derive(Debug)]
pub enum Resolved<'a> {
    Licence(&'a Licence),
    Learner(&'a LearnerPermit),
    Vehicle(&'a Vehicle),
    OtherVehicle { owner: Owner, vehicle: Box<Vehicle> },
    Application(ApplicationRef),
    Violation(&'a Violation),
}

impl<'a> Facts<'a> {
    /// Police reviews that rejected the application so far.
    pub fn review_rejections(&self) -> u32 {
        super::application::review_rejections(self.records)
    }

    /// What the subject page offers for `subject`, each with why it cannot be chosen; a
    /// subject found by typing (`OtherVehicle`) offers nothing to pick.
    pub fn choices(&self, subject: &Subject) -> Vec<SubjectChoice> {
        let profile = self.profile;
        match subject {
            Subject::Licence => profile
                .licence
                .iter()
                .map(|l| SubjectChoice {
                    key: l.file_number.clone(),
                    shown: format!(
                        "本人驾驶证  {}  准驾车型 {}  {}",
                        profile.id_number.masked(),
                        l.classes,
                        l.status_shown(self.today)
                    ),
                    refused: None,
                })
                .collect(),
            Subject::Learner => profile
                .learner_permit
                .iter()
                .map(|p| SubjectChoice {
                    key: p.number.clone(),
                    shown: format!(
                        "学习驾驶证明  {}  准驾车型 {}  {}",
                        p.number,
                        p.classes,
                        p.valid_until
                            .map_or("科目一合格后核发".to_string(), |d| format!(
                                "有效期至 {d}"
                            ))
                    ),
                    refused: learner::permit_valid(p, self.today).err(),
                })
                .collect(),
            Subject::Vehicle(filter) => profile
                .vehicles
                .iter()
                .map(|v| {
                    let plate = match (&v.plate, &v.transferred_out) {
                        (Some(p), _) => p.spaced(),
                        (None, Some(out)) => format!("待转入（原 {}）", out.old_plate.spaced()),
                        (None, None) => "未登记".to_string(),
                    };
                    let admitted = match filter {
                        VehicleFilter::Registered => vehicle::registered(v),
                        VehicleFilter::Unregistered => vehicle::unregistered(v),
                        VehicleFilter::AwaitingNewNumber => vehicle::awaiting_new_number(v),
                        VehicleFilter::ExemptSignDue => vehicle::registered(v)
                            .and_then(|()| {
                                let rules = &self.resources.vehicle_rules.exemption;
                                vehicle::inspection_exempt(v, rules)
                            })
                            .and_then(|()| vehicle::sign_window_open(v, self.today)),
                    };
                    SubjectChoice {
                        key: v.vin.as_str().to_string(),
                        shown: format!("{plate}  {}  {}", v.kind.label(), v.model),
                        refused: vehicle::owned(v).and(admitted).err(),
                    }
                })
                .collect(),
            Subject::OtherVehicle => Vec::new(),
            Subject::Violation(filter) => profile
                .violations
                .iter()
                .filter(|v| match filter {
                    ViolationFilter::Undecided => !v.handled,
                    ViolationFilter::FineUnpaid => v.handled && !v.fine_paid,
                })
                .map(|v| SubjectChoice {
                    key: v.record_number(),
                    shown: format!(
                        "{}  记{}分 罚款{}元  {}（{}）",
                        v.committed_at(),
                        v.points,
                        v.fine_yuan,
                        v.description,
                        v.place
                    ),
                    refused: match filter {
                        ViolationFilter::Undecided => {
                            violation::decidable_online(v).and_then(|()| {
                                violation::points_acceptable_online(profile, v, self.today)
                            })
                        }
                        ViolationFilter::FineUnpaid => violation::fine_payable(v),
                    }
                    .err(),
                })
                .collect(),
            Subject::Application { flow, stages } => self
                .applications
                .iter()
                .filter(|a| a.flow_id == *flow)
                .map(|a| SubjectChoice {
                    key: a.number.clone(),
                    shown: format!(
                        "{}  受理编号 {}  {}{}",
                        a.title,
                        a.number,
                        self.booked_of(a)
                            .map_or(String::new(), |b| format!("{b}  ")),
                        a.stage_title
                    ),
                    refused: (!stages
                        .iter()
                        .any(|s| a.stage.as_deref() == Some(s.as_str())))
                    .then(|| format!("该申请当前处于「{}」，不能办理本业务", a.stage_title)),
                })
                .collect(),
        }
    }

    /// The subject the answers name, or why it cannot be the subject.
    pub fn resolve(&self, subject: &Subject) -> Result<Resolved<'a>, String> {
        let key = self
            .answers
            .get(SUBJECT)
            .map(|k| k.trim())
            .filter(|k| !k.is_empty())
            .ok_or("未选择办理对象")?;
        if let Subject::OtherVehicle = subject {
            if let Ok(plate) = Plate::parse(key) {
                vehicle::not_own(self.profile, &plate)?;
            }
            let (owner, vehicle) = self.other_vehicle(key)?;
            if let Some(plate) = &vehicle.plate {
                vehicle::not_own(self.profile, plate)?;
            }
            return Ok(Resolved::OtherVehicle {
                owner,
                vehicle: Box::new(vehicle),
            });
        }
        let choice = self
            .choices(subject)
            .into_iter()
            .find(|c| c.key == key)
            .ok_or_else(|| format!("名下没有可办理的对象 {key}"))?;
        if let Some(reason) = choice.refused {
            return Err(format!("「{}」不可选，{reason}", choice.shown));
        }
        let profile = self.profile;
        let missing = || format!("名下没有可办理的对象 {key}");
        Ok(match subject {
            Subject::Licence => Resolved::Licence(profile.licence.as_ref().ok_or_else(missing)?),
            Subject::Learner => {
                Resolved::Learner(profile.learner_permit.as_ref().ok_or_else(missing)?)
            }
            Subject::Vehicle(_) => {
                Resolved::Vehicle(vehicle::chosen(profile, key).ok_or_else(missing)?)
            }
            Subject::Application { .. } => Resolved::Application(
                self.applications
                    .iter()
                    .find(|a| a.number == key)
                    .cloned()
                    .ok_or_else(missing)?,
            ),
            Subject::Violation(_) => Resolved::Violation(self.chosen_violation()?),
            Subject::OtherVehicle => return Err(missing()),
        })
    }

    /// Whether the business can be started: its precheck holds and its subject page offers
    /// something that can be chosen (a subject typed on the page always can).
    pub fn can_start(&self, process: &crate::flow::process::Process) -> bool {
        let precheck = process
            .precheck
            .as_ref()
            .is_none_or(|g| super::rules::check(g, self).is_ok());
        let subject = matches!(process.subject, Subject::OtherVehicle)
            || self
                .choices(&process.subject)
                .iter()
                .any(|c| c.refused.is_none());
        precheck && subject
    }

    /// What another application booked, as its subject page shows it: the exam subject and
    /// the session (`科目二  广州市…考试场  2026-12-12 08:30-11:30`).
    pub fn booked_of(&self, application: &ApplicationRef) -> Option<String> {
        let session = application
            .answers
            .values()
            .find_map(|v| self.resources.sessions.get(v, self.clock_start))?;
        let subject = application
            .answers
            .values()
            .find_map(|v| crate::domain::driving_test::ExamSubject::from_code(v))
            .map_or(String::new(), |s| format!("{}  ", s.label()));
        Some(format!(
            "{subject}{}",
            session.place_and_time(self.clock_start)
        ))
    }

    /// Someone else's vehicle, found by its plate or by the 备案码 of its 机动车二维码: among the
    /// accounts' own vehicles first (the owner then reads the SMS in their 消息), then in the
    /// registry of owners who never sign in.
    fn other_vehicle(&self, key: &str) -> Result<(Owner, Vehicle), String> {
        let by_code = is_filing_code(key) && Plate::parse(key).is_err();
        let plate = if by_code {
            None
        } else {
            Some(Plate::parse(key).map_err(|e| format!("号牌号码：{e}"))?)
        };
        let code = key.to_ascii_uppercase().replace(' ', "");
        let matches = |v: &Vin, p: Option<&Plate>| match &plate {
            Some(plate) => p == Some(plate),
            None => filing_code(v) == code,
        };
        let account = self.accounts.values().find_map(|a| {
            a.vehicles
                .iter()
                .find(|v| v.ownership == Ownership::Own && matches(&v.vin, v.plate.as_ref()))
                .map(|v| (a, v.clone()))
        });
        let (owner, vehicle) = match account {
            Some((a, v)) => (
                Owner {
                    name: a.name.clone(),
                    phone: a.phone.clone(),
                    account: Some(a.id.clone()),
                    filed_outside: Vec::new(),
                },
                v,
            ),
            None => {
                let (o, v) = self
                    .resources
                    .owners
                    .find(self.clock_start, |v| matches(&v.vin, v.plate.as_ref()))
                    .ok_or_else(|| match &plate {
                        Some(plate) => format!("未查询到号牌为 {plate} 的机动车，请核对号牌号码"),
                        None => format!("备案码 {code} 无效，请核对车主机动车二维码下方的备案码"),
                    })?;
                let outside = v
                    .plate
                    .as_ref()
                    .and_then(|p| o.filed_by.get(p.as_str()))
                    .cloned()
                    .unwrap_or_default();
                (
                    Owner {
                        name: o.name.clone(),
                        phone: o.phone.clone(),
                        account: None,
                        filed_outside: outside,
                    },
                    v,
                )
            }
        };
        Ok((owner, vehicle))
    }

    /// Who filed the vehicle with this VIN as non-own: accounts of the data folder, by name.
    pub fn filers_of(&self, vin: &Vin) -> Vec<String> {
        self.accounts
            .values()
            .filter(|a| {
                a.vehicles.iter().any(|v| {
                    v.vin == *vin && matches!(v.ownership, Ownership::FiledNonOwned { .. })
                })
            })
            .map(|a| a.name.clone())
            .collect()
    }

    /// The user's own vehicle the answers name (what a vehicle rule reads).
    /// The violation record the answers name, by its 违法编号.
    pub fn chosen_violation(&self) -> Result<&'a Violation, String> {
        let key = self.answers.get(SUBJECT).ok_or("未选择违法记录")?;
        self.profile
            .violations
            .iter()
            .find(|v| v.record_number() == *key)
            .ok_or_else(|| format!("未查询到违法记录 {key}"))
    }

    pub fn chosen_vehicle(&self) -> Result<&'a Vehicle, String> {
        let key = self.answers.get(SUBJECT).ok_or("未选择机动车")?;
        vehicle::chosen(self.profile, key).ok_or_else(|| format!("名下没有机动车 {key}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::licence_class::LicenceClasses;
    use crate::domain::profile::DayOffset;
    use crate::domain::registry::OwnerRegistry;
    use crate::on_demand::OnDemand;

    /// No other account in the data folder: a car is found in the registry only.
    static NO_NUMBERS: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    static NO_ACCOUNTS: BTreeMap<String, Profile> = BTreeMap::new();

    fn start() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default()
    }

    fn persona(text: &str) -> Profile {
        let persona: Profile<DayOffset> = ron::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        persona.dated(start())
    }

    fn resources() -> Resources {
        let owners: OwnerRegistry = ron::from_str(include_str!("../../assets/demo/owners.ron"))
            .unwrap_or_else(|e| panic!("{e}"));
        Resources {
            owners: OnDemand::ready(owners),
            ..Resources::empty()
        }
    }

    /// The facts of `profile` with `subject` answered.
    fn with<'a>(
        profile: &'a Profile,
        resources: &'a Resources,
        answers: &'a BTreeMap<String, String>,
        seats: &'a BTreeMap<String, u32>,
        applications: Vec<ApplicationRef>,
    ) -> Facts<'a> {
        Facts {
            profile,
            today: start(),
            answers,
            records: &[],
            resources,
            clock_start: start(),
            seats_taken: seats,
            numbers_held: &NO_NUMBERS,
            applications,
            accounts: &NO_ACCOUNTS,
        }
    }

    fn answer(key: &str) -> BTreeMap<String, String> {
        BTreeMap::from([(SUBJECT.to_string(), key.to_string())])
    }

    #[test]
    fn a_vehicle_business_offers_own_cars_its_filter_admits() {
        let owner = persona(include_str!("../../assets/demo/personas/new_car_owner.ron"));
        let resources = resources();
        let seats = BTreeMap::new();
        let none = BTreeMap::new();
        let facts = with(&owner, &resources, &none, &seats, Vec::new());
        let registered = facts.choices(&Subject::Vehicle(VehicleFilter::Registered));
        let new = facts.choices(&Subject::Vehicle(VehicleFilter::Unregistered));
        let open = |choices: &[SubjectChoice]| {
            choices
                .iter()
                .filter(|c| c.refused.is_none())
                .map(|c| c.key.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(open(&registered), ["LHGCV1654M8047195"]);
        assert_eq!(open(&new), ["LGXC74C40T0318562"]);
        let answers = answer("LHGCV1654M8047195");
        let facts = with(&owner, &resources, &answers, &seats, Vec::new());
        let refused = facts
            .resolve(&Subject::Vehicle(VehicleFilter::Unregistered))
            .expect_err("registered");
        assert!(
            refused.contains("已注册登记，号牌号码为 粤A27J58"),
            "{refused}"
        );
        assert!(matches!(
            facts.resolve(&Subject::Vehicle(VehicleFilter::Registered)),
            Ok(Resolved::Vehicle(v)) if v.vin.as_str() == "LHGCV1654M8047195"
        ));
    }

    #[test]
    fn someone_elses_car_is_found_by_plate_with_its_owner() {
        let filer = persona(include_str!(
            "../../assets/demo/personas/non_owned_filer.ron"
        ));
        let me = persona(include_str!("../../assets/demo/personas/ordinary_c1.ron"));
        let resources = resources();
        let seats = BTreeMap::new();
        let typed = answer("京Q 8M2K6");
        let facts = with(&filer, &resources, &typed, &seats, Vec::new());
        let Ok(Resolved::OtherVehicle { owner, vehicle }) = facts.resolve(&Subject::OtherVehicle)
        else {
            panic!("found");
        };
        assert_eq!(owner.name, "张建国");
        assert_eq!(owner.phone.as_str(), "13701086352");
        assert_eq!(owner.account, None, "a registry owner signs in nowhere");
        assert_eq!(vehicle.vin.as_str(), "LSVAU2180N2154368");
        assert_eq!(
            vehicle.insurance_valid_until,
            start().checked_add_days(chrono::Days::new(210))
        );
        let by_code = answer(&crate::domain::registry::filing_code(&vehicle.vin));
        let facts = with(&filer, &resources, &by_code, &seats, Vec::new());
        assert!(
            matches!(facts.resolve(&Subject::OtherVehicle), Ok(Resolved::OtherVehicle { vehicle: found, .. }) if found.vin == vehicle.vin),
            "the 备案码 under the QR code finds the same car"
        );
        let unknown = answer("京A12345");
        let facts = with(&me, &resources, &unknown, &seats, Vec::new());
        let why = facts.resolve(&Subject::OtherVehicle).expect_err("unknown");
        assert!(why.contains("未查询到号牌为 京A12345 的机动车"), "{why}");
        let own = answer("京NF5R28");
        let facts = with(&me, &resources, &own, &seats, Vec::new());
        let why = facts.resolve(&Subject::OtherVehicle).expect_err("own");
        assert!(why.contains("登记在本人名下"), "{why}");
        let bad = answer("京A1234");
        let facts = with(&me, &resources, &bad, &seats, Vec::new());
        let why = facts
            .resolve(&Subject::OtherVehicle)
            .expect_err("malformed");
        assert!(why.starts_with("号牌号码：号牌长度应为7位"), "{why}");
    }

    #[test]
    fn a_learner_is_offered_a_permit_while_it_is_valid() {
        let mut learner = persona(include_str!(
            "../../assets/demo/personas/probation_driver.ron"
        ));
        learner.licence = None;
        learner.learner_permit = Some(LearnerPermit {
            number: "440100202500381".into(),
            classes: LicenceClasses::parse("C1").unwrap_or_else(|e| panic!("{e}")),
            accepted_on: start(),
            issued_on: Some(start()),
            valid_until: Some(start()),
            school: "广州市白云驾驶培训有限公司".into(),
            sittings: Vec::new(),
            unallocated: 0,
            voided_on: None,
        });
        let resources = resources();
        let seats = BTreeMap::new();
        let answers = answer("440100202500381");
        let facts = with(&learner, &resources, &answers, &seats, Vec::new());
        assert!(matches!(
            facts.resolve(&Subject::Learner),
            Ok(Resolved::Learner(p)) if p.number == "440100202500381"
        ));
        assert!(facts.choices(&Subject::Licence).is_empty());
        let later = Facts {
            today: start().succ_opt().unwrap_or_default(),
            ..with(&learner, &resources, &answers, &seats, Vec::new())
        };
        let why = later.resolve(&Subject::Learner).expect_err("lapsed");
        assert!(why.contains("学习驾驶证明已于"), "{why}");
    }

    #[test]
    fn an_application_subject_must_wait_in_the_named_stage() {
        let me = persona(include_str!("../../assets/demo/personas/ordinary_c1.ron"));
        let resources = resources();
        let seats = BTreeMap::new();
        let booking = |number: &str, stage: &str, title: &str| ApplicationRef {
            number: number.into(),
            flow_id: "exam_booking".into(),
            title: "预约考试".into(),
            stage: Some(stage.into()),
            stage_title: title.into(),
            answers: BTreeMap::new(),
        };
        let open = vec![
            booking("20260302000001", "allocated", "预约成功"),
            booking("20260302000002", "queued", "排队中"),
        ];
        let subject = Subject::Application {
            flow: "exam_booking".into(),
            stages: vec!["allocated".into()],
        };
        let answers = answer("20260302000002");
        let facts = with(&me, &resources, &answers, &seats, open.clone());
        assert_eq!(facts.choices(&subject).len(), 2);
        let why = facts.resolve(&subject).expect_err("still queued");
        assert!(why.contains("该申请当前处于「排队中」"), "{why}");
        let answers = answer("20260302000001");
        let facts = with(&me, &resources, &answers, &seats, open);
        assert!(matches!(
            facts.resolve(&subject),
            Ok(Resolved::Application(a)) if a.number == "20260302000001"
        ));
    }

    #[test]
    fn the_licence_is_offered_with_its_status() {
        let me = persona(include_str!("../../assets/demo/personas/ordinary_c1.ron"));
        let resources = resources();
        let seats = BTreeMap::new();
        let none = BTreeMap::new();
        let facts = with(&me, &resources, &none, &seats, Vec::new());
        let choices = facts.choices(&Subject::Licence);
        assert_eq!(choices.len(), 1);
        assert!(
            choices[0].shown.contains("准驾车型 C1  正常"),
            "{:?}",
            choices[0]
        );
        assert_eq!(
            facts.resolve(&Subject::Licence).err().as_deref(),
            Some("未选择办理对象")
        );
    }
}
