//! `PlateNumber(candidates)`: candidate plate numbers drawn for the applicant.

use super::Choice;
use crate::engine::rules::plate_candidates;
use crate::flow::process::Field;
use crate::ui::Ctx;

pub(super) fn options(field: &Field, ctx: &Ctx, candidates: u8) -> Vec<Choice> {
    plate_candidates(ctx.profile, 'A', candidate_seed(ctx, field), candidates)
        .into_iter()
        .map(|p| (p.as_str().to_string(), p.spaced(), None))
        .collect()
}

/// The draw of plate candidates: fixed for an account and a demo, so the list does not change
/// while the visitor looks at it or comes back to the draft.
fn candidate_seed(ctx: &Ctx, field: &Field) -> u64 {
    let text = format!("{}/{}/{}", ctx.profile.id, field.id, ctx.clock.started_at);
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
