//! `jiaoguan play`: the very same `App` on ratatui's in-memory backend, fed a key script; the
//! final screen comes out as plain text, one line per row.

use anyhow::{Context, Result};
use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use super::App;
use super::cast::Cast;
use super::script::Step;

/// The screen as text: each wide glyph once (its hidden second cell skipped), trailing blanks cut.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut lines = Vec::with_capacity(usize::from(area.height));
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            line.push_str(symbol);
            x += u16::try_from(symbol.width().max(1)).unwrap_or(1);
        }
        lines.push(line.trim_end().to_string());
    }
    lines.join("\n")
}

/// Feeds `events` to `app` on a `width` x `height` in-memory terminal, drawing after each one as
/// the real loop does; returns the last frame as text.
pub fn play(app: &mut App, events: &[Event], width: u16, height: u16) -> Result<String> {
    let steps: Vec<Step> = events.iter().cloned().map(Step::Input).collect();
    play_recorded(app, &steps, width, height, None)
}

/// Plays a script's steps: inputs go to the app, a caption shows over the screen, a wait
/// lengthens the recording, and an expectation that the screen does not meet ends the run with
/// an error naming it. Each frame also goes into `cast` when recording (`play --cast`).
pub fn play_recorded(
    app: &mut App,
    steps: &[Step],
    width: u16,
    height: u16,
    mut cast: Option<&mut Cast>,
) -> Result<String> {
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).context("无法创建内存终端")?;
    let mut screen = terminal
        .draw(|frame| app.render(frame))
        .context("绘制失败")?
        .buffer
        .clone();
    if let Some(cast) = cast.as_deref_mut() {
        cast.record(None, &screen);
    }
    for (index, step) in steps.iter().enumerate() {
        if app.should_quit() {
            break;
        }
        match step {
            Step::Input(event) => {
                app.handle_event(event);
                if let Event::Resize(w, h) = event {
                    terminal.backend_mut().resize(*w, *h);
                }
            }
            Step::Caption(text) => app.set_caption(Some(text.clone())),
            Step::SmsCode => app.type_last_sms_code(),
            Step::Wait(seconds) => {
                if let Some(cast) = cast.as_deref_mut() {
                    cast.wait(*seconds);
                }
                continue;
            }
            Step::Expect(text) => {
                // The screen as the app draws it, without the script's own caption.
                let caption = app.take_caption();
                let bare = terminal
                    .draw(|frame| app.render(frame))
                    .context("绘制失败")?
                    .buffer
                    .clone();
                app.set_caption(caption);
                let shown = buffer_text(&bare);
                if !shown.contains(text.as_str()) {
                    anyhow::bail!(
                        "脚本第{}步期望画面显示「{text}」，实际画面为：\n{shown}",
                        index + 1
                    );
                }
                continue;
            }
        }
        screen = terminal
            .draw(|frame| app.render(frame))
            .context("绘制失败")?
            .buffer
            .clone();
        if let Some(cast) = cast.as_deref_mut() {
            cast.record(Some(step), &screen);
        }
    }
    // The frame as rendered, not the backend's copy: the test backend applies only the cells a
    // diff sends and keeps stale halves under wide glyphs, which a real terminal overwrites.
    Ok(buffer_text(&screen))
}
