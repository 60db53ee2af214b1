//! `jiaoguan`: config layering and the terminal's lifecycle around the app (the command line
//! itself is `cli.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::{Local, NaiveDateTime};
use ratatui::layout::Rect;

use jiaoguan::app::cast::Cast;
use jiaoguan::app::graph::{GraphFormat, graph};
use jiaoguan::app::modes::autoplay;
use jiaoguan::app::modes::report::results_table;
use jiaoguan::app::modes::training::{Coach, Mode, scenario_session};
use jiaoguan::app::session::{SeedPlan, Session};
use jiaoguan::app::{App, play, run, script};
use jiaoguan::assets::{
    AssetSource, Resources, catalog_on_demand, check_demo, load_catalog, load_scenarios,
};
use jiaoguan::config::{self, ClockStart, Config};
use jiaoguan::flow::Catalog;
use jiaoguan::flow::training::Scenario;
use jiaoguan::on_demand::OnDemand;
use jiaoguan::store::{DataDir, OpenError, reports};
use jiaoguan::terminal;

mod cli;

use cli::{Cli, Command};

/// Prints a line to stdout; a closed pipe (`jiaoguan menu | head`) is not an error worth a panic.
pub(crate) fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// A failure the user caused and can fix (bad config, folder in use): message, exit 2.
struct UsageError(String);

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run_cli(cli) {
        Ok(code) => code,
        Err(e) => match e.downcast_ref::<UsageError>() {
            Some(UsageError(message)) => {
                eprintln!("{message}");
                ExitCode::from(2)
            }
            None => {
                eprintln!("jiaoguan 出错：{e:#}");
                ExitCode::from(1)
            }
        },
    }
}

impl std::fmt::Debug for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn usage(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError(message.into()))
}

fn run_cli(cli: Cli) -> Result<ExitCode> {
    let mut config = config::load(cli.config.as_deref()).map_err(|e| usage(e.to_string()))?;
    if cli.kiosk {
        config.kiosk.enabled = true;
    }
    // https://no-color.org: a non-empty NO_COLOR asks every program for no colour.
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        config.theme = config::Theme::NoColor;
    }
    if config.kiosk.enabled && config.kiosk.pin_is_shipped_default() {
        return Err(usage(
            "自助终端模式不能使用随程序发布的示例管理员密码。请在配置文件中设置自己的密码，例如写入 (kiosk: (admin_pin: \"8位以上数字\"))，再用 --config 文件 启动，或放在平台配置目录中。".to_string(),
        ));
    }
    let assets = cli
        .assets
        .clone()
        .map_or(AssetSource::Embedded, AssetSource::Dir);
    match cli.command {
        Some(Command::Check) => check(&assets),
        Some(Command::Menu) => {
            for line in catalog_or_exit(load_catalog(&assets)?)?.menu_lines() {
                say(&line);
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Graph { ref business, dot }) => {
            let catalog = catalog_or_exit(load_catalog(&assets)?)?;
            let flow = catalog.by_name(business).ok_or_else(|| {
                usage(format!(
                    "没有业务「{business}」，可用 jiaoguan menu 查看业务名称"
                ))
            })?;
            let format = if dot {
                GraphFormat::Dot
            } else {
                GraphFormat::Mermaid
            };
            say(&graph(flow, format).map_err(usage)?);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Play {
            ref keys,
            ref script,
            size,
            ref cast,
            ref train,
            ref test,
            ref trainee,
        }) => {
            let catalog = catalog_or_exit(load_catalog(&assets)?)?;
            let (text, steps) = match (keys, script) {
                (Some(keys), _) => (keys.clone(), script::parse_steps(keys)),
                (None, Some(path)) => {
                    let text = std::fs::read_to_string(path)
                        .map_err(|e| usage(format!("无法读取按键脚本 {}：{e}", path.display())))?;
                    let steps = script::parse_file(&text);
                    (path.display().to_string(), steps)
                }
                (None, None) => return Err(usage("请用 --keys 或 --script 给出按键脚本")),
            };
            let steps = steps.map_err(|e| usage(e.to_string()))?;
            let coached = match (train, test) {
                (Some(id), _) => Some((id.as_str(), Mode::Train)),
                (None, Some(id)) => Some((
                    id.as_str(),
                    Mode::Test {
                        trainee: trainee.clone(),
                    },
                )),
                (None, None) => None,
            };
            let request = PlayRequest {
                title: &text,
                steps: &steps,
                size,
                cast: cast.as_deref(),
                coached,
            };
            play_command(&cli, config, catalog, &assets, &request)
        }
        Some(Command::Train {
            ref scenario,
            watch,
        }) => {
            let catalog = catalog_or_exit(load_catalog(&assets)?)?;
            match scenario {
                None => {
                    list_scenarios(&assets, &catalog)?;
                    Ok(ExitCode::SUCCESS)
                }
                Some(id) => {
                    let run = CoachedRun {
                        id,
                        mode: Mode::Train,
                        watch,
                    };
                    coached_run(&cli, config, catalog, &assets, &run)
                }
            }
        }
        Some(Command::Test {
            ref scenario,
            ref trainee,
        }) => {
            let catalog = catalog_or_exit(load_catalog(&assets)?)?;
            let run = CoachedRun {
                id: scenario,
                mode: Mode::Test {
                    trainee: trainee.clone(),
                },
                watch: false,
            };
            coached_run(&cli, config, catalog, &assets, &run)
        }
        Some(Command::Report { ref dir }) => {
            let dir = match dir {
                Some(dir) => dir.clone(),
                None => reports::folder(&data_dir(&cli)?),
            };
            print_reports(&dir)
        }
        Some(Command::Demo { ref script }) => {
            let catalog = catalog_or_exit(load_catalog(&assets)?)?;
            let steps = demo_script(&assets, script)?;
            demo_command(&cli, config, catalog, &assets, &steps)
        }
        None => interactive(&cli, config, &assets),
    }
}

