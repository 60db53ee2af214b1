//! Every named guard and effect of the business files, each implemented once here.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::ledger::{
    Ineligible, check_eligibility, points_after_reductions, welfare_barred,
};
use crate::domain::photo::PhotoAlbum;
use crate::domain::points::FULL_POINTS;
use crate::domain::profile::{LicenceStatus, Profile, Vehicle};
use crate::domain::rules::vehicle;
use crate::flow::process::Guard;

/// What a guard may look at.
pub struct GuardInput<'a> {
    pub profile: &'a Profile,
    pub today: NaiveDate,
    pub answers: &'a BTreeMap<String, String>,
    pub photos: &'a PhotoAlbum,
    /// Police reviews that rejected this application so far.
    pub review_rejections: u32,
}

/// Evaluates a guard: `Ok` when it holds, else the reason in Chinese.
pub fn check(guard: &Guard, input: &GuardInput) -> Result<(), String> {
    match guard {
        Guard::HasLicence => has_licence(input),
        Guard::LicenceNormal => licence_normal(input),
        Guard::PhotoOnFile => photo_on_file(input),
        Guard::PhotoAcceptable => photo_acceptable(input),
        Guard::PhotoRejectionsBelow(limit) => photo_rejections_below(*limit, input),
        Guard::PointsReducible => points_reducible(input),
        Guard::WelfareAllowed => welfare_allowed(input),
        Guard::AnswerIs(field, value) => answer_is(field, value, input),
        Guard::VehicleOwned => chosen_vehicle(input)
            .and_then(|v| vehicle::owned(v).and_then(|()| vehicle::registered(v))),
        Guard::InsuranceValid => {
            chosen_vehicle(input).and_then(|v| vehicle::insurance_valid(v, input.today))
        }
        Guard::InspectionValid => {
            chosen_vehicle(input).and_then(|v| vehicle::inspection_valid(v, input.today))
        }
        Guard::All(guards) => guards.iter().try_for_each(|g| check(g, input)),
        Guard::Any(guards) => {
            let mut reasons = Vec::new();
            for g in guards {
                match check(g, input) {
                    Ok(()) => return Ok(()),
                    Err(reason) => reasons.push(reason),
                }
            }
            Err(reasons.join("；"))
        }
        Guard::Not(inner) => match check(inner, input) {
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
        Guard::All(gs) => gs.iter().map(describe).collect::<Vec<_>>().join("且"),
        Guard::Any(gs) => gs.iter().map(describe).collect::<Vec<_>>().join("或"),
        Guard::Not(g) => format!("非（{}）", describe(g)),
    }
}

/// Licence businesses need a licence on the account.
fn has_licence(input: &GuardInput) -> Result<(), String> {
    match input.profile.licence {
        Some(_) => Ok(()),
        None => Err("本账号未绑定驾驶证".into()),
    }
}

/// 驾驶证电子版 and most licence businesses need a licence in 正常 status.
fn licence_normal(input: &GuardInput) -> Result<(), String> {
    let Some(licence) = &input.profile.licence else {
        return Err("本账号未绑定驾驶证".into());
    };
    if licence.status != LicenceStatus::Normal {
        return Err(format!(
            "驾驶证状态为「{}」，需先到车管所处理，恢复正常后再办理",
            licence.status.label()
        ));
    }
    if licence.valid_until.is_some_and(|until| until < input.today) {
        return Err("驾驶证已超过有效期，请先办理期满换证".into());
    }
    let points = points_after_reductions(input.profile, input.today);
    if points >= FULL_POINTS {
        return Err(format!(
            "本记分周期已记满{FULL_POINTS}分，需先参加满分学习考试"
        ));
    }
    Ok(())
}

/// Whether the office can use a stored photo (otherwise the user supplies one).
fn photo_on_file(input: &GuardInput) -> Result<(), String> {
    match &input.profile.licence {
        Some(l) if l.photo_on_file => Ok(()),
        _ => Err("未查询到符合要求的留存照片，需要拍照或从相册选择".into()),
    }
}

/// The reviewer's photo rules (GA 482-2012): the chosen sample either meets them or names
/// the rule it breaks. A stored photo (no photo answer) is acceptable.
fn photo_acceptable(input: &GuardInput) -> Result<(), String> {
    let Some(id) = input.answers.get("photo") else {
        return Ok(());
    };
    match input.photos.get(id) {
        Some(photo) => match &photo.problem {
            None => Ok(()),
            Some(problem) => Err(format!("照片不符合要求：{problem}")),
        },
        None => Err("照片无法识别，请重新拍摄或选择".into()),
    }
}

/// After three failed photo reviews the user is sent to a window.
fn photo_rejections_below(limit: u32, input: &GuardInput) -> Result<(), String> {
    if input.review_rejections < limit {
        Ok(())
    } else {
        Err(format!(
            "照片已{limit}次审核未通过，请携带身份证到车管所窗口办理"
        ))
    }
}

/// 学法减分 (R163 Art.25–26): every rule that fails is named with its article, in one message.
fn points_reducible(input: &GuardInput) -> Result<(), String> {
    check_eligibility(input.profile, input.today).map_err(|failed| {
        failed
            .iter()
            .map(Ineligible::reason)
            .collect::<Vec<_>>()
            .join("；")
    })
}

/// The 公益网点 path is closed for the cycle after a voided 公益活动.
fn welfare_allowed(input: &GuardInput) -> Result<(), String> {
    match welfare_barred(input.profile, input.today) {
        Some(reason) => Err(reason),
        None => Ok(()),
    }
}

/// Branches on the applicant's choice; the reason is only seen by a misconfigured business.
/// The vehicle the wizard's subject names.
fn chosen_vehicle<'a>(input: &GuardInput<'a>) -> Result<&'a Vehicle, String> {
    let key = input.answers.get("subject").ok_or("未选择机动车")?;
    vehicle::chosen(input.profile, key).ok_or_else(|| format!("名下没有机动车 {key}"))
}

