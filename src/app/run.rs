//! The interactive loop: block on input (no busy polling, no wake-ups while idle), hand each
//! event to the `App`, redraw. Only kiosk mode sets a timer, for the idle reset.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossterm::event;
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::App;

pub fn run<B: Backend>(app: &mut App, terminal: &mut Terminal<B>) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let idle_limit = app
        .config
        .kiosk
        .enabled
        .then(|| Duration::from_secs(app.config.kiosk.idle_reset_seconds.max(10)));
    let mut last_input = Instant::now();
    let mut idle_reset_done = false;
    terminal
        .draw(|frame| app.render(frame))
        .context("绘制失败")?;
    while !app.should_quit() {
        let time_left = idle_limit
            .filter(|_| !idle_reset_done)
            .map(|limit| limit.saturating_sub(last_input.elapsed()));
        if let Some(left) = time_left
            && !event::poll(left).context("读取输入失败")?
        {
            app.reset_to_home();
            idle_reset_done = true;
            terminal
                .draw(|frame| app.render(frame))
                .context("绘制失败")?;
            continue;
        }
        let event = event::read().context("读取输入失败")?;
        last_input = Instant::now();
        idle_reset_done = false;
        app.handle_event(&event);
        terminal
            .draw(|frame| app.render(frame))
            .context("绘制失败")?;
    }
    Ok(())
}