/// The scenario `id`, or a usage error listing the scenarios there are.
fn find_scenario(assets: &AssetSource, catalog: &Catalog, id: &str) -> Result<Scenario> {
    let (scenarios, _) = load_scenarios(assets, catalog)?;
    let ids: Vec<String> = scenarios.iter().map(|s| s.id.clone()).collect();
    scenarios.into_iter().find(|s| s.id == id).ok_or_else(|| {
        usage(format!(
            "没有培训场景「{id}」。可用 jiaoguan train 列出全部场景：{}",
            ids.join("、")
        ))
    })
}

/// `jiaoguan train` without a scenario: every scenario, a line each.
fn list_scenarios(assets: &AssetSource, catalog: &Catalog) -> Result<()> {
    let (scenarios, _) = load_scenarios(assets, catalog)?;
    say("培训场景（jiaoguan train 场景编号 开始培训，jiaoguan test 场景编号 开始考核）：");
    for scenario in &scenarios {
        let business = catalog
            .flow(&scenario.business)
            .map_or(scenario.business.as_str(), |f| f.title.as_str());
        say(&format!(
            "  {:<36} {}（{business}）",
            scenario.id, scenario.title
        ));
    }
    Ok(())
}

/// Which scenario `train` or `test` runs, how, and whether the model run plays first.
struct CoachedRun<'a> {
    id: &'a str,
    mode: Mode,
    watch: bool,
}

