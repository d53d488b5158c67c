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
    static CUES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        super::constant_literals(
            aho_corasick::MatchKind::Standard,
            &["xpla", "llustra", "xplica"],
        )
    });
    if !CUES.is_match(text) {
        return None;
    }
    INLINE_NOTE_RE
        .captures(text)
        .and_then(|c| c.name("at"))
        .map(|m| m.start())
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
