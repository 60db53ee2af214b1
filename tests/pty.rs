//! The real binary in a real pseudo-terminal: navigation by keys, quitting, SIGTERM, the data-folder
//! lock, a too-small window and resizing, and — after every exit — a terminal given back as it was
//! (alternate screen left, mouse capture and bracketed paste off, cursor shown, cooked mode).
//!
//! The app draws only when something happens (a key, a resize), so every step sends one input and
//! then waits for the text it must bring. Every wait has a deadline, so a hang fails the test with
//! the screen as it was instead of blocking CI; nothing here measures speed.

#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, SlavePty};
use tempfile::TempDir;

mod common;
use common::folder_bytes;

/// How long one step (a screen to appear, the program to exit) may take before the test fails.
/// Generous: a debug build on a loaded CI machine can be slow; only a hang should hit it.
const STEP: Duration = Duration::from_secs(20);

const BIN: &str = env!("CARGO_BIN_EXE_jiaoguan");

// What crossterm 0.29 writes for the modes the app turns on, and for turning them off again
// (crossterm-0.29.0/src/{terminal,event,cursor}.rs).
const ALT_SCREEN_ON: &[u8] = b"\x1b[?1049h";
const ALT_SCREEN_OFF: &[u8] = b"\x1b[?1049l";
/// `EnableMouseCapture` writes ?1000h ?1002h ?1003h ?1015h ?1006h; `DisableMouseCapture` writes
/// the inverses in reverse order: ?1006l ?1015l ?1003l ?1002l ?1000l.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1002h\x1b[?1003h\x1b[?1015h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";
const PASTE_ON: &[u8] = b"\x1b[?2004h";
const PASTE_OFF: &[u8] = b"\x1b[?2004l";
const CURSOR_HIDE: &[u8] = b"\x1b[?25l";
const CURSOR_SHOW: &[u8] = b"\x1b[?25h";

/// A data folder and a home of its own for each run, so neither the user's data nor a
/// `~/.config/jiaoguan/config.ron` (which could, say, turn mouse capture off) leaks in.
struct Sandbox {
    data: TempDir,
    home: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        Sandbox {
            data: tempfile::tempdir().expect("create a temporary data folder"),
            home: tempfile::tempdir().expect("create a temporary home"),
        }
    }

    fn data_dir(&self) -> &Path {
        self.data.path()
    }

    /// The environment every run of the binary gets, in the pty or not.
    fn env(&self) -> Vec<(&'static str, String)> {
        let home = self.home.path();
        vec![
            ("TERM", "xterm-256color".to_string()),
            ("HOME", home.display().to_string()),
            (
                "XDG_CONFIG_HOME",
                home.join(".config").display().to_string(),
            ),
            (
                "XDG_DATA_HOME",
                home.join(".local/share").display().to_string(),
            ),
        ]
    }
}

/// The flags of a termios, as nix prints them (`LocalFlags(ISIG | ICANON | ECHO | …)`). Kept as
/// text because portable-pty hands out nix's `Termios` without re-exporting nix, so this file
/// cannot name its types.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TermiosFlags {
    input: String,
    output: String,
    local: String,
}

impl TermiosFlags {
    fn read(master: &dyn MasterPty) -> Option<Self> {
        let t = master.get_termios()?;
        Some(TermiosFlags {
            input: format!("{:?}", t.input_flags),
            output: format!("{:?}", t.output_flags),
            local: format!("{:?}", t.local_flags),
        })
    }

    fn local_has(&self, flag: &str) -> bool {
        self.local
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|token| token == flag)
    }
}

/// The binary running in a pty, its output fed into a vt100 screen of the same size, and every
/// byte it wrote kept for checking the mode sequences.
struct Tui {
    master: Box<dyn MasterPty + Send>,
    /// Held until the child has exited and its termios has been read: with no slave open, the
    /// kernel may reset the termios, and reads of the master end (EOF) once the child is gone too.
    slave: Option<Box<dyn SlavePty + Send>>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    output_ended: bool,
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// The pty's flags before the program started, when this platform can read them.
    termios_before: Option<TermiosFlags>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal dimension is never zero")
}

