//! How a business is handled once 开始办理 is pressed: the wizard's pages and fields, and the
//! stages the application then moves through. Logic is referred to by name (`Guard`, `Effect`)
//! and implemented once in Rust (`engine::rules`), so a business file holds no code.

use serde::{Deserialize, Serialize};

pub use super::rules::{Effect, FieldNeed, Guard, Needs, TemporaryTerm};
use super::stages;
pub use super::stages::{ActivityTexts, ExamTexts, PublicityTexts, StudyTerms};

/// The handling of one business.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Process {
    /// What the application concerns: the page 选择驾驶证 / 选择机动车 comes from it.
    pub subject: Subject,
    /// Checked when 开始办理 is pressed; a failure refuses with its reason before any typing.
    #[serde(default)]
    pub precheck: Option<Guard>,
    /// The business's own pages, between the subject and the summary.
    pub pages: Vec<Page>,
    /// Where the SMS verification code goes.
    pub sms_to: SmsTarget,
    /// The stages after 提交; the first one is entered on submission.
    pub stages: Vec<Stage>,
}

/// What an application is about: chosen once, on the wizard's subject page, and recorded by a
/// key that does not change (档案编号, 证明编号, VIN, 受理编号) with a snapshot for display.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Serialize)]
pub enum Subject {
    /// The signed-in user's driving licence.
    Licence,
    /// The user's 学习驾驶证明: a learner with no licence for the classes yet.
    Learner,
    /// One of the user's own vehicles, of those the filter admits.
    Vehicle(VehicleFilter),
    /// Someone else's vehicle, found by its plate in the registry of owners.
    OtherVehicle,
    /// Another application of the user's: of business `flow`, waiting in one of `stages` (the
    /// booking an exam fee pays for, the booking a cancellation cancels).
    Application { flow: String, stages: Vec<String> },
    /// One of the user's violation records, of those the filter admits, by its 违法编号.
    Violation(ViolationFilter),
}

/// Which violation records a violation business is for.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Serialize)]
pub enum ViolationFilter {
    /// A camera's record not yet decided (电子监控违法处理).
    Undecided,
    /// A decided record whose fine is unpaid (罚款缴纳).
    FineUnpaid,
}

/// Which of the user's vehicles a vehicle business is for.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Serialize)]
pub enum VehicleFilter {
    /// Registered, with a plate and a 行驶证.
    Registered,
    /// Not registered yet (a new car): 选号, 临时号牌.
    Unregistered,
    /// Registered, exempt from on-line inspection and in the three months before its
    /// inspection expires (免检车申领检验标志, R164 Art.54-55).
    ExemptSignDue,
    /// A used vehicle that needs a new number: bought locally and awaiting its 转让登记, or
    /// transferred out of another office towards this one (在用车选号, R164 Art.26-27).
    AwaitingNewNumber,
}

/// A subject without its parameters, for what a rule may be used with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    Licence,
    Learner,
    Vehicle,
    OtherVehicle,
    Application,
    Violation,
}

impl Subject {
    pub fn kind(&self) -> SubjectKind {
        match self {
            Subject::Licence => SubjectKind::Licence,
            Subject::Learner => SubjectKind::Learner,
            Subject::Vehicle(_) => SubjectKind::Vehicle,
            Subject::OtherVehicle => SubjectKind::OtherVehicle,
            Subject::Application { .. } => SubjectKind::Application,
            Subject::Violation(_) => SubjectKind::Violation,
        }
    }
}

/// Where the SMS verification code is sent.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub enum SmsTarget {
    /// The phone number on the account.
    AccountPhone,
    /// A phone number typed in the wizard (a contact change sends it to the new number).
    Field(String),
    /// The phone of the owner of the car found by plate (备案非本人机动车: the owner consents);
    /// it arrives in the owner's 消息 when the owner is an account.
    SubjectOwner,
}

