//! 网上考试 (学法减分): one question at a time from the drawn paper, the face checks that fall
//! before some questions, the time left on the simulated clock, 交卷, and the result: 合格 or
//! 不合格 with a review of every wrong answer (the right option, the explanation, the article).

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::keys::{Binding, Cmd, KeyPattern};
use super::widgets::{HEADING, LineWriter, MARKER, MUTED, OK, WARN, wrap};
use super::{Action, Ctx, Screen};
use crate::domain::exam::{Question, QuestionKind};
use crate::engine::application::State;
use crate::engine::stages::Local;
use crate::engine::step::Command;
use crate::flow::process::StageKind;
use KeyPattern::{Digit, Plain};
use crossterm::event::KeyCode::{BackTab, Char, Down, Enter, Esc, Left, Right, Tab, Up};

const EXAM_KEYS: &[Binding] = &[
    Binding {
        keys: &[Plain(Up)],
        cmd: Cmd::Up,
        hint: "",
        help: "上移一个选项；结果页上翻错题解析",
    },
    Binding {
        keys: &[Plain(Down)],
        cmd: Cmd::Down,
        hint: "选项",
        help: "下移一个选项；结果页下翻错题解析",
    },
    Binding {
        keys: &[Plain(Char(' '))],
        cmd: Cmd::Toggle,
        hint: "选择",
        help: "选中或取消光标所在的选项（多选题可选多个）",
    },
    Binding {
        keys: &[Digit],
        cmd: Cmd::Pick(0),
        hint: "",
        help: "按序号选中或取消第几个选项",
    },
    Binding {
        keys: &[Plain(Enter)],
        cmd: Cmd::Open,
        hint: "确定",
        help: "确认本题答案并进入下一题；考试开始前为实人认证，比对时为人脸比对",
    },
    Binding {
        keys: &[Plain(Tab), Plain(Right)],
        cmd: Cmd::NextFocus,
        hint: "",
        help: "下一题",
    },
    Binding {
        keys: &[Plain(BackTab), Plain(Left)],
        cmd: Cmd::PrevFocus,
        hint: "",
        help: "上一题",
    },
    Binding {
        keys: &[Plain(Char('s'))],
        cmd: Cmd::HandIn,
        hint: "交卷",
        help: "交卷（会先确认；未作答的题按答错计）",
    },
    Binding {
        keys: &[Plain(Esc)],
        cmd: Cmd::Back,
        hint: "返回",
        help: "返回网办进度；考试中会先确认，考试时间按模拟时钟继续计算",
    },
];

#[derive(Debug, Clone)]
pub struct ExamScreen {
    number: String,
    /// The question shown (from 0).
    at: usize,
    /// The option under the cursor.
    cursor: usize,
    /// The options chosen for the shown question, not yet confirmed.
    chosen: Vec<usize>,
    /// Lines of the review scrolled past, on the result pages.
    review_scroll: usize,
}

/// An option as the paper prints it: `A`, `B`, ...
fn option_letter(index: usize) -> char {
    char::from(b'A' + u8::try_from(index.min(25)).unwrap_or(25))
}

/// Options as letters (`A、C`), or 未作答.
fn letters(chosen: Option<&Vec<usize>>) -> String {
    match chosen {
        Some(c) if !c.is_empty() => c
            .iter()
            .map(|i| option_letter(*i).to_string())
            .collect::<Vec<_>>()
            .join("、"),
        _ => "未作答".to_string(),
    }
}

/// The review of a paper handed in: each question answered wrong, with the answer given, the
/// right one, the explanation and the article it tests (the bank holds them).
fn review_lines(state: &State, ctx: &Ctx, width: u16) -> Vec<(String, Style)> {
    let exam = state.local.exam();
    let mut lines = Vec::new();
    for (i, id) in exam.paper.iter().enumerate() {
        let Some(q) = ctx.resources.questions.get(id) else {
            continue;
        };
        let given = exam.answers.get(i).and_then(Option::as_ref);
        if given.is_some_and(|g| q.is_correct(g)) {
            continue;
        }
        for (n, line) in wrap(&format!("第{}题  {}", i + 1, q.text), width)
            .into_iter()
            .enumerate()
        {
            lines.push((if n == 0 { line } else { format!("  {line}") }, HEADING));
        }
        for (k, option) in q.options.iter().enumerate() {
            let style = if q.answer.contains(&k) {
                OK
            } else {
                Style::new()
            };
            lines.push((format!("  {} {option}", option_letter(k)), style));
        }
        lines.push((
            format!(
                "  您的答案：{}    正确答案：{}",
                letters(given),
                letters(Some(&q.answer))
            ),
            WARN,
        ));
        for line in wrap(
            &format!("解析：{}（{}）", q.explanation, q.article),
            width.saturating_sub(2),
        ) {
            lines.push((format!("  {line}"), MUTED));
        }
        lines.push((String::new(), Style::new()));
    }
    lines
}

