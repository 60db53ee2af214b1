//! `Photo`: the sample photos, taken with the camera or picked from the album.

use super::Choice;
use crate::engine::facts::Facts;

pub(super) fn options(facts: &Facts) -> Vec<Choice> {
    facts
        .resources
        .photos
        .photos
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let source = if i % 2 == 0 { "拍照" } else { "相册" };
            (p.id.clone(), format!("{source}：{}", p.label), None)
        })
        .collect()
}
