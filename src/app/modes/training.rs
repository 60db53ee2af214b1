//! `jiaoguan train` and `jiaoguan test`: a scenario's business done in the real app while a coach
//! watches the stream the app already produces (where the user is after each key, the dialogs it
//! shows, the engine events each commit appends) and compares it with the scenario: milestones
//! passed, mistakes made with the rule each broke, retries, the outcome against the one expected.
//! In training the side panel shows the hint for wherever the user is; in a test it shows none,
//! and the run is scored against the scenario's pass mark.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::engine::application::EventKind;
use crate::flow::Catalog;
use crate::flow::process::{Outcome, Signal};
use crate::flow::training::{Expected, Hint, Milestone, Scenario, Target};
use crate::ui::Place;
use crate::ui::coach::{CoachPanel, PanelHint, PanelMistake};

use super::report::Report;
use crate::ui::wizard::{AGREED, CODE, PAGE_CHECK};

/// Guided training or a scored test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Train,
    /// The trainee's name is asked at the start when not given on the command line.
    Test {
        trainee: Option<String>,
    },
}

/// A mistake, with what it broke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mistake {
    /// Where: the field, page or stage, as the user saw it.
    pub at: String,
    /// What happened, in the app's words.
    pub what: String,
    /// The rule broken: 《...》第...条, from the scenario's hint.
    pub rule: String,
    /// The hint's explanation of what was right.
    pub explain: String,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ending {
    Achieved,
    Missed(String),
}

/// The coach of one run.
pub struct Coach {
    pub scenario: Scenario,
    pub mode: Mode,
    title: String,
    began: Instant,
    began_at: NaiveDateTime,
    place: Place,
    /// The scenario's application and the stage it is in, from its events.
    number: Option<String>,
    stage: Option<String>,
    steps: Vec<String>,
    mistakes: Vec<Mistake>,
    retries: u32,
    reached: Vec<bool>,
    /// Fields and stages that had a mistake already: another one there is a retry.
    failed: BTreeSet<String>,
    /// Wrong options already counted (field, value), so a choice is faulted once.
    wrong_choices: BTreeSet<(String, String)>,
    last_dialog: Option<String>,
    ending: Option<Ending>,
    ended_at: Option<(Instant, NaiveDateTime)>,
}

fn target_words(target: &Target, catalog: &Catalog, business: &str) -> String {
    let process = catalog.flow(business).and_then(|f| f.process.as_ref());
    match target {
        Target::Notice => "业务须知".to_string(),
        Target::Subject => "选择办理对象".to_string(),
        Target::Page(title) => format!("页面「{title}」"),
        Target::Field(id) => process
            .and_then(|p| p.answerable_fields().find(|f| f.id == *id))
            .map_or(format!("字段 {id}"), |f| format!("「{}」", f.label)),
        Target::Stage(id) => process
            .and_then(|p| p.stage(id))
            .map_or(format!("阶段 {id}"), |s| format!("阶段「{}」", s.title)),
        Target::Refusal => "办理条件".to_string(),
    }
}

/// The label of option `value` of field `field`, as the applicant saw it.
fn option_label(catalog: &Catalog, business: &str, field: &str, value: &str) -> String {
    catalog
        .flow(business)
        .and_then(|f| f.process.as_ref())
        .and_then(|p| p.answerable_fields().find(|f| f.id == field))
        .and_then(|f| match &f.kind {
            crate::flow::process::FieldKind::Choice { options } => options
                .iter()
                .find(|o| o.value == value)
                .map(|o| o.label.split('：').next().unwrap_or(&o.label).to_string()),
            _ => None,
        })
        .unwrap_or_else(|| value.to_string())
}

fn milestone_words(milestone: &Milestone, catalog: &Catalog, business: &str) -> String {
    match milestone {
        Milestone::Page(title) => format!("到达页面「{title}」"),
        Milestone::Answer { field, value } => {
            let field_words = target_words(&Target::Field(field.clone()), catalog, business);
            match value {
                Some(value) => format!("{field_words}选择 {value}"),
                None => format!("填写{field_words}"),
            }
        }
        Milestone::Stage(id) => format!(
            "进入{}",
            target_words(&Target::Stage(id.clone()), catalog, business)
        ),
    }
}

