//! Resident identity number (公民身份号码), GB 11643-1999: 18 chars, checked by ISO 7064
//! MOD 11-2. The driving-licence number is the same number, so this type serves both.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ValueError;
use super::mask::{describe_char, mask_middle, to_halfwidth};

/// A resident ID number that passed every check in [`IdNumber::parse`].
///
/// Serialized as the plain string and deserialized through `parse`, so a data file can
/// never smuggle in a bad number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber(String);

/// MOD 11-2 weights for positions 1..=17 (w_i = 2^(18-i) mod 11).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check char for each remainder 0..=10.
const CHECK_TABLE: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Province-level prefixes a mainland resident ID may start with (GB/T 2260, plus 71
/// Taiwan, 81 Hong Kong, 82 Macau). 83 and 9x belong to other documents.
const PROVINCES: &[u8] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// True when `code` is one of the allowed province prefixes.
fn province_allowed(code: u8) -> bool {
    PROVINCES.contains(&code)
}

/// The check char for the first 17 digits, or `None` when `first17` is not exactly 17
/// ASCII digits. Public so demo data can be generated with valid numbers.
pub fn check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    CHECK_TABLE.get((sum % 11) as usize).copied()
}

/// The birth date encoded in positions 7-14 of an all-ASCII number, if it is a real date.
fn birth_date_of(digits: &str) -> Option<NaiveDate> {
    let year: i32 = digits.get(6..10)?.parse().ok()?;
    let month: u32 = digits.get(10..12)?.parse().ok()?;
    let day: u32 = digits.get(12..14)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

impl IdNumber {
    /// Validates user input: trims, accepts full-width digits and a lower-case `x`, then
    /// checks length, digits, province prefix, birth date and the check char, in that
    /// order, so the message names the first rule a person would fix.
    ///
    /// "Not born in the future" needs a clock, which this layer has none of: see
    /// [`IdNumber::is_born_by`].
    pub fn parse(input: &str) -> Result<IdNumber, ValueError> {
        let folded: String = input.chars().map(to_halfwidth).collect();
        let chars: Vec<char> = folded
            .trim()
            .chars()
            .map(|c| if c == 'x' { 'X' } else { c })
            .collect();
        if chars.len() != 18 {
            return Err(ValueError::new(format!(
                "身份证号码应为18位，当前为{}位",
                chars.len()
            )));
        }
        if let Some((i, &c)) = chars[..17]
            .iter()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(ValueError::new(format!(
                "身份证号码前17位应为数字，第{}位{}不是数字",
                i + 1,
                describe_char(c)
            )));
        }
        let last = chars[17];
        if !(last.is_ascii_digit() || last == 'X') {
            return Err(ValueError::new(format!(
                "身份证号码第18位应为数字或字母 X，当前为{}",
                describe_char(last)
            )));
        }
        let text: String = chars.iter().collect();

        let province = &text[..2];
        if !province.parse::<u8>().is_ok_and(province_allowed) {
            return Err(ValueError::new(format!(
                "身份证号码前两位 {province} 不是有效的省级行政区代码"
            )));
        }

        let birth = &text[6..14];
        let Some(date) = birth_date_of(&text) else {
            return Err(ValueError::new(format!(
                "身份证号码中的出生日期 {birth} 不是有效日期"
            )));
        };
        if date.year() < 1900 {
            return Err(ValueError::new(format!(
                "身份证号码中的出生日期 {birth} 早于1900年"
            )));
        }

        let expected = check_char(&text[..17]).unwrap_or('?');
        if expected != last {
            return Err(ValueError::new(format!(
                "身份证号码校验码应为 {expected}，实际为 {last}"
            )));
        }
        Ok(IdNumber(text))
    }

    /// The full 18-char number (upper-case `X`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Birth date from positions 7-14; always a real date because `parse` checked it.
    pub fn birth_date(&self) -> NaiveDate {
        // `parse` rejected every number whose date does not exist, so the fallback is
        // never taken; it only avoids a panic path.
        birth_date_of(&self.0).unwrap_or(NaiveDate::MIN)
    }

    /// Whether the holder was born on or before `today`; forms call this with the
    /// simulator clock to reject numbers dated in the future.
    pub fn is_born_by(&self, today: NaiveDate) -> bool {
        self.birth_date() <= today
    }

    /// Sex from the 17th digit: odd is male, even is female.
    pub fn is_male(&self) -> bool {
        self.0
            .as_bytes()
            .get(16)
            .is_some_and(|d| (d - b'0') % 2 == 1)
    }

    /// The two-digit province prefix, e.g. `"11"` for Beijing.
    pub fn province_code(&self) -> &str {
        &self.0[..2]
    }

    /// First 4 and last 4 chars, 10 `*` between: `1101**********002X`.
    pub fn masked(&self) -> String {
        mask_middle(&self.0, 4, 4)
    }
}

