//! Item status changes between two assessments: per checklist item, the
//! old and new status and the provisions that decided each. The same
//! whether the two sides were read from statutes or from report JSON.

use serde::Serialize;

use crate::checklist::Status;
use crate::report::read::{EvidenceIn, JurisdictionIn};

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
    /// Same status, same citations.
    Unchanged,
}

impl Change {
    /// As written in the outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Gained => "gained",
            Change::Lost => "lost",
            Change::ChangedEvidence => "changed evidence",
            Change::Unchanged => "unchanged",
        }
    }
}

/// A provision cited for an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cited {
    /// The document.
    pub document: String,
    /// Its citation.
    pub citation: String,
    /// Its line.
    pub line: usize,
}

/// One item, old and new.
#[derive(Debug, Clone, Serialize)]
pub struct ItemChange {
    /// Item id.
    pub item: String,
    /// Status before (absent when the old side did not assess the item).
    pub old_status: Option<Status>,
    /// Status after.
    pub new_status: Option<Status>,
    /// What changed.
    pub change: Change,
    /// The provisions cited before.
    pub old_provisions: Vec<Cited>,
    /// The provisions cited after.
    pub new_provisions: Vec<Cited>,
}

fn cited(e: &[EvidenceIn]) -> Vec<Cited> {
    let mut v: Vec<Cited> = e
        .iter()
        .map(|e| Cited {
            document: e.document.clone(),
            citation: e.citation.clone(),
            line: e.line,
        })
        .collect();
    v.dedup();
    v
}

/// The citations alone, sorted (documents and lines differ between drafts).
fn citations(c: &[Cited]) -> Vec<&str> {
    let mut v: Vec<&str> = c.iter().map(|c| c.citation.as_str()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Item by item, in the order of the new side (then items only the old
/// side has).
pub fn item_changes(old: &JurisdictionIn, new: &JurisdictionIn) -> Vec<ItemChange> {
    let mut ids: Vec<&str> = new.findings.iter().map(|f| f.item.as_str()).collect();
    for f in &old.findings {
        if !ids.contains(&f.item.as_str()) {
            ids.push(&f.item);
        }
    }
    ids.into_iter()
        .map(|id| {
            let o = old.findings.iter().find(|f| f.item == id);
            let n = new.findings.iter().find(|f| f.item == id);
            let old_provisions = o.map(|f| cited(&f.evidence)).unwrap_or_default();
            let new_provisions = n.map(|f| cited(&f.evidence)).unwrap_or_default();
            let (os, ns) = (o.map(|f| f.status), n.map(|f| f.status));
            let change = match (os, ns) {
                (Some(a), Some(b)) if b > a => Change::Gained,
                (Some(a), Some(b)) if b < a => Change::Lost,
                (None, Some(b)) if b != Status::NotMet => Change::Gained,
                (Some(a), None) if a != Status::NotMet => Change::Lost,
                _ if citations(&old_provisions) != citations(&new_provisions) => {
                    Change::ChangedEvidence
                }
                _ => Change::Unchanged,
            };
            ItemChange {
                item: id.to_string(),
                old_status: os,
                new_status: ns,
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
    let mut pairs = Vec::new();
    let mut unpaired = Vec::new();
    for o in old {
        let same_name: Vec<&JurisdictionIn> = new
            .iter()
            .filter(|n| n.jurisdiction == o.jurisdiction)
            .collect();
        let n = same_name
            .iter()
            .find(|n| n.version == o.version)
            .or(same_name.first());
        match n {
            Some(n) => pairs.push((o, *n)),
            None => unpaired.push(format!("{} (old only)", o.label())),
        }
    }
    for n in new {
        if !old.iter().any(|o| o.jurisdiction == n.jurisdiction) {
            unpaired.push(format!("{} (new only)", n.label()));
        }
    }
    (pairs, unpaired)
}
