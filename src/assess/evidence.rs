//! Evidence: a provision cited with its line, an excerpt around the words
//! that decided the finding, and those words.

use serde::Serialize;

use crate::extract::{DocFacts, Hit};

/// Characters an excerpt keeps at most.
pub const EXCERPT_CHARS: usize = 360;

/// What a piece of evidence does for its finding, from the most decisive:
/// the provision that makes the conduct punishable or the duty binding
/// (`decides`), one standing against the requirement (`contradicts`), a
/// definition the deciding provision relies on (`defines`), and one that
/// narrows it (a restricting purpose, a condition: `limits`).
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Decides the status.
    #[default]
    Decides,
    /// Stands against the requirement (a lower age, a discouraged term).
    Contradicts,
    /// A definition the deciding provision uses.
    Defines,
    /// Narrows what the deciding provision covers.
    Limits,
}

impl Role {
    /// Its name in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Decides => "decides",
            Role::Contradicts => "contradicts",
            Role::Defines => "defines",
            Role::Limits => "limits",
        }
    }
}

/// One provision cited for a finding.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    /// The document.
    pub document: String,
    /// The provision's citation.
    pub citation: String,
    /// Its first line in the document.
    pub line: usize,
    /// The text around the decisive words.
    pub excerpt: String,
    /// The decisive words, as written.
    pub matched: Vec<String>,
    /// What it does for the finding.
    pub role: Role,
    /// What this provision shows, when it is not the main finding (a
    /// definition used, a contradicting provision).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How decisive it is (lower is better), to choose what a finding
    /// keeps; not part of the output.
    #[serde(skip)]
    pub rank: u32,
}

impl Evidence {
    /// The same evidence with a rank.
    pub fn ranked(mut self, rank: u32) -> Evidence {
        self.rank = rank;
        self
    }

    /// The same evidence with a role.
    pub fn with_role(mut self, role: Role) -> Evidence {
        self.role = role;
        self
    }
}

impl Evidence {
    /// Evidence from hits (all in provision `prov`, or any that are).
    pub fn from_hits(doc: &DocFacts, prov: usize, hits: &[Hit], note: Option<String>) -> Evidence {
        let p = &doc.provs[prov];
        let mut matched: Vec<String> = Vec::new();
        let mut first_byte: Option<usize> = None;
        let mut last_byte = 0;
        for h in hits {
            if doc.prov_of(h.first()) != prov {
                continue;
            }
            let s = doc.hit_text(h);
            if !matched.contains(&s) {
                matched.push(s);
            }
            let b = doc.tokens[h.first()].start as usize;
            first_byte = Some(first_byte.map_or(b, |f: usize| f.min(b)));
            last_byte = last_byte.max(doc.tokens[h.last()].end as usize);
        }
        let first = first_byte.unwrap_or(0);
        Evidence {
            document: doc.path.clone(),
            citation: p.citation.clone(),
            line: p.line,
            excerpt: excerpt(&p.text, first, last_byte.max(first)),
            matched,
            role: Role::Decides,
            note,
            rank: 0,
        }
    }

    /// Evidence for a byte range of a provision's text (an age, a term).
    pub fn from_range(
        doc: &DocFacts,
        prov: usize,
        start: usize,
        end: usize,
        note: Option<String>,
    ) -> Evidence {
        let p = &doc.provs[prov];
        Evidence {
            document: doc.path.clone(),
            citation: p.citation.clone(),
            line: p.line,
            excerpt: excerpt(&p.text, start, end),
            matched: vec![p.text[start..end.min(p.text.len())].to_string()],
            role: Role::Decides,
            note,
            rank: 0,
        }
    }
}

/// Whether a text may be cut between `a` and `b` without splitting a word
/// or a grapheme: at white space in spaced scripts; between any two
/// characters of a script written without spaces (Han, kana), but never
/// before a combining mark, a joiner or a variation selector.
fn may_cut(a: char, b: char) -> bool {
    let joins = |c: char| {
        matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}'
            | '\u{fe00}'..='\u{fe0f}' | '\u{200c}' | '\u{200d}' | '\u{3099}' | '\u{309a}')
    };
    if joins(b) || a == '\u{200d}' {
        return false;
    }
    let unspaced = |c: char| {
        matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}'
            | '\u{20000}'..='\u{3ffff}')
    };
    a.is_whitespace() || b.is_whitespace() || unspaced(a) || unspaced(b)
}

