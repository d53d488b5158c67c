//! Defined terms: `"child" means …`, `**young person** means …`,
//! `In this section, child sexual abuse material means …`, `本法所称未成年人是指…`,
//! `« enfant » s'entend de …`, `se entiende por menor …`, and definitions by
//! reference (`has the same meaning as in section 41.1`). A definition runs
//! from its term to the next definition in the same section, or to the
//! section's end.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;

use super::{DocFacts, Hit};

/// A definition found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The term as written.
    pub term: String,
    /// Its normalised words (indices into [`DocFacts::words`]).
    pub term_norms: Vec<u32>,
    /// Provision holding the term.
    pub prov: usize,
    /// First token of the term.
    pub term_first: usize,
    /// Last token of the term.
    pub term_last: usize,
    /// End of the definition (exclusive token index).
    pub end: usize,
    /// Defined by reference to another provision or instrument.
    pub by_reference: bool,
}

/// Words a term may be at most (a longer stretch is a sentence).
const MAX_TERM_TOKENS: usize = 8;
/// Chinese characters a term may be at most.
const MAX_TERM_CHARS: usize = 16;
/// Bytes after a marker within which its term ends (far more than
/// `MAX_TERM_TOKENS` words or `MAX_TERM_CHARS` characters take).
const MAX_TERM_BYTES: usize = 400;

/// Bytes before a marker that [`QUOTED_BEFORE`] can span: a term of up to
/// 100 characters, a parenthesis, a clause between commas, quotes and
/// spaces.
const QUOTED_REACH: usize = 1024;

static QUOTED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(
        r#"[“"‘'«]\s*(?P<t>[^“”"‘’«»\n]{1,100}?)\s*[”"’'»]\s*(?:\([^)]{0,40}\)\s*)?(?:,[^“”"«»\n]{0,60},?)?\s*,?\s*$"#,
    )
});

static INTRO: LazyLock<Regex> = LazyLock::new(|| {
    // An opening phrase ending in a comma ("In this Act,", "Au présent
    // article,", "Pour l'application du présent chapitre,", "En esta ley,"),
    // then "the term", then an article.
    crate::text::constant_regex(
        r"(?i)^(?:(?:in|for the purposes? of|for purposes of|au sens d[eu]|aux fins d[eu]|au|dans|pour l['’]application d[eu]|a (?:los )?efectos? de|para los efectos de|en)\b[^,]{0,80},\s*)?(?:(?:the term|the expression|the words|references to|le terme|l['’]expression|el término|la expresión)\s*)?(?:(?:an?|the|le|la|les|el|los|las|un|une)\s+|l['’]\s*)?",
    )
});

/// Words a term never ends with: before them, "means" is a noun
/// ("electronic means", "by any means").
const NOT_TERM_ENDINGS: [&str; 18] = [
    "electronic",
    "mechanical",
    "other",
    "any",
    "such",
    "by",
    "of",
    "the",
    "a",
    "an",
    "reasonable",
    "technical",
    "appropriate",
    "all",
    "digital",
    "automated",
    "its",
    "their",
];

const CLAUSE_DELIMS: [char; 12] = [
    '.', ';', ':', '—', '–', '\n', '。', '；', '：', '，', '(', ')',
];

