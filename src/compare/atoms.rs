//! Units of alignment: the sections or articles of a statute (and its
//! preamble), each with its parts — its own text and one part per
//! first-level subdivision (subsection, paragraph, 款) with everything
//! below it. Group headings (parts, chapters) are not units: a section
//! keeps its identity when it moves to another chapter.

use serde::Serialize;

use super::sim::Profile;
use crate::parse::{Kind, Statute};

/// One part of a unit: a subsection with what is below it, or the unit's
/// own words before its first subsection.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// Its citation (`3(1)`, `第三条第二款`; the unit's own citation for
    /// the unit's own words).
    pub citation: String,
    /// First line in the source file.
    pub line: usize,
    /// The text, normalised.
    pub text: String,
    /// Prepared for comparison.
    #[serde(skip)]
    pub profile: Profile,
}

/// A section, an article or a preamble.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    /// The document it is in.
    pub document: String,
    /// Its citation (`12`, `第十二条`, `preamble`).
    pub citation: String,
    /// Its number as written (`12`, `九`), if any.
    pub number: Option<String>,
    /// Its heading, if any.
    pub heading: Option<String>,
    /// First line in the source file.
    pub line: usize,
    /// Whether it is the text before the first section or article.
    pub preamble: bool,
    /// Its parts, in order.
    pub parts: Vec<Part>,
    /// The whole text, prepared for comparison.
    #[serde(skip)]
    pub profile: Profile,
    /// The heading, prepared for comparison.
    #[serde(skip)]
    pub head: Profile,
}

impl Unit {
    /// The whole text of the unit (normalised parts joined by spaces).
    pub fn text(&self) -> String {
        self.parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The text of a provision and everything below it.
fn subtree_text(s: &Statute, id: usize) -> String {
    s.subtree(id)
        .filter(|&i| !s.provisions[i].kind.is_group())
        .map(|i| s.provisions[i].text.trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn part(citation: &str, line: usize, text: &str) -> Part {
    let profile = Profile::new(text);
    Part {
        citation: citation.to_string(),
        line,
        text: profile.norm.clone(),
        profile,
    }
}

/// The units of one statute, in document order. A statute without
/// sections or articles gives one unit per top-level provision.
pub fn units(s: &Statute) -> Vec<Unit> {
    let is_unit = |k: Kind| k.is_unit() || k == Kind::Preamble;
    let mut ids: Vec<usize> = (0..s.provisions.len())
        .filter(|&i| is_unit(s.provisions[i].kind))
        .filter(|&i| s.ancestors(i).all(|a| !s.provisions[a].kind.is_unit()))
        .collect();
    if ids.iter().all(|&i| s.provisions[i].kind == Kind::Preamble) {
        ids = (0..s.provisions.len())
            .filter(|&i| !s.provisions[i].kind.is_group())
            .filter(|&i| s.ancestors(i).all(|a| s.provisions[a].kind.is_group()))
            .collect();
    }
    ids.into_iter()
        .map(|id| {
            let p = &s.provisions[id];
            let preamble = p.kind == Kind::Preamble;
            let citation = if preamble {
                "preamble".to_string()
            } else {
                p.citation.clone()
            };
            let mut parts = Vec::new();
            if !p.text.trim().is_empty() {
                parts.push(part(&citation, p.line, &p.text));
            }
            for &c in &p.children {
                let child = &s.provisions[c];
                if child.kind.is_group() {
                    continue;
                }
                let text = subtree_text(s, c);
                if !text.is_empty() {
                    parts.push(part(&child.citation, child.line, &text));
                }
            }
            let heading = p.heading.clone().filter(|h| !h.trim().is_empty());
            let whole: Vec<&str> = parts.iter().map(|x| x.text.as_str()).collect();
            Unit {
                document: s.path.clone(),
                citation,
                number: if preamble { None } else { p.number.clone() },
                head: Profile::new(heading.as_deref().unwrap_or("")),
                heading,
                line: p.line,
                preamble,
                profile: Profile::new(&whole.join(" ")),
                parts,
            }
        })
        .collect()
}
