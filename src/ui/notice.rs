//! 业务须知: what a business is, who may apply, what to bring, how long it takes, from the
//! business's own RON file; then 开始办理 and the related businesses.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};

use super::keys::{Binding, Cmd, PAGE_KEYS};
use super::route::Route;
use super::widgets::{HEADING, MUTED, gone, put, text_and_button_row, width, wrap};
use super::{Action, Ctx, Screen};
use crate::flow::FlowDef;

const BUTTON: Style = Style::new().fg(Color::White).bg(Color::Blue);
const BUTTON_FOCUSED: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);

#[derive(Debug, Clone)]
pub struct NoticeScreen {
    flow_id: String,
    path: Vec<String>,
    scroll: usize,
    /// 0 is 开始办理; 1.. are the related businesses.
    focus: usize,
}

/// One line of the page, already wrapped.
struct Line {
    text: String,
    heading: bool,
}

/// The page as lines of at most `width` columns: the same function serves drawing and
/// scrolling, so the scroll limit always matches what is drawn.
fn page_lines(flow: &FlowDef, width: u16) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut section = |title: &str, items: &[String], numbered: bool| {
        if items.is_empty() {
            return;
        }
        lines.push(Line {
            text: title.to_string(),
            heading: true,
        });
        for (i, item) in items.iter().enumerate() {
            let prefix = if numbered {
                format!("{}. ", i + 1)
            } else {
                "- ".to_string()
            };
            let indent = " ".repeat(prefix.len());
            for (j, part) in wrap(item, width.saturating_sub(3)).into_iter().enumerate() {
                let lead = if j == 0 {
                    prefix.as_str()
                } else {
                    indent.as_str()
                };
                lines.push(Line {
                    text: format!("{lead}{part}"),
                    heading: false,
                });
            }
        }
        lines.push(Line {
            text: String::new(),
            heading: false,
        });
    };
    let n = &flow.notice;
    section("业务说明", std::slice::from_ref(&n.summary), false);
    section("申请条件", &n.eligibility, false);
    section("所需材料", &n.materials, false);
    section("办理时限", std::slice::from_ref(&n.duration), false);
    section("办理流程", &n.steps, true);
    section("温馨提示", &n.tips, false);
    section("法规依据", &n.basis, false);
    lines
}

impl NoticeScreen {
    pub fn new(flow_id: String, path: Vec<String>) -> Self {
        Self {
            flow_id,
            path,
            scroll: 0,
            focus: 0,
        }
    }

    /// The text area, and the row of buttons under it.
    fn areas(area: Rect) -> (Rect, Rect) {
        text_and_button_row(area)
    }

    fn buttons<'a>(flow: &'a FlowDef, ctx: &Ctx<'a>) -> Vec<&'a str> {
        std::iter::once("开始办理")
            .chain(
                flow.related
                    .iter()
                    .filter_map(|id| ctx.catalog.flow(id))
                    .map(|f| f.title.as_str()),
            )
            .collect()
    }

    /// Each button's area, left to right.
    fn button_rects(labels: &[&str], row: Rect) -> Vec<Rect> {
        let mut x = row.x;
        labels
            .iter()
            .map(|label| {
                let w = width(label) + 4;
                let rect = Rect::new(x, row.y, w.min(row.right().saturating_sub(x)), 1);
                x += w + 2;
                rect
            })
            .collect()
    }

    fn press(&self, index: usize, flow: &FlowDef, ctx: &Ctx) -> Action {
        if index == 0 {
            return Action::StartBusiness {
                flow_id: flow.id.clone(),
                path: self.path.clone(),
            };
        }
        match flow
            .related
            .iter()
            .filter_map(|id| ctx.catalog.flow(id))
            .nth(index - 1)
        {
            Some(related) => {
                let path = related_path(&self.path, related);
                Action::Open(Route::Notice {
                    flow_id: related.id.clone(),
                    path,
                })
            }
            None => Action::None,
        }
    }
}

