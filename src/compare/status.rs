//! Item status changes between two assessments: per checklist item, the
//! old and new status and the provisions that decided each. The same
//! whether the two sides were read from statutes or from report JSON.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::checklist::Status;
use crate::report::read::{EvidenceIn, FindingIn, JurisdictionIn};

/// How an item's finding changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The status got better.
    Gained,
    /// The status got worse.
    Lost,
    /// Same status, other provisions cited.
    ChangedEvidence,
    /// Same status, the same provisions under their new numbers.
    Renumbered,
    /// Same status, same citations.
    Unchanged,
}

impl Change {
    /// Place in the list of items: lost protections first, then gains,
    /// then the same status from other or renumbered provisions, and the
    /// unchanged last.
    pub fn rank(self) -> u8 {
        match self {
            Change::Lost => 0,
            Change::Gained => 1,
            Change::ChangedEvidence => 2,
            Change::Renumbered => 3,
            Change::Unchanged => 4,
        }
    }

    /// As written in the outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Gained => "gained",
            Change::Lost => "lost",
            Change::ChangedEvidence => "changed evidence",
            Change::Renumbered => "renumbered",
            Change::Unchanged => "unchanged",
        }
    }
}

/// A provision cited for an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cited {
    /// The document.
    pub document: std::sync::Arc<str>,
    /// Its citation.
    pub citation: std::sync::Arc<str>,
    /// Its line.
    pub line: usize,
    /// The title of its document, when the document has one.
    pub instrument: Option<String>,
    /// The id of the row of the comparison page that shows its text (its
    /// redline, else its provision in the alignment table); absent when
    /// the sides were reports, which hold no text.
    pub anchor: Option<String>,
}

/// One item, old and new.
#[derive(Debug, Clone, Serialize)]
pub struct ItemChange {
    /// Item id.
    pub item: String,
    /// Its title in the model law, when the model law has the item.
    pub title: Option<String>,
    /// Status before (absent when the old side did not assess the item).
    pub old_status: Option<Status>,
    /// Status after.
    pub new_status: Option<Status>,
    /// What changed.
    pub change: Change,
    /// The old status is a reviewer's decision (absent when not).
    #[serde(skip_serializing_if = "is_false")]
    pub old_reviewed: bool,
    /// The new status is a reviewer's decision (absent when not).
    #[serde(skip_serializing_if = "is_false")]
    pub new_reviewed: bool,
    /// The provisions cited before.
    pub old_provisions: Vec<Cited>,
    /// The provisions cited after.
    pub new_provisions: Vec<Cited>,
}

fn is_false(b: &bool) -> bool {
    !b
}

fn cited(e: &[EvidenceIn], j: &JurisdictionIn) -> Vec<Cited> {
    let mut v: Vec<Cited> = e
        .iter()
        .map(|e| Cited {
            document: e.document.clone(),
            citation: e.citation.clone(),
            line: e.line,
            instrument: j.title_of(&e.document).map(str::to_string),
            anchor: None,
        })
        .collect();
    v.dedup();
    v
}

/// The citations alone, sorted (documents and lines differ between drafts).
fn citations(c: &[Cited]) -> Vec<&str> {
    let mut v: Vec<&str> = c.iter().map(|c| &*c.citation).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Old citations → new ones, from the provision alignment.
pub type Renames = std::collections::BTreeMap<String, String>;

/// An old citation under its new number: itself, or the deepest aligned
/// provision it lies in with the rest kept (`3(1)(a)` → `4(1)(a)` when
/// `3(1)` became `4(1)`).
fn renamed(citation: &str, renames: &Renames) -> Option<String> {
    // The longest old citation that is a prefix of this one and joins it:
    // one look-up per prefix, longest first, rather than a scan of every
    // rename.
    let ends = citation
        .char_indices()
        .map(|(i, _)| i)
        .chain([citation.len()]);
    let mut ends: Vec<usize> = ends.collect();
    ends.reverse();
    for end in ends {
        let (old, rest) = citation.split_at(end);
        let Some(new) = renames.get(old) else {
            continue;
        };
        if joins(old, rest) {
            return Some(format!("{new}{rest}"));
        }
    }
    None
}

/// Whether `rest` continues the citation `head` as a part of it: `3` is
/// not a part of `31`; `3(1)` and `3 (a)` are parts of `3`, `第九条第二款`
/// of `第九条`.
pub fn joins(head: &str, rest: &str) -> bool {
    rest.is_empty()
        || rest.starts_with(['(', ' '])
        || (!head.ends_with(|c: char| c.is_ascii_alphanumeric())
            && !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
}

/// The value of the longest key of `map` that is `citation` or a
/// citation it is part of ([`joins`]); one look-up per prefix.
pub fn deepest<'m, V>(citation: &str, key: impl Fn(&str) -> Option<&'m V>) -> Option<&'m V> {
    let mut ends: Vec<usize> = citation.char_indices().map(|(i, _)| i).skip(1).collect();
    ends.push(citation.len());
    ends.into_iter().rev().find_map(|end| {
        let (head, rest) = citation.split_at(end);
        if joins(head, rest) { key(head) } else { None }
    })
}

/// A jurisdiction's findings by item (the first of an item counts).
fn by_item(j: &JurisdictionIn) -> HashMap<&str, &FindingIn> {
    let mut m: HashMap<&str, &FindingIn> = HashMap::with_capacity(j.findings.len());
    for f in &j.findings {
        m.entry(&*f.item).or_insert(f);
    }
    m
}

