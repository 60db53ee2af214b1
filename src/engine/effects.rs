//! Effects are settled by the engine when their stage is entered: the event carries the values
//! they write (`ProfileChanged`) or the message as sent (`Sent`), never only a name to be
//! worked out again later. Applying a settled change is plain assignment, so it does the same
//! whenever it is replayed.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::application::{EventKind, Record};
use super::facts::{Facts, Resolved, SUBJECT};
use super::inbox::Channel;
use super::rules::fill;
use crate::domain::address::{City, Region};
use crate::domain::driving_test::{ExamSubject, Sitting};
use crate::domain::licence_class::LicenceClasses;
use crate::domain::phone::Phone;
use crate::domain::photo::PhotoAlbum;
use crate::domain::plate::{Plate, PlateOffice};
use crate::domain::profile::{
    Address, ELicence, LearnerPermit, Licence, LicenceStatus, Ownership, Profile, Reduction,
    ReductionSource, TemporaryPlate, TemporaryPurpose, TransferOut, Vehicle, VehicleContact,
};
use crate::domain::rules::points::{can_reduce, welfare_points};
use crate::domain::rules::{full_points, learner, licence, review, vehicle, violation};
use crate::domain::violation::Violation;
use crate::flow::process::{Effect, Subject, TemporaryTerm};

/// What a settled effect wrote to the applicant's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProfileChange {
    /// 驾驶证电子版 issued.
    ELicenceIssued(ELicence),
    /// The account's and the licence's phone and address (变更驾驶证联系方式).
    ContactChanged(VehicleContact),
    /// A vehicle's own contact details, by VIN; the licence's stay as they were.
    VehicleContactChanged {
        vin: String,
        contact: VehicleContact,
    },
    /// A new 行驶证 for the vehicle, the old one void.
    VehicleLicenceReissued { vin: String, on: NaiveDate },
    /// A new electronic 检验合格标志 for the vehicle.
    InspectionSignReissued { vin: String, on: NaiveDate },
    /// A new card made on `on`, with this term and these classes; the old card is void and
    /// the e-licence must be applied for again.
    LicenceReissued {
        on: NaiveDate,
        valid_from: NaiveDate,
        valid_until: Option<NaiveDate>,
        classes: LicenceClasses,
        status: LicenceStatus,
    },
    /// The licence transferred: a new card from this office, made on `on`; the e-licence must
    /// be applied for again.
    LicenceTransferred { on: NaiveDate, authority: String },
    /// The licence postponed (延期) until this day.
    LicencePostponed { until: NaiveDate },
    /// 学法减分 granted, with the points that came off.
    PointsReduced(Reduction),
    /// The 公益网点 path closed for the cycle from this day.
    WelfareBarred { on: NaiveDate },
    /// A sitting went on the learner's file: the file as it now is (`None` once licensed) and,
    /// when the last subject was passed, the licence.
    SittingRecorded {
        permit: Option<Box<LearnerPermit>>,
        licence: Option<Box<Licence>>,
    },
    /// The learner's bookings that lost the seat lottery, now this many.
    UnallocatedCounted { count: u32 },
    /// A temporary plate issued for the vehicle.
    TemporaryPlateIssued { vin: String, plate: TemporaryPlate },
    /// New plates with the same number; the old ones void, the temporary plate ended.
    PlatesReissued { vin: String, on: NaiveDate },
    /// An exempt vehicle's electronic 检验标志, and its next 检验有效期.
    ExemptSignIssued {
        vin: String,
        on: NaiveDate,
        valid_until: NaiveDate,
    },
    /// Someone else's car filed as non-own, as it goes on the list.
    NonOwnedFiled(Box<Vehicle>),
    /// 注册登记 (or a used car's 转让登记, 转入) with the number chosen: for a new car its
    /// first registration and inspection; a temporary plate void from `temporary_void_on`.
    VehicleRegistered {
        vin: String,
        plate: Plate,
        on: NaiveDate,
        first_registration: Option<NaiveDate>,
        inspection_due: Option<NaiveDate>,
        temporary_void_on: NaiveDate,
    },
    /// The vehicle transferred out of its office: its plate handed back, the 转入 due there.
    VehicleTransferredOut { vin: String, out: TransferOut },
    /// 满分 education begun on `on`.
    FullPointsBegun { on: NaiveDate },
    /// 满分 education completed on `on`: the points before it cleared, the licence 正常.
    FullPointsCompleted { on: NaiveDate },
    /// 审验合格 for the cycle whose last day is `cycle_last_day`, passed on `on`.
    ReviewPassed {
        cycle_last_day: NaiveDate,
        on: NaiveDate,
    },
    /// A violation record, by its 违法编号, decided on `on` with this 处罚决定书编号.
    ViolationDecided {
        record: String,
        on: NaiveDate,
        decision_number: String,
    },
    /// A violation record's fine paid on `on`: this much, late charge included, in fen.
    FinePaid {
        record: String,
        on: NaiveDate,
        paid_fen: u64,
    },
}

