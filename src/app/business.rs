//! What the app does with a business: open its wizard, send the SMS code, submit, and carry
//! applications through the engine, delivering what the engine emits (messages, profile
//! changes) and saving every change at once.

use std::collections::BTreeMap;

use super::App;
use crate::domain::mask::mask_name;
use crate::domain::profile::Profile;
use crate::engine::application::Event;
use crate::engine::application::EventKind;
use crate::engine::inbox::{Channel, Draft, Message};
use crate::engine::rng::SimRng;
use crate::engine::rules::{GuardInput, apply_to_profile, check};
use crate::engine::step::{Command, Policy, World, create, handle, next_moment};
use crate::flow::process::Effect;
use crate::ui::application::ApplicationScreen;
use crate::ui::dialog::Dialog;
use crate::ui::wizard::WizardScreen;

impl App {
    fn policy(&self) -> Policy {
        self.config.policy(self.session.state.force_face_failure)
    }

    /// A fresh command id for a step on application `number`: its kind and the next event's
    /// number, so a repeated delivery of the same step is recognised and a new step is not.
    fn command_id(&self, kind: &str, number: &str) -> String {
        let seq = self
            .session
            .applications
            .get(number)
            .map_or(0, |a| a.next_seq());
        format!("{kind}-{seq}")
    }

