//! `Text(validator)`: a typed value checked by its value type.

use crate::domain::id_number::IdNumber;
use crate::domain::phone::Phone;
use crate::domain::plate::Plate;
use crate::domain::registry::is_filing_code;
use crate::domain::vin::Vin;
use crate::flow::process::Validator;

/// The longest free-text line (an address detail).
pub const LINE_CHARS: usize = 60;

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
        Validator::PlateOrFilingCode if is_filing_code(text) && Plate::parse(text).is_err() => {
            return Ok(text.to_ascii_uppercase().replace(' ', ""));
        }
        Validator::PlateOrFilingCode => Plate::parse(text).map(|v| v.as_str().to_string()),
        Validator::Vin => Vin::parse(text).map(|v| v.as_str().to_string()),
        Validator::Line if text.chars().count() > LINE_CHARS => {
            return Err(format!("最多{LINE_CHARS}个字"));
        }
        Validator::Line => return Ok(text.to_string()),
    };
    ok.map_err(|e| e.to_string())
}
