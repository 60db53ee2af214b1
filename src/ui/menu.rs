//! Any menu of the tree: 业务中心, a category, 我的. Opening a node is decided here once, so
//! every screen that lists menu nodes opens them the same way.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::keys::{Binding, Cmd, LIST_KEYS};
use super::route::Route;
use super::widgets::{HEADING, MUTED, Row, SelectList, put};
use super::{Action, Ctx, Screen};
use crate::flow::menu::{MenuNode, NodeKind, Surface, find_path};

/// What opening a top-level surface does. 网办进度 and 消息 read from the data folder first
/// (the page they show), so the app opens them.
pub fn open_surface(surface: Surface) -> Action {
    Action::Open(match surface {
        Surface::Home => return Action::Pop,
        Surface::Progress => Route::Progress,
        Surface::Messages => Route::Messages,
        Surface::Licence => Route::Licence,
        Surface::Vehicles => Route::Vehicles,
        Surface::BusinessCenter => Route::Menu(vec!["业务中心".to_string()]),
        Surface::Mine => Route::Mine,
        Surface::Settings => Route::Settings,
        Surface::Violations => Route::Violations,
        Surface::Training => Route::TrainingList,
    })
}

/// What opening `node` (a child of the menu at `parent`) does.
pub fn open_node(parent: &[String], node: &MenuNode) -> Action {
    let mut path = parent.to_vec();
    path.push(node.title.clone());
    match &node.kind {
        NodeKind::Surface(surface) => open_surface(*surface),
        NodeKind::Category(_) => Action::Open(Route::Menu(path)),
        NodeKind::Business(id) => Action::Open(Route::Notice {
            flow_id: id.clone(),
            path,
        }),
        NodeKind::Unavailable => Action::Notify(format!(
            "「{}」暂未在模拟器中开放。\n真实的交管12123 APP 中有这项业务；本模拟器提供的业务都列在【业务中心】的驾驶证、机动车、学习教育和违法处理业务中。",
            node.title
        )),
    }
}

/// The label shown for a node in a list, and its grey note.
pub fn node_row(node: &MenuNode) -> Row<'_> {
    Row {
        label: &node.title,
        note: if node.kind == NodeKind::Unavailable {
            "暂未开放"
        } else {
            ""
        },
        enabled: node.kind != NodeKind::Unavailable,
    }
}

/// Handles the list commands shared by every screen that lists menu nodes.
pub fn handle_node_list(
    list: &mut SelectList,
    cmd: Cmd,
    parent: &[String],
    nodes: &[MenuNode],
    height: u16,
) -> Action {
    if cmd == Cmd::Back {
        return Action::Pop;
    }
    match list
        .apply(cmd, nodes.len(), height)
        .and_then(|i| nodes.get(i))
    {
        Some(node) => open_node(parent, node),
        None => Action::None,
    }
}

/// A menu node's children as a numbered list, with the node's description above.
#[derive(Debug, Clone)]
pub struct MenuScreen {
    path: Vec<String>,
    list: SelectList,
}

impl MenuScreen {
    pub fn new(path: Vec<String>) -> Self {
        Self {
            path,
            list: SelectList::default(),
        }
    }

    fn node<'a>(&self, ctx: &Ctx<'a>) -> Option<&'a MenuNode> {
        let steps: Vec<&str> = self.path.iter().map(String::as_str).collect();
        find_path(&ctx.catalog.tree, &steps)
    }

    fn list_area(area: Rect) -> Rect {
        Rect::new(
            area.x + 1,
            area.y + 3,
            area.width.saturating_sub(2),
            area.height.saturating_sub(3),
        )
    }

    fn description<'a>(&self, ctx: &Ctx<'a>, node: &MenuNode) -> &'a str {
        match node.kind {
            NodeKind::Category(index) => ctx
                .catalog
                .menu
                .categories
                .get(index)
                .map_or("", |c| c.description.as_str()),
            NodeKind::Surface(Surface::BusinessCenter) => {
                "选择业务分类；按 / 可直接搜索业务名称或拼音"
            }
            _ => "",
        }
    }
}

impl Screen for MenuScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        self.path.clone()
    }

    fn keys(&self) -> &'static [Binding] {
        LIST_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let Some(node) = self.node(ctx) else {
            put(
                buf,
                area.x + 1,
                area.y + 1,
                "此菜单已不存在，请按 Esc 返回",
                area.width,
                MUTED,
            );
            return None;
        };
        put(
            buf,
            area.x + 1,
            area.y + 1,
            &node.title,
            area.width,
            HEADING,
        );
        put(
            buf,
            area.x + 1,
            area.y + 2,
            self.description(ctx, node),
            area.width.saturating_sub(2),
            MUTED,
        );
        let rows: Vec<Row> = node.children.iter().map(node_row).collect();
        if rows.is_empty() {
            put(
                buf,
                area.x + 1,
                area.y + 3,
                "这里还没有业务",
                area.width,
                MUTED,
            );
        }
        self.list.render(&rows, Self::list_area(area), buf);
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let Some(node) = self.node(ctx) else {
            return Action::Pop;
        };
        let height = Self::list_area(ctx.body).height;
        handle_node_list(&mut self.list, cmd, &self.path, &node.children, height)
    }

    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        let len = self.node(ctx)?.children.len();
        let index = self.list.row_at(len, Self::list_area(ctx.body), pos)?;
        Some(Cmd::Pick(index))
    }
}
