//! `FaceCheck`: a simulated 人脸比对 the system makes at once; `Pass` or `Fail`.

use chrono::NaiveDateTime;

use super::Flow;
use crate::engine::application::Actor;
use crate::engine::log::Log;
use crate::engine::step::Refused;
use crate::flow::process::Signal;

pub(super) fn advance(log: &mut Log, at: NaiveDateTime) -> Result<Flow, Refused> {
    if log.face_fails() {
        let reason = "人脸比对未通过，请在光线充足处正对屏幕重试".to_string();
        log.signal(at, Actor::System, Signal::Fail, Some(reason))?;
    } else {
        log.signal(at, Actor::System, Signal::Pass, None)?;
    }
    Ok(Flow::Moved)
}
