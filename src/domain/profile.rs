//! A 12123 account: the person, their driving licence, their vehicles and their violations.
//!
//! Dates are generic so that the demo personas in `assets/demo/personas/` can give them as days
//! relative to the simulated clock's start (`Profile<DayOffset>`): the data never goes stale.
//! The data folder keeps real dates (`Profile<NaiveDate>`).

use chrono::{Days, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::driving_test::{ExamSubject, Sitting, SittingResult};
use super::id_number::IdNumber;
use super::licence_class::LicenceClasses;
use super::phone::Phone;
pub use super::vehicle::{
    Accident, Invoice, InvoiceKind, Ownership, TemporaryPlate, TemporaryPurpose, TransferOut,
    Vehicle, VehicleKind, VehicleTax,
};
pub use super::violation::{
    Capture, Casualties, DriverAccident, Responsibility, Violation, ViolationCategory,
};

/// Days relative to the simulated clock's start: `-365` is a year before the demo begins.
pub type DayOffset = i32;

/// The version of the profile file format in the data folder.
pub const PROFILE_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile<D = NaiveDate> {
    pub schema_version: u32,
    /// File stem and login key, e.g. `ordinary_c1`.
    pub id: String,
    /// What this demo persona is for, shown when switching persona (普通C1驾驶人，有少量记分).
    pub persona: String,
    pub name: String,
    pub id_number: IdNumber,
    pub phone: Phone,
    /// 注册地: the city chosen when the account was registered.
    pub registration_city: String,
    pub address: Address,
    pub licence: Option<Licence<D>>,
    /// The day a 体检网点 uploaded the driver's 身体条件证明 (valid six months: R162 Art.63).
    #[serde(default)]
    pub medical_certificate: Option<D>,
    /// 学习驾驶证明, while the person learns to drive and holds no licence for it yet.
    #[serde(default)]
    pub learner_permit: Option<LearnerPermit<D>>,
    #[serde(default)]
    pub vehicles: Vec<Vehicle<D>>,
    #[serde(default)]
    pub violations: Vec<Violation<D>>,
    /// 学法减分 already granted (R163 Art.25–27), in any cycle; the ledger counts the current one.
    #[serde(default)]
    pub reductions: Vec<Reduction<D>>,
    /// Dates of 满分教育 records (R163 Art.26(1) looks at the current and previous cycle).
    #[serde(default)]
    pub full_score_records: Vec<D>,
    /// Dates of being punished for fraud or impersonation in 学法减分, 满分 or 审验 education
    /// (R163 Art.26(5) looks at the last three cycles).
    #[serde(default)]
    pub education_fraud: Vec<D>,
    /// Dates of a voided 公益活动 (absent, late, left early or not signed out): the 公益网点 path
    /// is closed for the rest of that scoring cycle (local practice).
    #[serde(default)]
    pub welfare_bars: Vec<D>,
    /// Traffic accidents the driver was responsible for (R162 Art.72 para 4-5 look at them).
    #[serde(default)]
    pub accidents: Vec<DriverAccident<D>>,
}

/// One granted 学法减分 (R163 Art.25–27).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reduction<D = NaiveDate> {
    /// The day the points came off.
    pub date: D,
    /// Points taken off, after the cycle cap was applied.
    pub points: u8,
    pub source: ReductionSource,
    /// The application (受理编号) that granted it, when it went through the app.
    #[serde(default)]
    pub application: Option<String>,
}

/// How a 学法减分 was earned (R163 Art.27).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReductionSource {
    /// 网上学习考试: 30 minutes within 3 days plus a passed test, −1.
    OnlineStudy,
    /// 现场学习考试: 1 hour at the police venue plus a passed test, −2.
    OnSiteStudy,
    /// 交通安全公益活动: −1 per full hour.
    WelfareActivity,
}

