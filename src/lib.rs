//! jiaoguan: an offline terminal simulator of the 交管12123 app.
//!
//! Layers, from the bottom up (arrows point down only):
//! `domain` (people, things, rules) <- `flow` (business definitions) <- `engine` (clock, applications)
//! <- `store` (the data folder) <- `app` + `ui` (the terminal). Only `app` and `ui` know the terminal.

pub mod app;
pub mod assets;
pub mod config;
pub mod domain;
pub mod engine;
pub mod flow;
pub mod on_demand;
pub mod resources;
pub mod store;
pub mod terminal;
pub mod ui;
