//! The report of a coached run: what it holds, as Markdown for people and JSON for
//! `jiaoguan report`, saved in the data folder's `reports/`; and the table `report` prints.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::training::Mistake;

/// The saved result of a run: the report's contents, written as Markdown and JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub scenario: String,
    pub title: String,
    pub business: String,
    pub mode: String,
    pub trainee: Option<String>,
    pub started_at: NaiveDateTime,
    pub seconds: u64,
    pub steps: Vec<String>,
    pub mistakes: Vec<Mistake>,
    pub retries: u32,
    pub milestones: Vec<(String, bool)>,
    pub expected: String,
    pub result: String,
    pub achieved: bool,
    pub score: u32,
    pub pass_mark: u32,
    pub passed: bool,
}

impl Report {
    /// The report as a Markdown page.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}：{}\n\n", self.mode, self.title);
        out.push_str(&format!("- 业务：{}\n", self.business));
        if let Some(trainee) = &self.trainee {
            out.push_str(&format!("- 学员：{trainee}\n"));
        }
        out.push_str(&format!(
            "- 开始：{}（模拟时间）\n- 用时：{}分{}秒\n- 预期结果：{}\n- 结果：{}\n",
            self.started_at.format("%Y-%m-%d %H:%M"),
            self.seconds / 60,
            self.seconds % 60,
            self.expected,
            self.result
        ));
        out.push_str(&format!(
            "- 得分：{}（及格 {}）{}\n- 错误：{}次，重试：{}次\n",
            self.score,
            self.pass_mark,
            if self.passed {
                "，合格"
            } else {
                "，不合格"
            },
            self.mistakes.len(),
            self.retries
        ));
        out.push_str("\n## 步骤\n\n");
        for (i, step) in self.steps.iter().enumerate() {
            out.push_str(&format!("{}. {step}\n", i + 1));
        }
        out.push_str("\n## 要点\n\n");
        for (words, reached) in &self.milestones {
            out.push_str(&format!(
                "- [{}] {words}\n",
                if *reached { "x" } else { " " }
            ));
        }
        out.push_str("\n## 错误\n\n");
        if self.mistakes.is_empty() {
            out.push_str("无\n");
        }
        for mistake in &self.mistakes {
            out.push_str(&format!(
                "- {}：{}。依据：{}。正确做法：{}\n",
                mistake.at, mistake.what, mistake.rule, mistake.explain
            ));
        }
        out
    }
}

/// A name safe in a file name: letters, digits and CJK kept, anything else `_`.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .take(32)
        .collect()
}

/// Saves `report` in `dir` as Markdown and JSON, named by the wall time, the scenario and the
/// trainee; returns the Markdown file's path.
pub fn save_report(dir: &std::path::Path, report: &Report) -> anyhow::Result<std::path::PathBuf> {
    let stem = format!(
        "{}-{}-{}",
        chrono::Local::now().format("%Y%m%d-%H%M%S%3f"),
        report.scenario,
        file_safe(report.trainee.as_deref().unwrap_or("学员"))
    );
    let json = serde_json::to_string_pretty(report)?;
    crate::store::reports::save(dir, &stem, &report.to_markdown(), &json)
}

/// One row of `jiaoguan report`: a saved result.
fn report_row(report: &Report) -> Vec<String> {
    vec![
        report.trainee.clone().unwrap_or_default(),
        report.scenario.clone(),
        report.title.clone(),
        report.score.to_string(),
        if report.passed { "合格" } else { "不合格" }.to_string(),
        report.mistakes.len().to_string(),
        report.retries.to_string(),
        format!("{}分{}秒", report.seconds / 60, report.seconds % 60),
    ]
}

/// `jiaoguan report`'s table: every saved result in `dir`, one row per trainee and scenario
/// (the latest attempt, with the number of attempts), columns padded by display width; `None`
/// when there is none. With it, the reports that could not be read, one line each.
pub fn results_table(dir: &std::path::Path) -> anyhow::Result<(Option<Vec<String>>, Vec<String>)> {
    let mut latest: std::collections::BTreeMap<(String, String), (Report, usize)> =
        std::collections::BTreeMap::new();
    let mut skipped = Vec::new();
    for (path, text) in crate::store::reports::load_all(dir)? {
        match serde_json::from_str::<Report>(&text) {
            Ok(report) => {
                let key = (
                    report.trainee.clone().unwrap_or_default(),
                    report.scenario.clone(),
                );
                let entry = latest.entry(key).or_insert((report.clone(), 0));
                entry.1 += 1;
                if report.started_at >= entry.0.started_at {
                    entry.0 = report;
                }
            }
            Err(e) => skipped.push(format!("跳过无法读取的报告 {}：{e}", path.display())),
        }
    }
    if latest.is_empty() {
        return Ok((None, skipped));
    }
    let header = [
        "学员", "场景", "名称", "得分", "结果", "错误", "重试", "用时", "次数",
    ];
    let rows: Vec<Vec<String>> = latest
        .values()
        .map(|(report, attempts)| {
            let mut row = report_row(report);
            row.push(attempts.to_string());
            row
        })
        .collect();
    Ok((Some(table(&header, &rows)), skipped))
}

/// Columns padded by display width, so Chinese names line up.
fn table(header: &[&str], rows: &[Vec<String>]) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.width());
            }
        }
    }
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.width())))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = vec![line(header.to_vec())];
    out.extend(
        rows.iter()
            .map(|r| line(r.iter().map(String::as_str).collect())),
    );
    out
}