/// One page of the wizard.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub title: String,
    pub fields: Vec<Field>,
    /// Shown only when this holds (the photo page only for a licence without a stored photo).
    #[serde(default)]
    pub when: Option<Guard>,
    /// A rule across the page's answers, checked when the page is left and again at 提交;
    /// its reason is shown at the top of the page.
    #[serde(default)]
    pub check: Option<Guard>,
}

/// One field of a page.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The key of the answer in the application, unique in the business.
    pub id: String,
    /// The label next to the field, naming it in every message.
    pub label: String,
    pub kind: FieldKind,
    /// A line of help under the field.
    #[serde(default)]
    pub help: String,
}

/// The few reusable kinds of field.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub enum FieldKind {
    /// One line of text checked by a named validator when the page is left.
    Text { validator: Validator },
    /// One option of a list; an option whose guard fails is shown disabled with the reason.
    Choice { options: Vec<ChoiceOption> },
    /// Province and city, and with `levels: 3` the district, chosen level by level from the
    /// lists in `assets/demo/regions.ron` (an address needs all three, a city of registration
    /// or of an exam two).
    Region { levels: u8 },
    /// A photo "taken" or "picked" from the sample photos in `assets/demo/photos.ron`.
    Photo,
    /// A statement the user must tick (Space) to go on.
    Declaration { text: String },
    /// A calendar date typed as YYYY-MM-DD, between these days relative to a date the business
    /// names (today unless `from` says otherwise: the licence's expiry for a 延期, another
    /// date answered on the page).
    Date {
        #[serde(default)]
        from: DateFrom,
        earliest_days: i32,
        latest_days: i32,
    },
    /// A whole number typed, from `min` to `max` (a count of plates, of years).
    Number { min: i64, max: i64 },
    /// A 车管所 or service point where the card is collected (自取): of the applicant's city,
    /// or with `city_from` of the city answered in that region field (驾驶证转入's new city).
    ServicePoint {
        #[serde(default)]
        city_from: Option<String>,
    },
    /// A document photographed or picked from an album of `assets/demo/attachments.ron`
    /// (身份证明, 身体条件证明), reviewed with `AttachmentAcceptable`.
    Attachment { album: String },
    /// A venue and an hour from `assets/demo/sessions.ron` for this purpose (公益网点, 考场),
    /// in the applicant's city, and with `tagged` only those tagged with what that field
    /// answered (the subject an exam session holds); a full one is shown disabled.
    Session {
        purpose: String,
        #[serde(default)]
        tagged: Option<String>,
        /// Sessions of the city answered in this field, instead of the registration city's
        /// (审验教育 in the city chosen for it).
        #[serde(default)]
        city_from: Option<String>,
    },
    /// `count` different sessions of this purpose on different days, each taking a seat
    /// (several days of education), or with `count_from` as many as that field answered (the
    /// on-site days chosen); `city_from` as for `Session`.
    Sessions {
        purpose: String,
        count: u8,
        #[serde(default)]
        city_from: Option<String>,
        #[serde(default)]
        count_from: Option<String>,
    },
    /// A value worked out by a named rule, shown and kept as the answer, never typed (the days
    /// of study the regulation sets; the days left for self-study).
    Derived { value: DerivedValue },
    /// Candidate plate numbers of `kind` the engine draws for the vehicle's office when the
    /// task begins (选号); the applicant may have them drawn again `rerolls` times (换一批).
    PlateNumber {
        #[serde(default)]
        kind: PlateSeries,
        candidates: u8,
        #[serde(default)]
        rerolls: u8,
    },
    /// 自编自选: the applicant's own number for the vehicle's office, the serial typed after it,
    /// checked as typed against GA 36, the vehicle's series and the office's open patterns, and
    /// for availability when handed in; after `tries` numbers found taken the attempt is void.
    ComposedPlate { tries: u8 },
    /// A fee paid by a chosen method; the payment is simulated and always succeeds. The
    /// amount is the config's for the item and the applicant's city, else `amount_yuan`;
    /// with `basis: ExamSubject` the item is the exam subject of the booking this business is
    /// about, a retake at half.
    Payment {
        item: String,
        amount_yuan: u32,
        #[serde(default)]
        basis: FeeBasis,
    },
}