crate::domain::string_value_type!(IdNumber);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::mask::assert_unambiguous;

    /// Check chars computed independently with a Python script (and by hand for the first
    /// five, worked examples of GB 11643-1999), never with `check_char`.
    const VALID: &[&str] = &[
        "11010519491231002X", // S = 167, r = 2 -> X, female
        "110101199003074514", // S = 206
        "11010519900307451X", // r = 2
        "440304200101010022", // r = 10 -> 2
        "510104200002290011", // 2000-02-29 exists
        "310115198511151230", // S = 210, r = 1 -> 0
        "320102197812030040", // S = 177, r = 1 -> 0
        "65010219660630871X", // S = 343, r = 2 -> X
        "810000199912310020", // Hong Kong prefix, S = 221
        "820000200505050038", // Macau prefix, S = 169
        "710000190001010006", // Taiwan prefix, year 1900 is allowed
        "150102201202296666", // 2012-02-29 exists
        "350203197108145554",
        "460100199303287777",
        "54010219881111888X",
        "230103199506151235",
        "630104202010100106",
    ];

    #[test]
    fn accepts_valid_numbers() {
        for v in VALID {
            let id = IdNumber::parse(v).unwrap_or_else(|e| panic!("{v}: {e}"));
            assert_eq!(id.as_str(), *v);
            assert_eq!(id.to_string(), *v);
        }
    }

    #[test]
    fn normalises_case_spaces_and_fullwidth() {
        let want = "11010519491231002X";
        for input in [
            "11010519491231002x",
            "  11010519491231002X\t",
            "１１０１０５１９４９１２３１００２Ｘ",
            "１１０１０５１９４９１２３１００２ｘ",
            "\u{3000}11010519491231002X",
        ] {
            let id = IdNumber::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(id.as_str(), want);
        }
    }

    #[test]
    fn rejects_invalid_numbers_with_the_rule() {
        let cases: &[(&str, &str)] = &[
            ("110101199003074515", "校验码应为 4，实际为 5"),
            ("11010119900307451X", "校验码应为 4，实际为 X"),
            // These two are common checksum examples (S = 195, r = 8 -> 4), but a
            // birth year before 1900 fails the plausibility rule first.
            ("440524188001010014", "出生日期 18800101 早于1900年"),
            ("44052418800101001X", "出生日期 18800101 早于1900年"),
            ("510104200102290019", "出生日期 20010229 不是有效日期"),
            ("110105190002290017", "出生日期 19000229 不是有效日期"),
            ("110105202302300016", "出生日期 20230230 不是有效日期"),
            ("110105199013010018", "出生日期 19901301 不是有效日期"),
            ("110105199001320019", "出生日期 19900132 不是有效日期"),
            ("110105200104310011", "出生日期 20010431 不是有效日期"),
            ("110105189912310015", "早于1900年"),
            ("991234199001010012", "前两位 99 不是有效的省级行政区代码"),
            ("900101199001010012", "前两位 90 不是有效的省级行政区代码"),
            ("160101199001010014", "前两位 16 不是有效的省级行政区代码"),
            ("001234199001010012", "前两位 00 不是有效的省级行政区代码"),
            ("11010519491231002", "应为18位，当前为17位"),
            ("1101051949123100200", "应为18位，当前为19位"),
            ("", "应为18位，当前为0位"),
            ("11010519491231A02X", "第15位「A」不是数字"),
            ("1101051949123100xX", "第17位「X」不是数字"),
            ("11010519491231002Y", "第18位应为数字或字母 X，当前为「Y」"),
            ("X1010519491231002X", "第1位「X」不是数字"),
        ];
        for (input, rule) in cases {
            let err = IdNumber::parse(input).expect_err(input);
            assert!(
                err.rule.contains(rule),
                "{input}: got {:?}, want {rule:?}",
                err.rule
            );
            assert_unambiguous(&err.rule);
        }
    }

    #[test]
    fn check_char_matches_independent_values() {
        assert_eq!(check_char("11010519491231002"), Some('X'));
        assert_eq!(check_char("44052418800101001"), Some('4'));
        assert_eq!(check_char("65010219660630871"), Some('X'));
        assert_eq!(check_char("44030420010101002"), Some('2'));
        assert_eq!(check_char("51010420000229001"), Some('1'));
        assert_eq!(check_char("31011519851115123"), Some('0'));
        assert_eq!(check_char("1101051949123100"), None);
        assert_eq!(check_char("1101051949123100A"), None);
        assert_eq!(check_char("110105194912310020"), None);
    }

    #[test]
    fn accessors() {
        let female = IdNumber::parse("11010519491231002X").unwrap();
        assert!(!female.is_male());
        assert_eq!(female.province_code(), "11");
        assert_eq!(
            female.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        let male = IdNumber::parse("65010219660630871X").unwrap();
        assert!(male.is_male());
        assert_eq!(male.province_code(), "65");
        assert_eq!(
            male.birth_date(),
            NaiveDate::from_ymd_opt(1966, 6, 30).unwrap()
        );
        assert!(!IdNumber::parse("440304200101010022").unwrap().is_male());
    }

    #[test]
    fn born_by_uses_the_given_day() {
        let id = IdNumber::parse("630104202010100106").unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(id.is_born_by(d(2020, 10, 10)));
        assert!(id.is_born_by(d(2025, 1, 1)));
        assert!(!id.is_born_by(d(2020, 10, 9)));
    }

    #[test]
    fn masks_middle_ten_chars() {
        let id = IdNumber::parse("110101199003074514").unwrap();
        assert_eq!(id.masked(), "1101**********4514");
        assert_eq!(
            IdNumber::parse("11010519491231002x").unwrap().masked(),
            "1101**********002X"
        );
    }

    #[test]
    fn serde_round_trip_and_rejects_bad_values() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        let text = ron::to_string(&id).unwrap();
        assert_eq!(text, "\"11010519491231002X\"");
        let back: IdNumber = ron::from_str(&text).unwrap();
        assert_eq!(back, id);
        // Deserializing goes through parse, so normalisation applies...
        let lower: IdNumber = ron::from_str("\"11010519491231002x\"").unwrap();
        assert_eq!(lower, id);
        // ...and a bad number cannot enter through a file.
        let bad = ron::from_str::<IdNumber>("\"110101199003074515\"").unwrap_err();
        assert!(bad.to_string().contains("校验码应为 4"), "{bad}");
        assert!(ron::from_str::<IdNumber>("\"991234199001010012\"").is_err());
        assert!(ron::from_str::<IdNumber>("110101").is_err());
    }
}
