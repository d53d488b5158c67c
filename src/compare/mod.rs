//! Compare two drafts: each side is a statute file, a folder of one
//! jurisdiction's instruments, or a report JSON. The result holds, per
//! checklist item, the old and new status with the provisions behind each,
//! and (when both sides are texts) the alignment of their provisions with
//! a redline of every change.

pub mod align;
pub mod atoms;
pub mod input;
pub mod provisions;
pub mod redline;
pub mod sim;
pub mod status;
pub mod summary;

use std::collections::BTreeMap;

use serde::Serialize;

use self::input::Side;
use self::provisions::UnitChange;
use self::status::{Change, ItemChange};
use crate::report::read::JurisdictionIn;

/// What was compared on one side.
#[derive(Debug, Clone, Serialize)]
pub struct SideInfo {
    /// The path given.
    pub path: String,
    /// `statutes` or `report`.
    pub input: &'static str,
    /// The jurisdictions found (by name, with their version).
    pub jurisdictions: Vec<String>,
    /// Its instruments, in order: their titles (front matter `title:`,
    /// else their first heading) and paths.
    pub instruments: Vec<Instrument>,
}

/// A document compared.
#[derive(Debug, Clone, Serialize)]
pub struct Instrument {
    /// Its title, else its file name.
    pub title: String,
    /// Its path.
    pub path: String,
}

/// The provisions of the two sides, aligned.
#[derive(Debug, Clone, Serialize)]
pub struct Alignment {
    /// Number of groups of each kind (`changed`, `split`, …).
    pub counts: BTreeMap<&'static str, usize>,
    /// Units renumbered.
    pub renumbered: usize,
    /// Units moved.
    pub moved: usize,
    /// The groups, in the order of the new text.
    pub units: Vec<UnitChange>,
}

/// One jurisdiction, old and new.
#[derive(Debug, Clone, Serialize)]
pub struct JurisdictionChange {
    /// Old jurisdiction (with version).
    pub old: String,
    /// New jurisdiction (with version).
    pub new: String,
    /// Old overall score (none when nothing of it could be assessed).
    pub old_score: Option<f64>,
    /// New overall score (none when nothing of it could be assessed).
    pub new_score: Option<f64>,
    /// Items gained.
    pub gained: Vec<String>,
    /// Items lost.
    pub lost: Vec<String>,
    /// Items whose status stayed but whose provisions changed.
    pub changed_evidence: Vec<String>,
    /// Items decided by the same provisions, renumbered.
    pub renumbered: Vec<String>,
    /// Items whose status and provisions stayed.
    pub unchanged: Vec<String>,
    /// Every item: those that changed first (lost, gained, changed
    /// evidence, renumbered), then the unchanged.
    pub items: Vec<ItemChange>,
}

/// A whole comparison (`compare.json`).
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Format version of this file.
    pub version: u32,
    /// The tool that wrote it.
    pub generator: String,
    /// The old side.
    pub old: SideInfo,
    /// The new side.
    pub new: SideInfo,
    /// The provision alignment (absent when a side is a report JSON).
    pub alignment: Option<Alignment>,
    /// Why there is no alignment, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alignment_note: Option<String>,
    /// Per jurisdiction, per item.
    pub jurisdictions: Vec<JurisdictionChange>,
    /// Jurisdictions on one side only.
    pub unpaired: Vec<String>,
    /// Jurisdictions of the old side that the new side lacks (a
    /// regression of every item they had).
    #[serde(skip)]
    pub old_only: Vec<String>,
}

impl Comparison {
    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }

    /// The pretty JSON of [`Comparison::to_json`], written as it is
    /// made: for a comparison of 10^6 items the text is never held whole.
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        use std::io::Write as _;
        let mut w = std::io::BufWriter::new(w);
        serde_json::to_writer_pretty(&mut w, self)?;
        w.write_all(b"\n")?;
        w.flush()
    }

    /// Every item that got worse: `jurisdiction ITEM old → new`.
    pub fn regressions(&self) -> Vec<String> {
        with_absent(
            &self.old_only,
            self.jurisdictions.iter().flat_map(|j| {
                j.items
                    .iter()
                    .filter(|i| i.change == Change::Lost)
                    .map(|i| regression(&j.new, &i.item, i.old_status, i.new_status))
            }),
        )
    }
}

