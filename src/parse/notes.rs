//! Explanations and illustrations (`Explanation.—`, `Illustration`) and
//! defined terms (`**child** means …`, `"child" includes …`).

use std::sync::LazyLock;

use regex::Regex;

/// The words that open an explanation or an illustration of a provision.
const NOTE_WORDS: &str = r"(?:Explanations?|Illustrations?|Ilustraci[óo]n(?:es)?|Explicaci[óo]n|Explication|Erläuterung)";

static NOTE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(&format!(
        r"^(?i:{NOTE_WORDS})(?:\s+(?:\d{{1,2}}|[IVX]{{1,4}}))?\s*(?:[.:]?\s*(?:--|[—–-])|[.:]|$)"
    ))
});

static INLINE_NOTE_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(&format!(
        r"[.;:]\s+(?P<at>{NOTE_WORDS}(?:\s+\d{{1,2}})?\s*[.:]?\s*(?:--|[—–]))"
    ))
});

/// True when a text opens an explanation or illustration of the provision
/// (`Explanation.—`, `Illustrations`, `Ilustración:`): it belongs to the
/// section or article, not to its last item.
pub fn is_note(text: &str) -> bool {
    text.starts_with(['E', 'e', 'I', 'i']) && NOTE_RE.is_match(text)
}

/// Where an explanation starts inside a text (`… commits an offence.
/// Explanation.—For the purposes …`), if one does.
pub fn inline_note_at(text: &str) -> Option<usize> {
    if !has_note_cue(text) {
        return None;
    }
    INLINE_NOTE_RE
        .captures(text)
        .and_then(|c| c.name("at"))
        .map(|m| m.start())
}

/// True when `text` holds `xpla`, `xplica` or `llustra` (the cue that an
/// explanation may start inside it), each looked for with the memchr
/// crate's vectorised search: `xpl` then what follows it, and `llustra`.
fn has_note_cue(text: &str) -> bool {
    static XPL: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("xpl"));
    static LLUSTRA: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("llustra"));
    let b = text.as_bytes();
    XPL.find_iter(b).any(|i| {
        let after = &b[i + 3..];
        after.starts_with(b"a") || after.starts_with(b"ica")
    }) || LLUSTRA.find(b).is_some()
}

static QUOTED_TERM_RE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(r#"^["“‘'](?P<t>[^"”’'\n]{1,60})["”’']\s*,?\s*\p{Ll}"#)
});

/// The term a definition paragraph starts with: bold words or a quoted
/// term of at most eight words, followed by a word in lower case
/// (`**child** means …`, `“child” includes …`).
pub fn defined_term(text: &str, lead_bold: Option<&str>) -> Option<String> {
    if let Some(b) = lead_bold {
        let after = text[b.len()..]
            .trim_start()
            .trim_start_matches(',')
            .trim_start();
        let term = b.trim_matches(|c: char| !c.is_alphanumeric());
        if !term.is_empty()
            && term.split_whitespace().nth(8).is_none()
            && after.chars().next().is_some_and(char::is_lowercase)
        {
            return Some(term.to_string());
        }
        return None;
    }
    if !text.starts_with(['"', '“', '‘', '\'']) {
        return None;
    }
    let c = QUOTED_TERM_RE.captures(text)?;
    let term = c["t"].trim();
    (!term.is_empty() && term.split_whitespace().nth(8).is_none()).then(|| term.to_string())
}

#[cfg(test)]
mod tests {
    use super::has_note_cue;

    #[test]
    fn note_cues_found_as_the_three_literals_are() {
        for t in [
            "",
            "xpl",
            "Explanation.—x",
            "explica",
            "xplixpla",
            "xplic",
            "Illustrations",
            "llustr",
            "Ilustración",
            "an explicit xpl rule",
            "(a) child; Explanation",
        ] {
            let literal = ["xpla", "llustra", "xplica"].iter().any(|c| t.contains(c));
            assert_eq!(has_note_cue(t), literal, "{t}");
        }
    }
}
