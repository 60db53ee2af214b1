//! What the app does with a business: open its wizard, send the SMS code, submit, and carry
//! applications through the engine, delivering what the engine emits (messages, profile
//! changes) and saving every change at once.

use std::collections::BTreeMap;

use super::commit::Change;
use super::session::{self, SessionState};
use super::{App, history};
use crate::domain::mask::mask_name;
use crate::domain::profile::Profile;
use crate::engine::application::Event;
use crate::engine::application::EventKind;
use crate::engine::effects;
use crate::engine::facts::applications_of;
use crate::engine::inbox::{Channel, Draft, Message};
use crate::engine::open_set::Tracked;
use crate::engine::rng::SimRng;
use crate::engine::rules::check;
use crate::engine::step::{Command, Policy, World, create, handle, next_moment};
use crate::store::CommitError;
use crate::ui::dialog::Dialog;
use crate::ui::fields::facts;
use crate::ui::route::Route;
use crate::ui::stages;

impl App {
    fn policy(&self) -> Policy {
        self.config.policy(self.session.state.force_face_failure)
    }

    /// A fresh command id for a step on application `number`: its kind and the next event's
    /// number, so a repeated delivery of the same step is recognised and a new step is not.
    fn command_id(&self, kind: &str, number: &str) -> String {
        let seq = self.session.open.get(number).map_or(0, |a| a.next_seq());
        format!("{kind}-{seq}")
    }

