//! The terminal's lifecycle: raw mode, the alternate screen, mouse capture and bracketed paste on
//! the way in; all of it undone on the way out, on a panic, and on SIGTERM, SIGHUP, SIGINT and
//! SIGQUIT, so a visitor or a trainer is never left with a broken shell.

use std::io::{self, Stdout, Write};

use anyhow::{Context, Result};
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Tui = Terminal<CrosstermBackend<io::BufWriter<Stdout>>>;

/// Puts the terminal back as it was. Safe to call more than once and from any thread.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Enters the full-screen mode and installs the panic hook and the signal handlers that restore
/// it. The thread that acts on a signal starts with `SignalWatch::start`: a signal caught before
/// then waits for it, so the interactive start can draw its first frame first.
pub fn enter(mouse_capture: bool) -> Result<(Tui, SignalWatch)> {
    install_panic_hook();
    let signals = catch_signals()?;
    terminal::enable_raw_mode().context("无法进入终端原始模式")?;
    let mut out = io::stdout();
    queue!(out, EnterAlternateScreen, EnableBracketedPaste).context("无法进入全屏模式")?;
    if mouse_capture {
        queue!(out, EnableMouseCapture).context("无法开启鼠标捕获")?;
    }
    out.flush().context("无法进入全屏模式")?;
    // crossterm installs its SIGWINCH handler with its event reader, on the first poll: do it
    // now, so a resize that lands between the first frame and the first read is not lost.
    crossterm::event::poll(std::time::Duration::ZERO).context("无法读取终端输入")?;
    // One buffered write per frame instead of one per escape sequence.
    let backend = CrosstermBackend::new(io::BufWriter::with_capacity(16 * 1024, io::stdout()));
    let tui = Terminal::new(backend).context("无法初始化终端")?;
    Ok((tui, SignalWatch { signals }))
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT (raw mode keeps Ctrl+C and Ctrl+\ from raising the last
/// two, but `kill` does not) are caught from here on: none of them ends the program with the
/// terminal left raw.
fn catch_signals() -> Result<signal_hook::iterator::Signals> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .context("无法注册信号处理")
}

/// The caught signals, waiting for the thread that acts on them.
#[must_use = "a caught signal is acted on only once the watch starts"]
pub struct SignalWatch {
    signals: signal_hook::iterator::Signals,
}

impl SignalWatch {
    /// A caught signal now ends the program at once: every change was saved when it was made
    /// (atomic writes, the journal), so all that is left to do is give the terminal back.
    pub fn start(mut self) -> Result<()> {
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = self.signals.forever().next() {
                    restore();
                    std::process::exit(128 + signal);
                }
            })
            .context("无法启动信号处理线程")?;
        Ok(())
    }
}