/// The regressions of a comparison: every jurisdiction of the old side
/// absent from the new, then the items `lost`.
fn with_absent(old_only: &[String], lost: impl Iterator<Item = String>) -> Vec<String> {
    old_only
        .iter()
        .map(|j| format!("{j}: the whole jurisdiction is absent from the new side"))
        .chain(lost)
        .collect()
}

fn side_info(s: &Side) -> SideInfo {
    let mut seen = std::collections::HashSet::new();
    let instruments = s
        .jurisdictions
        .iter()
        .flat_map(|j| &j.documents)
        .filter(|d| seen.insert(d.path.clone()))
        .map(|d| Instrument {
            title: d
                .title
                .clone()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| {
                    std::path::Path::new(&*d.path)
                        .file_name()
                        .map_or(d.path.to_string(), |f| f.to_string_lossy().into_owned())
                }),
            path: d.path.to_string(),
        })
        .collect();
    SideInfo {
        path: s.path.clone(),
        input: if s.units.is_some() {
            "statutes"
        } else {
            "report"
        },
        jurisdictions: s.jurisdictions.iter().map(|j| j.label()).collect(),
        instruments,
    }
}

/// Name the documents of the groups by their titles, and mark where each
/// instrument starts when a side holds several.
fn name_instruments(units: &mut [provisions::UnitChange], old: &SideInfo, new: &SideInfo) {
    let title = |side: &SideInfo, path: &str| {
        side.instruments
            .iter()
            .find(|i| i.path == path)
            .map(|i| i.title.clone())
    };
    let several = old.instruments.len() > 1 || new.instruments.len() > 1;
    let mut current: Option<String> = None;
    for u in units {
        for r in &mut u.old {
            r.instrument = title(old, &r.document);
        }
        for r in &mut u.new {
            r.instrument = title(new, &r.document);
        }
        let here = u
            .new
            .first()
            .or(u.old.first())
            .and_then(|r| r.instrument.clone());
        if several && here.is_some() && here != current {
            u.instrument_start.clone_from(&here);
            current = here;
        }
    }
}

impl Comparison {
    /// Give each item its title (`title` looks it up in the model law).
    pub fn name_items(&mut self, title: &dyn Fn(&str) -> Option<String>) {
        for i in self.jurisdictions.iter_mut().flat_map(|j| &mut j.items) {
            i.title = title(&i.item);
        }
    }
}

/// Compare two loaded sides.
pub fn compare(old: &Side, new: &Side) -> Comparison {
    plan(old, new).comparison(&|_| None)
}

/// A comparison whose items are made one by one when they are written
/// ([`Plan::write_json`]) or all at once ([`Plan::comparison`]): per pair
/// of jurisdictions it holds only where each item's findings are and what
/// changed, so that two reports of 10^6 findings are compared in about
/// the memory of the reports.
#[derive(Debug)]
pub struct Plan<'a> {
    old: SideInfo,
    new: SideInfo,
    alignment: Option<Alignment>,
    alignment_note: Option<String>,
    anchors: provisions::Anchors,
    pairs: Vec<PairPlan<'a>>,
    unpaired: Vec<String>,
    old_only: Vec<String>,
}

/// A pair of jurisdictions and its items (lost, gained, other evidence,
/// renumbered, then the unchanged).
#[derive(Debug)]
struct PairPlan<'a> {
    old: &'a JurisdictionIn,
    new: &'a JurisdictionIn,
    slots: Vec<status::Slot>,
}

