//! What the app does with a business: open its wizard, send the SMS code, submit, and carry
//! applications through the engine, delivering what the engine emits (messages, profile
//! changes) and saving every change at once.

use std::collections::BTreeMap;

use super::App;
use crate::domain::mask::mask_name;
use crate::engine::application::EventKind;
use crate::engine::inbox::{Channel, Draft, Message};
use crate::engine::rng::SimRng;
use crate::engine::rules::{GuardInput, apply_to_profile, check};
use crate::engine::step::{Command, Policy, World, create, handle};
use crate::flow::process::Effect;
use crate::ui::application::ApplicationScreen;
use crate::ui::dialog::Dialog;
use crate::ui::wizard::WizardScreen;

impl App {
    fn policy(&self) -> Policy {
        Policy {
            face_fail_percent: self.config.engine.face_fail_percent.min(100),
            hold_reviews: self.config.engine.hold_reviews,
            review_hour: self.config.engine.review_hour,
        }
    }

    fn tell(&mut self, message: impl Into<String>) {
        self.dialog = Some(Dialog::Message(message.into()));
    }

    /// 开始办理: refuses with the reason when the precondition fails, else opens the wizard
    /// where the visitor left it.
    pub(super) fn start_business(&mut self, flow_id: &str, path: Vec<String>) {
        let Some(flow) = self.catalog.flow(flow_id) else {
            return;
        };
        let Some(process) = &flow.process else {
            let message = format!(
                "「{}」的在线办理流程尚未在模拟器中开放。\n本版本只提供这份业务须知；办理步骤将在后续版本中加入。",
                flow.title
            );
            self.tell(message);
            return;
        };
        let Some(profile) = self.session.profile() else {
            return;
        };
        if let Some(guard) = &process.precheck {
            let answers = BTreeMap::new();
            let input = GuardInput {
                profile,
                today: self.session.state.clock.today(),
                answers: &answers,
                photos: &self.resources.photos,
                photo_rejections: 0,
            };
            if let Err(reason) = check(guard, &input) {
                let message = format!("暂不能办理「{}」：{reason}", flow.title);
                self.tell(message);
                return;
            }
        }
        let draft = self.session.draft(flow_id).cloned();
        self.stack.push(Box::new(WizardScreen::new(
            flow_id.to_string(),
            path,
            draft,
        )));
    }

