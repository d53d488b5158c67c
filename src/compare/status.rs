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

/// One item of a pair of jurisdictions: the place of its first finding
/// on each side (`None` when the side has none) and what changed.
#[derive(Debug, Clone, Copy)]
pub struct Slot {
    /// Its first finding on the old side.
    pub old: Option<u32>,
    /// Its first finding on the new side.
    pub new: Option<u32>,
    /// What changed.
    pub change: Change,
}

/// The items of two jurisdictions in the order of the new side (then
/// items only the old side has), each with the first finding of it on
/// each side (the first of an item counts) and what changed. `renames`
/// maps old citations to new ones (empty when the sides are reports,
/// which hold no text to align).
pub fn slots(old: &JurisdictionIn, new: &JurisdictionIn, renames: &Renames) -> Vec<Slot> {
    // Each item's place in the list: one look-up per finding, whatever
    // the number of findings.
    let mut at: HashMap<&str, usize> = HashMap::with_capacity(new.findings.len());
    let mut v: Vec<Slot> = Vec::with_capacity(new.findings.len());
    let place = |k: usize| Some(u32::try_from(k).unwrap_or(u32::MAX));
    for (k, f) in new.findings.iter().enumerate() {
        at.entry(&f.item).or_insert_with(|| {
            v.push(Slot {
                old: None,
                new: place(k),
                change: Change::Unchanged,
            });
            v.len() - 1
        });
    }
    for (k, f) in old.findings.iter().enumerate() {
        match at.entry(&f.item) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let s = &mut v[*e.get()];
                s.old = s.old.or(place(k));
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(v.len());
                v.push(Slot {
                    old: place(k),
                    new: None,
                    change: Change::Unchanged,
                });
            }
        }
    }
    drop(at);
    v.shrink_to_fit();
    for s in &mut v {
        s.change = change(finding(old, s.old), finding(new, s.new), renames);
    }
    v
}

/// The finding at a place of a jurisdiction's findings.
pub fn finding(j: &JurisdictionIn, at: Option<u32>) -> Option<&FindingIn> {
    at.and_then(|k| j.findings.get(k as usize))
}

/// The citations of a finding alone, sorted (documents and lines differ
/// between drafts).
fn cites(f: Option<&FindingIn>) -> Vec<&str> {
    let mut v: Vec<&str> = f
        .map(|f| f.evidence.iter().map(|e| &*e.citation).collect())
        .unwrap_or_default();
    v.sort_unstable();
    v.dedup();
    v
}

/// What changed between an item's old and new finding.
fn change(o: Option<&FindingIn>, n: Option<&FindingIn>, renames: &Renames) -> Change {
    match (o.map(|f| f.status), n.map(|f| f.status)) {
        (Some(a), Some(b)) if b > a => Change::Gained,
        (Some(a), Some(b)) if b < a => Change::Lost,
        (None, Some(b)) if b != Status::NotMet => Change::Gained,
        (Some(a), None) if a != Status::NotMet => Change::Lost,
        _ if cites(o) != cites(n) => {
            let mut moved: Vec<Option<String>> =
                cites(o).into_iter().map(|c| renamed(c, renames)).collect();
            moved.sort_unstable();
            moved.dedup();
            let now: Vec<Option<String>> =
                cites(n).into_iter().map(|c| Some(c.to_string())).collect();
            if moved == now {
                Change::Renumbered
            } else {
                Change::ChangedEvidence
            }
        }
        _ => Change::Unchanged,
    }
}

/// One item of a pair of jurisdictions, made whole.
pub fn item_change(old: &JurisdictionIn, new: &JurisdictionIn, s: Slot) -> ItemChange {
    let (o, n) = (finding(old, s.old), finding(new, s.new));
    let id = n.or(o).map_or("", |f| &*f.item);
    ItemChange {
        item: id.to_string(),
        title: None,
        old_status: o.map(|f| f.status),
        new_status: n.map(|f| f.status),
        old_reviewed: o.is_some_and(FindingIn::reviewed),
        new_reviewed: n.is_some_and(FindingIn::reviewed),
        change: s.change,
        old_provisions: o.map(|f| cited(&f.evidence, old)).unwrap_or_default(),
        new_provisions: n.map(|f| cited(&f.evidence, new)).unwrap_or_default(),
    }
}

/// Item by item, in the order of [`slots`].
pub fn item_changes(
    old: &JurisdictionIn,
    new: &JurisdictionIn,
    renames: &Renames,
) -> Vec<ItemChange> {
    slots(old, new, renames)
        .into_iter()
        .map(|s| item_change(old, new, s))
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
