//! Text hygiene shared by the value types: masking personal data for display, folding
//! full-width input, and stripping characters that could corrupt or spoof a terminal screen.
//! All functions work on `char`s, never bytes, because most of our text is Chinese.

use unicode_width::UnicodeWidthChar;

/// Replaces the middle of `s` with `*`, keeping `keep_front` and `keep_back` chars.
///
/// Every `masked()` method of the value types goes through here, so the masking policy
/// lives in one place. A string too short to hide anything with the requested counts keeps
/// fewer chars (front first) so that at least one char is always hidden; an empty string
/// stays empty.
pub fn mask_middle(s: &str, keep_front: usize, keep_back: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    if n == 0 {
        return String::new();
    }
    let front = keep_front.min(n - 1);
    let back = keep_back.min(n - 1 - front);
    let hidden = n - front - back;
    let mut out = String::with_capacity(s.len());
    out.extend(&chars[..front]);
    out.extend(std::iter::repeat_n('*', hidden));
    out.extend(&chars[n - back..]);
    out
}

/// Masks a personal name the way Chinese apps do: the surname (first char) stays, every
/// other char becomes `*` (张伟 -> 张*, 欧阳娜娜 -> 欧***). Compound surnames are not
/// detected on purpose: showing less is the safe side. A one-char name becomes `*`.
pub fn mask_name(name: &str) -> String {
    mask_middle(name.trim(), 1, 0)
}

/// Removes everything that could move the cursor, recolour, reorder or hide text on a
/// terminal: C0 and C1 controls (including `\n` and `\t`; callers split lines themselves),
/// DEL, bidirectional controls, zero-width chars and the Unicode line/paragraph separators.
pub fn sanitize_for_terminal(s: &str) -> String {
    s.chars().filter(|&c| !is_unsafe_for_terminal(c)).collect()
}

/// True for chars that `sanitize_for_terminal` drops.
fn is_unsafe_for_terminal(c: char) -> bool {
    // `is_control` is exactly general category Cc: U+0000-U+001F, U+007F-U+009F.
    c.is_control()
        || matches!(
            c,
            '\u{061C}'                   // Arabic letter mark (a bidi mark)
            | '\u{200B}'..='\u{200F}'    // zero-width space/non-joiner/joiner, LRM, RLM
            | '\u{2028}' | '\u{2029}'    // line and paragraph separators
            | '\u{202A}'..='\u{202E}'    // bidi embeddings and overrides
            | '\u{2060}'                 // word joiner
            | '\u{2066}'..='\u{2069}'    // bidi isolates
            | '\u{FEFF}' // zero-width no-break space (BOM)
        )
}

/// Folds full-width ASCII (U+FF01-U+FF5E) and the ideographic space to their ASCII forms.
/// Chinese input methods often produce `１３８` or `Ａ`; the value parsers accept those.
pub fn to_halfwidth(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Shows one user-typed char inside an error message: `「A」`, or `U+00B7` when the char
/// is invisible, a control, or of East-Asian-ambiguous width (which would misalign the
/// screen depending on the terminal).
pub fn describe_char(c: char) -> String {
    let ambiguous = c.width() != c.width_cjk();
    if is_unsafe_for_terminal(c) || c.is_whitespace() || ambiguous || c.width().is_none() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("「{c}」")
    }
}

/// Test helper: asserts that a user-facing string has no East-Asian-ambiguous glyph,
/// i.e. every char has the same width in CJK and non-CJK terminals.
#[cfg(test)]
pub(crate) fn assert_unambiguous(s: &str) {
    for c in s.chars() {
        assert_eq!(
            c.width(),
            c.width_cjk(),
            "ambiguous-width char U+{:04X} in {s:?}",
            c as u32
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_middle_keeps_front_and_back() {
        assert_eq!(
            mask_middle("11010519491231002X", 4, 4),
            "1101**********002X"
        );
        assert_eq!(mask_middle("13812345678", 3, 4), "138****5678");
        assert_eq!(mask_middle("京A12345", 2, 2), "京A***45");
        assert_eq!(mask_middle("abcdef", 0, 0), "******");
    }

    #[test]
    fn mask_middle_always_hides_something() {
        assert_eq!(mask_middle("", 3, 4), "");
        assert_eq!(mask_middle("a", 3, 4), "*");
        assert_eq!(mask_middle("abc", 3, 4), "ab*");
        assert_eq!(mask_middle("abcd", 1, 4), "a*cd");
        assert_eq!(mask_middle("abcdefg", 3, 4), "abc*efg");
    }

    #[test]
    fn mask_name_keeps_surname_only() {
        assert_eq!(mask_name("张伟"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
        assert_eq!(mask_name("李小龙"), "李**");
        assert_eq!(mask_name(" 王芳 "), "王*");
        assert_eq!(mask_name("张"), "*");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn sanitize_removes_controls_bidi_and_zero_width() {
        let dirty = "A\u{1b}[31mB\nC\tD\u{7f}E\u{9b}F\u{202E}G\u{2066}H\u{200B}I\u{FEFF}J\u{2060}K\u{200F}L\u{0}M";
        assert_eq!(sanitize_for_terminal(dirty), "A[31mBCDEFGHIJKLM");
        assert_eq!(sanitize_for_terminal("张三 京A12345"), "张三 京A12345");
        assert_eq!(sanitize_for_terminal("\r\n"), "");
        assert_eq!(
            sanitize_for_terminal("a\u{2028}b\u{2029}c\u{061C}d"),
            "abcd"
        );
    }

    #[test]
    fn halfwidth_folds_fullwidth_ascii() {
        let folded: String = "１３８ＡＢｃ　！～".chars().map(to_halfwidth).collect();
        assert_eq!(folded, "138ABc !~");
        assert_eq!(to_halfwidth('京'), '京');
        assert_eq!(to_halfwidth('「'), '「');
    }

    #[test]
    fn describe_char_hides_invisible_and_ambiguous() {
        assert_eq!(describe_char('O'), "「O」");
        assert_eq!(describe_char('港'), "「港」");
        assert_eq!(describe_char('\u{b7}'), "U+00B7");
        assert_eq!(describe_char('\u{202E}'), "U+202E");
        assert_eq!(describe_char('\n'), "U+000A");
        assert_eq!(describe_char(' '), "U+0020");
        assert_unambiguous(&describe_char('\u{2014}'));
        assert_unambiguous(&describe_char('A'));
    }
}
