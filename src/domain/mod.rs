//! People and things: drivers, licences, vehicles, points; validated value types; pure rules.
//! Nothing here knows about the terminal or the file system.

pub mod address;
pub mod attachment;
pub mod calendar;
pub mod driving_test;
pub mod e_licence;
pub mod exam;
pub mod fee;
pub mod id_number;
pub mod ledger;
pub mod licence_class;
pub mod mask;
pub mod phone;
pub mod photo;
pub mod plate;
pub mod plate_pool;
pub mod points;
pub mod profile;
pub mod registry;
pub mod rules;
pub mod service_point;
#[cfg(test)]
pub mod testing;
pub mod text;
pub mod vehicle;
pub mod venue;
pub mod vin;
pub mod violation;

use std::fmt;

/// The string conversions every validated value type shares: parsed on the way in, the plain
/// text on the way out. Serde goes through them (`#[serde(try_from = "String", into = "String")]`),
/// so a file can never hold a bad value. Types with their own `Display` pass `no_display`.
macro_rules! string_value_type {
    ($type:ident) => {
        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        $crate::domain::string_value_type!($type, no_display);
    };
    ($type:ident, no_display) => {
        impl std::str::FromStr for $type {
            type Err = $crate::domain::ValueError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl TryFrom<String> for $type {
            type Error = $crate::domain::ValueError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }

        impl From<$type> for String {
            fn from(value: $type) -> String {
                value.to_string()
            }
        }
    };
}
pub(crate) use string_value_type;

/// Why a typed value was refused, in Chinese, naming the rule that was broken.
/// The caller adds the field name ("身份证号码：…") because the same type serves many fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// The rule in a user's words, e.g. "校验码应为 4，实际为 5".
    pub rule: String,
}

impl ValueError {
    pub fn new(rule: impl Into<String>) -> Self {
        Self { rule: rule.into() }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rule)
    }
}

impl std::error::Error for ValueError {}
