//! The menu tree: the app's fixed surfaces, the 业务中心 categories from `assets/menu.ron`, and every
//! business placed where its own file says.

use serde::Deserialize;

use super::FlowDef;

/// `assets/menu.ron`: the 业务中心 categories in the app's order.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MenuDef {
    pub categories: Vec<CategoryDef>,
}

/// One category block of 业务中心.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    pub title: String,
    /// One line under the title, saying what the category holds.
    pub description: String,
    /// Neighbours the real app has but this simulator does not offer: listed, marked, not openable.
    #[serde(default)]
    pub unavailable: Vec<String>,
    /// Screens of the app listed first in the category (违法查询 is a list, not a business).
    #[serde(default)]
    pub screens: Vec<Surface>,
}

/// The top-level surfaces of the app, in the order of the home screen's entries.
pub const SURFACES: [(Surface, &str); 7] = [
    (Surface::Home, "首页"),
    (Surface::Licence, "我的驾驶证"),
    (Surface::Vehicles, "机动车"),
    (Surface::BusinessCenter, "业务中心"),
    (Surface::Progress, "网办进度"),
    (Surface::Messages, "消息"),
    (Surface::Mine, "我的"),
];

/// A screen of the app that is not a business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
pub enum Surface {
    Home,
    Licence,
    Vehicles,
    BusinessCenter,
    Progress,
    Messages,
    Mine,
    Settings,
    /// 违法查询: every violation record of the account.
    Violations,
    /// 我的 > 培训模式: the training scenarios.
    Training,
}

impl Surface {
    pub fn title(self) -> &'static str {
        match self {
            Surface::Settings => "设置",
            Surface::Violations => "违法查询",
            Surface::Training => "培训模式",
            other => SURFACES
                .iter()
                .find(|(s, _)| *s == other)
                .map_or("", |(_, title)| title),
        }
    }
}

/// What a menu node opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    Surface(Surface),
    /// A 业务中心 category, by its index in `MenuDef::categories`.
    Category(usize),
    /// A business, by flow id.
    Business(String),
    /// A neighbour the real app has that is not offered here.
    Unavailable,
}

/// One node of the menu tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuNode {
    pub title: String,
    pub kind: NodeKind,
    pub children: Vec<MenuNode>,
}

impl MenuNode {
    fn leaf(title: &str, kind: NodeKind) -> Self {
        Self {
            title: title.to_string(),
            kind,
            children: Vec::new(),
        }
    }

    /// Depth-first walk yielding each node with its full path.
    pub fn walk<'a>(
        &'a self,
        prefix: &mut Vec<&'a str>,
        out: &mut Vec<(Vec<&'a str>, &'a MenuNode)>,
    ) {
        prefix.push(&self.title);
        out.push((prefix.clone(), self));
        for child in &self.children {
            child.walk(prefix, out);
        }
        prefix.pop();
    }
}

/// The top-level surfaces alone, as 首页 lists them: what it needs without the businesses.
pub fn surfaces() -> Vec<MenuNode> {
    SURFACES
        .iter()
        .map(|(surface, title)| MenuNode::leaf(title, NodeKind::Surface(*surface)))
        .collect()
}

/// Builds the whole tree: surfaces, categories under 业务中心, businesses at their paths.
/// A business whose path names no node is left out here and reported by `Catalog::check`.
pub fn build_tree(menu: &MenuDef, flows: &[&FlowDef]) -> Vec<MenuNode> {
    let mut roots = surfaces();
    for root in &mut roots {
        match root.kind {
            NodeKind::Surface(Surface::BusinessCenter) => {
                root.children = menu
                    .categories
                    .iter()
                    .enumerate()
                    .map(|(index, category)| MenuNode {
                        title: category.title.clone(),
                        kind: NodeKind::Category(index),
                        children: category
                            .screens
                            .iter()
                            .map(|s| MenuNode::leaf(s.title(), NodeKind::Surface(*s)))
                            .chain(
                                category
                                    .unavailable
                                    .iter()
                                    .map(|title| MenuNode::leaf(title, NodeKind::Unavailable)),
                            )
                            .collect(),
                    })
                    .collect();
            }
            NodeKind::Surface(Surface::Mine) => {
                root.children = vec![
                    MenuNode::leaf("设置", NodeKind::Surface(Surface::Settings)),
                    MenuNode::leaf("培训模式", NodeKind::Surface(Surface::Training)),
                ];
            }
            _ => {}
        }
    }
    let mut ordered: Vec<&FlowDef> = flows.to_vec();
    ordered.sort_by(|a, b| (a.order, &a.title).cmp(&(b.order, &b.title)));
    for flow in ordered {
        for path in &flow.menu_paths {
            if let Some(parent) = find_path_mut(&mut roots, path) {
                let node = MenuNode::leaf(&flow.title, NodeKind::Business(flow.id.clone()));
                let first_unavailable = parent
                    .children
                    .iter()
                    .position(|c| c.kind == NodeKind::Unavailable)
                    .unwrap_or(parent.children.len());
                parent.children.insert(first_unavailable, node);
            }
        }
    }
    roots
}

/// The node at `path` (titles from a root down), if every step exists.
pub fn find_path_mut<'a>(roots: &'a mut [MenuNode], path: &[String]) -> Option<&'a mut MenuNode> {
    let (first, rest) = path.split_first()?;
    let mut node = roots.iter_mut().find(|n| &n.title == first)?;
    for title in rest {
        node = node.children.iter_mut().find(|n| &n.title == title)?;
    }
    Some(node)
}

/// The node at `path`, read-only.
pub fn find_path<'a>(roots: &'a [MenuNode], path: &[&str]) -> Option<&'a MenuNode> {
    let (first, rest) = path.split_first()?;
    let mut node = roots.iter().find(|n| n.title == *first)?;
    for title in rest {
        node = node.children.iter().find(|n| n.title == *title)?;
    }
    Some(node)
}
