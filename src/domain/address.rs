//! Regions for the address picker: province, city and district from fixed lists, as the app
//! offers them, so a typed address cannot name a place that does not exist.

use serde::Deserialize;

/// A chosen region, kept in answers as `province/city/district`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub province: String,
    pub city: String,
    pub district: String,
}

impl Region {
    pub fn parse(text: &str) -> Option<Region> {
        let mut parts = text.split('/');
        let (province, city, district) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || [province, city, district].iter().any(|p| p.is_empty()) {
            return None;
        }
        Some(Region {
            province: province.into(),
            city: city.into(),
            district: district.into(),
        })
    }

    pub fn encode(&self) -> String {
        format!("{}/{}/{}", self.province, self.city, self.district)
    }

    /// The place as written on a letter: a municipality (北京市, 上海市, 天津市, 重庆市) is its
    /// own province and city, so it is named once (上海市浦东新区, not 上海市上海市浦东新区).
    pub fn label(&self) -> String {
        place_label(&self.province, &self.city, &self.district)
    }
}

/// A chosen city, kept in answers as `province/city` (a region of two levels).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub province: String,
    pub city: String,
}

impl City {
    pub fn parse(text: &str) -> Option<City> {
        let (province, city) = text.split_once('/')?;
        if province.is_empty() || city.is_empty() || city.contains('/') {
            return None;
        }
        Some(City {
            province: province.into(),
            city: city.into(),
        })
    }

    /// The city as written: a municipality named once (北京市, 广东省深圳市).
    pub fn label(&self) -> String {
        place_label(&self.province, &self.city, "")
    }
}

/// `province`, `city` and `district` as one place name, a municipality named once.
pub fn place_label(province: &str, city: &str, district: &str) -> String {
    if province == city {
        format!("{province}{district}")
    } else {
        format!("{province}{city}{district}")
    }
}

/// `assets/demo/regions.ron`: provinces with their cities and districts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RegionTree {
    pub provinces: Vec<ProvinceDef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvinceDef {
    pub name: String,
    pub cities: Vec<CityDef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityDef {
    pub name: String,
    pub districts: Vec<String>,
    /// The 发牌机关代号 of the city's 车管所 (苏A; a municipality has several), which says where
    /// a plated vehicle is registered.
    #[serde(default)]
    pub plate_offices: Vec<String>,
}

impl RegionTree {
    /// Every region as one choosable line, in list order.
    pub fn all(&self) -> Vec<Region> {
        let mut out = Vec::new();
        for p in &self.provinces {
            for c in &p.cities {
                for d in &c.districts {
                    out.push(Region {
                        province: p.name.clone(),
                        city: c.name.clone(),
                        district: d.clone(),
                    });
                }
            }
        }
        out
    }

    /// The office codes of `city`'s 车管所 (南京市 → 苏A), its main one first.
    pub fn offices_of(&self, city: &str) -> &[String] {
        self.provinces
            .iter()
            .flat_map(|p| &p.cities)
            .find(|c| c.name == city)
            .map_or(&[], |c| c.plate_offices.as_slice())
    }

    /// The city whose 车管所 issues plates of `office` (苏A → 南京市).
    pub fn city_of_office(&self, office: &str) -> Option<&str> {
        self.provinces
            .iter()
            .flat_map(|p| &p.cities)
            .find(|c| c.plate_offices.iter().any(|o| o == office))
            .map(|c| c.name.as_str())
    }

    pub fn contains_city(&self, city: &City) -> bool {
        self.provinces
            .iter()
            .any(|p| p.name == city.province && p.cities.iter().any(|c| c.name == city.city))
    }

    pub fn contains(&self, region: &Region) -> bool {
        self.provinces.iter().any(|p| {
            p.name == region.province
                && p.cities
                    .iter()
                    .any(|c| c.name == region.city && c.districts.contains(&region.district))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_municipality_is_named_once() {
        let shanghai = Region::parse("上海市/上海市/浦东新区").expect("a region");
        assert_eq!(shanghai.label(), "上海市浦东新区");
        let hangzhou = Region::parse("浙江省/杭州市/西湖区").expect("a region");
        assert_eq!(hangzhou.label(), "浙江省杭州市西湖区");
    }

    #[test]
    fn a_city_is_two_levels_named_once_in_a_municipality() {
        let beijing = City::parse("北京市/北京市").expect("a city");
        assert_eq!(beijing.label(), "北京市");
        let shenzhen = City::parse("广东省/深圳市").expect("a city");
        assert_eq!(shenzhen.label(), "广东省深圳市");
        assert_eq!(City::parse("广东省/深圳市/南山区"), None);
        assert_eq!(City::parse("广东省"), None);
    }

    #[test]
    fn a_region_round_trips_through_its_answer_text() {
        let r = Region::parse("北京市/北京市/朝阳区").unwrap_or_else(|| Region {
            province: String::new(),
            city: String::new(),
            district: String::new(),
        });
        assert_eq!(r.label(), "北京市朝阳区");
        assert_eq!(Region::parse(&r.encode()), Some(r));
        assert_eq!(Region::parse("北京市/朝阳区"), None);
        assert_eq!(Region::parse("a/b/c/d"), None);
    }
}
