//! Settings: `config/default.ron` embedded in the binary, a partial override from the platform
//! config folder or `--config FILE`, then command-line flags (applied by `main`).
//!
//! Every field the override leaves out keeps the embedded default, so an override only names
//! what it changes.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::domain::fee::FeeTable;
use crate::domain::rules::review::EducationRules;
use crate::domain::rules::vehicle::VehicleRules;
use chrono::NaiveDateTime;
use serde::Deserialize;

/// How the screen is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
pub enum Theme {
    Standard,
    HighContrast,
    NoColor,
}

/// The embedded defaults, as shipped.
pub const DEFAULT_CONFIG: &str = include_str!("../config/default.ron");

/// `DEFAULT_CONFIG` without its comments and layout (see `build.rs`): the same settings
/// (`the_compact_defaults_are_the_defaults`), which every start parses, in a fifth of the bytes.
const DEFAULT_CONFIG_COMPACT: &str = include_str!(concat!(env!("OUT_DIR"), "/default_config.ron"));

/// Parsed once, on first use.
static DEFAULTS: LazyLock<Config> = LazyLock::new(|| match parse_strict(DEFAULT_CONFIG_COMPACT) {
    Ok(config) => config,
    // Invariant: config/default.ron is embedded at build time, `default_config_is_complete`
    // parses it and `the_compact_defaults_are_the_defaults` compares this compact copy with it
    // in every test run, so a built binary never reaches this branch.
    Err(e) => panic!("config/default.ron is invalid: {e}"),
});

fn parse_strict(text: &str) -> Result<Config, ron::error::SpannedError> {
    ron::from_str(text)
}

/// One function per field, each reading the embedded default: serde calls them only for a field
/// the file leaves out, so parsing `default.ron` itself (every field present) never recurses.
macro_rules! embedded_defaults {
    ($($name:ident -> $ty:ty = $($field:ident).+;)*) => {
        $(fn $name() -> $ty { DEFAULTS.$($field).+.clone() })*
    };
}

embedded_defaults! {
    default_mouse_capture -> bool = mouse_capture;
    default_theme -> Theme = theme;
    default_kiosk -> KioskConfig = kiosk;
    default_kiosk_enabled -> bool = kiosk.enabled;
    default_idle_reset_seconds -> u64 = kiosk.idle_reset_seconds;
    default_admin_pin -> String = kiosk.admin_pin;
    default_pin_attempts -> u32 = kiosk.pin_attempts;
    default_pin_lockout_minutes -> u64 = kiosk.pin_lockout_minutes;
    default_clock_start -> ClockStart = clock_start;
    default_play_clock_start -> NaiveDateTime = play_clock_start;
    default_persona -> String = default_persona;
    default_banner_seconds -> u64 = banner_seconds;
    default_trainer_console -> bool = trainer_console;
    default_engine -> EngineConfig = engine;
    default_fees -> FeeTable = fees;
    default_vehicles -> VehicleRules = vehicles;
    default_education -> EducationRules = education;
    default_face_fail_percent -> u8 = engine.face_fail_percent;
    default_hold_reviews -> bool = engine.hold_reviews;
    default_review_hour -> u32 = engine.review_hour;
    default_face_retries -> u32 = engine.face_retries;
    default_study_face_checks -> u32 = engine.study_face_checks;
    default_exam_face_checks -> u32 = engine.exam_face_checks;
    default_sign_in_opens_minutes -> u32 = engine.sign_in_opens_minutes;
    default_sign_out_grace_minutes -> u32 = engine.sign_out_grace_minutes;
    default_exam_pass_percent -> u8 = engine.exam_pass_percent;
    default_exam_fee_deadline_hours -> Option<u32> = engine.exam_fee_deadline_hours;
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default = "default_mouse_capture")]
    pub mouse_capture: bool,
    /// The colours: the app's own, high contrast for projectors and bright halls, or none
    /// (also when the environment sets `NO_COLOR`).
    #[serde(default = "default_theme")]
    pub theme: Theme,
    #[serde(default = "default_kiosk")]
    pub kiosk: KioskConfig,
    #[serde(default = "default_clock_start")]
    pub clock_start: ClockStart,
    #[serde(default = "default_play_clock_start")]
    pub play_clock_start: NaiveDateTime,
    #[serde(default = "default_persona")]
    pub default_persona: String,
    #[serde(default = "default_banner_seconds")]
    pub banner_seconds: u64,
    #[serde(default = "default_trainer_console")]
    pub trainer_console: bool,
    #[serde(default = "default_engine")]
    pub engine: EngineConfig,
    /// Fees by item and city; a city the table leaves out pays the business file's amount.
    #[serde(default = "default_fees")]
    pub fees: FeeTable,
    /// What the 车管所 sets for vehicle businesses (frequent replacements, non-owner filing
    /// limits, the inspection-exemption schedule).
    #[serde(default = "default_vehicles")]
    pub vehicles: VehicleRules,
    /// Local rules of 审验 and 满分 education (when 审验教育 must be on site).
    #[serde(default = "default_education")]
    pub education: EducationRules,
    /// The former `points_reduction` section: still read, so an older config file loads, and
    /// reported by `warnings` with where each key went.
    #[serde(default, rename = "points_reduction")]
    legacy_points_reduction: LegacyPointsReduction,
}