fn expected_words(expected: &Expected, catalog: &Catalog, business: &str) -> String {
    match expected {
        Expected::Completed => "业务办结".to_string(),
        Expected::Refused(words) => format!("系统拒绝办理（{words}）"),
        Expected::Reaches(id) => target_words(&Target::Stage(id.clone()), catalog, business),
    }
}

/// A dialog that refuses: the precheck's 暂不能办理, a failed 提交.
fn is_refusal(text: &str) -> bool {
    text.starts_with("暂不能办理") || text.starts_with("提交失败")
}

impl Coach {
    pub fn new(scenario: Scenario, mode: Mode, catalog: &Catalog, now: NaiveDateTime) -> Coach {
        let title = catalog
            .flow(&scenario.business)
            .map_or(scenario.business.clone(), |f| f.title.clone());
        let reached = vec![false; scenario.milestones.len()];
        Coach {
            scenario,
            mode,
            title,
            began: Instant::now(),
            began_at: now,
            place: Place::default(),
            number: None,
            stage: None,
            steps: Vec::new(),
            mistakes: Vec::new(),
            retries: 0,
            reached,
            failed: BTreeSet::new(),
            wrong_choices: BTreeSet::new(),
            last_dialog: None,
            ending: None,
            ended_at: None,
        }
    }

    /// Whether the trainee's name is still to be asked.
    pub fn needs_trainee(&self) -> bool {
        matches!(self.mode, Mode::Test { trainee: None })
    }

    /// The trainee's name, given at the start of a test; the clock starts then.
    pub fn set_trainee(&mut self, name: &str) {
        self.mode = Mode::Test {
            trainee: Some(name.trim().to_string()),
        };
        self.began = Instant::now();
    }

    pub fn is_test(&self) -> bool {
        matches!(self.mode, Mode::Test { .. })
    }

    pub fn finished(&self) -> bool {
        self.ending.is_some()
    }

    fn hint(&self, target: &Target) -> Option<&Hint> {
        self.scenario.hint(target)
    }

    fn mistake(&mut self, target: &Target, at: String, what: String) {
        let key = format!("{target:?}");
        if !self.failed.insert(key) {
            self.retries += 1;
        }
        let (rule, explain) = self
            .hint(target)
            .or_else(|| self.hint(&Target::Refusal))
            .map_or((String::new(), String::new()), |h| {
                (h.rule.clone(), h.action.clone())
            });
        self.mistakes.push(Mistake {
            at,
            what,
            rule,
            explain,
        });
    }

    fn end(&mut self, now: NaiveDateTime, ending: Ending) {
        if self.ending.is_none() {
            self.ending = Some(ending);
            self.ended_at = Some((Instant::now(), now));
        }
    }

    /// After each key: where the user is now and the dialog on show.
    pub fn observe_screen(
        &mut self,
        place: Place,
        dialog: Option<&str>,
        catalog: &Catalog,
        now: NaiveDateTime,
    ) {
        if self.finished() {
            return;
        }
        let business = self.scenario.business.clone();
        if place.flow.as_deref() == Some(business.as_str()) {
            if place.page != self.place.page || place.step != self.place.step {
                let words = match (&place.page, &place.step) {
                    (Some(page), _) => target_words(page, catalog, &business),
                    (None, Some(step)) => step.clone(),
                    (None, None) => String::new(),
                };
                if !words.is_empty() {
                    self.steps.push(words);
                }
                self.check_choices(&place, catalog);
            }
            for (field, message) in &place.errors {
                if self.place.errors.get(field) == Some(message) {
                    continue;
                }
                if let Expected::Refused(words) = &self.scenario.expect
                    && message.contains(words.as_str())
                {
                    self.steps.push(format!("系统拒绝办理：{message}"));
                    self.end(now, Ending::Achieved);
                    return;
                }
                // A page's own check is the page's mistake, explained by the page's hint; the
                // 同意 tick and the SMS code are the notice's and the last step's.
                let (target, at) = match (field.as_str(), &place.page) {
                    (PAGE_CHECK, Some(page)) => {
                        (page.clone(), target_words(page, catalog, &business))
                    }
                    (AGREED, _) => (Target::Notice, "业务须知".to_string()),
                    (CODE, _) => (Target::Notice, "短信验证码".to_string()),
                    (PAGE_CHECK, None) => (Target::Refusal, "办理条件".to_string()),
                    _ => {
                        let target = Target::Field(field.clone());
                        let at = target_words(&target, catalog, &business);
                        (target, at)
                    }
                };
                self.mistake(&target, at, message.clone());
            }
            for (i, milestone) in self.scenario.milestones.iter().enumerate() {
                let now_reached = match milestone {
                    Milestone::Page(title) => place.page == Some(Target::Page(title.clone())),
                    Milestone::Answer { field, value } => place
                        .answers
                        .get(field)
                        .is_some_and(|v| !v.is_empty() && value.as_ref().is_none_or(|w| w == v)),
                    Milestone::Stage(_) => false,
                };
                self.reached[i] |= now_reached;
            }
            self.place = place;
        }
        let dialog = dialog.map(str::to_string);
        if dialog != self.last_dialog {
            if let Some(text) = &dialog {
                self.observe_dialog(text, catalog, now);
            }
            self.last_dialog = dialog;
        }
    }