/// What settling an effect reads besides the profile.
pub struct Settling<'a> {
    pub answers: &'a BTreeMap<String, String>,
    pub photos: &'a PhotoAlbum,
    pub number: &'a str,
    pub title: &'a str,
    pub reason: Option<&'a str>,
    pub at: NaiveDateTime,
    /// The facts of the application: its records (a sitting's scores), the applicant's open
    /// applications (the one a `Tell` reaches), the car a non-own filing found, the rules.
    pub facts: &'a Facts<'a>,
}

/// The length in minutes of the session the application attended (the one its answers name).
fn attended_minutes(on: &Settling) -> Result<i64, String> {
    let facts = on.facts;
    on.answers
        .values()
        .find_map(|v| facts.resources.sessions.get(v, facts.clock_start))
        .and_then(|s| s.times(facts.clock_start))
        .map(|(start, end)| (end - start).num_minutes())
        .ok_or_else(|| "未找到参加的活动场次".to_string())
}

/// Settles `effect` against `profile` as it is now: the event to log, or why it cannot be
/// done (the stage then gives `EffectFailed`).
pub fn settle(effect: &Effect, profile: &Profile, on: &Settling) -> Result<EventKind, String> {
    let today = on.at.date();
    let change = match effect {
        Effect::Sms(template) => return Ok(sent(Channel::Sms, template, profile, on)),
        Effect::Notice(template) => return Ok(sent(Channel::Notice, template, profile, on)),
        Effect::IssueELicence => {
            profile.licence.as_ref().ok_or("本账号未绑定驾驶证")?;
            let photo = on
                .answers
                .get("photo")
                .and_then(|id| on.photos.get(id))
                .map_or_else(|| "档案照片".to_string(), |p| p.label.clone());
            ProfileChange::ELicenceIssued(ELicence {
                issued_at: on.at,
                application: on.number.to_string(),
                photo,
            })
        }
        Effect::ApplyContactChange => ProfileChange::ContactChanged(typed_contact(on.answers)?),
        Effect::RenewLicence | Effect::DowngradeLicence | Effect::ReissueLicence => {
            let old = profile.licence.as_ref().ok_or("本账号未绑定驾驶证")?;
            let (valid_from, valid_until) = match effect {
                Effect::RenewLicence => licence::renewed_term(profile, old),
                _ => (old.valid_from, old.valid_until),
            };
            let classes = match effect {
                Effect::DowngradeLicence => licence::downgraded(&old.classes),
                _ => old.classes.clone(),
            };
            // A renewal ends 逾期未换证; any other status stays with the new card.
            let status = match (effect, old.status) {
                (Effect::RenewLicence, LicenceStatus::OverdueRenewal) => LicenceStatus::Normal,
                (_, status) => status,
            };
            ProfileChange::LicenceReissued {
                on: today,
                valid_from,
                valid_until,
                classes,
                status,
            }
        }
        Effect::TransferLicence => {
            profile.licence.as_ref().ok_or("本账号未绑定驾驶证")?;
            let city = on
                .answers
                .get("to_city")
                .and_then(|v| City::parse(v))
                .ok_or("缺少转入地")?;
            ProfileChange::LicenceTransferred {
                on: today,
                authority: licence::issuing_authority_of(&city),
            }
        }
        Effect::PostponeLicence => {
            profile.licence.as_ref().ok_or("本账号未绑定驾驶证")?;
            let until = on
                .answers
                .get("until")
                .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
                .ok_or("缺少延期截止日期")?;
            ProfileChange::LicencePostponed { until }
        }
        Effect::ApplyVehicleContactChange => ProfileChange::VehicleContactChanged {
            vin: answered_vehicle(profile, on.answers)?
                .vin
                .as_str()
                .to_string(),
            contact: typed_contact(on.answers)?,
        },
        Effect::ReplaceVehicleLicence => ProfileChange::VehicleLicenceReissued {
            vin: answered_vehicle(profile, on.answers)?
                .vin
                .as_str()
                .to_string(),
            on: today,
        },
        Effect::ReissueInspectionSign => ProfileChange::InspectionSignReissued {
            vin: answered_vehicle(profile, on.answers)?
                .vin
                .as_str()
                .to_string(),
            on: today,
        },
        Effect::ReducePoints(source) => {
            let earned = match source {
                ReductionSource::WelfareActivity => welfare_points(attended_minutes(on)?),
                other => other.points_per_session(),
            };
            if earned == 0 {
                return Err(
                    "公益活动不满1小时，不能减分（《道路交通安全违法行为记分管理办法》第二十七条）"
                        .into(),
                );
            }
            let points = can_reduce(profile, today, earned);
            if points == 0 {
                return Err("本记分周期已没有可以扣减的记分".into());
            }
            ProfileChange::PointsReduced(Reduction {
                date: today,
                points,
                source: *source,
                application: Some(on.number.to_string()),
            })
        }
        Effect::BarWelfare => ProfileChange::WelfareBarred { on: today },
        Effect::BeginFullPoints => {
            full_points::qualifies(profile, today)?;
            ProfileChange::FullPointsBegun { on: today }
        }
        Effect::CompleteFullPoints => {
            full_points::qualifies(profile, today)?;
            if profile.violations.iter().any(|v| v.handled && !v.fine_paid) {
                return Err("尚有交通违法罚款未缴纳，缴清后方可领回驾驶证".into());
            }
            ProfileChange::FullPointsCompleted { on: today }
        }
        Effect::PassReview => {
            let duty = review::review_duty(profile, today)?;
            ProfileChange::ReviewPassed {
                cycle_last_day: duty.last_day(),
                on: today,
            }
        }
        Effect::DecideViolation => {
            let record = on.facts.chosen_violation()?;
            violation::decidable_online(record)?;
            violation::points_acceptable_online(profile, record, today)?;
            ProfileChange::ViolationDecided {
                record: record.record_number(),
                on: today,
                decision_number: on.number.to_string(),
            }
        }
        Effect::PayFine => {
            let record = on.facts.chosen_violation()?;
            violation::fine_payable(record)?;
            ProfileChange::FinePaid {
                record: record.record_number(),
                on: today,
                paid_fen: violation::amount_due_fen(record, today).ok_or("没有待缴纳的罚款")?,
            }
        }
        Effect::RecordSitting(field) => recorded_sitting(field, profile, on)?,
        Effect::CountUnallocated => {
            let permit = profile
                .learner_permit
                .as_ref()
                .ok_or("名下没有学习驾驶证明")?;
            ProfileChange::UnallocatedCounted {
                count: permit.unallocated.saturating_add(1),
            }
        }
        Effect::IssueTemporaryPlate { purpose, term } => {
            let car = answered_vehicle(profile, on.answers)?;
            // Another request may have been issued meanwhile (第四十七条: three at most).
            if *purpose == TemporaryPurpose::NewCar {
                vehicle::new_car_temporary_plates_left(car)?;
            }
            let valid_until = match term {
                TemporaryTerm::Days(days) => vehicle::temporary_plate_until(today, *days),
                TemporaryTerm::UntilAnswer(field) => on
                    .answers
                    .get(field)
                    .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
                    .ok_or("缺少临时号牌有效期")?,
            };
            let office = car
                .office()
                .map_or_else(String::new, |o| o.as_str().to_string());
            let serial: String = on
                .number
                .chars()
                .rev()
                .take(6)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            ProfileChange::TemporaryPlateIssued {
                vin: car.vin.as_str().to_string(),
                plate: TemporaryPlate {
                    number: format!("临-{office}-{serial}"),
                    purpose: *purpose,
                    issued_on: today,
                    valid_until,
                },
            }
        }
        Effect::ReplacePlates => ProfileChange::PlatesReissued {
            vin: answered_vehicle(profile, on.answers)?
                .vin
                .as_str()
                .to_string(),
            on: today,
        },
        Effect::IssueExemptSign => {
            let car = answered_vehicle(profile, on.answers)?;
            let rules = &on.facts.resources.vehicle_rules.exemption;
            vehicle::inspection_exempt(car, rules)?;
            ProfileChange::ExemptSignIssued {
                vin: car.vin.as_str().to_string(),
                on: today,
                valid_until: vehicle::next_inspection_due(car, rules)
                    .ok_or("该车没有注册登记和检验记录")?,
            }
        }
        Effect::FileNonOwned => {
            let Resolved::OtherVehicle {
                owner,
                vehicle: car,
            } = on.facts.resolve(&Subject::OtherVehicle)?
            else {
                return Err("未找到要备案的机动车".into());
            };
            if profile.vehicles.iter().any(|v| v.vin == car.vin) {
                return Err("该车已备案在本账号名下".into());
            }
            ProfileChange::NonOwnedFiled(Box::new(Vehicle {
                ownership: Ownership::FiledNonOwned {
                    owner_name: owner.name,
                },
                contact: None,
                ..*car
            }))
        }
        Effect::RegisterVehicle(field) => {
            let car = answered_vehicle(profile, on.answers)?;
            let plate = on
                .answers
                .get(field)
                .and_then(|v| Plate::parse(v).ok())
                .ok_or("缺少选定的号牌号码")?;
            // Registered already by another 选号 meanwhile: this one cannot put a second plate
            // on the car.
            if let Err(why) = vehicle::unregistered(car) {
                vehicle::awaiting_new_number(car).map_err(|_| why)?;
            }
            let rules = &on.facts.resources.vehicle_rules.exemption;
            // An exempt kind is first inspected in the first year of the schedule; any other
            // within a year.
            let first_year = if rules.kinds.contains(&car.kind) && !car.operating {
                rules.sign_years.iter().min().copied().unwrap_or(6)
            } else {
                1
            };
            // A new car is registered and its first inspection falls due; a used one keeps
            // its 初次登记 and its inspection, and takes the new number (转让登记, 转入).
            let new = car.registered_on.is_none();
            ProfileChange::VehicleRegistered {
                vin: car.vin.as_str().to_string(),
                plate,
                on: today,
                first_registration: new.then_some(today),
                inspection_due: new
                    .then(|| {
                        today.checked_add_months(chrono::Months::new(first_year.saturating_mul(12)))
                    })
                    .flatten(),
                temporary_void_on: vehicle::temporary_plate_void_on(
                    today,
                    &on.facts.resources.calendar,
                ),
            }
        }
        Effect::TransferOut(fields) => {
            let car = answered_vehicle(profile, on.answers)?;
            let city = fields
                .iter()
                .find_map(|f| on.answers.get(f).and_then(|v| City::parse(v)))
                .ok_or("缺少转入地")?;
            let old_plate = car.plate.clone().ok_or("该车没有号牌，无法转出")?;
            let office = on
                .facts
                .resources
                .regions
                .offices_of(&city.city)
                .first()
                .and_then(|o| PlateOffice::parse(o).ok());
            ProfileChange::VehicleTransferredOut {
                vin: car.vin.as_str().to_string(),
                out: TransferOut {
                    on: today,
                    city: city.city,
                    office,
                    old_plate,
                },
            }
        }
        Effect::Tell(signal) => {
            let number = on.answers.get(SUBJECT).ok_or("未选择办理对象")?;
            if !on.facts.applications.iter().any(|a| a.number == *number) {
                return Err(format!("申请 {number} 已办结或不存在"));
            }
            return Ok(EventKind::Told {
                application: number.clone(),
                signal: *signal,
            });
        }
    };
    Ok(EventKind::ProfileChanged(change))
}