/// The keys of the former `points_reduction` section. Its simulation hints now live in
/// `engine` for every business; its facts (pass mark, retakes) in the business file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct LegacyPointsReduction {
    #[serde(default, deserialize_with = "present")]
    study_face_checks: Option<u32>,
    #[serde(default, deserialize_with = "present")]
    exam_face_checks: Option<u32>,
    #[serde(default, deserialize_with = "present")]
    exam_pass_percent: Option<u32>,
    #[serde(default, deserialize_with = "present")]
    exam_retakes: Option<u32>,
    #[serde(default, deserialize_with = "present")]
    sign_in_opens_minutes: Option<u32>,
    #[serde(default, deserialize_with = "present")]
    sign_out_grace_minutes: Option<u32>,
}

/// A number the file names (written plainly, as the section always was): `Some` of it.
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    u32::deserialize(deserializer).map(Some)
}

/// The simulation's hints (not facts): how often a face check fails, whether reviews wait for
/// the trainer, at what hour a "within N working days" review completes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineConfig {
    #[serde(default = "default_face_fail_percent")]
    pub face_fail_percent: u8,
    #[serde(default = "default_hold_reviews")]
    pub hold_reviews: bool,
    #[serde(default = "default_review_hour")]
    pub review_hour: u32,
    #[serde(default = "default_face_retries")]
    pub face_retries: u32,
    #[serde(default = "default_study_face_checks")]
    pub study_face_checks: u32,
    #[serde(default = "default_exam_face_checks")]
    pub exam_face_checks: u32,
    #[serde(default = "default_sign_in_opens_minutes")]
    pub sign_in_opens_minutes: u32,
    #[serde(default = "default_sign_out_grace_minutes")]
    pub sign_out_grace_minutes: u32,
    #[serde(default = "default_exam_pass_percent")]
    pub exam_pass_percent: u8,
    #[serde(default = "default_exam_fee_deadline_hours")]
    pub exam_fee_deadline_hours: Option<u32>,
}

