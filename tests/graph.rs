//! `jiaoguan graph`: every shipped business drawn as Mermaid and as DOT, each parsed back and
//! compared with the business file (every stage, every transition, the start and the ends).

mod common;

use std::collections::BTreeSet;

use common::{jiaoguan, stderr, stdout};
use jiaoguan::assets::{AssetSource, load_catalog};
use jiaoguan::flow::process::{Process, StageKind};

/// The stages and edges a diagram must hold for `process`: `(from, to)`, with `[*]` for the
/// start and the end.
fn expected(process: &Process) -> (BTreeSet<String>, BTreeSet<(String, String)>) {
    let stages = process.stages.iter().map(|s| s.id.clone()).collect();
    let mut edges = BTreeSet::new();
    if let Some(first) = process.stages.first() {
        edges.insert(("[*]".to_string(), first.id.clone()));
    }
    for stage in &process.stages {
        for t in &stage.on {
            edges.insert((stage.id.clone(), t.to.clone()));
        }
        if matches!(stage.kind, StageKind::Terminal(_)) {
            edges.insert((stage.id.clone(), "[*]".to_string()));
        }
    }
    (stages, edges)
}

/// The stages (`state "…" as id`) and edges (`a --> b : label`) of a Mermaid diagram.
fn parse_mermaid(text: &str) -> (BTreeSet<String>, BTreeSet<(String, String)>) {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("stateDiagram-v2"), "{text}");
    let (mut stages, mut edges) = (BTreeSet::new(), BTreeSet::new());
    for line in lines.map(str::trim) {
        if let Some(rest) = line.strip_prefix("state \"") {
            let (title, id) = rest.split_once("\" as ").expect("state line");
            assert!(!title.is_empty() && !title.contains('"'), "{line}");
            stages.insert(id.to_string());
        } else {
            let (edge, label) = line.split_once(" : ").unwrap_or((line, ""));
            let (from, to) = edge.split_once(" --> ").expect("edge line");
            assert!(!label.contains(':') && !label.contains(';'), "{line}");
            edges.insert((from.to_string(), to.to_string()));
        }
    }
    (stages, edges)
}

/// The same from a DOT diagram, its `__start` and `__end` read as `[*]`.
fn parse_dot(text: &str) -> (BTreeSet<String>, BTreeSet<(String, String)>) {
    assert!(
        text.starts_with("digraph \"") && text.trim_end().ends_with('}'),
        "{text}"
    );
    let unquote = |s: &str| {
        let id = s.trim().trim_matches('"').to_string();
        match id.as_str() {
            "__start" | "__end" => "[*]".to_string(),
            _ => id,
        }
    };
    let (mut stages, mut edges) = (BTreeSet::new(), BTreeSet::new());
    for line in text.lines().map(str::trim).filter(|l| l.starts_with('"')) {
        let head = line
            .split(" [")
            .next()
            .unwrap_or(line)
            .trim_end_matches(';');
        match head.split_once(" -> ") {
            Some((from, to)) => {
                edges.insert((unquote(from), unquote(to)));
            }
            None => {
                let id = unquote(head);
                if id != "[*]" {
                    stages.insert(id);
                }
            }
        }
    }
    (stages, edges)
}

#[test]
fn every_business_is_drawn_whole_in_mermaid_and_dot() {
    let catalog = load_catalog(&AssetSource::Embedded)
        .expect("assets")
        .expect("catalog");
    let mut drawn = 0;
    for flow in catalog.flows() {
        let Some(process) = flow.process.as_ref() else {
            continue;
        };
        let want = expected(process);
        let mermaid = jiaoguan(&["graph", &flow.id]);
        assert!(mermaid.status.success(), "{}", stderr(&mermaid));
        assert_eq!(parse_mermaid(&stdout(&mermaid)), want, "{}", flow.id);
        let dot = jiaoguan(&["graph", &flow.id, "--dot"]);
        assert!(dot.status.success(), "{}", stderr(&dot));
        assert_eq!(parse_dot(&stdout(&dot)), want, "{} (dot)", flow.id);
        drawn += 1;
    }
    assert_eq!(drawn, 25, "every shipped business has stages");
}

#[test]
fn a_business_is_found_by_its_title_and_an_unknown_one_is_refused() {
    let by_title = jiaoguan(&["graph", "满分学习考试"]);
    assert!(by_title.status.success());
    assert!(stdout(&by_title).contains("state \"满分学习（现场、网络、自主学习）\" as education"));
    assert!(
        stdout(&by_title).contains("accepted --> education : 通过"),
        "{}",
        stdout(&by_title)
    );
    let unknown = jiaoguan(&["graph", "不存在的业务"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("没有业务「不存在的业务」"));
}
