//! Titles: marginal notes, headings and the text around unit numbers.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// Words in a line short enough to be a title (a marginal note, a heading
/// line after `Article 8`).
pub(super) const MAX_TITLE_WORDS: usize = 16;

/// True when `text` has at most `n` words (without counting a long text's
/// words to the end).
///
/// Read byte by byte: a character outside ASCII is decoded only when its
/// first byte may start a white space character (`str::split_whitespace`
/// splits on `char::is_whitespace`, which this counts as it does).
pub(super) fn at_most_words(text: &str, n: usize) -> bool {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => (true, 1),
            // The first bytes of U+0085, U+00A0, U+1680, U+2000–U+205F and
            // U+3000: never a continuation byte, so `i` is a character's
            // start.
            0xc2 | 0xe1 | 0xe2 | 0xe3 => match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => (true, c.len_utf8()),
                _ => (false, 1),
            },
            _ => (false, 1),
        };
        if !space && !in_word {
            words += 1;
            if words > n {
                return false;
            }
        }
        in_word = !space;
        i += len;
    }
    true
}

/// Han characters in a line short enough to be a Chinese title.
const MAX_HAN_TITLE_CHARS: usize = 20;

/// A line of Chinese words alone, without a punctuation mark (`网络素养促进`,
/// `附 则`): a title, never a 款, which is a sentence and ends with `。`,
/// `；` or `：`.
pub(super) fn is_han_title_line(text: &str) -> bool {
    let t = text.trim();
    let mut han = 0;
    for c in t.chars() {
        if crate::text::is_han(c) {
            han += 1;
        } else if c != ' ' && c != '\u{3000}' {
            return false;
        }
        if han > MAX_HAN_TITLE_CHARS {
            return false;
        }
    }
    han > 0
}

/// `1[15. …` → `15. …`: the bracket that marks amended text.
pub(super) fn strip_amendment_marker(text: &str) -> &str {
    let t = text.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) && t[digits..].starts_with('[') {
        &t[digits + 1..]
    } else {
        t
    }
}

/// Text that reads as a heading when a paragraph follows it: one line of at
/// most twelve words that does not lead into a list or a sentence.
pub(super) fn looks_like_heading(text: &str) -> bool {
    let t = text.trim();
    // One line, checked first: a provision that has gathered many
    // paragraphs is rejected without counting its words.
    if t.contains('\n') {
        return false;
    }
    let words = t
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(13)
        .count();
    (1..=12).contains(&words)
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with([';', ':', ',', '—', '–', '-', '；', '：', '，'])
        && !t.trim_end_matches('.').trim_end().contains(['.', ';', ':'])
        && !t.ends_with(" or")
        && !t.ends_with(" and")
}

/// `Child pornography.—(1) A person` → (`Child pornography`, `(1) A person`).
pub(super) fn marginal_title(rest: &str) -> Option<(&str, &str)> {
    // The separator that starts first; of two starting at one place, the
    // first listed. One pass over the text.
    static SEPARATORS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        super::constant_literals(
            MatchKind::LeftmostFirst,
            &[
                ".—",
                ".–",
                ".--",
                ". —",
                ". –",
                "—",
                "–",
                " \u{FFFD} ",
                ".\u{FFFD}",
                ". \u{FFFD}",
                " - ",
            ],
        )
    });
    let best = SEPARATORS.find(rest).map(|m| (m.start(), m.len()));
    let (i, len) = best?;
    let title = rest[..i].trim();
    if title.is_empty()
        || !at_most_words(title, MAX_TITLE_WORDS)
        || title.contains(['(', ';', '"', '“'])
    {
        return None;
    }
    Some((title.trim_end_matches('.'), rest[i + len..].trim_start()))
}

/// `Title. — This Act …` after a repeated `Section 1.` → `This Act …`.
pub(super) fn strip_repeated_title<'a>(rest: &'a str, heading: Option<&str>) -> &'a str {
    if let Some(h) = heading {
        let h = h.trim_end_matches('.');
        if let Some(after) = rest.strip_prefix(h) {
            return after
                .trim_start_matches(['.', ' ', '—', '–', '-', '\u{FFFD}'])
                .trim_start();
        }
    }
    match marginal_title(rest) {
        Some((_, body)) => body,
        None => rest,
    }
}

pub(super) fn clean_title(t: &str) -> String {
    t.trim()
        .trim_start_matches(['—', '–', '-', ':', '.', ' '])
        .trim_end_matches(['.', ' '])
        .to_string()
}

pub(super) fn title_case(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::at_most_words;

    #[test]
    fn words_counted_as_split_whitespace_counts_them() {
        let texts = [
            "",
            " ",
            "one",
            "  one two\tthree\nfour\r\nfive\u{b}six\u{c}seven ",
            "a\u{85}b\u{a0}c\u{1680}d\u{2003}e\u{2028}f\u{202f}g\u{205f}h\u{3000}i",
            "第一条 网络 素养\u{3000}促进",
            "Â â ‘quoted’ – dash — … € ™",
            "x\u{200b}y \u{2060} z",
        ];
        for t in texts {
            let words = t.split_whitespace().count();
            for n in 0..12 {
                assert_eq!(at_most_words(t, n), words <= n, "{t:?} {n}");
            }
        }
    }
}