impl PairPlan<'_> {
    /// The ids of its items that changed so.
    fn ids(&self, c: Change) -> impl Iterator<Item = &str> {
        self.slots.iter().filter(move |s| s.change == c).map(|s| {
            status::finding(self.new, s.new)
                .or(status::finding(self.old, s.old))
                .map_or("", |f| &*f.item)
        })
    }
}

/// Each old citation under its new number, and the items of each pair of
/// jurisdictions in the order they are shown.
pub fn plan<'a>(old: &'a Side, new: &'a Side) -> Plan<'a> {
    let mut anchors = provisions::Anchors::new();
    let alignment = match (&old.units, &new.units) {
        (Some(a), Some(b)) => {
            let groups = align::align(a, b);
            let mut units = provisions::unit_changes(a, b, &groups);
            anchors = provisions::anchors(&mut units);
            let mut counts = BTreeMap::new();
            for u in &units {
                *counts.entry(u.kind.as_str()).or_insert(0) += 1;
            }
            Some(Alignment {
                counts,
                renumbered: units.iter().filter(|u| u.renumbered).count(),
                moved: units.iter().filter(|u| u.moved).count(),
                units,
            })
        }
        _ => None,
    };
    let alignment_note = alignment.is_none().then(|| {
        "a report JSON holds findings, not the statute text: provisions are not aligned and no redline is shown".to_string()
    });
    // Old citations under their new numbers: whole units that went into
    // one new unit (as they were, or merged), and their aligned parts.
    let mut renames = status::Renames::new();
    for u in alignment.iter().flat_map(|a| &a.units) {
        if let [n] = u.new.as_slice() {
            for o in &u.old {
                renames.insert(o.citation.clone(), n.citation.clone());
            }
        }
        for p in &u.parts {
            if let (Some(o), Some(n)) = (&p.old, &p.new) {
                renames.insert(o.clone(), n.clone());
            }
        }
    }
    let (pairs, unpaired) = status::pair_jurisdictions(&old.jurisdictions, &new.jurisdictions);
    let paired: std::collections::HashSet<*const _> =
        pairs.iter().map(|(o, _)| std::ptr::from_ref(*o)).collect();
    let old_only: Vec<String> = old
        .jurisdictions
        .iter()
        .filter(|o| !paired.contains(&std::ptr::from_ref(*o)))
        .map(|o| o.label())
        .collect();
    let pairs = pairs
        .into_iter()
        .map(|(o, n)| {
            let mut slots = status::slots(o, n, &renames);
            // What changed first: lost, gained, other evidence, renumbered,
            // then the unchanged (each in checklist order).
            slots.sort_by_key(|s| s.change.rank());
            PairPlan {
                old: o,
                new: n,
                slots,
            }
        })
        .collect();
    let (old_info, new_info) = (side_info(old), side_info(new));
    let mut alignment = alignment;
    if let Some(a) = alignment.as_mut() {
        name_instruments(&mut a.units, &old_info, &new_info);
    }
    Plan {
        old: old_info,
        new: new_info,
        alignment,
        alignment_note,
        anchors,
        pairs,
        unpaired,
        old_only,
    }
}

/// `compare.json`'s version.
const VERSION: u32 = 1;

fn generator() -> String {
    format!("lexalign {}", env!("CARGO_PKG_VERSION"))
}

/// An item that got worse, as `--fail-on-regression` names it.
fn regression(
    jurisdiction: &str,
    item: &str,
    old: Option<crate::checklist::Status>,
    new: Option<crate::checklist::Status>,
) -> String {
    let st = |s: Option<crate::checklist::Status>| s.map_or("absent", |s| s.as_str());
    format!("{jurisdiction} {item} {} -> {}", st(old), st(new))
}

