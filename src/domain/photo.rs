//! The sample photos a visitor can "take" or "pick" for 驾驶证电子版: some meet the photo rules
//! (GA 482-2012), some break one, so a reviewer has something real to reject.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamplePhoto {
    pub id: String,
    /// What the photo shows, as the picker lists it.
    pub label: String,
    /// The photo rule it breaks, as the reviewer words the rejection; None when it is fine.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PhotoAlbum {
    pub photos: Vec<SamplePhoto>,
}

impl PhotoAlbum {
    pub fn get(&self, id: &str) -> Option<&SamplePhoto> {
        self.photos.iter().find(|p| p.id == id)
    }
}
