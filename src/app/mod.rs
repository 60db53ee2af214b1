//! The loop's brain: an input event becomes a command of the top screen (or a dialog), the
//! resulting `Action` changes the stack, the session or an application, and the next frame
//! renders from state. The interactive terminal and `play` drive this same `App`.

mod business;
pub mod cast;
mod coached;
pub mod commit;
mod dialogs;
mod draw;
pub mod graph;
pub mod history;
pub mod modes;
pub mod play;
pub mod run;
pub mod script;
pub mod session;

use std::collections::BTreeMap;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use crate::assets::{AssetSource, Resources};
use crate::config::Config;
use crate::domain::mask::mask_name;
use crate::engine::facts::{Facts, applications_of};
use crate::flow::Catalog;
use crate::flow::menu::{self, MenuNode};
use crate::on_demand::OnDemand;
use crate::ui::chrome::{MIN_HEIGHT, MIN_WIDTH};
use crate::ui::dialog::Dialog;
use crate::ui::home::HomeScreen;
use crate::ui::keys::{Cmd, global_keys, lookup};
use crate::ui::route::Route;
use crate::ui::router;
use crate::ui::trainer::TrainerScreen;
use crate::ui::{Action, Ctx, Screen};
use session::Session;

pub struct App {
    /// Every business: parsed when first read (a business opened, 业务中心, a deadline due), or
    /// at start when it comes from an assets folder, which is checked then.
    catalog: OnDemand<Catalog>,
    /// 首页's entries, which need no business.
    surfaces: Vec<MenuNode>,
    config: Config,
    resources: Resources,
    session: Session,
    stack: Vec<Box<dyn Screen>>,
    dialog: Option<Dialog>,
    /// A new message, shown over the top of the screen until the next key, as a phone would.
    banner: Option<String>,
    /// The whole terminal, as of the last resize.
    size: Rect,
    quit: bool,
    /// Wrong administrator PINs in a row, and until when the kiosk's exit is locked.
    pin_guard: modes::kiosk::PinGuard,
    /// Seconds left before the kiosk's idle reset, while the countdown shows.
    idle_countdown: Option<u64>,
    /// A demo's line of narration (`say:"..."` in its script), shown above the footer.
    caption: Option<String>,
    /// The SMS code sent last, wherever it went: a script's `sms-code` types it.
    last_sms_code: Option<String>,
    /// A training or test run, when the app was started for one.
    training: Option<coached::Training>,
    /// Where the assets came from: a run from 我的 > 培训模式 seeds its session from them.
    assets: AssetSource,
}

/// The screen body: everything between the title bar and the footer.
fn body_area(size: Rect) -> Rect {
    Rect::new(
        size.x,
        size.y + 1,
        size.width,
        size.height.saturating_sub(2),
    )
}

/// The context screens read, made from the app's parts (so the stack can be borrowed apart).
fn make_ctx<'a>(
    catalog: &'a OnDemand<Catalog>,
    surfaces: &'a [MenuNode],
    config: &'a Config,
    resources: &'a Resources,
    session: &'a Session,
    body: Rect,
) -> Option<Ctx<'a>> {
    let profile = session.profile()?;
    Some(Ctx {
        catalog,
        surfaces,
        profile,
        personas: &session.personas,
        accounts: &session.profiles,
        clock: &session.state.clock,
        config,
        body,
        resources,
        applications: &session.open,
        viewed: &session.viewed,
        seats_taken: &session.seats_taken,
        numbers_held: &session.numbers_held,
        startable: &session.startable,
        progress: &session.progress,
        inbox: session.inboxes.get(&profile.id),
        drafts: &session.drafts,
        face_failure_forced: session.state.force_face_failure,
    })
}

impl App {
    /// A new app on a loaded session; deadlines that fell due while the program was closed fire
    /// now, oldest first.
    pub fn new(
        catalog: Catalog,
        config: Config,
        resources: Resources,
        session: Session,
        size: Rect,
    ) -> App {
        let mut app = App::starting(OnDemand::ready(catalog), config, resources, session, size);
        app.fire_missed_deadlines();
        app
    }

