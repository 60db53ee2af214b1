//! The named rules a business file refers to: the conditions (`Guard`) and the changes
//! (`Effect`) it names, each implemented once in Rust (`engine::rules`, `engine::effects`), and
//! what each reads from the business that uses it (`Needs`), which `jiaoguan check` verifies.

use serde::{Deserialize, Serialize};

use super::process::{FieldKind, Signal, SubjectKind, Validator};
use crate::domain::profile::{ReductionSource, TemporaryPurpose};

/// A named condition, implemented once in Rust; combinable.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Serialize)]
pub enum Guard {
    /// The account has a driving licence.
    HasLicence,
    /// The licence is 正常: not detained, suspended, overdue, revoked, and below 12 points.
    LicenceNormal,
    /// The office holds a usable photo of the driver.
    PhotoOnFile,
    /// The photo chosen in the wizard meets the photo rules (GA 482-2012).
    PhotoAcceptable,
    /// Fewer than this many police reviews have rejected this application (each rejection is
    /// recorded; in 驾驶证电子版 the review is of the photo).
    PhotoRejectionsBelow(u32),
    /// 学法减分 may be applied for: R163 Art.25-26, every failing rule named (`domain::ledger`).
    PointsReducible,
    /// The 公益网点 path is open: no voided 公益活动 in this scoring cycle.
    WelfareAllowed,
    /// The wizard's answer to field `.0` is `.1` (which path the applicant chose).
    AnswerIs(String, String),
    /// The chosen vehicle is the applicant's own and registered.
    VehicleOwned,
    /// The chosen vehicle's 交强险 is in force (R164 Art.57).
    InsuranceValid,
    /// The chosen vehicle's inspection period has not ended.
    InspectionValid,
    /// 延期换领: the renewal is due (90 days before the expiry to a year after) and the licence
    /// is neither revoked nor postponed already (R162 Art.63, 75).
    RenewalPostponable,
    /// The city answered in this field is not where the licence was issued (转入, R162 Art.64).
    TransferDestination(String),
    /// 期满换证: the renewal is due and a body certificate is on file (R162 Art.63).
    LicenceRenewable,
    /// The licence is not detained or suspended (遗失补领, R162 Art.69).
    LicenceNotHeld,
    /// The licence is neither cancelled nor revoked (R162 Art.79).
    LicenceNotCancelled,
    /// The licence card was not replaced in the last this many days: a frequent replacement
    /// goes to a window (R162 Art.83 para 2; the days are the business file's).
    LicenceNotReplacedWithin(u32),
    /// The licence has a large or medium class to give up (降级).
    LicenceDowngradable,
    /// 超龄降级: a large or medium class held at 63 or older (R162 Art.65, R172).
    AgeDowngradeDue,
    /// A body certificate made in the last six months is on file (R162 Art.63, 67).
    MedicalCertificateValid,
    /// 延期提交身体证明: the driver must submit a body certificate (70 or older, or a C5
    /// licence) and the licence is in the window of R162 Art.75.
    MedicalCertificatePostponable,
    /// 延期驾驶证审验: the driver must be reviewed (a school-bus driver, a large or medium class
    /// with points this cycle) and the licence is in the window of R162 Art.75.
    ReviewPostponable,
    /// The date answered in this field ends a postponement: after today, within three years
    /// (R162 Art.75).
    PostponementEnd(String),
    /// The document attached in this field is fit for review (the reviewer names its defect).
    AttachmentAcceptable(String),
    /// The date answered in the first field is not after the one in the second (a period's
    /// start and end).
    DatesInOrder(String, String),
    /// The chosen vehicle's 行驶证 was not replaced in the last this many days: a frequent
    /// replacement goes to a window (R164 Art.74(5)); how recent counts as frequent is the
    /// business file's, since the regulation gives no number.
    VehicleLicenceNotReplacedWithin(u32),
    /// The exam subject of this code (`k1`, `k2`, `k3`) may be booked on the learner's permit
    /// now: 科目一 first, the waits of R162 Art.43-44, five bookings, ten days after a failure
    /// (Art.47), and no other booking of it open. A subject option's guard.
    ExamSubjectBookable(String),
    /// The booking this business is about can still be cancelled online: its session, named by
    /// the booking's field, is more than one working day away (R162 Art.46).
    BookingCancellable(String),
    /// No unhandled violation recorded against the chosen vehicle and no unhandled accident of
    /// it (R164 Art.54).
    VehicleRecordsClear,
    /// The chosen vehicle's plates were not replaced within the config's days: a frequent
    /// replacement goes to a window (R164 Art.74(5)).
    PlatesNotReplacedRecently,
    /// The chosen vehicle is exempt from on-line inspection under the config's schedule
    /// (R164 Art.55).
    InspectionExempt,
    /// Within the three months before the chosen vehicle's inspection expires (R164 Art.54).
    SignWindowOpen,
    /// The chosen vehicle's 车船税 is paid or exempt (R164 Art.55).
    VehicleTaxSettled,
    /// The car found by plate or 备案码 may be filed as non-own by this user: its kind, its
    /// region, and the config's limits of cars per user and filers per car.
    NonOwnedFileable,
    /// The chosen new car has had fewer than three temporary plates (R164 Art.47).
    NewCarTemporaryPlatesLeft,
    /// The chosen vehicle's owner moving house transfers it out: not a small or micro passenger
    /// car, which is registered directly at the new office (R164 Art.18 para 1).
    MovesByTransferOut,
    /// The city answered in this field is the destination on the chosen vehicle's used-car
    /// invoice (the seed's rule; R164 Art.90).
    DestinationMatchesInvoice(String),
    /// The chosen vehicle may be transferred: not within a year of its scrapping age, not
    /// seized (R164 Art.29).
    TransferAllowed,
    /// The chosen vehicle is mortgaged (抵押登记).
    VehicleMortgaged,
    /// The chosen vehicle comes from another office (转入) rather than a local sale.
    VehicleTransferredIn,
    /// The chosen new car is of a kind 新车选号 serves: 小型汽车, 小型新能源汽车, 大型新能源汽车
    /// (the seed).
    PlateSelectable,
    /// A mortgaged vehicle's mortgagee consented in this field (R164 Art.32).
    MortgageConsented(String),
    /// The date answered in this field ends a new car's temporary plate: within 30 days and
    /// not after its 交强险 (R164 Art.47).
    NewCarTemporaryUntil(String),
    /// The driver owes a 审验 for the cycle that ended last and has not done it (R162 Art.72,
    /// 90): an A/B class with points, a school bus, the accidents of para 4-5.
    ReviewDue,
    /// 网络教育 is open to the driver under the config's on-site rule (`education`).
    OnlineReviewAllowed,
    /// The driver is 70 or older: the review includes the ability tests (R162 Art.73 para 3).
    AbilityTestDue,
    /// 满分教育 is open to the driver: 12 points in the cycle and the licence detained (R163
    /// Art.17).
    FullPointsQualified,
    /// The city answered in this field is the licence's issuing city or the city of a
    /// violation (R163 Art.20).
    EducationCityAllowed(String),
    /// The days answered in the second and third fields (on site, online) split the days of
    /// the first as R163 Art.19 allows.
    StudySplit(String, String, String),
    /// The driver's exams after 满分 are the theory exam alone: the first time full, under 24
    /// points (R163 Art.22); the road and site tests are booked at a window.
    FullPointsTheoryOnly,
    /// Every violation record of the driver is decided (a licence business waits for it).
    ViolationsHandled,
    /// Every fine of the driver's records is paid (a licence is returned only then: R163
    /// Art.23).
    FinesPaid,
    /// The chosen violation record may be confirmed and decided online: a camera's record not
    /// yet decided, and its points keep the cycle below 12 (R163 Art.17).
    ViolationDecidable,
    /// The chosen violation record is decided and its fine unpaid.
    FinePayable,
    All(Vec<Guard>),
    Any(Vec<Guard>),
    Not(Box<Guard>),
}

