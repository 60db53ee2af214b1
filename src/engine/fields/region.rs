//! `Region(levels)`: province, then city, then (with three levels) district, from the fixed
//! lists; the levels chosen so far are kept in the answer `<field>#path` while the applicant
//! is choosing.

use std::collections::BTreeMap;

use super::{Choice, Unaccepted};
use crate::domain::address::{City, Region};
use crate::engine::facts::Facts;
use crate::flow::process::{Field, FieldKind};

/// The levels of the address picker, in order.
pub const REGION_LEVELS: [&str; 3] = ["省份", "城市", "区县"];

/// How many levels a region field is chosen to.
pub fn region_levels(field: &Field) -> usize {
    match field.kind {
        FieldKind::Region { levels } => usize::from(levels).clamp(1, REGION_LEVELS.len()),
        _ => REGION_LEVELS.len(),
    }
}

/// The levels chosen so far short of the last: from the partial path while the applicant is
/// choosing, or from the complete answer.
pub fn region_path(field: &Field, answers: &BTreeMap<String, String>) -> Vec<String> {
    if let Some(path) = answers.get(&format!("{}#path", field.id)) {
        return path
            .split('/')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
    }
    let mut levels: Vec<String> = answers
        .get(&field.id)
        .map_or(Vec::new(), |v| v.split('/').map(str::to_string).collect());
    levels.pop();
    levels
}

/// The names to choose from at the level after `path`.
fn region_level(facts: &Facts, path: &[String]) -> Vec<String> {
    let provinces = &facts.resources.regions.provinces;
    match path {
        [] => provinces.iter().map(|p| p.name.clone()).collect(),
        [province] => provinces
            .iter()
            .find(|p| &p.name == province)
            .map_or(Vec::new(), |p| {
                p.cities.iter().map(|c| c.name.clone()).collect()
            }),
        [province, city, ..] => provinces
            .iter()
            .find(|p| &p.name == province)
            .and_then(|p| p.cities.iter().find(|c| &c.name == city))
            .map_or(Vec::new(), |c| c.districts.clone()),
    }
}

pub(super) fn options(field: &Field, facts: &Facts) -> Vec<Choice> {
    region_level(facts, &region_path(field, facts.answers))
        .into_iter()
        .map(|name| (name.clone(), name, None))
        .collect()
}

/// A place of the lists chosen to the field's last level.
pub(super) fn accept(field: &Field, value: &str, facts: &Facts) -> Result<(), Unaccepted> {
    let regions = &facts.resources.regions;
    let known = match region_levels(field) {
        2 => City::parse(value).is_some_and(|c| regions.contains_city(&c)),
        _ => Region::parse(value).is_some_and(|r| regions.contains(&r)),
    };
    if known {
        Ok(())
    } else {
        let levels = REGION_LEVELS[..region_levels(field)].join("、");
        Err(Unaccepted::Invalid(format!("请依次选择{levels}")))
    }
}
