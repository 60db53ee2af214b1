//! Mainland motor-vehicle plate numbers (GA 36-2018): province char, issuing-authority
//! letter, then a serial whose shape depends on the plate kind.

use serde::{Deserialize, Serialize};

use super::ValueError;
use super::mask::{describe_char, to_halfwidth};

/// The 31 mainland province abbreviations that can start a plate.
pub const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/// Energy-type letters of NEV plates: D battery-electric, F other; the rest reserved.
const ENERGY_LETTERS: &str = "DABCEFGHJK";

/// Markers that may replace the last serial char of a 7-char plate.
const MARKERS: &str = "挂学警临港澳";

/// What a plate number says about the vehicle, derived from its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PlateKind {
    /// 7 chars, 5 serial chars with at most 2 letters.
    Ordinary,
    /// 8 chars: energy letter, letter or digit, 4 digits.
    NevSmall,
    /// 8 chars: 5 digits, energy letter.
    NevLarge,
    /// Ends in 挂.
    Trailer,
    /// Ends in 学 (driving-school car).
    Coach,
    /// Ends in 警.
    Police,
    /// Ends in 临 (how the simulator writes temporary plates).
    Temporary,
    /// 粤Z, 4 serial chars, 港.
    HongKong,
    /// 粤Z, 4 serial chars, 澳.
    Macau,
}

impl PlateKind {
    /// The kind's name as the app and the police systems call it.
    pub fn name(self) -> &'static str {
        match self {
            PlateKind::Ordinary => "普通号牌",
            PlateKind::NevSmall => "小型新能源汽车号牌",
            PlateKind::NevLarge => "大型新能源汽车号牌",
            PlateKind::Trailer => "挂车号牌",
            PlateKind::Coach => "教练汽车号牌",
            PlateKind::Police => "警用汽车号牌",
            PlateKind::Temporary => "临时行驶车号牌",
            PlateKind::HongKong => "香港入出境车号牌",
            PlateKind::Macau => "澳门入出境车号牌",
        }
    }

    /// The kind a 7-char plate ending in `marker` has, if `marker` is one.
    fn from_marker(marker: char) -> Option<PlateKind> {
        Some(match marker {
            '挂' => PlateKind::Trailer,
            '学' => PlateKind::Coach,
            '警' => PlateKind::Police,
            '临' => PlateKind::Temporary,
            '港' => PlateKind::HongKong,
            '澳' => PlateKind::Macau,
            _ => return None,
        })
    }
}

/// A plate number that passed [`Plate::parse`], stored without spaces or dots.
///
/// Serialized as the plain string; the kind is derived again when deserializing, so a
/// file can hold neither a malformed plate nor a kind that contradicts the number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Plate {
    text: String,
    kind: PlateKind,
}

/// Serial chars: `A-H J-N P-Z 0-9` (I and O look like 1 and 0).
fn is_serial(c: char) -> bool {
    (c.is_ascii_uppercase() && c != 'I' && c != 'O') || c.is_ascii_digit()
}

/// Checks one serial position (1-based `pos`) and names the rule when it fails.
fn check_serial(pos: usize, c: char) -> Result<(), ValueError> {
    if c == 'I' || c == 'O' {
        return Err(ValueError::new(format!(
            "第{pos}位不能是字母 I 或 O（易与数字 1、0 混淆）"
        )));
    }
    if !is_serial(c) {
        return Err(ValueError::new(format!(
            "第{pos}位应为字母或数字，当前为{}",
            describe_char(c)
        )));
    }
    Ok(())
}

/// Checks that positions `from..=to` (1-based) of `chars` are digits, for NEV plates.
fn check_digits(chars: &[char], from: usize, to: usize, rule: &str) -> Result<(), ValueError> {
    for pos in from..=to {
        let c = chars[pos - 1];
        if !c.is_ascii_digit() {
            return Err(ValueError::new(format!(
                "{rule}，第{pos}位为{}",
                describe_char(c)
            )));
        }
    }
    Ok(())
}