/// A named change the application makes when a stage is entered, implemented once in Rust.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Serialize)]
pub enum Effect {
    /// An SMS to the applicant; `{number}`, `{title}`, `{reason}` are filled in.
    Sms(String),
    /// An in-app notice (消息) with the same placeholders.
    Notice(String),
    /// The licence gets its electronic version, with the stored or the approved photo.
    IssueELicence,
    /// The phone and address typed in the wizard replace the profile's.
    ApplyContactChange,
    /// 学法减分: the points this source earns come off the ledger (never past the cycle cap or
    /// below zero), recorded with the application number.
    ReducePoints(ReductionSource),
    /// A voided 公益活动 closes the 公益网点 path for the rest of the scoring cycle.
    BarWelfare,
    /// The licence's status becomes 延期 until the date answered in `until` (R162 Art.75).
    PostponeLicence,
    /// A new card for a renewal: the next term of R162 Art.62, counted from the old expiry.
    RenewLicence,
    /// A new card with the large and medium classes given up for C1 (R162 Art.65, 67).
    DowngradeLicence,
    /// A new card as the old one was (遗失, 损毁, 信息变化: R162 Art.66, 69).
    ReissueLicence,
    /// A new card issued by the office of the city answered in `to_city` (转入, R162 Art.64).
    TransferLicence,
    /// The chosen vehicle gets a new 行驶证; the one it replaces is void (R164 Art.52).
    ReplaceVehicleLicence,
    /// The chosen vehicle gets a new electronic 检验合格标志 (R164 Art.56-57).
    ReissueInspectionSign,
    /// The phone and address typed in the wizard are filed for the chosen vehicle; the
    /// licence's contact details stay as they were (R164 Art.23-24).
    ApplyVehicleContactChange,
    /// The sitting of the subject answered in this field goes on the learner's file, with the
    /// scores the sitting stage recorded (none: absent); it issues the permit after 科目一,
    /// voids it after a fifth failure, or issues the licence after the last subject
    /// (R162 Art.40, 47, 60).
    RecordSitting(String),
    /// The booking lost the seat lottery: it counts for the learner's next draw.
    CountUnallocated,
    /// The application this business is about is given this signal (a cancellation withdraws
    /// the booking, a fee paid lets it go on); fails when it has moved on meanwhile.
    Tell(Signal),
    /// A temporary plate for the chosen vehicle, for `purpose`, running `term` (15 calendar
    /// days while plates are remade, R164 Art.51; the date answered for a new car, Art.47).
    IssueTemporaryPlate {
        purpose: TemporaryPurpose,
        term: TemporaryTerm,
    },
    /// New plates with the same number for the chosen vehicle; the old ones are void and the
    /// temporary plate ends (R164 Art.51).
    ReplacePlates,
    /// The exempt vehicle's electronic 检验标志, with the next 检验有效期 of the schedule
    /// (R164 Art.55).
    IssueExemptSign,
    /// The car found by plate or 备案码 goes on the user's 机动车 list as non-own.
    FileNonOwned,
    /// 注册登记: the chosen vehicle gets the number answered in this field; its first
    /// inspection falls due in the first year of the exemption schedule, and a new-car
    /// temporary plate ends three working days on (R164 Art.12, 47).
    RegisterVehicle(String),
    /// The chosen vehicle leaves its office for the city answered in the first of these fields
    /// that is answered: the plates and 行驶证 handed back, the 转入 due there (R164 Art.18, 27).
    TransferOut(Vec<String>),
    /// The review of the cycle that ended last goes on the licence record (审验合格).
    PassReview,
    /// The 满分 education has begun today (the 30 days of the notice no longer run: R163
    /// Art.29).
    BeginFullPoints,
    /// 满分教育 completed: the points of the cycle cleared, the licence returned to 正常
    /// (R163 Art.23).
    CompleteFullPoints,
    /// The chosen violation record is decided today (处罚决定, 非现场执法): its points count in
    /// this cycle from today (R163 Art.13) and the 15 days to pay begin (《行政处罚法》第六十七条).
    DecideViolation,
    /// The chosen record's fine is paid today, with the late charge due on the day
    /// (《行政处罚法》第七十二条).
    PayFine,
}