impl Default for Config {
    fn default() -> Self {
        DEFAULTS.clone()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KioskConfig {
    #[serde(default = "default_kiosk_enabled")]
    pub enabled: bool,
    #[serde(default = "default_idle_reset_seconds")]
    pub idle_reset_seconds: u64,
    #[serde(default = "default_admin_pin")]
    pub admin_pin: String,
    /// Wrong PINs in a row before the exit locks.
    #[serde(default = "default_pin_attempts")]
    pub pin_attempts: u32,
    /// How long the exit stays locked then.
    #[serde(default = "default_pin_lockout_minutes")]
    pub pin_lockout_minutes: u64,
}

impl KioskConfig {
    /// Whether the PIN is still the one shipped in `config/default.ron`, which everyone who
    /// read this project knows: a kiosk must not run with it.
    pub fn pin_is_shipped_default(&self) -> bool {
        self.admin_pin == DEFAULTS.kiosk.admin_pin
    }
}

/// Where the simulated clock starts in a fresh data folder.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum ClockStart {
    /// The day of the first run, at this hour.
    Today { hour: u32 },
    /// A fixed moment, for reproducible demos.
    Fixed(NaiveDateTime),
}

/// A config file that could not be used: names the file, the line and column, and the field.
#[derive(Debug)]
pub struct ConfigError {
    pub file: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "配置文件 {} 有误：{}", self.file.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Parses an override; fields it does not name keep the embedded defaults. A former
/// `points_reduction` section's hints are carried into `engine` (see `warnings`).
pub fn parse_override(file: &Path, text: &str) -> Result<Config, ConfigError> {
    let mut config = ron::from_str::<Config>(text).map_err(|e| ConfigError {
        file: file.to_path_buf(),
        message: format!(
            "第{}行第{}列：{}",
            e.span.start.line, e.span.start.col, e.code
        ),
    })?;
    {
        let legacy = &config.legacy_points_reduction;
        let engine = &mut config.engine;
        let moved = [
            (legacy.study_face_checks, &mut engine.study_face_checks),
            (legacy.exam_face_checks, &mut engine.exam_face_checks),
            (
                legacy.sign_in_opens_minutes,
                &mut engine.sign_in_opens_minutes,
            ),
            (
                legacy.sign_out_grace_minutes,
                &mut engine.sign_out_grace_minutes,
            ),
        ];
        for (value, target) in moved {
            if let Some(value) = value {
                *target = value;
            }
        }
    }
    Ok(config)
}

/// The platform's config file (`~/.config/jiaoguan/config.ron` on Linux), if the platform has one.
pub fn platform_config_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "jiaoguan").map(|d| d.config_dir().join("config.ron"))
}

/// The defaults, overridden by `explicit` (`--config FILE`, which must exist) or else by the
/// platform config file when it exists.
pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
    let file = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => platform_config_file().filter(|p| p.exists()),
    };
    let Some(file) = file else {
        return Ok(Config::default());
    };
    let text = std::fs::read_to_string(&file).map_err(|e| ConfigError {
        file: file.clone(),
        message: format!("无法读取（{e}）"),
    })?;
    parse_override(&file, &text)
}

impl Config {
    /// The engine's view of these settings; `force_face_failure` is the trainer's switch.
    pub fn policy(&self, force_face_failure: bool) -> crate::engine::Policy {
        let engine = &self.engine;
        crate::engine::Policy {
            face_fail_percent: engine.face_fail_percent.min(100),
            hold_reviews: engine.hold_reviews,
            review_hour: engine.review_hour,
            face_retries: engine.face_retries,
            study_face_checks: engine.study_face_checks,
            exam_face_checks: engine.exam_face_checks,
            sign_in_opens_minutes: engine.sign_in_opens_minutes,
            sign_out_grace_minutes: engine.sign_out_grace_minutes,
            force_face_failure,
            exam_pass_percent: engine.exam_pass_percent.min(100),
            payment_deadline_hours: engine.exam_fee_deadline_hours,
        }
    }