/// `jiaoguan train` and `jiaoguan test`: the scenario in the real terminal, coached; with
/// `--watch`, its model run plays by itself under the same coach.
fn coached_run(
    cli: &Cli,
    config: Config,
    catalog: Catalog,
    assets: &AssetSource,
    run: &CoachedRun,
) -> Result<ExitCode> {
    let scenario = find_scenario(assets, &catalog, run.id)?;
    let model = match (&scenario.model_answer, run.watch) {
        (Some(keys), true) => Some(script::parse_steps(keys).map_err(|e| usage(e.to_string()))?),
        (None, true) => return Err(usage(format!("场景 {} 没有示范操作", scenario.id))),
        (_, false) => None,
    };
    let mode = run.mode.clone();
    let seed = cli.seed.unwrap_or(0);
    let (_temp, session) = scenario_session(assets, &scenario, config.play_clock_start, seed)?;
    let reports = reports::folder(&data_dir(cli)?);
    let coach = Coach::new(scenario, mode, &catalog, session.state.clock.now);
    let (mut tui, signals) = terminal::enter(config.mouse_capture)?;
    signals.start()?;
    let size = tui
        .size()
        .map(|s| Rect::new(0, 0, s.width, s.height))
        .unwrap_or_default();
    let mut app = loaded_app(catalog, config, assets, session, size)?;
    app.begin_training(coach, Some(reports));
    let outcome = match model {
        Some(steps) => autoplay::run(&mut app, &mut tui, &steps),
        None => run::run(&mut app, &mut tui, |_| Ok(())),
    };
    terminal::restore();
    outcome?;
    Ok(ExitCode::SUCCESS)
}

/// `jiaoguan report`: the saved results as a table, or a line saying there are none.
fn print_reports(dir: &Path) -> Result<ExitCode> {
    let (lines, skipped) = results_table(dir)?;
    for problem in skipped {
        eprintln!("{problem}");
    }
    match lines {
        Some(lines) => lines.iter().for_each(|line| say(line)),
        None => say(&format!("{} 中还没有考核报告", dir.display())),
    }
    Ok(ExitCode::SUCCESS)
}

/// An app with everything loaded at once (the modes and `play`; the interactive start draws
/// its first frame before loading the rest).
fn loaded_app(
    catalog: Catalog,
    config: Config,
    assets: &AssetSource,
    session: Session,
    size: Rect,
) -> Result<App> {
    let resources = Resources::load(assets)?;
    let mut app = App::new(catalog, config, resources, session, size);
    app.set_assets(assets.clone());
    Ok(app)
}

/// The demo script named `name`: a file at that path, else the shipped script of that name.
fn demo_script(assets: &AssetSource, name: &str) -> Result<Vec<script::Step>> {
    let path = Path::new(name);
    let text = if path.is_file() {
        std::fs::read_to_string(path).map_err(|e| usage(format!("无法读取演示脚本 {name}：{e}")))?
    } else {
        let shipped = assets.files("demo/scripts/")?;
        let wanted = format!("demo/scripts/{name}.txt");
        match shipped.iter().find(|f| f.name == wanted) {
            Some(file) => file.text.to_string(),
            None => {
                let names: Vec<String> = shipped
                    .iter()
                    .filter_map(|f| {
                        let stem = f.name.strip_prefix("demo/scripts/")?;
                        Some(stem.strip_suffix(".txt")?.to_string())
                    })
                    .collect();
                return Err(usage(format!(
                    "没有演示脚本「{name}」。内置脚本：{}",
                    names.join("、")
                )));
            }
        }
    };
    script::parse_file(&text).map_err(|e| usage(format!("演示脚本 {name}：{e}")))
}

/// A session in a fresh folder that is removed afterwards, seeded as `play` seeds it: demos and
/// scripts never touch the user's data, and draw the same every time.
fn scratch_session(
    cli: &Cli,
    config: &Config,
    assets: &AssetSource,
) -> Result<(tempfile::TempDir, Session)> {
    let temp = tempfile::tempdir().context("无法创建临时数据目录")?;
    let dir = open_dir(temp.path())?;
    let plan = seed_plan(cli, &dir, config.play_clock_start, config, 0)?;
    let mut session = Session::open(dir, assets, &plan)?;
    session.notices.extend(config.warnings());
    Ok((temp, session))
}

