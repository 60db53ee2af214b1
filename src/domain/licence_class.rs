//! 准驾车型: the vehicle classes a driving licence allows (R162 Art.11 and its annex 1).

use serde::{Deserialize, Serialize};
use std::fmt;

use super::ValueError;
use super::mask::{describe_char, to_halfwidth};

/// One 准驾车型 code. The declaration order is the order licences print codes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LicenceClass {
    A1,
    A2,
    A3,
    B1,
    B2,
    C1,
    C2,
    C3,
    C4,
    C5,
    C6,
    D,
    E,
    F,
    M,
    N,
    P,
}

/// The groups of classes a 实习期 is counted for (R162 Art.76).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassCategory {
    /// 汽车类: A1 to C6.
    Car,
    /// 摩托车类: D, E, F.
    Motorcycle,
    /// 轮式专用机械车, 无轨电车, 有轨电车.
    Other,
}

use LicenceClass::*;

impl LicenceClass {
    /// Every class, in printing order.
    pub const ALL: [LicenceClass; 17] =
        [A1, A2, A3, B1, B2, C1, C2, C3, C4, C5, C6, D, E, F, M, N, P];

    /// 汽车类, 摩托车类 or neither (R162 Art.76 starts a 实习期 on the first class of each of the
    /// first two).
    pub fn category(self) -> ClassCategory {
        match self {
            A1 | A2 | A3 | B1 | B2 | C1 | C2 | C3 | C4 | C5 | C6 => ClassCategory::Car,
            D | E | F => ClassCategory::Motorcycle,
            M | N | P => ClassCategory::Other,
        }
    }

    /// The code as printed on the licence, e.g. `"C1"`.
    pub fn code(self) -> &'static str {
        match self {
            A1 => "A1",
            A2 => "A2",
            A3 => "A3",
            B1 => "B1",
            B2 => "B2",
            C1 => "C1",
            C2 => "C2",
            C3 => "C3",
            C4 => "C4",
            C5 => "C5",
            C6 => "C6",
            D => "D",
            E => "E",
            F => "F",
            M => "M",
            N => "N",
            P => "P",
        }
    }

    /// The class for an exact, upper-case code such as `"A2"`.
    pub fn from_code(code: &str) -> Option<LicenceClass> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The class name used in R162 (2022 wording).
    pub fn name(self) -> &'static str {
        match self {
            A1 => "大型客车",
            A2 => "重型牵引挂车",
            A3 => "城市公交车",
            B1 => "中型客车",
            B2 => "大型货车",
            C1 => "小型汽车",
            C2 => "小型自动挡汽车",
            C3 => "低速载货汽车",
            C4 => "三轮汽车",
            C5 => "残疾人专用小型自动挡载客汽车",
            C6 => "轻型牵引挂车",
            D => "普通三轮摩托车",
            E => "普通二轮摩托车",
            F => "轻便摩托车",
            M => "轮式专用机械车",
            N => "无轨电车",
            P => "有轨电车",
        }
    }

    /// Other classes a holder of this class may also drive. The lists are
    /// already closed under "also allows", so one lookup answers `may_drive`.
    /// B2's list is a recollection of annex 1.
    pub fn also_allows(self) -> &'static [LicenceClass] {
        match self {
            A1 => &[A3, B1, B2, C1, C2, C3, C4, M],
            A2 => &[B1, B2, C1, C2, C3, C4, C6, M],
            A3 => &[C1, C2, C3, C4],
            B1 | B2 => &[C1, C2, C3, C4, M],
            C1 => &[C2, C3, C4],
            C3 => &[C4],
            D => &[E, F],
            E => &[F],
            C2 | C4 | C5 | C6 | F | M | N | P => &[],
        }
    }

    /// 大中型客货车 (A1 A2 A3 B1 B2): the classes with stricter scoring, audit and age rules.
    pub fn is_large_or_medium(self) -> bool {
        matches!(self, A1 | A2 | A3 | B1 | B2)
    }

    /// The age from which the class may no longer be applied for or driven (R162 第十四条 as
    /// amended by 公安部令第172号: 63 for the large and medium classes, C3, C4, M, N and P;
    /// 70 for C6, D and E); `None` for the classes with no upper limit.
    pub fn upper_age(self) -> Option<u32> {
        match self {
            A1 | A2 | A3 | B1 | B2 | C3 | C4 | M | N | P => Some(63),
            C6 | D | E => Some(70),
            C1 | C2 | C5 | F => None,
        }
    }

    /// Whether a first-time applicant may apply for this class (R162 Art.16); A1, A2, B1
    /// and C6 can only be added to an existing licence.
    pub fn first_application_allowed(self) -> bool {
        !matches!(self, A1 | A2 | B1 | C6)
    }
}