impl Plan<'_> {
    /// One item made whole: its provisions linked to where their text is
    /// shown, its title from `title`.
    fn item(
        &self,
        p: &PairPlan,
        s: status::Slot,
        title: &dyn Fn(&str) -> Option<String>,
    ) -> ItemChange {
        let mut i = status::item_change(p.old, p.new, s);
        // Each cited provision linked to where its text is shown.
        for (side, cited) in [(0u8, &mut i.old_provisions), (1u8, &mut i.new_provisions)] {
            for c in cited.iter_mut() {
                c.anchor = self
                    .anchors
                    .get(&(side, c.document.to_string()))
                    .and_then(|m| status::deepest(&c.citation, |k| m.get(k)))
                    .cloned();
            }
        }
        i.title = title(&i.item);
        i
    }

    /// The whole comparison, every item made (`title` names them).
    pub fn comparison(self, title: &dyn Fn(&str) -> Option<String>) -> Comparison {
        let jurisdictions = self
            .pairs
            .iter()
            .map(|p| {
                let ids = |c: Change| -> Vec<String> { p.ids(c).map(str::to_string).collect() };
                JurisdictionChange {
                    old: p.old.label(),
                    new: p.new.label(),
                    old_score: p.old.score,
                    new_score: p.new.score,
                    gained: ids(Change::Gained),
                    lost: ids(Change::Lost),
                    changed_evidence: ids(Change::ChangedEvidence),
                    renumbered: ids(Change::Renumbered),
                    unchanged: ids(Change::Unchanged),
                    items: p.slots.iter().map(|&s| self.item(p, s, title)).collect(),
                }
            })
            .collect();
        Comparison {
            version: VERSION,
            generator: generator(),
            old: self.old,
            new: self.new,
            alignment: self.alignment,
            alignment_note: self.alignment_note,
            jurisdictions,
            unpaired: self.unpaired,
            old_only: self.old_only,
        }
    }

    /// The pretty JSON of [`Comparison::write_json`] (items named by
    /// `title`), each item made as it is written: the comparison of two
    /// reports of 10^6 findings is never held whole.
    pub fn write_json(
        &self,
        w: impl std::io::Write,
        title: &dyn Fn(&str) -> Option<String>,
    ) -> std::io::Result<()> {
        use std::io::Write as _;
        let mut w = std::io::BufWriter::new(w);
        let out = out::ComparisonOut {
            version: VERSION,
            generator: generator(),
            old: &self.old,
            new: &self.new,
            alignment: self.alignment.as_ref(),
            alignment_note: self.alignment_note.as_ref(),
            jurisdictions: out::Pairs { plan: self, title },
            unpaired: &self.unpaired,
        };
        serde_json::to_writer_pretty(&mut w, &out)?;
        w.write_all(b"\n")?;
        w.flush()
    }

    /// Every item that got worse, as [`Comparison::regressions`] names them.
    pub fn regressions(&self) -> Vec<String> {
        with_absent(
            &self.old_only,
            self.pairs.iter().flat_map(|p| {
                let new = p.new.label();
                p.slots
                    .iter()
                    .filter(|s| s.change == Change::Lost)
                    .map(move |s| {
                        let (o, n) = (status::finding(p.old, s.old), status::finding(p.new, s.new));
                        let id = n.or(o).map_or("", |f| &*f.item);
                        regression(&new, id, o.map(|f| f.status), n.map(|f| f.status))
                    })
            }),
        )
    }
}

/// The shapes [`Plan::write_json`] writes: those of [`Comparison`] with
/// its items made as they are written.
mod out {
    use serde::ser::{Serialize, SerializeSeq, Serializer};

    use super::{Alignment, Change, PairPlan, Plan, SideInfo};

