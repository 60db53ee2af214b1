//! `jiaoguan demo SCRIPT`: a key script played visibly in the real terminal, at a pace an
//! audience can follow, with its captions over the screen. The presenter pauses, steps and
//! quits with `DEMO_KEYS`; the app itself receives only the script's keys.

use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;

use super::super::App;
use super::super::cast::{CHAR_SECONDS, KEY_SECONDS};
use super::super::play::buffer_text;
use super::super::run::offscreen;
use super::super::script::Step;
use crate::ui::keys::{Cmd, DEMO_KEYS, footer_hints, lookup};

/// Where the playback is.
struct Playback {
    next: usize,
    paused: bool,
    narration: Option<String>,
    /// An expectation the screen did not meet: the playback stops there and says so.
    mismatch: Option<String>,
}

/// How long a step takes on screen.
fn pace(step: &Step) -> Duration {
    let seconds = match step {
        Step::Input(Event::Key(key)) if matches!(key.code, KeyCode::Char(_)) => CHAR_SECONDS,
        Step::Input(_) | Step::SmsCode => KEY_SECONDS,
        Step::Caption(_) => KEY_SECONDS,
        Step::Wait(seconds) => *seconds,
        Step::Expect(_) => 0.0,
    };
    Duration::from_secs_f64(seconds)
}

/// The caption band: the narration, then where the playback is and the presenter's keys.
fn caption(playback: &Playback, total: usize) -> String {
    let keys: Vec<String> = footer_hints(DEMO_KEYS, &[])
        .into_iter()
        .map(|(key, hint)| format!("{key} {hint}"))
        .collect();
    let state = if let Some(mismatch) = &playback.mismatch {
        format!("演示暂停：{mismatch}")
    } else if playback.next >= total {
        "演示结束".to_string()
    } else if playback.paused {
        format!("已暂停 第{}/{}步", playback.next + 1, total)
    } else {
        format!("演示中 第{}/{}步", playback.next + 1, total)
    };
    let status = format!("【{state}】  {}", keys.join("  "));
    match &playback.narration {
        Some(text) => format!("{text}\n{status}"),
        None => status,
    }
}

/// Plays `steps` into `app` on `terminal` until the script ends and the presenter quits.
pub fn run<B: Backend>(app: &mut App, terminal: &mut Terminal<B>, steps: &[Step]) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut playback = Playback {
        next: 0,
        paused: false,
        narration: None,
        mismatch: None,
    };
    loop {
        app.set_caption(Some(caption(&playback, steps.len())));
        let area = terminal
            .draw(|frame| app.render(frame))
            .context("绘制失败")?
            .area;
        let step = steps.get(playback.next).filter(|_| !app.should_quit());
        let waiting = step.is_none() || playback.paused || playback.mismatch.is_some();
        let due = step.map_or(Duration::ZERO, pace);
        // Sleep for the step's pace unless the presenter presses a key; block when paused.
        let pressed = if waiting || event::poll(due).context("读取输入失败")? {
            match event::read().context("读取输入失败")? {
                Event::Key(key) if key.kind != KeyEventKind::Release => lookup(DEMO_KEYS, &key),
                resize @ Event::Resize(..) => {
                    app.handle_event(&resize);
                    continue;
                }
                _ => continue,
            }
        } else {
            None
        };
        match pressed {
            Some(Cmd::Quit) => return Ok(()),
            Some(Cmd::Pause) => {
                playback.paused = !playback.paused;
                playback.mismatch = None;
                continue;
            }
            Some(Cmd::Step) => playback.mismatch = None,
            Some(_) => continue,
            None if waiting => continue,
            None => {}
        }
        let Some(step) = step else { continue };
        playback.next += 1;
        match step {
            Step::Input(event) => app.handle_event(event),
            Step::SmsCode => app.type_last_sms_code(),
            Step::Caption(text) => playback.narration = Some(text.clone()),
            Step::Wait(_) => {}
            Step::Expect(text) => {
                // The screen as the app draws it, without the caption, drawn off screen.
                let caption = app.take_caption();
                let bare = offscreen(app, area);
                app.set_caption(caption);
                let bare = bare?;
                if !buffer_text(&bare).contains(text.as_str()) {
                    playback.mismatch = Some(format!("画面中没有预期的「{text}」"));
                }
            }
        }
    }
}