impl fmt::Display for LicenceClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The classes on one licence: non-empty, no duplicates, kept in printing order so that
/// `"DA2"` and `"A2D"` are the same value and both print as `A2D`.
///
/// Serialized as the concatenated codes and deserialized through `parse`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LicenceClasses(Vec<LicenceClass>);

impl LicenceClasses {
    /// Parses concatenated codes such as `"A2D"` or `"C1E"`, ignoring spaces, folding
    /// full-width and lower-case letters. A letter takes the digit after it when the two
    /// form a code; a digit can never start a code, so `"D1"` is an error, not D then 1.
    pub fn parse(input: &str) -> Result<LicenceClasses, ValueError> {
        let chars: Vec<char> = input
            .chars()
            .map(to_halfwidth)
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let mut classes = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                return Err(ValueError::new(format!(
                    "准驾车型代号应以字母开头，数字「{c}」前缺少字母"
                )));
            }
            if !c.is_ascii_uppercase() {
                return Err(ValueError::new(format!(
                    "准驾车型只能由字母和数字组成，{}无效",
                    describe_char(c)
                )));
            }
            let class = match chars.get(i + 1) {
                Some(&d) if d.is_ascii_digit() => {
                    let code: String = [c, d].iter().collect();
                    i += 2;
                    LicenceClass::from_code(&code)
                        .ok_or_else(|| ValueError::new(format!("没有准驾车型「{code}」")))?
                }
                _ => {
                    i += 1;
                    match LicenceClass::from_code(c.encode_utf8(&mut [0; 4])) {
                        Some(class) => class,
                        None if matches!(c, 'A' | 'B' | 'C') => {
                            return Err(ValueError::new(format!(
                                "准驾车型「{c}」后应跟数字，如 {c}1"
                            )));
                        }
                        None => {
                            return Err(ValueError::new(format!("没有准驾车型「{c}」")));
                        }
                    }
                }
            };
            classes.push(class);
        }
        Self::from_classes(classes)
    }

    /// Builds the set from already-typed classes (e.g. demo data), with the same rules
    /// as `parse`: at least one class, none twice.
    pub fn from_classes(
        classes: impl IntoIterator<Item = LicenceClass>,
    ) -> Result<LicenceClasses, ValueError> {
        let mut v: Vec<LicenceClass> = classes.into_iter().collect();
        if v.is_empty() {
            return Err(ValueError::new("准驾车型不能为空"));
        }
        v.sort();
        if let Some(w) = v.windows(2).find(|w| w[0] == w[1]) {
            return Err(ValueError::new(format!("准驾车型「{}」重复", w[0])));
        }
        Ok(LicenceClasses(v))
    }

    /// Whether `class` is printed on the licence.
    pub fn contains(&self, class: LicenceClass) -> bool {
        self.0.contains(&class)
    }

    /// The held classes in printing order.
    pub fn iter(&self) -> impl Iterator<Item = LicenceClass> + '_ {
        self.0.iter().copied()
    }

    /// Whether the holder may drive `class`: held, or allowed by a held class.
    pub fn may_drive(&self, class: LicenceClass) -> bool {
        self.0
            .iter()
            .any(|&held| held == class || held.also_allows().contains(&class))
    }
}

impl fmt::Display for LicenceClasses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for class in &self.0 {
            f.write_str(class.code())?;
        }
        Ok(())
    }
}

