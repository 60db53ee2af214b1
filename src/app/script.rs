//! The key script of `jiaoguan play --keys`: tokens separated by spaces. Named keys (`Enter`,
//! `Down`, `F9` ...), `Ctrl+x`, `Alt+x`, a single character typing itself, and a double-quoted
//! string typing its characters (Chinese included).

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
    Err(ScriptError(format!("按键脚本中有无法识别的按键：{token}")))
}

/// Parses a whole script.
pub fn parse(script: &str) -> Result<Vec<Event>, ScriptError> {
    let mut events = Vec::new();
    for token in tokens(script) {
        events.extend(parse_token(&token)?);
    }
    Ok(events)
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
        assert_eq!(
            parse("Down Entr"),
            Err(ScriptError("按键脚本中有无法识别的按键：Entr".to_string()))
        );
        assert!(parse("F13").is_err());
        assert!(parse("Ctrl+").is_err());
    }

    #[test]
    fn a_lone_quote_types_itself() {
        assert_eq!(codes("\""), vec![(KeyCode::Char('"'), KeyModifiers::NONE)]);
    }
}
