//! Vehicle identification number (车辆识别代号), GB 16735-2019: 17 chars from `0-9 A-Z`
//! without I, O and Q, with a check digit in position 9 (mandatory in China).

use serde::{Deserialize, Serialize};

use super::ValueError;
use super::mask::{describe_char, mask_middle, to_halfwidth};

/// A VIN that passed [`Vin::parse`]; stored upper-case.
///
/// Serialized as the plain string and deserialized through `parse`, so a data file can
/// never hold a VIN with a wrong check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Vin(String);

/// Weights for positions 1..=17; position 9 (the check digit itself) weighs 0.
const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/// The numeric value of a VIN char for the check sum, or `None` for chars outside the
/// alphabet (including I, O and Q, which are excluded because they look like 1, 0 and 0).
fn transliterate(c: char) -> Option<u32> {
    let v = match c {
        '0'..='9' => c as u32 - '0' as u32,
        'A' | 'J' => 1,
        'B' | 'K' | 'S' => 2,
        'C' | 'L' | 'T' => 3,
        'D' | 'M' | 'U' => 4,
        'E' | 'N' | 'V' => 5,
        'F' | 'W' => 6,
        'G' | 'P' | 'X' => 7,
        'H' | 'Y' => 8,
        'R' | 'Z' => 9,
        _ => return None,
    };
    Some(v)
}

/// What position 9 should be for `vin17`, ignoring whatever is there now. `None` when
/// the input is not 17 chars or another position is outside the VIN alphabet.
pub fn check_digit(vin17: &str) -> Option<char> {
    let chars: Vec<char> = vin17.chars().collect();
    if chars.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (i, (&c, w)) in chars.iter().zip(WEIGHTS).enumerate() {
        if i == 8 {
            continue;
        }
        sum += transliterate(c)? * w;
    }
    match sum % 11 {
        10 => Some('X'),
        r => char::from_digit(r, 10),
    }
}

impl Vin {
    /// Validates user input: trims, folds full-width chars and upper-cases, then checks
    /// length, alphabet and the check digit.
    pub fn parse(input: &str) -> Result<Vin, ValueError> {
        let folded: String = input.chars().map(to_halfwidth).collect();
        let chars: Vec<char> = folded
            .trim()
            .chars()
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if chars.len() != 17 {
            return Err(ValueError::new(format!(
                "车辆识别代号应为17位，当前为{}位",
                chars.len()
            )));
        }
        for (i, &c) in chars.iter().enumerate() {
            if matches!(c, 'I' | 'O' | 'Q') {
                return Err(ValueError::new(format!(
                    "车辆识别代号第{}位不能是字母 I、O 或 Q（易与数字 1、0 混淆），当前为「{c}」",
                    i + 1
                )));
            }
            if transliterate(c).is_none() {
                return Err(ValueError::new(format!(
                    "车辆识别代号只能由数字和大写字母组成，第{}位{}无效",
                    i + 1,
                    describe_char(c)
                )));
            }
        }
        let text: String = chars.iter().collect();
        let expected = check_digit(&text).unwrap_or('?');
        let actual = chars[8];
        if expected != actual {
            return Err(ValueError::new(format!(
                "车辆识别代号第9位校验位应为 {expected}，实际为 {actual}"
            )));
        }
        Ok(Vin(text))
    }

    /// The 17 chars, upper-case.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// First 3 (the manufacturer code) and last 4 shown, the rest `*`.
    pub fn masked(&self) -> String {
        mask_middle(&self.0, 3, 4)
    }
}

