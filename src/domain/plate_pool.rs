//! 号码池: the numbers each 车管所 offers to 选号, as `assets/demo/plate_pools.ron` lists them (GA 36):
//! the ordinary serial patterns opened so far, in the standard's order, and the numbers withheld
//! from selection. The new-energy formats are fixed by the standard and need no list.

use serde::Deserialize;

use super::plate::PlateOffice;

/// The order GA 36 opens ordinary serial patterns in (D a digit, L a letter): a pattern opens when
/// most of the one before it is used.
pub const PATTERN_ORDER: [&str; 10] = [
    "DDDDD", "LDDDD", "LLDDD", "DLDDD", "DDLDD", "DDDLD", "DDDDL", "LDDDL", "DDDLL", "LDLDD",
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlatePools {
    pub offices: Vec<OfficePool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficePool {
    pub office: PlateOffice,
    /// The ordinary serial patterns open for selection.
    pub patterns: Vec<String>,
    /// Numbers not offered (kept for other uses), in full: `粤B88888`.
    #[serde(default)]
    pub withheld: Vec<String>,
}

impl PlatePools {
    pub fn of(&self, office: &PlateOffice) -> Option<&OfficePool> {
        self.offices.iter().find(|p| p.office == *office)
    }

    /// What `jiaoguan check` refuses: a pattern GA 36 does not have, or one opened before the
    /// patterns that come first.
    pub fn lint(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for pool in &self.offices {
            for (i, pattern) in pool.patterns.iter().enumerate() {
                match PATTERN_ORDER.iter().position(|p| p == pattern) {
                    None => problems.push(format!(
                        "号码池 {}：{pattern} 不是 GA 36 的号码格式",
                        pool.office
                    )),
                    Some(at) if at != i => problems.push(format!(
                        "号码池 {}：号码格式应按 GA 36 的启用顺序 {} 依次开放",
                        pool.office,
                        PATTERN_ORDER[..pool.patterns.len().min(PATTERN_ORDER.len())].join("、")
                    )),
                    Some(_) => {}
                }
            }
        }
        problems
    }
}