    /// What the engine may read for an application of `profile`.
    fn world<'a>(&'a self, profile: &'a Profile, policy: &'a Policy) -> World<'a> {
        World {
            profile,
            photos: &self.resources.photos,
            calendar: &self.resources.calendar,
            policy,
            seed: self.session.state.seed,
            questions: &self.resources.questions,
            sessions: &self.resources.sessions,
            clock_start: self.session.state.clock.started_at.date(),
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
            .and_then(|()| self.run_engine(&number, Command::Submit { answers }, "submit".into()))
            .map(|_| ());
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
        let id = self.command_id("task", &number);
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
    ) -> Result<Vec<Event>, String> {
        let now = self.session.state.clock.now;
        self.run_engine_at(number, command, command_id, now)
    }

    /// `run_engine` at a given simulated time (closing a study left open when the program
    /// stopped, at the time it was last seen).
    fn run_engine_at(
        &mut self,
        number: &str,
        command: Command,
        command_id: String,
        now: chrono::NaiveDateTime,
    ) -> Result<Vec<Event>, String> {
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
        let world = self.world(profile, &policy);
        let events =
            handle(&application, flow, &command, &command_id, now, &world).map_err(|e| e.0)?;
        if events.is_empty() {
            return Ok(events);
        }
        let checked = events
            .iter()
            .any(|e| matches!(e.kind, EventKind::FaceChecked { .. }));
        if checked && self.session.state.force_face_failure {
            self.session.state.force_face_failure = false;
            self.session.save_state().map_err(|e| format!("{e:#}"))?;
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
        Ok(events)
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

    /// F9: moves the simulated clock to the next moment an application changes or needs the
    /// user (a deadline, a face check during study, 签到 opening) and fires what falls due.
    pub(super) fn advance_clock(&mut self) {
        let now = self.session.state.clock.now;
        let hold = self.config.engine.hold_reviews;
        let policy = self.policy();
        let next = self
            .session
            .applications
            .values()
            .filter(|a| !a.is_finished() && !self.session.is_read_only_application(&a.number))
            .filter(|a| !(hold && self.is_review(a)))
            .filter_map(|a| {
                let flow = self.catalog.flow(&a.flow_id)?;
                let profile = self.session.profiles.get(&a.applicant)?;
                next_moment(a, flow, now, &self.world(profile, &policy))
            })
            .min();
        let Some(next) = next else {
            self.tell("没有等待中的办理期限：所有申请都在等待您的操作或已办结。");
            return;
        };
        self.move_clock_to(next);
    }

    /// Whether the signed-in user has a study session or an exam running, whose time moves by
    /// itself (the interactive loop then follows the wall clock each second).
    pub fn wants_clock_ticks(&self) -> bool {
        let me = &self.session.state.current_profile;
        self.session
            .applications
            .values()
            .filter(|a| &a.applicant == me && !a.is_finished())
            .map(|a| a.state())
            .any(|s| s.study.open_since.is_some() || s.exam.in_progress)
    }

    /// The interactive program's simulated clock moves with real time (never backward), and what
    /// falls due meanwhile fires; held in memory until the next save.
    pub fn follow_wall_clock(&mut self, wall: chrono::NaiveDateTime) {
        let before = self.session.state.clock.now;
        self.session.catch_up_with_wall_clock(wall);
        if self.session.state.clock.now > before {
            let problems = self.advance_due();
            if !problems.is_empty() {
                self.tell(problems.join("\n"));
            }
        }
    }

    /// The trainer's clock: moves the simulated time on by `minutes` and fires what falls due.
    pub(super) fn advance_clock_by(&mut self, minutes: i64) {
        let to = self.session.state.clock.now + chrono::Duration::minutes(minutes);
        self.move_clock_to(to);
    }

    fn move_clock_to(&mut self, next: chrono::NaiveDateTime) {
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
        let id = self.command_id("decide", &number);
        match self.run_engine(
            &number,
            Command::Decide {
                approve,
                reason: None,
            },
            id,
        ) {
            Ok(_) => {
                self.banner = Some(format!(
                    "申请 {number} 已{}",
                    if approve { "审核通过" } else { "退回" }
                ))
            }
            Err(reason) => self.tell(format!("未能审核：{reason}")),
        }
    }

    /// A step the user takes on an application (学习, 人脸比对, 考试, 签到, 签退): run it, then
    /// say what came of it, as the app does after a face check.
    pub(super) fn act(&mut self, number: String, command: Command) {
        let kind = match &command {
            Command::BeginStudy => "study",
            Command::PauseStudy => "pause",
            Command::FaceCheck => "face",
            Command::BeginExam => "exam",
            Command::Answer { .. } => "answer",
            Command::HandIn => "hand-in",
            _ => "act",
        };
        let id = self.command_id(kind, &number);
        match self.run_engine(&number, command, id) {
            Ok(events) => {
                if let Some(text) = self.step_result(&events) {
                    self.banner = Some(text);
                }
            }
            Err(reason) => self.tell(reason),
        }
    }

    /// What a step's events mean to the user, in a line.
    fn step_result(&self, events: &[Event]) -> Option<String> {
        let retries = self.config.engine.face_retries.max(1);
        let failures = events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::FaceChecked { passed: false }))
            .count();
        events.iter().rev().find_map(|event| match &event.kind {
            EventKind::Signalled {
                reason: Some(reason),
                ..
            } => Some(reason.clone()),
            EventKind::ExamScored {
                correct,
                total,
                voided: true,
                ..
            } => Some(format!(
                "考试过程人脸比对连续{retries}次未通过，本次考试无效（{correct}/{total}）"
            )),
            EventKind::ExamScored { correct, total, .. } => {
                Some(format!("考试成绩：答对{correct}题，共{total}题"))
            }
            EventKind::StudyCounted {
                seconds: 0,
                resume: false,
            } if failures > 0 => Some(format!(
                "学习过程人脸比对连续{retries}次未通过，本段学习时长不计入"
            )),
            EventKind::FaceChecked { passed: false } => Some(format!(
                "人脸比对未通过，请在光线充足处正对屏幕重试（连续{retries}次未通过则本步骤无效）"
            )),
            EventKind::StudyStarted { .. } => Some("实人认证通过，开始学习".into()),
            EventKind::ExamStarted { attempt, .. } => {
                Some(format!("实人认证通过，第{attempt}次考试开始"))
            }
            EventKind::SignedIn { .. } => Some("人脸比对通过，现场签到成功".into()),
            EventKind::SignedOut => Some("人脸比对通过，现场签退成功".into()),
            EventKind::FaceChecked { passed: true } => Some("人脸比对通过".into()),
            _ => None,
        })
    }

    /// Closes every running study of every account at `at` (leaving the study page, the kiosk
    /// going home, switching accounts, the start after the program stopped): idle time never
    /// counts as study.
    pub(crate) fn pause_open_studies(&mut self, at: chrono::NaiveDateTime) -> Vec<String> {
        let open: Vec<String> = self
            .session
            .applications
            .values()
            .filter(|a| !a.is_finished() && a.state().study.open_since.is_some())
            .map(|a| a.number.clone())
            .collect();
        let mut problems = Vec::new();
        for number in open {
            let id = self.command_id("pause", &number);
            if let Err(reason) = self.run_engine_at(&number, Command::PauseStudy, id, at) {
                problems.push(format!("{number}：{reason}"));
            }
        }
        problems
    }

    /// The trainer lodges an objection to an application in 公示.
    pub(super) fn object(&mut self, number: String) {
        let id = self.command_id("object", &number);
        match self.run_engine(&number, Command::Object { reason: None }, id) {
            Ok(_) => self.banner = Some(format!("已对申请 {number} 提出异议")),
            Err(reason) => self.tell(format!("未能提出异议：{reason}")),
        }
    }

    /// The trainer makes the next face check fail (or takes that back).
    pub(super) fn toggle_face_failure(&mut self) {
        let state = &mut self.session.state;
        state.force_face_failure = !state.force_face_failure;
        let text = if state.force_face_failure {
            "下一次人脸比对将不通过"
        } else {
            "已取消：人脸比对按设置的概率进行"
        };
        match self.session.save_state() {
            Ok(()) => self.banner = Some(text.into()),
            Err(e) => self.tell(format!("设置保存失败：{e:#}")),
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