    /// What the operator should know about the file that was read: each key of a former
    /// `points_reduction` section and where it went.
    pub fn warnings(&self) -> Vec<String> {
        let legacy = &self.legacy_points_reduction;
        let fact = "已移到业务文件 flows/points_reduction_study.ron 的网上考试阶段";
        let keys = [
            (
                "study_face_checks",
                legacy.study_face_checks,
                "已移到 engine.study_face_checks，按原值生效",
            ),
            (
                "exam_face_checks",
                legacy.exam_face_checks,
                "已移到 engine.exam_face_checks，按原值生效",
            ),
            (
                "sign_in_opens_minutes",
                legacy.sign_in_opens_minutes,
                "已移到 engine.sign_in_opens_minutes，按原值生效",
            ),
            (
                "sign_out_grace_minutes",
                legacy.sign_out_grace_minutes,
                "已移到 engine.sign_out_grace_minutes，按原值生效",
            ),
            (
                "exam_pass_percent",
                legacy.exam_pass_percent,
                "是业务规定，配置中的值不再生效",
            ),
            (
                "exam_retakes",
                legacy.exam_retakes,
                "是业务规定，配置中的值不再生效",
            ),
        ];
        keys.into_iter()
            .filter(|(_, value, _)| value.is_some())
            .map(|(key, _, went)| {
                let went = if went.starts_with("是业务规定") {
                    format!("{went}（{fact}：pass_percent / retakes）")
                } else {
                    went.to_string()
                };
                format!("配置 points_reduction.{key} {went}；请改写配置文件")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_former_points_reduction_section_loads_and_says_where_each_key_went() {
        let text = "(points_reduction: (exam_pass_percent: 80, sign_in_opens_minutes: 45))";
        let config = parse_override(Path::new("old.ron"), text).expect("still loads");
        assert_eq!(
            config.engine.sign_in_opens_minutes, 45,
            "a hint keeps working"
        );
        let warnings = config.warnings();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains(
            "points_reduction.sign_in_opens_minutes 已移到 engine.sign_in_opens_minutes"
        ));
        assert!(warnings[1].contains("points_reduction.exam_pass_percent 是业务规定"));
        assert!(warnings[1].contains("flows/points_reduction_study.ron"));
        assert!(Config::default().warnings().is_empty());
    }

    /// The names of a RON struct's fields, as written in `text`.
    fn field_names(value: &ron::Value) -> Vec<String> {
        match value {
            ron::Value::Map(map) => map
                .keys()
                .filter_map(|k| match k {
                    ron::Value::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn default_config_names_every_field() {
        // A field missing from default.ron would make its default read the defaults being parsed.
        let value: ron::Value = ron::from_str(DEFAULT_CONFIG).unwrap_or(ron::Value::Unit);
        let section = |name: &str| match &value {
            ron::Value::Map(map) => map
                .get(&ron::Value::String(name.into()))
                .map(field_names)
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let expected: [(&str, Vec<String>, &[&str]); 3] = [
            (
                "",
                field_names(&value),
                &[
                    "mouse_capture",
                    "kiosk",
                    "clock_start",
                    "play_clock_start",
                    "default_persona",
                    "banner_seconds",
                    "trainer_console",
                    "engine",
                ],
            ),
            (
                "kiosk",
                section("kiosk"),
                &[
                    "enabled",
                    "idle_reset_seconds",
                    "admin_pin",
                    "pin_attempts",
                    "pin_lockout_minutes",
                ],
            ),
            (
                "engine",
                section("engine"),
                &["face_fail_percent", "hold_reviews", "review_hour"],
            ),
        ];
        for (name, present, fields) in expected {
            for field in fields {
                assert!(
                    present.contains(&field.to_string()),
                    "default.ron lacks {name}.{field}: {present:?}"
                );
            }
        }
    }

    #[test]
    fn the_compact_defaults_are_the_defaults() {
        assert!(DEFAULT_CONFIG_COMPACT.len() * 2 < DEFAULT_CONFIG.len());
        assert!(!DEFAULT_CONFIG_COMPACT.contains("//"));
        assert_eq!(
            parse_strict(DEFAULT_CONFIG_COMPACT),
            parse_strict(DEFAULT_CONFIG)
        );
    }

    #[test]
    fn default_config_is_complete() {
        let parsed = parse_strict(DEFAULT_CONFIG);
        assert!(parsed.is_ok(), "{parsed:?}");
        assert_eq!(Config::default().default_persona, "ordinary_c1");
    }

    #[test]
    fn a_partial_override_keeps_the_other_defaults() {
        let config = parse_override(
            Path::new("x.ron"),
            "(kiosk: (enabled: true), mouse_capture: false)",
        );
        let config = config.unwrap_or_default();
        assert!(config.kiosk.enabled);
        assert!(!config.mouse_capture);
        assert_eq!(
            config.kiosk.idle_reset_seconds,
            Config::default().kiosk.idle_reset_seconds
        );
        assert_eq!(config.default_persona, "ordinary_c1");
    }

    #[test]
    fn a_bad_field_names_file_line_and_field() {
        let err = parse_override(
            Path::new("/tmp/my.ron"),
            "(\n  kiosk: (\n    idle_reset_secs: 5,\n  ),\n)",
        );
        let message = err.map(|_| String::new()).unwrap_or_else(|e| e.to_string());
        assert!(message.contains("/tmp/my.ron"), "{message}");
        assert!(message.contains("第3行"), "{message}");
        assert!(message.contains("idle_reset_secs"), "{message}");
    }

    #[test]
    fn a_wrong_type_is_reported() {
        let err = parse_override(Path::new("c.ron"), "(banner_seconds: \"five\")");
        assert!(err.is_err());
    }
}
