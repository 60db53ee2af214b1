//! `/` search over every business, by Chinese name or pinyin (全拼 or 首字母). The field holds the
//! focus, so letters are typed, and the terminal cursor sits on the caret for the IME.

use crossterm::event::{Event, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Style};
use tui_input::backend::crossterm::EventHandler;
use tui_input::{Input, InputRequest};

use super::keys::{Binding, Cmd, SEARCH_KEYS};
use super::menu::open_node;
use super::widgets::{HEADING, MUTED, Row, SelectList, put};
use super::{Action, Ctx, Screen};
use crate::flow::menu::NodeKind;

const FIELD: Style = Style::new().fg(Color::Black).bg(Color::Gray);
/// The longest query kept: enough for any business name in pinyin.
const MAX_QUERY_CHARS: usize = 40;

#[derive(Debug, Clone, Default)]
pub struct SearchScreen {
    input: Input,
    list: SelectList,
}

fn field_area(area: Rect) -> Rect {
    Rect::new(area.x + 11, area.y + 1, area.width.saturating_sub(12), 1)
}

fn list_area(area: Rect) -> Rect {
    Rect::new(
        area.x + 1,
        area.y + 4,
        area.width.saturating_sub(2),
        area.height.saturating_sub(4),
    )
}

impl SearchScreen {
    fn open(&self, index: usize, ctx: &Ctx) -> Action {
        match ctx.catalog.search.search(self.input.value()).get(index) {
            // Opened as the menu opens it, in place of the search.
            Some(hit) => {
                let parent: Vec<String> = hit.path.split(" > ").map(str::to_string).collect();
                match open_node(&parent, &hit.node) {
                    Action::Open(route) => Action::Replace(route),
                    other => other,
                }
            }
            None => Action::None,
        }
    }
}

impl Screen for SearchScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["业务中心".to_string(), "搜索".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        SEARCH_KEYS
    }

    fn text_focus(&self, _ctx: &Ctx) -> bool {
        true
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        put(buf, area.x + 1, area.y + 1, "搜索业务：", 10, HEADING);
        let field = field_area(area);
        buf.set_style(field, FIELD);
        let scroll = self
            .input
            .visual_scroll(usize::from(field.width.saturating_sub(1)));
        let shown: String = {
            let mut skipped = 0;
            self.input
                .value()
                .chars()
                .skip_while(|c| {
                    let w = unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                    let skip = skipped < scroll;
                    skipped += w;
                    skip
                })
                .collect()
        };
        put(buf, field.x, field.y, &shown, field.width, FIELD);
        put(
            buf,
            area.x + 1,
            area.y + 2,
            "可输入中文名称、全拼（xinchexuanhao）或首字母（xcxh）",
            area.width.saturating_sub(2),
            MUTED,
        );
        let hits = ctx.catalog.search.search(self.input.value());
        if hits.is_empty() {
            put(
                buf,
                area.x + 1,
                area.y + 4,
                "没有找到相关业务，请换个关键词试试",
                area.width,
                MUTED,
            );
        } else {
            let rows: Vec<Row> = hits
                .iter()
                .map(|h| Row {
                    label: &h.title,
                    note: if h.node.kind == NodeKind::Unavailable {
                        "暂未开放"
                    } else {
                        &h.path
                    },
                    enabled: h.node.kind != NodeKind::Unavailable,
                })
                .collect();
            self.list.render(&rows, list_area(area), buf);
        }
        let caret = self.input.visual_cursor().saturating_sub(scroll);
        let x = field.x
            + u16::try_from(caret)
                .unwrap_or(0)
                .min(field.width.saturating_sub(1));
        Some(Position::new(x, field.y))
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        if cmd == Cmd::Back {
            return Action::Pop;
        }
        let len = ctx.catalog.search.search(self.input.value()).len();
        match self.list.apply(cmd, len, list_area(ctx.body).height) {
            Some(index) => self.open(index, ctx),
            None => Action::None,
        }
    }

    fn type_key(&mut self, key: KeyEvent, _ctx: &Ctx) -> Action {
        if self.input.value().chars().count() >= MAX_QUERY_CHARS
            && matches!(key.code, crossterm::event::KeyCode::Char(_))
        {
            return Action::None;
        }
        if self.input.handle_event(&Event::Key(key)).is_some() {
            self.list = SelectList::default();
        }
        Action::None
    }

    fn paste(&mut self, text: &str, _ctx: &Ctx) {
        for c in text
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_QUERY_CHARS)
        {
            if self.input.value().chars().count() >= MAX_QUERY_CHARS {
                break;
            }
            self.input.handle(InputRequest::InsertChar(c));
        }
        self.list = SelectList::default();
    }

    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        let len = ctx.catalog.search.search(self.input.value()).len();
        self.list
            .row_at(len, list_area(ctx.body), pos)
            .map(Cmd::Pick)
    }
}
