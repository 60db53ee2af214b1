//! The form wizard behind 开始办理: 业务须知 with 我已阅读并同意, the licence or vehicle concerned,
//! the business's own pages, a summary to confirm, and the SMS code; then 提交. A page that does
//! not validate stays, with the message next to the field; every step is kept as a draft.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use super::fields::form::FieldForm;
use super::fields::widgets::{FIELD_BINDINGS, FOCUSED_LABEL, ListView, checkbox, text_input};
use super::fields::{FieldView, facts, render_field, shown, widget};
use super::keys::{Binding, Cmd, KeyPattern};
use super::widgets::{HEADING, LineWriter, MUTED, OK, WARN, gone, put, width, wrap};
use super::{Action, Ctx, Screen};
use crate::domain::mask::mask_name;
use crate::domain::phone::Phone;
use crate::domain::plate::Plate;
use crate::engine::facts::{Facts, Resolved};
use crate::engine::rules::check;
use crate::flow::FlowDef;
use crate::flow::process::{Field, FieldKind, Process, SmsTarget, Subject, Validator};

/// Answer keys the wizard keeps for itself (not business fields).
/// The error key of the 同意 tick on the notice step (the coach reads it as the notice's).
pub const AGREED: &str = "__agreed";
const SUBJECT: &str = "subject";
/// The subject's label at 提交, recorded beside its key for display.
pub const SUBJECT_SHOWN: &str = "subject_shown";
/// The error key of the SMS code on the last step.
pub const CODE: &str = "__sms_code";
/// Where the message of a page's cross-field `check` is kept.
/// The error key of a page's own check (a rule across its answers); the training coach reads
/// such an error as the page's, or as the refusal a scenario expects.
pub const PAGE_CHECK: &str = "__page_check";
/// The longest text a field keeps.
const MAX_CHARS: usize = 60;

/// A verification code's digits.
const CODE_DIGITS: usize = 6;

use KeyCode::{Enter, Esc};
use KeyPattern::Plain;

const WIZARD_KEYS: &[Binding] = &[
    FIELD_BINDINGS[0],
    FIELD_BINDINGS[1],
    FIELD_BINDINGS[2],
    FIELD_BINDINGS[3],
    FIELD_BINDINGS[4],
    FIELD_BINDINGS[5],
    Binding {
        keys: &[Plain(Enter)],
        cmd: Cmd::Open,
        hint: "下一步",
        help: "到下一个填写项；在最后一项时检查本页并进入下一步，最后一步为提交",
    },
    Binding {
        keys: &[Plain(Esc)],
        cmd: Cmd::Back,
        hint: "上一步",
        help: "回到上一步，已填写的内容保留；在第一步时离开（草稿保留）",
    },
];

/// The steps of a wizard, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Agree,
    Subject,
    Page(usize),
    Summary,
    Verify,
}

/// One thing on a step that can hold the focus.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot<'a> {
    Agree,
    Subject,
    Field(&'a Field),
    Code,
}

#[derive(Debug, Clone)]
pub struct WizardScreen {
    flow_id: String,
    path: Vec<String>,
    step: usize,
    focus: usize,
    form: FieldForm,
}

/// The subject choices (`Facts::choices`: each by a key that does not change, one that cannot
/// be chosen shown with why).
fn subjects(process: &Process, ctx: &Ctx) -> Vec<(String, String, Option<String>)> {
    let none = BTreeMap::new();
    facts(ctx, &none, &[])
        .choices(&process.subject)
        .into_iter()
        .map(|c| (c.key, c.shown, c.refused))
        .collect()
}

/// The subject as the application keeps it for display: the chosen entry, or the car found
/// by the typed plate with its owner's name masked.
fn subject_shown(
    process: &Process,
    ctx: &Ctx,
    answers: &BTreeMap<String, String>,
) -> Option<String> {
    let facts = facts(ctx, answers, &[]);
    if let Ok(Resolved::OtherVehicle { owner, vehicle }) = facts.resolve(&process.subject) {
        let plate = vehicle
            .plate
            .as_ref()
            .map(Plate::spaced)
            .unwrap_or_default();
        return Some(format!(
            "{plate}  {}  {}  所有人 {}",
            vehicle.kind.label(),
            vehicle.model,
            mask_name(&owner.name)
        ));
    }
    let key = answers.get(SUBJECT)?;
    facts
        .choices(&process.subject)
        .into_iter()
        .find(|c| c.key == *key)
        .map(|c| c.shown)
}