impl ReductionSource {
    pub fn label(self) -> &'static str {
        match self {
            ReductionSource::OnlineStudy => "网上学习考试",
            ReductionSource::OnSiteStudy => "现场学习考试",
            ReductionSource::WelfareActivity => "交通安全公益活动",
        }
    }

    /// Points one session takes off (R163 Art.27): one passed online test, one passed on-site
    /// test, or each full hour of a public-welfare activity (`rules::points::welfare_points`).
    pub fn points_per_session(self) -> u8 {
        match self {
            ReductionSource::OnlineStudy | ReductionSource::WelfareActivity => 1,
            ReductionSource::OnSiteStudy => 2,
        }
    }
}

/// A postal address, as the app's province/city/district picker and a detail line give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub province: String,
    pub city: String,
    pub district: String,
    pub detail: String,
}

impl Address {
    /// The address on one line, a municipality named once.
    pub fn one_line(&self) -> String {
        format!(
            "{}{}",
            crate::domain::address::place_label(&self.province, &self.city, &self.district),
            self.detail
        )
    }
}

/// The contact details filed for a vehicle (机动车所有人的联系方式), which may differ from the
/// licence's: a change of one leaves the other as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VehicleContact {
    pub phone: Phone,
    pub address: Address,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Licence<D = NaiveDate> {
    /// 档案编号, 12 digits.
    pub file_number: String,
    /// 准驾车型, e.g. C1 or A2D.
    pub classes: LicenceClasses,
    /// 初次领证日期: the scoring cycle counts from it (R163 Art.3).
    pub first_issued: D,
    pub valid_from: D,
    /// None means 长期.
    pub valid_until: Option<D>,
    pub status: LicenceStatus,
    /// When the status ends by itself (a 暂扣 until its term is served, a 延期 until its end).
    #[serde(default)]
    pub status_until: Option<D>,
    /// 发证机关, e.g. 北京市公安局公安交通管理局.
    pub issuing_authority: String,
    /// School-bus drivers are reviewed every cycle and only on site (R162 Art.90).
    #[serde(default)]
    pub school_bus_driver: bool,
    /// Whether the office holds a usable photo (驾驶证电子版 asks for one otherwise).
    #[serde(default)]
    pub photo_on_file: bool,
    /// 电子驾驶证, once issued.
    #[serde(default)]
    pub e_licence: Option<ELicence>,
    /// When the card in hand was made in a 补领 or 换领; the one before it is void.
    #[serde(default)]
    pub reissued_on: Option<D>,
    /// When the office notified a driver of 63 that the large or medium class must be given
    /// up (R162 Art.65 para 3: within 30 days, or the class is void).
    #[serde(default)]
    pub downgrade_notice: Option<D>,
    /// When the holder first obtained a class of the other category (a motorcycle licence that
    /// added C1, a car licence that added D): R162 Art.76 starts a new 实习期 from that day.
    #[serde(default)]
    pub category_added_on: Option<D>,
    /// The last day of each scoring cycle whose 审验 was passed (R162 Art.72-73).
    #[serde(default)]
    pub reviewed_cycles: Vec<D>,
    /// The day of the 满分教育通知书 (R163 Art.17); 30 days later the licence stops unless the
    /// education has begun (Art.29).
    #[serde(default)]
    pub full_points_notice_on: Option<D>,
    /// The day the 满分 application was accepted (the education begun).
    #[serde(default)]
    pub full_points_begun_on: Option<D>,
}