impl Plate {
    /// Validates user input. Spaces and middle dots are dropped (people copy plates as
    /// `京A·12345`), full-width and lower-case latin letters are folded, then the shape is
    /// checked: 7 chars for ordinary and marked plates, 8 for new-energy plates.
    pub fn parse(input: &str) -> Result<Plate, ValueError> {
        let chars: Vec<char> = input
            .chars()
            .map(to_halfwidth)
            .filter(|&c| !c.is_whitespace() && !is_middle_dot(c))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let len = chars.len();
        if len != 7 && len != 8 {
            return Err(ValueError::new(format!(
                "号牌长度应为7位（新能源为8位），当前为{len}位"
            )));
        }

        let province = chars[0];
        if !PROVINCES.contains(province) {
            return Err(ValueError::new(format!(
                "第1位应为省份简称（如 京、沪、粤），当前为{}",
                describe_char(province)
            )));
        }
        let authority = chars[1];
        if authority == 'I' || authority == 'O' {
            return Err(ValueError::new("第2位发牌机关代号不能是字母 I 或 O"));
        }
        if !authority.is_ascii_uppercase() {
            return Err(ValueError::new(format!(
                "第2位应为发牌机关代号（字母），当前为{}",
                describe_char(authority)
            )));
        }

        let last = chars[len - 1];
        let cross_border = province == '粤' && authority == 'Z';
        if cross_border && last != '港' && last != '澳' {
            return Err(ValueError::new("粤Z 号牌应以「港」或「澳」结尾"));
        }
        if !cross_border && (last == '港' || last == '澳') {
            return Err(ValueError::new(format!(
                "以「{last}」结尾的号牌应以 粤Z 开头"
            )));
        }
        if len == 8 && MARKERS.contains(last) {
            return Err(ValueError::new(format!(
                "以「{last}」结尾的号牌应为7位，当前为8位"
            )));
        }

        let kind = if len == 7 {
            Self::check_seven(&chars)?
        } else {
            Self::check_nev(&chars)?
        };
        Ok(Plate {
            text: chars.into_iter().collect(),
            kind,
        })
    }

    /// Positions 3-7 of a 7-char plate; the province and authority are already checked.
    fn check_seven(chars: &[char]) -> Result<PlateKind, ValueError> {
        for (i, &c) in chars.iter().enumerate().take(6).skip(2) {
            check_serial(i + 1, c)?;
        }
        let last = chars[6];
        if let Some(kind) = PlateKind::from_marker(last) {
            return Ok(kind);
        }
        if !last.is_ascii_alphanumeric() {
            return Err(ValueError::new(format!(
                "第7位应为字母、数字或 挂、学、警、临、港、澳，当前为{}",
                describe_char(last)
            )));
        }
        check_serial(7, last)?;
        // Every serial pattern GA 36 enables has at most 2 letters.
        let letters = chars[2..].iter().filter(|c| c.is_ascii_uppercase()).count();
        if letters > 2 {
            return Err(ValueError::new(format!(
                "普通号牌后5位最多含2个字母，当前有{letters}个"
            )));
        }
        Ok(PlateKind::Ordinary)
    }

    /// Positions 3-8 of an 8-char new-energy plate: the third char tells small from large.
    fn check_nev(chars: &[char]) -> Result<PlateKind, ValueError> {
        let third = chars[2];
        if third.is_ascii_digit() {
            check_digits(
                chars,
                3,
                7,
                "大型新能源号牌第3到7位应为数字，能源类型字母在最后一位",
            )?;
            let last = chars[7];
            if !ENERGY_LETTERS.contains(last) {
                return Err(ValueError::new(format!(
                    "大型新能源号牌第8位应为能源类型字母（D 纯电动、F 非纯电动），当前为{}",
                    describe_char(last)
                )));
            }
            return Ok(PlateKind::NevLarge);
        }
        if !ENERGY_LETTERS.contains(third) {
            return Err(ValueError::new(format!(
                "小型新能源号牌第3位应为能源类型字母（D 纯电动、F 非纯电动），当前为{}",
                describe_char(third)
            )));
        }
        check_serial(4, chars[3])?;
        check_digits(chars, 5, 8, "小型新能源号牌后4位应为数字")?;
        Ok(PlateKind::NevSmall)
    }