    #[derive(serde::Serialize)]
    pub(super) struct ComparisonOut<'p> {
        pub version: u32,
        pub generator: String,
        pub old: &'p SideInfo,
        pub new: &'p SideInfo,
        pub alignment: Option<&'p Alignment>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub alignment_note: Option<&'p String>,
        pub jurisdictions: Pairs<'p>,
        pub unpaired: &'p [String],
    }

    pub(super) struct Pairs<'p> {
        pub plan: &'p Plan<'p>,
        pub title: &'p dyn Fn(&str) -> Option<String>,
    }

    impl Serialize for Pairs<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.plan.pairs.iter().map(|p| JurisdictionOut {
                old: p.old.label(),
                new: p.new.label(),
                old_score: p.old.score,
                new_score: p.new.score,
                gained: Ids(p, Change::Gained),
                lost: Ids(p, Change::Lost),
                changed_evidence: Ids(p, Change::ChangedEvidence),
                renumbered: Ids(p, Change::Renumbered),
                unchanged: Ids(p, Change::Unchanged),
                items: Items {
                    plan: self.plan,
                    pair: p,
                    title: self.title,
                },
            }))
        }
    }

    #[derive(serde::Serialize)]
    struct JurisdictionOut<'p> {
        old: String,
        new: String,
        old_score: Option<f64>,
        new_score: Option<f64>,
        gained: Ids<'p>,
        lost: Ids<'p>,
        changed_evidence: Ids<'p>,
        renumbered: Ids<'p>,
        unchanged: Ids<'p>,
        items: Items<'p>,
    }

    /// The ids of the items of a pair that changed so.
    struct Ids<'p>(&'p PairPlan<'p>, Change);

    impl Serialize for Ids<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.ids(self.1))
        }
    }

    /// The items of a pair, each made as it is written.
    struct Items<'p> {
        plan: &'p Plan<'p>,
        pair: &'p PairPlan<'p>,
        title: &'p dyn Fn(&str) -> Option<String>,
    }

    impl Serialize for Items<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(self.pair.slots.len()))?;
            for &slot in &self.pair.slots {
                seq.serialize_element(&self.plan.item(self.pair, slot, self.title))?;
            }
            seq.end()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::read::parse_report;

    fn side(path: &str, text: &str) -> Side {
        Side {
            path: path.to_string(),
            units: None,
            jurisdictions: parse_report(path, text.as_bytes()).unwrap().jurisdictions,
        }
    }

    #[test]
    fn the_json_written_item_by_item_is_the_comparison_made_whole() {
        let old = side(
            "old.json",
            r#"{"version": 2, "jurisdictions": [
            {"jurisdiction": "ke", "version": "1", "score": 0.5, "documents": [{"path": "a.md", "title": "Act"}],
             "findings": [
               {"item": "A", "status": "met", "evidence": [{"document": "a.md", "citation": "3(1)", "line": 4}]},
               {"item": "B", "status": "partial", "review": {"status": "partial", "stale": false}},
               {"item": "A", "status": "not_met"},
               {"item": "C", "status": "met"},
               {"item": "D", "status": "not_met"}]},
            {"jurisdiction": "ug", "score": null, "findings": [{"item": "A", "status": "met"}]}]}"#,
        );
        let new = side(
            "new.json",
            r#"{"version": 2, "jurisdictions": [
            {"jurisdiction": "ke", "version": "1", "score": 0.7, "findings": [
               {"item": "E", "status": "partial"},
               {"item": "A", "status": "met", "evidence": [{"document": "a.md", "citation": "4(1)", "line": 5}]},
               {"item": "B", "status": "met", "review": {"status": "met", "stale": true}},
               {"item": "C", "status": "met"}]},
            {"jurisdiction": "tz", "score": 0.1, "findings": []}]}"#,
        );
        let title = |id: &str| (id == "A").then(|| "Item A".to_string());
        let mut whole = compare(&old, &new);
        whole.name_items(&title);
        let mut a = Vec::new();
        whole.write_json(&mut a).unwrap();
        let p = plan(&old, &new);
        let mut b = Vec::new();
        p.write_json(&mut b, &title).unwrap();
        assert_eq!(String::from_utf8(b).unwrap(), String::from_utf8(a).unwrap());
        assert_eq!(p.regressions(), whole.regressions());
        assert!(!p.regressions().is_empty());
    }
}
