//! Every named guard and effect of the business files, each implemented once here.

use super::facts::Facts;
use super::facts::{Resolved, SUBJECT};
use crate::domain::address::City;
use crate::domain::driving_test::ExamSubject;
use crate::domain::ledger::points_after_reductions;
use crate::domain::points::FULL_POINTS;
use crate::domain::profile::LicenceStatus;
use crate::domain::rules::points::{Ineligible, check_eligibility, welfare_barred};
use crate::domain::rules::{full_points, learner, licence, review, vehicle, violation};
use crate::flow::process::Guard;
use crate::flow::process::Subject;

/// Evaluates a guard: `Ok` when it holds, else the reason in Chinese.
pub fn check(guard: &Guard, facts: &Facts) -> Result<(), String> {
    match guard {
        Guard::HasLicence => has_licence(facts),
        Guard::LicenceNormal => licence_normal(facts),
        Guard::PhotoOnFile => photo_on_file(facts),
        Guard::PhotoAcceptable => photo_acceptable(facts),
        Guard::PhotoRejectionsBelow(limit) => photo_rejections_below(*limit, facts),
        Guard::PointsReducible => points_reducible(facts),
        Guard::WelfareAllowed => welfare_allowed(facts),
        Guard::AnswerIs(field, value) => answer_is(field, value, facts),
        Guard::VehicleOwned => facts
            .chosen_vehicle()
            .and_then(|v| vehicle::owned(v).and_then(|()| vehicle::registered(v))),
        Guard::InsuranceValid => facts
            .chosen_vehicle()
            .and_then(|v| vehicle::insurance_valid(v, facts.today)),
        Guard::InspectionValid => facts
            .chosen_vehicle()
            .and_then(|v| vehicle::inspection_valid(v, facts.today)),
        Guard::AttachmentAcceptable(field) => attachment_acceptable(field, facts),
        Guard::RenewalPostponable => match &facts.profile.licence {
            Some(l) => licence::renewal_postponable(l, facts.today),
            None => Err("本账号未绑定驾驶证".into()),
        },
        Guard::LicenceRenewable => {
            with_licence(facts, |l| licence::renewable(facts.profile, l, facts.today))
        }
        Guard::TransferDestination(field) => {
            let city = facts.answers.get(field).and_then(|v| City::parse(v));
            match city {
                Some(city) => with_licence(facts, |l| licence::transfer_destination(l, &city)),
                None => Err("请选择转入地".into()),
            }
        }
        Guard::LicenceNotHeld => with_licence(facts, |l| licence::not_held(l, facts.today)),
        Guard::LicenceNotCancelled => {
            with_licence(facts, |l| licence::not_cancelled(l, facts.today))
        }
        Guard::LicenceNotReplacedWithin(days) => with_licence(facts, |l| {
            licence::not_replaced_within(l, facts.today, *days)
        }),
        Guard::LicenceDowngradable => with_licence(facts, licence::downgradable),
        Guard::AgeDowngradeDue => with_licence(facts, |l| {
            licence::age_downgrade_due(facts.profile, l, facts.today)
        }),
        Guard::MedicalCertificateValid => {
            licence::medical_certificate_valid(facts.profile, facts.today)
        }
        Guard::MedicalCertificatePostponable => match &facts.profile.licence {
            Some(l) => licence::medical_certificate_postponable(facts.profile, l, facts.today),
            None => Err("本账号未绑定驾驶证".into()),
        },
        Guard::ReviewPostponable => match &facts.profile.licence {
            Some(l) => {
                let points = points_after_reductions(facts.profile, facts.today);
                licence::review_postponable(l, points, facts.today)
            }
            None => Err("本账号未绑定驾驶证".into()),
        },
        Guard::PostponementEnd(field) => match answered_date(field, facts) {
            Some(end) => licence::postponement_end(end, facts.today),
            None => Err("请填写延期截止日期".into()),
        },
        Guard::DatesInOrder(from, to) => dates_in_order(from, to, facts),
        Guard::VehicleLicenceNotReplacedWithin(days) => facts
            .chosen_vehicle()
            .and_then(|v| vehicle::licence_not_replaced_within(v, facts.today, *days)),
        Guard::ExamSubjectBookable(code) => exam_subject_bookable(code, facts),
        Guard::BookingCancellable(field) => booking_cancellable(field, facts),
        Guard::ReviewDue => review::review_duty(facts.profile, facts.today).map(|_| ()),
        Guard::FullPointsQualified => full_points::qualifies(facts.profile, facts.today),
        Guard::EducationCityAllowed(field) => {
            let city = facts
                .answers
                .get(field)
                .and_then(|v| City::parse(v))
                .ok_or("未选择教育城市")?;
            full_points::education_city_allowed(facts.profile, &facts.resources.regions, &city)
        }
        Guard::StudySplit(total, on_site, online) => {
            let licence = facts.profile.licence.as_ref().ok_or("本账号未绑定驾驶证")?;
            let number = |field: &String| {
                facts
                    .answers
                    .get(field)
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .ok_or_else(|| format!("请填写{field}"))
            };
            full_points::check_split(licence, number(total)?, number(on_site)?, number(online)?)
                .map(|_| ())
        }
        Guard::ViolationsHandled => violation::all_decided(facts.profile),
        Guard::FullPointsTheoryOnly => {
            let times = full_points::full_times(facts.profile, facts.today);
            let subjects = full_points::exam_subjects(times);
            if subjects.len() <= 1 {
                Ok(())
            } else {
                let names: Vec<&str> = subjects.iter().skip(1).map(|s| s.label()).collect();
                Err(format!(
                    "本记分周期第{times}次记满12分（或累积记分达到{}分），还须参加{}考试（《道路交通安全违法行为记分管理办法》第二十二条），请到车管所窗口预约",
                    times * 12,
                    names.join("、")
                ))
            }
        }
        Guard::FinesPaid => {
            let unpaid = facts
                .profile
                .violations
                .iter()
                .filter(|v| v.handled && !v.fine_paid)
                .count();
            if unpaid == 0 {
                Ok(())
            } else {
                Err(format!(
                    "尚有{unpaid}笔交通违法罚款未缴纳，请先在【罚款缴纳】中缴清（《道路交通安全违法行为记分管理办法》第二十三条）"
                ))
            }
        }
        Guard::OnlineReviewAllowed => {
            let duty = review::review_duty(facts.profile, facts.today)?;
            let licence = facts.profile.licence.as_ref().ok_or("本账号未绑定驾驶证")?;
            let rule = facts.resources.education_rules.review_on_site;
            match review::on_site_required(&duty, licence, rule) {
                Some(reason) => Err(reason),
                None => Ok(()),
            }
        }
        Guard::AbilityTestDue => {
            if review::ability_test_due(facts.profile, facts.today) {
                Ok(())
            } else {
                Err("未满70周岁，无需进行记忆力、判断力、反应力测试".into())
            }
        }
        Guard::ViolationDecidable => facts.chosen_violation().and_then(|v| {
            violation::decidable_online(v)?;
            violation::points_acceptable_online(facts.profile, v, facts.today)
        }),
        Guard::FinePayable => facts.chosen_violation().and_then(violation::fine_payable),
        Guard::VehicleRecordsClear => facts
            .chosen_vehicle()
            .and_then(|v| vehicle::records_clear(facts.profile, v)),
        Guard::PlatesNotReplacedRecently => facts.chosen_vehicle().and_then(|v| {
            let days = facts.resources.vehicle_rules.plate_replacement_days;
            vehicle::plates_not_replaced_within(v, facts.today, days)
        }),
        Guard::InspectionExempt => facts
            .chosen_vehicle()
            .and_then(|v| vehicle::inspection_exempt(v, &facts.resources.vehicle_rules.exemption)),
        Guard::SignWindowOpen => facts
            .chosen_vehicle()
            .and_then(|v| vehicle::sign_window_open(v, facts.today)),
        Guard::VehicleTaxSettled => facts
            .chosen_vehicle()
            .and_then(vehicle::vehicle_tax_settled),
        Guard::NonOwnedFileable => non_owned_fileable(facts),
        Guard::MovesByTransferOut => facts
            .chosen_vehicle()
            .and_then(vehicle::moves_by_transfer_out),
        Guard::DestinationMatchesInvoice(field) => {
            let city = facts.answers.get(field).and_then(|v| City::parse(v));
            match city {
                Some(city) => facts
                    .chosen_vehicle()
                    .and_then(|v| vehicle::destination_matches_invoice(v, &city.city)),
                None => Err("请选择转入地".into()),
            }
        }
        Guard::TransferAllowed => facts.chosen_vehicle().and_then(|v| {
            vehicle::not_near_scrapping(v, facts.today).and_then(|()| vehicle::not_seized(v))
        }),
        Guard::PlateSelectable => facts.chosen_vehicle().and_then(vehicle::plate_selectable),
        Guard::VehicleTransferredIn => {
            facts
                .chosen_vehicle()
                .and_then(|v| match &v.transferred_out {
                    Some(_) => Ok(()),
                    None => Err("该车是本地转让".into()),
                })
        }
        Guard::VehicleMortgaged => facts.chosen_vehicle().and_then(|v| match &v.mortgagee {
            Some(_) => Ok(()),
            None => Err("该车未办理抵押登记".into()),
        }),
        Guard::MortgageConsented(field) => facts
            .chosen_vehicle()
            .and_then(|v| vehicle::mortgage_consented(v, facts.answers.contains_key(field))),
        Guard::NewCarTemporaryPlatesLeft => facts
            .chosen_vehicle()
            .and_then(vehicle::new_car_temporary_plates_left),
        Guard::NewCarTemporaryUntil(field) => match answered_date(field, facts) {
            Some(until) => facts
                .chosen_vehicle()
                .and_then(|v| vehicle::new_car_temporary_until(v, until, facts.today)),
            None => Err("请填写临时号牌有效期".into()),
        },
        Guard::All(guards) => guards.iter().try_for_each(|g| check(g, facts)),
        Guard::Any(guards) => {
            let mut reasons = Vec::new();
            for g in guards {
                match check(g, facts) {
                    Ok(()) => return Ok(()),
                    Err(reason) => reasons.push(reason),
                }
            }
            Err(reasons.join("；"))
        }
        Guard::Not(inner) => match check(inner, facts) {
            Ok(()) => Err(format!("不满足条件：{}", describe(inner))),
            Err(_) => Ok(()),
        },
    }
}