impl ExamScreen {
    /// The exam page of application `number`, showing question `at` (from 0).
    pub fn new(number: String, at: usize) -> Self {
        Self {
            number,
            at,
            cursor: 0,
            chosen: Vec::new(),
            review_scroll: 0,
        }
    }

    /// The pass mark of the exam stage this state's paper was sat in (it may have been left).
    fn pass_percent(&self, state: &State, ctx: &Ctx) -> Option<u32> {
        let tracked = ctx.tracked(&self.number)?;
        let flow = ctx.catalog.flow(&tracked.application.flow_id)?;
        match flow
            .process
            .as_ref()?
            .stage(state.local_stage.as_deref()?)?
            .kind
        {
            StageKind::Exam { pass_percent, .. } => Some(pass_percent),
            _ => None,
        }
    }

    /// The last paper's verdict, 合格 or 不合格, and the review of what was answered wrong,
    /// scrolled by Up/Down.
    fn render_result(&self, state: &State, ctx: &Ctx, out: &mut LineWriter, buf: &mut Buffer) {
        let exam = state.local.exam();
        let Some(last) = exam.results.last() else {
            return;
        };
        let passed = self
            .pass_percent(state, ctx)
            .is_some_and(|p| last.passed(p));
        let verdict = match (last.voided, passed) {
            (true, _) => "无效（人脸比对未通过）",
            (false, true) => "合格",
            (false, false) => "不合格",
        };
        out.line(
            buf,
            &format!(
                "第{}次考试：答对{}/{}题，{verdict}",
                exam.results.len(),
                last.correct,
                last.total
            ),
            if passed { OK } else { WARN },
        );
        if last.voided {
            return;
        }
        let review = review_lines(state, ctx, out.width);
        if review.is_empty() {
            out.line(buf, "全部答对。", OK);
            return;
        }
        out.line(
            buf,
            &format!(
                "答错的题（{}题，Up/Down 翻看）：",
                last.total.saturating_sub(last.correct)
            ),
            MUTED,
        );
        for (text, style) in review.iter().skip(self.review_scroll) {
            out.line(buf, text, *style);
        }
    }