/// The breadcrumb of a related business opened from the notice at `path`: beside this one when
/// it is listed in the same place (驾驶证业务 to 驾驶证业务), else where its own menu lists it
/// first (变更驾驶证联系方式 to 业务中心 > 机动车业务 > 变更机动车联系方式).
fn related_path(path: &[String], related: &FlowDef) -> Vec<String> {
    let here = &path[..path.len().saturating_sub(1)];
    let mut path = if related.menu_paths.iter().any(|p| p.as_slice() == here) {
        here.to_vec()
    } else {
        related
            .menu_paths
            .first()
            .cloned()
            .unwrap_or_else(|| here.to_vec())
    };
    path.push(related.title.clone());
    path
}

impl Screen for NoticeScreen {
    fn place(&self, _ctx: &Ctx) -> super::Place {
        super::Place {
            flow: Some(self.flow_id.clone()),
            target: Some(crate::flow::training::Target::Notice),
            page: Some(crate::flow::training::Target::Notice),
            ..super::Place::default()
        }
    }

    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        self.path.clone()
    }

    fn keys(&self) -> &'static [Binding] {
        PAGE_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let Some(flow) = ctx.catalog.flow(&self.flow_id) else {
            return gone(buf, area, "此业务");
        };
        let (text, row) = Self::areas(area);
        put(
            buf,
            text.x,
            area.y,
            &format!("{}  业务须知", flow.title),
            text.width,
            HEADING,
        );
        let lines = page_lines(flow, text.width);
        for (i, line) in lines
            .iter()
            .skip(self.scroll)
            .take(usize::from(text.height))
            .enumerate()
        {
            let style = if line.heading { HEADING } else { Style::new() };
            put(
                buf,
                text.x,
                text.y + u16::try_from(i).unwrap_or(0),
                &line.text,
                text.width,
                style,
            );
        }
        let shown_to = self.scroll + usize::from(text.height);
        if shown_to < lines.len() {
            let more = format!(
                "还有{}行，按 Down 或 Space 继续阅读",
                lines.len() - shown_to
            );
            put(
                buf,
                text.x,
                row.y.saturating_sub(1),
                &more,
                text.width,
                MUTED,
            );
        }
        let labels = Self::buttons(flow, ctx);
        for (i, (label, rect)) in labels
            .iter()
            .zip(Self::button_rects(&labels, row))
            .enumerate()
        {
            let style = if i == self.focus {
                BUTTON_FOCUSED
            } else {
                BUTTON
            };
            buf.set_style(rect, style);
            put(
                buf,
                rect.x + 2,
                rect.y,
                label,
                rect.width.saturating_sub(2),
                style,
            );
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let Some(flow) = ctx.catalog.flow(&self.flow_id) else {
            return Action::Pop;
        };
        let (text, _) = Self::areas(ctx.body);
        let max_scroll = page_lines(flow, text.width)
            .len()
            .saturating_sub(usize::from(text.height));
        let page = usize::from(text.height.max(1));
        let buttons = Self::buttons(flow, ctx).len();
        match cmd {
            Cmd::Up => self.scroll = self.scroll.saturating_sub(1),
            Cmd::Down => self.scroll = (self.scroll + 1).min(max_scroll),
            Cmd::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Cmd::PageDown => self.scroll = (self.scroll + page).min(max_scroll),
            Cmd::NextFocus => self.focus = (self.focus + 1) % buttons,
            Cmd::PrevFocus => self.focus = (self.focus + buttons - 1) % buttons,
            Cmd::Open => return self.press(self.focus, flow, ctx),
            Cmd::Pick(n) if n < buttons => {
                self.focus = n;
                return self.press(n, flow, ctx);
            }
            Cmd::Back => return Action::Pop,
            _ => {}
        }
        Action::None
    }

    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        let flow = ctx.catalog.flow(&self.flow_id)?;
        let (_, row) = Self::areas(ctx.body);
        let labels = Self::buttons(flow, ctx);
        Self::button_rects(&labels, row)
            .iter()
            .position(|r| r.contains(pos))
            .map(Cmd::Pick)
    }
}