/// The rules a `Derived` field shows.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub enum DerivedValue {
    /// The days of 满分 study for the licence and the times full in the cycle (R163 Art.18).
    FullPointsStudyDays,
    /// The number answered in `of` less the numbers answered in `less` (what is left).
    Remainder { of: String, less: Vec<String> },
}

/// What a fee is charged for.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
pub enum FeeBasis {
    /// The item itself.
    #[default]
    Item,
    /// The exam subject the subject application booked: the config's item `<科目>考试费`,
    /// half for a retake (a subject failed before on the same permit).
    ExamSubject,
    /// The fine of the violation record this business is about, with its late charge on the
    /// day (《行政处罚法》第七十二条).
    Fine,
}

/// The series a 选号 draws from.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
pub enum PlateSeries {
    /// 普通小型汽车号牌: five characters, at most two letters.
    #[default]
    Ordinary,
    /// 小型新能源汽车号牌: D (纯电动) or F, one letter or digit, four digits.
    NewEnergy,
    /// The series of the vehicle's kind: a small NEV's, a large NEV's (five digits then D or
    /// F), or the ordinary one.
    ByVehicle,
}

/// The date a `Date` field's window counts from.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub enum DateFrom {
    #[default]
    Today,
    /// The licence's 有效期至.
    LicenceValidUntil,
    /// The date answered in another field.
    Answer(String),
}

/// Named text validators, each a value type of `domain`.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum Validator {
    Phone,
    IdNumber,
    Plate,
    /// A plate, or the 8-character 备案码 printed under a vehicle's 机动车二维码.
    PlateOrFilingCode,
    Vin,
    /// Free text that must not be empty (an address line), at most 60 characters.
    Line,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
    #[serde(default)]
    pub guard: Option<Guard>,
}

/// One stage of the application after submission.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    /// What 网办进度 calls it (受理, 民警审核, 办结 ...).
    pub title: String,
    pub kind: StageKind,
    /// Effects applied on entering the stage.
    #[serde(default)]
    pub enter: Vec<Effect>,
    /// Signals another application may give the stage (`Tell`): a cancellation's
    /// `Withdrawn`, a payment's `Done`. Each needs a transition like the kind's own.
    #[serde(default)]
    pub told: Vec<Signal>,
    /// Where each outcome of the stage leads.
    #[serde(default)]
    pub on: Vec<Transition>,
    /// The business's own words for an outcome in the timeline, where the general ones read
    /// oddly (a check on how many photos were rejected "通过" means "可以重新提交").
    #[serde(default)]
    pub said: Vec<(Signal, String)>,
}

impl Stage {
    /// The signals the stage can give: its kind's, and `EffectFailed` when an effect it
    /// settles on entry can fail. Each needs a transition, and no other may have one.
    pub fn signals(&self) -> Vec<Signal> {
        let mut signals = super::stages::signals(&self.kind).to_vec();
        if self.enter.iter().any(Effect::can_fail) {
            signals.push(Signal::EffectFailed);
        }
        for told in &self.told {
            if !signals.contains(told) {
                signals.push(*told);
            }
        }
        signals
    }
}