/// How long a temporary plate runs.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Serialize)]
pub enum TemporaryTerm {
    /// This many calendar days, the day of issue the first.
    Days(u32),
    /// Until the date answered in this field.
    UntilAnswer(String),
}

/// What a named guard or effect reads from the business that uses it, declared beside its
/// name so that `jiaoguan check` refuses a business that cannot give it (a contact change
/// without a phone field would otherwise finish 办结 with nothing changed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    /// The subject it changes, when it changes one.
    pub subject: Option<SubjectKind>,
    /// The fields it reads, each with the kind it must be.
    pub fields: Vec<(String, FieldNeed)>,
    /// An answer it compares: the field and the value.
    pub answer: Option<(String, String)>,
}

/// The kind of field a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldNeed {
    Phone,
    Region,
    Text,
    Photo,
    Date,
    Attachment,
    City,
    Choice,
    Number,
    Derived,
}

impl FieldNeed {
    pub fn accepts(self, kind: &FieldKind) -> bool {
        match self {
            FieldNeed::Phone => matches!(
                kind,
                FieldKind::Text {
                    validator: Validator::Phone
                }
            ),
            FieldNeed::Region => *kind == FieldKind::Region { levels: 3 },
            FieldNeed::Text => matches!(kind, FieldKind::Text { .. }),
            FieldNeed::Photo => *kind == FieldKind::Photo,
            FieldNeed::Date => matches!(kind, FieldKind::Date { .. }),
            FieldNeed::Attachment => matches!(kind, FieldKind::Attachment { .. }),
            FieldNeed::City => *kind == FieldKind::Region { levels: 2 },
            FieldNeed::Choice => matches!(kind, FieldKind::Choice { .. }),
            FieldNeed::Number => matches!(kind, FieldKind::Number { .. }),
            FieldNeed::Derived => matches!(kind, FieldKind::Derived { .. }),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FieldNeed::Phone => "手机号码",
            FieldNeed::Region => "地区",
            FieldNeed::Text => "文字",
            FieldNeed::Photo => "照片",
            FieldNeed::Date => "日期",
            FieldNeed::Attachment => "材料",
            FieldNeed::City => "城市（两级地区）",
            FieldNeed::Choice => "选项",
            FieldNeed::Number => "数字",
            FieldNeed::Derived => "自动计算",
        }
    }
}

