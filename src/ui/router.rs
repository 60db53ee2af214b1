//! The one place screens are built: a route in, its screen out.

use super::application::ApplicationScreen;
use super::e_licence::ELicenceScreen;
use super::exam::ExamScreen;
use super::licence::LicenceScreen;
use super::menu::MenuScreen;
use super::messages::MessagesScreen;
use super::mine::MineScreen;
use super::notice::NoticeScreen;
use super::progress::ProgressScreen;
use super::route::Route;
use super::search::SearchScreen;
use super::settings::SettingsScreen;
use super::study::StudyScreen;
use super::task::TaskScreen;
use super::trainer::TrainerScreen;
use super::training_list::TrainingListScreen;
use super::vehicle_code::VehicleCodeScreen;
use super::vehicles::VehiclesScreen;
use super::violations::ViolationsScreen;
use super::wizard::WizardScreen;
use super::{Ctx, Screen};

/// The screen for `route`; a wizard resumes the signed-in user's draft.
pub fn screen(route: Route, ctx: &Ctx) -> Box<dyn Screen> {
    match route {
        Route::Licence => Box::new(LicenceScreen::default()),
        Route::Vehicles => Box::new(VehiclesScreen::default()),
        Route::Violations => Box::new(ViolationsScreen::default()),
        Route::Menu(path) => Box::new(MenuScreen::new(path)),
        Route::Mine => Box::new(MineScreen::default()),
        Route::Settings => Box::new(SettingsScreen::default()),
        Route::Progress => Box::new(ProgressScreen::default()),
        Route::Messages => Box::new(MessagesScreen::default()),
        Route::Notice { flow_id, path } => Box::new(NoticeScreen::new(flow_id, path)),
        Route::Wizard { flow_id, path } => {
            let draft = ctx.draft(&flow_id).cloned();
            Box::new(WizardScreen::new(flow_id, path, draft))
        }
        Route::ELicence { application } => Box::new(ELicenceScreen::new(&application)),
        Route::VehicleCode(vin) => Box::new(VehicleCodeScreen::new(&vin, ctx)),
        Route::Application(number) => Box::new(ApplicationScreen::new(number)),
        Route::Task(number) => Box::new(TaskScreen::new(number, ctx)),
        Route::Study(number) => Box::new(StudyScreen::new(number)),
        Route::Exam { number, resume_at } => Box::new(ExamScreen::new(number, resume_at)),
        Route::Search => Box::new(SearchScreen::default()),
        Route::Trainer => Box::new(TrainerScreen::default()),
        Route::TrainingList => Box::new(TrainingListScreen::default()),
    }
}