    /// An app that can draw its first frame; `finish_start` completes it.
    pub fn starting(
        catalog: OnDemand<Catalog>,
        config: Config,
        mut resources: Resources,
        session: Session,
        size: Rect,
    ) -> App {
        resources.fees = config.fees.clone();
        resources.vehicle_rules = config.vehicles.clone();
        resources.education_rules = config.education.clone();
        App {
            catalog,
            surfaces: menu::surfaces(),
            config,
            resources,
            session,
            stack: vec![Box::new(HomeScreen::default())],
            dialog: None,
            banner: None,
            size,
            quit: false,
            pin_guard: modes::kiosk::PinGuard::default(),
            idle_countdown: None,
            caption: None,
            last_sms_code: None,
            training: None,
            assets: AssetSource::Embedded,
        }
    }

    /// After the first frame: the rest of the data folder and the reference data, then the
    /// deadlines missed while the program was closed. `checked` is a catalog read from an
    /// assets folder, which a trainer may have edited, so it was checked at start; the embedded
    /// one stays on demand. A kiosk loads the businesses and the other accounts now: its 首页
    /// lists the businesses, and the operator who starts it should hear of a damaged file
    /// then, not a visitor later.
    pub fn finish_start(
        &mut self,
        assets: &AssetSource,
        checked: Option<Catalog>,
        resources: Resources,
    ) -> anyhow::Result<()> {
        self.session.load_rest(assets)?;
        self.assets = assets.clone();
        if let Some(catalog) = checked {
            self.catalog = OnDemand::ready(catalog);
        }
        if self.config.kiosk.enabled {
            OnDemand::force(&self.catalog);
            self.session.load_accounts()?;
        }
        self.resources = resources;
        self.resources.fees = self.config.fees.clone();
        self.resources.vehicle_rules = self.config.vehicles.clone();
        self.resources.education_rules = self.config.education.clone();
        self.fire_missed_deadlines();
        Ok(())
    }

    /// The other accounts, loaded the first time something needs them (see
    /// `Session::load_accounts`); what loading them found wrong is told.
    pub(super) fn need_accounts(&mut self) {
        if self.session.accounts_loaded() {
            return;
        }
        if let Err(e) = self.session.load_accounts() {
            self.tell_notices(format!("读取其他账号失败：{e:#}"));
        } else if !self.session.notices.is_empty() {
            self.tell_notices(String::new());
        }
    }

    /// Keeps 设置's list of what each account can start up to date while it is open; it is
    /// counted when 设置 opens, so a change made elsewhere costs nothing here.
    pub(super) fn refresh_startable(&mut self) {
        if self.screen_open(&["我的", "设置"]) {
            self.count_startable();
        }
    }

    /// What each account can start now, for 设置: the businesses offered online whose
    /// precheck holds and whose subject page has something to choose, in menu order.
    pub(super) fn count_startable(&mut self) {
        let today = self.session.state.clock.today();
        let clock_start = self.session.state.clock.started_at.date();
        let none = BTreeMap::new();
        let mut flows: Vec<_> = self
            .catalog
            .flows
            .values()
            .filter_map(|f| Some((f, f.process.as_ref()?)))
            .collect();
        flows.sort_by_key(|(f, _)| f.order);
        self.session.startable = self
            .session
            .profiles
            .values()
            .map(|profile| {
                let facts = Facts {
                    profile,
                    today,
                    answers: &none,
                    records: &[],
                    resources: &self.resources,
                    clock_start,
                    seats_taken: &self.session.seats_taken,
                    numbers_held: &self.session.numbers_held,
                    applications: applications_of(&self.session.open, &profile.id, &self.catalog),
                    accounts: &self.session.profiles,
                };
                let titles = flows
                    .iter()
                    .filter(|(_, process)| facts.can_start(process))
                    .map(|(f, _)| f.title.clone())
                    .collect();
                (profile.id.clone(), titles)
            })
            .collect();
    }

