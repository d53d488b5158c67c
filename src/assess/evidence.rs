//! Evidence: a provision cited with its line, an excerpt around the words
//! that decided the finding, and those words.

use serde::Serialize;

use crate::extract::{DocFacts, Hit};

/// Characters an excerpt keeps at most.
pub const EXCERPT_CHARS: usize = 360;

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
}

impl Evidence {
    /// Evidence from hits (all in provision `prov`, or any that are).
    pub fn from_hits(doc: &DocFacts, prov: usize, hits: &[Hit], note: Option<String>) -> Evidence {
        let p = &doc.provs[prov];
        let mut matched: Vec<String> = Vec::new();
        let mut first_byte: Option<usize> = None;
        for h in hits {
            if doc.prov_of(h.first) != prov {
                continue;
            }
            let s = doc.hit_text(h);
            if !matched.contains(&s) {
                matched.push(s);
            }
            let b = doc.tokens[h.first].start as usize;
            first_byte = Some(first_byte.map_or(b, |f: usize| f.min(b)));
        }
        Evidence {
            document: doc.path.clone(),
            citation: p.citation.clone(),
            line: p.line,
            excerpt: excerpt(&p.text, first_byte.unwrap_or(0)),
            matched,
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
            excerpt: excerpt(&p.text, start),
            matched: vec![p.text[start..end.min(p.text.len())].to_string()],
            note,
            rank: 0,
        }
    }
}

/// A window of a text around byte `at`, cut at character boundaries and
/// marked with `…` where cut.
pub fn excerpt(text: &str, at: usize) -> String {
    let text = text.trim();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let center = chars.partition_point(|&(b, _)| b < at);
    let start = center.saturating_sub(EXCERPT_CHARS / 3);
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let start = end.saturating_sub(EXCERPT_CHARS);
    let from = chars[start].0;
    let to = chars.get(end).map_or(text.len(), |&(b, _)| b);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(text[from..to].trim());
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_whole_and_long_ones_cut_around_the_words() {
        assert_eq!(excerpt("  short text ", 0), "short text");
        let long = format!("{}KEY{}", "a ".repeat(300), " b".repeat(300));
        let e = excerpt(&long, long.find("KEY").unwrap());
        assert!(e.contains("KEY") && e.starts_with('…') && e.ends_with('…'));
        assert!(e.chars().count() <= EXCERPT_CHARS + 2);
        let cn = "未成年人".repeat(200);
        assert!(excerpt(&cn, 300).chars().count() <= EXCERPT_CHARS + 2);
    }
}
