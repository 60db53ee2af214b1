//! `Attachment(album)`: the sample documents of an album, each photographed or picked; the
//! reviewer's verdict is `AttachmentAcceptable`, not the picker's.

use super::Choice;
use crate::engine::facts::Facts;

pub(super) fn options(album: &str, facts: &Facts) -> Vec<Choice> {
    facts
        .resources
        .attachments
        .album(album)
        .map_or(&[][..], |a| a.items.as_slice())
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let source = if i % 2 == 0 { "拍摄" } else { "相册" };
            (item.id.clone(), format!("{source}：{}", item.label), None)
        })
        .collect()
}
