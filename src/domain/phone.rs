//! Mainland mobile numbers: 11 digits, `1` then `3`-`9`. SMS codes go to these.

use serde::{Deserialize, Serialize};

use super::ValueError;
use super::mask::{describe_char, mask_middle, to_halfwidth};

/// A mobile number that passed [`Phone::parse`], stored as the bare 11 digits.
///
/// Serialized as the plain string and deserialized through `parse`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Validates user input. Spaces and hyphens are dropped and full-width digits folded;
    /// a leading `+86` is dropped, and a bare leading `86` too when 11 digits follow it
    /// (a number without `+` that is exactly 11 digits is never prefixed).
    pub fn parse(input: &str) -> Result<Phone, ValueError> {
        let cleaned: String = input
            .chars()
            .map(to_halfwidth)
            .filter(|&c| !c.is_whitespace() && c != '-')
            .collect();
        let digits = if let Some(rest) = cleaned.strip_prefix("+86") {
            rest
        } else {
            match cleaned.strip_prefix("86") {
                Some(rest) if rest.chars().count() == 11 => rest,
                _ => cleaned.as_str(),
            }
        };
        if let Some((i, c)) = digits
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(ValueError::new(format!(
                "手机号码只能包含数字，第{}位{}不是数字",
                i + 1,
                describe_char(c)
            )));
        }
        let bytes = digits.as_bytes();
        if bytes.len() != 11 {
            return Err(ValueError::new(format!(
                "手机号码应为11位数字，当前为{}位",
                bytes.len()
            )));
        }
        if bytes[0] != b'1' {
            return Err(ValueError::new("手机号码第1位应为1"));
        }
        if !(b'3'..=b'9').contains(&bytes[1]) {
            return Err(ValueError::new(format!(
                "手机号码第2位应为3到9，当前为{}",
                char::from(bytes[1])
            )));
        }
        Ok(Phone(digits.to_owned()))
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// First 3 and last 4 digits shown: `138****5678`.
    /// Grouped 3-4-4 for reading back (`139 1234 5678`): only the applicant checking what they
    /// typed sees it so, everywhere else it is masked.
    pub fn grouped(&self) -> String {
        let s = self.as_str();
        format!("{} {} {}", &s[..3], &s[3..7], &s[7..])
    }

    pub fn masked(&self) -> String {
        mask_middle(&self.0, 3, 4)
    }
}

crate::domain::string_value_type!(Phone);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::mask::assert_unambiguous;

    #[test]
    fn accepts_valid_numbers() {
        let cases: &[(&str, &str)] = &[
            ("13812345678", "13812345678"),
            ("19912345678", "19912345678"),
            ("13012345678", "13012345678"),
            ("14712345678", "14712345678"),
            ("15012345678", "15012345678"),
            ("16612345678", "16612345678"),
            ("17012345678", "17012345678"),
            ("18612345678", "18612345678"),
            ("+86 138 1234 5678", "13812345678"),
            ("+86-13812345678", "13812345678"),
            ("8613812345678", "13812345678"),
            ("86 138-1234-5678", "13812345678"),
            ("138-1234-5678", "13812345678"),
            ("  15912345678 ", "15912345678"),
            ("１３８１２３４５６７８", "13812345678"),
            ("＋８６１３８１２３４５６７８", "13812345678"),
        ];
        for (input, want) in cases {
            let p = Phone::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(p.as_str(), *want);
            assert_eq!(p.to_string(), *want);
        }
    }

    #[test]
    fn rejects_invalid_numbers_with_the_rule() {
        let cases: &[(&str, &str)] = &[
            ("12345678901", "手机号码第2位应为3到9，当前为2"),
            ("11012345678", "手机号码第2位应为3到9，当前为1"),
            ("10012345678", "手机号码第2位应为3到9，当前为0"),
            ("+8612345678901", "手机号码第2位应为3到9，当前为2"),
            ("23812345678", "手机号码第1位应为1"),
            ("1381234567", "手机号码应为11位数字，当前为10位"),
            ("138123456789", "手机号码应为11位数字，当前为12位"),
            ("861381234567", "手机号码应为11位数字，当前为12位"),
            ("+86 1381234567", "手机号码应为11位数字，当前为10位"),
            ("", "手机号码应为11位数字，当前为0位"),
            ("1381234567a", "第11位「a」不是数字"),
            ("(010)12345678", "第1位「(」不是数字"),
            ("138.1234.5678", "第4位「.」不是数字"),
        ];
        for (input, rule) in cases {
            let err = Phone::parse(input).expect_err(input);
            assert!(
                err.rule.contains(rule),
                "{input}: got {:?}, want {rule:?}",
                err.rule
            );
            assert_unambiguous(&err.rule);
        }
    }

    #[test]
    fn masks_middle_four() {
        assert_eq!(Phone::parse("13812341234").unwrap().masked(), "138****1234");
        assert_eq!(
            Phone::parse("+86 199 1234 5678").unwrap().masked(),
            "199****5678"
        );
    }

    #[test]
    fn serde_round_trip_and_rejects_bad_values() {
        let p = Phone::parse("138-1234-5678").unwrap();
        let text = ron::to_string(&p).unwrap();
        assert_eq!(text, "\"13812345678\"");
        let back: Phone = ron::from_str(&text).unwrap();
        assert_eq!(back, p);
        let bad = ron::from_str::<Phone>("\"12345678901\"").unwrap_err();
        assert!(bad.to_string().contains("第2位应为3到9"), "{bad}");
        assert!(ron::from_str::<Phone>("13812345678").is_err());
    }
}
