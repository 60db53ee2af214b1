//! The key script of `jiaoguan play --keys` and of the demo scripts: tokens separated by
//! spaces. Named keys (`Enter`, `Down`, `F9` ...), `Ctrl+x`, `Alt+x`, a single character typing
//! itself, and a double-quoted string typing its characters (Chinese included). Three tokens are
//! not keys: `say:"..."` shows a line of narration (a demo's caption), `wait:1.5` pauses that many
//! seconds (in a demo and in a recording), and `expect:"..."` states what the screen shows at that
//! point (`play` stops with an error when it does not). `sms-code` types the SMS verification code
//! the app sent last, as a visitor reads it off the phone. In a script file a line whose first
//! character is `#` is a comment.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// A script that could not be read, naming the bad token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError(pub String);

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScriptError {}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

fn named(name: &str) -> Option<KeyCode> {
    Some(match name {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "BackTab" => KeyCode::BackTab,
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "PageUp" => KeyCode::PageUp,
        "PageDown" => KeyCode::PageDown,
        "Backspace" => KeyCode::Backspace,
        "Delete" => KeyCode::Delete,
        "Space" => KeyCode::Char(' '),
        _ => {
            let n: u8 = name.strip_prefix('F')?.parse().ok()?;
            return (1..=12).contains(&n).then_some(KeyCode::F(n));
        }
    })
}

/// What a script may hold, for the message about a token it may not.
const KEY_NAMES: &str = "可用的记号：Enter Esc Tab BackTab Up Down Left Right Home End PageUp PageDown Backspace Delete Space F1 到 F12，Ctrl+x、Alt+x，单个字符，\"要输入的文字\"，say:\"旁白\"，wait:秒数，expect:\"画面文字\"，sms-code";

/// Splits the script into tokens; a double-quoted string may hold spaces.
fn tokens(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = script.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut token = String::new();
        if c == '"' && script_has_closing_quote(chars.clone()) {
            token.push(c);
            chars.next();
            for c in chars.by_ref() {
                token.push(c);
                if c == '"' {
                    break;
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                if c == '"' && token.ends_with(':') && script_has_closing_quote(chars.clone()) {
                    // `say:"..."` and `expect:"..."`: the quoted text may hold spaces.
                    token.push(c);
                    chars.next();
                    for c in chars.by_ref() {
                        token.push(c);
                        if c == '"' {
                            break;
                        }
                    }
                    break;
                }
                token.push(c);
                chars.next();
            }
        }
        out.push(token);
    }
    out
}

/// A lone `"` types a quote; only a `"` with a partner opens a string.
fn script_has_closing_quote(mut rest: std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    rest.next();
    rest.any(|c| c == '"')
}

/// Turns one token into the events it stands for.
fn parse_token(token: &str) -> Result<Vec<Event>, ScriptError> {
    if token.len() >= 2 && token.starts_with('"') && token.ends_with('"') {
        let inner = &token[1..token.len() - 1];
        return Ok(inner
            .chars()
            .map(|c| key(KeyCode::Char(c), KeyModifiers::NONE))
            .collect());
    }
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Ok(vec![key(KeyCode::Char(c), KeyModifiers::NONE)]);
    }
    if let Some(code) = named(token) {
        return Ok(vec![key(code, KeyModifiers::NONE)]);
    }
    for (prefix, modifier) in [
        ("Ctrl+", KeyModifiers::CONTROL),
        ("Alt+", KeyModifiers::ALT),
    ] {
        if let Some(rest) = token.strip_prefix(prefix) {
            let mut chars = rest.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                return Ok(vec![key(KeyCode::Char(c.to_ascii_lowercase()), modifier)]);
            }
            if let Some(code) = named(rest) {
                return Ok(vec![key(code, modifier)]);
            }
        }
    }
    Err(ScriptError(format!(
        "按键脚本中有无法识别的按键：{token}。{KEY_NAMES}"
    )))
}

/// One step of a script.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// An input event for the app.
    Input(Event),
    /// A line of narration, shown over the screen until the next caption (`say:"..."`).
    Caption(String),
    /// A pause of this many seconds (`wait:1.5`).
    Wait(f64),
    /// Text the screen must show at this point (`expect:"..."`).
    Expect(String),
    /// Type the SMS code the app sent last (`sms-code`).
    SmsCode,
}

