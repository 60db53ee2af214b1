//! The kiosk's own rules: the administrator's PIN with its lockout, and when the idle reset's
//! countdown needs the loop. What a visitor may not reach (q, F8, F9, switching accounts,
//! 培训模式) is the kiosk's key table and the app's refusals; what the reset restores is
//! `App::reset_to_home`.

use std::time::{Duration, Instant};

use crate::config::KioskConfig;

/// The kiosk shows its countdown for the last this many seconds before the idle reset.
pub const COUNTDOWN: Duration = Duration::from_secs(30);

/// How often the countdown moves on.
const TICK: Duration = Duration::from_secs(1);

/// How long the loop may sleep before the idle timer needs it, `left` before the reset: until
/// the countdown begins, then once a second.
pub fn idle_wait(left: Duration) -> Duration {
    if left > COUNTDOWN {
        left - COUNTDOWN
    } else {
        left.min(TICK)
    }
}

/// Wrong PINs in a row, and until when the exit is locked.
#[derive(Debug, Default)]
pub struct PinGuard {
    failures: u32,
    locked_until: Option<Instant>,
}

/// What a typed PIN leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum PinOutcome {
    /// The right PIN: the program may end.
    Exit,
    /// Refused, with what the dialog says.
    Refused(String),
}

impl PinGuard {
    /// The PIN typed at the exit, at `now`: right, the program ends; after `pin_attempts`
    /// wrong ones in a row the exit locks for `pin_lockout_minutes`, the right PIN included.
    pub fn try_pin(&mut self, typed: &str, kiosk: &KioskConfig, now: Instant) -> PinOutcome {
        if let Some(until) = self.locked_until.filter(|until| *until > now) {
            let minutes = (until - now).as_secs().div_ceil(60);
            return PinOutcome::Refused(format!(
                "密码错误次数过多，管理员退出已锁定，请{minutes}分钟后再试"
            ));
        }
        if typed == kiosk.admin_pin {
            self.failures = 0;
            return PinOutcome::Exit;
        }
        self.failures += 1;
        if self.failures >= kiosk.pin_attempts {
            self.failures = 0;
            let lockout = Duration::from_secs(kiosk.pin_lockout_minutes.saturating_mul(60));
            self.locked_until = now.checked_add(lockout);
            return PinOutcome::Refused(format!(
                "密码连续{}次错误，管理员退出锁定{}分钟",
                kiosk.pin_attempts, kiosk.pin_lockout_minutes
            ));
        }
        PinOutcome::Refused(format!(
            "密码错误，请重试（还可尝试{}次）",
            kiosk.pin_attempts - self.failures
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asleep until the countdown begins, then once a second, never past the reset itself.
    #[test]
    fn the_idle_timer_wakes_only_for_the_countdown() {
        assert_eq!(
            idle_wait(Duration::from_secs(180)),
            Duration::from_secs(150)
        );
        assert_eq!(idle_wait(Duration::from_secs(30)), Duration::from_secs(1));
        assert_eq!(
            idle_wait(Duration::from_millis(400)),
            Duration::from_millis(400)
        );
        assert_eq!(idle_wait(Duration::ZERO), Duration::ZERO);
    }

    /// The lock lasts the configured minutes and lifts by itself.
    #[test]
    fn the_lock_lifts_after_its_minutes() {
        let kiosk = KioskConfig {
            admin_pin: "24681357".to_string(),
            pin_attempts: 2,
            pin_lockout_minutes: 10,
            ..crate::config::Config::default().kiosk
        };
        let mut guard = PinGuard::default();
        let start = Instant::now();
        assert!(
            matches!(guard.try_pin("1", &kiosk, start), PinOutcome::Refused(m) if m.contains("还可尝试1次"))
        );
        assert!(
            matches!(guard.try_pin("2", &kiosk, start), PinOutcome::Refused(m) if m.contains("锁定10分钟"))
        );
        let later = start + Duration::from_secs(9 * 60);
        assert!(
            matches!(guard.try_pin("24681357", &kiosk, later), PinOutcome::Refused(m) if m.contains("请1分钟后再试"))
        );
        let after = start + Duration::from_secs(10 * 60 + 1);
        assert_eq!(guard.try_pin("24681357", &kiosk, after), PinOutcome::Exit);
    }
}