    /// A chosen option other than the scenario's is a mistake, explained by the field's hint.
    fn check_choices(&mut self, place: &Place, catalog: &Catalog) {
        let wanted: Vec<(String, String)> = self
            .scenario
            .milestones
            .iter()
            .filter_map(|m| match m {
                Milestone::Answer {
                    field,
                    value: Some(value),
                } => Some((field.clone(), value.clone())),
                _ => None,
            })
            .collect();
        for (field, value) in wanted {
            let Some(given) = place.answers.get(&field).filter(|v| !v.is_empty()) else {
                continue;
            };
            if *given != value && self.wrong_choices.insert((field.clone(), given.clone())) {
                let target = Target::Field(field.clone());
                let at = target_words(&target, catalog, &self.scenario.business);
                let label = option_label(catalog, &self.scenario.business, &field, given);
                self.mistake(&target, at, format!("选择了不符合本场景的「{label}」"));
            }
        }
    }

    fn observe_dialog(&mut self, text: &str, catalog: &Catalog, now: NaiveDateTime) {
        if !is_refusal(text) {
            return;
        }
        if let Expected::Refused(words) = &self.scenario.expect
            && text.contains(words.as_str())
        {
            self.steps.push(format!("系统拒绝办理：{text}"));
            self.end(now, Ending::Achieved);
            return;
        }
        let at = target_words(&Target::Refusal, catalog, &self.scenario.business);
        self.mistake(&Target::Refusal, at, text.to_string());
    }

    /// The events one commit appended to application `number` of business `flow_id`.
    pub fn observe_events(
        &mut self,
        flow_id: &str,
        number: &str,
        events: &[EventKind],
        catalog: &Catalog,
        now: NaiveDateTime,
    ) {
        if self.finished() || flow_id != self.scenario.business {
            return;
        }
        if self.number.as_deref().is_some_and(|n| n != number) {
            return;
        }
        let business = self.scenario.business.clone();
        for event in events {
            match event {
                EventKind::Submitted { .. } => {
                    self.number = Some(number.to_string());
                    self.steps.push(format!("提交申请，受理编号 {number}"));
                }
                EventKind::Entered { stage, .. } => {
                    self.stage = Some(stage.clone());
                    let target = Target::Stage(stage.clone());
                    self.steps
                        .push(format!("进入{}", target_words(&target, catalog, &business)));
                    for (i, milestone) in self.scenario.milestones.iter().enumerate() {
                        if *milestone == Milestone::Stage(stage.clone()) {
                            self.reached[i] = true;
                        }
                    }
                    if self.scenario.expect == Expected::Reaches(stage.clone()) {
                        self.end(now, Ending::Achieved);
                        return;
                    }
                }
                EventKind::Signalled {
                    stage,
                    signal: Signal::Fail | Signal::Rejected,
                    reason,
                } => {
                    let reason = reason.clone().unwrap_or_default();
                    if let Expected::Refused(words) = &self.scenario.expect
                        && reason.contains(words.as_str())
                    {
                        self.steps.push(format!("系统拒绝办理：{reason}"));
                        self.end(now, Ending::Achieved);
                        return;
                    }
                    let target = Target::Stage(stage.clone());
                    let at = target_words(&target, catalog, &business);
                    self.mistake(&target, at, format!("未通过：{reason}"));
                }
                EventKind::Finished { outcome } => {
                    self.steps.push(format!("申请{}", outcome.label()));
                    let ending = match (&self.scenario.expect, outcome) {
                        (Expected::Completed, Outcome::Done) => Ending::Achieved,
                        _ => Ending::Missed(format!("申请以「{}」结束", outcome.label())),
                    };
                    self.end(now, ending);
                    return;
                }
                _ => {}
            }
        }
    }

