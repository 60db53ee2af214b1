//! The offices and service points where a card can be collected (自取), by city.

use serde::Deserialize;

/// `assets/demo/service_points.ron`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicePoints {
    pub points: Vec<ServicePoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicePoint {
    pub id: String,
    /// The city it serves, as 注册地 names it.
    pub city: String,
    pub name: String,
    pub address: String,
}

impl ServicePoints {
    /// The points of `city`.
    pub fn in_city<'a>(&'a self, city: &'a str) -> impl Iterator<Item = &'a ServicePoint> {
        self.points.iter().filter(move |p| p.city == city)
    }
}
