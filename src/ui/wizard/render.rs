//! How a wizard step is drawn: 业务须知 with its tick box, the subject list, the business's own
//! fields, 确认信息 and 短信验证.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::domain::mask::mask_name;
use crate::domain::phone::Phone;
use crate::engine::facts::Facts;
use crate::flow::FlowDef;
use crate::flow::process::{Field, FieldKind, Process, SmsTarget, Validator};
use crate::ui::Ctx;
use crate::ui::fields::widgets::{FOCUSED_LABEL, ListView, checkbox, text_input};
use crate::ui::fields::{FieldView, facts, render_field, shown};
use crate::ui::widgets::{HEADING, LineWriter, MUTED, OK, WARN, gone, put, width, wrap};

use super::slots::{Slot, subject_shown, subject_title, subjects};
use super::{AGREED, PAGE_CHECK, SUBJECT, Step, WizardScreen};

/// An answer on 确认信息: as `fields::shown`, except that the applicant sees a phone number they
/// typed in full, to catch a typo before the code goes to it.
fn summary_answer(field: &Field, value: &str, ctx: &Ctx, facts: &Facts) -> String {
    match &field.kind {
        FieldKind::Text {
            validator: Validator::Phone,
        } => Phone::parse(value).map_or(value.to_string(), |p| p.grouped()),
        _ => shown(field, value, ctx, facts),
    }
}

/// The notice step's text above its tick box, wrapped to `w` columns: the summary, the time.
fn agree_text(flow: &FlowDef, w: u16) -> (Vec<String>, Vec<String>) {
    (
        wrap(&flow.notice.summary, w),
        wrap(&format!("办理时限：{}", flow.notice.duration), w),
    )
}

/// The row of the notice step's 「我已阅读并同意」 box in a body of `area`.
pub(super) fn agree_row(flow: &FlowDef, area: Rect) -> u16 {
    let (summary, duration) = agree_text(flow, area.width.saturating_sub(2));
    let above = u16::try_from(summary.len() + duration.len()).unwrap_or(u16::MAX);
    (area.y + 3).saturating_add(above).saturating_add(1)
}