    /// The user left before the outcome: the run ends unfinished.
    pub fn abandon(&mut self, now: NaiveDateTime) {
        self.end(now, Ending::Missed("未完成即结束".to_string()));
    }

    fn elapsed(&self) -> Duration {
        match self.ended_at {
            Some((at, _)) => at.duration_since(self.began),
            None => self.began.elapsed(),
        }
    }

    /// The score: 100 less the deductions (nothing when the outcome was missed).
    fn score(&self) -> u32 {
        let scoring = &self.scenario.scoring;
        if self.ending != Some(Ending::Achieved) {
            return 0;
        }
        let late = self.elapsed() > Duration::from_secs(u64::from(scoring.minutes) * 60);
        let deductions = scoring.per_mistake * self.mistakes.len() as u32
            + scoring.per_retry * self.retries
            + if late { scoring.late } else { 0 };
        100u32.saturating_sub(deductions)
    }

    /// The report of the run as it stands.
    pub fn report(&self, catalog: &Catalog) -> Report {
        let business = &self.scenario.business;
        let score = self.score();
        let achieved = self.ending == Some(Ending::Achieved);
        Report {
            scenario: self.scenario.id.clone(),
            title: self.scenario.title.clone(),
            business: self.title.clone(),
            mode: if self.is_test() { "考核" } else { "培训" }.to_string(),
            trainee: match &self.mode {
                Mode::Test { trainee } => trainee.clone(),
                Mode::Train => None,
            },
            started_at: self.began_at,
            seconds: self.elapsed().as_secs(),
            steps: self.steps.clone(),
            mistakes: self.mistakes.clone(),
            retries: self.retries,
            milestones: self
                .scenario
                .milestones
                .iter()
                .zip(&self.reached)
                .map(|(m, r)| (milestone_words(m, catalog, business), *r))
                .collect(),
            expected: expected_words(&self.scenario.expect, catalog, business),
            result: match &self.ending {
                Some(Ending::Achieved) => "达成预期结果".to_string(),
                Some(Ending::Missed(why)) => format!("未达成：{why}"),
                None => "进行中".to_string(),
            },
            achieved,
            score,
            pass_mark: self.scenario.scoring.pass_mark,
            passed: achieved && score >= self.scenario.scoring.pass_mark,
        }
    }

    /// What the side panel shows now.
    pub fn panel(&self, catalog: &Catalog) -> CoachPanel {
        let business = &self.scenario.business;
        let on_business = self.place.flow.as_deref() == Some(business.as_str());
        let target = if on_business && self.number.is_none() {
            self.place.target.clone()
        } else {
            self.stage.clone().map(Target::Stage)
        };
        let hint = |target: &Target| {
            self.hint(target).map(|h| PanelHint {
                at: target_words(target, catalog, business),
                action: h.action.clone(),
                why: h.why.clone(),
                rule: h.rule.clone(),
            })
        };
        let shown = if self.is_test() {
            None
        } else {
            match (&target, &self.place.step) {
                (Some(target), _) => hint(target),
                (None, Some(step)) if on_business && self.number.is_none() => {
                    self.closing_hint(step)
                }
                (None, _) => self.finding_hint(catalog),
            }
        };
        let reached = self.reached.iter().filter(|r| **r).count();
        CoachPanel {
            title: self.scenario.title.clone(),
            situation: self.scenario.situation.clone(),
            goal: format!(
                "办理「{}」，预期：{}",
                self.title,
                expected_words(&self.scenario.expect, catalog, business)
            ),
            hint: shown,
            mistake: if self.is_test() {
                None
            } else {
                self.mistakes.last().map(|m| PanelMistake {
                    at: m.at.clone(),
                    what: m.what.clone(),
                    rule: m.rule.clone(),
                })
            },
            progress: (reached, self.reached.len()),
            mistakes: self.mistakes.len(),
            test: self.is_test(),
            finished: self.finished(),
        }
    }