    /// The state while the application is in 网上考试.
    fn exam<'a>(&self, ctx: &Ctx<'a>) -> Option<&'a State> {
        let tracked = ctx.tracked(&self.number)?;
        let state = &tracked.state;
        let flow = ctx.catalog.flow(&tracked.application.flow_id)?;
        let stage = flow.process.as_ref()?.stage(state.stage.as_deref()?)?;
        (matches!(stage.kind, StageKind::Exam { .. }) && state.outcome.is_none()).then_some(state)
    }

    /// The exam stage's questions, seconds per question, pass mark and retakes, from the
    /// business file.
    fn limits(&self, ctx: &Ctx) -> Option<(u32, u32, u32, u32)> {
        let tracked = ctx.tracked(&self.number)?;
        let state = &tracked.state;
        let flow = ctx.catalog.flow(&tracked.application.flow_id)?;
        match flow.process.as_ref()?.stage(state.stage.as_deref()?)?.kind {
            StageKind::Exam {
                questions,
                seconds_per_question,
                pass_percent,
                retakes,
                ..
            } => Some((questions, seconds_per_question, pass_percent, retakes)),
            _ => None,
        }
    }

    fn question<'a>(&self, state: &State, ctx: &Ctx<'a>) -> Option<&'a Question> {
        ctx.resources
            .questions
            .get(state.local.exam().paper.get(self.at)?)
    }

    /// Shows question `at`, with its confirmed answer selected.
    fn go_to(&mut self, at: usize, state: &State) {
        self.at = at.min(state.local.exam().paper.len().saturating_sub(1));
        self.cursor = 0;
        self.chosen = state
            .local
            .exam()
            .answers
            .get(self.at)
            .cloned()
            .flatten()
            .unwrap_or_default();
    }

    fn choose(&mut self, option: usize, question: &Question) {
        if option >= question.options.len() {
            return;
        }
        if question.kind == QuestionKind::Multiple {
            if let Some(i) = self.chosen.iter().position(|c| *c == option) {
                self.chosen.remove(i);
            } else {
                self.chosen.push(option);
                self.chosen.sort_unstable();
            }
        } else {
            self.chosen = vec![option];
        }
    }

    fn at_u32(&self) -> u32 {
        u32::try_from(self.at).unwrap_or(u32::MAX)
    }

    /// The page between attempts: the last result and what Enter does next.
    fn render_between(&self, state: &State, ctx: &Ctx, out: &mut LineWriter, buf: &mut Buffer) {
        let (questions, seconds, pass_percent, retakes) = self.limits(ctx).unwrap_or_default();
        out.line(
            buf,
            &format!(
                "网上考试须知：随机抽{questions}题，每题{seconds}秒，共{}分钟；答对{pass_percent}%为合格；未合格可补考{retakes}次",
                questions.saturating_mul(seconds) / 60,
            ),
            HEADING,
        );
        out.wrapped(
            buf,
            "考试前和考试过程中需进行人脸比对，请本人独立作答。考试时间按模拟时钟计算，超时未交卷的按已作答的题目评分。",
            Style::new(),
        );
        out.gap();
        if !state.local.exam().results.is_empty() {
            out.line(buf, "按 Enter 前往补考（先进行实人认证）", MARKER);
            out.gap();
            self.render_result(state, ctx, out, buf);
        } else {
            out.line(buf, "按 Enter 进行实人认证并开始考试", MARKER);
        }
    }

    fn render_question(&self, state: &State, ctx: &Ctx, out: &mut LineWriter, buf: &mut Buffer) {
        let Some(question) = self.question(state, ctx) else {
            return;
        };
        let total = state.local.exam().paper.len();
        let answered = state
            .local
            .exam()
            .answers
            .iter()
            .filter(|a| a.is_some())
            .count();
        let left = state
            .local
            .exam()
            .ends
            .map(|end| (end - ctx.clock.now).num_seconds().max(0))
            .unwrap_or(0);
        out.line(
            buf,
            &format!(
                "第{}次考试  第{}/{total}题  {}  已答{answered}题  剩余时间 {}:{:02}",
                state.local.exam().attempts,
                self.at + 1,
                question.kind.label(),
                left / 60,
                left % 60
            ),
            HEADING,
        );
        if state.local.exam().check_due_before(self.at_u32()) {
            out.gap();
            out.line(
                buf,
                "考试过程人脸比对：请正对屏幕，按 Enter 开始比对，通过后继续答题",
                WARN,
            );
            return;
        }
        out.wrapped(buf, &question.text, Style::new());
        out.gap();
        for (i, option) in question.options.iter().enumerate() {
            let mark = match (question.kind, self.chosen.contains(&i)) {
                (QuestionKind::Multiple, true) => "[x]",
                (QuestionKind::Multiple, false) => "[ ]",
                (_, true) => "(*)",
                (_, false) => "( )",
            };
            let letter = char::from(b'A' + u8::try_from(i).unwrap_or(0));
            let style = if i == self.cursor {
                MARKER
            } else {
                Style::new()
            };
            out.wrapped(buf, &format!("{mark} {letter}. {option}"), style);
        }
        out.gap();
        let confirmed = state.local.exam().answers.get(self.at).cloned().flatten();
        let note = match confirmed {
            Some(_) if answered == total => ("已全部作答，按 s 交卷".to_string(), OK),
            Some(_) => ("本题已作答，可修改后按 Enter 确认".to_string(), MUTED),
            None => ("选择后按 Enter 确认".to_string(), MUTED),
        };
        out.line(buf, &note.0, note.1);
    }
}

