//! Which script a character belongs to, from the Unicode Script property
//! (`unicode-script`), so that every module asks the same question the
//! same way.

use unicode_script::{Script, UnicodeScript};

/// True for a Han ideograph: in Chinese text each one is a token.
///
/// Punctuation and digits shared with other scripts (`，`, `１`) are not
/// ideographs; neither are the ideographic number zero `〇` and the
/// iteration mark `々`, which Unicode also assigns to Han but which stand
/// inside numbers and words.
pub fn is_han(c: char) -> bool {
    // The common ranges first: a table look-up per ASCII letter would cost
    // the tokeniser its fast path.
    if c.is_ascii() {
        return false;
    }
    matches!(c, '\u{4e00}'..='\u{9fff}') || (c.script() == Script::Han && !matches!(c, '〇' | '々'))
}

/// True for a character of a script written without spaces between words
/// (Han, kana, Hangul), or CJK punctuation and full-width forms: a space next
/// to one is no word boundary.
pub fn is_cjk(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    matches!(
        c.script(),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Bopomofo
    ) || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// Share of a text's letters that are Han ideographs (0 when it has no
/// letters).
pub fn han_share(text: &str) -> f64 {
    let (mut han, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if is_han(c) {
            han += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        han as f64 / letters as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_are_han_and_latin_is_not() {
        assert!(is_han('法'));
        assert!(is_han('條'));
        assert!(is_han('\u{20000}'), "extension B");
        assert!(!is_han('a'));
        assert!(!is_han('，'));
        assert!(!is_han('〇'));
        assert!(!is_han('é'));
    }

    #[test]
    fn scripts_without_spaces_include_kana_and_punctuation() {
        assert!(is_cjk('法'));
        assert!(is_cjk('の'));
        assert!(is_cjk('。'));
        assert!(is_cjk('，'));
        assert!(!is_cjk('a'));
        assert!(!is_cjk('ß'));
    }

    #[test]
    fn han_share_counts_letters_only() {
        assert_eq!(han_share("12 ,."), 0.0);
        assert!(han_share("未成年人保护 law") > 0.6);
        assert!(han_share("protection of children") < 0.01);
    }
}
