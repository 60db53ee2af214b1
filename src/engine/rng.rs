//! The simulation's random draws (SMS codes, face-check outcomes, application numbers): seeded,
//! so a demo with `--seed N` replays the same; every draw is stored where it is used, never
//! re-rolled on replay.

use serde::{Deserialize, Serialize};

/// SplitMix64: tiny, fast, and good enough for a simulation; not for secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimRng {
    state: u64,
}

impl SimRng {
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A six-digit SMS verification code.
    pub fn sms_code(&mut self) -> String {
        format!("{:06}", self.below(1_000_000))
    }

    /// True with the given chance in percent.
    pub fn chance(&mut self, percent: u8) -> bool {
        self.below(100) < u64::from(percent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same() {
        let mut a = SimRng::new(7);
        let mut b = SimRng::new(7);
        assert_eq!((a.sms_code(), a.next_u64()), (b.sms_code(), b.next_u64()));
        assert_ne!(SimRng::new(8).sms_code(), SimRng::new(7).sms_code());
        assert_eq!(SimRng::new(7).sms_code().len(), 6);
        assert!(!SimRng::new(1).chance(0));
        assert!(SimRng::new(1).chance(100));
    }
}
