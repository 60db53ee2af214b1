//! Named rules by topic, each a small function with its reason in Chinese and the article it
//! comes from, called by the engine's guards and effects.

pub mod full_points;
pub mod learner;
pub mod licence;
pub mod points;
pub mod review;
pub mod vehicle;
pub mod violation;
