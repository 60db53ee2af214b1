//! What each field kind offers and accepts, read through the facts, so the wizard, the task
//! pages and the engine's 提交 use the same code and the engine never takes what a screen
//! would have refused. One module per kind that offers or checks something; each `match` is
//! one line per kind. How a kind is drawn and typed is the screen's (`ui/fields/<kind>.rs`).

mod attachment;
mod choice;
mod composed_plate;
mod date;
mod derived;
mod number;
mod payment;
mod photo;
mod plate_number;
mod region;
mod service_point;
mod session;
mod text;

pub use composed_plate::available as composed_plate_available;
pub use derived::value as derived_value;
pub use plate_number::{draw as draw_plates, draws as plate_draws};
pub use region::{REGION_LEVELS, region_levels, region_path};
pub use session::several as several_sessions;
pub use text::LINE_CHARS;

use super::facts::Facts;
use crate::flow::process::{Field, FieldKind};

/// One entry of a list field: the answer value, its label, and why it cannot be chosen.
pub type Choice = (String, String, Option<String>);

/// Why an answer is not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unaccepted {
    /// Nothing typed, chosen or ticked.
    Missing,
    /// A value the field does not offer.
    NotOffered(String),
    /// An option offered but not open to this applicant, with its label and why.
    Unavailable { label: String, reason: String },
    /// Typed text that breaks the kind's rule.
    Invalid(String),
}

impl Unaccepted {
    /// The sentence for a field labelled `label`, as the engine says it.
    pub fn sentence(&self, label: &str) -> String {
        match self {
            Unaccepted::Missing => format!("{label}：请填写或选择"),
            Unaccepted::NotOffered(value) => format!("{label}：「{value}」不是可选的一项"),
            Unaccepted::Unavailable {
                label: option,
                reason,
            } => {
                format!("{label}：「{option}」不可选，{reason}")
            }
            Unaccepted::Invalid(rule) => format!("{label}：{rule}"),
        }
    }
}

/// The options of a list field; none for a kind that is typed or ticked.
pub fn options(field: &Field, facts: &Facts) -> Vec<Choice> {
    match &field.kind {
        FieldKind::Choice { options } => choice::options(options, facts),
        FieldKind::Region { .. } => region::options(field, facts),
        FieldKind::Photo => photo::options(facts),
        FieldKind::Session {
            purpose,
            tagged,
            city_from,
        } => session::options(purpose, tagged.as_deref(), city_from.as_deref(), facts),
        FieldKind::Sessions {
            purpose, city_from, ..
        } => session::options(purpose, None, city_from.as_deref(), facts),
        FieldKind::PlateNumber { .. } => plate_number::options(field, facts),
        FieldKind::Payment {
            item,
            amount_yuan,
            basis,
        } => payment::options(item, *amount_yuan, *basis, facts),
        FieldKind::Attachment { album } => attachment::options(album, facts),
        FieldKind::ServicePoint { city_from } => {
            service_point::options(city_from.as_deref(), facts)
        }
        FieldKind::Text { .. }
        | FieldKind::Declaration { .. }
        | FieldKind::Date { .. }
        | FieldKind::Number { .. }
        | FieldKind::Derived { .. }
        | FieldKind::ComposedPlate { .. } => Vec::new(),
    }
}

/// A typed value checked as its kind requires, normalised (`None` for a kind not typed).
pub fn check_typed(field: &Field, typed: &str, facts: &Facts) -> Option<Result<String, String>> {
    match &field.kind {
        FieldKind::Text { validator } => Some(text::check(*validator, typed)),
        FieldKind::Date {
            from,
            earliest_days,
            latest_days,
        } => Some(date::check(
            typed,
            from,
            facts,
            *earliest_days,
            *latest_days,
        )),
        FieldKind::Number { min, max } => Some(number::check(typed, *min, *max)),
        FieldKind::ComposedPlate { .. } => Some(composed_plate::check(typed, facts)),
        FieldKind::Derived { value } => Some(derived::check(value, typed, facts)),
        FieldKind::Choice { .. }
        | FieldKind::Region { .. }
        | FieldKind::Photo
        | FieldKind::Session { .. }
        | FieldKind::Sessions { .. }
        | FieldKind::PlateNumber { .. }
        | FieldKind::Payment { .. }
        | FieldKind::Attachment { .. }
        | FieldKind::ServicePoint { .. }
        | FieldKind::Declaration { .. } => None,
    }
}

/// Whether `value` answers the field: typed text that keeps its kind's rule as it was
/// normalised, an offered option open to the applicant, a whole region, a ticked box.
pub fn accept(field: &Field, value: Option<&str>, facts: &Facts) -> Result<(), Unaccepted> {
    let value = value
        .filter(|v| !v.trim().is_empty())
        .ok_or(Unaccepted::Missing)?;
    if let Some(checked) = check_typed(field, value, facts) {
        return match checked {
            Ok(normal) if normal == value => Ok(()),
            Ok(_) => Err(Unaccepted::Invalid("格式不规范".into())),
            Err(rule) => Err(Unaccepted::Invalid(rule)),
        };
    }
    match &field.kind {
        FieldKind::Region { .. } => region::accept(field, value, facts),
        FieldKind::Sessions {
            purpose,
            count,
            city_from,
            count_from,
        } => {
            // With `count_from`, as many sessions as that field answered.
            let count = count_from
                .as_ref()
                .and_then(|f| facts.answers.get(f)?.trim().parse::<u8>().ok())
                .unwrap_or(*count);
            session::accept_several(purpose, count, city_from.as_deref(), value, facts)
        }
        FieldKind::Declaration { .. } => Ok(()),
        _ => match options(field, facts)
            .into_iter()
            .find(|(v, _, _)| v == value)
        {
            None => Err(Unaccepted::NotOffered(value.to_string())),
            Some((_, label, Some(reason))) => Err(Unaccepted::Unavailable { label, reason }),
            Some(_) => Ok(()),
        },
    }
}