fn demo_command(
    cli: &Cli,
    config: Config,
    catalog: Catalog,
    assets: &AssetSource,
    steps: &[script::Step],
) -> Result<ExitCode> {
    let (_temp, session) = scratch_session(cli, &config, assets)?;
    let (mut tui, signals) = terminal::enter(config.mouse_capture)?;
    signals.start()?;
    let size = tui
        .size()
        .map(|s| Rect::new(0, 0, s.width, s.height))
        .unwrap_or_default();
    let mut app = loaded_app(catalog, config, assets, session, size)?;
    let outcome = autoplay::run(&mut app, &mut tui, steps);
    terminal::restore();
    outcome?;
    Ok(ExitCode::SUCCESS)
}

/// A catalog that failed its checks stops the program with the problems, exit 2.
fn catalog_or_exit(
    loaded: std::result::Result<Catalog, Vec<jiaoguan::flow::Problem>>,
) -> Result<Catalog> {
    loaded.map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        usage(format!(
            "业务定义有误，无法启动（可用 jiaoguan check 查看）：\n{}",
            lines.join("\n")
        ))
    })
}

fn check(assets: &AssetSource) -> Result<ExitCode> {
    let mut problems = match load_catalog(assets)? {
        Ok(catalog) => load_scenarios(assets, &catalog)?.1,
        Err(problems) => problems,
    };
    problems.extend(check_demo(assets)?);
    if let Err(e) = Resources::load(assets) {
        problems.push(jiaoguan::flow::Problem {
            file: "assets".into(),
            message: format!("{e:#}"),
        });
    }
    for problem in &problems {
        say(&problem.to_string());
    }
    if problems.is_empty() {
        say("全部业务定义与演示数据检查通过");
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(1))
    }
}

fn open_dir(path: &std::path::Path) -> Result<DataDir> {
    DataDir::open(path).map_err(|e| match e {
        OpenError::Locked { .. } => usage(e.to_string()),
        other => anyhow::Error::new(other),
    })
}

/// The seed plan of a fresh data folder; `--reset-demo` first removes what would be seeded.
fn seed_plan(
    cli: &Cli,
    dir: &DataDir,
    clock_start: NaiveDateTime,
    config: &Config,
    default_seed: u64,
) -> Result<SeedPlan> {
    let plan = SeedPlan {
        clock_start,
        default_persona: config.default_persona.clone(),
        seed: cli.seed.unwrap_or(default_seed),
    };
    if cli.reset_demo {
        Session::reset(dir, &plan)?;
    }
    Ok(plan)
}

/// What `play` runs: the script's steps, the screen size, and where a recording goes.
struct PlayRequest<'a> {
    title: &'a str,
    steps: &'a [script::Step],
    size: (u16, u16),
    cast: Option<&'a Path>,
    /// A training or test run of this scenario.
    coached: Option<(&'a str, Mode)>,
}