impl Effect {
    /// What the effect reads (`engine::rules::apply_to_profile` reads exactly these).
    pub fn needs(&self) -> Needs {
        let licence = Some(SubjectKind::Licence);
        match self {
            Effect::Sms(_) | Effect::Notice(_) => Needs::default(),
            Effect::IssueELicence
            | Effect::RenewLicence
            | Effect::DowngradeLicence
            | Effect::ReissueLicence
            | Effect::ReducePoints(_)
            | Effect::PassReview
            | Effect::BeginFullPoints
            | Effect::CompleteFullPoints
            | Effect::BarWelfare => Needs {
                subject: licence,
                ..Needs::default()
            },
            Effect::ApplyContactChange => Needs {
                subject: licence,
                fields: contact_fields(),
                answer: None,
            },
            Effect::TransferLicence => Needs {
                subject: licence,
                fields: vec![("to_city".into(), FieldNeed::City)],
                answer: None,
            },
            Effect::PostponeLicence => Needs {
                subject: licence,
                fields: vec![("until".into(), FieldNeed::Date)],
                answer: None,
            },
            Effect::ReplaceVehicleLicence | Effect::ReissueInspectionSign => Needs {
                subject: Some(SubjectKind::Vehicle),
                ..Needs::default()
            },
            Effect::ApplyVehicleContactChange => Needs {
                subject: Some(SubjectKind::Vehicle),
                fields: contact_fields(),
                answer: None,
            },
            Effect::RecordSitting(field) => Needs {
                subject: Some(SubjectKind::Learner),
                fields: vec![(field.clone(), FieldNeed::Choice)],
                answer: None,
            },
            Effect::CountUnallocated => Needs {
                subject: Some(SubjectKind::Learner),
                ..Needs::default()
            },
            Effect::Tell(_) => Needs {
                subject: Some(SubjectKind::Application),
                ..Needs::default()
            },
            Effect::IssueTemporaryPlate {
                term: TemporaryTerm::UntilAnswer(field),
                ..
            } => Needs {
                subject: Some(SubjectKind::Vehicle),
                fields: vec![(field.clone(), FieldNeed::Date)],
                answer: None,
            },
            Effect::IssueTemporaryPlate { .. }
            | Effect::ReplacePlates
            | Effect::IssueExemptSign => vehicle(),
            Effect::FileNonOwned => Needs {
                subject: Some(SubjectKind::OtherVehicle),
                ..Needs::default()
            },
            Effect::RegisterVehicle(_) => vehicle(),
            Effect::DecideViolation | Effect::PayFine => violation(),
            Effect::TransferOut(fields) => Needs {
                subject: Some(SubjectKind::Vehicle),
                fields: fields
                    .iter()
                    .map(|f| (f.clone(), FieldNeed::City))
                    .collect(),
                answer: None,
            },
        }
    }