/// A business about someone else's car asks for its plate where others list the subjects.
static TYPED_PLATE: LazyLock<Field> = LazyLock::new(|| {
    Field {
    id: SUBJECT.to_string(),
    label: "号牌号码或备案码".to_string(),
    kind: FieldKind::Text {
        validator: Validator::PlateOrFilingCode,
    },
    help: "输入机动车的号牌号码，如 苏A D73915；或扫码备案：输入所有人机动车二维码下方的8位备案码。系统据此查询机动车及其所有人。".to_string(),
}
});

/// The subject page's title.
fn subject_title(subject: &Subject) -> &'static str {
    match subject {
        Subject::Licence => "选择驾驶证",
        Subject::Learner => "选择学习驾驶证明",
        Subject::Vehicle(_) => "选择机动车",
        Subject::OtherVehicle => "输入号牌号码或扫码",
        Subject::Application { .. } => "选择申请",
        Subject::Violation(_) => "选择违法记录",
    }
}

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

impl WizardScreen {
    pub fn new(
        flow_id: String,
        path: Vec<String>,
        draft: Option<crate::engine::inbox::Draft>,
    ) -> Self {
        let (step, answers) = draft.map_or((0, BTreeMap::new()), |d| (d.step, d.answers));
        let mut form = FieldForm::with_answers(answers);
        form.inputs.remove(CODE);
        Self {
            flow_id,
            path,
            step,
            focus: 0,
            form,
        }
    }

