//! `/` search over every business: by Chinese substring, by full pinyin (`xinchexuanhao`) or by
//! initials (`xcxh`), as people type on a phone keyboard.

use pinyin::ToPinyin;

use super::Catalog;

/// One business as the search sees it; built once when the catalog loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchEntry {
    pub flow_id: String,
    pub title: String,
    /// The first menu path of the business, e.g. `业务中心 > 机动车业务`.
    pub path: String,
    /// Title and keywords, each as (text, full pinyin, initials).
    spellings: Vec<Spelling>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Spelling {
    text: String,
    full: String,
    initials: String,
}

impl Spelling {
    fn of(text: &str) -> Self {
        let mut full = String::new();
        let mut initials = String::new();
        for (c, py) in text.chars().zip(text.to_pinyin()) {
            match py {
                Some(py) => {
                    full.push_str(py.plain());
                    initials.push_str(py.first_letter());
                }
                None if c.is_ascii_alphanumeric() => {
                    full.push(c.to_ascii_lowercase());
                    initials.push(c.to_ascii_lowercase());
                }
                None => {}
            }
        }
        Self {
            text: text.to_string(),
            full,
            initials,
        }
    }

    /// How well `query` matches: 0 = starts the name, 1 = inside it; None = no match.
    fn rank(&self, query: &str, ascii: &str) -> Option<u8> {
        let hit = |hay: &str, needle: &str| {
            if needle.is_empty() {
                None
            } else if hay.starts_with(needle) {
                Some(0)
            } else if hay.contains(needle) {
                Some(1)
            } else {
                None
            }
        };
        hit(&self.text, query)
            .or_else(|| hit(&self.full, ascii))
            .or_else(|| hit(&self.initials, ascii))
    }
}

/// The search over every business of a catalog.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<SearchEntry>,
}

impl SearchIndex {
    pub fn build(catalog: &Catalog) -> Self {
        let mut flows: Vec<_> = catalog.flows.values().collect();
        flows.sort_by(|a, b| (a.order, &a.title).cmp(&(b.order, &b.title)));
        let entries = flows
            .into_iter()
            .map(|flow| SearchEntry {
                flow_id: flow.id.clone(),
                title: flow.title.clone(),
                path: flow
                    .menu_paths
                    .iter()
                    .find(|p| p.first().is_some_and(|s| s == "业务中心"))
                    .or(flow.menu_paths.first())
                    .map(|p| p.join(" > "))
                    .unwrap_or_default(),
                spellings: std::iter::once(&flow.title)
                    .chain(&flow.keywords)
                    .map(|t| Spelling::of(t))
                    .collect(),
            })
            .collect();
        Self { entries }
    }

    /// Businesses matching `query`, best first; an empty query lists them all.
    pub fn search(&self, query: &str) -> Vec<&SearchEntry> {
        let query = query.trim();
        if query.is_empty() {
            return self.entries.iter().collect();
        }
        let ascii: String = query
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let mut hits: Vec<(u8, usize, &SearchEntry)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                e.spellings
                    .iter()
                    .filter_map(|s| s.rank(query, &ascii))
                    .min()
                    .map(|r| (r, i, e))
            })
            .collect();
        hits.sort_by_key(|(rank, index, _)| (*rank, *index));
        hits.into_iter().map(|(_, _, e)| e).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Spelling;

    #[test]
    fn spells_titles_in_full_pinyin_and_initials() {
        let s = Spelling::of("新车选号");
        assert_eq!(s.full, "xinchexuanhao");
        assert_eq!(s.initials, "xcxh");
        let s = Spelling::of("学法减分");
        assert_eq!(s.initials, "xfjf");
        assert_eq!(Spelling::of("C1驾驶证").initials, "c1jsz");
    }

    #[test]
    fn ranks_prefix_before_infix() {
        let s = Spelling::of("补换领行驶证");
        assert_eq!(s.rank("补换", "补换"), Some(0));
        assert_eq!(s.rank("行驶证", "行驶证"), Some(1));
        assert_eq!(s.rank("xsz", "xsz"), Some(1));
        assert_eq!(s.rank("bhl", "bhl"), Some(0));
        assert_eq!(s.rank("xyz", "xyz"), None);
    }
}
