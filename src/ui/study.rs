//! 课件学习 (学法减分 网上学习): the courseware, a progress bar of the minutes studied on the
//! simulated clock, and the face checks that fall at random moments. Leaving the page ends the
//! session (结束学习), so time left idle never counts.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Style};

use super::keys::{Binding, Cmd, KeyPattern};
use super::widgets::{
    HEADING, LineWriter, MARKER, MUTED, WARN, clock_text, closing_text, fill, minutes_text, put,
    width,
};
use super::{Action, Ctx, Screen};
use crate::engine::Application;
use crate::engine::application::State;
use crate::engine::step::Command;
use crate::flow::process::{Signal, StudyTerms};
use KeyPattern::Plain;
use crossterm::event::KeyCode::{Enter, Esc};

const STUDY_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Enter)],
        cmd: Cmd::Open,
        hint: "确定",
        help: "开始或继续学习（先实人认证）、进行学习过程人脸比对、学满后提交学习",
    },
    Binding {
        keys: &[Plain(Esc)],
        cmd: Cmd::Back,
        hint: "结束学习",
        help: "结束本次学习并返回；已学的时长保留，3天内可以继续",
    },
];

/// Where the study stands, which decides what Enter does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Not running: Enter starts a session (after 实人认证).
    Paused,
    /// Running: the clock counts.
    Running,
    /// A face check is due: nothing counts until it passes.
    CheckDue,
    /// Enough minutes: Enter submits.
    Complete,
    /// The application left the study stage.
    Over,
}

#[derive(Debug, Clone)]
pub struct StudyScreen {
    number: String,
}

impl StudyScreen {
    pub fn new(number: String) -> Self {
        Self { number }
    }

    /// The application, its state and the study's terms, while it is in 课件学习.
    fn stage<'a>(&self, ctx: &Ctx<'a>) -> Option<(&'a Application, &'a State, StudyTerms)> {
        let tracked = ctx.tracked(&self.number)?;
        let (app, state) = (&tracked.application, &tracked.state);
        let flow = ctx.catalog.flow(&app.flow_id)?;
        let stage = flow.process.as_ref()?.stage(state.stage.as_deref()?)?;
        let terms = stage.kind.study_terms()?;
        state.outcome.is_none().then_some((app, state, terms))
    }

    fn phase(&self, ctx: &Ctx) -> Phase {
        let Some((_, state, terms)) = self.stage(ctx) else {
            return Phase::Over;
        };
        let now = ctx.clock.now;
        if state.local.study().counted_seconds(now, &terms) >= terms.required_seconds() {
            Phase::Complete
        } else if state.local.study().check_pending(now, &terms) {
            Phase::CheckDue
        } else if state.local.study().open_since.is_some() {
            Phase::Running
        } else {
            Phase::Paused
        }
    }
}

/// A bar of `done / total` drawn with background colours (block glyphs are East-Asian
/// ambiguous and would tear the layout).
fn progress_bar(buf: &mut Buffer, x: u16, y: u16, w: u16, done: u32, total: u32) {
    let filled = u16::try_from(u64::from(w) * u64::from(done.min(total)) / u64::from(total.max(1)))
        .unwrap_or(w);
    fill(buf, Rect::new(x, y, w, 1), Style::new().bg(Color::DarkGray));
    fill(
        buf,
        Rect::new(x, y, filled, 1),
        Style::new().bg(Color::Green),
    );
}

