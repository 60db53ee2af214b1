//! `Session(purpose, tagged, city_from)` and `Sessions(purpose, count, city_from)`: the bookable
//! sessions of a purpose open today in the applicant's city or the city another field answered
//! (and, with `tagged`, for what another field answered: the exam subject), a full one disabled; the seats come from the engine's projection, the same count 提交 is
//! checked against. Several sessions are answered as their ids joined by `,`.

use super::{Choice, Unaccepted};
use crate::engine::facts::Facts;

pub(super) fn options(
    purpose: &str,
    tagged: Option<&str>,
    city_from: Option<&str>,
    facts: &Facts,
) -> Vec<Choice> {
    let tag = tagged.and_then(|field| facts.answers.get(field));
    // A region answer is `province/city`; the city is its last level.
    let city = city_from
        .and_then(|field| facts.answers.get(field))
        .and_then(|v| v.rsplit('/').next())
        .unwrap_or(&facts.profile.registration_city);
    facts
        .resources
        .sessions
        .for_purpose(purpose, facts.today, facts.clock_start)
        .into_iter()
        .filter(|s| tag.is_none_or(|t| s.tags.contains(t)))
        .filter(|s| s.city.as_ref().is_none_or(|c| c == city))
        .map(|s| {
            let booked = facts.seats_taken.get(&s.id).copied().unwrap_or(0);
            let full = (s.seats_left() <= booked).then(|| "名额已满，请选择其他场次".to_string());
            (s.id.clone(), s.label(facts.clock_start, booked), full)
        })
        .collect()
}

/// The ids a `Sessions` answer holds.
pub fn several(value: &str) -> Vec<&str> {
    value.split(',').filter(|id| !id.is_empty()).collect()
}

/// `count` different sessions on different days, each offered and open.
pub(super) fn accept_several(
    purpose: &str,
    count: u8,
    city_from: Option<&str>,
    value: &str,
    facts: &Facts,
) -> Result<(), Unaccepted> {
    let chosen = several(value);
    let offered = options(purpose, None, city_from, facts);
    for id in &chosen {
        match offered.iter().find(|(v, _, _)| v == id) {
            None => return Err(Unaccepted::NotOffered((*id).to_string())),
            Some((_, label, Some(reason))) => {
                return Err(Unaccepted::Unavailable {
                    label: label.clone(),
                    reason: reason.clone(),
                });
            }
            Some(_) => {}
        }
    }
    let mut distinct = chosen.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != chosen.len() || chosen.len() != usize::from(count) {
        return Err(Unaccepted::Invalid(format!(
            "应选择{count}个不同的场次，已选{}个",
            distinct.len()
        )));
    }
    // Each session is a day of its own: two on one day would make one day, never two.
    let mut days: Vec<chrono::NaiveDate> = chosen
        .iter()
        .filter_map(|id| facts.resources.sessions.get(id, facts.clock_start))
        .map(|s| s.date(facts.clock_start))
        .collect();
    days.sort_unstable();
    if let Some(pair) = days.windows(2).find(|w| w[0] == w[1]) {
        return Err(Unaccepted::Invalid(format!(
            "每天只能选择1个场次，{}选了2个以上",
            pair[0]
        )));
    }
    Ok(())
}
