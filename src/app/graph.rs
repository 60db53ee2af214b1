//! `jiaoguan graph BUSINESS`: a business's stages and transitions as a state diagram, Mermaid
//! `stateDiagram-v2` for slides and reviews, or Graphviz DOT. Each stage is its title; each
//! transition its signal in the timeline's words, with the condition it waits for when guarded;
//! an ending stage leads to the end with its outcome.

use crate::engine::rules::describe;
use crate::flow::FlowDef;
use crate::flow::process::{FieldKind, Guard, Process, StageKind, Transition};

/// The diagram languages `graph` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}

/// A condition in words; a branch on an answer names the field and the option as the
/// applicant saw them (教育方式为现场教育).
fn condition(guard: &Guard, process: &Process) -> String {
    if let Guard::AnswerIs(field, value) = guard
        && let Some(f) = process.answerable_fields().find(|f| f.id == *field)
    {
        let option = match &f.kind {
            FieldKind::Choice { options } => options
                .iter()
                .find(|o| o.value == *value)
                .map(|o| o.label.split('：').next().unwrap_or(&o.label).to_string()),
            _ => None,
        };
        return format!("{}为{}", f.label, option.unwrap_or_else(|| value.clone()));
    }
    describe(guard)
}

/// A transition's label: its signal, and the condition when it has one.
fn edge_label(transition: &Transition, process: &Process) -> String {
    match &transition.only_if {
        Some(guard) => format!(
            "{}（若{}）",
            transition.when.label(),
            condition(guard, process)
        ),
        None => transition.when.label().to_string(),
    }
}

/// Text safe inside a Mermaid label: its syntax characters replaced by full-width ones.
fn mermaid_text(text: &str) -> String {
    text.replace('"', "＂")
        .replace(':', "：")
        .replace(';', "；")
        .replace('#', "＃")
}

/// Text safe inside a DOT string.
fn dot_text(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

fn mermaid(process: &Process) -> String {
    let mut out = vec!["stateDiagram-v2".to_string()];
    if let Some(first) = process.stages.first() {
        out.push(format!("    [*] --> {}", first.id));
    }
    for stage in &process.stages {
        out.push(format!(
            "    state \"{}\" as {}",
            mermaid_text(&stage.title),
            stage.id
        ));
    }
    for stage in &process.stages {
        for transition in &stage.on {
            out.push(format!(
                "    {} --> {} : {}",
                stage.id,
                transition.to,
                mermaid_text(&edge_label(transition, process))
            ));
        }
        if let StageKind::Terminal(outcome) = stage.kind {
            out.push(format!("    {} --> [*] : {}", stage.id, outcome.label()));
        }
    }
    out.join("\n")
}

fn dot(flow: &FlowDef, process: &Process) -> String {
    let mut out = vec![
        format!("digraph \"{}\" {{", dot_text(&flow.id)),
        format!("    label=\"{}\";", dot_text(&flow.title)),
        "    node [shape=box];".to_string(),
        "    \"__start\" [shape=point];".to_string(),
        "    \"__end\" [shape=doublecircle, label=\"\"];".to_string(),
    ];
    if let Some(first) = process.stages.first() {
        out.push(format!("    \"__start\" -> \"{}\";", dot_text(&first.id)));
    }
    for stage in &process.stages {
        out.push(format!(
            "    \"{}\" [label=\"{}\"];",
            dot_text(&stage.id),
            dot_text(&stage.title)
        ));
    }
    for stage in &process.stages {
        for transition in &stage.on {
            out.push(format!(
                "    \"{}\" -> \"{}\" [label=\"{}\"];",
                dot_text(&stage.id),
                dot_text(&transition.to),
                dot_text(&edge_label(transition, process))
            ));
        }
        if let StageKind::Terminal(outcome) = stage.kind {
            out.push(format!(
                "    \"{}\" -> \"__end\" [label=\"{}\"];",
                dot_text(&stage.id),
                outcome.label()
            ));
        }
    }
    out.push("}".to_string());
    out.join("\n")
}

/// The diagram of `flow`, or why there is none (a business without stages).
pub fn graph(flow: &FlowDef, format: GraphFormat) -> Result<String, String> {
    let process = flow.process.as_ref().ok_or_else(|| {
        format!(
            "「{}」没有办理流程（只有业务须知），没有可画的阶段",
            flow.title
        )
    })?;
    Ok(match format {
        GraphFormat::Mermaid => mermaid(process),
        GraphFormat::Dot => dot(flow, process),
    })
}