crate::domain::string_value_type!(LicenceClasses, no_display);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::mask::assert_unambiguous;

    #[test]
    fn accepts_valid_codes() {
        let cases: &[(&str, &[LicenceClass], &str)] = &[
            ("C1", &[C1], "C1"),
            ("A2D", &[A2, D], "A2D"),
            ("C1E", &[C1, E], "C1E"),
            ("A1", &[A1], "A1"),
            ("B2", &[B2], "B2"),
            ("c1", &[C1], "C1"),
            ("C1 D", &[C1, D], "C1D"),
            ("DA2", &[A2, D], "A2D"),
            ("MNP", &[M, N, P], "MNP"),
            ("C6C1", &[C1, C6], "C1C6"),
            ("A3B1C5", &[A3, B1, C5], "A3B1C5"),
            ("Ｃ１", &[C1], "C1"),
            ("F", &[F], "F"),
            ("C2", &[C2], "C2"),
        ];
        for (input, want, shown) in cases {
            let got = LicenceClasses::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(got.iter().collect::<Vec<_>>(), *want, "{input}");
            assert_eq!(got.to_string(), *shown);
        }
    }

    #[test]
    fn rejects_invalid_codes_with_the_rule() {
        let cases: &[(&str, &str)] = &[
            ("", "准驾车型不能为空"),
            ("   ", "准驾车型不能为空"),
            ("C7", "没有准驾车型「C7」"),
            ("A4", "没有准驾车型「A4」"),
            ("D1", "没有准驾车型「D1」"),
            ("C1C1", "准驾车型「C1」重复"),
            ("DED", "准驾车型「D」重复"),
            ("A", "准驾车型「A」后应跟数字，如 A1"),
            ("CD", "准驾车型「C」后应跟数字，如 C1"),
            ("G", "没有准驾车型「G」"),
            ("C1X", "没有准驾车型「X」"),
            ("1C", "数字「1」前缺少字母"),
            ("C1-D", "「-」无效"),
            ("C1，D", "「,」无效"),
        ];
        for (input, rule) in cases {
            let err = LicenceClasses::parse(input).expect_err(input);
            assert!(
                err.rule.contains(rule),
                "{input}: got {:?}, want {rule:?}",
                err.rule
            );
            assert_unambiguous(&err.rule);
        }
    }

    #[test]
    fn from_classes_checks_the_same_rules() {
        assert_eq!(
            LicenceClasses::from_classes([]).unwrap_err().rule,
            "准驾车型不能为空"
        );
        assert!(
            LicenceClasses::from_classes([C1, D, C1])
                .unwrap_err()
                .rule
                .contains("「C1」重复")
        );
        assert_eq!(
            LicenceClasses::from_classes([E, C1]).unwrap().to_string(),
            "C1E"
        );
    }

    #[test]
    fn single_class_facts() {
        for class in LicenceClass::ALL {
            assert_eq!(LicenceClass::from_code(class.code()), Some(class));
            assert_eq!(class.to_string(), class.code());
            assert_unambiguous(class.name());
            assert!(!class.also_allows().contains(&class));
        }
        assert_eq!(LicenceClass::from_code("c1"), None);
        assert_eq!(A2.name(), "重型牵引挂车");
        assert_eq!(C5.name(), "残疾人专用小型自动挡载客汽车");
        let large: Vec<_> = LicenceClass::ALL
            .into_iter()
            .filter(|c| c.is_large_or_medium())
            .collect();
        assert_eq!(large, [A1, A2, A3, B1, B2]);
        let add_on: Vec<_> = LicenceClass::ALL
            .into_iter()
            .filter(|c| !c.first_application_allowed())
            .collect();
        assert_eq!(add_on, [A1, A2, B1, C6]);
    }

    #[test]
    fn also_allows_is_closed() {
        // One lookup in may_drive is enough only if every allowed class's own list is
        // already included.
        for class in LicenceClass::ALL {
            for &other in class.also_allows() {
                for indirect in other.also_allows() {
                    assert!(
                        class.also_allows().contains(indirect),
                        "{class} -> {other} -> {indirect}"
                    );
                }
            }
        }
    }

    #[test]
    fn may_drive_follows_the_annex() {
        let a1 = LicenceClasses::parse("A1").unwrap();
        assert!(a1.may_drive(A1) && a1.may_drive(B1) && a1.may_drive(C1) && a1.may_drive(M));
        assert!(!a1.may_drive(A2) && !a1.may_drive(C6) && !a1.may_drive(D));
        let a2d = LicenceClasses::parse("A2D").unwrap();
        assert!(a2d.may_drive(C6) && a2d.may_drive(B2) && a2d.may_drive(E) && a2d.may_drive(F));
        assert!(!a2d.may_drive(A1) && !a2d.may_drive(C5));
        assert!(a2d.contains(D) && !a2d.contains(E));
        let c1 = LicenceClasses::parse("C1").unwrap();
        assert!(c1.may_drive(C2) && c1.may_drive(C4));
        assert!(!c1.may_drive(C5) && !c1.may_drive(C6) && !c1.may_drive(M) && !c1.may_drive(F));
        let c2 = LicenceClasses::parse("C2").unwrap();
        assert!(!c2.may_drive(C1));
    }

    #[test]
    fn serde_round_trip_and_rejects_bad_values() {
        let classes = LicenceClasses::parse("DA2").unwrap();
        let text = ron::to_string(&classes).unwrap();
        assert_eq!(text, "\"A2D\"");
        let back: LicenceClasses = ron::from_str(&text).unwrap();
        assert_eq!(back, classes);
        let bad = ron::from_str::<LicenceClasses>("\"C1C1\"").unwrap_err();
        assert!(bad.to_string().contains("重复"), "{bad}");
        assert!(ron::from_str::<LicenceClasses>("\"\"").is_err());
        // A single class is a plain enum variant in RON.
        assert_eq!(ron::to_string(&C1).unwrap(), "C1");
        assert_eq!(ron::from_str::<LicenceClass>("B2").unwrap(), B2);
    }
}