    /// Whether settling it reads a profile that may have changed since 提交 (so a stage
    /// with it must say where the application goes when it fails).
    pub fn can_fail(&self) -> bool {
        match self {
            Effect::IssueELicence
            | Effect::PostponeLicence
            | Effect::RenewLicence
            | Effect::DowngradeLicence
            | Effect::ReissueLicence
            | Effect::TransferLicence
            | Effect::ReducePoints(_)
            | Effect::ReplaceVehicleLicence
            | Effect::ReissueInspectionSign
            | Effect::ApplyVehicleContactChange
            | Effect::RecordSitting(_)
            | Effect::CountUnallocated
            | Effect::Tell(_)
            | Effect::IssueTemporaryPlate { .. }
            | Effect::ReplacePlates
            | Effect::IssueExemptSign
            | Effect::FileNonOwned
            | Effect::TransferOut(_)
            | Effect::RegisterVehicle(_)
            | Effect::DecideViolation
            | Effect::PassReview
            | Effect::BeginFullPoints
            | Effect::CompleteFullPoints
            | Effect::PayFine => true,
            Effect::Sms(_)
            | Effect::Notice(_)
            | Effect::ApplyContactChange
            | Effect::BarWelfare => false,
        }
    }

    /// Its name as a business file writes it.
    pub fn name(&self) -> &'static str {
        match self {
            Effect::Sms(_) => "Sms",
            Effect::Notice(_) => "Notice",
            Effect::IssueELicence => "IssueELicence",
            Effect::ApplyContactChange => "ApplyContactChange",
            Effect::PostponeLicence => "PostponeLicence",
            Effect::RenewLicence => "RenewLicence",
            Effect::DowngradeLicence => "DowngradeLicence",
            Effect::ReissueLicence => "ReissueLicence",
            Effect::TransferLicence => "TransferLicence",
            Effect::ReducePoints(_) => "ReducePoints",
            Effect::BarWelfare => "BarWelfare",
            Effect::ReplaceVehicleLicence => "ReplaceVehicleLicence",
            Effect::ReissueInspectionSign => "ReissueInspectionSign",
            Effect::ApplyVehicleContactChange => "ApplyVehicleContactChange",
            Effect::RecordSitting(_) => "RecordSitting",
            Effect::CountUnallocated => "CountUnallocated",
            Effect::Tell(_) => "Tell",
            Effect::IssueTemporaryPlate { .. } => "IssueTemporaryPlate",
            Effect::ReplacePlates => "ReplacePlates",
            Effect::IssueExemptSign => "IssueExemptSign",
            Effect::FileNonOwned => "FileNonOwned",
            Effect::TransferOut(_) => "TransferOut",
            Effect::RegisterVehicle(_) => "RegisterVehicle",
            Effect::DecideViolation => "DecideViolation",
            Effect::PassReview => "PassReview",
            Effect::BeginFullPoints => "BeginFullPoints",
            Effect::CompleteFullPoints => "CompleteFullPoints",
            Effect::PayFine => "PayFine",
        }
    }
}

