//! `Region`: shown as one place name, a municipality named once (上海市浦东新区).

use crate::domain::address::Region;

pub(super) fn shown(value: &str) -> String {
    Region::parse(value).map_or(value.to_string(), |r| r.label())
}
