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
        let st = |s: Option<crate::checklist::Status>| s.map_or("absent", |s| s.as_str());
        let gone = self
            .old_only
            .iter()
            .map(|j| format!("{j}: the whole jurisdiction is absent from the new side"));
        gone.chain(self.jurisdictions.iter().flat_map(|j| {
            j.items
                .iter()
                .filter(|i| i.change == Change::Lost)
                .map(|i| {
                    format!(
                        "{} {} {} -> {}",
                        j.new,
                        i.item,
                        st(i.old_status),
                        st(i.new_status)
                    )
                })
        }))
        .collect()
    }
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
    let jurisdictions = pairs
        .into_iter()
        .map(|(o, n)| {
            let mut items = status::item_changes(o, n, &renames);
            // Each cited provision linked to where its text is shown.
            for i in &mut items {
                for (side, cited) in [(0u8, &mut i.old_provisions), (1u8, &mut i.new_provisions)] {
                    for c in cited.iter_mut() {
                        c.anchor = anchors
                            .get(&(side, c.document.to_string()))
                            .and_then(|m| status::deepest(&c.citation, |k| m.get(k)))
                            .cloned();
                    }
                }
            }
            // What changed first: lost, gained, other evidence, renumbered,
            // then the unchanged (each in checklist order).
            items.sort_by_key(|i| i.change.rank());
            let ids = |c: Change| -> Vec<String> {
                items
                    .iter()
                    .filter(|i| i.change == c)
                    .map(|i| i.item.clone())
                    .collect()
            };
            JurisdictionChange {
                old: o.label(),
                new: n.label(),
                old_score: o.score,
                new_score: n.score,
                gained: ids(Change::Gained),
                lost: ids(Change::Lost),
                changed_evidence: ids(Change::ChangedEvidence),
                renumbered: ids(Change::Renumbered),
                unchanged: ids(Change::Unchanged),
                items,
            }
        })
        .collect();
    let (old_info, new_info) = (side_info(old), side_info(new));
    let mut alignment = alignment;
    if let Some(a) = alignment.as_mut() {
        name_instruments(&mut a.units, &old_info, &new_info);
    }
    Comparison {
        version: 1,
        generator: format!("lexalign {}", env!("CARGO_PKG_VERSION")),
        old: old_info,
        new: new_info,
        alignment,
        alignment_note,
        jurisdictions,
        unpaired,
        old_only,
    }
}