    /// 确认信息 and 短信验证, the steps every business ends its wizard with.
    fn closing_hint(&self, step: &str) -> Option<PanelHint> {
        let notice = self.hint(&Target::Notice)?;
        let action = if step == "短信验证" {
            "按 Enter 获取验证码，输入短信中的6位数字后提交。"
        } else {
            "逐项核对填写的信息，有误的按 Esc 回到上一步修改，无误后按 Enter。"
        };
        Some(PanelHint {
            at: step.to_string(),
            action: action.to_string(),
            why: "提交后即生成申请，由交管部门按顺序办理；短信验证码确认是本人在办理。".to_string(),
            rule: notice.rule.clone(),
        })
    }

    /// Before the business is open: where to find it, as its menu path says.
    fn finding_hint(&self, catalog: &Catalog) -> Option<PanelHint> {
        let flow = catalog.flow(&self.scenario.business)?;
        let path = flow.menu_paths.first()?;
        let notice = self.hint(&Target::Notice)?;
        Some(PanelHint {
            at: "找到业务".to_string(),
            action: format!(
                "从首页进入【{}】，打开「{}」。",
                path.join("】>【"),
                flow.title
            ),
            why: notice.why.clone(),
            rule: notice.rule.clone(),
        })
    }
}

/// A scenario's own session: a fresh folder seeded with the demo data, the clock at the
/// scenario's start and its persona signed in, removed when the run ends. A trainee's run never
/// touches anyone's data, and every run of a scenario starts the same.
pub fn scenario_session(
    assets: &crate::assets::AssetSource,
    scenario: &Scenario,
    default_clock: NaiveDateTime,
    seed: u64,
) -> anyhow::Result<(tempfile::TempDir, super::super::session::Session)> {
    use anyhow::Context;
    let temp = tempfile::tempdir().context("无法创建培训用的临时数据目录")?;
    let dir = crate::store::DataDir::open(temp.path())?;
    let plan = super::super::session::SeedPlan {
        clock_start: scenario.clock.unwrap_or(default_clock),
        default_persona: scenario.persona.clone(),
        seed: scenario.seed.unwrap_or(seed),
    };
    let session = super::super::session::Session::open(dir, assets, &plan)?;
    Ok((temp, session))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::training::Scoring;

    fn catalog() -> Catalog {
        crate::assets::load_catalog(&crate::assets::AssetSource::Embedded)
            .ok()
            .and_then(Result::ok)
            .unwrap_or_else(|| panic!("the shipped catalog loads"))
    }

    fn hint(at: Target, rule: &str) -> Hint {
        Hint {
            at,
            action: format!("{rule}的做法"),
            why: "原因".to_string(),
            rule: rule.to_string(),
        }
    }

    /// A 审验 scenario wanting 现场教育, with hints for the method field and the refusal.
    fn scenario(expect: Expected) -> Scenario {
        Scenario {
            id: "t".to_string(),
            title: "测试".to_string(),
            situation: String::new(),
            persona: "wagon_driver_a2".to_string(),
            clock: None,
            business: "driver_review_education".to_string(),
            expect,
            milestones: vec![Milestone::Answer {
                field: "method".to_string(),
                value: Some("onsite".to_string()),
            }],
            hints: vec![
                hint(Target::Field("method".to_string()), "《甲》第一条"),
                hint(Target::Refusal, "《乙》第二条"),
                hint(Target::Page("选择教育方式".to_string()), "《丙》第三条"),
            ],
            model_answer: None,
            seed: None,
            scoring: Scoring {
                pass_mark: 80,
                per_mistake: 10,
                per_retry: 5,
                minutes: 60,
                late: 10,
            },
        }
    }

    fn at(page: &str, answers: &[(&str, &str)], errors: &[(&str, &str)]) -> Place {
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        Place {
            flow: Some("driver_review_education".to_string()),
            target: Some(Target::Page(page.to_string())),
            page: Some(Target::Page(page.to_string())),
            step: None,
            errors: map(errors),
            answers: map(answers),
        }
    }

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default()
    }

    /// An error is a mistake with the field's rule; the same field failing again is a retry;
    /// a wrong option is named by its label; the score takes each off.
    #[test]
    fn mistakes_and_retries_are_counted_with_their_rules() {
        let catalog = catalog();
        let mut coach = Coach::new(scenario(Expected::Completed), Mode::Train, &catalog, now());
        let page = "选择教育方式";
        coach.observe_screen(
            at(page, &[], &[("method", "请选择教育方式")]),
            None,
            &catalog,
            now(),
        );
        coach.observe_screen(
            at(page, &[], &[("method", "请选择教育方式")]),
            None,
            &catalog,
            now(),
        );
        coach.observe_screen(at(page, &[], &[]), None, &catalog, now());
        coach.observe_screen(
            at(page, &[], &[("method", "不可选")]),
            None,
            &catalog,
            now(),
        );
        coach.observe_screen(
            at("身体情况申报", &[("method", "online")], &[]),
            None,
            &catalog,
            now(),
        );
        let done = [EventKind::Finished {
            outcome: Outcome::Done,
        }];
        coach.observe_events("driver_review_education", "1", &done, &catalog, now());
        let report = coach.report(&catalog);
        let whats: Vec<&str> = report.mistakes.iter().map(|m| m.what.as_str()).collect();
        assert_eq!(
            whats,
            [
                "请选择教育方式",
                "不可选",
                "选择了不符合本场景的「网络教育」"
            ],
            "an unchanged error is not a new mistake"
        );
        assert!(report.mistakes.iter().all(|m| m.rule == "《甲》第一条"));
        assert_eq!(report.mistakes[0].at, "「教育方式」");
        assert_eq!(report.retries, 2);
        assert_eq!(report.score, 100 - 3 * 10 - 2 * 5);
        assert!(
            report.achieved && !report.passed,
            "60 is under the pass mark of 80"
        );
        assert_eq!(
            report.milestones,
            vec![("「教育方式」选择 onsite".to_string(), false)]
        );
    }

    /// A refusal the scenario expects ends it achieved; one it does not is a mistake with the
    /// refusal's rule; an application ending other than 办结 misses a completion.
    #[test]
    fn the_outcome_is_compared_with_the_expected_one() {
        let catalog = catalog();
        let mut refused = Coach::new(
            scenario(Expected::Refused("实习期".to_string())),
            Mode::Train,
            &catalog,
            now(),
        );
        refused.observe_screen(
            Place::default(),
            Some("暂不能办理「驾驶人审验」：已记满"),
            &catalog,
            now(),
        );
        assert!(!refused.finished());
        assert_eq!(refused.report(&catalog).mistakes[0].rule, "《乙》第二条");
        refused.observe_screen(
            Place::default(),
            Some("暂不能办理「驾驶人审验」：驾驶证在实习期内"),
            &catalog,
            now(),
        );
        assert!(refused.finished() && refused.report(&catalog).achieved);

        let mut missed = Coach::new(
            scenario(Expected::Completed),
            Mode::Test {
                trainee: Some("甲".into()),
            },
            &catalog,
            now(),
        );
        let void = [EventKind::Finished {
            outcome: Outcome::Void,
        }];
        missed.observe_events("driver_review_education", "1", &void, &catalog, now());
        let report = missed.report(&catalog);
        assert!(!report.achieved && !report.passed);
        assert_eq!(report.score, 0);
        assert_eq!(report.result, "未达成：申请以「已失效」结束");
        assert_eq!(report.mode, "考核");
        assert!(
            missed.panel(&catalog).hint.is_none(),
            "a test shows no hints"
        );
    }
}