/// The few reusable kinds of stage.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub enum StageKind {
    /// Automatic; gives `Pass` or `Fail` (with the guard's reason).
    SystemCheck(Guard),
    /// Simulated 实人认证 / 人脸比对; gives `Pass` or `Fail`.
    FaceCheck,
    /// A police officer decides after at most this many working days: `Approved` when the guard
    /// holds, else `Rejected` with its reason. Held for the trainer when the config says so.
    PoliceReview {
        working_days: u32,
        approve_if: Guard,
    },
    /// Waits `days` natural days, or `working_days` working days (the period of R164 Art.92's
    /// list, such as 15 working days to make plates), then gives `Due`. One of the two.
    Wait {
        #[serde(default)]
        days: u32,
        #[serde(default)]
        working_days: u32,
    },
    /// Waits for the user: a page of ordinary fields (a new photo), or with none a confirmation
    /// the button of which says the stage's title; gives `Done` once they are answered, or
    /// `Expired` when `days` natural days pass first (every stage that waits for the user has
    /// a deadline, so nothing stays open for ever).
    UserTask {
        #[serde(default)]
        fields: Vec<Field>,
        #[serde(default)]
        days: u32,
        /// When set, the task must be done within this many seconds of the simulated clock
        /// instead (a 选号 countdown); the page shows the time left.
        #[serde(default)]
        seconds: u32,
        /// When set, within this many working days instead (a number held for registration).
        #[serde(default)]
        working_days: u32,
    },
    /// 实人认证 the user starts: `Pass`, or `Fail` once the configured retries are used up.
    IdentityCheck,
    /// 课件学习: `minutes` accumulated within `within_days` natural days of the first start, with
    /// face checks at random moments; `Done` when submitted after enough minutes, `Expired`
    /// when the window closes first (R163 Art.27: 30 minutes within 3 days). With
    /// `min_per_day`, a calendar day under that many minutes does not count; with
    /// `from_start_day`, the day of the first start is the window's first day (`StudyTerms`).
    Study {
        minutes: u32,
        within_days: u32,
        #[serde(default)]
        min_per_day: Option<u32>,
        #[serde(default)]
        from_start_day: bool,
    },
    /// 网上考试: `questions` drawn from the bank, `seconds_per_question` each on the simulated
    /// clock, face checks during it; `Pass` at `pass_percent` of the answers right, or `Fail`
    /// once `retakes` are used up. Pass mark and retakes are the business's facts, so each
    /// business that examines names its own.
    Exam {
        questions: u32,
        seconds_per_question: u32,
        pass_percent: u32,
        retakes: u32,
        #[serde(default)]
        texts: stages::ExamTexts,
    },
    /// An attendance on the session booked in field `session_field`: 签到 with a face check
    /// before it starts, the session, 签退 with a face check after it ends. `Done`; `Void` when
    /// late, absent, leaving early or not signing out; `Fail` when the face checks fail.
    Activity {
        session_field: String,
        #[serde(default)]
        texts: stages::ActivityTexts,
    },
    /// 公示: `days` natural days; `Due` without objection, `Objected` when one is lodged.
    Publicity {
        days: u32,
        #[serde(default)]
        texts: stages::PublicityTexts,
    },
    /// 约考排序: the seats of the session booked in `session_field` are assigned by the plan's
    /// lottery on its day (earlier unallocated bookings weigh in); `Pass` with a seat, `Fail`
    /// without. The trainer may decide it first.
    Allocation { session_field: String },
    /// Waits for a payment another application reports (`told: [Done]`), made with business
    /// `pay_with`: `Expired` when the configured payment deadline passes first, `Due` when the
    /// session in `session_field` begins unpaid (no deadline configured: the fee could still
    /// be paid until then).
    AwaitPayment {
        session_field: String,
        pay_with: String,
    },
    /// The sitting on the session booked in `session_field`, for the subject answered in
    /// `subject_field`: decided at its end by the trainer or by the seeded generator at the
    /// configured pass rate, each attempt scored against the pass mark (R162 Art.38) with one
    /// retake in the same sitting (Art.47); `Pass` or `Fail`, the scores recorded.
    Sitting {
        session_field: String,
        subject_field: String,
    },
    /// Days of education in three parts done in any order (满分: R163 Art.19): on-site days
    /// at the sessions booked in `session_field`, each counting when attended from start to
    /// end and longer than `day_minutes`; online days, each a calendar day with more than
    /// `day_minutes` of study; self-study days by the calendar from the stage's first day. A
    /// day with both on-site and online study counts once. The numbers of days come from the
    /// answers `on_site_field`, `online_field` and `total_field`. `Done` when submitted with
    /// every part complete; `Void` when a booked session is missed, with `missed` (`{session}`
    /// the place and time, `{what}` not signed in or not signed out).
    EducationDays {
        session_field: String,
        on_site_field: String,
        online_field: String,
        total_field: String,
        day_minutes: u32,
        missed: String,
    },
    /// The end: 办结, 不予受理, 已撤销, 转窗口办理.
    Terminal(Outcome),
}