/// Find the definitions of a document whose hits are computed.
/// `after` and `before` are the concept indices of the definition markers;
/// `reference` marks definitions by reference.
pub fn find(
    doc: &DocFacts,
    after: &[usize],
    before: &[usize],
    reference: &[usize],
) -> Vec<Definition> {
    let mut defs: Vec<Definition> = Vec::new();
    // Terms and provisions already defined (the checks below are then
    // constant-time, so a long definitions section stays linear).
    let mut term_firsts: FxHashSet<usize> = FxHashSet::default();
    let mut item_provs: FxHashSet<usize> = FxHashSet::default();
    let markers: Vec<&Hit> = doc
        .hits
        .iter()
        .filter(|h| {
            h.via.is_none() && (after.contains(&h.concept()) || before.contains(&h.concept()))
        })
        .collect();
    // For each marker, the next `after` marker (index into `markers`).
    let mut next_after_of = vec![None; markers.len()];
    let mut next = None;
    for (i, m) in markers.iter().enumerate().rev() {
        next_after_of[i] = next;
        if after.contains(&m.concept()) {
            next = Some(i);
        }
    }
    for (i, m) in markers.iter().enumerate() {
        let tok = &doc.tokens[m.first()];
        let prov = doc.prov_of(m.first());
        let text = &doc.provs[prov].text;
        let found = if after.contains(&m.concept()) {
            term_before(text, tok.start as usize, doc.chinese)
        } else {
            // A `before` marker followed closely by an `after` marker is the
            // `the term "x" means` form, handled by the `after` marker.
            let next_after = next_after_of[i]
                .map(|j| markers[j])
                .is_some_and(|n| n.first() <= m.last() + 12 && doc.prov_of(n.first()) == prov);
            // Words that are both (`X im Sinne dieses Gesetzes sind …`)
            // read as an `after` marker when a term stands before them.
            // (Markers are sorted by first token: those at `m.first` are
            // next to it.)
            let at_same = |n: &&&Hit| n.first == m.first;
            let same_first = markers[..i]
                .iter()
                .rev()
                .take_while(at_same)
                .chain(markers[i + 1..].iter().take_while(at_same));
            let same_after = same_first.into_iter().any(|n| after.contains(&n.concept()))
                && term_before(text, tok.start as usize, doc.chinese).is_some();
            if next_after || same_after {
                None
            } else {
                let end = doc.tokens[m.last()].end as usize;
                term_after(text, end)
            }
        };
        let Some((ts, te)) = found else {
            // `Im Sinne dieses Gesetzes` / `1. sind Kinder Personen, die …`:
            // a marker that ends its provision introduces a list whose items
            // each define the words before their first comma.
            let ends_provision = m.last() + 1 == doc.provs[prov].toks.end;
            if before.contains(&m.concept()) && ends_provision {
                // Its items are the provisions of its subtree.
                let below = doc.provs[prov].subtree_end;
                let items = (prov + 1..doc.provs.len()).take_while(|&j| {
                    let t = &doc.provs[j].toks;
                    t.start < below || (t.is_empty() && t.start <= below)
                });
                for j in items {
                    let item = &doc.provs[j];
                    if item.parent != Some(prov) || item_provs.contains(&j) {
                        continue;
                    }
                    let Some((mut ts, te)) = term_after(&item.text, 0) else {
                        continue;
                    };
                    // A verb before the term (`sind Kinder Personen`): the
                    // term starts at its first capitalised word.
                    let words = &item.text[ts..te];
                    if words.starts_with(char::is_lowercase) {
                        if let Some(at) = words
                            .match_indices(' ')
                            .map(|(i, _)| i + 1)
                            .find(|&i| words[i..].starts_with(char::is_uppercase))
                        {
                            ts += at;
                        }
                    }
                    let Some((first, last)) = doc.token_range(j, ts, te) else {
                        continue;
                    };
                    item_provs.insert(j);
                    term_firsts.insert(first);
                    defs.push(Definition {
                        term: item.text[ts..te].to_string(),
                        term_norms: (first..=last).map(|t| doc.tokens[t].norm()).collect(),
                        prov: j,
                        term_first: first,
                        term_last: last,
                        end: 0,
                        by_reference: false,
                    });
                }
            }
            continue;
        };
        let Some((first, last)) = doc.token_range(prov, ts, te) else {
            continue;
        };
        let n = last + 1 - first;
        let too_long = if doc.chinese {
            n > MAX_TERM_CHARS
        } else {
            n > MAX_TERM_TOKENS
        };
        if too_long || term_firsts.contains(&first) {
            continue;
        }
        let term = text[ts..te].trim().to_string();
        let term_norms = (first..=last).map(|t| doc.tokens[t].norm()).collect();
        let from = doc.hits.partition_point(|h| h.first() <= last);
        let by_reference = doc.hits[from..]
            .iter()
            .take_while(|h| h.first() <= m.last() + 20)
            .filter(|h| reference.contains(&h.concept()) && h.via.is_none())
            .any(|h| doc.prov_of(h.first()) == prov);
        term_firsts.insert(first);
        item_provs.insert(prov);
        defs.push(Definition {
            term,
            term_norms,
            prov,
            term_first: first,
            term_last: last,
            end: 0,
            by_reference,
        });
    }
    defs.sort_by_key(|d| d.term_first);
    // A definition ends where the next one in the same section starts, and
    // at the latest with the provision that holds it — or with its parent,
    // when the provision leads into a list ("\"publish\" includes to—").
    for i in 0..defs.len() {
        let p = &doc.provs[defs[i].prov];
        // A list of its own children ends with it; a list of siblings
        // ("\"publish\" includes to—" followed by `(a)`, `(b)` at its level)
        // runs to the parent's end.
        let leads_into_list =
            p.text.trim_end().ends_with(['—', '–', ':', '-', '：']) && p.subtree_end == p.toks.end;
        let holder_end = match p.parent {
            Some(parent) if leads_into_list => doc.provs[parent].subtree_end,
            _ => p.subtree_end,
        };
        let unit_end = doc.unit_end(defs[i].prov).min(holder_end);
        let next = defs
            .get(i + 1)
            .filter(|n| doc.provs[n.prov].unit == doc.provs[defs[i].prov].unit)
            .map_or(unit_end, |n| n.term_first);
        defs[i].end = next.min(unit_end).max(defs[i].term_last + 1);
    }
    defs
}