/// A guard in words, for the reason of a `Not`.
pub fn describe(guard: &Guard) -> String {
    match guard {
        Guard::HasLicence => "已绑定驾驶证".into(),
        Guard::LicenceNormal => "驾驶证状态正常".into(),
        Guard::PhotoOnFile => "留存有可用照片".into(),
        Guard::PhotoAcceptable => "照片符合要求".into(),
        Guard::PhotoRejectionsBelow(n) => format!("照片审核未通过少于{n}次"),
        Guard::PointsReducible => "符合学法减分条件".into(),
        Guard::WelfareAllowed => "本记分周期可参加公益活动".into(),
        Guard::AnswerIs(field, value) => format!("{field}为{value}"),
        Guard::VehicleOwned => "所选机动车为本人名下已登记的机动车".into(),
        Guard::InsuranceValid => "交强险在有效期内".into(),
        Guard::InspectionValid => "检验有效期未届满".into(),
        Guard::VehicleLicenceNotReplacedWithin(days) => format!("行驶证近{days}日内未补换领"),
        Guard::DatesInOrder(from, to) => format!("{from}不晚于{to}"),
        Guard::AttachmentAcceptable(field) => format!("{field}的材料符合要求"),
        Guard::RenewalPostponable => "驾驶证可以申请延期换证".into(),
        Guard::LicenceRenewable => "驾驶证可以期满换证".into(),
        Guard::LicenceNotHeld => "驾驶证未被扣留、暂扣".into(),
        Guard::LicenceNotCancelled => "驾驶证未被注销或吊销".into(),
        Guard::LicenceNotReplacedWithin(days) => format!("驾驶证近{days}日内未补换领"),
        Guard::TransferDestination(field) => format!("{field}不是原核发地"),
        Guard::LicenceDowngradable => "驾驶证有可降低的准驾车型".into(),
        Guard::AgeDowngradeDue => "已到降低准驾车型的年龄".into(),
        Guard::MedicalCertificateValid => "有6个月内的身体条件证明".into(),
        Guard::MedicalCertificatePostponable => "可以申请延期提交身体证明".into(),
        Guard::ReviewPostponable => "可以申请延期审验".into(),
        Guard::PostponementEnd(field) => format!("{field}在3年以内"),
        Guard::ExamSubjectBookable(code) => format!("考试科目{code}现在可以预约"),
        Guard::BookingCancellable(_) => "距考试日至少1个工作日".into(),
        Guard::VehicleRecordsClear => "该车交通违法和事故已处理".into(),
        Guard::ViolationDecidable => "该违法记录可以网上处理".into(),
        Guard::ReviewDue => "须参加上一记分周期的审验".into(),
        Guard::FullPointsQualified => "本记分周期记满12分、驾驶证已扣留".into(),
        Guard::EducationCityAllowed(field) => format!("{field}为核发地或违法行为发生地"),
        Guard::StudySplit(..) => "现场、网络学习天数符合规定".into(),
        Guard::FinesPaid => "罚款已缴清".into(),
        Guard::ViolationsHandled => "交通违法记录已处理".into(),
        Guard::FullPointsTheoryOnly => "只须参加科目一考试".into(),
        Guard::OnlineReviewAllowed => "可以选择网络教育".into(),
        Guard::AbilityTestDue => "年满70周岁".into(),
        Guard::FinePayable => "该违法记录已处理、罚款未缴纳".into(),
        Guard::PlatesNotReplacedRecently => "号牌近期未补换领".into(),
        Guard::InspectionExempt => "该车属于免检车辆".into(),
        Guard::SignWindowOpen => "在检验有效期届满前3个月内".into(),
        Guard::VehicleTaxSettled => "车船税已缴纳或免征".into(),
        Guard::NonOwnedFileable => "该车可以备案为非本人机动车".into(),
        Guard::NewCarTemporaryPlatesLeft => "该车申领临时号牌未满3次".into(),
        Guard::MovesByTransferOut => "该车住所迁出须办理转出".into(),
        Guard::DestinationMatchesInvoice(field) => format!("{field}与二手车销售统一发票一致"),
        Guard::TransferAllowed => "该车可以转籍".into(),
        Guard::VehicleMortgaged => "该车处于抵押登记期间".into(),
        Guard::PlateSelectable => "该车可以在线选号".into(),
        Guard::VehicleTransferredIn => "该车由外地转入".into(),
        Guard::MortgageConsented(field) => format!("{field}已由抵押权人同意"),
        Guard::NewCarTemporaryUntil(field) => format!("{field}在30日内且不超过交强险有效期"),
        Guard::All(gs) => gs.iter().map(describe).collect::<Vec<_>>().join("且"),
        Guard::Any(gs) => gs.iter().map(describe).collect::<Vec<_>>().join("或"),
        Guard::Not(g) => format!("非（{}）", describe(g)),
    }
}