/// The sitting of the subject answered in `field`, scored by the last sitting record (none:
/// absent), on the learner's file (`learner::after_sitting`).
fn recorded_sitting(
    field: &str,
    profile: &Profile,
    on: &Settling,
) -> Result<ProfileChange, String> {
    let permit = profile
        .learner_permit
        .as_ref()
        .ok_or("名下没有驾驶人考试申请")?;
    let subject = on
        .answers
        .get(field)
        .and_then(|code| ExamSubject::from_code(code))
        .ok_or("缺少考试科目")?;
    let scores = on
        .facts
        .records
        .iter()
        .rev()
        .find_map(|r| match r {
            Record::Scored { scores } => Some(scores.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let sitting = Sitting {
        subject,
        on: on.at.date(),
        result: learner::sitting_result(subject, &permit.classes, &scores),
        scores,
        application: Some(on.number.to_string()),
    };
    // A sitting after the permit lapsed counts for nothing (R162 Art.41).
    learner::permit_valid(permit, sitting.on)?;
    let after = learner::after_sitting(profile, permit, &sitting);
    Ok(ProfileChange::SittingRecorded {
        permit: after.permit.map(Box::new),
        licence: after.licence.map(Box::new),
    })
}

/// A message with its placeholders filled; an SMS goes to the account's phone as it is at
/// this moment (after a contact change settled before it, the new number).
fn sent(channel: Channel, template: &str, profile: &Profile, on: &Settling) -> EventKind {
    EventKind::Sent {
        channel,
        to: (channel == Channel::Sms).then(|| profile.phone.as_str().to_string()),
        text: fill(template, on.number, on.title, on.reason),
    }
}

/// Writes a settled change into the profile. Applying it again changes nothing more.
pub fn apply(change: &ProfileChange, profile: &mut Profile) -> Result<(), String> {
    match change {
        ProfileChange::ELicenceIssued(e_licence) => {
            let licence = profile.licence.as_mut().ok_or("本账号未绑定驾驶证")?;
            licence.e_licence = Some(e_licence.clone());
        }
        ProfileChange::LicenceReissued {
            on,
            valid_from,
            valid_until,
            classes,
            status,
        } => {
            let licence = profile.licence.as_mut().ok_or("本账号未绑定驾驶证")?;
            licence.status = *status;
            licence.reissued_on = Some(*on);
            licence.valid_from = *valid_from;
            licence.valid_until = *valid_until;
            licence.classes = classes.clone();
            licence.e_licence = None;
        }
        ProfileChange::LicenceTransferred { on, authority } => {
            let licence = profile.licence.as_mut().ok_or("本账号未绑定驾驶证")?;
            licence.issuing_authority = authority.clone();
            licence.reissued_on = Some(*on);
            licence.e_licence = None;
        }
        ProfileChange::LicencePostponed { until } => {
            let licence = profile.licence.as_mut().ok_or("本账号未绑定驾驶证")?;
            licence.status = LicenceStatus::Postponed;
            licence.status_until = Some(*until);
        }
        ProfileChange::ContactChanged(contact) => {
            profile.phone = contact.phone.clone();
            profile.address = contact.address.clone();
        }
        ProfileChange::VehicleContactChanged { vin, contact } => {
            vehicle_mut(profile, vin)?.contact = Some(contact.clone());
        }
        ProfileChange::VehicleLicenceReissued { vin, on } => {
            vehicle_mut(profile, vin)?.licence_reissued_on = Some(*on);
        }
        ProfileChange::InspectionSignReissued { vin, on } => {
            vehicle_mut(profile, vin)?.sign_issued_on = Some(*on);
        }
        ProfileChange::PointsReduced(reduction) => {
            let already = profile
                .reductions
                .iter()
                .any(|r| r.application.is_some() && r.application == reduction.application);
            if !already {
                profile.reductions.push(reduction.clone());
            }
        }
        ProfileChange::WelfareBarred { on } => {
            if !profile.welfare_bars.contains(on) {
                profile.welfare_bars.push(*on);
            }
        }
        ProfileChange::SittingRecorded { permit, licence } => {
            profile.learner_permit = permit.as_deref().cloned();
            if let Some(licence) = licence {
                profile.licence = Some((**licence).clone());
            }
        }
        ProfileChange::TemporaryPlateIssued { vin, plate } => {
            let car = vehicle_mut(profile, vin)?;
            if !car.temporary_plates.contains(plate) {
                car.temporary_plates.push(plate.clone());
            }
        }
        ProfileChange::PlatesReissued { vin, on } => {
            let car = vehicle_mut(profile, vin)?;
            car.plates_reissued_on = Some(*on);
            // The temporary plate of the replacement stops with the new plates.
            let ended = on.pred_opt().unwrap_or(*on);
            for plate in &mut car.temporary_plates {
                if plate.purpose == TemporaryPurpose::Replacement && plate.valid_until > ended {
                    plate.valid_until = ended;
                }
            }
        }
        ProfileChange::ExemptSignIssued {
            vin,
            on,
            valid_until,
        } => {
            let car = vehicle_mut(profile, vin)?;
            car.exempt_sign_issued_on = Some(*on);
            car.inspection_valid_until = Some(*valid_until);
        }
        ProfileChange::VehicleRegistered {
            vin,
            plate,
            on: _,
            first_registration,
            inspection_due,
            temporary_void_on,
        } => {
            let car = vehicle_mut(profile, vin)?;
            car.plate = Some(plate.clone());
            if let Some(first) = first_registration {
                car.registered_on = Some(*first);
            }
            if let Some(due) = inspection_due {
                car.inspection_valid_until = Some(*due);
            }
            car.invoice = None;
            car.transferred_out = None;
            car.registration_office = None;
            // Void after the third working day: that day is the last it may be used.
            let last = *temporary_void_on;
            for temporary in &mut car.temporary_plates {
                if temporary.purpose != TemporaryPurpose::Replacement
                    && temporary.valid_until > last
                {
                    temporary.valid_until = last;
                }
            }
        }
        ProfileChange::FullPointsBegun { on } => {
            let licence = profile.licence.as_mut().ok_or("本账号未绑定驾驶证")?;
            licence.full_points_begun_on.get_or_insert(*on);
        }
        ProfileChange::FullPointsCompleted { on } => {
            if !profile.full_score_records.contains(on) {
                profile.full_score_records.push(*on);
            }
            let licence = profile.licence.as_mut().ok_or("本账号未绑定驾驶证")?;
            licence.status = LicenceStatus::Normal;
            licence.status_until = None;
            licence.full_points_notice_on = None;
            licence.full_points_begun_on = None;
        }
        ProfileChange::ReviewPassed { cycle_last_day, .. } => {
            let licence = profile.licence.as_mut().ok_or("本账号未绑定驾驶证")?;
            if !licence.reviewed_cycles.contains(cycle_last_day) {
                licence.reviewed_cycles.push(*cycle_last_day);
            }
            if licence.status == LicenceStatus::OverdueReview {
                licence.status = LicenceStatus::Normal;
            }
        }
        ProfileChange::ViolationDecided {
            record,
            on,
            decision_number,
        } => {
            let v = violation_mut(profile, record)?;
            v.handled = true;
            v.decided_on = Some(*on);
            v.decision_number = Some(decision_number.clone());
        }
        ProfileChange::FinePaid {
            record,
            on,
            paid_fen,
        } => {
            let v = violation_mut(profile, record)?;
            v.fine_paid = true;
            v.fine_paid_on = Some(*on);
            v.paid_fen = Some(*paid_fen);
        }
        ProfileChange::VehicleTransferredOut { vin, out } => {
            let car = vehicle_mut(profile, vin)?;
            car.plate = None;
            car.registration_office = out.office.clone();
            car.transferred_out = Some(out.clone());
        }
        ProfileChange::NonOwnedFiled(car) => {
            if !profile.vehicles.iter().any(|v| v.vin == car.vin) {
                profile.vehicles.push((**car).clone());
            }
        }
        ProfileChange::UnallocatedCounted { count } => {
            let permit = profile
                .learner_permit
                .as_mut()
                .ok_or("名下没有学习驾驶证明")?;
            permit.unallocated = *count;
        }
    }
    Ok(())
}

/// The phone and address typed in a contact change.
fn typed_contact(answers: &BTreeMap<String, String>) -> Result<VehicleContact, String> {
    let phone = answers.get("phone").ok_or("缺少新手机号码")?;
    let phone = Phone::parse(phone).map_err(|e| format!("新手机号码：{e}"))?;
    let region = answers.get("region").ok_or("缺少所在地区")?;
    let region = Region::parse(region).ok_or("所在地区无法识别")?;
    let detail = answers.get("address_detail").ok_or("缺少详细地址")?;
    Ok(VehicleContact {
        phone,
        address: Address {
            province: region.province,
            city: region.city,
            district: region.district,
            detail: detail.clone(),
        },
    })
}

/// The vehicle the application is for, still on the account.
fn answered_vehicle<'a>(
    profile: &'a Profile,
    answers: &BTreeMap<String, String>,
) -> Result<&'a Vehicle, String> {
    let key = answers.get("subject").ok_or("未选择机动车")?;
    vehicle::chosen(profile, key).ok_or_else(|| format!("名下已没有机动车 {key}"))
}

fn violation_mut<'a>(profile: &'a mut Profile, record: &str) -> Result<&'a mut Violation, String> {
    profile
        .violations
        .iter_mut()
        .find(|v| v.record_number() == record)
        .ok_or_else(|| format!("未查询到违法记录 {record}"))
}

fn vehicle_mut<'a>(profile: &'a mut Profile, vin: &str) -> Result<&'a mut Vehicle, String> {
    vehicle::chosen_mut(profile, vin).ok_or_else(|| format!("名下已没有机动车 {vin}"))
}
