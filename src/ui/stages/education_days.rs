//! `EducationDays`: the three parts and how far each has come, and the step the user takes
//! now: 签到 or 签退 at a booked session, starting or ending online study, or 提交学习 once
//! every part is complete.

use ratatui::style::Style;

use super::OpenStep;
use crate::engine::application::State;
use crate::engine::stages::{EducationEvent, Plan, booked_sessions};
use crate::engine::step::Command;
use crate::flow::process::StageKind;
use crate::ui::Ctx;
use crate::ui::widgets::{HEADING, MUTED, OK, clock_text};

/// What the days so far are, with the sessions booked.
fn progress(
    kind: &StageKind,
    state: &State,
    ctx: &Ctx,
    session_field: &str,
) -> Option<(
    Plan,
    crate::engine::stages::Progress,
    Vec<crate::domain::venue::SessionSlot>,
)> {
    let plan = Plan::of(kind, &state.answers)?;
    let clock_start = ctx.clock.started_at.date();
    let slots = booked_sessions(
        &ctx.resources.sessions,
        clock_start,
        &state.answers,
        session_field,
    );
    let done = state
        .local
        .education()
        .progress(&plan, &slots, clock_start, ctx.clock.now);
    Some((plan, done, slots))
}

pub(super) fn open_step(
    kind: &StageKind,
    state: &State,
    ctx: &Ctx,
    session_field: &str,
) -> OpenStep {
    let now = ctx.clock.now;
    let local = state.local.education();
    if let Some((plan, done, slots)) = progress(kind, state, ctx, session_field) {
        let opens = chrono::Duration::minutes(i64::from(ctx.config.engine.sign_in_opens_minutes));
        let clock_start = ctx.clock.started_at.date();
        for slot in &slots {
            let Some((start, end)) = slot.times(clock_start) else {
                continue;
            };
            let signed_in = local.signed_in.contains_key(&slot.id);
            let signed_out = local.signed_out.contains_key(&slot.id);
            if !signed_in && now >= start - opens && now <= start {
                return OpenStep::act("现场签到", Command::FaceCheck);
            }
            if signed_in && !signed_out && now >= end {
                return OpenStep::act("现场签退", Command::FaceCheck);
            }
        }
        if done.complete(&plan) {
            return OpenStep::act(
                "提交学习",
                Command::CompleteTask {
                    answers: Default::default(),
                },
            );
        }
        if local.open_since.is_some() {
            return OpenStep::act("结束网络学习", Command::PauseStudy);
        }
    }
    OpenStep::act("开始网络学习", Command::BeginStudy)
}

pub(super) fn lines(
    kind: &StageKind,
    state: &State,
    ctx: &Ctx,
    session_field: &str,
) -> Vec<(String, Style)> {
    let Some((plan, done, slots)) = progress(kind, state, ctx, session_field) else {
        return Vec::new();
    };
    let local = state.local.education();
    let clock_start = ctx.clock.started_at.date();
    let mut out = vec![(
        format!(
            "现场学习 {}/{}日    网络学习 {}/{}日    自主学习 {}/{}日（按日历计算）",
            done.on_site.len(),
            plan.on_site,
            done.online.len(),
            plan.online,
            done.self_study,
            plan.self_study()
        ),
        HEADING,
    )];
    for slot in &slots {
        let state_text = match (
            local.signed_in.get(&slot.id),
            local.signed_out.get(&slot.id),
        ) {
            (None, _) => "待签到".to_string(),
            (Some(at), None) => format!("{} 已签到，结束后签退", at.format("%H:%M")),
            (Some(_), Some(out)) => format!("{} 已签退", out.format("%H:%M")),
        };
        out.push((
            format!("现场 {}  {state_text}", slot.place_and_time(clock_start)),
            Style::new(),
        ));
    }
    let today = ctx.clock.now.date();
    let studied = local
        .online_seconds(ctx.clock.now)
        .get(&today)
        .copied()
        .unwrap_or(0);
    let running = if local.open_since.is_some() {
        "，学习中"
    } else {
        ""
    };
    out.push((
        format!(
            "今日网络学习 {}{running}（当日累计超过{}分钟计1日；同一天现场和网络学习只计1日）",
            clock_text(studied),
            plan.day_minutes
        ),
        if done.online.contains(&today) {
            OK
        } else {
            MUTED
        },
    ));
    out
}

pub(super) fn timeline(event: &EducationEvent) -> Option<(String, Style)> {
    match event {
        EducationEvent::Opened => Some(("开始学习".into(), OK)),
        EducationEvent::SignedIn { .. } => Some(("现场学习签到".into(), OK)),
        EducationEvent::SignedOut { .. } => Some(("现场学习签退".into(), OK)),
        EducationEvent::StudyStarted => Some(("开始网络学习".into(), OK)),
        EducationEvent::StudyStopped { seconds } => {
            Some((format!("结束网络学习，本次{}", clock_text(*seconds)), OK))
        }
    }
}

pub(super) fn result(event: &EducationEvent) -> Option<String> {
    match event {
        EducationEvent::Opened => None,
        EducationEvent::SignedIn { .. } => Some("人脸比对通过，现场签到成功".into()),
        EducationEvent::SignedOut { .. } => Some("人脸比对通过，现场签退成功".into()),
        EducationEvent::StudyStarted => {
            Some("实人认证通过，开始网络学习（模拟时钟走动时计入学时）".into())
        }
        EducationEvent::StudyStopped { seconds } => {
            Some(format!("已结束网络学习，本次学习{}", clock_text(*seconds)))
        }
    }
}
