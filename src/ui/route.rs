//! Where a screen asks to go: screens return
//! `Action::Open(Route)` and never build one another; `router.rs` builds the screen for a
//! route, and the app reads what a route needs from the data folder first (网办进度's page, 消息's
//! segment, an archived application). Plain data, so the modes can log and compare it.

/// A screen, by what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// 我的驾驶证.
    Licence,
    /// 机动车.
    Vehicles,
    /// 违法查询.
    Violations,
    /// A menu of the tree (业务中心, a category), by its path of titles.
    Menu(Vec<String>),
    /// 我的.
    Mine,
    /// 我的 > 设置.
    Settings,
    /// 网办进度 at its newest page.
    Progress,
    /// 消息 at its newest messages.
    Messages,
    /// A business's 业务须知, reached by the menu path `path`.
    Notice { flow_id: String, path: Vec<String> },
    /// A business's wizard, where the visitor left its draft.
    Wizard { flow_id: String, path: Vec<String> },
    /// The issued 电子驾驶证 of an application.
    ELicence { application: String },
    /// The 机动车二维码 of the user's own vehicle with this VIN.
    VehicleCode(String),
    /// An application's timeline.
    Application(String),
    /// The open task page of an application (its stage's fields).
    Task(String),
    /// 课件学习 of an application.
    Study(String),
    /// 网上考试 of an application, at question `resume_at`.
    Exam { number: String, resume_at: usize },
    /// Search over every business.
    Search,
    /// 我的 > 培训模式: the training scenarios.
    TrainingList,
    /// The trainer console (F8).
    Trainer,
}
