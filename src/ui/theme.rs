//! The theme, applied to the finished frame: the screens draw with the app's own colours, and
//! this pass turns them into high contrast (bright, saturated colours on black, for projectors
//! and bright halls) or takes colour away (`NO_COLOR`). Bold and reverse stay, and no meaning
//! rests on colour alone, so nothing is lost either way.

use ratatui::buffer::Buffer;
use ratatui::style::Color;

use crate::config::Theme;

/// The high-contrast colour for `colour` as a foreground.
fn bright(colour: Color) -> Color {
    match colour {
        Color::DarkGray | Color::Gray => Color::White,
        Color::Blue => Color::LightCyan,
        Color::Red => Color::LightRed,
        Color::Green => Color::LightGreen,
        Color::Yellow => Color::LightYellow,
        Color::Magenta => Color::LightMagenta,
        Color::Cyan => Color::LightCyan,
        other => other,
    }
}

/// Recolours `buf` for `theme`.
pub fn apply(theme: Theme, buf: &mut Buffer) {
    if theme == Theme::Standard {
        return;
    }
    for cell in &mut buf.content {
        match theme {
            Theme::NoColor => {
                cell.fg = Color::Reset;
                cell.bg = Color::Reset;
            }
            Theme::HighContrast => {
                // Coloured bands (title bar, banners, fields) become black bands with bright
                // text; the white dialogs stay black on white.
                if matches!(cell.bg, Color::White) {
                    cell.fg = Color::Black;
                } else {
                    if cell.bg != Color::Reset {
                        cell.bg = Color::Black;
                    }
                    cell.fg = match cell.fg {
                        Color::Reset | Color::Black | Color::White => Color::White,
                        other => bright(other),
                    };
                }
            }
            Theme::Standard => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn no_color_takes_every_colour_away_and_high_contrast_brightens() {
        let area = Rect::new(0, 0, 3, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(
            0,
            0,
            "abc",
            Style::new().fg(Color::DarkGray).bg(Color::Blue),
        );
        let mut plain = buf.clone();
        apply(Theme::NoColor, &mut plain);
        assert!(
            plain
                .content
                .iter()
                .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
        );
        apply(Theme::HighContrast, &mut buf);
        assert!(
            buf.content
                .iter()
                .all(|c| c.fg == Color::White && c.bg == Color::Black)
        );
    }
}