    /// The kind derived from the number's shape.
    pub fn kind(&self) -> PlateKind {
        self.kind
    }

    /// The plate without separators, e.g. `京A12345`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The province abbreviation (first char).
    pub fn province(&self) -> char {
        // `parse` guarantees a first char; the default is never returned.
        self.text.chars().next().unwrap_or_default()
    }

    /// The plate with a space after the authority letter, `京A 12345`, the way it is
    /// printed. A middle dot is not used because its width differs between terminals.
    pub fn spaced(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 1);
        for (i, c) in self.text.chars().enumerate() {
            if i == 2 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

/// Dots people put between the authority letter and the serial.
fn is_middle_dot(c: char) -> bool {
    matches!(
        c,
        '\u{00B7}' | '\u{2022}' | '\u{2027}' | '\u{30FB}' | '\u{FF65}'
    )
}

/// The province abbreviations a plate begins with, in the order 12123's plate keyboard shows
/// them.
pub const PROVINCE_ABBREVIATIONS: [char; 31] = [
    '京', '津', '沪', '渝', '冀', '豫', '云', '辽', '黑', '湘', '皖', '鲁', '新', '苏', '浙', '赣',
    '鄂', '桂', '甘', '晋', '蒙', '陕', '吉', '闽', '贵', '粤', '青', '藏', '川', '宁', '琼',
];

/// The plate abbreviation of a province (GA 36), from its name as addresses give it.
pub fn province_abbreviation(province: &str) -> Option<char> {
    const NAMES: [(&str, char); 31] = [
        ("北京", '京'),
        ("天津", '津'),
        ("上海", '沪'),
        ("重庆", '渝'),
        ("河北", '冀'),
        ("河南", '豫'),
        ("云南", '云'),
        ("辽宁", '辽'),
        ("黑龙江", '黑'),
        ("湖南", '湘'),
        ("安徽", '皖'),
        ("山东", '鲁'),
        ("新疆", '新'),
        ("江苏", '苏'),
        ("浙江", '浙'),
        ("江西", '赣'),
        ("湖北", '鄂'),
        ("广西", '桂'),
        ("甘肃", '甘'),
        ("山西", '晋'),
        ("内蒙古", '蒙'),
        ("陕西", '陕'),
        ("吉林", '吉'),
        ("福建", '闽'),
        ("贵州", '贵'),
        ("广东", '粤'),
        ("青海", '青'),
        ("西藏", '藏'),
        ("四川", '川'),
        ("宁夏", '宁'),
        ("海南", '琼'),
    ];
    NAMES
        .iter()
        .find(|(name, _)| province.starts_with(name))
        .map(|(_, abbr)| *abbr)
}

crate::domain::string_value_type!(Plate);

impl Plate {
    /// The office that issued it: the first two characters.
    pub fn office(&self) -> PlateOffice {
        PlateOffice {
            text: self.text.chars().take(2).collect(),
        }
    }
}

/// 发牌机关代号: the province abbreviation and the office letter a plate begins with (京N, 粤A),
/// the office a vehicle is registered at and whose numbers a 选号 draws from (GA 36).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PlateOffice {
    text: String,
}

impl PlateOffice {
    pub fn parse(input: &str) -> Result<PlateOffice, ValueError> {
        let chars: Vec<char> = input
            .trim()
            .chars()
            .map(to_halfwidth)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        match chars[..] {
            [province, _] if !PROVINCES.contains(province) => Err(ValueError::new(format!(
                "发牌机关代号第1位应为省份简称，当前为{}",
                describe_char(province)
            ))),
            [_, letter] if !letter.is_ascii_uppercase() => Err(ValueError::new(format!(
                "发牌机关代号第2位应为字母，当前为{}",
                describe_char(letter)
            ))),
            [province, letter] => Ok(PlateOffice {
                text: [province, letter].into_iter().collect(),
            }),
            _ => Err(ValueError::new(format!(
                "发牌机关代号应为2位（如 京A），当前为{}位",
                chars.len()
            ))),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

crate::domain::string_value_type!(PlateOffice);

/// Serial letters of a plate: no I or O (GA 36).
const SERIAL_LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS: &[u8] = b"0123456789";

/// Which series a draw is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// Five characters, at most two letters (普通号牌).
    Ordinary,
    /// `D` or `F`, a letter or a digit, then four digits (小型新能源号牌).
    NewEnergy,
    /// Five digits, then `D` or `F` (大型新能源号牌).
    LargeNewEnergy,
}

/// 选号: `count` distinct plate numbers of `office` in `series`, drawn with `below(n)` (a
/// number in `0..n`) so that the engine's seeded generator makes the draw repeatable. An
/// ordinary serial follows one of `patterns` (`LDDDD`: a letter then four digits; all of GA 36's
/// when none are given); a number `taken` says is held, issued or withheld is never drawn.
pub fn draw_candidates(
    office: &PlateOffice,
    series: Series,
    count: usize,
    patterns: &[String],
    taken: impl Fn(&str) -> bool,
    mut below: impl FnMut(u64) -> u64,
) -> Vec<Plate> {
    let mut pick =
        |set: &[u8]| char::from(set[usize::try_from(below(set.len() as u64)).unwrap_or(0)]);
    let mut plates: Vec<Plate> = Vec::new();
    for _ in 0..count * 20 {
        if plates.len() >= count {
            break;
        }
        let serial: Vec<char> = match series {
            Series::Ordinary => {
                let open: Vec<&str> = if patterns.is_empty() {
                    super::plate_pool::PATTERN_ORDER.to_vec()
                } else {
                    patterns.iter().map(String::as_str).collect()
                };
                // GA 36 has ten patterns, so one digit picks among those open.
                let which = &DIGITS[..open.len().min(DIGITS.len())];
                let pattern = open[usize::from(pick(which) as u8 - b'0')];
                pattern
                    .chars()
                    .map(|p| {
                        if p == 'L' {
                            pick(SERIAL_LETTERS)
                        } else {
                            pick(DIGITS)
                        }
                    })
                    .collect()
            }
            Series::LargeNewEnergy => {
                let mut serial: Vec<char> = (0..5).map(|_| pick(DIGITS)).collect();
                serial.push(pick(b"DF"));
                serial
            }
            Series::NewEnergy => {
                let second = if pick(b"01") == '0' {
                    pick(SERIAL_LETTERS)
                } else {
                    pick(DIGITS)
                };
                [pick(b"DF"), second]
                    .into_iter()
                    .chain((0..4).map(|_| pick(DIGITS)))
                    .collect()
            }
        };
        let text: String = office.as_str().chars().chain(serial).collect();
        if let Ok(plate) = Plate::parse(&text)
            && !plates.contains(&plate)
            && !taken(plate.as_str())
        {
            plates.push(plate);
        }
    }
    plates
}

#[cfg(test)]
mod tests {

    fn draw(office: &str, seed: u64) -> Vec<Plate> {
        let office = PlateOffice::parse(office).unwrap_or_else(|e| panic!("{e}"));
        let mut state = seed;
        draw_candidates(
            &office,
            Series::Ordinary,
            20,
            &[],
            |_| false,
            |n| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                (state >> 33) % n
            },
        )
    }

    #[test]
    fn candidates_are_valid_distinct_of_the_office_and_repeatable() {
        let drawn = draw("粤B", 42);
        assert_eq!(drawn.len(), 20);
        for plate in &drawn {
            assert_eq!(plate.kind(), PlateKind::Ordinary);
            assert_eq!(plate.office().as_str(), "粤B", "{plate}");
            let letters = plate
                .as_str()
                .chars()
                .skip(2)
                .filter(|c| c.is_ascii_alphabetic())
                .count();
            assert!(letters <= 2, "{plate}");
            assert!(!plate.as_str()[3..].contains(['I', 'O']), "{plate}");
        }
        let unique: std::collections::BTreeSet<&str> = drawn.iter().map(|p| p.as_str()).collect();
        assert_eq!(unique.len(), drawn.len());
        assert_eq!(draw("粤B", 42), drawn, "the same draws give the same");
        assert_ne!(draw("粤B", 43), drawn);
    }

    #[test]
    fn new_energy_candidates_are_small_nev_plates() {
        let office = PlateOffice::parse("粤B").unwrap_or_else(|e| panic!("{e}"));
        let mut state = 7u64;
        let drawn = draw_candidates(
            &office,
            Series::NewEnergy,
            10,
            &[],
            |_| false,
            |n| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                (state >> 33) % n
            },
        );
        assert_eq!(drawn.len(), 10);
        for plate in &drawn {
            assert_eq!(plate.kind(), PlateKind::NevSmall, "{plate}");
            assert!(plate.as_str().starts_with("粤BD") || plate.as_str().starts_with("粤BF"));
        }
    }

