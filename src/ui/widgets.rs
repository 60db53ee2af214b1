//! Drawing helpers shared by the screens. Everything measures display width (a Chinese character
//! is two columns), never bytes or chars, and uses only ASCII or full-width glyphs for chrome.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::keys::Cmd;
use crate::domain::mask::sanitize_for_terminal;

/// Borders drawn with ASCII: ratatui's box-drawing set is East-Asian-ambiguous and tears on
/// terminals that draw those glyphs two columns wide.
pub const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

pub const ACCENT: Color = Color::Blue;
pub const TITLE_STYLE: Style = Style::new().fg(Color::White).bg(Color::Blue);
pub const MUTED: Style = Style::new().fg(Color::DarkGray);
pub const HEADING: Style = Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD);
pub const MARKER: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const WARN: Style = Style::new().fg(Color::Red);
pub const OK: Style = Style::new().fg(Color::Green);

/// Writes `text` at (x, y), cut to `max_width` columns at a whole glyph; returns the next x.
/// Text from data passes `sanitize_for_terminal` so no control sequence reaches the terminal.
pub fn put(buf: &mut Buffer, x: u16, y: u16, text: &str, max_width: u16, style: Style) -> u16 {
    if max_width == 0 || !buf.area.contains(Position::new(x, y)) {
        return x;
    }
    let clean = sanitize_for_terminal(text);
    let room = max_width.min(buf.area.right().saturating_sub(x));
    buf.set_stringn(x, y, ellipsize(&clean, room), usize::from(room), style)
        .0
}

/// The mark for text cut at the edge: three ASCII dots, since the one-glyph ellipsis is
/// East-Asian-ambiguous and would take two columns on some terminals.
pub const CUT: &str = "...";

/// `text` as it fits in `room` columns: whole when it does (trailing spaces may be cut), else
/// cut by grapheme with `CUT` at the end, so a reader knows there is more.
pub fn ellipsize(text: &str, room: u16) -> std::borrow::Cow<'_, str> {
    let room = usize::from(room);
    if text.trim_end().width() <= room {
        return std::borrow::Cow::Borrowed(text);
    }
    let keep = room.saturating_sub(CUT.len());
    let mut used = 0;
    let mut cut = String::new();
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w > keep {
            break;
        }
        used += w;
        cut.push_str(grapheme);
    }
    cut.push_str(&CUT[..CUT.len().min(room)]);
    std::borrow::Cow::Owned(cut)
}

/// Display width of `text` in columns.
pub fn width(text: &str) -> u16 {
    u16::try_from(text.width()).unwrap_or(u16::MAX)
}

/// Punctuation that Chinese typesetting never puts at the start of a line (行首禁则).
const NO_LINE_START: &str = "。，、；：！？）」』》】％,.;:!?)%";

/// Breaks `text` into lines of at most `max` columns, by grapheme: Chinese has no spaces to
/// break at, and a wide glyph never straddles the edge. A closing mark that would start a line
/// takes the character before it along (行首禁则). Existing newlines are kept.
pub fn wrap(text: &str, max: u16) -> Vec<String> {
    let max = usize::from(max.max(2));
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line: Vec<&str> = Vec::new();
        let mut used = 0;
        for grapheme in paragraph.graphemes(true) {
            let w = grapheme.width();
            if used + w > max && !line.is_empty() {
                let carried = match line.last() {
                    Some(last) if line.len() > 1 && NO_LINE_START.contains(grapheme) => {
                        let last = *last;
                        line.pop();
                        Some(last)
                    }
                    _ => None,
                };
                lines.push(line.concat());
                line.clear();
                used = 0;
                if let Some(last) = carried {
                    line.push(last);
                    used = last.width();
                }
            }
            line.push(grapheme);
            used += w;
        }
        lines.push(line.concat());
    }
    lines
}

/// Seconds as the page counts them: `29分59秒`, and from an hour `1小时05分00秒`.
pub fn clock_text(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}小时{m:02}分{s:02}秒")
    } else {
        format!("{m}分{s:02}秒")
    }
}

/// Minutes as a requirement: `30分钟`, `3小时`, `1小时30分钟`.
pub fn minutes_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}分钟"),
        (h, 0) => format!("{h}小时"),
        (h, m) => format!("{h}小时{m}分钟"),
    }
}

