//! The workflow engine: the simulated clock now; applications, stages and timers build on it.
//! Never reads the wall clock and never touches the terminal or the disk.

pub mod clock;

pub use clock::SimClock;
