//! Text rules shared by every layer that shows Chinese in a terminal.

use unicode_width::UnicodeWidthChar;

/// East-Asian-ambiguous glyphs (`·…—“”①■○●→★√×`, box drawing): ratatui counts them one column,
/// a terminal set to CJK widths draws two, and the layout tears. UI text must not use them.
pub fn is_ambiguous_width(c: char) -> bool {
    c.width() != c.width_cjk()
}

/// The distinct ambiguous glyphs in `text`, in order of first appearance.
pub fn ambiguous_glyphs(text: &str) -> Vec<char> {
    let mut found = Vec::new();
    for c in text.chars() {
        if is_ambiguous_width(c) && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// Pasted text as it may be typed into a field: whole terminal escape sequences removed (a
/// CSI such as `ESC [ 1 ; 3 1 m`, an OSC up to its BEL or `ESC \\`, a two-byte `ESC x`, their
/// one-byte C1 forms), then every other control character. Removing only the ESC byte would
/// leave `[1;31m` in the field.
pub fn strip_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let introducer = match c {
            '\u{1b}' => chars.next(),
            '\u{9b}' => Some('['),
            '\u{9d}' => Some(']'),
            c if c.is_control() => continue,
            c => {
                out.push(c);
                continue;
            }
        };
        match introducer {
            // CSI: parameters and intermediates, up to a final byte in @..~.
            Some('[') => {
                for c in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                }
            }
            // OSC, DCS, SOS, PM, APC: up to BEL or ST (ESC \\).
            Some(']' | 'P' | 'X' | '^' | '_') => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' || c == '\u{9c}' {
                        break;
                    }
                    if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                        chars.next();
                        break;
                    }
                }
            }
            // A two-byte sequence (ESC x) or a lone ESC at the end.
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_escape_sequences_go_whole() {
        assert_eq!(strip_escapes("\u{1b}[1;31m红色\u{1b}[0m"), "红色");
        assert_eq!(strip_escapes("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(strip_escapes("a\u{1b}]8;;http://x\u{1b}\\b"), "ab");
        assert_eq!(strip_escapes("\u{9b}2J清屏"), "清屏");
        assert_eq!(strip_escapes("x\u{1b}7y\tz\n"), "xyz");
        assert_eq!(strip_escapes("世纪大道100号"), "世纪大道100号");
        assert_eq!(strip_escapes("\u{1b}"), "");
    }

    #[test]
    fn flags_the_glyphs_that_tear_cjk_layouts() {
        for c in [
            '·', '…', '—', '“', '”', '①', '■', '○', '●', '→', '★', '√', '×', '─', '│',
        ] {
            assert!(is_ambiguous_width(c), "{c:?} should be ambiguous");
        }
    }

    #[test]
    fn accepts_chinese_fullwidth_punctuation_and_ascii() {
        for c in [
            '交', '，', '：', '（', '）', '【', '】', '「', '」', 'A', '1', '>', '*', '-', ' ',
        ] {
            assert!(!is_ambiguous_width(c), "{c:?} should be safe");
        }
        assert!(ambiguous_glyphs("业务中心 > 机动车业务").is_empty());
        assert_eq!(ambiguous_glyphs("京A·12345 …·"), vec!['·', '…']);
    }
}
