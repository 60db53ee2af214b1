//! `Choice(options)`: fixed options, one disabled with the reason when its guard fails.

use std::collections::BTreeMap;

use super::{Choice, guard_input};
use crate::engine::rules::check;
use crate::flow::process::ChoiceOption;
use crate::ui::Ctx;

pub(super) fn options(
    options: &[ChoiceOption],
    ctx: &Ctx,
    answers: &BTreeMap<String, String>,
) -> Vec<Choice> {
    options
        .iter()
        .map(|o| {
            let reason = o
                .guard
                .as_ref()
                .and_then(|g| check(g, &guard_input(ctx, answers)).err());
            (o.value.clone(), o.label.clone(), reason)
        })
        .collect()
}
