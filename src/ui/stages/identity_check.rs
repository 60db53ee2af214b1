//! `IdentityCheck`: the 实人认证 button.

use super::OpenStep;
use crate::engine::step::Command;

pub(super) fn open_step() -> OpenStep {
    OpenStep::act("实人认证", Command::FaceCheck)
}
