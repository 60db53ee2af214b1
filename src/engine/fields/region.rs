//! `Region`: province, then city, then district, from the fixed lists; the levels chosen so
//! far are kept in the answer `<field>#path` while the applicant is choosing.

use std::collections::BTreeMap;

use super::{Choice, Unaccepted};
use crate::domain::address::Region;
use crate::engine::facts::Facts;
use crate::flow::process::Field;

/// The levels of the address picker, in order.
pub const REGION_LEVELS: [&str; 3] = ["省份", "城市", "区县"];

/// The province and city chosen so far for a region field: from the partial path while the
/// applicant is choosing, or from the complete answer.
pub fn region_path(field: &Field, answers: &BTreeMap<String, String>) -> Vec<String> {
    if let Some(path) = answers.get(&format!("{}#path", field.id)) {
        return path
            .split('/')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
    }
    answers
        .get(&field.id)
        .and_then(|v| Region::parse(v))
        .map_or(Vec::new(), |r| vec![r.province, r.city])
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

/// A whole region of the lists: province, city and district.
pub(super) fn accept(value: &str, facts: &Facts) -> Result<(), Unaccepted> {
    match Region::parse(value) {
        Some(region) if facts.resources.regions.contains(&region) => Ok(()),
        _ => Err(Unaccepted::Invalid("请依次选择省份、城市、区县".into())),
    }
}