impl Tui {
    fn spawn(sandbox: &Sandbox, cols: u16, rows: u16) -> Tui {
        let pair = portable_pty::native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pty");
        let termios_before = TermiosFlags::read(&*pair.master);

        let mut cmd = CommandBuilder::new(BIN);
        cmd.arg("--data-dir");
        cmd.arg(sandbox.data_dir());
        cmd.env_remove("JIAOGUAN_DATA_DIR");
        for (key, value) in sandbox.env() {
            cmd.env(key, value);
        }
        cmd.cwd(sandbox.home.path());
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("start jiaoguan in the pty");

        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (tx, output) = mpsc::channel();
        std::thread::Builder::new()
            .name("pty-reader".into())
            .spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        // EOF, or EIO once no slave is open any more: the output has ended.
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            if tx.send(buf[..n].to_vec()).is_err() {
                                break;
                            }
                        }
                    }
                }
            })
            .expect("start the pty reader thread");
        let writer = pair.master.take_writer().expect("pty writer");

        Tui {
            master: pair.master,
            slave: Some(pair.slave),
            child,
            writer,
            output,
            output_ended: false,
            parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            raw: Vec::new(),
            termios_before,
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    fn feed(&mut self, bytes: &[u8]) {
        self.parser.process(bytes);
        self.raw.extend_from_slice(bytes);
    }

    /// Waits at most until `deadline` for more output; false once the deadline has passed or the
    /// output has ended.
    fn pump(&mut self, deadline: Instant) -> bool {
        if self.output_ended {
            return false;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match self.output.recv_timeout(left) {
            Ok(bytes) => {
                self.feed(&bytes);
                // Take whatever else is already there, so a predicate sees a whole frame sooner.
                while let Ok(more) = self.output.try_recv() {
                    self.feed(&more);
                }
                true
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => {
                self.output_ended = true;
                false
            }
        }
    }

    /// Waits until the screen satisfies `ready`, failing with the screen after `STEP`.
    fn wait_until(&mut self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + STEP;
        loop {
            if ready(self.parser.screen()) {
                return;
            }
            if Instant::now() >= deadline {
                let tail = &self.raw[self.raw.len().saturating_sub(400)..];
                panic!(
                    "timed out after {STEP:?} waiting for {what}; the screen:\n{}\nlast output: {}",
                    self.screen(),
                    escape(tail)
                );
            }
            if !self.pump(deadline) && self.output_ended {
                if ready(self.parser.screen()) {
                    return;
                }
                let status = self.child.try_wait().ok().flatten();
                panic!(
                    "the output ended (exit status {status:?}) while waiting for {what}; the screen:\n{}",
                    self.screen()
                );
            }
        }
    }

    /// Waits until every one of `texts` is on the screen.
    fn wait_for(&mut self, texts: &[&str]) {
        let what = format!("{texts:?} on the screen");
        self.wait_until(&what, |screen| {
            let contents = screen.contents();
            texts.iter().all(|t| contents.contains(t))
        });
    }

    fn title_bar(&self) -> String {
        title_bar(self.parser.screen())
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Returns once the app has taken a key from its input loop and drawn the frame after it.
    /// Sends `j` (move down a line; on the too-small screen nothing visible changes), then waits
    /// for any output: ratatui writes at least its cursor-hide sequence for every frame.
    fn wait_until_reading_input(&mut self) {
        let before = self.raw.len();
        self.send(b"j");
        let deadline = Instant::now() + STEP;
        while self.raw.len() == before {
            if Instant::now() >= deadline || (!self.pump(deadline) && self.output_ended) {
                panic!(
                    "no frame was drawn after a key within {STEP:?}; the screen:\n{}",
                    self.screen()
                );
            }
        }
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        // The parser first, so that the frame the app draws for the new size lands on a screen of
        // that size (nothing is in flight: the app draws only when something happens).
        self.parser.set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(size(cols, rows))
            .expect("resize the pty");
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's process id")
    }

    /// Waits for the program to exit, reading its output meanwhile (a full pty would block it).
    fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + STEP;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                return status;
            }
            if Instant::now() >= deadline {
                panic!(
                    "jiaoguan (pid {}) did not exit within {STEP:?}; the screen:\n{}",
                    self.pid(),
                    self.screen()
                );
            }
            let tick = (Instant::now() + Duration::from_millis(50)).min(deadline);
            if !self.pump(tick) && self.output_ended {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }

    /// After the child has exited: reads the pty's flags (while the slave is still open), then
    /// closes the slave and reads the output to its end, so `raw` holds every byte written.
    fn finish(&mut self) -> Option<TermiosFlags> {
        let after = TermiosFlags::read(&*self.master);
        self.slave = None;
        let deadline = Instant::now() + STEP;
        while !self.output_ended {
            if Instant::now() >= deadline {
                panic!("the pty output did not end within {STEP:?} after jiaoguan exited");
            }
            self.pump(deadline);
        }
        after
    }

    /// Checks the program is in raw mode now, when this platform lets us read the termios.
    fn assert_raw_mode(&self) {
        if let Some(now) = TermiosFlags::read(&*self.master) {
            assert!(
                !now.local_has("ICANON") && !now.local_has("ECHO"),
                "jiaoguan should run in raw mode, but the pty's local flags are {}",
                now.local
            );
        }
    }

    /// Checks, after `finish`, that everything the app turned on was turned off again.
    fn assert_restored(&self, termios_after: Option<TermiosFlags>) {
        let raw = &self.raw;
        let on_off = [
            ("the alternate screen", ALT_SCREEN_ON, ALT_SCREEN_OFF),
            ("mouse capture", MOUSE_ON, MOUSE_OFF),
            ("bracketed paste", PASTE_ON, PASTE_OFF),
            ("the hidden cursor", CURSOR_HIDE, CURSOR_SHOW),
        ];
        for (what, on, off) in on_off {
            let last_on = rfind(raw, on)
                .unwrap_or_else(|| panic!("jiaoguan never turned on {what} ({})", escape(on)));
            let last_off = rfind(raw, off);
            assert!(
                last_off.is_some_and(|off_at| off_at > last_on),
                "{what} was not turned off after it was last turned on: last {} at byte {last_on}, \
                 last {} at {last_off:?}, of {} bytes; the output's tail: {}",
                escape(on),
                escape(off),
                raw.len(),
                escape(&raw[raw.len().saturating_sub(200)..])
            );
        }

        let screen = self.parser.screen();
        assert!(
            !screen.alternate_screen(),
            "the emulated terminal is still on the alternate screen"
        );
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
        assert!(!screen.bracketed_paste(), "bracketed paste is still on");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting is still on"
        );

        // Raw mode leaves no trace in the byte stream; read the pty's termios instead, where
        // portable-pty can (Unix masters implement `get_termios`).
        match (&self.termios_before, termios_after) {
            (Some(before), Some(after)) => {
                assert!(
                    after.local_has("ICANON") && after.local_has("ECHO"),
                    "raw mode was not left: the pty's local flags are {}",
                    after.local
                );
                assert_eq!(
                    &after, before,
                    "the pty's termios flags differ from before jiaoguan started"
                );
            }
            _ => eprintln!("this platform's pty gives no termios; raw mode not checked"),
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // A failed test must not leave the program running: SIGHUP, then SIGKILL if need be.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The first row of the screen: the title bar, which carries the breadcrumb.
fn title_bar(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).next().unwrap_or_default()
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn escape(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).escape_debug().to_string()
}

/// Starts the app in a 100x30 pty and waits for 首页 with the licence card.
fn start_at_home(sandbox: &Sandbox) -> Tui {
    let mut tui = Tui::spawn(sandbox, 100, 30);
    tui.wait_for(&["首页", "我的驾驶证"]);
    tui
}

/// q, the confirmation, y: the program must exit successfully and give the terminal back.
fn quit_and_check_restored(tui: &mut Tui) {
    tui.send(b"q");
    tui.wait_for(&["确定要退出"]);
    tui.send(b"y");
    let status = tui.wait_exit();
    assert!(
        status.success(),
        "jiaoguan exited with {status:?} after q, y"
    );
    let termios_after = tui.finish();
    tui.assert_restored(termios_after);
}

#[test]
fn navigates_to_new_car_plate_selection_and_restores_the_terminal() {
    let sandbox = Sandbox::new();
    let mut tui = start_at_home(&sandbox);
    tui.assert_raw_mode();
    let screen = tui.parser.screen();
    assert!(
        screen.alternate_screen(),
        "the app should draw on the alternate screen"
    );

    tui.send(b"3");
    tui.wait_until(
        "业务中心 in the title bar with its categories",
        |screen| {
            let title = title_bar(screen);
            let contents = screen.contents();
            title.contains("业务中心")
                && contents.contains("驾驶证业务")
                && contents.contains("机动车业务")
        },
    );

    tui.send(b"2");
    tui.wait_until("新车选号 listed under 机动车业务", |screen| {
        title_bar(screen).contains("业务中心 > 机动车业务")
            && screen.contents().contains("新车选号")
    });

    tui.send(b"1");
    // A frame can arrive in several reads, so wait for all of it rather than check a part.
    tui.wait_for(&[
        "业务须知",
        "业务中心 > 机动车业务 > 新车选号",
        "申请条件",
        "开始办理",
    ]);
    let title = tui.title_bar();
    assert!(
        title.contains("业务中心 > 机动车业务 > 新车选号"),
        "the breadcrumb belongs in the title bar: {title:?}\n{}",
        tui.screen()
    );

    quit_and_check_restored(&mut tui);
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM");
}

/// A closed terminal window sends SIGHUP: the same restore, so a reused pty is left sane.
#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP");
}

/// `kill -INT` and `kill -QUIT` (raw mode keeps the keys from raising them) restore it too.
#[test]
fn sigint_and_sigquit_restore_the_terminal() {
    signal_restores_the_terminal("INT");
    signal_restores_the_terminal("QUIT");
}

fn signal_restores_the_terminal(signal: &str) {
    let sandbox = Sandbox::new();
    let mut tui = start_at_home(&sandbox);
    tui.assert_raw_mode();

    // `kill` rather than libc, which is not a dependency of this crate.
    let pid = tui.pid().to_string();
    let kill = Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .status()
        .expect("run kill");
    assert!(kill.success(), "kill -{signal} {pid} failed: {kill:?}");

    let status = tui.wait_exit();
    // It ends by itself (exit code 128 + the signal by convention), not by a follow-up SIGKILL.
    assert!(
        !status.success(),
        "SIG{signal} should not look like a clean exit: {status:?}"
    );
    let termios_after = tui.finish();
    tui.assert_restored(termios_after);
}

#[test]
fn a_second_instance_on_the_same_folder_is_refused() {
    let sandbox = Sandbox::new();
    let mut tui = start_at_home(&sandbox);

    let mut second = Command::new(BIN);
    second
        .arg("--data-dir")
        .arg(sandbox.data_dir())
        .env_remove("JIAOGUAN_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in sandbox.env() {
        second.env(key, value);
    }
    let second = second.spawn().expect("start a second jiaoguan");
    let second_pid = second.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(second.wait_with_output());
    });
    let output = match rx.recv_timeout(STEP) {
        Ok(output) => output.expect("wait for the second jiaoguan"),
        Err(_) => {
            let _ = Command::new("kill")
                .args(["-KILL", &second_pid.to_string()])
                .status();
            panic!("the second jiaoguan did not exit within {STEP:?}");
        }
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "the second instance should exit with 2; stderr: {stderr}"
    );
    let folder = sandbox.data_dir().display().to_string();
    assert!(
        stderr.contains(&folder),
        "stderr should name the folder {folder}: {stderr}"
    );
    assert!(
        stderr.contains("正被另一个 jiaoguan 使用"),
        "stderr should say the folder is in use: {stderr}"
    );

    // The first instance is untouched by all this and still answers keys.
    quit_and_check_restored(&mut tui);
}