/// The subject of `code` may be booked on the learner's permit now, and no other booking of it
/// on the permit is open (R162 Art.39-47, `learner::subject_bookable`).
fn exam_subject_bookable(code: &str, facts: &Facts) -> Result<(), String> {
    let permit = facts
        .profile
        .learner_permit
        .as_ref()
        .ok_or("本账号没有驾驶人考试申请或学习驾驶证明")?;
    let subject = ExamSubject::from_code(code).ok_or_else(|| format!("没有考试科目 {code}"))?;
    learner::subject_bookable(permit, subject, facts.profile.licence.as_ref(), facts.today)?;
    let open = facts.applications.iter().find(|a| {
        a.answers.get(SUBJECT) == Some(&permit.number)
            && a.answers.values().any(|v| v == subject.code())
    });
    match open {
        Some(booking) => Err(format!(
            "{}已有一份预约（受理编号 {}，{}），请等待结果或先取消该预约",
            subject.label(),
            booking.number,
            booking.stage_title
        )),
        None => Ok(()),
    }
}

/// The booking this business is about (its subject) can still be cancelled online: its
/// session, answered in the booking's `field`, is after the cut-off (R162 Art.46).
fn booking_cancellable(field: &str, facts: &Facts) -> Result<(), String> {
    let number = facts.answers.get(SUBJECT).ok_or("请选择要取消的预约")?;
    let booking = facts
        .applications
        .iter()
        .find(|a| a.number == *number)
        .ok_or_else(|| format!("找不到预约 {number}，或它已办结"))?;
    let slot = booking
        .answers
        .get(field)
        .and_then(|id| facts.resources.sessions.get(id, facts.clock_start))
        .ok_or("找不到该预约的考试场次")?;
    learner::booking_cancellable(
        slot.date(facts.clock_start),
        facts.today,
        &facts.resources.calendar,
    )
}

