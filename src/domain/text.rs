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

#[cfg(test)]
mod tests {
    use super::*;

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
