//! The form wizard behind 开始办理: 业务须知 with 我已阅读并同意, the licence or vehicle concerned,
//! the business's own pages, a summary to confirm, and the SMS code; then 提交. A page that does
//! not validate stays, with the message next to the field; every step is kept as a draft.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::fields::form::FieldForm;
use super::fields::widgets::FIELD_BINDINGS;
use super::fields::{facts, widget};
use super::keys::{Binding, Cmd, KeyPattern};
use super::{Action, Ctx, Screen};
use crate::engine::facts::Resolved;
use crate::engine::rules::check;
use crate::flow::FlowDef;
use crate::flow::process::{Process, SmsTarget};
use render::agree_row;
use slots::{Slot, subject_shown};

mod render;
mod slots;

// Answer keys the wizard keeps for itself (not business fields).

/// The error key of the 同意 tick on the notice step (the coach reads it as the notice's).
pub const AGREED: &str = "__agreed";
/// The answer that holds the chosen subject (or the typed plate).
const SUBJECT: &str = "subject";
/// The subject's label at 提交, recorded beside its key for display.
pub const SUBJECT_SHOWN: &str = "subject_shown";
/// The error key of the SMS code on the last step.
pub const CODE: &str = "__sms_code";
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

#[derive(Debug, Clone)]
pub struct WizardScreen {
    flow_id: String,
    path: Vec<String>,
    step: usize,
    focus: usize,
    form: FieldForm,
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
        self.draw(ctx, area, buf)
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