#[test]
fn too_small_terminal_asks_for_a_bigger_one_and_resize_redraws() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::spawn(&sandbox, 50, 15);
    tui.wait_for(&["至少 60x20"]);
    let small = tui.screen();
    assert!(
        !small.contains("我的驾驶证"),
        "a too-small terminal should show only the request for a bigger one:\n{small}"
    );

    // Resize only once the app is reading input: crossterm installs its SIGWINCH handler when
    // the app first waits for an event, which is after the first frame has been drawn, so a
    // resize in between is lost (see `a_resize_right_after_the_first_frame_is_not_lost`).
    tui.wait_until_reading_input();
    tui.resize(100, 30);
    tui.wait_for(&["首页", "我的驾驶证"]);
    let home = tui.screen();
    assert!(
        !home.contains("至少 60x20"),
        "the request for a bigger window should be gone after the resize:\n{home}"
    );

    quit_and_check_restored(&mut tui);
}

/// The app creates crossterm's event reader (which installs the SIGWINCH handler) before its
/// first frame, so a window resized right after that frame is redrawn at once, not at the next
/// key. Before that fix about one start in fifteen kept the stale "too small" message.
#[test]
fn a_resize_right_after_the_first_frame_is_not_lost() {
    let rounds: usize = std::env::var("JG_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(40);
    for _ in 0..rounds {
        let sandbox = Sandbox::new();
        let mut tui = Tui::spawn(&sandbox, 50, 15);
        tui.wait_for(&["至少 60x20"]);
        tui.resize(100, 30);
        tui.wait_for(&["首页", "我的驾驶证"]);
        quit_and_check_restored(&mut tui);
    }
}

/// Killed outright (SIGKILL, no chance to save anything) between 提交 and the police review:
/// the application was saved when it was submitted, and a new process finishes it with F9.
#[test]
fn an_application_survives_a_kill_between_submit_and_review() {
    let sandbox = Sandbox::new();
    let mut tui = start_at_home(&sandbox);
    tui.send(b"1");
    tui.wait_for(&["记分周期"]);
    tui.send(b"1");
    tui.wait_for(&["业务须知", "开始办理"]);
    tui.send(b"\r");
    tui.wait_for(&["我已阅读并同意"]);
    tui.send(b" ");
    tui.wait_for(&["[x] 我已阅读并同意"]);
    for (key, expected) in [
        ("\r", "选择驾驶证"),
        ("\r", "确认信息"),
        ("\r", "验证码已发送至"),
    ] {
        tui.send(key.as_bytes());
        tui.wait_for(&[expected]);
    }
    let screen = tui.screen();
    let at = screen
        .find("验证码 ")
        .expect("the SMS banner shows the code");
    let code: String = screen[at + "验证码 ".len()..].chars().take(6).collect();
    assert!(
        code.chars().all(|c| c.is_ascii_digit()),
        "code {code:?} in:\n{screen}"
    );
    tui.send(code.as_bytes());
    tui.send(b"\r");
    tui.wait_for(&["已提交", "民警审核"]);

    let pid = tui.pid().to_string();
    let kill = Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .expect("run kill");
    assert!(kill.success(), "kill -KILL {pid} failed");
    tui.wait_exit();

    let data = sandbox.data_dir().to_str().expect("utf8 path").to_string();
    let mut play = Command::new(BIN);
    play.args(["play", "--data-dir", &data, "--keys", "F9 4 Enter"]);
    play.env_remove("JIAOGUAN_DATA_DIR");
    for (key, value) in sandbox.env() {
        play.env(key, value);
    }
    let output = play.output().expect("run play");
    let screen = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(screen.contains("已办结"), "{screen}");
    assert!(screen.contains("民警审核 审核通过"), "{screen}");
}

/// A start on a folder already seeded writes nothing while the app sits at 首页 and takes
/// keys (the wall-clock anchor waits for the next commit or the quit): an idle kiosk does no
/// disk work, and a start is as cheap as reading.
#[test]
fn a_warm_start_writes_nothing_until_quit() {
    let sandbox = Sandbox::new();
    let mut first = start_at_home(&sandbox);
    quit_and_check_restored(&mut first);
    drop(first);
    let before = folder_bytes(sandbox.data_dir());
    let mut tui = start_at_home(&sandbox);
    tui.wait_until_reading_input();
    tui.wait_until_reading_input();
    assert!(
        folder_bytes(sandbox.data_dir()) == before,
        "a start wrote to the data folder"
    );
    quit_and_check_restored(&mut tui);
    let state = Path::new("state.ron");
    assert_ne!(
        folder_bytes(sandbox.data_dir()).get(state),
        before.get(state),
        "the quit writes the clock's anchor"
    );
}
