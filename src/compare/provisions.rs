//! From aligned groups to what the outputs show: for each group the old
//! and new units, what happened to them (unchanged, changed, added,
//! removed, split, merged), whether they were renumbered or moved, and a
//! redline of each part.

use serde::Serialize;

use super::align::{Group, longest_increasing};
use super::atoms::Unit;
use super::redline::{Op, Seg, redline};

/// What happened to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Same heading and text.
    Unchanged,
    /// Same unit, other words.
    Changed,
    /// Only in the new text.
    Added,
    /// Only in the old text.
    Removed,
    /// One old unit became several.
    Split,
    /// Several old units became one.
    Merged,
    /// Several old units became several new ones.
    Regrouped,
}

impl UnitKind {
    /// As written in the outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Unchanged => "unchanged",
            UnitKind::Changed => "changed",
            UnitKind::Added => "added",
            UnitKind::Removed => "removed",
            UnitKind::Split => "split",
            UnitKind::Merged => "merged",
            UnitKind::Regrouped => "regrouped",
        }
    }
}

/// A unit named in a change.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRef {
    /// Its document.
    pub document: String,
    /// Its citation.
    pub citation: String,
    /// Its heading.
    pub heading: Option<String>,
    /// Its first line.
    pub line: usize,
    /// The title of its document, when known.
    pub instrument: Option<String>,
}

/// A part (subsection) of a change.
#[derive(Debug, Clone, Serialize)]
pub struct PartChange {
    /// Old citation, if the part was in the old text.
    pub old: Option<String>,
    /// New citation, if the part is in the new text.
    pub new: Option<String>,
    /// unchanged, changed, added or removed.
    pub change: &'static str,
    /// The text with deletions and insertions marked.
    pub redline: Vec<Seg>,
    /// The id of its redline on the comparison page (`g3-2`: group 3,
    /// part 2).
    pub anchor: String,
}

/// One aligned group.
#[derive(Debug, Clone, Serialize)]
pub struct UnitChange {
    /// Old units.
    pub old: Vec<UnitRef>,
    /// New units.
    pub new: Vec<UnitRef>,
    /// What happened.
    pub kind: UnitKind,
    /// Its number changed.
    pub renumbered: bool,
    /// Its place among the other units changed.
    pub moved: bool,
    /// Text similarity of old and new (0–1).
    pub similarity: f64,
    /// The heading's redline, when it changed.
    pub heading_redline: Option<Vec<Seg>>,
    /// The parts.
    pub parts: Vec<PartChange>,
    /// The id of its row in the alignment table of the comparison page
    /// (`u3`); its redlines, when it has any, are under `g3`.
    pub anchor: String,
    /// When the sides hold several instruments: the title of the
    /// instrument this group starts (absent while the instrument stays
    /// the one of the group before).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instrument_start: Option<String>,
}

impl UnitChange {
    /// Old and new unit labels: `3`, `10+11`, `-`.
    pub fn labels(&self) -> (String, String) {
        let l = |v: &[UnitRef]| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.iter()
                    .map(|u| u.citation.as_str())
                    .collect::<Vec<_>>()
                    .join("+")
            }
        };
        (l(&self.old), l(&self.new))
    }

    /// The flags: `changed renumbered moved`.
    pub fn flags(&self) -> String {
        let mut f = vec![self.kind.as_str()];
        if self.renumbered {
            f.push("renumbered");
        }
        if self.moved {
            f.push("moved");
        }
        f.join(" ")
    }
}

fn unit_ref(u: &Unit) -> UnitRef {
    UnitRef {
        document: u.document.clone(),
        citation: u.citation.clone(),
        heading: u.heading.clone(),
        line: u.line,
        instrument: None,
    }
}