impl Screen for StudyScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec![
            "网办进度".to_string(),
            self.number.clone(),
            "课件学习".to_string(),
        ]
    }

    fn keys(&self) -> &'static [Binding] {
        STUDY_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        let Some((app, state, terms)) = self.stage(ctx) else {
            put(
                buf,
                x,
                area.y + 1,
                "本申请已不在课件学习阶段，请按 Esc 返回网办进度查看",
                w,
                MUTED,
            );
            return None;
        };
        let (minutes, within_days) = (terms.minutes, terms.within_days);
        let required = terms.required_seconds();
        let now = ctx.clock.now;
        let studied = state.local.study().studied_seconds(now, &terms);
        let counted = state.local.study().counted_seconds(now, &terms);
        let flow = ctx.catalog.flow(&app.flow_id);
        let title = flow.map_or(String::new(), |f| f.title.clone());
        // What comes once the minutes are done: the stage a plain `Done` leads to.
        let next = flow
            .and_then(|f| f.process.as_ref())
            .and_then(|p| {
                let study = p.stage(state.stage.as_deref()?)?;
                let to = study
                    .on
                    .iter()
                    .find(|t| t.when == Signal::Done && t.only_if.is_none())?;
                p.stage(&to.to)
            })
            .map_or_else(|| "下一步".to_string(), |s| format!("「{}」", s.title));
        put(
            buf,
            x,
            area.y + 1,
            &format!(
                "{title} 课件学习：累计学满{}后进行{next}",
                minutes_text(minutes)
            ),
            w,
            HEADING,
        );
        let figures = format!(" {} / {}", clock_text(counted), minutes_text(minutes));
        let bar_w = w.saturating_sub(width(&figures) + 1).min(40);
        progress_bar(buf, x, area.y + 2, bar_w, counted, required);
        put(
            buf,
            x + bar_w,
            area.y + 2,
            &figures,
            w.saturating_sub(bar_w),
            Style::new(),
        );
        let window = state.local.study().window_ends.map_or_else(
            || format!("首次开始学习后{within_days}天内累计学满"),
            |w| format!("学习期限：{} 前累计学满", closing_text(w)),
        );
        let window = match terms.min_per_day {
            Some(m) => format!("{window}，每日至少{}", minutes_text(m)),
            None => window,
        };
        put(buf, x, area.y + 3, &window, w, MUTED);
        let (status, style) = match self.phase(ctx) {
            Phase::Paused => (
                "已暂停。按 Enter 进行实人认证后开始学习".to_string(),
                MARKER,
            ),
            Phase::Running => (
                "学习中：模拟时钟走动时计入学时（F9 快进到下一次人脸比对）".to_string(),
                Style::new(),
            ),
            Phase::CheckDue => (
                "学习过程人脸比对：请正对屏幕，按 Enter 开始比对；比对通过前不计学时".to_string(),
                WARN,
            ),
            Phase::Complete => (
                format!(
                    "已学满{}。按 Enter 提交学习，然后进行{next}",
                    minutes_text(minutes)
                ),
                MARKER,
            ),
            Phase::Over => (String::new(), Style::new()),
        };
        put(buf, x, area.y + 4, &status, w, style);
        let mut top = area.y + 6;
        if let Some(minimum) = terms.min_day_seconds() {
            let days = state.local.study().day_seconds(now, &terms);
            let mut out = LineWriter::new(Rect::new(x, top, w, area.height.saturating_sub(6)));
            for (day, seconds) in &days {
                let (note, style) = if *seconds >= minimum {
                    ("计入", Style::new())
                } else {
                    ("不足每日最低学时，当日不计入", WARN)
                };
                out.line(
                    buf,
                    &format!(
                        "{}  已学 {}  {note}",
                        day.format("%m-%d"),
                        clock_text(*seconds)
                    ),
                    style,
                );
            }
            top = top.saturating_add(u16::try_from(days.len()).unwrap_or(0) + 1);
        }
        let bank = &ctx.resources.questions.questions;
        if !bank.is_empty() {
            let lesson = usize::try_from(studied / 60).unwrap_or(0) % bank.len();
            let question = &bank[lesson];
            let mut out = LineWriter::new(Rect::new(x, top, w, area.bottom().saturating_sub(top)));
            out.line(
                buf,
                &format!("课件 第{}节  {}", lesson + 1, question.article),
                HEADING,
            );
            out.wrapped(buf, &question.explanation, Style::new());
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let number = self.number.clone();
        let phase = self.phase(ctx);
        match cmd {
            Cmd::Back if matches!(phase, Phase::Running | Phase::CheckDue) => Action::ActAndLeave {
                number,
                command: Command::PauseStudy,
            },
            Cmd::Back => Action::Pop,
            Cmd::Open => match phase {
                Phase::Paused => Action::Act {
                    number,
                    command: Command::BeginStudy,
                },
                Phase::CheckDue => Action::Act {
                    number,
                    command: Command::FaceCheck,
                },
                Phase::Complete => Action::ActAndLeave {
                    number,
                    command: Command::CompleteTask {
                        answers: Default::default(),
                    },
                },
                Phase::Running => Action::Notify(
                    "正在学习中。学时随模拟时钟累计；培训演示可按 F9 快进。".to_string(),
                ),
                Phase::Over => Action::Pop,
            },
            _ => Action::None,
        }
    }
}