/// Someone else's car may be filed by this user: its kind, its region, how many cars the user
/// filed, how many people filed the car (the limits are the config's).
fn non_owned_fileable(facts: &Facts) -> Result<(), String> {
    let Resolved::OtherVehicle {
        owner,
        vehicle: car,
    } = facts.resolve(&Subject::OtherVehicle)?
    else {
        return Err("请输入号牌号码或备案码".into());
    };
    let rules = &facts.resources.vehicle_rules;
    vehicle::fileable_as_non_owned(&car)?;
    let office = car.plate.as_ref().map(|p| p.office());
    let city = office
        .as_ref()
        .and_then(|o| facts.resources.regions.city_of_office(o.as_str()));
    vehicle::same_region(facts.profile, &car, city)?;
    if facts.profile.vehicles.iter().any(|v| v.vin == car.vin) {
        return Err("该车已备案在本账号名下".into());
    }
    vehicle::filer_below_limit(facts.profile, rules.non_owned_per_user)?;
    let filers = facts.filers_of(&car.vin).len() + owner.filed_outside.len();
    vehicle::vehicle_below_filers(
        u32::try_from(filers).unwrap_or(u32::MAX),
        rules.non_owned_per_vehicle,
    )
}

/// Licence businesses need a licence on the account.
fn has_licence(facts: &Facts) -> Result<(), String> {
    match facts.profile.licence {
        Some(_) => Ok(()),
        None => Err("本账号未绑定驾驶证".into()),
    }
}

