//! What can hold the focus on a wizard step, how each is checked and what a key does to it.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::domain::mask::mask_name;
use crate::domain::plate::Plate;
use crate::engine::facts::Resolved;
use crate::flow::process::{Field, FieldKind, Process, Subject, Validator};
use crate::ui::Ctx;
use crate::ui::fields::{facts, widget};
use crate::ui::keys::Cmd;

use super::{AGREED, CODE, CODE_DIGITS, MAX_CHARS, SUBJECT, Step, WizardScreen};

/// One thing on a step that can hold the focus.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Slot<'a> {
    Agree,
    Subject,
    Field(&'a Field),
    Code,
}

/// The subject choices (`Facts::choices`: each by a key that does not change, one that cannot
/// be chosen shown with why).
pub(super) fn subjects(process: &Process, ctx: &Ctx) -> Vec<(String, String, Option<String>)> {
    let none = BTreeMap::new();
    facts(ctx, &none, &[])
        .choices(&process.subject)
        .into_iter()
        .map(|c| (c.key, c.shown, c.refused))
        .collect()
}

/// The subject as the application keeps it for display: the chosen entry, or the car found
/// by the typed plate with its owner's name masked.
pub(super) fn subject_shown(
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
pub(super) fn subject_title(subject: &Subject) -> &'static str {
    match subject {
        Subject::Licence => "选择驾驶证",
        Subject::Learner => "选择学习驾驶证明",
        Subject::Vehicle(_) => "选择机动车",
        Subject::OtherVehicle => "输入号牌号码或扫码",
        Subject::Application { .. } => "选择申请",
        Subject::Violation(_) => "选择违法记录",
    }
}

impl WizardScreen {
    pub(super) fn slots<'a>(step: Step, process: &'a Process) -> Vec<Slot<'a>> {
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

    pub(super) fn focused<'a>(&self, process: &'a Process, ctx: &Ctx) -> Option<Slot<'a>> {
        let slots = Self::slots(self.current(process, ctx), process);
        slots
            .get(self.focus.min(slots.len().saturating_sub(1)))
            .copied()
    }

    /// Checks one slot; records the error next to it.
    pub(super) fn validate_slot(&mut self, slot: Slot, ctx: &Ctx) -> bool {
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
    pub(super) fn limit(slot: Slot) -> (usize, String) {
        match slot {
            Slot::Code => (CODE_DIGITS, format!("验证码为{CODE_DIGITS}位数字")),
            Slot::Field(field) => {
                let limit = widget(&field.kind).typed_limit().unwrap_or(MAX_CHARS);
                (limit, format!("{}：最多{limit}个字", field.label))
            }
            Slot::Agree | Slot::Subject => (MAX_CHARS, format!("最多{MAX_CHARS}个字")),
        }
    }

    pub(super) fn slot_key(slot: Slot) -> String {
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
    pub(super) fn slot_takes(
        &mut self,
        slot: Slot,
        cmd: Cmd,
        process: &Process,
        ctx: &Ctx,
    ) -> bool {
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
}
