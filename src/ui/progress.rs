//! 网办进度: the signed-in user's applications, newest first, a page at a time: the app reads
//! only the rows of the page shown (the archive may hold tens of thousands). Enter opens an
//! application's timeline.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::keys::{Binding, Cmd, PAGED_LIST_KEYS};
use super::route::Route;
use super::widgets::{HEADING, MUTED, Row, SelectList, put};
use super::{Action, Ctx, Screen};

/// Rows per page of 网办进度.
pub const PAGE_ROWS: usize = 20;

/// One application as 网办进度 lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressRow {
    pub number: String,
    /// The business and when it was submitted.
    pub label: String,
    pub status: String,
}

/// The page on screen, as the app read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProgressPage {
    /// From 0, newest first.
    pub page: usize,
    pub pages: usize,
    /// Applications of the user in all.
    pub total: usize,
    pub rows: Vec<ProgressRow>,
}

#[derive(Debug, Clone, Default)]
pub struct ProgressScreen {
    list: SelectList,
}

fn list_area(area: Rect) -> Rect {
    Rect::new(
        area.x + 1,
        area.y + 3,
        area.width.saturating_sub(2),
        area.height.saturating_sub(3),
    )
}

impl ProgressScreen {
    /// Moves to page `page`, with the selection at `row` of it.
    fn turn(&mut self, page: usize, row: usize) -> Action {
        self.list = SelectList::default();
        self.list.selected = row;
        Action::ProgressPage(page)
    }
}

impl Screen for ProgressScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["网办进度".to_string()]
    }

    fn keys(&self) -> &'static [Binding] {
        PAGED_LIST_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let w = area.width.saturating_sub(2);
        let progress = ctx.progress;
        let heading = if progress.pages > 1 {
            format!(
                "我的网办业务  共{}件  第{}/{}页",
                progress.total,
                progress.page + 1,
                progress.pages
            )
        } else {
            "我的网办业务".to_string()
        };
        put(buf, area.x + 1, area.y + 1, &heading, w, HEADING);
        if progress.rows.is_empty() {
            put(
                buf,
                area.x + 1,
                area.y + 3,
                "暂无办理记录。",
                w,
                Default::default(),
            );
            put(
                buf,
                area.x + 1,
                area.y + 4,
                "在【业务中心】提交的业务申请会显示在这里，可查看受理、审核等每一步的进度。",
                w,
                MUTED,
            );
            return None;
        }
        let rows: Vec<Row> = progress
            .rows
            .iter()
            .map(|row| Row {
                label: &row.label,
                note: &row.status,
                enabled: true,
            })
            .collect();
        let mut list = self.list.clone();
        list.select(list.selected, rows.len(), list_area(area).height);
        list.render(&rows, list_area(area), buf);
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let progress = ctx.progress;
        let (page, last_page) = (progress.page, progress.pages.saturating_sub(1));
        let len = progress.rows.len();
        let height = list_area(ctx.body).height;
        // A page turned to may be shorter than the row asked for.
        self.list.select(self.list.selected, len, height);
        let at_end = self.list.selected + 1 >= len;
        match cmd {
            Cmd::Back => Action::Pop,
            Cmd::Down if at_end && page < last_page => self.turn(page + 1, 0),
            Cmd::Up if self.list.selected == 0 && page > 0 => self.turn(page - 1, PAGE_ROWS - 1),
            Cmd::PageDown if page < last_page => self.turn(page + 1, 0),
            Cmd::PageUp if page > 0 => self.turn(page - 1, 0),
            Cmd::First if page > 0 => self.turn(0, 0),
            Cmd::Last if page < last_page => self.turn(last_page, PAGE_ROWS - 1),
            cmd => match self.list.apply(cmd, len, height) {
                Some(index) => progress.rows.get(index).map_or(Action::None, |row| {
                    Action::Open(Route::Application(row.number.clone()))
                }),
                None => Action::None,
            },
        }
    }

    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        self.list
            .row_at(ctx.progress.rows.len(), list_area(ctx.body), pos)
            .map(Cmd::Pick)
    }
}