    #[test]
    fn an_office_is_a_province_and_a_letter() {
        assert_eq!(
            PlateOffice::parse(" 京n ").map(|o| o.to_string()),
            Ok("京N".into())
        );
        let plate = Plate::parse("苏AD73915").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plate.office().as_str(), "苏A");
        for (bad, says) in [
            ("X A", "应为2位"),
            ("XA", "省份简称"),
            ("京1", "应为字母"),
            ("京", "当前为1位"),
        ] {
            let err = PlateOffice::parse(bad)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    use super::*;
    use crate::domain::mask::assert_unambiguous;

    #[test]
    fn accepts_valid_plates_with_their_kind() {
        let cases: &[(&str, PlateKind)] = &[
            ("京A12345", PlateKind::Ordinary),
            ("京AF0236", PlateKind::Ordinary),
            ("川AAB123", PlateKind::Ordinary),
            ("琼A0000Z", PlateKind::Ordinary),
            ("粤BD12345", PlateKind::NevSmall),
            ("粤BDF1234", PlateKind::NevSmall),
            ("粤BF12345", PlateKind::NevSmall),
            ("浙AK99999", PlateKind::NevSmall),
            ("粤B12345D", PlateKind::NevLarge),
            ("京A12345D", PlateKind::NevLarge),
            ("鲁U00001F", PlateKind::NevLarge),
            ("冀B1234挂", PlateKind::Trailer),
            ("京A1234学", PlateKind::Coach),
            ("沪A1234警", PlateKind::Police),
            ("苏E1234临", PlateKind::Temporary),
            ("粤Z1234港", PlateKind::HongKong),
            ("粤ZA123澳", PlateKind::Macau),
        ];
        for (input, kind) in cases {
            let p = Plate::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(p.kind(), *kind, "{input}");
            assert_eq!(p.as_str(), *input);
            assert_eq!(p.to_string(), *input);
        }
    }

    #[test]
    fn normalises_separators_and_case() {
        let cases: &[(&str, &str)] = &[
            ("京A·12345", "京A12345"),
            ("京a 12345", "京A12345"),
            (" 沪 b 7z8k9 ", "沪B7Z8K9"),
            ("粤B・d12345", "粤BD12345"),
            ("京Ａ１２３４５", "京A12345"),
            ("京A\u{3000}12345", "京A12345"),
            ("粤z1234港", "粤Z1234港"),
        ];
        for (input, want) in cases {
            let p = Plate::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(p.as_str(), *want);
        }
    }

    #[test]
    fn rejects_invalid_plates_with_the_rule() {
        let cases: &[(&str, &str)] = &[
            ("京A1234O", "第7位不能是字母 I 或 O"),
            ("京AI2345", "第3位不能是字母 I 或 O"),
            ("京I12345", "第2位发牌机关代号不能是字母 I 或 O"),
            ("京O12345", "第2位发牌机关代号不能是字母 I 或 O"),
            ("京112345", "第2位应为发牌机关代号（字母），当前为「1」"),
            ("粤B1234D5", "大型新能源号牌第3到7位应为数字"),
            ("京AD123F4", "小型新能源号牌后4位应为数字，第7位为「F」"),
            ("京A1234", "号牌长度应为7位（新能源为8位），当前为6位"),
            ("京A1234567", "号牌长度应为7位（新能源为8位），当前为9位"),
            ("", "当前为0位"),
            ("港A12345", "第1位应为省份简称"),
            ("AA12345", "第1位应为省份简称"),
            ("粤Z12345", "粤Z 号牌应以「港」或「澳」结尾"),
            ("粤Z1234挂", "粤Z 号牌应以「港」或「澳」结尾"),
            ("京A1234港", "以「港」结尾的号牌应以 粤Z 开头"),
            ("粤ZA1234港", "以「港」结尾的号牌应为7位"),
            ("京A12345挂", "以「挂」结尾的号牌应为7位"),
            ("京ABCD12", "最多含2个字母，当前有3个"),
            ("京AABCDE", "最多含2个字母，当前有5个"),
            ("粤BX12345", "小型新能源号牌第3位应为能源类型字母"),
            ("粤BDI1234", "第4位不能是字母 I 或 O"),
            ("粤B12345X", "大型新能源号牌第8位应为能源类型字母"),
            (
                "京A1234使",
                "第7位应为字母、数字或 挂、学、警、临、港、澳，当前为「使」",
            ),
            ("京A12#45", "第5位应为字母或数字，当前为「#」"),
        ];
        for (input, rule) in cases {
            let err = Plate::parse(input).expect_err(input);
            assert!(
                err.rule.contains(rule),
                "{input}: got {:?}, want {rule:?}",
                err.rule
            );
            assert_unambiguous(&err.rule);
        }
    }

    #[test]
    fn accessors() {
        let p = Plate::parse("粤BD12345").unwrap();
        assert_eq!(p.province(), '粤');
        assert_eq!(p.spaced(), "粤B D12345");
        assert_eq!(Plate::parse("京A·12345").unwrap().spaced(), "京A 12345");
        assert_eq!(PlateKind::NevSmall.name(), "小型新能源汽车号牌");
        for kind in [
            PlateKind::Ordinary,
            PlateKind::NevSmall,
            PlateKind::NevLarge,
            PlateKind::Trailer,
            PlateKind::Coach,
            PlateKind::Police,
            PlateKind::Temporary,
            PlateKind::HongKong,
            PlateKind::Macau,
        ] {
            assert_unambiguous(kind.name());
        }
    }

    #[test]
    fn every_province_is_accepted() {
        assert_eq!(PROVINCES.chars().count(), 31);
        for c in PROVINCES.chars() {
            let text = format!("{c}A12345");
            assert_eq!(Plate::parse(&text).unwrap().province(), c);
        }
    }

    #[test]
    fn serde_round_trip_and_rejects_bad_values() {
        let p = Plate::parse("京A·12345").unwrap();
        let text = ron::to_string(&p).unwrap();
        assert_eq!(text, "\"京A12345\"");
        let back: Plate = ron::from_str(&text).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.kind(), PlateKind::Ordinary);
        let nev: Plate = ron::from_str("\"粤B12345D\"").unwrap();
        assert_eq!(nev.kind(), PlateKind::NevLarge);
        let bad = ron::from_str::<Plate>("\"京I12345\"").unwrap_err();
        assert!(bad.to_string().contains("不能是字母 I 或 O"), "{bad}");
        assert!(ron::from_str::<Plate>("\"粤Z12345\"").is_err());
    }
}