impl Licence {
    /// The status on `today`: a status that ends by itself gives way, once its day has passed,
    /// to what the licence is without it (a postponement ends and the renewal is due again,
    /// 逾期未换证 once the licence has expired: R162 Art.75).
    /// A licence past its expiry and not renewed is 逾期未换证, and from a year after the
    /// expiry 注销 (R162 Art.79(8)). A detained licence whose 满分教育通知书 was ignored for 30
    /// days is 停止使用 (R163 Art.29).
    pub fn status_on(&self, today: NaiveDate) -> (LicenceStatus, Option<NaiveDate>) {
        if self.status == LicenceStatus::Detained
            && super::rules::full_points::stopped_for_ignoring_notice(self, today).is_some()
        {
            return (LicenceStatus::Stopped, None);
        }
        let (status, until) = match self.status_until {
            Some(until) if until < today => (LicenceStatus::Normal, None),
            until => (self.status, until),
        };
        let lapsed = |v: NaiveDate| v < today;
        let cancelled = |v: NaiveDate| {
            v.checked_add_months(chrono::Months::new(12))
                .is_some_and(|a| a <= today)
        };
        match (status, self.valid_until) {
            (LicenceStatus::Normal | LicenceStatus::OverdueRenewal, Some(v)) if cancelled(v) => {
                (LicenceStatus::Cancelled, None)
            }
            (LicenceStatus::Normal, Some(v)) if lapsed(v) => (LicenceStatus::OverdueRenewal, None),
            other => (other.0, until),
        }
    }

    /// The status as the card shows it on `today`, with the day it ends when it ends by itself
    /// (暂扣（至 2026-05-01）).
    pub fn status_shown(&self, today: NaiveDate) -> String {
        match self.status_on(today) {
            (status, Some(until)) => format!("{}（至 {until}）", status.label()),
            (status, None) => status.label().to_string(),
        }
    }
}

/// An issued electronic licence (驾驶证电子版).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ELicence {
    pub issued_at: NaiveDateTime,
    /// The application that issued it.
    pub application: String,
    /// Which photo it carries: 档案照片 or the approved sample photo's label.
    pub photo: String,
}

/// A learner's file at the office: the 驾驶人考试申请 a driving school registered, and from
/// 科目一 on the 学习驾驶证明 (R162 Art.40: issued once 科目一 is passed, valid three years,
/// capped by the age limit of the class). The tests are booked against it; what each sitting
/// came to is kept here, so the waits, the five-booking cap and the 10-day rebooking of
/// Art.43-47 are read from one list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearnerPermit<D = NaiveDate> {
    /// 受理流水号, which the 学习驾驶证明 keeps as its 证明编号.
    pub number: String,
    /// The classes being learned (增驾: the class added to a licence held).
    pub classes: LicenceClasses,
    /// The day the application was accepted (受理).
    pub accepted_on: D,
    /// The day the 学习驾驶证明 was issued; `None` until 科目一 is passed.
    #[serde(default)]
    pub issued_on: Option<D>,
    /// Its last day of validity.
    #[serde(default)]
    pub valid_until: Option<D>,
    /// 驾驶培训机构.
    pub school: String,
    /// Every exam sat or missed on this application, oldest first.
    #[serde(default)]
    pub sittings: Vec<Sitting<D>>,
    /// Bookings that lost the seat lottery: each one weighs in the next draw, as the 约考
    /// sorting favours those who waited.
    #[serde(default)]
    pub unallocated: u32,
    /// The day the passed subjects were voided (the fifth failure of a skills test, R162
    /// Art.47); nothing can be booked on it after that.
    #[serde(default)]
    pub voided_on: Option<D>,
}

impl LearnerPermit {
    /// Whether `subject` has been passed.
    pub fn passed(&self, subject: ExamSubject) -> bool {
        self.voided_on.is_none()
            && self
                .sittings
                .iter()
                .any(|s| s.subject == subject && s.result == SittingResult::Passed)
    }

    /// The sittings of `subject`, each a booking used (R162 Art.47).
    pub fn bookings_used(&self, subject: ExamSubject) -> u32 {
        let used = self
            .sittings
            .iter()
            .filter(|s| s.subject == subject)
            .count();
        u32::try_from(used).unwrap_or(u32::MAX)
    }