/// The term standing before a marker at byte `marker` of `text`.
fn term_before(text: &str, marker: usize, chinese: bool) -> Option<(usize, usize)> {
    // `本法所称儿童，是指`: the comma before the marker ends no clause.
    let before = text[..marker].trim_end_matches(['，', ',', ' ']);
    // The quoted term ends right before the marker: look at the text just
    // before it (a match is at most a few hundred bytes), not from the
    // start of the provision at every marker.
    let mut cut = before.len().saturating_sub(QUOTED_REACH);
    while !before.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(c) = QUOTED_BEFORE.captures(&before[cut..]) {
        let t = c.name("t")?;
        return Some((cut + t.start(), cut + t.end()));
    }
    // Otherwise the clause from its start to the marker.
    let start = before.rfind(CLAUSE_DELIMS).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let mut s = start;
    let clause = &before[start..];
    let mut introduced = false;
    if chinese {
        // `本法所称未成年人` → `未成年人`.
        for intro in ["所称", "本法中的", "本条例中的"] {
            if let Some(i) = clause.rfind(intro) {
                s = start + i + intro.len();
            }
        }
    } else if let Some(m) = INTRO.find(clause) {
        let articles = [
            "a", "an", "the", "le", "la", "les", "l'", "l’", "el", "los", "las", "un", "une",
        ];
        introduced = !articles.contains(&m.as_str().trim().to_lowercase().as_str())
            && !m.as_str().trim().is_empty();
        s = start + m.end();
    }
    let term = &text[s..before.len()];
    let trimmed = term.trim().trim_matches(['*', '"', ',', ' ']);
    if trimmed.is_empty() {
        return None;
    }
    // A term starts with a capital, a quote or a Chinese character, or is
    // at the start of its line; lowercase function words begin sentences.
    let first = trimmed.chars().next()?;
    // `… by electronic means which …`: "means" as a noun, not a definition.
    let last_word = trimmed
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    if NOT_TERM_ENDINGS.contains(&last_word.as_str()) {
        return None;
    }
    if !chinese && first.is_lowercase() && !introduced {
        // A line start before the term, or before an article that opens
        // the sentence ("Le matériel … s'entend de").
        let at_line_start =
            |lead: &str| lead.is_empty() || lead.ends_with(['\n', ',', ':', ';', '—']);
        let capital_article = s > start
            && clause
                .trim_start_matches([' ', '*'])
                .starts_with(char::is_uppercase);
        let starts_line = if capital_article {
            at_line_start(before[..start].trim_end_matches([' ', '*']))
        } else {
            at_line_start(before[..s].trim_end_matches([' ', '*']))
        };
        let function_word = [
            "which", "that", "it", "this", "he", "she", "they", "and", "or", "who", "where", "if",
            "qui", "que", "dont", "et", "ou", "il", "elle", "si", "y", "o", "quien", "cuando",
        ]
        .iter()
        .any(|w| trimmed.split_whitespace().next() == Some(w));
        if function_word || !starts_line {
            return None;
        }
    }
    let off = s + term.find(trimmed)?;
    Some((off, off + trimmed.len()))
}