crate::domain::string_value_type!(Vin);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::mask::assert_unambiguous;

    /// Check digits computed independently with a Python script; the first six are
    /// worked examples of the GB 16735 check digit.
    const VALID: &[&str] = &[
        "LSJA24U62JG269225", // S = 321, r = 2
        "LDC613P23A1305189", // S = 256, r = 3
        "LBV5S3102ESJ25655", // S = 266, r = 2
        "1M8GDM9AXKP042788", // S = 351, r = 10 -> X
        "LSVAU033612345678", // r = 6
        "LFV2A21K1A3012345", // r = 1
        "WVWZZZ1J93W386752", // S = 460, r = 9
        "1HGCM82633A004352", // S = 311, r = 3
        "JH4KA7561PC008269", // S = 364, r = 1
        "LVSHCAMB1CE054249", // S = 309, r = 1
        "LGBH52E01BY000000", // S = 243, r = 1
        "LE4GG4BB8JL000001", // S = 217, r = 8
        "LNBSCCAK4HR000000", // S = 268, r = 4
        "5YJ3E1EA2KF317000", // S = 288, r = 2
    ];

    #[test]
    fn accepts_valid_vins() {
        for v in VALID {
            let vin = Vin::parse(v).unwrap_or_else(|e| panic!("{v}: {e}"));
            assert_eq!(vin.as_str(), *v);
            assert_eq!(vin.to_string(), *v);
        }
    }

    #[test]
    fn normalises_case_spaces_and_fullwidth() {
        for input in [
            "lsja24u62jg269225",
            " LSJA24U62JG269225 ",
            "ＬＳＪＡ２４Ｕ６２ＪＧ２６９２２５",
        ] {
            let vin = Vin::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(vin.as_str(), "LSJA24U62JG269225");
        }
    }

    #[test]
    fn rejects_invalid_vins_with_the_rule() {
        let cases: &[(&str, &str)] = &[
            ("LSVAU033512345678", "第9位校验位应为 6，实际为 5"),
            ("LGBH52E0XBY000000", "第9位校验位应为 1，实际为 X"),
            ("LE4GG4BB1JL000001", "第9位校验位应为 8，实际为 1"),
            ("5YJ3E1EA7KF317000", "第9位校验位应为 2，实际为 7"),
            ("1M8GDM9A0KP042788", "第9位校验位应为 X，实际为 0"),
            ("LSJA24U6QJG269225", "第9位不能是字母 I、O 或 Q"),
            ("LSJA24U62JG26922I", "第17位不能是字母 I、O 或 Q"),
            ("OSJA24U62JG269225", "第1位不能是字母 I、O 或 Q"),
            ("lsja24u62jg26922o", "第17位不能是字母 I、O 或 Q"),
            ("LSJA24U62JG26922", "应为17位，当前为16位"),
            ("LSJA24U62JG2692250", "应为17位，当前为18位"),
            ("", "应为17位，当前为0位"),
            ("LSJA24U62JG26922-", "第17位「-」无效"),
            ("LSJA24U62JG 69225", "第12位U+0020无效"),
        ];
        for (input, rule) in cases {
            let err = Vin::parse(input).expect_err(input);
            assert!(
                err.rule.contains(rule),
                "{input}: got {:?}, want {rule:?}",
                err.rule
            );
            assert_unambiguous(&err.rule);
        }
    }

    #[test]
    fn check_digit_ignores_position_nine() {
        assert_eq!(check_digit("LSVAU033512345678"), Some('6'));
        assert_eq!(check_digit("LSVAU033?12345678"), Some('6'));
        assert_eq!(check_digit("1M8GDM9A0KP042788"), Some('X'));
        assert_eq!(check_digit("WVWZZZ1JZ3W386752"), Some('9'));
        assert_eq!(check_digit("LSVAU03361234567"), None);
        assert_eq!(check_digit("LSVAU0336123456I8"), None);
    }

    #[test]
    fn masks_all_but_wmi_and_last_four() {
        let vin = Vin::parse("LSJA24U62JG269225").unwrap();
        assert_eq!(vin.masked(), "LSJ**********9225");
    }

    #[test]
    fn serde_round_trip_and_rejects_bad_values() {
        let vin = Vin::parse("LFV2A21K1A3012345").unwrap();
        let text = ron::to_string(&vin).unwrap();
        assert_eq!(text, "\"LFV2A21K1A3012345\"");
        let back: Vin = ron::from_str(&text).unwrap();
        assert_eq!(back, vin);
        let bad = ron::from_str::<Vin>("\"LSVAU033512345678\"").unwrap_err();
        assert!(bad.to_string().contains("校验位应为 6"), "{bad}");
        assert!(ron::from_str::<Vin>("\"LSJA24U6QJG269225\"").is_err());
    }
}
