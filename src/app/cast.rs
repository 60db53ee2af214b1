//! `jiaoguan play --cast FILE`: the run recorded as an asciicast v2 file (a JSON header line,
//! then one `[seconds, "o", text]` line per frame), so a demo can be replayed with ordinary
//! terminal-recording players. Each frame is the whole screen redrawn with its colours; a key
//! takes `KEY_SECONDS`, a typed character `CHAR_SECONDS`, so the replay reads at a human pace.

use crossterm::event::{Event, KeyCode};

use super::script::Step;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Time a named key (Enter, Down, F9 ...) takes in the recording.
pub const KEY_SECONDS: f64 = 0.6;

/// Time a typed character takes.
pub const CHAR_SECONDS: f64 = 0.12;

/// A recording being made.
pub struct Cast {
    width: u16,
    height: u16,
    clock: f64,
    frames: Vec<(f64, String)>,
}

/// A JSON string literal of `text` (RFC 8259: quote, backslash and control characters escaped).
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The SGR code of a colour as foreground (`base` 30) or background (`base` 40).
fn sgr_colour(colour: Color, base: u8) -> Option<String> {
    let code = |n: u8| Some((base + n).to_string());
    match colour {
        Color::Reset => None,
        Color::Black => code(0),
        Color::Red => code(1),
        Color::Green => code(2),
        Color::Yellow => code(3),
        Color::Blue => code(4),
        Color::Magenta => code(5),
        Color::Cyan => code(6),
        Color::Gray => code(7),
        Color::DarkGray => Some((base + 60).to_string()),
        Color::LightRed => Some((base + 61).to_string()),
        Color::LightGreen => Some((base + 62).to_string()),
        Color::LightYellow => Some((base + 63).to_string()),
        Color::LightBlue => Some((base + 64).to_string()),
        Color::LightMagenta => Some((base + 65).to_string()),
        Color::LightCyan => Some((base + 66).to_string()),
        Color::White => Some((base + 67).to_string()),
        Color::Indexed(i) => Some(format!("{};5;{i}", base + 8)),
        Color::Rgb(r, g, b) => Some(format!("{};2;{r};{g};{b}", base + 8)),
    }
}

/// The screen as terminal output: home, clear, then each row with its colours.
fn frame_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::from("\u{1b}[H\u{1b}[2J");
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        let mut last = String::new();
        while x < area.right() {
            let cell = &buf[(x, y)];
            let mut codes = vec!["0".to_string()];
            codes.extend(sgr_colour(cell.fg, 30));
            codes.extend(sgr_colour(cell.bg, 40));
            if cell.modifier.contains(Modifier::BOLD) {
                codes.push("1".to_string());
            }
            let sgr = format!("\u{1b}[{}m", codes.join(";"));
            if sgr != last {
                out.push_str(&sgr);
                last = sgr;
            }
            let symbol = cell.symbol();
            out.push_str(symbol);
            x += u16::try_from(symbol.width().max(1)).unwrap_or(1);
        }
        out.push_str("\u{1b}[0m");
        if y + 1 < area.bottom() {
            out.push_str("\r\n");
        }
    }
    out
}

impl Cast {
    pub fn new(width: u16, height: u16) -> Self {
        Cast {
            width,
            height,
            clock: 0.0,
            frames: Vec::new(),
        }
    }

    /// The frame drawn after `step` (none for the first frame), at the pace of the step.
    pub fn record(&mut self, step: Option<&Step>, buf: &Buffer) {
        self.clock += match step {
            None => 0.0,
            Some(Step::Input(Event::Key(key))) if matches!(key.code, KeyCode::Char(_)) => {
                CHAR_SECONDS
            }
            Some(_) => KEY_SECONDS,
        };
        self.frames.push((self.clock, frame_text(buf)));
    }

    /// A script's `wait:`: the next frame comes that much later.
    pub fn wait(&mut self, seconds: f64) {
        self.clock += seconds;
    }

    /// The asciicast v2 text: the header line, then one event line per frame.
    pub fn to_text(&self, title: &str) -> String {
        let mut lines = vec![format!(
            "{{\"version\": 2, \"width\": {}, \"height\": {}, \"title\": {}, \"env\": {{\"TERM\": \"xterm-256color\"}}}}",
            self.width,
            self.height,
            json_string(title)
        )];
        lines.extend(
            self.frames
                .iter()
                .map(|(t, text)| format!("[{t:.3}, \"o\", {}]", json_string(text))),
        );
        lines.join("\n") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_escape_what_json_requires() {
        assert_eq!(
            json_string("a\"b\\c\n\u{1b}交"),
            "\"a\\\"b\\\\c\\n\\u001b交\""
        );
    }
}