    /// The subjects passed, as 首页 lists them: `科目一 合格（2026-11-19）`.
    pub fn progress(&self) -> Vec<String> {
        ExamSubject::ALL
            .into_iter()
            .map(|subject| {
                let last = self.sittings.iter().rev().find(|s| s.subject == subject);
                let shown = match last {
                    Some(s) if s.result == SittingResult::Passed && self.voided_on.is_none() => {
                        format!("合格（{}）", s.on)
                    }
                    Some(s) => format!("{}（{}）", s.result.label(), s.on),
                    None => "未考试".to_string(),
                };
                let used = if subject.booking_capped() {
                    format!("  已预约{}次", self.bookings_used(subject))
                } else {
                    String::new()
                };
                format!("{} {shown}{used}", subject.label())
            })
            .collect()
    }
}

/// 驾驶证状态, as the licence card shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LicenceStatus {
    /// 正常
    Normal,
    /// 扣留: held by the police, e.g. after reaching 12 points.
    Detained,
    /// 暂扣
    Suspended,
    /// 逾期未换证
    OverdueRenewal,
    /// 逾期未审验
    OverdueReview,
    /// 吊销
    Revoked,
    /// 延期: renewal, the body certificate or the review postponed until `status_until`; the
    /// driver may not drive meanwhile (R162 Art.75).
    Postponed,
    /// 逾期未体检: a driver of 70 or more, or a C5 holder, has not submitted the body
    /// certificate (R162 Art.74, 79(9)).
    OverdueMedical,
    /// 停止使用: publicly stopped for not attending 满分教育 within 30 days of the notice
    /// (R163 Art.29).
    Stopped,
    /// 注销: cancelled, e.g. a year or more past its expiry (R162 Art.79).
    Cancelled,
}

impl LicenceStatus {
    pub fn label(self) -> &'static str {
        match self {
            LicenceStatus::Normal => "正常",
            LicenceStatus::Detained => "扣留",
            LicenceStatus::Suspended => "暂扣",
            LicenceStatus::OverdueRenewal => "逾期未换证",
            LicenceStatus::OverdueReview => "逾期未审验",
            LicenceStatus::Revoked => "吊销",
            LicenceStatus::Postponed => "延期",
            LicenceStatus::OverdueMedical => "逾期未体检",
            LicenceStatus::Stopped => "停止使用",
            LicenceStatus::Cancelled => "注销",
        }
    }

    /// What the status means for the driver, when it restricts them.
    pub fn meaning(self) -> Option<&'static str> {
        match self {
            LicenceStatus::Normal => None,
            LicenceStatus::Postponed => Some("延期期间不得驾驶机动车"),
            LicenceStatus::Detained | LicenceStatus::Suspended => {
                Some("驾驶证被扣留或暂扣期间不得驾驶机动车")
            }
            LicenceStatus::OverdueRenewal | LicenceStatus::OverdueReview => {
                Some("请尽快到车管所办理，逾期1年以上的驾驶证将被注销")
            }
            LicenceStatus::Revoked => Some("驾驶证已被吊销，不得驾驶机动车"),
            LicenceStatus::OverdueMedical => {
                Some("请尽快提交身体条件证明，逾期1年以上的驾驶证将被注销")
            }
            LicenceStatus::Stopped => {
                Some("驾驶证已被公告停止使用，参加满分学习考试前不得驾驶机动车")
            }
            LicenceStatus::Cancelled => Some(
                "驾驶证已注销，不得驾驶机动车；注销未超过2年的，科目一考试合格后可恢复驾驶资格",
            ),
        }
    }
}