    /// Fires what fell due while the program was closed, and tells the operator about files
    /// that could not be read.
    fn fire_missed_deadlines(&mut self) {
        let mut notices = std::mem::take(&mut self.session.notices);
        let last_seen = self.session.clock_at_open;
        notices.extend(self.pause_open_studies(last_seen));
        notices.extend(self.advance_due());
        if !notices.is_empty() {
            self.dialog = Some(Dialog::Message(notices.join("\n")));
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Writes what is held in memory (the clock's wall-time anchor), at quit.
    pub fn flush(&mut self) -> anyhow::Result<()> {
        if let Some(home) = self.training.as_mut().and_then(|t| t.home.as_mut()) {
            home.session.flush()?;
        }
        self.session.flush()
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The banner shown now; the interactive loop drops it after a while.
    pub fn banner(&self) -> Option<&str> {
        self.banner.as_deref()
    }

    pub fn clear_banner(&mut self) {
        self.banner = None;
    }

    fn ctx(&self) -> Option<Ctx<'_>> {
        make_ctx(
            &self.catalog,
            &self.surfaces,
            &self.config,
            &self.resources,
            &self.session,
            self.app_body(self.size),
        )
    }

    /// The screen's body: the whole body, less the coach's panel in a training run.
    fn app_body(&self, size: Rect) -> Rect {
        let body = body_area(size);
        match &self.training {
            Some(_) => crate::ui::coach::split(body).0,
            None => body,
        }
    }

    /// Where the app's assets come from (`play` and the demo set it; `finish_start` too).
    pub fn set_assets(&mut self, assets: AssetSource) {
        self.assets = assets;
    }

    /// The breadcrumb of the top screen (tests and `play` read it).
    pub fn breadcrumb(&self) -> Vec<String> {
        match (self.ctx(), self.stack.last()) {
            (Some(ctx), Some(top)) => top.path(&ctx),
            _ => Vec::new(),
        }
    }

    /// Another account signs in: a study left running by the last one stops counting first.
    fn pause_then_switch(&mut self, id: &str) -> anyhow::Result<()> {
        let now = self.session.state.clock.now;
        let problems = self.pause_open_studies(now);
        if !problems.is_empty() {
            anyhow::bail!(problems.join("\n"));
        }
        self.session.switch_to(id)
    }

    /// The kiosk's idle reset: 首页 as the default account with the demo data restored, so the
    /// next visitor finds nothing of the last one's (drafts, applications, messages, changes).
    pub fn reset_to_home(&mut self) {
        let now = self.session.state.clock.now;
        let problems = self.pause_open_studies(now);
        self.stack.truncate(1);
        self.dialog = (!problems.is_empty()).then(|| Dialog::Message(problems.join("\n")));
        self.banner = None;
        self.idle_countdown = None;
        if let Err(e) = self.session.reset_in_place() {
            self.dialog = Some(Dialog::Message(format!("演示数据恢复失败：{e:#}")));
        } else if self.session.state.current_profile != self.config.default_persona {
            let default = self.config.default_persona.clone();
            if let Err(e) = self.session.switch_to(&default) {
                self.dialog = Some(Dialog::Message(format!("{e:#}")));
            }
        }
    }

    /// The kiosk's last seconds before the idle reset, shown until a key is pressed.
    pub fn show_idle_countdown(&mut self, seconds: u64) {
        self.idle_countdown = Some(seconds);
    }

    /// A demo script's caption; `None` takes it away.
    pub fn set_caption(&mut self, caption: Option<String>) {
        self.caption = caption;
    }

    /// The caption on show, taken away (a script's `expect` reads the screen without it).
    pub fn take_caption(&mut self) -> Option<String> {
        self.caption.take()
    }

    /// A script's `sms-code`: types the code sent last, as the visitor reads it off the phone.
    pub fn type_last_sms_code(&mut self) {
        let code = self.last_sms_code.clone().unwrap_or_default();
        for c in code.chars() {
            self.handle_event(&Event::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
    }

    pub fn handle_event(&mut self, event: &Event) {
        self.take_event(event);
        self.coach_observes();
    }

    fn take_event(&mut self, event: &Event) {
        // A window too small to show anything takes no keys or clicks: nothing the user cannot
        // see may happen. Only a resize (and the signals) get through.
        let too_small = self.size.width < MIN_WIDTH || self.size.height < MIN_HEIGHT;
        if too_small && matches!(event, Event::Key(_) | Event::Mouse(_) | Event::Paste(_)) {
            return;
        }
        // Any event means someone is there; a key during the idle countdown says only that.
        if self.idle_countdown.take().is_some() && matches!(event, Event::Key(_) | Event::Mouse(_))
        {
            return;
        }
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                self.banner = None;
                self.handle_key(*key);
            }
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    self.handle_click(Position::new(mouse.column, mouse.row))
                }
                MouseEventKind::ScrollUp => self.run_cmd(Cmd::Up),
                MouseEventKind::ScrollDown => self.run_cmd(Cmd::Down),
                _ => {}
            },
            Event::Paste(text) => {
                let clean = crate::domain::text::strip_escapes(text);
                if let Some(dialog) = &mut self.dialog {
                    for c in clean.chars() {
                        dialog.type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                    }
                } else {
                    self.with_top_value(|top, ctx| top.paste(&clean, ctx));
                }
            }
            Event::Resize(w, h) => self.size = Rect::new(0, 0, *w, *h),
            _ => {}
        }
    }

    fn handle_key(&mut self, key: KeyEvent) {
        if let Some(dialog) = &mut self.dialog {
            match lookup(dialog.keys(), &key) {
                Some(cmd) => self.answer_dialog(cmd),
                None => dialog.type_key(key),
            }
            return;
        }
        let (Some(top), Some(ctx)) = (self.stack.last(), self.ctx()) else {
            return;
        };
        let text_focus = top.text_focus(&ctx);
        // While a field has the focus, a plain character (a digit, a space) is typed, not taken
        // as a key of the screen or a global one.
        let typed = text_focus
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && matches!(key.code, KeyCode::Char(_));
        let (own, global) = if typed {
            (None, None)
        } else {
            (
                lookup(top.keys(), &key),
                lookup(global_keys(self.config.kiosk.enabled), &key),
            )
        };
        match own.or(global) {
            Some(cmd) => self.run_cmd(cmd),
            None if text_focus => self.with_top(|top, ctx| top.type_key(key, ctx)),
            None => {}
        }
    }

    fn handle_click(&mut self, pos: Position) {
        if self.dialog.is_some() {
            return;
        }
        let cmd = self
            .with_top_value(|top, ctx| top.click(pos, ctx))
            .flatten();
        if let Some(cmd) = cmd {
            self.run_cmd(cmd);
        }
    }

    fn run_cmd(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::Search => {
                let typing = match (self.stack.last(), self.ctx()) {
                    (Some(top), Some(ctx)) => top.text_focus(&ctx),
                    _ => false,
                };
                if !typing {
                    self.open(Route::Search);
                }
            }
            Cmd::Help => self.apply(Action::Help),
            Cmd::Quit => self.apply(Action::Quit),
            Cmd::AdminExit => self.apply(Action::AdminExit),
            Cmd::AdvanceClock => self.apply(Action::AdvanceClock),
            Cmd::Trainer if self.config.kiosk.enabled || !self.config.trainer_console => {
                self.dialog = Some(Dialog::Message(
                    "培训讲师控制台未开启（自助终端模式或配置 trainer_console: false）。"
                        .to_string(),
                ));
            }
            Cmd::Trainer => {
                if self.breadcrumb().first().map(String::as_str) != Some(TrainerScreen::TITLE) {
                    self.open(Route::Trainer);
                }
            }
            cmd => self.with_top(|top, ctx| top.handle(cmd, ctx)),
        }
    }

