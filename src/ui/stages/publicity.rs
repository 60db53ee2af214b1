//! `Publicity`: the notice period and what follows it, in the business's words.

use ratatui::style::Style;

use crate::engine::application::State;
use crate::flow::process::PublicityTexts;
use crate::ui::widgets::HEADING;

pub(super) fn lines(state: &State, texts: &PublicityTexts) -> Vec<(String, Style)> {
    let due = state
        .due
        .map(|d| d.format("%m-%d %H:%M").to_string())
        .unwrap_or_default();
    vec![(texts.status.replace("{due}", &due), HEADING)]
}

pub(super) fn due_wording(due: &str) -> String {
    format!("，公示至 {due}")
}
