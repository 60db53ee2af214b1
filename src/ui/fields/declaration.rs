//! `Declaration(text)`: a box the applicant ticks (Space) to declare what the text says.

pub(super) fn shown() -> String {
    "已同意".to_string()
}