impl StageKind {
    /// A study's terms, `None` for another kind.
    pub fn study_terms(&self) -> Option<StudyTerms> {
        match *self {
            StageKind::Study {
                minutes,
                within_days,
                min_per_day,
                from_start_day,
            } => Some(StudyTerms {
                minutes,
                within_days,
                min_per_day,
                from_start_day,
            }),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Serialize)]
pub enum Outcome {
    /// 办结
    Done,
    /// 审核不通过 / 不予受理
    Rejected,
    /// 已撤销
    Cancelled,
    /// 请到窗口办理
    ToWindow,
    /// 已失效: a time window closed or a step was voided.
    Void,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Done => "已办结",
            Outcome::Rejected => "未通过",
            Outcome::Cancelled => "已撤销",
            Outcome::ToWindow => "请到窗口办理",
            Outcome::Void => "已失效",
        }
    }
}

/// An outcome of a stage.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Serialize)]
pub enum Signal {
    Pass,
    Fail,
    Approved,
    Rejected,
    Due,
    Done,
    /// A time window closed before the task was complete.
    Expired,
    /// The step was voided by the applicant's conduct (late, absent, left early).
    Void,
    /// An objection was lodged during 公示.
    Objected,
    /// An effect of the stage could not be settled (the points were used up meanwhile, the
    /// vehicle left the account): nothing of the stage's effects is done.
    EffectFailed,
    /// Another application withdrew it (取消考试预约).
    Withdrawn,
}

impl Signal {
    /// Whether the outcome is a setback for the applicant (its reason is worth showing as one).
    pub fn is_setback(self) -> bool {
        matches!(
            self,
            Signal::Fail
                | Signal::Rejected
                | Signal::Expired
                | Signal::Void
                | Signal::Objected
                | Signal::EffectFailed
                | Signal::Withdrawn
        )
    }

    /// What a stage gave, in the words the timeline uses when its kind has none of its own.
    pub fn label(self) -> &'static str {
        match self {
            Signal::Pass => "通过",
            Signal::Fail => "未通过",
            Signal::Approved => "审核通过",
            Signal::Rejected => "审核未通过",
            Signal::Due => "期满",
            Signal::Done => "已完成",
            Signal::Expired => "已过期",
            Signal::Void => "无效",
            Signal::Objected => "收到异议",
            Signal::EffectFailed => "未能办结",
            Signal::Withdrawn => "已取消",
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    pub when: Signal,
    pub to: String,
    /// Taken only when this holds; the first matching transition wins, so a branch on the
    /// applicant's answers lists its guarded cases before the fallback.
    #[serde(default, rename = "if")]
    pub only_if: Option<Guard>,
}

impl Process {
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// Every field of every page, in order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.pages.iter().flat_map(|p| p.fields.iter())
    }

    /// Every field an answer can come from: the pages' and the task pages' of the stages.
    pub fn answerable_fields(&self) -> impl Iterator<Item = &Field> {
        let tasks = self.stages.iter().flat_map(|s| match &s.kind {
            StageKind::UserTask { fields, .. } => fields.as_slice(),
            _ => &[],
        });
        self.fields().chain(tasks)
    }
}
