//! The 学法减分 online exam: the question bank in `assets/exam/questions.ron`, setting a paper and
//! scoring it. Pure: draws take their random numbers as input.

use serde::Deserialize;

/// `assets/exam/questions.ron`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionBank {
    pub questions: Vec<Question>,
}

/// One question, written for this project, with the article it tests.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// `q001`.
    pub id: String,
    pub kind: QuestionKind,
    pub text: String,
    pub options: Vec<String>,
    /// Indexes of the correct options; a multiple-choice question has at least two.
    pub answer: Vec<usize>,
    /// The article it tests, as 《…》第N条.
    pub article: String,
    pub explanation: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum QuestionKind {
    /// 单选题: one of four.
    Single,
    /// 判断题: 正确 or 错误.
    TrueFalse,
    /// 多选题: every correct option and no other.
    Multiple,
}

impl QuestionKind {
    pub fn label(self) -> &'static str {
        match self {
            QuestionKind::Single => "单选题",
            QuestionKind::TrueFalse => "判断题",
            QuestionKind::Multiple => "多选题",
        }
    }
}

impl Question {
    /// Whether the chosen options are exactly the correct ones (order does not matter).
    pub fn is_correct(&self, chosen: &[usize]) -> bool {
        let mut chosen = chosen.to_vec();
        chosen.sort_unstable();
        chosen.dedup();
        let mut answer = self.answer.clone();
        answer.sort_unstable();
        chosen == answer
    }
}

impl QuestionBank {
    pub fn get(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// `count` distinct question ids for one paper, picked by the random numbers `draws` gives
    /// (a partial Fisher-Yates shuffle), so a seeded generator always sets the same paper.
    pub fn draw(&self, count: usize, mut draws: impl FnMut(u64) -> u64) -> Vec<String> {
        let mut ids: Vec<&str> = self.questions.iter().map(|q| q.id.as_str()).collect();
        let count = count.min(ids.len());
        for i in 0..count {
            let left = u64::try_from(ids.len() - i).unwrap_or(u64::MAX);
            let pick = i + usize::try_from(draws(left)).unwrap_or(0) % (ids.len() - i);
            ids.swap(i, pick);
        }
        ids.truncate(count);
        ids.into_iter().map(str::to_string).collect()
    }

    /// How many of the paper's questions were answered correctly; an unanswered or unknown
    /// question counts as wrong.
    pub fn score(&self, paper: &[String], answers: &[Option<Vec<usize>>]) -> u32 {
        let correct = paper.iter().enumerate().filter(|(i, id)| {
            match (self.get(id), answers.get(*i).and_then(Option::as_ref)) {
                (Some(question), Some(chosen)) => question.is_correct(chosen),
                _ => false,
            }
        });
        u32::try_from(correct.count()).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> QuestionBank {
        let q = |id: &str, kind, answer: Vec<usize>| Question {
            id: id.into(),
            kind,
            text: format!("题目{id}"),
            options: vec!["甲".into(), "乙".into(), "丙".into(), "丁".into()],
            answer,
            article: "第一条".into(),
            explanation: String::new(),
        };
        QuestionBank {
            questions: vec![
                q("q001", QuestionKind::Single, vec![2]),
                q("q002", QuestionKind::TrueFalse, vec![0]),
                q("q003", QuestionKind::Multiple, vec![0, 3]),
                q("q004", QuestionKind::Single, vec![1]),
            ],
        }
    }

    #[test]
    fn a_multiple_choice_answer_needs_every_correct_option_and_no_other() {
        let bank = bank();
        let q = bank.get("q003").unwrap_or_else(|| panic!("q003"));
        assert!(q.is_correct(&[3, 0]));
        assert!(!q.is_correct(&[0]));
        assert!(!q.is_correct(&[0, 1, 3]));
    }

    #[test]
    fn a_paper_is_distinct_and_repeatable() {
        let bank = bank();
        let mut n = 0u64;
        let paper = bank.draw(3, |below| {
            n += 7;
            n % below
        });
        assert_eq!(paper.len(), 3);
        let unique: std::collections::BTreeSet<_> = paper.iter().collect();
        assert_eq!(unique.len(), 3);
        let mut m = 0u64;
        assert_eq!(
            bank.draw(3, |below| {
                m += 7;
                m % below
            }),
            paper
        );
        assert_eq!(bank.draw(10, |_| 0).len(), 4, "never more than the bank");
    }

    #[test]
    fn unanswered_questions_count_as_wrong() {
        let bank = bank();
        let paper: Vec<String> = ["q001", "q002", "q003", "q004"].map(String::from).to_vec();
        let answers = vec![Some(vec![2]), None, Some(vec![0, 3]), Some(vec![0])];
        assert_eq!(bank.score(&paper, &answers), 2);
        assert_eq!(bank.score(&paper, &[]), 0);
    }
}
