//! Training scenarios (`assets/training/<id>.ron`): who the trainee is and when, the business to
//! do and the outcome expected (some scenarios expect a refusal), the milestones on the way, a
//! hint with its rule for every page, field and stage, and how the run is scored. `lint` checks a
//! scenario against its business so a trainer's mistake shows in `jiaoguan check`, not in class.

use std::collections::{BTreeSet, VecDeque};

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::process::{FieldKind, Outcome, Process, StageKind};
use super::{Catalog, FlowDef, Problem};

/// One scenario.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Equal to the file stem.
    pub id: String,
    pub title: String,
    /// The situation as the trainee is told it.
    pub situation: String,
    /// The account the trainee is signed in as.
    pub persona: String,
    /// The simulated time the scenario starts at; the demo's start time when absent.
    #[serde(default)]
    pub clock: Option<NaiveDateTime>,
    /// The business to do, by id.
    pub business: String,
    pub expect: Expected,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    pub hints: Vec<Hint>,
    /// The key script of a model run (the `play` key syntax): `train --watch` plays it so the
    /// trainee first sees it done, and the tests play it to the expected outcome.
    #[serde(default)]
    pub model_answer: Option<String>,
    /// The seed of the random draws (SMS codes, exam papers, candidate plates), so every run
    /// of the scenario meets the same situation; the command line's `--seed` otherwise.
    #[serde(default)]
    pub seed: Option<u64>,
    pub scoring: Scoring,
}

/// How the run should end.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub enum Expected {
    /// The application is 办结.
    Completed,
    /// The system refuses, with a reason holding these words (学法减分 in the 实习期).
    Refused(String),
    /// The application reaches this stage (the run stops there: a window visit, a wait).
    Reaches(String),
}

/// A point the trainee must pass on the way.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub enum Milestone {
    /// A wizard page, by its title.
    Page(String),
    /// A field answered; with a value, that option (a wrong one is a mistake).
    Answer {
        field: String,
        #[serde(default)]
        value: Option<String>,
    },
    /// A stage of the application, by id.
    Stage(String),
}

/// What a hint is about.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// The 业务须知 page and its 同意 step.
    Notice,
    /// The subject page (选择驾驶证, 选择机动车 ...).
    Subject,
    /// A wizard page, by title.
    Page(String),
    /// A field, by id.
    Field(String),
    /// A stage, by id.
    Stage(String),
    /// What a refusal means (for scenarios that expect one).
    Refusal,
}

/// What the side panel says at a target.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    pub at: Target,
    /// 怎么做.
    #[serde(rename = "do")]
    pub action: String,
    /// 为什么.
    pub why: String,
    /// 依据: 《...》第...条.
    pub rule: String,
}

/// How a run is scored: 100 less the deductions; it passes at `pass_mark` with the expected
/// outcome reached.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub pass_mark: u32,
    /// Taken off for each mistake (a validation error, a wrong choice, an unexpected refusal).
    pub per_mistake: u32,
    /// Taken off for each retry (the same field or step failing again).
    pub per_retry: u32,
    /// The time allowed, in minutes of wall time; past it `late` is taken off.
    pub minutes: u32,
    pub late: u32,
}

impl Scenario {
    /// The hint for `target`, if the scenario has one.
    pub fn hint(&self, target: &Target) -> Option<&Hint> {
        self.hints.iter().find(|h| h.at == *target)
    }
}

/// The stages reachable from the first one by the transitions.
fn reachable(process: &Process) -> BTreeSet<&str> {
    let mut seen = BTreeSet::new();
    let mut queue: VecDeque<&str> = process
        .stages
        .first()
        .map(|s| s.id.as_str())
        .into_iter()
        .collect();
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(stage) = process.stages.iter().find(|s| s.id == id) {
            queue.extend(stage.on.iter().map(|t| t.to.as_str()));
        }
    }
    seen
}

