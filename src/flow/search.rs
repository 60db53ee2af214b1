//! `/` search over everything the 业务中心 lists: each business, the screens among them (违法查询)
//! and the entries not offered here (暂未开放, so a search for one says so instead of finding
//! nothing); by Chinese substring, by full pinyin (`xinchexuanhao`) or by initials (`xcxh`), as
//! people type on a phone keyboard.

use pinyin::ToPinyin;

use super::Catalog;
use super::menu::{MenuNode, NodeKind};

/// One entry as the search sees it; built once when the catalog loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchEntry {
    /// The menu entry, opened as the menu opens it.
    pub node: MenuNode,
    pub title: String,
    /// The menu path above it, e.g. `业务中心 > 机动车业务`.
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

/// A menu entry with the spellings it is found by: its title, and a business's keywords.
fn entry(catalog: &Catalog, node: &MenuNode, path: String) -> SearchEntry {
    let keywords = match &node.kind {
        NodeKind::Business(id) => catalog.flow(id).map_or(&[][..], |f| f.keywords.as_slice()),
        _ => &[],
    };
    SearchEntry {
        node: node.clone(),
        title: node.title.clone(),
        path,
        spellings: std::iter::once(&node.title)
            .chain(keywords)
            .map(|t| Spelling::of(t))
            .collect(),
    }
}

/// The search over every business of a catalog.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<SearchEntry>,
}

impl SearchIndex {
    /// The entries of the 业务中心's categories in menu order, each business once (with its
    /// keywords), then the businesses listed only elsewhere (我的驾驶证).
    pub fn build(catalog: &Catalog) -> Self {
        let mut entries: Vec<SearchEntry> = Vec::new();
        let center = catalog.tree.iter().find(|n| n.title == "业务中心");
        for category in center.map_or(&[][..], |c| c.children.as_slice()) {
            for node in &category.children {
                entries.push(entry(
                    catalog,
                    node,
                    format!("业务中心 > {}", category.title),
                ));
            }
        }
        let mut others: Vec<_> = catalog
            .flows
            .values()
            .filter(|f| {
                !entries
                    .iter()
                    .any(|e| e.node.kind == NodeKind::Business(f.id.clone()))
            })
            .collect();
        others.sort_by(|a, b| (a.order, &a.title).cmp(&(b.order, &b.title)));
        for flow in others {
            let node = MenuNode {
                title: flow.title.clone(),
                kind: NodeKind::Business(flow.id.clone()),
                children: Vec::new(),
            };
            let path = flow
                .menu_paths
                .first()
                .map(|p| p.join(" > "))
                .unwrap_or_default();
            entries.push(entry(catalog, &node, path));
        }
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
