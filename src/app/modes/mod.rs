//! The three audiences' modes, each watching or driving the same `App`: a presenter's demo plays
//! a script into it (`autoplay`), a trainee's run is coached and scored (`training`).

pub mod autoplay;
pub mod training;