/// The term standing after a marker (`se entiende por menor:`).
fn term_after(text: &str, from: usize) -> Option<(usize, usize)> {
    // A quoted term (`on entend par « mineur » …`) runs to its closing quote.
    let lead = text[from..].len() - text[from..].trim_start().len();
    let quoted = text[from + lead..].starts_with(['«', '"', '“']);
    let from = if quoted {
        from + lead + text[from + lead..].chars().next().map_or(1, char::len_utf8)
    } else {
        from
    };
    let rest = &text[from..];
    // A term is a few words: one that runs on for more than
    // `MAX_TERM_BYTES` is none, and the text past them is not read.
    let mut reach = rest.len().min(MAX_TERM_BYTES);
    while !rest.is_char_boundary(reach) {
        reach += 1;
    }
    let end = match rest[..reach].find([',', ':', ';', '.', '\n', '«', '»', '(']) {
        Some(end) => end,
        None if reach < rest.len() => return None,
        None => rest.len(),
    };
    let raw = &rest[..end];
    let trimmed = raw.trim().trim_matches(['"', '“', '”', '«', '»', ' ']);
    if trimmed.is_empty() || trimmed.split_whitespace().nth(MAX_TERM_TOKENS).is_some() {
        return None;
    }
    let off = from + raw.find(trimmed)?;
    Some((off, off + trimmed.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_before_markers() {
        let t = "In this Act— \"child\" means a person";
        let i = t.find("means").unwrap();
        assert_eq!(
            term_before(t, i, false).map(|(a, b)| &t[a..b]),
            Some("child")
        );
        let t = "In this section, child sexual abuse and exploitation material means";
        let i = t.find("means").unwrap();
        assert_eq!(
            term_before(t, i, false).map(|(a, b)| &t[a..b]),
            Some("child sexual abuse and exploitation material")
        );
        let t = "**young person** means a person";
        let i = t.find("means").unwrap();
        assert_eq!(
            term_before(t, i, false).map(|(a, b)| &t[a..b]),
            Some("young person")
        );
        let t = "The term “child” means an individual";
        let i = t.find("means").unwrap();
        assert_eq!(
            term_before(t, i, false).map(|(a, b)| &t[a..b]),
            Some("child")
        );
        let t = "- “Child”, subject to subsection (8), means a person";
        let i = t.find("means").unwrap();
        assert_eq!(
            term_before(t, i, false).map(|(a, b)| &t[a..b]),
            Some("Child")
        );
        let t = "本法所称未成年人是指未满十八周岁的公民";
        let i = t.find("是指").unwrap();
        assert_eq!(
            term_before(t, i, true).map(|(a, b)| &t[a..b]),
            Some("未成年人")
        );
        let t = "本法所称儿童，是指未满十四周岁的未成年人";
        let i = t.find("是指").unwrap();
        assert_eq!(term_before(t, i, true).map(|(a, b)| &t[a..b]), Some("儿童"));
        let t = "the sentence which means nothing";
        let i = t.find("means").unwrap();
        assert_eq!(term_before(t, i, false), None);
    }

    #[test]
    fn terms_after_markers() {
        let t = "A los efectos de esta ley se entiende por menor: toda persona";
        let i = t.find("por").unwrap() + 3;
        assert_eq!(term_after(t, i).map(|(a, b)| &t[a..b]), Some("menor"));
        let t = "Au présent article, on entend par « mineur » toute personne";
        let i = t.find("par").unwrap() + 3;
        assert_eq!(term_after(t, i).map(|(a, b)| &t[a..b]), Some("mineur"));
    }

    #[test]
    fn french_terms_before_markers() {
        let term = |t: &str, marker: &str| {
            let i = t.find(marker).unwrap();
            term_before(t, i, false).map(|(a, b)| t[a..b].to_string())
        };
        assert_eq!(
            term(
                "Le matériel d'abus sexuel s'entend de toute image",
                "s'entend"
            )
            .as_deref(),
            Some("matériel d'abus sexuel")
        );
        assert_eq!(
            term("L'enfant désigne toute personne", "désigne").as_deref(),
            Some("enfant")
        );
        assert_eq!(
            term(
                "Pour l'application du présent chapitre, le mineur s'entend de",
                "s'entend"
            )
            .as_deref(),
            Some("mineur")
        );
        assert_eq!(
            term(
                "Au présent article, pornographie juvénile s'entend de",
                "s'entend"
            )
            .as_deref(),
            Some("pornographie juvénile")
        );
        // Mid-sentence, an article does not start a term.
        assert_eq!(term("et le matériel désigne", "désigne"), None);
        assert_eq!(term("qui dit que le matériel désigne", "désigne"), None);
    }
}
