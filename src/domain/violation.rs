//! A recorded traffic violation: when and where, what was done, the points and the fine, and how
//! far it has been dealt with (decided, fine paid). Dates are generic as in `profile`: demo data
//! gives them as days from the simulated clock's start.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::plate::Plate;

/// 《行政处罚法》第六十七条: the fine is paid within 15 days of receiving the decision.
pub const PAYMENT_PERIOD_DAYS: i64 = 15;
use super::profile::{DayOffset, date_at};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Violation<D = NaiveDate> {
    /// The day it was committed.
    pub date: D,
    /// The time of day, when the record has one.
    #[serde(default)]
    pub time: Option<NaiveTime>,
    pub place: String,
    pub description: String,
    pub points: u8,
    pub fine_yuan: u32,
    /// Decided by a 处罚决定 (points count from then on, R163 Art.13).
    pub handled: bool,
    pub fine_paid: bool,
    /// The serious offences that bar 学法减分 for three cycles (R163 Art.26(2)).
    #[serde(default)]
    pub category: ViolationCategory,
    /// The vehicle it was recorded against, when known: an unhandled one bars that vehicle's
    /// businesses.
    #[serde(default)]
    pub plate: Option<Plate>,
    /// How it was recorded: a camera's record may be confirmed and decided online.
    #[serde(default)]
    pub captured_by: Capture,
    /// The day of the 处罚决定. A handled record without it was decided on the day it was
    /// committed (an officer's on-the-spot decision; demo records written before the field).
    #[serde(default)]
    pub decided_on: Option<D>,
    /// 处罚决定书编号, once decided in the app.
    #[serde(default)]
    pub decision_number: Option<String>,
    /// The day the fine was paid. A paid record without it was paid on its decision day.
    #[serde(default)]
    pub fine_paid_on: Option<D>,
    /// What was paid, late charge included, in fen (分), once paid in the app.
    #[serde(default)]
    pub paid_fen: Option<u64>,
}

/// How a violation was recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Capture {
    /// 非现场执法: recorded by a camera (电子监控); the driver confirms it and is decided online.
    #[default]
    Camera,
    /// 现场执法: an officer stopped the driver; decided on the spot or at a window.
    Officer,
}

impl Capture {
    pub fn label(self) -> &'static str {
        match self {
            Capture::Camera => "电子监控（非现场）",
            Capture::Officer => "现场执法",
        }
    }
}

/// What kind of violation a record is, as far as R163 Art.26(2) cares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ViolationCategory {
    /// Everything else.
    #[default]
    Ordinary,
    /// 造成交通事故后逃逸
    HitAndRun,
    /// 饮酒后驾驶、醉酒驾驶机动车
    DrinkDriving,
    /// 使用伪造、变造的号牌、行驶证、驾驶证、校车标牌，或者使用其他机动车号牌、行驶证
    ForgedPlatesOrLicence,
    /// 买卖、代替他人接受交通违法行为记分
    TradingPoints,
}

impl ViolationCategory {
    pub fn label(self) -> &'static str {
        match self {
            ViolationCategory::Ordinary => "一般交通违法",
            ViolationCategory::HitAndRun => "交通肇事逃逸",
            ViolationCategory::DrinkDriving => "饮酒、醉酒驾驶",
            ViolationCategory::ForgedPlatesOrLicence => {
                "使用伪造、变造或者他人的号牌、行驶证、驾驶证"
            }
            ViolationCategory::TradingPoints => "买卖、代替他人接受记分",
        }
    }
}

/// A traffic accident the driver was in, as the review rules read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DriverAccident<D = NaiveDate> {
    pub date: D,
    pub casualties: Casualties,
    pub responsibility: Responsibility,
}

/// The worst harm to people in an accident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Casualties {
    Death,
    SeriousInjury,
    /// Minor injury or damage only.
    Minor,
}

/// The driver's share of responsibility (道路交通事故认定).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Responsibility {
    None,
    Minor,
    Equal,
    Main,
    Full,
}

impl Responsibility {
    /// 同等以上责任 (R162 Art.72 para 4).
    pub fn equal_or_greater(self) -> bool {
        self >= Responsibility::Equal
    }

    /// 负有责任: any share.
    pub fn responsible(self) -> bool {
        self > Responsibility::None
    }
}

impl Violation {
    /// The day of the penalty decision, `None` while undecided.
    pub fn decision_date(&self) -> Option<NaiveDate> {
        self.handled.then(|| self.decided_on.unwrap_or(self.date))
    }

    /// The last day of the payment period: 15 days after the decision day, the decision day
    /// not counted (《行政处罚法》第六十七条). `None` while undecided.
    pub fn payment_due(&self) -> Option<NaiveDate> {
        self.decision_date()
            .map(|d| d + chrono::Duration::days(PAYMENT_PERIOD_DAYS))
    }

    /// Whether the fine was paid before `day` began.
    pub fn fine_paid_before(&self, day: NaiveDate) -> bool {
        self.fine_paid
            && self
                .fine_paid_on
                .or_else(|| self.decision_date())
                .is_some_and(|paid| paid < day)
    }

    /// 违法编号: stable for the record (its day, time, place, act, plate, points and fine, none
    /// of which deciding or paying changes), 15 digits like the numbers the real app shows, so
    /// a business can name the record it is about.
    pub fn record_number(&self) -> String {
        let key = format!(
            "{}|{}|{}|{}|{}|{}|{}",
            self.date,
            self.time.map(|t| t.to_string()).unwrap_or_default(),
            self.place,
            self.description,
            self.plate
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            self.points,
            self.fine_yuan
        );
        // FNV-1a: tiny and stable across builds and platforms (std's hasher is not).
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("{:015}", hash % 1_000_000_000_000_000)
    }

    /// The day and, when known, the time it was committed, as records show it.
    pub fn committed_at(&self) -> String {
        match self.time {
            Some(time) => format!("{} {}", self.date, time.format("%H:%M")),
            None => self.date.to_string(),
        }
    }
}

impl Violation<DayOffset> {
    /// The record with its dates placed relative to `start`.
    pub fn dated(self, start: NaiveDate) -> Violation {
        let at = |d: DayOffset| date_at(start, d);
        Violation {
            date: at(self.date),
            time: self.time,
            place: self.place,
            description: self.description,
            points: self.points,
            fine_yuan: self.fine_yuan,
            handled: self.handled,
            fine_paid: self.fine_paid,
            category: self.category,
            plate: self.plate,
            captured_by: self.captured_by,
            decided_on: self.decided_on.map(at),
            decision_number: self.decision_number,
            fine_paid_on: self.fine_paid_on.map(at),
            paid_fen: self.paid_fen,
        }
    }
}