/// 驾驶证电子版 and most licence businesses need a licence in 正常 status.
fn licence_normal(facts: &Facts) -> Result<(), String> {
    let Some(licence) = &facts.profile.licence else {
        return Err("本账号未绑定驾驶证".into());
    };
    let (status, _) = licence.status_on(facts.today);
    if status != LicenceStatus::Normal {
        let meaning = status
            .meaning()
            .map_or_else(String::new, |m| format!("（{m}）"));
        return Err(format!(
            "驾驶证状态为「{}」{meaning}，需先到车管所处理，恢复正常后再办理",
            licence.status_shown(facts.today)
        ));
    }
    if licence.valid_until.is_some_and(|until| until < facts.today) {
        return Err("驾驶证已超过有效期，请先办理期满换证".into());
    }
    let points = points_after_reductions(facts.profile, facts.today);
    if points >= FULL_POINTS {
        return Err(format!(
            "本记分周期已记满{FULL_POINTS}分，需先参加满分学习考试"
        ));
    }
    Ok(())
}

/// Whether the office can use a stored photo (otherwise the user supplies one).
fn photo_on_file(facts: &Facts) -> Result<(), String> {
    match &facts.profile.licence {
        Some(l) if l.photo_on_file => Ok(()),
        _ => Err("未查询到符合要求的留存照片，需要拍照或从相册选择".into()),
    }
}

