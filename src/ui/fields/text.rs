//! `Text(validator)`: personal data masked when shown.

use crate::domain::id_number::IdNumber;
use crate::domain::phone::Phone;
use crate::flow::process::Validator;

/// The answer as shown: a phone or ID number masked, other text as it is.
pub(super) fn shown(validator: Validator, value: &str) -> String {
    match validator {
        Validator::Phone => Phone::parse(value).map_or(value.to_string(), |p| p.masked()),
        Validator::IdNumber => IdNumber::parse(value).map_or(value.to_string(), |p| p.masked()),
        Validator::Plate | Validator::Vin | Validator::Line => value.to_string(),
    }
}