    /// Runs `f` on the top screen with a fresh context, then applies the action it returns.
    fn with_top(&mut self, f: impl FnOnce(&mut dyn Screen, &Ctx) -> Action) {
        if let Some(action) = self.with_top_value(f) {
            self.apply(action);
        }
    }

    fn with_top_value<T>(&mut self, f: impl FnOnce(&mut dyn Screen, &Ctx) -> T) -> Option<T> {
        let body = self.app_body(self.size);
        let ctx = make_ctx(
            &self.catalog,
            &self.surfaces,
            &self.config,
            &self.resources,
            &self.session,
            body,
        )?;
        let top = self.stack.last_mut()?;
        Some(f(top.as_mut(), &ctx))
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::None => {}
            Action::Open(route) => self.open(route),
            Action::Replace(route) => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
                self.open(route);
            }
            Action::Pop => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
            }
            Action::Quit if self.config.kiosk.enabled => {
                self.dialog = Some(Dialog::Message(
                    "自助终端模式下不能退出。如需帮助，请联系现场工作人员。".to_string(),
                ));
            }
            Action::Quit => self.dialog = Some(Dialog::ConfirmQuit),
            Action::AdminExit if self.config.kiosk.enabled => {
                self.dialog = Some(Dialog::AdminPin {
                    input: tui_input::Input::default(),
                    error: None,
                });
            }
            Action::AdminExit => self.dialog = Some(Dialog::ConfirmQuit),
            Action::Help => self.dialog = Some(self.help()),
            Action::Notify(message) => self.dialog = Some(Dialog::Message(message)),
            Action::SwitchPersona(_) if self.training.is_some() => {
                self.dialog = Some(Dialog::Message(
                    "培训和考核中不能切换账号：本场景的学员账号是固定的。".to_string(),
                ));
            }
            Action::SwitchPersona(_) if self.config.kiosk.enabled => {
                self.dialog = Some(Dialog::Message(
                    "自助终端模式下不能切换账号。如需帮助，请联系现场工作人员。".to_string(),
                ));
            }
            Action::SwitchPersona(id) => match self.pause_then_switch(&id) {
                Ok(()) => {
                    self.stack.truncate(1);
                    let name = self
                        .session
                        .profile()
                        .map(|p| mask_name(&p.name))
                        .unwrap_or_default();
                    self.dialog = Some(Dialog::Message(format!("已登录为 {name}。")));
                }
                Err(e) => self.dialog = Some(Dialog::Message(format!("切换账号失败：{e:#}"))),
            },
            Action::StartBusiness { flow_id, path } => self.start_business(&flow_id, path),
            Action::SaveDraft {
                flow_id,
                step,
                answers,
                leave,
            } => self.save_draft(flow_id, step, answers, leave),
            Action::SendSmsCode {
                flow_id,
                step,
                answers,
                to,
            } => self.send_sms_code(flow_id, step, answers, to),
            Action::Submit { flow_id, answers } => self.submit(flow_id, answers),
            Action::CompleteTask { number, answers } => self.complete_task(number, answers),
            Action::AdvanceClock => self.advance_clock(),
            Action::Decide {
                number,
                approve,
                reason,
            } => self.decide(number, approve, reason),
            Action::AskRejection { number, reasons } => {
                self.dialog = Some(Dialog::RejectReason {
                    number,
                    reasons,
                    selected: 0,
                    input: tui_input::Input::default(),
                })
            }
            Action::ConfirmThen { text, then } => {
                self.dialog = Some(Dialog::ConfirmThen { text, then })
            }
            Action::SetClock(at) => self.move_clock_to(at),
            Action::AskClock => {
                self.dialog = Some(Dialog::ClockTo {
                    input: tui_input::Input::default(),
                    error: None,
                })
            }
            Action::EndTraining => self.end_training(),
            Action::StartTraining { scenario, test } => self.start_training_in_app(&scenario, test),
            Action::LeaveMessages => {
                self.mark_messages_read();
                self.apply(Action::Pop);
            }
            Action::Act { number, command } => self.act(number, command),
            Action::ConfirmAct {
                text,
                number,
                command,
            } => {
                self.dialog = Some(Dialog::ConfirmAct {
                    text,
                    number,
                    command,
                })
            }
            Action::ConfirmLeave(text) => self.dialog = Some(Dialog::ConfirmLeave(text)),
            Action::ActAndLeave { number, command } => {
                self.act(number, command);
                self.apply(Action::Pop);
            }
            Action::Object { number } => self.object(number),
            Action::ToggleFaceFailure => self.toggle_face_failure(),
            Action::AdvanceClockBy(minutes) => self.advance_clock_by(minutes),
            Action::ProgressPage(page) => self.load_progress_page(page),
            Action::MessagesPage(name) => self.show_messages(Some(&name)),
            Action::ConfirmReset if self.config.kiosk.enabled => {}
            Action::ConfirmReset => self.dialog = Some(Dialog::ConfirmReset),
        }
    }

    /// Opens the screen for `route` on top, having read from the data folder what it shows
    /// (网办进度's page, 消息's newest segment, an archived application).
    pub(super) fn open(&mut self, route: Route) {
        // A menu and the search list businesses only; every other screen may show or act on
        // another account (who filed a car, the persona list, an engine command).
        if !matches!(route, Route::Menu(_) | Route::Search) {
            self.need_accounts();
        }
        match &route {
            Route::Progress => self.load_progress_page(0),
            Route::Messages => self.show_messages(None),
            // Parsed on first use, not at every start: most starts never open 培训模式.
            Route::TrainingList if self.resources.scenarios.is_empty() => {
                self.resources.scenarios = crate::assets::parse_scenarios(&self.assets);
            }
            Route::Settings => self.count_startable(),
            Route::Application(number) => {
                match history::view_application(&mut self.session, number) {
                    Ok(true) => {}
                    Ok(false) => {
                        return self.tell_notices(format!("找不到受理编号为 {number} 的申请"));
                    }
                    Err(e) => return self.tell_notices(format!("{e:#}")),
                }
            }
            _ => {}
        }
        let Some(ctx) = self.ctx() else { return };
        let screen = router::screen(route, &ctx);
        self.stack.push(screen);
    }

    /// The trainer's reset: the same one commit as `--reset-demo`, then the folder is read
    /// again as at start and the visitor is back on 首页.
    fn reset_demo(&mut self) {
        let now = self.session.state.clock.now;
        let problems = self.pause_open_studies(now);
        self.stack.truncate(1);
        self.banner = None;
        let message = match self.session.reset_in_place() {
            Ok(()) => "演示数据已恢复到初始状态。".to_string(),
            Err(e) => format!("演示数据重置失败：{e:#}"),
        };
        let mut lines = problems;
        lines.push(message);
        self.tell_notices(lines.join("\n"));
    }

    /// Reads page `page` of 网办进度 (only its rows).
    pub(super) fn load_progress_page(&mut self, page: usize) {
        if let Err(e) = history::load_progress_page(&mut self.session, &self.catalog, page) {
            self.tell_notices(format!("读取办理记录失败：{e:#}"));
        } else if !self.session.notices.is_empty() {
            self.tell_notices(String::new());
        }
    }

    /// Shows segment `name` of 消息 (the newest when `None`).
    fn show_messages(&mut self, name: Option<&str>) {
        if let Err(e) = history::show_segment(&mut self.session, name) {
            self.tell_notices(format!("读取消息失败：{e:#}"));
        } else if !self.session.notices.is_empty() {
            self.tell_notices(String::new());
        }
    }

    /// A dialog with `message` and whatever files were moved aside while reading.
    fn tell_notices(&mut self, message: String) {
        let mut lines: Vec<String> = std::mem::take(&mut self.session.notices);
        if !message.is_empty() {
            lines.insert(0, message);
        }
        self.dialog = Some(Dialog::Message(lines.join("\n")));
    }
}