impl Screen for ExamScreen {
    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        vec![
            "网办进度".to_string(),
            self.number.clone(),
            "网上考试".to_string(),
        ]
    }

    fn keys(&self) -> &'static [Binding] {
        EXAM_KEYS
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let inner = Rect::new(
            area.x + 1,
            area.y + 1,
            area.width.saturating_sub(2),
            area.height.saturating_sub(1),
        );
        let mut out = LineWriter::new(inner);
        let Some(state) = self.exam(ctx) else {
            out.line(buf, "考试结束。请按 Esc 返回网办进度查看下一步", MUTED);
            if let Some(tracked) = ctx.tracked(&self.number) {
                self.render_result(&tracked.state, ctx, &mut out, buf);
            }
            return None;
        };
        if state.local.exam().in_progress {
            self.render_question(state, ctx, &mut out, buf);
        } else {
            self.render_between(state, ctx, &mut out, buf);
        }
        None
    }

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let number = self.number.clone();
        let Some(state) = self.exam(ctx) else {
            return match cmd {
                Cmd::Back => Action::Pop,
                Cmd::Up => {
                    self.review_scroll = self.review_scroll.saturating_sub(1);
                    Action::None
                }
                Cmd::Down => {
                    self.review_scroll += 1;
                    Action::None
                }
                _ => Action::None,
            };
        };
        if !state.local.exam().in_progress {
            return match cmd {
                Cmd::Up => {
                    self.review_scroll = self.review_scroll.saturating_sub(1);
                    Action::None
                }
                Cmd::Down => {
                    self.review_scroll += 1;
                    Action::None
                }
                Cmd::Open => {
                    self.at = 0;
                    self.cursor = 0;
                    self.chosen.clear();
                    self.review_scroll = 0;
                    Action::Act {
                        number,
                        command: Command::BeginExam,
                    }
                }
                Cmd::Back => Action::Pop,
                _ => Action::None,
            };
        }
        if state.local.exam().answers.get(self.at).is_none() {
            self.go_to(0, state);
        }
        let check_due = state.local.exam().check_due_before(self.at_u32());
        let question = self.question(state, ctx);
        let options = question.map_or(0, |q| q.options.len());
        match cmd {
            Cmd::Up => self.cursor = self.cursor.saturating_sub(1),
            Cmd::Down => self.cursor = (self.cursor + 1).min(options.saturating_sub(1)),
            Cmd::Toggle => {
                if let Some(q) = question {
                    self.choose(self.cursor, q);
                }
            }
            Cmd::Pick(n) => {
                if let Some(q) = question {
                    self.cursor = n.min(options.saturating_sub(1));
                    self.choose(n, q);
                }
            }
            Cmd::NextFocus => self.go_to(self.at + 1, state),
            Cmd::PrevFocus => self.go_to(self.at.saturating_sub(1), state),
            Cmd::Open if check_due => {
                return Action::Act {
                    number,
                    command: Command::FaceCheck,
                };
            }
            Cmd::Open if self.chosen.is_empty() => {
                return Action::Notify("请先选择答案（空格或数字键选择）".to_string());
            }
            Cmd::Open => {
                let command = Command::Answer {
                    question: self.at_u32(),
                    chosen: self.chosen.clone(),
                };
                let next = (self.at + 1..state.local.exam().paper.len())
                    .find(|i| {
                        state
                            .local
                            .exam()
                            .answers
                            .get(*i)
                            .is_some_and(Option::is_none)
                    })
                    .unwrap_or(self.at + 1);
                let mut after = state.clone();
                if let Local::Exam(exam) = &mut after.local
                    && let Some(slot) = exam.answers.get_mut(self.at)
                {
                    *slot = Some(self.chosen.clone());
                }
                self.go_to(next, &after);
                return Action::Act { number, command };
            }
            Cmd::HandIn => {
                let unanswered = state
                    .local
                    .exam()
                    .answers
                    .iter()
                    .filter(|a| a.is_none())
                    .count();
                let text = if unanswered > 0 {
                    format!("还有{unanswered}题未作答，交卷后按答错计分。确定交卷吗？")
                } else {
                    "确定交卷吗？交卷后立即评分。".to_string()
                };
                return Action::ConfirmAct {
                    text,
                    number,
                    command: Command::HandIn,
                };
            }
            Cmd::Back => {
                return Action::ConfirmLeave(
                    "考试仍在计时，离开后时间照常流逝，超时未交卷的按已作答的题目评分。确定离开考试页面吗？"
                        .to_string(),
                );
            }
            _ => {}
        }
        Action::None
    }
}