/// A deadline as people say it: midnight is 24:00 of the day before (`2026-03-04 24:00`).
pub fn closing_text(at: chrono::NaiveDateTime) -> String {
    if at.time() == chrono::NaiveTime::MIN {
        let day = at.date().pred_opt().unwrap_or(at.date());
        format!("{day} 24:00")
    } else {
        at.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// A rectangle of `w` x `h` centred in `area`, shrunk to fit. Its x is kept even so that an
/// overlay on a background of Chinese text starts on a glyph boundary more often.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let x = area.x + (area.width - w) / 2;
    let x = x - (x % 2).min(x.saturating_sub(area.x));
    Rect::new(x, area.y + (area.height - h) / 2, w, h)
}

/// Clears `area` for an overlay, including the halves of wide glyphs that straddle its left
/// and right edges (ratatui's `Clear` leaves them, and the glyph swallows the overlay's first
/// column: ratatui issue #2526).
pub fn clear_overlay(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        if area.x > buf.area.x {
            let left = Position::new(area.x - 1, y);
            if buf[left].symbol().width() > 1 {
                buf[left].reset();
            }
        }
        for x in area.left()..area.right() {
            buf[(x, y)].reset();
        }
        // A glyph whose first half was the last column of the area had its second half outside.
        if area.right() < buf.area.right() {
            let right = Position::new(area.right(), y);
            if buf[right].symbol().is_empty() {
                buf[right].reset();
            }
        }
    }
}

/// What a screen shows when the thing it was opened on has gone (a business removed from the
/// assets folder, say): the fact and the way back. Returns no cursor.
pub fn gone(buf: &mut Buffer, area: Rect, what: &str) -> Option<Position> {
    put(
        buf,
        area.x + 1,
        area.y + 1,
        &format!("{what}已不存在，请按 Esc 返回"),
        area.width,
        MUTED,
    );
    None
}

/// A page of text with a row of buttons on the body's last line, one blank line between.
pub fn text_and_button_row(area: Rect) -> (Rect, Rect) {
    let text = Rect::new(
        area.x + 1,
        area.y + 1,
        area.width.saturating_sub(2),
        area.height.saturating_sub(3),
    );
    let buttons = Rect::new(
        area.x + 1,
        area.bottom().saturating_sub(1),
        area.width.saturating_sub(2),
        1,
    );
    (text, buttons)
}

/// Fills `area` with `style` (used for card backgrounds and the overlay body).
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    buf.set_style(area.intersection(buf.area), style);
}

/// Writes lines one under another inside an area and stops at its bottom: detail pages.
pub struct LineWriter {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub bottom: u16,
}

impl LineWriter {
    pub fn new(area: Rect) -> Self {
        Self {
            x: area.x,
            y: area.y,
            width: area.width,
            bottom: area.bottom(),
        }
    }

    pub fn line(&mut self, buf: &mut Buffer, text: &str, style: Style) {
        if self.y < self.bottom {
            put(buf, self.x, self.y, text, self.width, style);
            self.y += 1;
        }
    }

    /// A long text over as many lines as it needs, continued lines indented by two columns.
    pub fn wrapped(&mut self, buf: &mut Buffer, text: &str, style: Style) {
        for (i, part) in wrap(text, self.width.saturating_sub(2)).iter().enumerate() {
            let line = if i == 0 {
                part.clone()
            } else {
                format!("  {part}")
            };
            self.line(buf, &line, style);
        }
    }

    pub fn gap(&mut self) {
        self.y = (self.y + 1).min(self.bottom);
    }
}

/// A list of `len` rows under a screen's heading line, taking at most the upper half of
/// `area` so the details of the highlighted row fit below it (机动车, 违法查询, 培训模式).
pub fn upper_list_area(area: Rect, len: usize) -> Rect {
    let height = u16::try_from(len)
        .unwrap_or(0)
        .clamp(1, (area.height / 2).max(1));
    Rect::new(area.x + 1, area.y + 2, area.width.saturating_sub(2), height)
}

/// A scrollable, numbered list: what every menu of the app is. Only the selection and the
/// scroll offset are state; rows are given at render time from the caller's data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelectList {
    pub selected: usize,
    pub offset: usize,
}

/// One row of a `SelectList`.
pub struct Row<'a> {
    pub label: &'a str,
    /// Grey text after the label (a path, a status, 暂未开放).
    pub note: &'a str,
    pub enabled: bool,
}

impl SelectList {
    /// Moves the selection by `delta` rows within `len`, keeping it visible in `height` rows.
    pub fn step(&mut self, delta: isize, len: usize, height: u16) {
        if len == 0 {
            self.selected = 0;
            self.offset = 0;
            return;
        }
        let target = self.selected.saturating_add_signed(delta).min(len - 1);
        self.select(target, len, height);
    }