impl WizardScreen {
    /// The step as it stands: its title and place in the steps, its text, then each slot.
    pub(super) fn draw(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let Some((flow, process)) = self.flow(ctx) else {
            return gone(buf, area, "此业务");
        };
        let steps = self.steps(process, ctx);
        let step = self.current(process, ctx);
        let index = steps.iter().position(|s| *s == step).unwrap_or(0);
        let title = match step {
            Step::Agree => "业务须知".to_string(),
            Step::Subject => subject_title(&process.subject).to_string(),
            Step::Page(i) => process
                .pages
                .get(i)
                .map_or(String::new(), |p| p.title.clone()),
            Step::Summary => "确认信息".to_string(),
            Step::Verify => "短信验证".to_string(),
        };
        let x = area.x + 1;
        let w = area.width.saturating_sub(2);
        put(
            buf,
            x,
            area.y + 1,
            &format!(
                "{}  第{}步/共{}步  {title}",
                flow.title,
                index + 1,
                steps.len()
            ),
            w,
            HEADING,
        );
        let mut out = LineWriter::new(Rect::new(x, area.y + 3, w, area.height.saturating_sub(3)));
        match step {
            Step::Agree => {
                let (summary, duration) = agree_text(flow, w);
                for line in summary {
                    out.line(buf, &line, Style::new());
                }
                for line in duration {
                    out.line(buf, &line, MUTED);
                }
                out.gap();
            }
            Step::Summary => {
                out.line(
                    buf,
                    "请核对以下信息，确认无误后按 Enter 获取短信验证码：",
                    Style::new(),
                );
                out.gap();
                let subject = subject_shown(process, ctx, &self.form.answers).unwrap_or_default();
                let mut rows = vec![
                    ("申请人".to_string(), mask_name(&ctx.profile.name)),
                    ("办理对象".to_string(), subject),
                ];
                let facts = facts(ctx, &self.form.answers, &[]);
                for &page_step in &steps {
                    let Step::Page(i) = page_step else { continue };
                    for field in process.pages.get(i).map_or(&[][..], |p| &p.fields) {
                        let value = self
                            .form
                            .answers
                            .get(&field.id)
                            .map(|v| summary_answer(field, v, ctx, &facts))
                            .unwrap_or_default();
                        rows.push((field.label.clone(), value));
                    }
                }
                // Labels in one column, each followed by a full-width colon, values after it.
                let label_width = rows.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
                for (label, value) in rows {
                    let pad = " ".repeat(usize::from(label_width.saturating_sub(width(&label))));
                    out.wrapped(buf, &format!("{label}{pad}：{value}"), Style::new());
                }
                return None;
            }
            Step::Verify => {
                let to = self.sms_phone(process, ctx);
                let masked = Phone::parse(&to).map_or(to.clone(), |p| p.masked());
                let sent = ctx
                    .draft(&self.flow_id)
                    .and_then(|d| d.sms_to.as_ref())
                    .is_some_and(|s| *s == to);
                if sent && process.sms_to == SmsTarget::SubjectOwner {
                    out.wrapped(
                        buf,
                        &format!(
                            "验证码已发送至机动车所有人手机 {masked}，请向所有人索取后输入（演示：在【我的 > 设置】登录所有人的账号，在【消息】中查看）。"
                        ),
                        OK,
                    );
                } else if sent {
                    out.line(
                        buf,
                        &format!("验证码已发送至 {masked}，可在【消息】中查看短信。"),
                        OK,
                    );
                    // The SMS as the phone shows it, so the code can be read on this step (the
                    // inbox keeps the number masked; an older folder kept it whole).
                    let sms = ctx.inbox.and_then(|i| i.newest.as_ref()).and_then(|s| {
                        s.newest_first().find(|m| {
                            m.to.as_deref()
                                .is_some_and(|t| t == masked.as_str() || t == to.as_str())
                        })
                    });
                    if let Some(sms) = sms {
                        out.gap();
                        out.wrapped(
                            buf,
                            &format!("短信  {}  {}", sms.at.format("%H:%M"), sms.text),
                            MUTED,
                        );
                    }
                } else {
                    out.line(buf, &format!("验证码将发送至 {masked}"), MUTED);
                }
                out.gap();
            }
            _ => {}
        }
        if let Some(problem) = self.form.errors.get(PAGE_CHECK) {
            out.wrapped(buf, problem, WARN);
            out.gap();
        }
        let slots = Self::slots(step, process);
        let focus = self.focus.min(slots.len().saturating_sub(1));
        let mut cursor = None;
        for (i, slot) in slots.iter().enumerate() {
            let c = self.render_slot(*slot, i == focus, process, ctx, &mut out, buf);
            cursor = cursor.or(c);
        }
        let hint = if step == Step::Verify {
            "输入验证码后按 Enter 提交"
        } else {
            "填写完成后按 Enter 进入下一步；Esc 返回上一步，已填内容会保留"
        };
        put(buf, x, area.bottom().saturating_sub(1), hint, w, MUTED);
        cursor
    }

    fn render_slot(
        &self,
        slot: Slot,
        focused: bool,
        process: &Process,
        ctx: &Ctx,
        out: &mut LineWriter,
        buf: &mut Buffer,
    ) -> Option<Position> {
        let key = Self::slot_key(slot);
        let label_style = if focused { FOCUSED_LABEL } else { HEADING };
        let mut cursor = None;
        match slot {
            Slot::Agree => {
                let ticked = self.form.answers.contains_key(AGREED);
                checkbox(out, buf, "我已阅读并同意《业务须知》", ticked, label_style);
            }
            Slot::Subject => {
                let items = subjects(process, ctx);
                ListView {
                    label: subject_title(&process.subject),
                    label_style,
                    items: &items,
                    chosen: self
                        .form
                        .answers
                        .get(SUBJECT)
                        .map(String::as_str)
                        .as_slice(),
                    focused,
                }
                .render(
                    self.form.lists.get(SUBJECT).cloned().unwrap_or_default(),
                    out,
                    buf,
                );
            }
            Slot::Field(field) => {
                let facts = facts(ctx, &self.form.answers, &[]);
                let view = FieldView {
                    field,
                    form: &self.form,
                    focused,
                    facts: &facts,
                    label_style,
                };
                return render_field(view, out, buf);
            }
            Slot::Code => {
                out.line(buf, "短信验证码", label_style);
                cursor = text_input(out, buf, self.form.inputs.get(&key), focused);
            }
        }
        if let Some(error) = self.form.errors.get(&key) {
            out.line(buf, error, WARN);
        }
        out.gap();
        cursor
    }
}
