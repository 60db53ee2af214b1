//! The binary's command line: its options and commands, in Chinese throughout (clap's own
//! English replaced), and its mistakes said in one Chinese line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::say;

#[derive(Debug, Parser)]
#[command(
    name = "jiaoguan",
    version,
    about = "交管12123 离线模拟终端：自助练习、员工培训、无网演示"
)]
pub(crate) struct Cli {
    /// 数据目录（默认为平台数据目录；也可用环境变量 JIAOGUAN_DATA_DIR）
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) data_dir: Option<PathBuf>,
    /// 配置文件（只需写要改的字段）
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// 从目录加载业务定义和演示数据，代替内置的资源
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) assets: Option<PathBuf>,
    /// 自助终端模式：不能退出到命令行，空闲后回到首页
    #[arg(long, global = true)]
    pub(crate) kiosk: bool,
    /// 随机数种子（验证码、候选号码等），用于可重复的演示
    #[arg(long, global = true, value_name = "N")]
    pub(crate) seed: Option<u64>,
    /// 把演示数据恢复到初始状态
    #[arg(long, global = true)]
    pub(crate) reset_demo: bool,
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// 在内存终端中按脚本按键运行，打印最后一屏的文字
    Play {
        /// 按键脚本，例如 "Down Enter / \"xcxh\" Enter"
        #[arg(long, required_unless_present = "script", conflicts_with = "script")]
        keys: Option<String>,
        /// 从文件读取按键脚本（演示脚本的格式，# 开头的行为注释）
        #[arg(long, value_name = "FILE")]
        script: Option<PathBuf>,
        /// 屏幕大小，宽x高
        #[arg(long, default_value = "100x30", value_parser = parse_size)]
        size: (u16, u16),
        /// 同时把运行过程录制为 asciicast v2 文件（可用终端录像播放器回放）
        #[arg(long, value_name = "FILE")]
        cast: Option<PathBuf>,
        /// 以培训模式运行此场景（带提示面板）
        #[arg(long, value_name = "SCENARIO", conflicts_with = "test")]
        train: Option<String>,
        /// 以考核模式运行此场景（无提示、计分，报告写入数据目录）
        #[arg(long, value_name = "SCENARIO")]
        test: Option<String>,
        /// 考核的学员姓名（不填则在开始时询问）
        #[arg(long, value_name = "NAME")]
        trainee: Option<String>,
    },
    /// 培训模式：按场景办理业务，侧栏提示每一步怎么做、为什么、依据哪条规定；不写场景则列出全部场景
    Train {
        /// 场景编号，例如 points_reduction_probation
        #[arg(value_name = "场景")]
        scenario: Option<String>,
        /// 先看示范：按场景的示范操作自动演示一遍（带提示面板），空格暂停，q 结束
        #[arg(long)]
        watch: bool,
    },
    /// 考核模式：同一场景不给提示并计分，报告（Markdown 与 JSON）保存在数据目录的 reports 中
    Test {
        /// 场景编号
        #[arg(value_name = "场景")]
        scenario: String,
        /// 学员姓名（不填则在开始时询问）
        #[arg(long, value_name = "NAME")]
        trainee: Option<String>,
    },
    /// 列出已保存的考核结果，每位学员每个场景一行
    Report {
        /// 报告目录（默认为数据目录中的 reports）
        #[arg(value_name = "目录")]
        dir: Option<PathBuf>,
    },
    /// 打印菜单树，每个节点一行
    Menu,
    /// 检查全部业务定义与演示数据
    Check,
    /// 在终端中按演示脚本自动操作，带旁白字幕；空格暂停，Right 单步，q 结束
    Demo {
        /// 演示脚本：内置脚本名（业务编号，例如 e_licence）或脚本文件路径
        #[arg(value_name = "脚本")]
        script: String,
    },
    /// 以 Mermaid 状态图（或 --dot 为 Graphviz DOT）打印一项业务的办理阶段和流转
    Graph {
        /// 业务编号或名称，例如 full_points_education 或 满分学习考试
        #[arg(value_name = "业务")]
        business: String,
        /// 输出 Graphviz DOT 而不是 Mermaid
        #[arg(long)]
        dot: bool,
    },
}

fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("屏幕大小应写成 宽x高，例如 100x30，而不是 {text}"))?;
    let w: u16 = w.parse().map_err(|_| format!("宽度 {w} 不是数字"))?;
    let h: u16 = h.parse().map_err(|_| format!("高度 {h} 不是数字"))?;
    if w == 0 || h == 0 || w > 1000 || h > 1000 {
        return Err(format!("屏幕大小 {text} 超出范围（1 到 1000）"));
    }
    Ok((w, h))
}

