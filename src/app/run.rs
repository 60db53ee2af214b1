//! The interactive loop: block on input (no busy polling, no wake-ups while idle), hand each
//! event to the `App`, redraw. A timer is set only while something must change by itself: a
//! message banner that should fade, the kiosk's idle reset, and a study or exam whose time runs.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossterm::event;
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::App;
use super::modes::kiosk::idle_wait;

/// What the loop waits for besides input.
enum Timer {
    /// The banner of a new message goes away.
    Banner,
    /// The kiosk's idle countdown moves on, or at zero the kiosk returns to 首页.
    Idle,
    /// A study or an exam is running: the simulated clock follows the wall clock each second,
    /// so the progress bar and the time left move.
    Clock,
}

/// How often the screen follows the clock while a study or an exam runs.
const CLOCK_TICK: Duration = Duration::from_secs(1);

/// The wall clock, for the simulated clock to follow.
fn wall_now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// The frame the app would draw now, rendered in memory.
pub(crate) fn offscreen(app: &App, area: ratatui::layout::Rect) -> Result<ratatui::buffer::Buffer> {
    let backend = ratatui::backend::TestBackend::new(area.width, area.height);
    let mut scratch = Terminal::new(backend).context("无法创建内存终端")?;
    Ok(scratch
        .draw(|frame| app.render(frame))
        .context("绘制失败")?
        .buffer
        .clone())
}

/// Runs until the user quits. `after_first_frame` loads what the first frame did not need; it
/// runs once, right after that frame, before any input is read.
pub fn run<B: Backend>(
    app: &mut App,
    terminal: &mut Terminal<B>,
    after_first_frame: impl FnOnce(&mut App) -> Result<()>,
) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let idle_limit = app
        .config
        .kiosk
        .enabled
        .then(|| Duration::from_secs(app.config.kiosk.idle_reset_seconds.max(10)));
    let banner_time = Duration::from_secs(app.config.banner_seconds.max(1));
    let mut last_input = Instant::now();
    let mut idle_reset_done = false;
    let first = terminal
        .draw(|frame| app.render(frame))
        .context("绘制失败")?
        .buffer
        .clone();
    after_first_frame(app)?;
    // Redraw with what was loaded only if it shows something new (a notice, a message): an idle
    // start then writes nothing more. Skipped too when the window was resized meanwhile: the
    // pending resize event redraws anyway, and resizing inside this draw (ratatui's autoresize,
    // with that event and any key after it still unread) was seen to lose the key.
    let now = terminal.size().context("读取终端大小失败")?;
    let same_size = (now.width, now.height) == (first.area.width, first.area.height);
    if same_size && offscreen(app, first.area)? != first {
        terminal
            .draw(|frame| app.render(frame))
            .context("绘制失败")?;
    }
    let mut banner_since = app.banner().is_some().then(Instant::now);
    while !app.should_quit() {
        let banner =
            banner_since.map(|since| (banner_time.saturating_sub(since.elapsed()), Timer::Banner));
        let idle = idle_limit.filter(|_| !idle_reset_done).map(|limit| {
            (
                idle_wait(limit.saturating_sub(last_input.elapsed())),
                Timer::Idle,
            )
        });
        let clock = app
            .wants_clock_ticks()
            .then_some((CLOCK_TICK, Timer::Clock));
        let next_timer = [banner, idle, clock]
            .into_iter()
            .flatten()
            .min_by_key(|(left, _)| *left);
        if let Some((left, timer)) = next_timer
            && !event::poll(left).context("读取输入失败")?
        {
            match timer {
                Timer::Banner => {
                    app.clear_banner();
                    banner_since = None;
                }
                Timer::Idle => {
                    let left = idle_limit
                        .unwrap_or_default()
                        .saturating_sub(last_input.elapsed());
                    if left.is_zero() {
                        app.reset_to_home();
                        idle_reset_done = true;
                    } else {
                        app.show_idle_countdown(left.as_secs_f64().ceil() as u64);
                    }
                }
                Timer::Clock => app.follow_wall_clock(wall_now()),
            }
            terminal
                .draw(|frame| app.render(frame))
                .context("绘制失败")?;
            continue;
        }
        let event = event::read().context("读取输入失败")?;
        last_input = Instant::now();
        idle_reset_done = false;
        let before = app.banner().map(str::to_string);
        app.follow_wall_clock(wall_now());
        app.handle_event(&event);
        banner_since = match app.banner() {
            None => None,
            Some(now) if before.as_deref() != Some(now) => Some(Instant::now()),
            Some(_) => banner_since,
        };
        if !app.should_quit() {
            terminal
                .draw(|frame| app.render(frame))
                .context("绘制失败")?;
        }
    }
    app.flush()
}