/// Turns a day offset into a date, saturating at the calendar's ends.
pub(super) fn date_at(start: NaiveDate, offset: DayOffset) -> NaiveDate {
    let days = Days::new(u64::from(offset.unsigned_abs()));
    let moved = if offset >= 0 {
        start.checked_add_days(days)
    } else {
        start.checked_sub_days(days)
    };
    moved.unwrap_or(if offset >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

impl Profile<DayOffset> {
    /// The persona with its dates placed relative to `start`, ready for the data folder.
    pub fn dated(self, start: NaiveDate) -> Profile {
        let at = |d: DayOffset| date_at(start, d);
        Profile {
            schema_version: self.schema_version,
            id: self.id,
            persona: self.persona,
            name: self.name,
            id_number: self.id_number,
            phone: self.phone,
            registration_city: self.registration_city,
            address: self.address,
            medical_certificate: self.medical_certificate.map(at),
            learner_permit: self.learner_permit.map(|p| LearnerPermit {
                number: p.number,
                classes: p.classes,
                accepted_on: at(p.accepted_on),
                issued_on: p.issued_on.map(at),
                valid_until: p.valid_until.map(at),
                school: p.school,
                sittings: p
                    .sittings
                    .into_iter()
                    .map(|s| Sitting {
                        subject: s.subject,
                        on: at(s.on),
                        scores: s.scores,
                        result: s.result,
                        application: s.application,
                    })
                    .collect(),
                unallocated: p.unallocated,
                voided_on: p.voided_on.map(at),
            }),
            licence: self.licence.map(|l| Licence {
                file_number: l.file_number,
                classes: l.classes,
                first_issued: at(l.first_issued),
                valid_from: at(l.valid_from),
                valid_until: l.valid_until.map(at),
                status: l.status,
                status_until: l.status_until.map(at),
                issuing_authority: l.issuing_authority,
                school_bus_driver: l.school_bus_driver,
                photo_on_file: l.photo_on_file,
                e_licence: l.e_licence,
                reissued_on: l.reissued_on.map(at),
                downgrade_notice: l.downgrade_notice.map(at),
                category_added_on: l.category_added_on.map(at),
                reviewed_cycles: l.reviewed_cycles.into_iter().map(at).collect(),
                full_points_notice_on: l.full_points_notice_on.map(at),
                full_points_begun_on: l.full_points_begun_on.map(at),
            }),
            vehicles: self.vehicles.into_iter().map(|v| v.dated(start)).collect(),
            violations: self
                .violations
                .into_iter()
                .map(|v| v.dated(start))
                .collect(),
            reductions: self
                .reductions
                .into_iter()
                .map(|r| Reduction {
                    date: at(r.date),
                    points: r.points,
                    source: r.source,
                    application: r.application,
                })
                .collect(),
            full_score_records: self.full_score_records.into_iter().map(at).collect(),
            education_fraud: self.education_fraud.into_iter().map(at).collect(),
            welfare_bars: self.welfare_bars.into_iter().map(at).collect(),
            accidents: self
                .accidents
                .into_iter()
                .map(|a| DriverAccident {
                    date: at(a.date),
                    casualties: a.casualties,
                    responsibility: a.responsibility,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_that_ends_by_itself_shows_its_end() {
        let text = include_str!("../../assets/demo/personas/ordinary_c1.ron");
        let persona: Profile<DayOffset> = ron::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let mut licence = persona
            .dated(start)
            .licence
            .unwrap_or_else(|| panic!("a licence"));
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
        assert_eq!(licence.status_shown(day(3, 2)), "正常");
        licence.status = LicenceStatus::Suspended;
        licence.status_until = Some(day(5, 1));
        assert_eq!(licence.status_shown(day(5, 1)), "暂扣（至 2026-05-01）");
        assert_eq!(
            licence.status_shown(day(5, 2)),
            "正常",
            "served on its last day"
        );
        licence.status = LicenceStatus::Postponed;
        licence.valid_until = Some(day(4, 1));
        assert_eq!(
            licence.status_on(day(5, 2)).0,
            LicenceStatus::OverdueRenewal,
            "after the postponement the renewal is overdue again"
        );
        licence.status = LicenceStatus::Normal;
        licence.status_until = None;
        let next_year = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap_or_default();
        assert_eq!(
            licence.status_on(next_year(3, 31)).0,
            LicenceStatus::OverdueRenewal
        );
        assert_eq!(
            licence.status_on(next_year(4, 1)).0,
            LicenceStatus::Cancelled,
            "a year after the expiry, the day itself included (Art.79(8), Art.110)"
        );
    }
}
