//! One application in 网办进度: its timeline (each stage done, current or to come, with times and
//! who acted), the answers (personal data masked), and the task still open to the user.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::fields::{facts, shown};
use super::keys::{Binding, Cmd, PAGE_KEYS};
use super::stages::{self, OpenStep};
use super::widgets::{HEADING, LineWriter, MUTED, OK, WARN, put, text_and_button_row, width, wrap};
use super::wizard::SUBJECT_SHOWN;
use super::{Action, Ctx, Screen};
use crate::engine::application::{EventKind, State};
use crate::engine::facts::Facts;
use crate::engine::open_set::Tracked;
use crate::engine::rules::check;
use crate::engine::step::Command;
use crate::flow::FlowDef;
use crate::flow::process::{Process, Signal};

/// The page's lines wrapped to `width` (a long reason or answer goes on over the next lines), so
/// drawing and scrolling count the same lines.
fn wrap_lines(lines: Vec<(String, Style)>, width: u16) -> Vec<(String, Style)> {
    lines
        .into_iter()
        .flat_map(|(line, style)| {
            wrap(&line, width.saturating_sub(2))
                .into_iter()
                .enumerate()
                .map(move |(i, part)| (if i == 0 { part } else { format!("  {part}") }, style))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Where an application stands, in a few words, as the list shows it.
pub fn status_label(state: &State, process: Option<&Process>) -> String {
    if let Some(outcome) = state.outcome {
        return outcome.label().to_string();
    }
    let id = state.stage.clone().unwrap_or_default();
    match process.and_then(|p| p.stage(&id)) {
        Some(stage) if stages::waits_for_user(&stage.kind) => {
            format!("待本人办理：{}", stage.title)
        }
        Some(stage) => format!("办理中：{}", stage.title),
        None => format!("办理中：{id}"),
    }
}

/// The stages a successful application would still pass, from `from` on.
fn expected_path(process: &Process, from: &str, facts: &Facts) -> Vec<String> {
    let mut path = Vec::new();
    let mut current = from.to_string();
    for _ in 0..process.stages.len() {
        let Some(stage) = process.stage(&current) else {
            break;
        };
        let good = [Signal::Pass, Signal::Approved, Signal::Done, Signal::Due];
        // The route the answers take: the first transition of a good outcome whose condition
        // holds for them (a 邮寄 application goes to 邮寄中, not to 待领取).
        let Some(next) = good.iter().find_map(|s| {
            stage.on.iter().find(|t| {
                t.when == *s && t.only_if.as_ref().is_none_or(|g| check(g, facts).is_ok())
            })
        }) else {
            break;
        };
        path.push(next.to.clone());
        current = next.to.clone();
    }
    path
}

#[derive(Debug, Clone)]
pub struct ApplicationScreen {
    number: String,
    /// Lines scrolled past; `None` until the user scrolls: the page then follows the current
    /// step, so a long timeline opens showing where the application is.
    scroll: Option<usize>,
}

impl ApplicationScreen {
    pub fn new(number: String) -> Self {
        Self {
            number,
            scroll: None,
        }
    }

    /// How the page fits `height` rows: the lines kept at the top (the status and details,
    /// down to the heading 办理进度, when they take at most half the rows), and how many of the rest are
    /// scrolled past: the user's, else enough to show the current step (marked [当前]) with a
    /// line of what follows under it.
    fn layout(&self, lines: &[(String, Style)], height: u16) -> (usize, usize) {
        let height = usize::from(height);
        let pinned = lines
            .iter()
            .position(|(line, _)| line == "办理进度")
            .map(|at| at + 1)
            .filter(|&kept| kept <= height / 2)
            .unwrap_or(0);
        let rest = &lines[pinned..];
        let rows = height - pinned;
        let max = rest.len().saturating_sub(rows);
        let skip = self.scroll.unwrap_or_else(|| {
            rest.iter()
                .position(|(line, _)| line.starts_with("[当前]"))
                .map_or(0, |current| (current + 2).saturating_sub(rows))
        });
        (pinned, skip.min(max))
    }

    fn parts<'a>(&self, ctx: &Ctx<'a>) -> Option<(&'a Tracked, &'a FlowDef)> {
        let tracked = ctx.tracked(&self.number)?;
        Some((tracked, ctx.catalog.flow(&tracked.application.flow_id)?))
    }

    /// The step the application waits for the user to take, if any.
    fn open_step(tracked: &Tracked, flow: &FlowDef, ctx: &Ctx) -> Option<OpenStep> {
        let state = &tracked.state;
        if state.outcome.is_some() {
            return None;
        }
        let stage = flow.process.as_ref()?.stage(state.stage.as_deref()?)?;
        stages::open_step(stage, tracked, ctx)
    }

    /// Where the open step stands, in a line or two under the status.
    fn step_lines(tracked: &Tracked, flow: &FlowDef, ctx: &Ctx) -> Vec<(String, Style)> {
        let state = &tracked.state;
        if state.outcome.is_some() {
            return Vec::new();
        }
        flow.process
            .as_ref()
            .and_then(|p| p.stage(state.stage.as_deref().unwrap_or_default()))
            .map_or_else(Vec::new, |stage| {
                stages::step_lines(&stage.kind, state, ctx)
            })
    }

    /// The page as lines with their styles.
    fn lines(tracked: &Tracked, flow: &FlowDef, ctx: &Ctx) -> Vec<(String, Style)> {
        let process = flow.process.as_ref();
        let (app, state) = (&tracked.application, &tracked.state);
        let stage_title = |id: &str| {
            process
                .and_then(|p| p.stage(id))
                .map_or(id.to_string(), |s| s.title.clone())
        };
        let mut lines = vec![
            (format!("{}  受理编号 {}", flow.title, app.number), HEADING),
            (
                format!(
                    "状态：{}    提交时间：{}",
                    status_label(state, process),
                    app.created_at.format("%Y-%m-%d %H:%M")
                ),
                Style::new(),
            ),
        ];
        // 说明: a setback's reason until it is overcome; else the last thing an outcome that
        // was no setback said (an exam's score), as information.
        let last_said = app.events.iter().rev().find_map(|e| match &e.kind {
            EventKind::Signalled {
                reason: Some(reason),
                signal,
                ..
            } if !signal.is_setback() => Some(reason),
            _ => None,
        });
        let setback = state
            .last_setback
            .as_ref()
            .filter(|_| state.outcome != Some(crate::flow::process::Outcome::Done));
        match (setback, last_said) {
            (Some((_, reason)), _) => lines.push((format!("说明：{reason}"), WARN)),
            (None, Some(said)) => lines.push((format!("说明：{said}"), Style::new())),
            (None, None) => {}
        }
        lines.extend(Self::step_lines(tracked, flow, ctx));
        lines.push((String::new(), Style::new()));
        lines.push(("办理进度".to_string(), HEADING));
        let mut tally = stages::Tally::default();
        for event in &app.events {
            let time = event.at.format("%m-%d %H:%M");
            let who = event.actor.label();
            let line = match &event.kind {
                EventKind::Submitted { .. } => {
                    Some((format!("[完成] {time}  {who}  提交申请"), OK))
                }
                EventKind::Entered { stage, due } => {
                    let current =
                        state.stage.as_deref() == Some(stage.as_str()) && state.outcome.is_none();
                    let kind = process.and_then(|p| p.stage(stage)).map(|s| &s.kind);
                    // With reviews held for the trainer no deadline decides them: say who does.
                    let held = ctx.config.engine.hold_reviews
                        && matches!(
                            kind,
                            Some(crate::flow::process::StageKind::PoliceReview { .. })
                        );
                    let due = match (due, kind) {
                        _ if held => "，等待民警审核（由培训讲师在控制台中决定）".to_string(),
                        (Some(d), Some(kind)) => {
                            stages::due_wording(kind, &d.format("%m-%d %H:%M").to_string())
                        }
                        _ => String::new(),
                    };
                    let mark = if current { "[当前]" } else { "[进入]" };
                    Some((
                        format!("{mark} {time}  {}{due}", stage_title(stage)),
                        if current { HEADING } else { Style::new() },
                    ))
                }
                EventKind::Signalled {
                    stage,
                    signal,
                    reason,
                } => {
                    let defined = process.and_then(|p| p.stage(stage));
                    let own = defined.and_then(|s| {
                        s.said
                            .iter()
                            .find(|(said, _)| said == signal)
                            .map(|(_, w)| w.as_str())
                    });
                    let kind = defined.map(|s| &s.kind);
                    let word = own
                        .or_else(|| kind.and_then(|k| stages::signal_word(k, *signal)))
                        .unwrap_or(signal.label());
                    let reason = reason
                        .as_ref()
                        .map(|r| format!("：{r}"))
                        .unwrap_or_default();
                    let style = if signal.is_setback() { WARN } else { OK };
                    Some((
                        format!(
                            "[完成] {time}  {who}  {} {word}{reason}",
                            stage_title(stage)
                        ),
                        style,
                    ))
                }
                EventKind::Finished { outcome } => {
                    Some((format!("[结束] {time}  {}", outcome.label()), HEADING))
                }
                EventKind::FaceChecked { passed: true } => {
                    Some((format!("[完成] {time}  {who}  人脸比对通过"), OK))
                }
                EventKind::FaceChecked { passed: false } => {
                    Some((format!("[完成] {time}  {who}  人脸比对未通过"), WARN))
                }
                EventKind::Stage { stage, event } => {
                    { stages::timeline(event, &stage_title(stage), &mut tally) }
                        .map(|(text, style)| (format!("[完成] {time}  {who}  {text}"), style))
                }
                EventKind::Told { application, .. } => Some((
                    format!("[完成] {time}  {who}  已通知申请 {application}"),
                    OK,
                )),
                EventKind::Recorded(_)
                | EventKind::Claimed(_)
                | EventKind::Sent { .. }
                | EventKind::ProfileChanged(_)
                | EventKind::AppliedBefore { .. } => None,
            };
            lines.extend(line);
        }
        if let (Some(process), Some(stage), None) = (process, state.stage.as_deref(), state.outcome)
        {
            let facts = facts(ctx, &state.answers, &state.records);
            for next in expected_path(process, stage, &facts) {
                lines.push((format!("[待办] {}", stage_title(&next)), MUTED));
            }
        }
        lines.push((String::new(), Style::new()));
        lines.push(("申请信息".to_string(), HEADING));
        let mut rows: Vec<(String, String)> = state
            .answers
            .get(SUBJECT_SHOWN)
            .map(|label| ("办理对象".to_string(), label.clone()))
            .into_iter()
            .collect();
        let only_subject = rows.len();
        let facts = facts(ctx, &state.answers, &state.records);
        for field in process
            .map(|p| p.fields().collect::<Vec<_>>())
            .unwrap_or_default()
        {
            if let Some(value) = state.answers.get(&field.id) {
                rows.push((field.label.clone(), shown(field, value, ctx, &facts)));
            }
        }
        // Labels in one column, each followed by a full-width colon, as on 确认信息.
        let label_width = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
        if rows.len() == only_subject {
            rows.push((String::new(), "（本业务无需填写其他信息）".to_string()));
        }
        for (label, value) in rows {
            if label.is_empty() {
                lines.push((value, MUTED));
                continue;
            }
            let pad = " ".repeat(usize::from(label_width.saturating_sub(width(&label))));
            lines.push((format!("{label}{pad}：{value}"), Style::new()));
        }
        lines
    }

    fn areas(area: Rect) -> (Rect, Rect) {
        text_and_button_row(area)
    }
}

impl Screen for ApplicationScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec!["网办进度".to_string(), self.number.clone()]
    }

    fn keys(&self) -> &'static [Binding] {
        PAGE_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let Some((tracked, flow)) = self.parts(ctx) else {
            put(
                buf,
                area.x + 1,
                area.y + 1,
                "找不到这份申请，请按 Esc 返回",
                area.width,
                MUTED,
            );
            return None;
        };
        let (text, button) = Self::areas(area);
        let mut out = LineWriter::new(text);
        let lines = wrap_lines(Self::lines(tracked, flow, ctx), text.width);
        let (pinned, skip) = self.layout(&lines, text.height);
        let shown = lines[..pinned]
            .iter()
            .chain(lines[pinned..].iter().skip(skip));
        for (line, style) in shown {
            out.line(buf, line, *style);
        }
        match Self::open_step(tracked, flow, ctx) {
            Some(step) => {
                let label = format!(" {} ", step.label);
                let w = width(&label);
                put(
                    buf,
                    button.x,
                    button.y,
                    &label,
                    w,
                    super::widgets::MARKER.bg(ratatui::style::Color::Blue),
                );
                put(
                    buf,
                    button.x + w + 2,
                    button.y,
                    "按 Enter 办理",
                    button.width.saturating_sub(w + 2),
                    MUTED,
                );
            }
            None => {
                put(
                    buf,
                    button.x,
                    button.y,
                    "F9 可把模拟时钟拨到下一个办理期限",
                    button.width,
                    MUTED,
                );
            }
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let Some((tracked, flow)) = self.parts(ctx) else {
            return Action::Pop;
        };
        let (text, _) = Self::areas(ctx.body);
        let lines = wrap_lines(Self::lines(tracked, flow, ctx), text.width);
        let (pinned, now) = self.layout(&lines, text.height);
        let page = usize::from(text.height).saturating_sub(pinned).max(1);
        let max = (lines.len() - pinned).saturating_sub(page);
        match cmd {
            Cmd::Up => self.scroll = Some(now.saturating_sub(1)),
            Cmd::Down => self.scroll = Some((now + 1).min(max)),
            Cmd::PageUp => self.scroll = Some(now.saturating_sub(page)),
            Cmd::PageDown => self.scroll = Some((now + page).min(max)),
            Cmd::Open | Cmd::Pick(0) => {
                if let Some(step) = Self::open_step(tracked, flow, ctx) {
                    return step.into_action(&self.number);
                }
            }
            // Online study started from this page stops when the page is left, as the study
            // page's does: time away never counts.
            Cmd::Back if tracked.state.local.education().open_since.is_some() => {
                return Action::ActAndLeave {
                    number: self.number.clone(),
                    command: Command::PauseStudy,
                };
            }
            Cmd::Back => return Action::Pop,
            _ => {}
        }
        Action::None
    }
}