/// The command line, parsed: `Err` holds the exit code when it was only help, the version, or a
/// mistake (said in Chinese on stderr).
pub(crate) fn parse() -> Result<Cli, ExitCode> {
    use clap::{CommandFactory, FromArgMatches};
    let command = chinese(Cli::command()).arg(last_flag(
        "version",
        'V',
        "显示版本",
        clap::ArgAction::Version,
    ));
    let parsed = command
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {
            let _ = e.print();
            Err(ExitCode::SUCCESS)
        }
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayVersion => {
            say(&format!("jiaoguan {}", env!("CARGO_PKG_VERSION")));
            Err(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{}", command_line_error(&e));
            Err(ExitCode::from(2))
        }
    }
}

/// The command line in Chinese throughout: clap's headings, its help and version flags, its
/// `help` subcommand and its `[default: …]` are its own English, so each command gets Chinese
/// ones. Its sections are written by the template, each under a heading with a full-width colon
/// (clap's own headings end in an ASCII one); a command's own options come before the ones every
/// command shares.
fn chinese(command: clap::Command) -> clap::Command {
    let mut usage = match command.get_name() {
        "jiaoguan" => "jiaoguan [选项]".to_string(),
        name => format!("jiaoguan {name} [选项]"),
    };
    for positional in command.get_positionals() {
        let name = positional
            .get_value_names()
            .and_then(|names| names.first())
            .map_or_else(|| positional.get_id().to_string(), ToString::to_string);
        if positional.is_required_set() {
            usage.push_str(&format!(" <{name}>"));
        } else {
            usage.push_str(&format!(" [{name}]"));
        }
    }
    let mut template = String::from("{about-with-newline}\n用法：{usage}\n");
    if command.get_positionals().next().is_some() {
        template.push_str("\n参数：\n{positionals}\n");
    }
    if command.has_subcommands() {
        usage.push_str(" [命令]");
        template.push_str("\n命令：\n{subcommands}\n");
    }
    template.push_str("\n选项：\n{options}\n");
    template.push_str("{after-help}");
    command
        .help_template(template)
        .override_usage(usage)
        .mut_args(in_chinese)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(last_flag("help", 'h', "显示本说明", clap::ArgAction::Help))
        .mut_subcommands(chinese)
}

/// Where the options every command shares begin in a help listing (a command's own come first).
const SHARED_OPTIONS_AFTER: usize = 100;

/// A flag of clap's own (`-h`, `-V`) in Chinese, listed after every other option.
fn last_flag(
    id: &'static str,
    short: char,
    help: &'static str,
    action: clap::ArgAction,
) -> clap::Arg {
    clap::Arg::new(id)
        .short(short)
        .long(id)
        .help(help)
        .display_order(SHARED_OPTIONS_AFTER * 2)
        .action(action)
}

/// One argument's help in Chinese: its default said in the help text, and its place in the list.
fn in_chinese(arg: clap::Arg) -> clap::Arg {
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let order = arg.get_display_order();
    let arg = if arg.is_global_set() {
        arg.display_order(SHARED_OPTIONS_AFTER + order)
    } else {
        arg
    };
    if defaults.is_empty() || arg.is_hide_default_value_set() {
        return arg;
    }
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    arg.hide_default_value(true)
        .help(format!("{help}（默认 {}）", defaults.join("、")))
}

/// A clap error in Chinese, naming what was wrong, with where to look.
fn command_line_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join("、"),
        _ => String::new(),
    };
    let what = match e.kind() {
        ErrorKind::UnknownArgument => {
            format!("无法识别的参数 {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            format!("没有命令 {}", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let source = std::error::Error::source(e).map(ToString::to_string);
            format!(
                "参数 {} 的值 {} 无效{}",
                context(ContextKind::InvalidArg),
                context(ContextKind::InvalidValue),
                source.map(|s| format!("：{s}")).unwrap_or_default()
            )
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必填的参数 {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => format!(
            "参数 {} 不能与 {} 同时使用",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::TooFewValues => {
            format!("参数 {} 的值个数不对", context(ContextKind::InvalidArg))
        }
        _ => "命令行参数有误".to_string(),
    };
    format!("{what}。用 jiaoguan --help 查看用法。")
}
