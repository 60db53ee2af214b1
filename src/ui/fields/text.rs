//! `Text(validator)`: a typed value checked by its value type; personal data masked when shown.

use crate::domain::id_number::IdNumber;
use crate::domain::phone::Phone;
use crate::domain::plate::Plate;
use crate::domain::vin::Vin;
use crate::flow::process::Validator;

/// Checks a typed value with its validator: the value types of `domain` decide.
pub(super) fn check(validator: Validator, text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("不能为空".into());
    }
    let ok = match validator {
        Validator::Phone => Phone::parse(text).map(|v| v.as_str().to_string()),
        Validator::IdNumber => IdNumber::parse(text).map(|v| v.as_str().to_string()),
        Validator::Plate => Plate::parse(text).map(|v| v.as_str().to_string()),
        Validator::Vin => Vin::parse(text).map(|v| v.as_str().to_string()),
        Validator::Line => return Ok(text.to_string()),
    };
    ok.map_err(|e| e.to_string())
}

/// The answer as shown: a phone or ID number masked, other text as it is.
pub(super) fn shown(validator: Validator, value: &str) -> String {
    match validator {
        Validator::Phone => Phone::parse(value).map_or(value.to_string(), |p| p.masked()),
        Validator::IdNumber => IdNumber::parse(value).map_or(value.to_string(), |p| p.masked()),
        Validator::Plate | Validator::Vin | Validator::Line => value.to_string(),
    }
}
