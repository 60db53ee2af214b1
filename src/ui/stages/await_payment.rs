//! `AwaitPayment`: the fee still to pay, its deadline, and the business that pays it.

use ratatui::style::Style;

use super::super::Ctx;
use super::super::route::Route;
use super::super::widgets::WARN;
use super::OpenStep;
use crate::engine::application::State;
use crate::flow::process::Signal;

pub(super) fn lines(state: &State) -> Vec<(String, Style)> {
    let deadline = state.due.map_or(String::new(), |d| {
        format!("，请于 {} 前", d.format("%m-%d %H:%M"))
    });
    vec![(
        format!("考试费：待缴纳{deadline}通过【考试费缴纳】缴费；未缴费的不能打印准考证"),
        WARN,
    )]
}

/// 去缴费 opens the paying business's notice, where its menu puts it.
pub(super) fn open_step(ctx: &Ctx, pay_with: &str) -> Option<OpenStep> {
    let flow = ctx.catalog.flow(pay_with)?;
    let mut path = flow.menu_paths.first().cloned().unwrap_or_default();
    path.push(flow.title.clone());
    Some(OpenStep::page(
        "去缴费",
        Route::Notice {
            flow_id: flow.id.clone(),
            path,
        },
    ))
}

pub(super) fn due_wording(due: &str) -> String {
    format!("，请在 {due} 前缴纳考试费")
}

pub(super) fn signal_word(signal: Signal) -> Option<&'static str> {
    match signal {
        Signal::Done => Some("已缴费"),
        Signal::Expired => Some("逾期未缴费"),
        Signal::Due => Some("考试开始时未缴费"),
        _ => None,
    }
}
