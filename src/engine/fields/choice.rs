//! `Choice(options)`: fixed options, one disabled with the reason when its guard fails.

use super::Choice;
use crate::engine::facts::Facts;
use crate::engine::rules::check;
use crate::flow::process::ChoiceOption;

pub(super) fn options(options: &[ChoiceOption], facts: &Facts) -> Vec<Choice> {
    options
        .iter()
        .map(|o| {
            let reason = o.guard.as_ref().and_then(|g| check(g, facts).err());
            (o.value.clone(), o.label.clone(), reason)
        })
        .collect()
}
