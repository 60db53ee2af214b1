//! The frame around every screen: the title bar with the breadcrumb, the footer made from the
//! screen's key table, and the too-small notice.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use super::keys::Binding;
use super::widgets::{CUT, MUTED, TITLE_STYLE, centered, fill, put, width, wrap};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

const FOOTER_KEY: Style = Style::new().fg(Color::Black).bg(Color::Gray);

/// Title bar: app name and breadcrumb on the left, the account and the simulated time on the right.
pub fn title_bar(buf: &mut Buffer, area: Rect, breadcrumb: &[String], right: &str) {
    fill(buf, area, TITLE_STYLE);
    let right_w = width(right);
    let x = put(
        buf,
        area.x + 1,
        area.y,
        "交管12123",
        9,
        TITLE_STYLE.add_modifier(ratatui::style::Modifier::BOLD),
    );
    let room = area.width.saturating_sub(x - area.x + right_w + 4);
    put(
        buf,
        x + 2,
        area.y,
        &fit_breadcrumb(breadcrumb, room),
        room,
        TITLE_STYLE,
    );
    if area.width > right_w + 1 {
        put(
            buf,
            area.right() - right_w - 1,
            area.y,
            right,
            right_w,
            TITLE_STYLE,
        );
    }
}

/// The breadcrumb in `room` columns: the first steps give way to `...` before the last ones,
/// since where the user is now matters more than how they came.
fn fit_breadcrumb(breadcrumb: &[String], room: u16) -> String {
    let whole = breadcrumb.join(" > ");
    if width(&whole) <= room {
        return whole;
    }
    for skip in 1..breadcrumb.len() {
        let shorter = format!("{CUT} > {}", breadcrumb[skip..].join(" > "));
        if width(&shorter) <= room {
            return shorter;
        }
    }
    // Not even the last step fits: `put` cuts it with the mark.
    breadcrumb.last().cloned().unwrap_or_default()
}

/// Footer: `key hint` pairs from the screen's key table; what does not fit is left to `?`.
pub fn footer(buf: &mut Buffer, area: Rect, hints: &[(String, &str)]) {
    let mut x = area.x + 1;
    for (key, hint) in hints {
        let need = width(key) + 1 + width(hint) + 2;
        if x + need > area.right() {
            break;
        }
        x = put(buf, x, area.y, key, width(key), FOOTER_KEY);
        x = put(buf, x + 1, area.y, hint, width(hint), MUTED) + 2;
    }
}

/// The key bindings as (keys, help) rows, for the `?` overlay.
pub fn help_rows(tables: &[&[Binding]]) -> Vec<(String, &'static str)> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .map(|b| (b.keys_label(), b.help))
        .collect()
}

/// Shown instead of the app when the terminal is below 60x20.
pub fn too_small(buf: &mut Buffer, area: Rect) {
    let message = [
        format!("终端窗口太小（当前 {}x{}）", area.width, area.height),
        format!("请把窗口放大到至少 {MIN_WIDTH}x{MIN_HEIGHT}"),
    ];
    let lines: Vec<String> = message
        .iter()
        .flat_map(|line| wrap(line, area.width.saturating_sub(2).max(10)))
        .collect();
    let h = u16::try_from(lines.len()).unwrap_or(1);
    let box_area = centered(area, area.width, h);
    for (i, line) in lines.iter().enumerate() {
        let w = width(line);
        let x = box_area.x + box_area.width.saturating_sub(w) / 2;
        put(
            buf,
            x,
            box_area.y + u16::try_from(i).unwrap_or(0),
            line,
            w,
            Style::new().fg(Color::Yellow),
        );
    }
}