    /// What the engine may read for an application of `profile`.
    fn world<'a>(&'a self, profile: &'a Profile, policy: &'a Policy) -> World<'a> {
        World {
            profile,
            resources: &self.resources,
            policy,
            seed: self.session.state.seed,
            clock_start: self.session.state.clock.started_at.date(),
            seats_taken: &self.session.seats_taken,
            numbers_held: &self.session.numbers_held,
            applications: applications_of(&self.session.open, &profile.id, &self.catalog),
            accounts: &self.session.profiles,
        }
    }

    fn tell(&mut self, message: impl Into<String>) {
        self.dialog = Some(Dialog::Message(message.into()));
    }

    /// Commits `change` as one command; on success shows its banner. `Err` only when nothing
    /// happened (the message says why). A command that happened but whose files are not all
    /// written yet is done: the dialog says the rest is written at the next save or start.
    pub(super) fn commit(&mut self, change: Change) -> Result<(), String> {
        // A message may go to another account's inbox.
        self.need_accounts();
        let banner = change.banner.clone();
        let appended: Vec<_> = change
            .applications
            .iter()
            .map(|(number, application)| {
                let before = self.session.open.get(number).map_or(0, |a| a.events.len());
                let kinds = application.events[before.min(application.events.len())..]
                    .iter()
                    .map(|e| e.kind.clone())
                    .collect();
                (application.flow_id.clone(), number.clone(), kinds)
            })
            .collect();
        let outcome = self.session.commit(change);
        if let Err(CommitError::NotCommitted(e)) = outcome {
            return Err(format!("{e:#}"));
        }
        self.coach_sees_events(&appended);
        self.refresh_startable();
        if banner.is_some() {
            self.banner = banner;
        }
        // 网办进度, when it is open, holds the rows it read: a command may have changed one.
        if self.screen_open(&["网办进度"]) {
            self.load_progress_page(self.session.progress.page);
        }
        if let Err(CommitError::Pending(e)) = outcome {
            self.tell(format!(
                "已办理，但部分文件暂未写入（{e:#}），将在下次保存或启动时自动补写。"
            ));
        }
        Ok(())
    }

    /// Whether the screen at `path` is on the stack (网办进度 under an application page, 设置
    /// under the trainer's console, perhaps).
    pub(super) fn screen_open(&self, path: &[&str]) -> bool {
        let Some(ctx) = self.ctx() else {
            return false;
        };
        self.stack.iter().any(|screen| screen.path(&ctx) == path)
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
        // The precheck reads what the wizard's guards read, through the same view.
        let refusal = process.precheck.as_ref().and_then(|guard| {
            let ctx = self.ctx()?;
            let answers = BTreeMap::new();
            check(guard, &facts(&ctx, &answers, &[])).err()
        });
        if let Some(reason) = refusal {
            let message = format!("暂不能办理「{}」：{reason}", flow.title);
            self.tell(message);
            return;
        }
        self.open(Route::Wizard {
            flow_id: flow_id.to_string(),
            path,
        });
    }

    /// The signed-in user's draft of `flow_id`, or a new one, with its submit token drawn in
    /// `change` when it has none yet: saved with the draft, so 提交 and every retry of it
    /// carry the same token.
    fn draft_or_new(&self, change: &mut Change, flow_id: &str) -> Draft {
        let mut draft = self
            .session
            .draft(flow_id)
            .cloned()
            .unwrap_or_else(|| Draft::new(flow_id));
        if draft.submit_token.is_none() {
            let profile = &self.session.state.current_profile;
            let seed = next_draw_seed(change.state_mut(&self.session));
            draft.submit_token = Some(format!("{profile}-{seed:016x}"));
        }
        draft
    }

    fn draft_key(&self, flow_id: &str) -> (String, String) {
        (
            self.session.state.current_profile.clone(),
            flow_id.to_string(),
        )
    }

    pub(super) fn save_draft(
        &mut self,
        flow_id: String,
        step: usize,
        answers: BTreeMap<String, String>,
        leave: bool,
    ) {
        let mut change = Change::default();
        let mut draft = self.draft_or_new(&mut change, &flow_id);
        draft.step = step;
        draft.answers = answers;
        change.drafts.insert(self.draft_key(&flow_id), Some(draft));
        if let Err(e) = self.commit(change) {
            self.tell(format!("草稿保存失败：{e}"));
        }
        if leave && self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// Draws a code, texts it (消息 and a banner, as on a phone) and keeps it with the draft.
    pub(super) fn send_sms_code(
        &mut self,
        flow_id: String,
        step: usize,
        answers: BTreeMap<String, String>,
        to: String,
    ) {
        let mut change = Change::default();
        let code = SimRng::new(next_draw_seed(change.state_mut(&self.session))).sms_code();
        let title = self
            .catalog
            .flow(&flow_id)
            .map_or(String::new(), |f| f.title.clone());
        let mut draft = self.draft_or_new(&mut change, &flow_id);
        draft.step = step;
        draft.answers = answers;
        draft.sms_code = Some(code.clone());
        draft.sms_to = Some(to.clone());
        let me = self.session.state.current_profile.clone();
        // The code goes to whoever holds the phone: another account when it is theirs (a car
        // owner consenting to a filing), else the one applying.
        let holder = self
            .session
            .profiles
            .values()
            .find(|p| p.id != me && p.phone.as_str() == to)
            .map(|p| p.id.clone());
        let text = match &holder {
            Some(_) => format!(
                "【交管12123】验证码 {code}，有人正在将您的机动车办理「{title}」，如是您本人同意，请将验证码告知对方。"
            ),
            None => format!("【交管12123】验证码 {code}，您正在办理「{title}」，请勿告诉他人。"),
        };
        change.drafts.insert(self.draft_key(&flow_id), Some(draft));
        change.messages.push((
            holder.clone().unwrap_or(me),
            Message {
                seq: 0,
                at: self.session.state.clock.now,
                channel: Channel::Sms,
                to: Some(masked_phone(&to)),
                text: text.clone(),
                application: None,
            },
        ));
        if holder.is_none() {
            change.banner = Some(text);
        }
        match self.commit(change) {
            Ok(()) => self.last_sms_code = Some(code),
            Err(e) => self.tell(format!("验证码发送失败：{e}")),
        }
    }

    /// 提交: creates the application, runs it as far as it goes, and shows its progress, all
    /// in one commit with the draft's removal. The draft's submit token makes a retry after an
    /// uncertain failure show the application it already made.
    pub(super) fn submit(&mut self, flow_id: String, answers: BTreeMap<String, String>) {
        let Some(title) = self.catalog.flow(&flow_id).map(|f| f.title.clone()) else {
            return;
        };
        let key = self.draft_key(&flow_id);
        let token = match self
            .session
            .draft(&flow_id)
            .and_then(|d| d.submit_token.clone())
        {
            Some(token) => token,
            None => {
                // Every wizard step saves the draft with its token; should it be missing, it is
                // kept before the first try, so that every retry carries the same one.
                let mut change = Change::default();
                let mut draft = self.draft_or_new(&mut change, &flow_id);
                draft.answers = answers.clone();
                let token = draft.submit_token.clone().unwrap_or_default();
                change.drafts.insert(key.clone(), Some(draft));
                if let Err(reason) = self.commit(change) {
                    self.tell(format!("提交失败：{reason}\n已填写的内容仍保存在草稿中。"));
                    return;
                }
                token
            }
        };
        if let Some(number) = self
            .session
            .state
            .submitted_with(&token)
            .map(str::to_string)
        {
            let mut change = Change::default();
            change.drafts.insert(key, None);
            if let Err(reason) = self.commit(change) {
                self.tell(format!("草稿清理失败：{reason}"));
            }
            self.show_submitted(&title, number);
            return;
        }
        let applicant = self.session.state.current_profile.clone();
        let mut change = Change::default();
        let number = match self.next_application_number(&mut change, &applicant) {
            Ok(number) => number,
            Err(reason) => {
                self.tell(format!("提交失败：{reason}\n已填写的内容仍保存在草稿中。"));
                return;
            }
        };
        let Some(flow) = self.catalog.flow(&flow_id) else {
            return;
        };
        let mut application = create(&number, flow, &applicant, self.session.state.clock.now);
        application.submit_token = Some(token.clone());
        change.applications.insert(number.clone(), application);
        change.created.insert(number.clone());
        let now = self.session.state.clock.now;
        let outcome = self
            .run_in(
                &mut change,
                &number,
                Command::Submit { answers },
                "submit".into(),
                now,
            )
            .and_then(|_| {
                change
                    .state_mut(&self.session)
                    .record_submit(&token, &number);
                change.drafts.insert(key, None);
                self.commit(change)
            });
        if let Err(reason) = outcome {
            self.tell(format!("提交失败：{reason}\n已填写的内容仍保存在草稿中。"));
            return;
        }
        self.show_submitted(&title, number);
    }

    /// After 提交: the application's progress, with the 已提交 notice over it.
    fn show_submitted(&mut self, title: &str, number: String) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
        self.open(Route::Application(number.clone()));
        let who = self
            .session
            .profile()
            .map(|p| mask_name(&p.name))
            .unwrap_or_default();
        self.tell(format!(
            "「{title}」已提交（{who}）。\n受理编号 {number}，可在【网办进度】中查看办理进度。"
        ));
    }

    /// The next 受理编号: the simulated day and a serial above every number in the folder
    /// (open, archived, quarantined); a number whose file exists is skipped, never reused.
    fn next_application_number(
        &self,
        change: &mut Change,
        applicant: &str,
    ) -> Result<String, String> {
        let today = self.session.state.clock.now.format("%Y%m%d").to_string();
        let state = change.state_mut(&self.session);
        for _ in 0..1000 {
            state.applications_created += 1;
            let number = format!("{today}{:06}", state.applications_created);
            let taken = self.session.open.contains(&number)
                || self
                    .session
                    .dir()
                    .exists(&session::application_file(&number))
                || self
                    .session
                    .dir()
                    .exists(&history::archive_file(applicant, &number));
            if !taken {
                return Ok(number);
            }
        }
        Err("找不到未使用的受理编号".into())
    }

    pub(super) fn complete_task(&mut self, number: String, answers: BTreeMap<String, String>) {
        let id = self.command_id("task", &number);
        let stage = |app: &Self| {
            app.session
                .open
                .tracked(&number)
                .and_then(|t| t.state.stage.clone())
        };
        let before = stage(self);
        match self.run_engine(&number, Command::CompleteTask { answers }, id) {
            Err(reason) => self.tell(format!("未能提交：{reason}")),
            // Still on the task (a composed number found taken): the page says why.
            Ok(_) if stage(self) == before && self.session.open.contains(&number) => {}
            Ok(_) if self.stack.len() > 1 => {
                self.stack.pop();
            }
            Ok(_) => {}
        }
    }

    /// Runs one command on an application and commits what it changed (the application, the
    /// applicant's profile, the messages) as one.
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
        // The engine's facts read every account (a plate issued, a car filed by someone else).
        self.need_accounts();
        let mut change = Change::default();
        let events = self.run_in(&mut change, number, command, command_id, now)?;
        if !events.is_empty() {
            self.commit(change)?;
        }
        Ok(events)
    }

    /// One engine command on an application, into `change`: the events appended, what they
    /// settle (messages, profile changes) gathered with them. Touches no session state.
    fn run_in(
        &self,
        change: &mut Change,
        number: &str,
        command: Command,
        command_id: String,
        now: chrono::NaiveDateTime,
    ) -> Result<Vec<Event>, String> {
        if self.session.is_read_only_application(number) {
            return Err("这份申请来自更新版本的 jiaoguan，只能查看，不能继续办理".into());
        }
        let application = change
            .application(&self.session, number)
            .cloned()
            .ok_or("找不到这份申请，或它已办结")?;
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
        let applicant = application.applicant.clone();
        let profile = change
            .profile(&self.session, &applicant)
            .ok_or("找不到申请人")?;
        let policy = self
            .config
            .policy(change.state(&self.session).force_face_failure);
        let world = self.world(profile, &policy);
        let events =
            handle(&application, flow, &command, &command_id, now, &world).map_err(|e| e.0)?;
        if events.is_empty() {
            return Ok(events);
        }
        // Everything is worked out first and joins `change` only at the end, so a refused
        // effect leaves `change` as it was.
        let mut updated = application;
        updated.events.extend(events.iter().cloned());
        let mut applicant_profile = profile.clone();
        let mut messages = Vec::new();
        let mut banner = None;
        let mut told = Vec::new();
        for event in &events {
            match &event.kind {
                EventKind::Sent { channel, to, text } => {
                    if applicant == self.session.state.current_profile {
                        banner = Some(text.clone());
                    }
                    messages.push((
                        applicant.clone(),
                        Message {
                            seq: 0,
                            at: event.at,
                            channel: *channel,
                            to: to.as_deref().map(masked_phone),
                            text: text.clone(),
                            application: Some(number.to_string()),
                        },
                    ));
                }
                EventKind::ProfileChanged(settled) => {
                    effects::apply(settled, &mut applicant_profile)?;
                }
                EventKind::Told {
                    application,
                    signal,
                } => told.push((application.clone(), *signal, event.seq)),
                _ => {}
            }
        }
        let checked = events
            .iter()
            .any(|e| matches!(e.kind, EventKind::FaceChecked { .. }));
        if checked && change.state(&self.session).force_face_failure {
            change.state_mut(&self.session).force_face_failure = false;
        }
        if change.profile(&self.session, &applicant) != Some(&applicant_profile) {
            change.profiles.insert(applicant, applicant_profile);
        }
        change.applications.insert(number.to_string(), updated);
        change.messages.extend(messages);
        if banner.is_some() {
            change.banner = banner;
        }
        // A settled `Tell` reaches the other application in the same commit: both are written
        // or neither is. Its command id names the teller's event, so a replay changes nothing.
        for (target, signal, seq) in told {
            let command = Command::Told {
                signal,
                by: number.to_string(),
                title: flow.title.clone(),
            };
            let id = format!("told-{number}-{seq}");
            self.run_in(change, &target, command, id, now)?;
        }
        Ok(events)
    }

    /// Fires every deadline that has fallen due by the simulated now, oldest first, each once.
    pub(crate) fn advance_due(&mut self) -> Vec<String> {
        let now = self.session.state.clock.now;
        let due: Vec<String> = self
            .session
            .open
            .due_by(now)
            .into_iter()
            .filter(|n| !self.session.is_read_only_application(n))
            .collect();
        let mut problems = Vec::new();
        for number in due {
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
        self.need_accounts();
        let now = self.session.state.clock.now;
        let hold = self.config.engine.hold_reviews;
        let policy = self.policy();
        let next = self
            .session
            .open
            .iter()
            .filter(|t| !self.session.is_read_only_application(&t.application.number))
            .filter(|t| !(hold && self.is_review(t)))
            .map(|t| &t.application)
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
            .open
            .iter()
            .filter(|t| &t.application.applicant == me)
            .any(|t| {
                t.state.local.studying() || t.state.local.exam().in_progress || self.counts_down(t)
            })
    }

    /// Whether the application waits in a timed task (a 选号 countdown), which the page shows
    /// ticking.
    fn counts_down(&self, tracked: &Tracked) -> bool {
        let stage = tracked.state.stage.as_deref().unwrap_or_default();
        tracked.state.outcome.is_none()
            && self
                .catalog
                .flow(&tracked.application.flow_id)
                .and_then(|f| f.process.as_ref())
                .and_then(|p| p.stage(stage))
                .is_some_and(|s| {
                    matches!(
                        s.kind,
                        crate::flow::process::StageKind::UserTask { seconds: 1.., .. }
                    )
                })
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

    /// The moment a trainer typed as `2026-03-15` (09:00 that day) or `2026-03-15 14:30`;
    /// `Err` with what the dialog says when it is not a date ahead of the clock.
    pub(super) fn clock_target(&self, typed: &str) -> Result<chrono::NaiveDateTime, String> {
        let typed = typed.trim();
        let at = chrono::NaiveDateTime::parse_from_str(typed, "%Y-%m-%d %H:%M")
            .ok()
            .or_else(|| {
                chrono::NaiveDate::parse_from_str(typed, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(9, 0, 0))
            })
            .ok_or_else(|| {
                format!("「{typed}」不是日期，请按 2026-03-15 或 2026-03-15 14:30 输入")
            })?;
        let now = self.session.state.clock.now;
        if at <= now {
            return Err(format!(
                "模拟时钟只能向后拨：现在是 {}",
                now.format("%Y-%m-%d %H:%M")
            ));
        }
        Ok(at)
    }

    pub(super) fn move_clock_to(&mut self, next: chrono::NaiveDateTime) {
        let mut change = Change::default();
        change.state_mut(&self.session).clock.advance_to(next);
        if let Err(e) = self.commit(change) {
            self.tell(format!("时钟保存失败：{e}"));
            return;
        }
        let problems = self.advance_due();
        if !problems.is_empty() {
            self.tell(problems.join("\n"));
        } else if self.banner.is_none() {
            self.banner = Some(format!("模拟时钟已拨到 {}", next.format("%Y-%m-%d %H:%M")));
        }
    }

    fn is_review(&self, tracked: &Tracked) -> bool {
        let stage = tracked.state.stage.as_deref().unwrap_or_default();
        self.catalog
            .flow(&tracked.application.flow_id)
            .and_then(|f| f.process.as_ref())
            .and_then(|p| p.stage(stage))
            .is_some_and(|s| matches!(s.kind, crate::flow::process::StageKind::PoliceReview { .. }))
    }

    /// The trainer, as the officer, decides a review now.
    pub(super) fn decide(&mut self, number: String, approve: bool, reason: Option<String>) {
        let id = self.command_id("decide", &number);
        match self.run_engine(&number, Command::Decide { approve, reason }, id) {
            Ok(events) => {
                let said = stages::step_result(&events, self.config.engine.face_retries.max(1));
                self.banner = Some(said.map_or_else(
                    || {
                        format!(
                            "申请 {number} 已{}",
                            if approve { "审核通过" } else { "退回" }
                        )
                    },
                    |said| format!("申请 {number}：{said}"),
                ));
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
                if let Some(text) =
                    stages::step_result(&events, self.config.engine.face_retries.max(1))
                {
                    self.banner = Some(text);
                }
            }
            Err(reason) => self.tell(reason),
        }
    }

    /// Closes every running study of every account at `at` (leaving the study page, the kiosk
    /// going home, switching accounts, the start after the program stopped): idle time never
    /// counts as study.
    pub(crate) fn pause_open_studies(&mut self, at: chrono::NaiveDateTime) -> Vec<String> {
        let open: Vec<String> = self
            .session
            .open
            .iter()
            .filter(|t| t.state.local.studying())
            .map(|t| t.application.number.clone())
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
        let mut change = Change::default();
        let state = change.state_mut(&self.session);
        state.force_face_failure = !state.force_face_failure;
        let text = if state.force_face_failure {
            "下一次人脸比对将不通过"
        } else {
            "已取消：人脸比对按设置的概率进行"
        };
        change.banner = Some(text.into());
        if let Err(e) = self.commit(change) {
            self.tell(format!("设置保存失败：{e}"));
        }
    }

    pub(super) fn mark_messages_read(&mut self) {
        let profile = self.session.state.current_profile.clone();
        if self
            .session
            .inboxes
            .get(&profile)
            .is_none_or(|i| i.unread() == 0)
        {
            return;
        }
        let mut change = Change::default();
        change.read.insert(profile);
        if let Err(e) = self.commit(change) {
            self.tell(format!("消息保存失败：{e}"));
        }
    }
}

/// A fresh stream for a draw made outside an application (an SMS code, a submit token).
fn next_draw_seed(state: &mut SessionState) -> u64 {
    state.draws += 1;
    state.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ state.draws
}

/// A phone number as the inbox keeps it: masked (138****7406), as 消息 shows it, so the
/// data folder holds no more of it than the screen does.
fn masked_phone(to: &str) -> String {
    crate::domain::phone::Phone::parse(to).map_or_else(|_| to.to_string(), |p| p.masked())
}
