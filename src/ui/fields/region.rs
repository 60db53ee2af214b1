//! `Region`: province, then city, then district, from the fixed lists.

use std::collections::BTreeMap;

use super::Choice;
use crate::domain::address::Region;
use crate::flow::process::Field;
use crate::ui::Ctx;

/// The levels of the address picker, in order.
pub const REGION_LEVELS: [&str; 3] = ["省份", "城市", "区县"];

/// The province and city chosen so far for a region field: from the partial path while the
/// visitor is choosing, or from the complete answer.
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
fn region_level(ctx: &Ctx, path: &[String]) -> Vec<String> {
    let provinces = &ctx.resources.regions.provinces;
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

pub(super) fn options(field: &Field, ctx: &Ctx, answers: &BTreeMap<String, String>) -> Vec<Choice> {
    region_level(ctx, &region_path(field, answers))
        .into_iter()
        .map(|name| (name.clone(), name, None))
        .collect()
}

pub(super) fn shown(value: &str) -> String {
    Region::parse(value).map_or(value.to_string(), |r| r.label())
}