    pub(super) fn save_draft(
        &mut self,
        flow_id: String,
        step: usize,
        answers: BTreeMap<String, String>,
        leave: bool,
    ) {
        let mut draft = self
            .session
            .draft(&flow_id)
            .cloned()
            .unwrap_or_else(|| Draft::new(&flow_id));
        draft.step = step;
        draft.answers = answers;
        if let Err(e) = self.session.save_draft(draft) {
            self.tell(format!("草稿保存失败：{e:#}"));
        }
        if leave && self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// Draws a code, texts it (消息 and a banner, as on a phone) and keeps it with the draft.
    pub(super) fn send_sms_code(&mut self, flow_id: String, to: String) {
        let code = SimRng::new(self.session.next_draw_seed()).sms_code();
        let title = self
            .catalog
            .flow(&flow_id)
            .map_or(String::new(), |f| f.title.clone());
        let mut draft = self
            .session
            .draft(&flow_id)
            .cloned()
            .unwrap_or_else(|| Draft::new(&flow_id));
        draft.sms_code = Some(code.clone());
        draft.sms_to = Some(to.clone());
        let text = format!("【交管12123】验证码 {code}，您正在办理「{title}」，请勿告诉他人。");
        let profile = self.session.state.current_profile.clone();
        let message = Message {
            at: self.session.state.clock.now,
            channel: Channel::Sms,
            to: Some(to),
            text: text.clone(),
            read: false,
            application: None,
        };
        let saved = self
            .session
            .save_draft(draft)
            .and_then(|()| self.session.save_state())
            .and_then(|()| self.session.deliver(&profile, message));
        match saved {
            Ok(()) => self.banner = Some(text),
            Err(e) => self.tell(format!("验证码发送失败：{e:#}")),
        }
    }

    /// 提交: creates the application, runs it as far as it goes, and shows its progress.
    pub(super) fn submit(&mut self, flow_id: String, answers: BTreeMap<String, String>) {
        let Some(flow) = self.catalog.flow(&flow_id) else {
            return;
        };
        let title = flow.title.clone();
        let number = self.session.next_application_number();
        let applicant = self.session.state.current_profile.clone();
        let application = create(&number, flow, &applicant, self.session.state.clock.now);
        self.session
            .applications
            .insert(number.clone(), application);
        let outcome = self
            .session
            .save_state()
            .map_err(|e| format!("{e:#}"))
            .and_then(|()| self.run_engine(&number, Command::Submit { answers }, "submit".into()));
        if let Err(reason) = outcome {
            self.session.applications.remove(&number);
            self.tell(format!("提交失败：{reason}\n已填写的内容仍保存在草稿中。"));
            return;
        }
        if let Err(e) = self.session.remove_draft(&flow_id) {
            self.tell(format!("草稿清理失败：{e:#}"));
        }
        if self.stack.len() > 1 {
            self.stack.pop();
        }
        self.stack
            .push(Box::new(ApplicationScreen::new(number.clone())));
        let who = self
            .session
            .profile()
            .map(|p| mask_name(&p.name))
            .unwrap_or_default();
        self.tell(format!(
            "「{title}」已提交（{who}）。\n受理编号 {number}，可在【网办进度】中查看办理进度。"
        ));
    }

    pub(super) fn complete_task(&mut self, number: String, answers: BTreeMap<String, String>) {
        let id = format!(
            "task-{}",
            self.session
                .applications
                .get(&number)
                .map_or(0, |a| a.next_seq())
        );
        if let Err(reason) = self.run_engine(&number, Command::CompleteTask { answers }, id) {
            self.tell(format!("未能提交：{reason}"));
        } else if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// Runs one command on an application, appends and saves its events, and delivers what the
    /// engine emitted to the applicant.
    pub(super) fn run_engine(
        &mut self,
        number: &str,
        command: Command,
        command_id: String,
    ) -> Result<(), String> {
        if self.session.is_read_only_application(number) {
            return Err("这份申请来自更新版本的 jiaoguan，只能查看，不能继续办理".into());
        }
        let application = self
            .session
            .applications
            .get(number)
            .cloned()
            .ok_or("找不到这份申请")?;
        let flow = self
            .catalog
            .flow(&application.flow_id)
            .ok_or("这项业务的定义已不存在")?;
        if flow.version != application.flow_version {
            return Err(format!(
                "「{}」的定义已更新到第{}版，这份申请按第{}版办理，只能查看",
                flow.title, flow.version, application.flow_version
            ));
        }
        let profile = self
            .session
            .profiles
            .get(&application.applicant)
            .ok_or("找不到申请人")?;
        let policy = self.policy();
        let world = World {
            profile,
            photos: &self.resources.photos,
            calendar: &self.resources.calendar,
            policy: &policy,
            seed: self.session.state.seed,
        };
        let events = handle(
            &application,
            flow,
            &command,
            &command_id,
            self.session.state.clock.now,
            &world,
        )
        .map_err(|e| e.0)?;
        if events.is_empty() {
            return Ok(());
        }
        let mut updated = application;
        updated.events.extend(events.iter().cloned());
        let answers = updated.state().answers;
        self.session
            .applications
            .insert(number.to_string(), updated);
        self.session
            .save_application(number)
            .map_err(|e| format!("{e:#}"))?;
        for event in &events {
            let EventKind::Applied { effect, text } = &event.kind else {
                continue;
            };
            let applicant = self
                .session
                .applications
                .get(number)
                .map(|a| a.applicant.clone())
                .unwrap_or_default();
            match effect {
                Effect::Sms(_) | Effect::Notice(_) => {
                    let channel = if matches!(effect, Effect::Sms(_)) {
                        Channel::Sms
                    } else {
                        Channel::Notice
                    };
                    let to = self
                        .session
                        .profiles
                        .get(&applicant)
                        .filter(|_| channel == Channel::Sms)
                        .map(|p| p.phone.as_str().to_string());
                    let text = text.clone().unwrap_or_default();
                    let message = Message {
                        at: event.at,
                        channel,
                        to,
                        text: text.clone(),
                        read: false,
                        application: Some(number.to_string()),
                    };
                    self.session
                        .deliver(&applicant, message)
                        .map_err(|e| format!("{e:#}"))?;
                    if applicant == self.session.state.current_profile {
                        self.banner = Some(text);
                    }
                }
                effect => {
                    let Some(profile) = self.session.profiles.get_mut(&applicant) else {
                        continue;
                    };
                    apply_to_profile(
                        effect,
                        profile,
                        &answers,
                        &self.resources.photos,
                        number,
                        event.at,
                    )?;
                    self.session
                        .save_profile(&applicant)
                        .map_err(|e| format!("{e:#}"))?;
                }
            }
        }
        Ok(())
    }

    /// Fires every deadline that has fallen due by the simulated now, oldest first, each once.
    pub(crate) fn advance_due(&mut self) -> Vec<String> {
        let now = self.session.state.clock.now;
        let mut due: Vec<(chrono::NaiveDateTime, String)> = self
            .session
            .applications
            .values()
            .filter(|a| !self.session.is_read_only_application(&a.number))
            .filter_map(|a| {
                a.state()
                    .due
                    .filter(|d| *d <= now)
                    .map(|d| (d, a.number.clone()))
            })
            .collect();
        due.sort();
        let mut problems = Vec::new();
        for (_, number) in due {
            if let Err(reason) =
                self.run_engine(&number, Command::Advance, format!("advance@{now}"))
            {
                problems.push(format!("{number}：{reason}"));
            }
        }
        problems
    }

    /// F9: moves the simulated clock to the next pending deadline and fires what falls due.
    pub(super) fn advance_clock(&mut self) {
        let now = self.session.state.clock.now;
        let hold = self.config.engine.hold_reviews;
        let next = self
            .session
            .applications
            .values()
            .filter(|a| !a.is_finished() && !self.session.is_read_only_application(&a.number))
            .filter(|a| !(hold && self.is_review(a)))
            .filter_map(|a| a.state().due)
            .filter(|d| *d > now)
            .min();
        let Some(next) = next else {
            self.tell("没有等待中的办理期限：所有申请都在等待您的操作或已办结。");
            return;
        };
        self.session.state.clock.advance_to(next);
        if let Err(e) = self.session.save_state() {
            self.tell(format!("时钟保存失败：{e:#}"));
            return;
        }
        let problems = self.advance_due();
        if !problems.is_empty() {
            self.tell(problems.join("\n"));
        } else if self.banner.is_none() {
            self.banner = Some(format!("模拟时钟已拨到 {}", next.format("%Y-%m-%d %H:%M")));
        }
    }

    fn is_review(&self, application: &crate::engine::Application) -> bool {
        let stage = application.state().stage.unwrap_or_default();
        self.catalog
            .flow(&application.flow_id)
            .and_then(|f| f.process.as_ref())
            .and_then(|p| p.stage(&stage))
            .is_some_and(|s| matches!(s.kind, crate::flow::process::StageKind::PoliceReview { .. }))
    }

    /// The trainer, as the officer, decides a review now.
    pub(super) fn decide(&mut self, number: String, approve: bool) {
        let id = format!(
            "decide-{}",
            self.session
                .applications
                .get(&number)
                .map_or(0, |a| a.next_seq())
        );
        match self.run_engine(
            &number,
            Command::Decide {
                approve,
                reason: None,
            },
            id,
        ) {
            Ok(()) => {
                self.banner = Some(format!(
                    "申请 {number} 已{}",
                    if approve { "审核通过" } else { "退回" }
                ))
            }
            Err(reason) => self.tell(format!("未能审核：{reason}")),
        }
    }

    pub(super) fn mark_messages_read(&mut self) {
        let profile = self.session.state.current_profile.clone();
        let Some(inbox) = self.session.inboxes.get_mut(&profile) else {
            return;
        };
        if inbox.unread() == 0 {
            return;
        }
        for message in &mut inbox.messages {
            message.read = true;
        }
        if let Err(e) = self.session.save_inbox(&profile) {
            self.tell(format!("消息保存失败：{e:#}"));
        }
    }
}
