//! `ServicePoint`: the offices of the applicant's 注册地 where a card can be collected.

use super::Choice;
use crate::engine::facts::Facts;

pub(super) fn options(facts: &Facts) -> Vec<Choice> {
    facts
        .resources
        .service_points
        .in_city(&facts.profile.registration_city)
        .map(|p| (p.id.clone(), format!("{}（{}）", p.name, p.address), None))
        .collect()
}