    fn flow<'a>(&self, ctx: &Ctx<'a>) -> Option<(&'a FlowDef, &'a Process)> {
        let flow = ctx.catalog.flow(&self.flow_id)?;
        Some((flow, flow.process.as_ref()?))
    }

    fn steps(&self, process: &Process, ctx: &Ctx) -> Vec<Step> {
        let input = facts(ctx, &self.form.answers, &[]);
        let mut steps = vec![Step::Agree, Step::Subject];
        for (i, page) in process.pages.iter().enumerate() {
            if page.when.as_ref().is_none_or(|g| check(g, &input).is_ok()) {
                steps.push(Step::Page(i));
            }
        }
        steps.extend([Step::Summary, Step::Verify]);
        steps
    }

    fn current(&self, process: &Process, ctx: &Ctx) -> Step {
        let steps = self.steps(process, ctx);
        steps
            .get(self.step.min(steps.len() - 1))
            .copied()
            .unwrap_or(Step::Agree)
    }

    fn slots<'a>(step: Step, process: &'a Process) -> Vec<Slot<'a>> {
        match step {
            Step::Agree => vec![Slot::Agree],
            Step::Subject if process.subject == Subject::OtherVehicle => {
                vec![Slot::Field(&TYPED_PLATE)]
            }
            Step::Subject => vec![Slot::Subject],
            Step::Page(i) => process
                .pages
                .get(i)
                .map_or(Vec::new(), |p| p.fields.iter().map(Slot::Field).collect()),
            Step::Summary => Vec::new(),
            Step::Verify => vec![Slot::Code],
        }
    }

    fn focused<'a>(&self, process: &'a Process, ctx: &Ctx) -> Option<Slot<'a>> {
        let slots = Self::slots(self.current(process, ctx), process);
        slots
            .get(self.focus.min(slots.len().saturating_sub(1)))
            .copied()
    }

    /// The phone the SMS code goes to.
    fn sms_phone(&self, process: &Process, ctx: &Ctx) -> String {
        match &process.sms_to {
            SmsTarget::AccountPhone => ctx.profile.phone.as_str().to_string(),
            SmsTarget::Field(id) => self.form.answers.get(id).cloned().unwrap_or_default(),
            SmsTarget::SubjectOwner => {
                match facts(ctx, &self.form.answers, &[]).resolve(&process.subject) {
                    Ok(Resolved::OtherVehicle { owner, .. }) => owner.phone.as_str().to_string(),
                    _ => String::new(),
                }
            }
        }
    }

    /// The answers worth keeping in a draft (the typed SMS code is not).
    fn kept_answers(&self) -> BTreeMap<String, String> {
        self.form
            .answers
            .iter()
            .filter(|(k, _)| k.as_str() != CODE)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    fn save(&self, leave: bool) -> Action {
        Action::SaveDraft {
            flow_id: self.flow_id.clone(),
            step: self.step,
            answers: self.kept_answers(),
            leave,
        }
    }

    /// Checks one slot; records the error next to it.
    fn validate_slot(&mut self, slot: Slot, ctx: &Ctx) -> bool {
        let (key, result) = match slot {
            Slot::Agree => (
                AGREED.to_string(),
                if self.form.answers.contains_key(AGREED) {
                    Ok(None)
                } else {
                    Err("请先阅读业务须知，并按 Space 勾选「我已阅读并同意」".to_string())
                },
            ),
            Slot::Subject => {
                let offered = self
                    .flow(ctx)
                    .map(|(_, process)| subjects(process, ctx))
                    .unwrap_or_default();
                let chosen = self
                    .form
                    .answers
                    .get(SUBJECT)
                    .and_then(|value| offered.into_iter().find(|(v, _, _)| v == value));
                let result = match chosen {
                    None => Err("请选择要办理的对象".to_string()),
                    Some((_, label, Some(reason))) => {
                        Err(format!("办理对象：「{label}」不可选，{reason}"))
                    }
                    Some(_) => Ok(None),
                };
                (SUBJECT.to_string(), result)
            }
            Slot::Code => {
                let typed = self
                    .form
                    .inputs
                    .get(CODE)
                    .map(|i| i.value().trim().to_string())
                    .unwrap_or_default();
                let sent = ctx.draft(&self.flow_id).and_then(|d| d.sms_code.clone());
                let result = match sent {
                    None => Err("验证码尚未发送，请按 Esc 后再按 Enter 重新获取".to_string()),
                    Some(_) if typed.is_empty() => Err("请输入短信验证码".to_string()),
                    Some(code) if code == typed => Ok(None),
                    Some(_) => {
                        // A wrong code is typed again from the start, as on a phone.
                        self.form.inputs.remove(CODE);
                        Err(
                            "短信验证码：与发送的验证码不一致，已清空，请按上方短信重新输入"
                                .to_string(),
                        )
                    }
                };
                (CODE.to_string(), result)
            }
            Slot::Field(field) => {
                let result = {
                    let facts = facts(ctx, &self.form.answers, &[]);
                    widget(&field.kind).check(field, &self.form, &facts)
                };
                let result = match result {
                    Ok(Some(plate)) if field.id == SUBJECT => {
                        let typed = BTreeMap::from([(SUBJECT.to_string(), plate.clone())]);
                        let subject = self.flow(ctx).map(|(_, p)| p.subject.clone());
                        match subject.map(|s| facts(ctx, &typed, &[]).resolve(&s)) {
                            Some(Err(why)) => Err(format!("{}：{why}", field.label)),
                            _ => Ok(Some(plate)),
                        }
                    }
                    other => other,
                };
                (field.id.clone(), result)
            }
        };
        self.form.record(&key, result)
    }

    /// How many characters a text slot takes, and what is said when one more is typed.
    fn limit(slot: Slot) -> (usize, String) {
        match slot {
            Slot::Code => (CODE_DIGITS, format!("验证码为{CODE_DIGITS}位数字")),
            Slot::Field(field) => {
                let limit = widget(&field.kind).typed_limit().unwrap_or(MAX_CHARS);
                (limit, format!("{}：最多{limit}个字", field.label))
            }
            Slot::Agree | Slot::Subject => (MAX_CHARS, format!("最多{MAX_CHARS}个字")),
        }
    }

    fn slot_key(slot: Slot) -> String {
        match slot {
            Slot::Agree => AGREED.into(),
            Slot::Subject => SUBJECT.into(),
            Slot::Field(f) => f.id.clone(),
            Slot::Code => CODE.into(),
        }
    }

    /// The keys of the subjects offered, in order.
    fn subject_keys(process: &Process, ctx: &Ctx) -> Vec<String> {
        subjects(process, ctx)
            .into_iter()
            .map(|(v, _, _)| v)
            .collect()
    }

    /// Gives a command to the focused slot: a field's widget, or the subject list; true when
    /// it used it.
    fn slot_takes(&mut self, slot: Slot, cmd: Cmd, process: &Process, ctx: &Ctx) -> bool {
        match slot {
            Slot::Field(field) => {
                let answers = self.form.answers.clone();
                let facts = facts(ctx, &answers, &[]);
                widget(&field.kind).handle(field, &mut self.form, cmd, &facts)
            }
            Slot::Subject => {
                let keys = Self::subject_keys(process, ctx);
                match cmd {
                    Cmd::Up => self.form.move_list(SUBJECT, &keys, -1),
                    Cmd::Down => self.form.move_list(SUBJECT, &keys, 1),
                    Cmd::Pick(row) => self.form.pick(SUBJECT, &keys, row),
                    Cmd::Open if !self.form.answers.contains_key(SUBJECT) => {
                        self.form.move_list(SUBJECT, &keys, 0);
                        return false;
                    }
                    _ => return false,
                }
                true
            }
            Slot::Agree if cmd == Cmd::Toggle => {
                self.form.toggle(AGREED);
                true
            }
            Slot::Agree | Slot::Code => false,
        }
    }

    fn next(&mut self, process: &Process, ctx: &Ctx) -> Action {
        let step = self.current(process, ctx);
        let slots = Self::slots(step, process);
        // Enter goes to the focused slot first: a list takes its highlighted entry, as a tap
        // would; a region takes the level and opens the next, until the district is chosen.
        if let Some(slot) = slots.get(self.focus).copied()
            && self.slot_takes(slot, Cmd::Open, process, ctx)
        {
            return Action::None;
        }
        if let Some(slot) = slots.get(self.focus).copied()
            && self.focus + 1 < slots.len()
        {
            if self.validate_slot(slot, ctx) {
                self.focus += 1;
            }
            return Action::None;
        }
        // Every field is checked, so every defect is shown at once (R162 Art.3).
        let checked: Vec<bool> = slots
            .iter()
            .map(|slot| self.validate_slot(*slot, ctx))
            .collect();
        let all_valid = checked.iter().all(|ok| *ok);
        if !all_valid {
            self.focus = slots
                .iter()
                .position(|s| self.form.errors.contains_key(&Self::slot_key(*s)))
                .unwrap_or(0);
            return Action::None;
        }
        if let Step::Page(i) = step
            && let Some(rule) = process.pages.get(i).and_then(|p| p.check.as_ref())
        {
            let facts = facts(ctx, &self.form.answers, &[]);
            let checked = check(rule, &facts).map(|()| None);
            if !self.form.record(PAGE_CHECK, checked) {
                return Action::None;
            }
        }
        if step == Step::Verify {
            let mut answers: BTreeMap<String, String> = self
                .form
                .answers
                .iter()
                .filter(|(k, _)| !k.starts_with("__") && !k.contains('#'))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            // The subject as it was shown, kept with the application: its plate may change later.
            if let Some(label) = subject_shown(process, ctx, &self.form.answers) {
                answers.insert(SUBJECT_SHOWN.to_string(), label);
            }
            return Action::Submit {
                flow_id: self.flow_id.clone(),
                answers,
            };
        }
        self.step += 1;
        self.focus = 0;
        self.form.errors.clear();
        if self.current(process, ctx) == Step::Verify {
            let to = self.sms_phone(process, ctx);
            let sent_to = ctx.draft(&self.flow_id).and_then(|d| d.sms_to.clone());
            if sent_to.as_deref() != Some(to.as_str())
                || ctx
                    .draft(&self.flow_id)
                    .and_then(|d| d.sms_code.as_ref())
                    .is_none()
            {
                return Action::SendSmsCode {
                    flow_id: self.flow_id.clone(),
                    step: self.step,
                    answers: self.kept_answers(),
                    to,
                };
            }
        }
        self.save(false)
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

/// The notice step's text above its tick box, wrapped to `w` columns: the summary, the time.
fn agree_text(flow: &FlowDef, w: u16) -> (Vec<String>, Vec<String>) {
    (
        wrap(&flow.notice.summary, w),
        wrap(&format!("办理时限：{}", flow.notice.duration), w),
    )
}

/// The row of the notice step's 「我已阅读并同意」 box in a body of `area`.
fn agree_row(flow: &FlowDef, area: Rect) -> u16 {
    let (summary, duration) = agree_text(flow, area.width.saturating_sub(2));
    let above = u16::try_from(summary.len() + duration.len()).unwrap_or(u16::MAX);
    (area.y + 3).saturating_add(above).saturating_add(1)
}

impl Screen for WizardScreen {
    /// A click on the notice step's 「我已阅读并同意」 line ticks it, as Space does.
    fn click(&mut self, pos: Position, ctx: &Ctx) -> Option<Cmd> {
        let (flow, process) = self.flow(ctx)?;
        (self.current(process, ctx) == Step::Agree && pos.y == agree_row(flow, ctx.body))
            .then_some(Cmd::Toggle)
    }

    fn place(&self, ctx: &Ctx) -> super::Place {
        use crate::flow::training::Target;
        let mut place = super::Place {
            flow: Some(self.flow_id.clone()),
            errors: self.form.errors.clone(),
            answers: self.kept_answers(),
            ..super::Place::default()
        };
        let Some((_, process)) = self.flow(ctx) else {
            return place;
        };
        let page = match self.current(process, ctx) {
            Step::Agree => Some(Target::Notice),
            Step::Subject => Some(Target::Subject),
            Step::Page(i) => process.pages.get(i).map(|p| Target::Page(p.title.clone())),
            Step::Summary => {
                place.step = Some("确认信息".to_string());
                None
            }
            Step::Verify => {
                place.step = Some("短信验证".to_string());
                None
            }
        };
        place.target = match self.focused(process, ctx) {
            Some(Slot::Field(field)) if field.id != SUBJECT => {
                Some(Target::Field(field.id.clone()))
            }
            _ => page.clone(),
        };
        place.page = page;
        place
    }

    fn path(&self, _ctx: &Ctx) -> Vec<String> {
        let mut path = self.path.clone();
        path.push("办理".to_string());
        path
    }

    fn keys(&self) -> &'static [Binding] {
        WIZARD_KEYS
    }

    fn text_focus(&self, ctx: &Ctx) -> bool {
        let Some((_, process)) = self.flow(ctx) else {
            return false;
        };
        match self.focused(process, ctx) {
            Some(Slot::Code) => true,
            Some(Slot::Field(field)) => widget(&field.kind).typed_limit().is_some(),
            _ => false,
        }
    }

    fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) -> Option<Position> {
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

    fn handle(&mut self, cmd: Cmd, ctx: &Ctx) -> Action {
        let Some((_, process)) = self.flow(ctx) else {
            return Action::Pop;
        };
        let slots = Self::slots(self.current(process, ctx), process);
        let focused = self.focused(process, ctx);
        match cmd {
            Cmd::NextFocus => {
                self.focus = (self.focus + 1).min(slots.len().saturating_sub(1));
                Action::None
            }
            Cmd::PrevFocus => {
                self.focus = self.focus.saturating_sub(1);
                Action::None
            }
            Cmd::Open => self.next(process, ctx),
            Cmd::Up | Cmd::Down | Cmd::Pick(_) | Cmd::Toggle | Cmd::Back
                if focused.is_some_and(|slot| self.slot_takes(slot, cmd, process, ctx)) =>
            {
                Action::None
            }
            Cmd::Back => {
                self.form.errors.clear();
                self.focus = 0;
                if self.step == 0 {
                    self.save(true)
                } else {
                    self.step -= 1;
                    self.save(false)
                }
            }
            _ => Action::None,
        }
    }

    fn type_key(&mut self, key: KeyEvent, ctx: &Ctx) -> Action {
        let Some((_, process)) = self.flow(ctx) else {
            return Action::None;
        };
        let Some(slot) = self.focused(process, ctx) else {
            return Action::None;
        };
        let name = Self::slot_key(slot);
        let (limit, refused) = Self::limit(slot);
        if slot == Slot::Code {
            let refused = format!("短信验证码：{refused}");
            self.form
                .type_key(&name, key, limit, &refused, |c| c.is_ascii_digit());
        } else {
            self.form.type_key(&name, key, limit, &refused, |_| true);
        }
        Action::None
    }

    fn paste(&mut self, text: &str, ctx: &Ctx) {
        let Some((_, process)) = self.flow(ctx) else {
            return;
        };
        if let Some(slot) = self.focused(process, ctx) {
            let name = Self::slot_key(slot);
            let (limit, refused) = Self::limit(slot);
            let digits_only = slot == Slot::Code;
            self.form.paste(&name, text, limit, &refused, |c| {
                !digits_only || c.is_ascii_digit()
            });
        }
    }
}
