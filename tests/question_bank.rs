//! The 学法减分 question bank in `assets/exam/questions.ron`: it parses, every question is
//! well formed (ids, options, answers, the article it tests), its text is safe for CJK
//! terminals, and a few answers are spot-checked against the regulations.

use std::collections::HashSet;

use jiaoguan::assets::AssetSource;
use jiaoguan::domain::exam::{Question, QuestionBank, QuestionKind as Kind};
use jiaoguan::domain::text::ambiguous_glyphs;

fn bank() -> QuestionBank {
    let file = AssetSource::Embedded
        .file("exam/questions.ron")
        .expect("exam/questions.ron is embedded");
    match ron::from_str::<QuestionBank>(&file.text) {
        Ok(bank) => bank,
        Err(e) => panic!("exam/questions.ron does not parse: {e}"),
    }
}

/// The text of the (single) correct option of the one question whose text contains every
/// fragment in `needles`.
fn answer_of(bank: &QuestionBank, needles: &[&str]) -> String {
    let found: Vec<&Question> = bank
        .questions
        .iter()
        .filter(|q| needles.iter().all(|n| q.text.contains(n)))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected exactly one question containing {needles:?}, found {}",
        found.len()
    );
    let q = found[0];
    assert_eq!(q.answer.len(), 1, "{}: expected one answer", q.id);
    q.options[q.answer[0]].clone()
}

#[test]
fn the_bank_has_enough_questions() {
    let bank = bank();
    assert!(
        bank.questions.len() >= 100,
        "only {} questions",
        bank.questions.len()
    );
    for kind in [Kind::Single, Kind::TrueFalse, Kind::Multiple] {
        assert!(
            bank.questions.iter().any(|q| q.kind == kind),
            "no {kind:?} question"
        );
    }
}

#[test]
fn ids_and_texts_are_unique_and_ids_are_well_formed() {
    let bank = bank();
    let mut ids = HashSet::new();
    let mut texts = HashSet::new();
    for q in &bank.questions {
        let digits = q.id.strip_prefix('q').unwrap_or("");
        assert!(
            digits.len() >= 3 && digits.chars().all(|c| c.is_ascii_digit()),
            "id {:?} should be q followed by digits",
            q.id
        );
        assert!(ids.insert(q.id.as_str()), "duplicate id {}", q.id);
        assert!(
            texts.insert(q.text.as_str()),
            "{}: duplicate text {:?}",
            q.id,
            q.text
        );
    }
}

#[test]
fn every_question_has_the_shape_of_its_kind() {
    let bank = bank();
    for q in &bank.questions {
        match q.kind {
            Kind::Single => {
                assert_eq!(
                    q.options.len(),
                    4,
                    "{}: single choice needs 4 options",
                    q.id
                );
                assert_eq!(q.answer.len(), 1, "{}: single choice needs 1 answer", q.id);
            }
            Kind::TrueFalse => {
                assert_eq!(
                    q.options,
                    ["正确", "错误"],
                    "{}: true/false options must be 正确, 错误",
                    q.id
                );
                assert_eq!(q.answer.len(), 1, "{}: true/false needs 1 answer", q.id);
            }
            Kind::Multiple => {
                assert!(
                    q.options.len() >= 3,
                    "{}: multiple choice needs at least 3 options",
                    q.id
                );
                assert!(
                    q.answer.len() >= 2,
                    "{}: multiple choice needs at least 2 answers",
                    q.id
                );
            }
        }
        assert!(
            (2..=4).contains(&q.options.len()),
            "{}: 2 to 4 options",
            q.id
        );
        let distinct: HashSet<&String> = q.options.iter().collect();
        assert_eq!(distinct.len(), q.options.len(), "{}: repeated option", q.id);
        let answers: HashSet<usize> = q.answer.iter().copied().collect();
        assert_eq!(answers.len(), q.answer.len(), "{}: repeated answer", q.id);
        for &a in &q.answer {
            assert!(
                a < q.options.len(),
                "{}: answer {a} out of range ({} options)",
                q.id,
                q.options.len()
            );
        }
    }
}

