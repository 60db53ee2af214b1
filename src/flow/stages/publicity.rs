//! `Publicity`: its texts (its days are linted as any wait's).

use serde::Deserialize;

/// What a 公示 stage says when an objection is upheld.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct PublicityTexts {
    pub objected: String,
    /// The line under the status while it runs; `{due}` is when it ends.
    pub status: String,
}

impl Default for PublicityTexts {
    fn default() -> Self {
        Self {
            objected: "公示期内收到异议，经核查不予通过".into(),
            status: "公示中，公示期至 {due}".into(),
        }
    }
}