    pub fn select(&mut self, index: usize, len: usize, height: u16) {
        self.selected = index.min(len.saturating_sub(1));
        let height = usize::from(height.max(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }

    /// Applies a movement command; returns the index to open for `Open` and `Pick`.
    pub fn apply(&mut self, cmd: Cmd, len: usize, height: u16) -> Option<usize> {
        let page = isize::try_from(height.max(1)).unwrap_or(1);
        match cmd {
            Cmd::Up => self.step(-1, len, height),
            Cmd::Down => self.step(1, len, height),
            Cmd::PageUp => self.step(-page, len, height),
            Cmd::PageDown => self.step(page, len, height),
            Cmd::First => self.select(0, len, height),
            Cmd::Last => self.select(len.saturating_sub(1), len, height),
            Cmd::Open if self.selected < len => return Some(self.selected),
            Cmd::Pick(n) if n < len => {
                self.select(n, len, height);
                return Some(n);
            }
            _ => {}
        }
        None
    }

    /// Draws the rows; the selection is marked by a `>` in the margin only, so moving it
    /// rewrites two cells rather than two whole lines (a few dozen bytes per key).
    pub fn render(&self, rows: &[Row<'_>], area: Rect, buf: &mut Buffer) {
        let visible = rows
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(usize::from(area.height));
        for (line, (index, row)) in visible.enumerate() {
            let y = area.y + u16::try_from(line).unwrap_or(0);
            let selected = index == self.selected;
            put(buf, area.x, y, if selected { ">" } else { " " }, 1, MARKER);
            let number = if index < 9 {
                format!("{}", index + 1)
            } else {
                String::new()
            };
            put(buf, area.x + 2, y, &number, 2, MUTED);
            let label_style = if row.enabled { Style::new() } else { MUTED };
            let x = put(
                buf,
                area.x + 4,
                y,
                row.label,
                area.width.saturating_sub(4),
                label_style,
            );
            if !row.note.is_empty() {
                put(
                    buf,
                    x + 2,
                    y,
                    row.note,
                    area.right().saturating_sub(x + 2),
                    MUTED,
                );
            }
        }
        if self.offset > 0 {
            put(
                buf,
                area.right().saturating_sub(6),
                area.y,
                "更多^",
                6,
                MUTED,
            );
        }
        if self.offset + usize::from(area.height) < rows.len() {
            put(
                buf,
                area.right().saturating_sub(6),
                area.bottom() - 1,
                "更多v",
                6,
                MUTED,
            );
        }
    }

    /// The row index under a mouse click at `pos`, if any.
    pub fn row_at(&self, len: usize, area: Rect, pos: Position) -> Option<usize> {
        if !area.contains(pos) {
            return None;
        }
        let index = self.offset + usize::from(pos.y - area.y);
        (index < len).then_some(index)
    }
}

/// Light modules around a QR code, as the QR standard asks.
pub const QUIET: usize = 2;

/// Draws a QR matrix (rows of dark modules, without the quiet zone) at `x`, `y` as coloured
/// cells two columns wide, clipped to `area`: block glyphs would be East-Asian-ambiguous.
pub fn draw_qr(matrix: &[Vec<bool>], x: u16, y: u16, area: Rect, buf: &mut Buffer) {
    let dark_style = Style::new().bg(Color::Black);
    let light_style = Style::new().bg(Color::White);
    let side = matrix.len() + 2 * QUIET;
    for row in 0..side {
        for col in 0..side {
            let dark = row >= QUIET
                && col >= QUIET
                && matrix
                    .get(row - QUIET)
                    .and_then(|r| r.get(col - QUIET))
                    .copied()
                    .unwrap_or(false);
            let cx = x + u16::try_from(col * 2).unwrap_or(0);
            let cy = y + u16::try_from(row).unwrap_or(0);
            let rect = Rect::new(cx, cy, 2, 1).intersection(area);
            buf.set_style(rect, if dark { dark_style } else { light_style });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_chinese_by_columns_without_splitting_a_glyph() {
        let lines = wrap("交管一二三四五", 5);
        assert_eq!(lines, vec!["交管", "一二", "三四", "五"]);
        assert!(lines.iter().all(|l| l.width() <= 5));
        assert_eq!(wrap("ab\ncd", 10), vec!["ab", "cd"]);
    }

    /// 行首禁则: "缴纳。" at the edge moves 纳 down with the full stop.
    #[test]
    fn a_closing_mark_never_starts_a_line() {
        assert_eq!(wrap("日内缴纳。", 8), vec!["日内缴", "纳。"]);
        assert_eq!(wrap("一二，三", 4), vec!["一", "二，", "三"]);
        assert!(wrap("。。。。。", 4).iter().all(|l| l.width() <= 4));
    }

    #[test]
    fn overlay_clear_removes_a_wide_glyph_straddling_the_left_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "交管一二三", Style::new());
        let popup = Rect::new(3, 0, 4, 1);
        clear_overlay(&mut buf, popup);
        buf.set_string(3, 0, "ABCD", Style::new());
        let shown: String = (0..10).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert!(shown.contains("ABCD"), "{shown:?}");
    }

    #[test]
    fn selection_scrolls_into_view() {
        let mut list = SelectList::default();
        list.step(5, 10, 3);
        assert_eq!((list.selected, list.offset), (5, 3));
        list.step(-5, 10, 3);
        assert_eq!((list.selected, list.offset), (0, 0));
        list.step(100, 10, 3);
        assert_eq!(list.selected, 9);
    }
}