/// The quoted text of a `name:"..."` token.
fn quoted_arg<'a>(token: &'a str, name: &str) -> Option<&'a str> {
    let rest = token.strip_prefix(name)?.strip_prefix(':')?;
    rest.strip_prefix('"')?.strip_suffix('"')
}

/// The steps one token stands for.
fn parse_step(token: &str) -> Result<Vec<Step>, ScriptError> {
    if let Some(text) = quoted_arg(token, "say") {
        return Ok(vec![Step::Caption(text.to_string())]);
    }
    if let Some(text) = quoted_arg(token, "expect") {
        return Ok(vec![Step::Expect(text.to_string())]);
    }
    if token == "sms-code" {
        return Ok(vec![Step::SmsCode]);
    }
    if let Some(seconds) = token.strip_prefix("wait:") {
        return match seconds.parse::<f64>() {
            Ok(s) if s.is_finite() && (0.0..=600.0).contains(&s) => Ok(vec![Step::Wait(s)]),
            _ => Err(ScriptError(format!(
                "按键脚本中的等待时间应为0到600秒：{token}"
            ))),
        };
    }
    Ok(parse_token(token)?.into_iter().map(Step::Input).collect())
}

/// Parses a whole script into its steps.
pub fn parse_steps(script: &str) -> Result<Vec<Step>, ScriptError> {
    let mut steps = Vec::new();
    for token in tokens(script) {
        steps.extend(parse_step(&token)?);
    }
    Ok(steps)
}

/// Parses a script file: as `parse_steps`, lines starting with `#` left out.
pub fn parse_file(text: &str) -> Result<Vec<Step>, ScriptError> {
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .collect();
    parse_steps(&kept.join("\n"))
}

/// Parses a whole script into the input events it holds (captions, waits and expectations are
/// left out).
pub fn parse(script: &str) -> Result<Vec<Event>, ScriptError> {
    Ok(inputs(&parse_steps(script)?))
}

/// The input events among `steps`.
pub fn inputs(steps: &[Step]) -> Vec<Event> {
    steps
        .iter()
        .filter_map(|step| match step {
            Step::Input(event) => Some(event.clone()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(script: &str) -> Vec<(KeyCode, KeyModifiers)> {
        parse(script)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn reads_named_keys_chords_chars_and_strings() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            codes("Down Enter / 1 Ctrl+c F9 \"新车 x\""),
            vec![
                (KeyCode::Down, none),
                (KeyCode::Enter, none),
                (KeyCode::Char('/'), none),
                (KeyCode::Char('1'), none),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
                (KeyCode::F(9), none),
                (KeyCode::Char('新'), none),
                (KeyCode::Char('车'), none),
                (KeyCode::Char(' '), none),
                (KeyCode::Char('x'), none),
            ]
        );
    }

    #[test]
    fn an_unknown_token_is_named() {
        let error = parse("Down Entr").err().map(|e| e.0).unwrap_or_default();
        assert!(
            error.starts_with("按键脚本中有无法识别的按键：Entr。可用的记号：Enter Esc"),
            "{error}"
        );
        assert!(parse("F13").is_err());
        assert!(parse("Ctrl+").is_err());
    }

    #[test]
    fn captions_waits_and_expectations_are_steps() {
        let steps =
            parse_file("# 标题\nsay:\"第一步 登录\" Enter\n  # 注释\nwait:1.5 expect:\"已 提交\"")
                .unwrap_or_default();
        assert_eq!(
            steps,
            vec![
                Step::Caption("第一步 登录".to_string()),
                Step::Input(key(KeyCode::Enter, KeyModifiers::NONE)),
                Step::Wait(1.5),
                Step::Expect("已 提交".to_string()),
            ]
        );
        assert!(parse_steps("wait:-1").is_err());
        assert!(parse_steps("wait:x").is_err());
        assert_eq!(
            codes("say:\"x\" Enter"),
            vec![(KeyCode::Enter, KeyModifiers::NONE)]
        );
    }

    #[test]
    fn a_lone_quote_types_itself() {
        assert_eq!(codes("\""), vec![(KeyCode::Char('"'), KeyModifiers::NONE)]);
    }
}