fn answer_is(field: &str, value: &str, input: &GuardInput) -> Result<(), String> {
    if input.answers.get(field).is_some_and(|v| v == value) {
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

/// Serial characters of an ordinary plate: no I or O (GA 36).
const SERIAL_LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";

/// 选号: `count` distinct candidate plate numbers for the applicant's province, drawn from the
/// seeded generator (so a demo draws the same), each a valid ordinary plate with at most two
/// letters among its five serial characters.
pub fn plate_candidates(
    profile: &Profile,
    authority: char,
    seed: u64,
    count: u8,
) -> Vec<crate::domain::plate::Plate> {
    use super::rng::SimRng;
    use crate::domain::plate::{Plate, province_abbreviation};
    let Some(province) = province_abbreviation(&profile.address.province) else {
        return Vec::new();
    };
    let mut rng = SimRng::new(seed);
    let mut plates: Vec<Plate> = Vec::new();
    for _ in 0..usize::from(count) * 20 {
        if plates.len() >= usize::from(count) {
            break;
        }
        let letters = rng.below(3);
        let mut serial: Vec<char> = (0..5)
            .map(|_| char::from(b'0' + u8::try_from(rng.below(10)).unwrap_or(0)))
            .collect();
        for _ in 0..letters {
            let at = usize::try_from(rng.below(5)).unwrap_or(0);
            let letter = SERIAL_LETTERS
                [usize::try_from(rng.below(SERIAL_LETTERS.len() as u64)).unwrap_or(0)];
            serial[at] = char::from(letter);
        }
        let text: String = [province, authority].into_iter().chain(serial).collect();
        if let Ok(plate) = Plate::parse(&text)
            && !plates.contains(&plate)
        {
            plates.push(plate);
        }
    }
    plates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plate::PlateKind;
    use crate::domain::profile::DayOffset;

    fn profile() -> Profile {
        let text = include_str!("../../assets/demo/personas/ordinary_c1.ron");
        let persona: Profile<DayOffset> = ron::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        persona.dated(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default())
    }

    #[test]
    fn plate_candidates_are_valid_distinct_local_and_repeatable() {
        let p = profile();
        let drawn = plate_candidates(&p, 'A', 42, 20);
        assert_eq!(drawn.len(), 20);
        for plate in &drawn {
            assert_eq!(plate.kind(), PlateKind::Ordinary);
            assert!(plate.as_str().starts_with("京A"), "{plate}");
            let letters = plate
                .as_str()
                .chars()
                .skip(2)
                .filter(|c| c.is_ascii_alphabetic())
                .count();
            assert!(letters <= 2, "{plate}");
        }
        let unique: std::collections::BTreeSet<&str> = drawn.iter().map(|p| p.as_str()).collect();
        assert_eq!(unique.len(), drawn.len());
        assert_eq!(
            plate_candidates(&p, 'A', 42, 20),
            drawn,
            "the same seed draws the same"
        );
        assert_ne!(plate_candidates(&p, 'A', 43, 20), drawn);
    }
}
