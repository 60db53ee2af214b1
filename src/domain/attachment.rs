//! Sample documents a visitor can "photograph" or pick to attach to an application (a damaged
//! card, a medical certificate, an ID card): some are fit for review, some have the defect a
//! reviewer would name, so an attachment can be refused for a real reason.

use serde::Deserialize;

use super::photo::SamplePhoto;

/// `assets/demo/attachments.ron`: albums of sample documents, one album a kind of material.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Attachments {
    pub albums: Vec<Album>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Album {
    pub id: String,
    /// The material, as a business names it (身份证明, 身体条件证明).
    pub label: String,
    /// The documents, each with the defect a reviewer names, or none.
    pub items: Vec<SamplePhoto>,
}

impl Attachments {
    pub fn album(&self, id: &str) -> Option<&Album> {
        self.albums.iter().find(|a| a.id == id)
    }
}
