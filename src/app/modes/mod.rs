//! The three audiences' modes, each watching or driving the same `App`: a presenter's demo plays
//! a script into it (`autoplay`), a trainee's run is coached and scored (`training`) and its
//! report saved and tabled (`report`), a kiosk guards its exit and times its idle reset
//! (`kiosk`). The trainer's console is a screen (`ui/trainer.rs`) whose actions the app applies
//! like any other.

pub mod autoplay;
pub mod kiosk;
pub mod report;
pub mod training;