/// The fields a contact change reads: the new phone, the region and the detail line.
fn contact_fields() -> Vec<(String, FieldNeed)> {
    vec![
        ("phone".into(), FieldNeed::Phone),
        ("region".into(), FieldNeed::Region),
        ("address_detail".into(), FieldNeed::Text),
    ]
}

/// A rule about the chosen violation record needs a violation business.
fn violation() -> Needs {
    Needs {
        subject: Some(SubjectKind::Violation),
        ..Needs::default()
    }
}

/// A rule about the chosen vehicle needs a vehicle business.
fn vehicle() -> Needs {
    Needs {
        subject: Some(SubjectKind::Vehicle),
        ..Needs::default()
    }
}

impl Guard {
    /// What the guard and every guard inside it read, with each one's name.
    pub fn needs(&self) -> Vec<(&'static str, Needs)> {
        match self {
            Guard::All(guards) | Guard::Any(guards) => {
                guards.iter().flat_map(Guard::needs).collect()
            }
            Guard::Not(guard) => guard.needs(),
            Guard::PhotoAcceptable => vec![(
                "PhotoAcceptable",
                Needs {
                    fields: vec![("photo".into(), FieldNeed::Photo)],
                    ..Needs::default()
                },
            )],
            Guard::AnswerIs(field, value) => vec![(
                "AnswerIs",
                Needs {
                    answer: Some((field.clone(), value.clone())),
                    ..Needs::default()
                },
            )],
            Guard::TransferDestination(field) => vec![(
                "TransferDestination",
                Needs {
                    fields: vec![(field.clone(), FieldNeed::City)],
                    ..Needs::default()
                },
            )],
            Guard::PostponementEnd(field) => vec![(
                "PostponementEnd",
                Needs {
                    fields: vec![(field.clone(), FieldNeed::Date)],
                    ..Needs::default()
                },
            )],
            Guard::AttachmentAcceptable(field) => vec![(
                "AttachmentAcceptable",
                Needs {
                    fields: vec![(field.clone(), FieldNeed::Attachment)],
                    ..Needs::default()
                },
            )],
            Guard::DatesInOrder(from, to) => vec![(
                "DatesInOrder",
                Needs {
                    fields: vec![
                        (from.clone(), FieldNeed::Date),
                        (to.clone(), FieldNeed::Date),
                    ],
                    ..Needs::default()
                },
            )],
            Guard::ExamSubjectBookable(_) => vec![(
                "ExamSubjectBookable",
                Needs {
                    subject: Some(SubjectKind::Learner),
                    ..Needs::default()
                },
            )],
            Guard::BookingCancellable(_) => vec![(
                "BookingCancellable",
                Needs {
                    subject: Some(SubjectKind::Application),
                    ..Needs::default()
                },
            )],
            Guard::VehicleOwned => vec![("VehicleOwned", vehicle())],
            Guard::VehicleRecordsClear => vec![("VehicleRecordsClear", vehicle())],
            Guard::PlatesNotReplacedRecently => vec![("PlatesNotReplacedRecently", vehicle())],
            Guard::InspectionExempt => vec![("InspectionExempt", vehicle())],
            Guard::SignWindowOpen => vec![("SignWindowOpen", vehicle())],
            Guard::VehicleTaxSettled => vec![("VehicleTaxSettled", vehicle())],
            Guard::NewCarTemporaryPlatesLeft => vec![("NewCarTemporaryPlatesLeft", vehicle())],
            Guard::MovesByTransferOut => vec![("MovesByTransferOut", vehicle())],
            Guard::TransferAllowed => vec![("TransferAllowed", vehicle())],
            Guard::VehicleMortgaged => vec![("VehicleMortgaged", vehicle())],
            Guard::PlateSelectable => vec![("PlateSelectable", vehicle())],
            Guard::VehicleTransferredIn => vec![("VehicleTransferredIn", vehicle())],
            Guard::MortgageConsented(_) => vec![("MortgageConsented", vehicle())],
            Guard::DestinationMatchesInvoice(field) => vec![(
                "DestinationMatchesInvoice",
                Needs {
                    subject: Some(SubjectKind::Vehicle),
                    fields: vec![(field.clone(), FieldNeed::City)],
                    answer: None,
                },
            )],
            Guard::NewCarTemporaryUntil(field) => vec![(
                "NewCarTemporaryUntil",
                Needs {
                    subject: Some(SubjectKind::Vehicle),
                    fields: vec![(field.clone(), FieldNeed::Date)],
                    answer: None,
                },
            )],
            Guard::NonOwnedFileable => vec![(
                "NonOwnedFileable",
                Needs {
                    subject: Some(SubjectKind::OtherVehicle),
                    ..Needs::default()
                },
            )],
            Guard::InsuranceValid => vec![("InsuranceValid", vehicle())],
            Guard::ViolationDecidable => vec![("ViolationDecidable", violation())],
            Guard::EducationCityAllowed(field) => vec![(
                "EducationCityAllowed",
                Needs {
                    fields: vec![(field.clone(), FieldNeed::City)],
                    ..Needs::default()
                },
            )],
            Guard::StudySplit(total, on_site, online) => vec![(
                "StudySplit",
                Needs {
                    fields: vec![
                        (total.clone(), FieldNeed::Derived),
                        (on_site.clone(), FieldNeed::Number),
                        (online.clone(), FieldNeed::Number),
                    ],
                    ..Needs::default()
                },
            )],
            Guard::FinePayable => vec![("FinePayable", violation())],
            Guard::InspectionValid => vec![("InspectionValid", vehicle())],
            Guard::VehicleLicenceNotReplacedWithin(_) => {
                vec![("VehicleLicenceNotReplacedWithin", vehicle())]
            }
            Guard::HasLicence
            | Guard::LicenceNormal
            | Guard::PhotoOnFile
            | Guard::PhotoRejectionsBelow(_)
            | Guard::PointsReducible
            | Guard::RenewalPostponable
            | Guard::LicenceRenewable
            | Guard::LicenceNotHeld
            | Guard::LicenceNotCancelled
            | Guard::LicenceNotReplacedWithin(_)
            | Guard::LicenceDowngradable
            | Guard::AgeDowngradeDue
            | Guard::MedicalCertificateValid
            | Guard::MedicalCertificatePostponable
            | Guard::ReviewPostponable
            | Guard::ReviewDue
            | Guard::OnlineReviewAllowed
            | Guard::AbilityTestDue
            | Guard::FullPointsQualified
            | Guard::FullPointsTheoryOnly
            | Guard::ViolationsHandled
            | Guard::FinesPaid
            | Guard::WelfareAllowed => Vec::new(),
        }
    }
}