/// How far (in characters) a cut moves to reach a word boundary.
const BOUNDARY_SLACK: usize = 40;

/// A window of a text holding the words at bytes `at..end` (as many of
/// them as fit), cut at word boundaries (grapheme boundaries in scripts
/// without spaces) and marked with `…` where cut.
pub fn excerpt(text: &str, at: usize, end: usize) -> String {
    // Only the characters near the words can be in the excerpt: a
    // provision of megabytes is read around them, not made into a list of
    // all its characters.
    const REACH: usize = 4 * (EXCERPT_CHARS + BOUNDARY_SLACK + 2);
    let at = at.min(text.len());
    let mut end = end.clamp(at, text.len());
    // Words running on past the reach show only their start (the window
    // begins at them and is full before they end): the rest is not read.
    if end - at > REACH {
        end = at + REACH;
        while !text.is_char_boundary(end) {
            end += 1;
        }
    }
    if text.len() <= 2 * REACH + (end - at) {
        return excerpt_of(text, at, end, false, false);
    }
    let mut from = at.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    excerpt_of(
        &text[from..to],
        at - from,
        end - from,
        !text[..from].trim().is_empty(),
        !text[to..].trim().is_empty(),
    )
}

/// [`excerpt`] of `text`, a window of a longer text when `before` or
/// `after` say that more of it comes before or after.
fn excerpt_of(text: &str, at: usize, end: usize, before: bool, after: bool) -> String {
    let lead = text.len() - text.trim_start().len();
    let text = text.trim();
    // Characters are counted (up to the words, in them, after them), and
    // listed only where the window and its slack can reach: within
    // `EXCERPT_CHARS + BOUNDARY_SLACK` of the words' first character.
    let boundary_from = |b: usize| {
        let mut b = b.min(text.len());
        while !text.is_char_boundary(b) {
            b += 1;
        }
        b
    };
    let center_byte = boundary_from(at.saturating_sub(lead));
    let end_byte = boundary_from(end.saturating_sub(lead)).max(center_byte);
    let center = text[..center_byte].chars().count();
    let last = center + text[center_byte..end_byte].chars().count();
    let n = last + text[end_byte..].chars().count();
    if n <= EXCERPT_CHARS && !before && !after {
        return text.to_string();
    }
    const NEAR: usize = EXCERPT_CHARS + BOUNDARY_SLACK + 2;
    // (Room for both sides at once: an iterator of characters tells no
    // length, and collecting grew the list by doubling.)
    let mut near: Vec<(usize, char)> = Vec::with_capacity(2 * NEAR);
    near.extend(text[..center_byte].char_indices().rev().take(NEAR));
    near.reverse();
    let base = center - near.len();
    near.extend(
        text[center_byte..]
            .char_indices()
            .take(NEAR)
            .map(|(b, c)| (center_byte + b, c)),
    );
    // The byte offset and character of character `i` of the text (`i` is
    // always within reach), and where character `i` starts.
    let char_at = |i: usize| near[i - base];
    let byte_of = |i: usize| if i < n { char_at(i).0 } else { text.len() };
    // A third of the window before the words, the rest after; when the
    // words run longer, start earlier so that they end inside.
    let mut start = center.saturating_sub(EXCERPT_CHARS / 3);
    if last > start + EXCERPT_CHARS {
        start = (last - EXCERPT_CHARS).min(center);
    }
    let mut stop = (start + EXCERPT_CHARS).min(n);
    start = stop.saturating_sub(EXCERPT_CHARS);
    let boundary = |i: usize| i == 0 || i >= n || may_cut(char_at(i - 1).1, char_at(i).1);
    // Inward first (the window stays within its size), outward when the
    // words leave no room.
    if !boundary(start) {
        start = (start..=center.min(start + BOUNDARY_SLACK))
            .find(|&i| boundary(i))
            .or_else(|| {
                (start.saturating_sub(BOUNDARY_SLACK)..start)
                    .rev()
                    .find(|&i| boundary(i))
            })
            .unwrap_or(start);
    }
    if !boundary(stop) {
        stop = (last.max(stop.saturating_sub(BOUNDARY_SLACK))..=stop)
            .rev()
            .find(|&i| boundary(i))
            .or_else(|| ((stop + 1)..=(stop + BOUNDARY_SLACK).min(n)).find(|&i| boundary(i)))
            .unwrap_or(stop);
    }
    let (from, to) = (byte_of(start), byte_of(stop));
    let mut out = String::with_capacity(to - from + 2 * '…'.len_utf8());
    if start > 0 || before {
        out.push('…');
    }
    out.push_str(text[from..to].trim());
    if stop < n || after {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`excerpt_of`] as it was written first: every character of the text
    /// listed.
    fn excerpt_listing_every_character(
        text: &str,
        at: usize,
        end: usize,
        before: bool,
        after: bool,
    ) -> String {
        let lead = text.len() - text.trim_start().len();
        let text = text.trim();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let n = chars.len();
        if n <= EXCERPT_CHARS && !before && !after {
            return text.to_string();
        }
        let center = chars.partition_point(|&(b, _)| b < at.saturating_sub(lead));
        let last = chars
            .partition_point(|&(b, _)| b < end.saturating_sub(lead))
            .max(center);
        let mut start = center.saturating_sub(EXCERPT_CHARS / 3);
        if last > start + EXCERPT_CHARS {
            start = (last - EXCERPT_CHARS).min(center);
        }
        let mut stop = (start + EXCERPT_CHARS).min(n);
        start = stop.saturating_sub(EXCERPT_CHARS);
        let boundary = |i: usize| i == 0 || i >= n || may_cut(chars[i - 1].1, chars[i].1);
        if !boundary(start) {
            start = (start..=center.min(start + BOUNDARY_SLACK))
                .find(|&i| boundary(i))
                .or_else(|| {
                    (start.saturating_sub(BOUNDARY_SLACK)..start)
                        .rev()
                        .find(|&i| boundary(i))
                })
                .unwrap_or(start);
        }
        if !boundary(stop) {
            stop = (last.max(stop.saturating_sub(BOUNDARY_SLACK))..=stop)
                .rev()
                .find(|&i| boundary(i))
                .or_else(|| ((stop + 1)..=(stop + BOUNDARY_SLACK).min(n)).find(|&i| boundary(i)))
                .unwrap_or(stop);
        }
        let from = chars[start].0;
        let to = chars.get(stop).map_or(text.len(), |&(b, _)| b);
        let mut out = String::new();
        if start > 0 || before {
            out.push('…');
        }
        out.push_str(text[from..to].trim());
        if stop < n || after {
            out.push('…');
        }
        out
    }

    #[test]
    fn the_characters_near_the_words_cut_as_all_of_them_do() {
        // Scripts with and without spaces, combining marks, joiners, wide
        // characters; texts shorter and longer than the window; the words
        // at the start, the middle and the end, short and longer than the
        // window, and places inside a character.
        let units = [
            "protection of the child ",
            "l’enfant protégé, ",
            "未成年人保护。",
            "e\u{301}te\u{301} ",
            "👩\u{200d}👧 ok ",
            "x",
        ];
        for unit in units {
            for reps in [1, 20, 60, 400] {
                let text = format!("  {}  ", unit.repeat(reps));
                let len = text.len();
                let places = [
                    0,
                    1,
                    3,
                    len / 3,
                    len / 2,
                    len / 2 + 1,
                    len - 5,
                    len - 1,
                    len,
                    len + 4,
                ];
                for &at in &places {
                    for extra in [0, 1, 7, 200, 1500, len] {
                        let end = at.saturating_add(extra);
                        for (before, after) in
                            [(false, false), (true, false), (false, true), (true, true)]
                        {
                            if text.trim().is_empty() {
                                continue;
                            }
                            assert_eq!(
                                excerpt_of(&text, at, end, before, after),
                                excerpt_listing_every_character(&text, at, end, before, after),
                                "{unit:?} ×{reps} at {at} end {end} {before} {after}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_long_text_is_cut_as_if_read_whole() {
        // The window read around the words gives the excerpt the whole
        // text gives (the reach covers the window and its slack).
        let word = "protection ";
        for (before, after) in [(2000, 2000), (10, 3000), (3000, 10), (500, 500)] {
            let text = format!(
                "{}KEY words{}",
                word.repeat(before),
                " donnée".repeat(after)
            );
            let at = text.find("KEY").unwrap();
            let whole = excerpt_of(&text, at, at + 9, false, false);
            assert_eq!(excerpt(&text, at, at + 9), whole, "{before} {after}");
        }
        // Words that run on past the window: the window starts at them.
        for unit in ["protection ", "未成年人保护", "🙂 ok "] {
            let text = format!("{}KEY{}", unit.repeat(3000), unit.repeat(3000));
            let at = text.find("KEY").unwrap();
            for end in [at + 2000, at + 9000, text.len()] {
                let whole = excerpt_of(&text, at, end, false, false);
                assert_eq!(excerpt(&text, at, end), whole, "{unit} {end}");
            }
        }
        let cn = "未成年人保护".repeat(2000);
        assert_eq!(
            excerpt(&cn, 6000, 6012),
            excerpt_of(&cn, 6000, 6012, false, false)
        );
    }

    #[test]
    fn short_texts_are_whole_and_long_ones_cut_around_the_words() {
        assert_eq!(excerpt("  short text ", 0, 0), "short text");
        let long = format!("{}KEY{}", "a ".repeat(300), " b".repeat(300));
        let k = long.find("KEY").unwrap();
        let e = excerpt(&long, k, k + 3);
        assert!(e.contains("KEY") && e.starts_with('…') && e.ends_with('…'));
        assert!(e.chars().count() <= EXCERPT_CHARS + 2);
        let cn = "未成年人".repeat(200);
        assert!(excerpt(&cn, 300, 312).chars().count() <= EXCERPT_CHARS + 2);
    }

    #[test]
    fn excerpts_start_and_end_at_word_boundaries_with_the_words_inside() {
        // Words of varied length, so a cut by count falls inside one.
        let words = [
            "distribution",
            "of",
            "material",
            "e-cigarette",
            "l’enfant",
            "is",
        ];
        let body: Vec<&str> = (0..200).map(|i| words[i % words.len()]).collect();
        let text = format!("{} punishable offence {}", body.join(" "), body.join(" "));
        let at = text.find("punishable").unwrap();
        let e = excerpt(&text, at, at + "punishable offence".len());
        assert!(e.contains("punishable offence"), "{e}");
        let inner = e.trim_start_matches('…').trim_end_matches('…');
        for w in [
            inner.split(' ').next().unwrap(),
            inner.split(' ').next_back().unwrap(),
        ] {
            assert!(
                words.contains(&w) || w == "punishable",
                "cut inside a word: {w:?}"
            );
        }
        assert!(e.chars().count() <= EXCERPT_CHARS + 2);
        // A long match is kept whole where it fits.
        let end = (at + 300..).find(|&i| text.is_char_boundary(i)).unwrap();
        let e = excerpt(&text, at, end);
        assert!(e.contains(&text[at..end]), "{e}");
    }

    #[test]
    fn unspaced_scripts_are_cut_between_graphemes_not_before_a_mark() {
        assert!(may_cut('未', '成') && !may_cut('e', '\u{301}') && !may_cut('a', 'b'));
        let text = format!("{}持有{}", "未成年人保护".repeat(60), "淫秽物品".repeat(60));
        let at = text.find("持有").unwrap();
        let e = excerpt(&text, at, at + "持有".len());
        assert!(e.contains("持有") && e.chars().count() <= EXCERPT_CHARS + 2);
    }
}
