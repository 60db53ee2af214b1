//! The app's side of a coached run (`modes::training`): starting it (from the command line or
//! from 我的 > 培训模式, whose account is put aside meanwhile), letting the coach see each key's
//! result and each commit's events, and ending it with the report, a test's saved.

use super::App;
use super::modes;
use super::session::Session;
use crate::ui::Screen;
use crate::ui::dialog::Dialog;
use crate::ui::home::HomeScreen;

/// A coached run: the coach, the panel it last worked out, and where a test's report goes.
pub(super) struct Training {
    pub(super) coach: modes::training::Coach,
    pub(super) panel: crate::ui::coach::CoachPanel,
    pub(super) reports_dir: Option<std::path::PathBuf>,
    /// Set once the report is shown (and, for a test, saved).
    pub(super) reported: bool,
    /// A run started from 我的 > 培训模式: the account's own session and screens, put back
    /// when it ends, and the run's scratch folder.
    pub(super) home: Option<Home>,
}

pub(super) struct Home {
    pub(super) session: Session,
    pub(super) stack: Vec<Box<dyn Screen>>,
    _scratch: tempfile::TempDir,
}

impl App {
    /// Starts a training or test run: the coach watches from now on; a test without a
    /// trainee's name asks for it first. A test's report is saved in `reports_dir`.
    pub fn begin_training(
        &mut self,
        coach: modes::training::Coach,
        reports_dir: Option<std::path::PathBuf>,
    ) {
        if coach.needs_trainee() {
            self.dialog = Some(Dialog::TraineeName {
                input: tui_input::Input::default(),
                error: None,
            });
        }
        let panel = coach.panel(&self.catalog);
        self.training = Some(Training {
            coach,
            panel,
            reports_dir,
            reported: false,
            home: None,
        });
    }

    /// 我的 > 培训模式: the scenario on a session of its own; the account's session and screens
    /// wait aside until the run ends. A test's report goes to this data folder's reports.
    pub(super) fn start_training_in_app(&mut self, id: &str, test: bool) {
        if self.config.kiosk.enabled {
            return self.tell_notices("自助终端模式下不提供培训模式。".to_string());
        }
        let Some(scenario) = self
            .resources
            .scenarios
            .iter()
            .find(|s| s.id == id)
            .cloned()
        else {
            return self.tell_notices(format!("找不到培训场景 {id}"));
        };
        let now = self.session.state.clock.now;
        let problems = self.pause_open_studies(now);
        if !problems.is_empty() {
            return self.tell_notices(problems.join("\n"));
        }
        let clock = self.config.play_clock_start;
        let (scratch, session) =
            match modes::training::scenario_session(&self.assets, &scenario, clock, 0) {
                Ok(opened) => opened,
                Err(e) => return self.tell_notices(format!("无法开始培训：{e:#}")),
            };
        let home_session = std::mem::replace(&mut self.session, session);
        let home_stack = std::mem::replace(&mut self.stack, vec![Box::new(HomeScreen::default())]);
        let reports = crate::store::reports::folder(home_session.dir.path());
        let mode = if test {
            modes::training::Mode::Test { trainee: None }
        } else {
            modes::training::Mode::Train
        };
        let coach = modes::training::Coach::new(
            scenario,
            mode,
            &self.catalog,
            self.session.state.clock.now,
        );
        self.banner = None;
        self.fire_missed_deadlines();
        self.refresh_startable();
        self.begin_training(coach, Some(reports));
        if let Some(training) = &mut self.training {
            training.home = Some(Home {
                session: home_session,
                stack: home_stack,
                _scratch: scratch,
            });
        }
    }

    /// The report was read: a run from 我的 > 培训模式 gives the account back its session and
    /// screens; a run the program was started for ends the program.
    pub(super) fn end_training(&mut self) {
        match self.training.take().and_then(|t| t.home) {
            Some(home) => {
                self.session = home.session;
                self.stack = home.stack;
                self.dialog = None;
                self.banner = None;
                self.refresh_startable();
            }
            None => self.quit = true,
        }
    }

    /// After each input: the coach sees where the user is and what the dialog says; once the
    /// run is over its report is shown, and a test's saved.
    pub(super) fn coach_observes(&mut self) {
        let Some(mut training) = self.training.take() else {
            return;
        };
        let now = self.session.state.clock.now;
        if !training.coach.needs_trainee() {
            let place = match (self.stack.last(), self.ctx()) {
                (Some(top), Some(ctx)) => top.place(&ctx),
                _ => crate::ui::Place::default(),
            };
            let dialog = match &self.dialog {
                Some(Dialog::Message(text)) => Some(text.as_str()),
                _ => None,
            };
            training
                .coach
                .observe_screen(place, dialog, &self.catalog, now);
        }
        training.panel = training.coach.panel(&self.catalog);
        let report_due = training.coach.finished() && !training.reported;
        self.training = Some(training);
        if report_due {
            self.show_report();
        }
    }

    /// Quitting before the outcome: an unfinished test still leaves its report.
    pub(super) fn abandon_training(&mut self) {
        let now = self.session.state.clock.now;
        let Some(training) = &mut self.training else {
            return;
        };
        if training.reported || training.coach.needs_trainee() {
            return;
        }
        training.coach.abandon(now);
        training.reported = true;
        if training.coach.is_test()
            && let Some(dir) = &training.reports_dir
        {
            let report = training.coach.report(&self.catalog);
            if let Err(e) = modes::report::save_report(dir, &report) {
                eprintln!("考核报告保存失败：{e:#}");
            }
        }
    }

    /// The engine events a commit appended, for the coach.
    pub(super) fn coach_sees_events(
        &mut self,
        appended: &[(String, String, Vec<crate::engine::application::EventKind>)],
    ) {
        let now = self.session.state.clock.now;
        if let Some(training) = &mut self.training {
            for (flow_id, number, events) in appended {
                training
                    .coach
                    .observe_events(flow_id, number, events, &self.catalog, now);
            }
        }
    }

    /// The end of a run: the report on screen, and a test's written to the data folder.
    fn show_report(&mut self) {
        let Some(training) = &mut self.training else {
            return;
        };
        training.reported = true;
        let report = training.coach.report(&self.catalog);
        let mut text = report.to_markdown();
        if training.coach.is_test()
            && let Some(dir) = &training.reports_dir
        {
            match modes::report::save_report(dir, &report) {
                Ok(path) => text.push_str(&format!("\n报告已保存：{}\n", path.display())),
                Err(e) => text.push_str(&format!("\n报告保存失败：{e:#}\n")),
            }
        }
        self.stack.truncate(1);
        self.stack
            .push(Box::new(crate::ui::report::ReportScreen::new(&text)));
    }
}