/// Groups whose order changed. The longest run of groups that keeps the
/// order stays in place; the others moved. When a group that moved
/// crosses only one other, the two swapped places and both are flagged.
fn moved_flags(groups: &[Group]) -> Vec<bool> {
    let both: Vec<usize> = (0..groups.len())
        .filter(|&g| !groups[g].old.is_empty() && !groups[g].new.is_empty())
        .collect();
    let mut by_old = both;
    by_old.sort_by_key(|&g| groups[g].old[0]);
    let seq: Vec<usize> = by_old.iter().map(|&g| groups[g].new[0]).collect();
    let mut moved = vec![false; groups.len()];
    for &g in &by_old {
        moved[g] = true;
    }
    for k in longest_increasing(&seq) {
        moved[by_old[k]] = false;
    }
    // The groups each one crosses (the other of the two is before it in
    // one text and after it in the other), counted in one sweep in old
    // order over a Fenwick tree of new places; when a group crosses just
    // one, that one is the latest-placed group seen before it (crossed
    // from the left) or the earliest-placed one after it.
    let n = by_old.len();
    let mut rank_of_new: Vec<usize> = (0..n).collect();
    rank_of_new.sort_by_key(|&k| groups[by_old[k]].new[0]);
    let mut rank = vec![0usize; n];
    for (r, &k) in rank_of_new.iter().enumerate() {
        rank[k] = r;
    }
    let mut tree = vec![0usize; n + 1];
    let mut suffix_min: Vec<Option<usize>> = vec![None; n + 1];
    for k in (0..n).rev() {
        suffix_min[k] = match suffix_min[k + 1] {
            Some(m) if rank[m] < rank[k] => Some(m),
            _ => Some(k),
        };
    }
    let mut partners: Vec<usize> = Vec::new();
    let mut prefix_max: Option<usize> = None;
    for k in 0..n {
        // Groups before it in old order placed before it in new order.
        let mut left_smaller = 0;
        let mut i = rank[k];
        while i > 0 {
            left_smaller += tree[i];
            i &= i - 1;
        }
        let left_greater = k - left_smaller;
        let right_smaller = rank[k] - left_smaller;
        if moved[by_old[k]] && left_greater + right_smaller == 1 {
            let other = if left_greater == 1 {
                prefix_max
            } else {
                suffix_min[k + 1]
            };
            partners.extend(other.map(|o| by_old[o]));
        }
        let mut i = rank[k] + 1;
        while i <= n {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
        if prefix_max.is_none_or(|m| rank[m] < rank[k]) {
            prefix_max = Some(k);
        }
    }
    for p in partners {
        moved[p] = true;
    }
    moved
}

fn numbers(units: &[Unit], ids: &[usize]) -> Vec<Option<String>> {
    ids.iter().map(|&i| units[i].number.clone()).collect()
}

/// What the outputs show of each group, in the order of the new text.
pub fn unit_changes(old: &[Unit], new: &[Unit], groups: &[Group]) -> Vec<UnitChange> {
    let moved = moved_flags(groups);
    groups
        .iter()
        .zip(moved)
        .map(|(g, moved)| {
            let parts: Vec<PartChange> = g
                .parts
                .iter()
                .map(|&(a, b)| {
                    let pa = a.map(|(u, p)| &old[u].parts[p]);
                    let pb = b.map(|(u, p)| &new[u].parts[p]);
                    let (change, redline) = match (pa, pb) {
                        (Some(x), Some(y)) if x.text == y.text => (
                            "unchanged",
                            vec![Seg {
                                op: Op::Equal,
                                text: y.text.clone(),
                            }],
                        ),
                        (Some(x), Some(y)) => ("changed", redline(&x.text, &y.text)),
                        (Some(x), None) => (
                            "removed",
                            vec![Seg {
                                op: Op::Delete,
                                text: x.text.clone(),
                            }],
                        ),
                        (None, Some(y)) => (
                            "added",
                            vec![Seg {
                                op: Op::Insert,
                                text: y.text.clone(),
                            }],
                        ),
                        (None, None) => ("unchanged", Vec::new()),
                    };
                    PartChange {
                        old: pa.map(|p| p.citation.clone()),
                        new: pb.map(|p| p.citation.clone()),
                        change,
                        redline,
                        anchor: String::new(),
                    }
                })
                .collect();
            let ho = g.old.first().and_then(|&i| old[i].heading.clone());
            let hn = g.new.first().and_then(|&j| new[j].heading.clone());
            let heading_changed = !g.old.is_empty() && !g.new.is_empty() && ho != hn;
            let text_changed = parts.iter().any(|p| p.change != "unchanged");
            let kind = match (g.old.len(), g.new.len()) {
                (0, _) => UnitKind::Added,
                (_, 0) => UnitKind::Removed,
                (1, 1) if text_changed || heading_changed => UnitKind::Changed,
                (1, 1) => UnitKind::Unchanged,
                (1, _) => UnitKind::Split,
                (_, 1) => UnitKind::Merged,
                _ => UnitKind::Regrouped,
            };
            let both = !g.old.is_empty() && !g.new.is_empty();
            UnitChange {
                old: g.old.iter().map(|&i| unit_ref(&old[i])).collect(),
                new: g.new.iter().map(|&j| unit_ref(&new[j])).collect(),
                kind,
                renumbered: both && numbers(old, &g.old) != numbers(new, &g.new),
                moved,
                similarity: (g.score * 1000.0).round() / 1000.0,
                heading_redline: heading_changed.then(|| {
                    redline(
                        &super::sim::normalize(ho.as_deref().unwrap_or("")),
                        &super::sim::normalize(hn.as_deref().unwrap_or("")),
                    )
                }),
                parts,
                anchor: String::new(),
                instrument_start: None,
            }
        })
        .collect()
}

/// Give every group and part its id on the comparison page (`u1`, `g1`,
/// `g1-2`, counted from 1 in the order of the groups), and return where
/// each provision's text is shown: per side (0 old, 1 new) and document,
/// citation → id of its redline when it has one, else of its group's
/// redlines, else of its row in the alignment table.
pub fn anchors(units: &mut [UnitChange]) -> Anchors {
    let mut out = Anchors::new();
    for (g, u) in units.iter_mut().enumerate() {
        let n = g + 1;
        u.anchor = format!("u{n}");
        let shown = u.kind != UnitKind::Unchanged;
        let group = if shown {
            format!("g{n}")
        } else {
            u.anchor.clone()
        };
        for (side, refs) in [(0u8, &u.old), (1u8, &u.new)] {
            for r in refs {
                out.entry((side, r.document.clone()))
                    .or_default()
                    .insert(r.citation.clone(), group.clone());
            }
        }
        let docs = |refs: &[UnitRef]| -> Vec<String> {
            let mut d: Vec<String> = refs.iter().map(|r| r.document.clone()).collect();
            d.dedup();
            d
        };
        let (old_docs, new_docs) = (docs(&u.old), docs(&u.new));
        for (k, p) in u.parts.iter_mut().enumerate() {
            p.anchor = format!("g{n}-{}", k + 1);
            let target = if shown && p.change != "unchanged" {
                p.anchor.clone()
            } else {
                group.clone()
            };
            for (side, cite, docs) in [(0u8, &p.old, &old_docs), (1u8, &p.new, &new_docs)] {
                let Some(c) = cite else { continue };
                for d in docs {
                    // A unit's own words carry the unit's citation: the
                    // unit's place is its redline section, not one part.
                    out.entry((side, d.clone()))
                        .or_default()
                        .entry(c.clone())
                        .or_insert_with(|| target.clone());
                }
            }
        }
    }
    out
}

/// Where provisions are shown: (side, document) → citation → id.
pub type Anchors =
    std::collections::HashMap<(u8, String), std::collections::HashMap<String, String>>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The flags as first written: every pair of groups compared.
    fn moved_all_pairs(groups: &[Group]) -> Vec<bool> {
        let both: Vec<usize> = (0..groups.len())
            .filter(|&g| !groups[g].old.is_empty() && !groups[g].new.is_empty())
            .collect();
        let mut by_old = both.clone();
        by_old.sort_by_key(|&g| groups[g].old[0]);
        let seq: Vec<usize> = by_old.iter().map(|&g| groups[g].new[0]).collect();
        let mut moved = vec![false; groups.len()];
        for &g in &by_old {
            moved[g] = true;
        }
        for k in longest_increasing(&seq) {
            moved[by_old[k]] = false;
        }
        let crosses = |a: usize, b: usize| {
            let (ga, gb) = (&groups[a], &groups[b]);
            (ga.old[0] < gb.old[0]) != (ga.new[0] < gb.new[0])
        };
        let partners: Vec<usize> = both
            .iter()
            .filter(|&&g| moved[g])
            .filter_map(|&g| {
                let crossed: Vec<usize> = both
                    .iter()
                    .copied()
                    .filter(|&h| h != g && crosses(g, h))
                    .collect();
                (crossed.len() == 1).then(|| crossed[0])
            })
            .collect();
        for p in partners {
            moved[p] = true;
        }
        moved
    }

    #[test]
    fn moved_flags_match_the_all_pairs_count() {
        // Permutations of old places, some groups one-sided.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            ((seed >> 33) as usize) % n
        };
        for round in 0..400 {
            let n = 1 + round % 12;
            let mut olds: Vec<usize> = (0..n).collect();
            // A few swaps: mostly in order, as drafts are.
            for _ in 0..next(4) {
                let (x, y) = (next(n), next(n));
                olds.swap(x, y);
            }
            let groups: Vec<Group> = olds
                .iter()
                .enumerate()
                .map(|(j, &o)| {
                    let one_sided = next(7) == 0;
                    Group {
                        old: if one_sided && next(2) == 0 {
                            vec![]
                        } else {
                            vec![o]
                        },
                        new: if one_sided { vec![] } else { vec![j] },
                        parts: Vec::new(),
                        score: 0.0,
                    }
                })
                .collect();
            assert_eq!(moved_flags(&groups), moved_all_pairs(&groups), "{groups:?}");
        }
    }
}