/// Item by item, in the order of the new side (then items only the old
/// side has). `renames` maps old citations to new ones (empty when the
/// sides are reports, which hold no text to align).
pub fn item_changes(
    old: &JurisdictionIn,
    new: &JurisdictionIn,
    renames: &Renames,
) -> Vec<ItemChange> {
    // Each side's findings by item (the first of an item counts): one
    // look-up per item, whatever the number of findings.
    let (old_by, new_by) = (by_item(old), by_item(new));
    let mut seen: HashSet<&str> = HashSet::with_capacity(new.findings.len());
    let mut ids: Vec<&str> = new
        .findings
        .iter()
        .map(|f| &*f.item)
        .filter(|id| seen.insert(id))
        .collect();
    for f in &old.findings {
        if seen.insert(&*f.item) {
            ids.push(&f.item);
        }
    }
    ids.into_iter()
        .map(|id| {
            let o = old_by.get(id).copied();
            let n = new_by.get(id).copied();
            let old_provisions = o.map(|f| cited(&f.evidence, old)).unwrap_or_default();
            let new_provisions = n.map(|f| cited(&f.evidence, new)).unwrap_or_default();
            let (os, ns) = (o.map(|f| f.status), n.map(|f| f.status));
            let change = match (os, ns) {
                (Some(a), Some(b)) if b > a => Change::Gained,
                (Some(a), Some(b)) if b < a => Change::Lost,
                (None, Some(b)) if b != Status::NotMet => Change::Gained,
                (Some(a), None) if a != Status::NotMet => Change::Lost,
                _ if citations(&old_provisions) != citations(&new_provisions) => {
                    let mut moved: Vec<Option<String>> = citations(&old_provisions)
                        .into_iter()
                        .map(|c| renamed(c, renames))
                        .collect();
                    moved.sort_unstable();
                    moved.dedup();
                    let now: Vec<Option<String>> = citations(&new_provisions)
                        .into_iter()
                        .map(|c| Some(c.to_string()))
                        .collect();
                    if moved == now {
                        Change::Renumbered
                    } else {
                        Change::ChangedEvidence
                    }
                }
                _ => Change::Unchanged,
            };
            ItemChange {
                item: id.to_string(),
                title: None,
                old_status: os,
                new_status: ns,
                old_reviewed: o.is_some_and(FindingIn::reviewed),
                new_reviewed: n.is_some_and(FindingIn::reviewed),
                change,
                old_provisions,
                new_provisions,
            }
        })
        .collect()
}

/// Pairs of jurisdictions to compare: the only one on each side, else
/// those of the same name (and version). Unpaired ones are returned apart.
pub fn pair_jurisdictions<'a>(
    old: &'a [JurisdictionIn],
    new: &'a [JurisdictionIn],
) -> (Vec<(&'a JurisdictionIn, &'a JurisdictionIn)>, Vec<String>) {
    if old.len() == 1 && new.len() == 1 {
        return (vec![(&old[0], &new[0])], Vec::new());
    }
    // New jurisdictions by name, in order: one look-up per old one.
    let mut by_name: HashMap<&str, &JurisdictionIn> = HashMap::new();
    let mut by_version: HashMap<(&str, Option<&str>), &JurisdictionIn> = HashMap::new();
    for n in new {
        by_name.entry(n.jurisdiction.as_str()).or_insert(n);
        by_version
            .entry((n.jurisdiction.as_str(), n.version.as_deref()))
            .or_insert(n);
    }
    let old_names: HashSet<&str> = old.iter().map(|o| o.jurisdiction.as_str()).collect();
    let mut pairs = Vec::new();
    let mut unpaired = Vec::new();
    for o in old {
        let name = o.jurisdiction.as_str();
        let n = by_version
            .get(&(name, o.version.as_deref()))
            .or_else(|| by_name.get(name));
        match n {
            Some(n) => pairs.push((o, *n)),
            None => unpaired.push(format!("{} (old only)", o.label())),
        }
    }
    for n in new {
        if !old_names.contains(n.jurisdiction.as_str()) {
            unpaired.push(format!("{} (new only)", n.label()));
        }
    }
    (pairs, unpaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_follow_their_provisions() {
        let r: Renames = [
            ("3", "4"),
            ("3(1)", "4(1)"),
            ("3(2)", "5(1)"),
            ("第九条", "第十条"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(renamed("3(1)(a)", &r).as_deref(), Some("4(1)(a)"));
        assert_eq!(renamed("3(2)", &r).as_deref(), Some("5(1)"));
        assert_eq!(renamed("3(3)", &r).as_deref(), Some("4(3)"));
        assert_eq!(renamed("31", &r), None);
        assert_eq!(renamed("第九条第二款", &r).as_deref(), Some("第十条第二款"));
        let at = |c: &str| deepest(c, |k| r.get(k)).cloned();
        assert_eq!(at("3(2)(b)").as_deref(), Some("5(1)"));
        assert_eq!(at("3(9)").as_deref(), Some("4"));
        assert_eq!(at("3 (a)").as_deref(), Some("4"));
        assert_eq!(at("31"), None);
        assert_eq!(at("第九条第一款").as_deref(), Some("第十条"));
    }
}
