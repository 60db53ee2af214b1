//! `ServicePoint(city_from)`: the offices where a card can be collected, in the applicant's
//! 注册地 or in the city another field answered.

use super::Choice;
use crate::engine::facts::Facts;

pub(super) fn options(city_from: Option<&str>, facts: &Facts) -> Vec<Choice> {
    // A region answer is `province/city`; the city is its last level.
    let city = city_from
        .and_then(|field| facts.answers.get(field))
        .and_then(|v| v.rsplit('/').next())
        .unwrap_or(&facts.profile.registration_city);
    facts
        .resources
        .service_points
        .in_city(city)
        .map(|p| (p.id.clone(), format!("{}（{}）", p.name, p.address), None))
        .collect()
}
