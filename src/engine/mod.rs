//! The workflow engine: applications, their stages and timers on the simulated clock, and the
//! named guards and effects. Never reads the wall clock and never touches the terminal or the disk.

pub mod application;
pub mod archive;
pub mod clock;
pub mod effects;
pub mod facts;
pub mod fields;
pub mod inbox;
mod log;
pub mod open_set;
pub mod projections;
pub mod rng;
pub mod rules;
pub mod stages;
pub mod step;
pub mod upcast;

pub use application::{Application, Event};
pub use clock::SimClock;
pub use step::{Command, Policy, Refused, World, handle};