/// The reviewer's photo rules (GA 482-2012): the chosen sample either meets them or names
/// the rule it breaks. A stored photo (no photo answer) is acceptable.
fn photo_acceptable(facts: &Facts) -> Result<(), String> {
    let Some(id) = facts.answers.get("photo") else {
        return Ok(());
    };
    match facts.resources.photos.get(id) {
        Some(photo) => match &photo.problem {
            None => Ok(()),
            Some(problem) => Err(format!("照片不符合要求：{problem}")),
        },
        None => Err("照片无法识别，请重新拍摄或选择".into()),
    }
}

/// After three failed photo reviews the user is sent to a window.
fn photo_rejections_below(limit: u32, facts: &Facts) -> Result<(), String> {
    if facts.review_rejections() < limit {
        Ok(())
    } else {
        Err(format!(
            "照片已{limit}次审核未通过，请携带身份证到车管所窗口办理"
        ))
    }
}

/// 学法减分 (R163 Art.25–26): every rule that fails is named with its article, in one message.
fn points_reducible(facts: &Facts) -> Result<(), String> {
    check_eligibility(facts.profile, facts.today).map_err(|failed| {
        failed
            .iter()
            .map(Ineligible::reason)
            .collect::<Vec<_>>()
            .join("；")
    })
}

/// The 公益网点 path is closed for the cycle after a voided 公益活动.
fn welfare_allowed(facts: &Facts) -> Result<(), String> {
    match welfare_barred(facts.profile, facts.today) {
        Some(reason) => Err(reason),
        None => Ok(()),
    }
}

/// Branches on the applicant's choice; the reason is only seen by a misconfigured business.
/// The attached document passes review, or the reviewer names its defect. The album is the
/// field's own, so a document is looked up in every album by its id.
fn attachment_acceptable(field: &str, facts: &Facts) -> Result<(), String> {
    let id = facts.answers.get(field).ok_or("未上传材料")?;
    let item = facts
        .resources
        .attachments
        .albums
        .iter()
        .flat_map(|a| &a.items)
        .find(|i| i.id == *id)
        .ok_or("材料无法识别，请重新拍摄或选择")?;
    match &item.problem {
        None => Ok(()),
        Some(problem) => Err(format!("材料不符合要求：{problem}")),
    }
}

/// A rule about the account's licence; none bound refuses.
fn with_licence(
    facts: &Facts,
    rule: impl FnOnce(&crate::domain::profile::Licence) -> Result<(), String>,
) -> Result<(), String> {
    facts
        .profile
        .licence
        .as_ref()
        .ok_or_else(|| "本账号未绑定驾驶证".to_string())
        .and_then(rule)
}

/// A date answered as YYYY-MM-DD.
fn answered_date(field: &str, facts: &Facts) -> Option<chrono::NaiveDate> {
    facts
        .answers
        .get(field)
        .and_then(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
}

/// A period's end is not before its start (both answered as YYYY-MM-DD).
fn dates_in_order(from: &str, to: &str, facts: &Facts) -> Result<(), String> {
    let date = |id: &str| answered_date(id, facts);
    match (date(from), date(to)) {
        (Some(start), Some(end)) if start > end => {
            Err(format!("结束日期 {end} 早于开始日期 {start}"))
        }
        _ => Ok(()),
    }
}

fn answer_is(field: &str, value: &str, facts: &Facts) -> Result<(), String> {
    if facts.answers.get(field).is_some_and(|v| v == value) {
        Ok(())
    } else {
        Err(format!("未选择{value}"))
    }
}

/// Fills `{number}`, `{title}` and `{reason}` in a message template.
pub fn fill(template: &str, number: &str, title: &str, reason: Option<&str>) -> String {
    template
        .replace("{number}", number)
        .replace("{title}", title)
        .replace("{reason}", reason.unwrap_or(""))
}