#[test]
fn lengths_fit_the_exam_screen() {
    let bank = bank();
    for q in &bank.questions {
        assert!(!q.text.trim().is_empty(), "{}: empty text", q.id);
        assert!(
            !q.explanation.trim().is_empty(),
            "{}: empty explanation",
            q.id
        );
        assert!(
            q.text.chars().count() <= 120,
            "{}: text longer than 120 characters",
            q.id
        );
        for option in &q.options {
            assert!(!option.trim().is_empty(), "{}: empty option", q.id);
            assert!(
                option.chars().count() <= 40,
                "{}: option {option:?} longer than 40 characters",
                q.id
            );
        }
    }
}

#[test]
fn every_question_names_a_law_and_an_article() {
    let bank = bank();
    for q in &bank.questions {
        let a = &q.article;
        let open = a.find('《');
        let close = a.find('》');
        assert!(
            matches!((open, close), (Some(o), Some(c)) if o < c && c > o + '《'.len_utf8()),
            "{}: article {a:?} should name a law in 《》",
            q.id
        );
        let after = &a[close.unwrap_or(0)..];
        let di = after.find('第');
        let tiao = after.rfind('条');
        assert!(
            matches!((di, tiao), (Some(d), Some(t)) if d + '第'.len_utf8() < t),
            "{}: article {a:?} should cite 第...条",
            q.id
        );
    }
}

#[test]
fn no_ambiguous_glyphs_in_any_string() {
    let bank = bank();
    for q in &bank.questions {
        let strings = [&q.id, &q.text, &q.article, &q.explanation]
            .into_iter()
            .chain(q.options.iter());
        for s in strings {
            let glyphs = ambiguous_glyphs(s);
            assert!(
                glyphs.is_empty(),
                "{}: ambiguous glyphs {glyphs:?} in {s:?}",
                q.id
            );
        }
    }
}

#[test]
fn spot_checks_against_the_regulations() {
    let bank = bank();
    // R163 Art.25: 学法减分 at most 6 points per cycle.
    assert_eq!(answer_of(&bank, &["学法减分", "最高"]), "6分");
    // R163 Art.3: 12-month cycle.
    assert_eq!(answer_of(&bank, &["记分周期是多长时间"]), "12个月");
    // R163 Art.8: drink-driving 12 points.
    assert_eq!(
        answer_of(&bank, &["饮酒后驾驶机动车的，一次记几分"]),
        "12分"
    );
    // R163 Art.10: red light 6 points; emergency lane 6 points.
    assert_eq!(answer_of(&bank, &["不按交通信号灯指示通行"]), "6分");
    assert_eq!(answer_of(&bank, &["应急车道行驶的，一次记几分"]), "6分");
    // R163 Art.9: class mismatch 9 points.
    assert_eq!(answer_of(&bank, &["准驾车型不符"]), "9分");
    // R163 Art.11: handheld phone 3 points.
    assert_eq!(answer_of(&bank, &["手持电话的，一次记几分"]), "3分");
    // R163 Art.12: seat belt 1 point.
    assert_eq!(answer_of(&bank, &["未按规定系安全带的，一次记几分"]), "1分");
    // R163 Art.27: online study 30 minutes within 3 days for 1 point.
    assert_eq!(answer_of(&bank, &["网上学法减分"]), "30分钟");
    // R162 Art.63: renewal within 90 days before expiry.
    assert_eq!(answer_of(&bank, &["有效期满前多少日内申请换证"]), "90日");
    // R162 Art.76: 12-month probation.
    assert_eq!(answer_of(&bank, &["多长时间为实习期"]), "12个月");
    // R164 Art.47: new-car temporary plate at most 30 days.
    assert_eq!(answer_of(&bank, &["临时行驶车号牌有效期最长"]), "30日");
    // Regulation Art.78/80: 120 km/h for small passenger cars; 100 m above 100 km/h.
    assert_eq!(
        answer_of(&bank, &["小型载客汽车，最高车速"]),
        "120公里/小时"
    );
    assert_eq!(answer_of(&bank, &["车速超过每小时100公里"]), "100米");
}

#[test]
fn true_false_questions_are_not_all_true() {
    let bank = bank();
    let tf: Vec<&Question> = bank
        .questions
        .iter()
        .filter(|q| q.kind == Kind::TrueFalse)
        .collect();
    let false_ones = tf.iter().filter(|q| q.answer == [1]).count();
    assert!(
        false_ones * 5 >= tf.len(),
        "only {false_ones} of {} true/false statements are false",
        tf.len()
    );
}