/// The stages from which a stage that `is_goal` accepts can still be reached (the goals too).
fn leading_to(
    process: &Process,
    is_goal: impl Fn(&super::process::Stage) -> bool,
) -> BTreeSet<&str> {
    let mut found: BTreeSet<&str> = process
        .stages
        .iter()
        .filter(|s| is_goal(s))
        .map(|s| s.id.as_str())
        .collect();
    loop {
        let before = found.len();
        for stage in &process.stages {
            if stage.on.iter().any(|t| found.contains(t.to.as_str())) {
                found.insert(stage.id.as_str());
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// What a completing run passes through and so must have a hint: the notice, the subject, every
/// page and field of the wizard and of its tasks, every reachable stage that is not an end.
fn hinted_targets(process: &Process) -> Vec<Target> {
    let mut targets = vec![Target::Notice, Target::Subject];
    for page in &process.pages {
        targets.push(Target::Page(page.title.clone()));
    }
    targets.extend(
        process
            .answerable_fields()
            .map(|f| Target::Field(f.id.clone())),
    );
    let reachable = reachable(process);
    targets.extend(
        process
            .stages
            .iter()
            .filter(|s| {
                reachable.contains(s.id.as_str()) && !matches!(s.kind, StageKind::Terminal(_))
            })
            .map(|s| Target::Stage(s.id.clone())),
    );
    targets
}

fn describe(target: &Target) -> String {
    match target {
        Target::Notice => "业务须知".to_string(),
        Target::Subject => "选择办理对象".to_string(),
        Target::Page(title) => format!("页面「{title}」"),
        Target::Field(id) => format!("字段「{id}」"),
        Target::Stage(id) => format!("阶段「{id}」"),
        Target::Refusal => "拒绝办理".to_string(),
    }
}

/// Whether `target` names something the business has.
fn exists(target: &Target, process: &Process) -> bool {
    match target {
        Target::Notice | Target::Subject | Target::Refusal => true,
        Target::Page(title) => process.pages.iter().any(|p| p.title == *title),
        Target::Field(id) => process.answerable_fields().any(|f| f.id == *id),
        Target::Stage(id) => process.stages.iter().any(|s| s.id == *id),
    }
}

/// Checks `scenario` against the catalog and the personas: an unknown business, persona, page,
/// field, option or stage; a milestone no transition reaches; a hint missing, empty or without
/// its article.
pub fn lint(
    scenario: &Scenario,
    file: &str,
    catalog: &Catalog,
    personas: &[String],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut problem = |message: String| {
        problems.push(Problem {
            file: file.to_string(),
            message,
        })
    };
    if !file.ends_with(&format!("{}.ron", scenario.id)) {
        problem(format!("场景编号 {} 与文件名不一致", scenario.id));
    }
    if !personas.contains(&scenario.persona) {
        problem(format!("没有演示账号 {}", scenario.persona));
    }
    let Some(flow) = catalog.flow(&scenario.business) else {
        problem(format!("没有业务 {}", scenario.business));
        return problems;
    };
    let Some(process) = &flow.process else {
        problem(format!("业务 {} 没有办理流程", scenario.business));
        return problems;
    };
    lint_milestones(scenario, flow, process, &mut problem);
    for hint in &scenario.hints {
        if !exists(&hint.at, process) {
            problem(format!("提示所指的{}在业务中不存在", describe(&hint.at)));
        }
        if hint.action.trim().is_empty() || hint.why.trim().is_empty() {
            problem(format!(
                "{}的提示缺少「怎么做」或「为什么」",
                describe(&hint.at)
            ));
        }
        if !(hint.rule.contains('《') && hint.rule.contains('》') && hint.rule.contains('第')) {
            problem(format!(
                "{}的提示依据应写成《...》第...条，而不是「{}」",
                describe(&hint.at),
                hint.rule
            ));
        }
    }
    let mut required = vec![Target::Notice];
    match &scenario.expect {
        Expected::Refused(_) => required.push(Target::Refusal),
        Expected::Completed | Expected::Reaches(_) => required.extend(hinted_targets(process)),
    }
    for milestone in &scenario.milestones {
        required.push(match milestone {
            Milestone::Page(title) => Target::Page(title.clone()),
            Milestone::Answer { field, .. } => Target::Field(field.clone()),
            Milestone::Stage(id) => Target::Stage(id.clone()),
        });
    }
    let mut missing = BTreeSet::new();
    for target in required {
        if scenario.hint(&target).is_none()
            && exists(&target, process)
            && missing.insert(target.clone())
        {
            problem(format!("缺少{}的提示", describe(&target)));
        }
    }
    if scenario.scoring.pass_mark > 100 {
        problem("及格分不能超过100".to_string());
    }
    problems
}

fn lint_milestones(
    scenario: &Scenario,
    flow: &FlowDef,
    process: &Process,
    problem: &mut impl FnMut(String),
) {
    let reachable = reachable(process);
    // A milestone counts only on a way to the outcome expected: past it, the outcome must
    // still be reachable (a 办结 for a completion, the stage for a `Reaches`).
    let towards = match &scenario.expect {
        Expected::Completed => Some((
            leading_to(process, |s| s.kind == StageKind::Terminal(Outcome::Done)),
            "业务办结".to_string(),
        )),
        Expected::Reaches(goal) => Some((
            leading_to(process, |s| s.id == *goal),
            format!("阶段 {goal}"),
        )),
        Expected::Refused(_) => None,
    };
    let stage_ok = |id: &str, what: &str, problem: &mut dyn FnMut(String)| {
        if !process.stages.iter().any(|s| s.id == id) {
            problem(format!("{what}的阶段 {id} 不在业务「{}」中", flow.title));
        } else if !reachable.contains(id) {
            problem(format!("{what}的阶段 {id} 从受理起无法到达"));
        } else if let Some((leading, goal)) = &towards
            && !leading.contains(id)
        {
            problem(format!(
                "{what}的阶段 {id} 之后无法再到达预期结果（{goal}），这个要点达不到"
            ));
        }
    };
    if let Expected::Reaches(id) = &scenario.expect {
        stage_ok(id, "预期结果", problem);
    }
    for milestone in &scenario.milestones {
        match milestone {
            Milestone::Page(title) => {
                if !process.pages.iter().any(|p| p.title == *title) {
                    problem(format!(
                        "要点中的页面「{title}」不在业务「{}」中",
                        flow.title
                    ));
                }
            }
            Milestone::Answer { field, value } => {
                match process.answerable_fields().find(|f| f.id == *field) {
                    None => problem(format!("要点中的字段 {field} 不在业务「{}」中", flow.title)),
                    Some(f) => {
                        if let (FieldKind::Choice { options }, Some(value)) = (&f.kind, value)
                            && !options.iter().any(|o| o.value == *value)
                        {
                            problem(format!("要点中字段「{}」没有选项 {value}", f.label));
                        }
                    }
                }
            }
            Milestone::Stage(id) => stage_ok(id, "要点", problem),
        }
    }
}