fn play_command(
    cli: &Cli,
    config: Config,
    catalog: Catalog,
    assets: &AssetSource,
    request: &PlayRequest,
) -> Result<ExitCode> {
    let PlayRequest {
        title,
        steps,
        size,
        cast,
        ref coached,
    } = *request;
    if let Some((id, mode)) = coached {
        let scenario = find_scenario(assets, &catalog, id)?;
        let (_temp, session) = scenario_session(
            assets,
            &scenario,
            config.play_clock_start,
            cli.seed.unwrap_or(0),
        )?;
        let reports = cli.data_dir.as_deref().map(reports::folder);
        let coach = Coach::new(scenario, mode.clone(), &catalog, session.state.clock.now);
        let area = Rect::new(0, 0, size.0, size.1);
        let mut app = loaded_app(catalog, config, assets, session, area)?;
        app.begin_training(coach, reports);
        let screen = play::play_recorded(&mut app, steps, size.0, size.1, None)
            .map_err(|e| usage(format!("{e:#}")))?;
        app.flush()?;
        say(&screen);
        return Ok(ExitCode::SUCCESS);
    }
    // Without --data-dir, play never touches the user's data: a fresh folder, removed afterwards.
    let temp = tempfile::tempdir().context("无法创建临时数据目录")?;
    let path = cli
        .data_dir
        .clone()
        .unwrap_or_else(|| temp.path().to_path_buf());
    let dir = open_dir(&path)?;
    // play is for scripts and tests: without --seed it draws the same every time.
    let plan = seed_plan(cli, &dir, config.play_clock_start, &config, 0)?;
    // Opened as the interactive program opens it, the other accounts loaded when something
    // first needs them: every script also checks that nothing reads one before that.
    let mut session = Session::open_current(dir, assets, &plan)?;
    session.notices.extend(config.warnings());
    let area = Rect::new(0, 0, size.0, size.1);
    let mut app = App::starting(
        OnDemand::ready(catalog),
        config,
        Resources::empty(),
        session,
        area,
    );
    app.finish_start(assets, None, Resources::load(assets)?)?;
    let mut recording = cast.map(|_| Cast::new(size.0, size.1));
    let screen = play::play_recorded(&mut app, steps, size.0, size.1, recording.as_mut())
        .map_err(|e| usage(format!("{e:#}")))?;
    if let (Some(path), Some(recording)) = (cast, recording) {
        std::fs::write(
            path,
            recording.to_text(&format!("交管12123 模拟器：{title}")),
        )
        .with_context(|| format!("无法写入录像文件 {}", path.display()))?;
    }
    say(&screen);
    Ok(ExitCode::SUCCESS)
}

/// The data folder: `--data-dir`, else `JIAOGUAN_DATA_DIR`, else the platform's data folder.
fn data_dir(cli: &Cli) -> Result<PathBuf> {
    if let Some(dir) = &cli.data_dir {
        return Ok(dir.clone());
    }
    if let Some(dir) = std::env::var_os("JIAOGUAN_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "jiaoguan")
        .map(|d| d.data_dir().to_path_buf())
        .context("找不到平台数据目录，请用 --data-dir 指定")
}

/// The TUI. The first frame is drawn from the state and the signed-in account alone; the rest
/// of the data folder (other accounts, applications) and the small reference files load right
/// after it, and nothing is written until a commit or the quit. The business files and the
/// question bank are parsed when first needed (an assets folder's are checked after the first
/// frame), so an idle start never parses them.
fn interactive(cli: &Cli, config: Config, assets: &AssetSource) -> Result<ExitCode> {
    let path = data_dir(cli)?;
    let dir = open_dir(&path)?;
    let start = match config.clock_start {
        ClockStart::Fixed(at) => at,
        ClockStart::Today { hour } => {
            let today = Local::now().date_naive();
            today
                .and_hms_opt(hour.min(23), 0, 0)
                .unwrap_or_else(|| today.and_time(chrono::NaiveTime::MIN))
        }
    };
    // A kiosk without --seed should not show the same SMS codes on every reset.
    let wall_seed = Local::now()
        .timestamp_nanos_opt()
        .map_or(0, |n| n.unsigned_abs());
    let plan = seed_plan(cli, &dir, start, &config, wall_seed)?;
    let mut session = Session::open_current(dir, assets, &plan)?;
    session.notices.extend(config.warnings());
    session.catch_up_with_wall_clock(Local::now().naive_local());
    let (mut tui, signals) = terminal::enter(config.mouse_capture)?;
    let size = tui
        .size()
        .map(|s| Rect::new(0, 0, s.width, s.height))
        .unwrap_or_default();
    let catalog = catalog_on_demand(assets);
    let mut app = App::starting(catalog, config, Resources::empty(), session, size);
    let outcome = run::run(&mut app, &mut tui, |app| {
        signals.start()?;
        let checked = match assets {
            AssetSource::Embedded => None,
            AssetSource::Dir(_) => Some(catalog_or_exit(load_catalog(assets)?)?),
        };
        let resources = Resources::load(assets)?;
        app.finish_start(assets, checked, resources)
    });
    terminal::restore();
    outcome?;
    Ok(ExitCode::SUCCESS)
}