/// The engine's check of the fields a page or a task shows: the first answer not accepted,
/// in words.
pub fn check_fields<'f>(
    fields: impl IntoIterator<Item = &'f Field>,
    facts: &Facts,
) -> Result<(), String> {
    for field in fields {
        let value = facts.answers.get(&field.id).map(String::as_str);
        accept(field, value, facts).map_err(|why| why.sentence(&field.label))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;

    use super::*;
    use crate::domain::profile::{DayOffset, Profile};
    use crate::flow::process::DateFrom;
    use crate::on_demand::OnDemand;
    use crate::resources::Resources;

    static NO_NUMBERS: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    static NO_ACCOUNTS: BTreeMap<String, Profile> = BTreeMap::new();

    fn start() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default()
    }

    fn profile() -> Profile {
        let text = include_str!("../../../assets/demo/personas/ordinary_c1.ron");
        let persona: Profile<DayOffset> = ron::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        persona.dated(start())
    }

    fn resources() -> Resources {
        fn parse<T: serde::de::DeserializeOwned>(text: &str) -> T {
            ron::from_str(text).unwrap_or_else(|e| panic!("{e}"))
        }
        Resources {
            sessions: OnDemand::ready(parse(include_str!("../../../assets/demo/sessions.ron"))),
            attachments: OnDemand::ready(parse(include_str!(
                "../../../assets/demo/attachments.ron"
            ))),
            ..Resources::empty()
        }
    }

    fn field(kind: FieldKind) -> Field {
        Field {
            id: "f".into(),
            label: "字段".into(),
            kind,
            help: String::new(),
        }
    }

    fn facts<'a>(
        profile: &'a Profile,
        resources: &'a Resources,
        answers: &'a BTreeMap<String, String>,
        seats: &'a BTreeMap<String, u32>,
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
            applications: Vec::new(),
            accounts: &NO_ACCOUNTS,
        }
    }

    #[test]
    fn a_date_counts_from_the_licence_expiry_when_the_business_says_so() {
        let profile = profile();
        let until = profile
            .licence
            .as_ref()
            .and_then(|l| l.valid_until)
            .unwrap_or_default();
        let (resources, none, seats) = (resources(), BTreeMap::new(), BTreeMap::new());
        let facts = facts(&profile, &resources, &none, &seats);
        let postpone = field(FieldKind::Date {
            from: DateFrom::LicenceValidUntil,
            earliest_days: 1,
            latest_days: 365,
        });
        let next_day = until.succ_opt().unwrap_or_default().to_string();
        assert_eq!(
            check_typed(&postpone, &next_day, &facts),
            Some(Ok(next_day))
        );
        let refused = check_typed(&postpone, &until.to_string(), &facts);
        assert!(
            matches!(&refused, Some(Err(rule)) if rule.starts_with("应在 ")),
            "{refused:?}"
        );
    }

    #[test]
    fn typed_answers_must_be_as_normalised_and_lists_must_offer_them() {
        let profile = profile();
        let (resources, seats) = (resources(), BTreeMap::new());
        let none = BTreeMap::new();
        let facts = facts(&profile, &resources, &none, &seats);
        let count = field(FieldKind::Number { min: 1, max: 3 });
        assert_eq!(accept(&count, Some("2"), &facts), Ok(()));
        assert_eq!(accept(&count, None, &facts), Err(Unaccepted::Missing));
        assert_eq!(
            accept(&count, Some(" 2"), &facts),
            Err(Unaccepted::Invalid("格式不规范".into()))
        );
        let document = field(FieldKind::Attachment {
            album: "id_card".into(),
        });
        assert_eq!(accept(&document, Some("id_both_sides"), &facts), Ok(()));
        assert_eq!(
            accept(&document, Some("medical_stamped"), &facts),
            Err(Unaccepted::NotOffered("medical_stamped".into()))
        );
    }

    #[test]
    fn several_sessions_need_the_count_each_open_and_different() {
        let profile = profile();
        let resources = resources();
        let none = BTreeMap::new();
        let seats = BTreeMap::new();
        let facts = facts(&profile, &resources, &none, &seats);
        let days = field(FieldKind::Sessions {
            city_from: None,
            count_from: None,
            purpose: "welfare".into(),
            count: 2,
        });
        assert_eq!(accept(&days, Some("bj-cy-w2,bj-hd-w1"), &facts), Ok(()));
        assert!(matches!(
            accept(&days, Some("bj-cy-w2,bj-cy-w2"), &facts),
            Err(Unaccepted::Invalid(rule)) if rule == "应选择2个不同的场次，已选1个"
        ));
        assert!(matches!(
            accept(&days, Some("bj-cy-w1,bj-hd-w1"), &facts),
            Err(Unaccepted::Unavailable { reason, .. }) if reason.contains("名额已满")
        ));
        let taken = BTreeMap::from([("bj-hd-w1".to_string(), 4)]);
        let facts = Facts {
            seats_taken: &taken,
            numbers_held: &NO_NUMBERS,
            ..facts
        };
        assert!(
            matches!(
                accept(&days, Some("bj-cy-w2,bj-hd-w1"), &facts),
                Err(Unaccepted::Unavailable { .. })
            ),
            "the seats other applications hold count"
        );
    }
}
