//! What each field kind offers and accepts, read through the facts, so the wizard, the task
//! pages and the engine's 提交 use the same code and the engine never takes what a screen
//! would have refused. One module per kind that offers or checks something; each `match` is
//! one line per kind. How a kind is drawn and typed is the screen's (`ui/fields/<kind>.rs`).

mod attachment;
mod choice;
mod date;
mod number;
mod payment;
mod photo;
mod plate_number;
mod region;
mod session;
mod text;

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
        FieldKind::Session { purpose } | FieldKind::Sessions { purpose, .. } => {
            session::options(purpose, facts)
        }
        FieldKind::PlateNumber { .. } => plate_number::options(field, facts),
        FieldKind::Payment { item, amount_yuan } => payment::options(item, *amount_yuan),
        FieldKind::Attachment { album } => attachment::options(album, facts),
        FieldKind::Text { .. }
        | FieldKind::Declaration { .. }
        | FieldKind::Date { .. }
        | FieldKind::Number { .. } => Vec::new(),
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
        FieldKind::Choice { .. }
        | FieldKind::Region { .. }
        | FieldKind::Photo
        | FieldKind::Session { .. }
        | FieldKind::Sessions { .. }
        | FieldKind::PlateNumber { .. }
        | FieldKind::Payment { .. }
        | FieldKind::Attachment { .. }
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
        FieldKind::Sessions { purpose, count } => {
            session::accept_several(purpose, *count, value, facts)
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
