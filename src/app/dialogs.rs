//! What each dialog's answer does: the quit and PIN confirmations, the console's questions
//! (approve, object, move the clock, reset), the trainee's name and a rejection's reason, and
//! the `?` help drawn from the top screen's key table.

use crossterm::event::KeyCode;

use super::{App, modes};
use crate::ui::Action;
use crate::ui::chrome::help_rows;
use crate::ui::dialog::Dialog;
use crate::ui::keys::{Cmd, KeyPattern, global_keys};

impl App {
    pub(super) fn answer_dialog(&mut self, cmd: Cmd) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        match (dialog, cmd) {
            (Dialog::ConfirmQuit, Cmd::Yes) => {
                self.abandon_training();
                self.quit = true;
            }
            (
                Dialog::RejectReason {
                    number,
                    reasons,
                    selected,
                    input,
                },
                cmd @ (Cmd::Up | Cmd::Down),
            ) => {
                let selected = if cmd == Cmd::Up {
                    selected.saturating_sub(1)
                } else {
                    (selected + 1).min(reasons.len() + 1)
                };
                self.dialog = Some(Dialog::RejectReason {
                    number,
                    reasons,
                    selected,
                    input,
                });
            }
            (
                Dialog::RejectReason {
                    number,
                    reasons,
                    selected,
                    input,
                },
                Cmd::Yes,
            ) => {
                let typed = input.value().trim().to_string();
                let reason = match selected {
                    0 => None,
                    i if i <= reasons.len() => reasons.get(i - 1).cloned(),
                    _ if typed.is_empty() => {
                        self.dialog = Some(Dialog::RejectReason {
                            number,
                            reasons,
                            selected,
                            input,
                        });
                        return;
                    }
                    _ => Some(typed),
                };
                self.decide(number, false, reason);
            }
            (Dialog::ClockTo { input, .. }, Cmd::Yes) => match self.clock_target(input.value()) {
                Ok(at) => {
                    self.dialog = Some(Dialog::ConfirmThen {
                        text: format!(
                            "把模拟时钟拨到 {}？其间到期的事项都会办理，时钟不能往回拨。",
                            at.format("%Y-%m-%d %H:%M")
                        ),
                        then: Box::new(Action::SetClock(at)),
                    })
                }
                Err(error) => {
                    self.dialog = Some(Dialog::ClockTo {
                        input,
                        error: Some(error),
                    })
                }
            },
            (Dialog::TraineeName { input, .. }, Cmd::Yes) => {
                let name = input.value().trim().to_string();
                match &mut self.training {
                    Some(training) if !name.is_empty() => training.coach.set_trainee(&name),
                    _ => {
                        self.dialog = Some(Dialog::TraineeName {
                            input,
                            error: Some("姓名不能为空".to_string()),
                        })
                    }
                }
            }
            (
                Dialog::ConfirmAct {
                    number, command, ..
                },
                Cmd::Yes,
            ) => self.act(number, command),
            (Dialog::ConfirmReset, Cmd::Yes) => self.reset_demo(),
            (Dialog::ConfirmThen { then, .. }, Cmd::Yes) => self.apply(*then),
            (Dialog::ConfirmLeave(_), Cmd::Yes) => self.apply(Action::Pop),
            (Dialog::AdminPin { input, .. }, Cmd::Yes) => {
                let error = self.try_admin_pin(input.value());
                if let Some(error) = error {
                    self.dialog = Some(Dialog::AdminPin {
                        input: tui_input::Input::default(),
                        error: Some(error),
                    });
                }
            }
            _ => {}
        }
    }

    /// The administrator's PIN at the kiosk's exit (`modes::kiosk::PinGuard`); `Some` with
    /// what the dialog says when it is refused.
    fn try_admin_pin(&mut self, typed: &str) -> Option<String> {
        let now = std::time::Instant::now();
        match self.pin_guard.try_pin(typed, &self.config.kiosk, now) {
            modes::kiosk::PinOutcome::Exit => {
                self.quit = true;
                None
            }
            modes::kiosk::PinOutcome::Refused(message) => Some(message),
        }
    }

    pub(super) fn help(&self) -> Dialog {
        let (Some(top), Some(ctx)) = (self.stack.last(), self.ctx()) else {
            return Dialog::Help {
                screen: String::new(),
                rows: Vec::new(),
            };
        };
        let path = self.breadcrumb().join(" > ");
        let rows = if top.text_focus(&ctx) {
            let globals: Vec<_> = global_keys(self.config.kiosk.enabled)
                .iter()
                .filter(|b| {
                    b.keys
                        .iter()
                        .any(|k| !matches!(k, KeyPattern::Plain(KeyCode::Char(_))))
                })
                .copied()
                .collect();
            help_rows(&[top.keys(), &globals])
        } else {
            // A visitor is not told of the administrator's exit.
            let globals: Vec<_> = global_keys(self.config.kiosk.enabled)
                .iter()
                .filter(|b| !self.config.kiosk.enabled || b.cmd != Cmd::AdminExit)
                .copied()
                .collect();
            help_rows(&[top.keys(), &globals])
        };
        Dialog::Help { screen: path, rows }
    }
}
