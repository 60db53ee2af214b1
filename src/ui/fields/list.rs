//! The kinds answered by choosing one option and shown by its label (`Choice`, `Photo`,
//! `PlateNumber`, `Payment`) have nothing of their own on screen: their options are the
//! engine's (`engine/fields/<kind>.rs`), their keys and drawing the list's.

use super::widgets::{Listed, list_shown};
use crate::engine::facts::Facts;
use crate::flow::process::Field;
use crate::ui::Ctx;

pub(super) static LIST: Listed = Listed { shown };

fn shown(field: &Field, value: &str, _: &Ctx, facts: &Facts) -> String {
    list_shown(field, value, facts)
}
