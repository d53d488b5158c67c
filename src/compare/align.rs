//! Alignment of two lists of units (old and new draft): which old section
//! became which new one, even when sections were renumbered, moved, split
//! or merged.
//!
//! 1. Units with the same text (long enough to be distinctive) are paired
//!    first; the longest run of those pairs that keeps the order is the
//!    set of *anchors*.
//! 2. The other units are scored pair by pair: text similarity, heading
//!    similarity, position between the anchors around them, same number.
//!    The best pairs above a floor are taken greedily, best first.
//! 3. A unit left over whose words are mostly inside a paired unit of the
//!    other side, and whose addition makes the pair more alike, joins that
//!    pair: a split (one old → several new) or a merge (several old → one).
//! 4. Inside each pair or group, parts (subsections) are aligned the same
//!    way.

use std::collections::{BTreeMap, VecDeque};

use super::atoms::{Part, Unit};
use super::sim::{Profile, similarity};

/// Pairs scoring below this are not the same provision. Chosen on the
/// corpus drafts: rewritten sections score above 0.5, unrelated sections
/// of one bill below 0.35.
pub const MIN_PAIR: f64 = 0.42;
/// A unit joins a pair as a split or merge when at least this share of
/// its words is in the other side of the pair.
pub const MIN_CONTAINED: f64 = 0.6;
/// Identical texts shorter than this many tokens ("Repealed.") are not
/// anchors: they say nothing about where a unit went.
pub const MIN_ANCHOR_TOKENS: u32 = 4;
/// Parts inside a group below this similarity are added and removed
/// rather than changed.
pub const MIN_PART: f64 = 0.3;
/// Above this many candidate pairs, only new units near the old unit's
/// place (between its anchors, with a margin) are scored, so a huge
/// statute is not compared all against all.
const MAX_PAIRS: usize = 1_000_000;
/// The margin, in units, around the anchors when pairs are limited.
const WINDOW_MARGIN: usize = 40;

/// A part: (unit index, part index).
pub type PartRef = (usize, usize);
/// An old part and its new counterpart (either may be absent).
pub type PartPair = (Option<PartRef>, Option<PartRef>);

/// Old units paired with new units: one group per pair, split or merge, or
/// a unit with no counterpart (one side empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Old units (indices), in order.
    pub old: Vec<usize>,
    /// New units (indices), in order.
    pub new: Vec<usize>,
    /// Aligned parts: (old unit, part) ↔ (new unit, part).
    pub parts: Vec<PartPair>,
    /// Similarity of the whole texts (1 when identical).
    pub score: f64,
}

/// Indices (into `seq`) of a longest strictly increasing subsequence;
/// ties keep the earliest elements.
pub fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; seq.len()];
    for (i, &v) in seq.iter().enumerate() {
        let pos = tails.partition_point(|&t| seq[t] < v);
        if pos > 0 {
            prev[i] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::new();
    let mut cur = tails.last().copied();
    while let Some(c) = cur {
        out.push(c);
        cur = (prev[c] != usize::MAX).then(|| prev[c]);
    }
    out.reverse();
    out
}

/// Score of old unit `o` against new unit `n` given their relative places.
fn pair_score(o: &Unit, n: &Unit, pos: f64) -> f64 {
    if o.preamble != n.preamble {
        return 0.0;
    }
    let text = similarity(&o.profile, &n.profile);
    let number = f64::from(u8::from(o.number.is_some() && o.number == n.number));
    let has_heads = o.head.len > 0 && n.head.len > 0;
    let mut score = if has_heads {
        0.65 * text + 0.2 * similarity(&o.head, &n.head) + 0.1 * pos + 0.05 * number
    } else {
        0.8 * text + 0.12 * pos + 0.08 * number
    };
    if o.preamble {
        score += 0.5;
    }
    score
}

/// Pair the identical texts; returns old → new.
fn identical(old: &[Unit], new: &[Unit]) -> BTreeMap<usize, usize> {
    let mut by_text: BTreeMap<&str, VecDeque<usize>> = BTreeMap::new();
    for (j, n) in new.iter().enumerate() {
        if n.profile.len >= MIN_ANCHOR_TOKENS {
            by_text
                .entry(n.profile.norm.as_str())
                .or_default()
                .push_back(j);
        }
    }
    let mut out = BTreeMap::new();
    for (i, o) in old.iter().enumerate() {
        if o.profile.len < MIN_ANCHOR_TOKENS {
            continue;
        }
        if let Some(js) = by_text.get_mut(o.profile.norm.as_str())
            && let Some(&j) = js.front()
            && new[j].preamble == o.preamble
        {
            js.pop_front();
            out.insert(i, j);
        }
    }
    out
}

/// For each old unit, where it should land in the new list: the open range
/// between the anchors around it, and its relative place in that range.
struct Places {
    /// (old index, new index) of the anchors, in order.
    anchors: Vec<(usize, usize)>,
    old_len: usize,
    new_len: usize,
}

impl Places {
    /// (lowest new index, highest new index + 1, relative place 0–1) of old `i`.
    fn window(&self, i: usize) -> (usize, usize, f64) {
        let k = self.anchors.partition_point(|&(o, _)| o < i);
        let (po, pn) = if k > 0 {
            (Some(self.anchors[k - 1].0), self.anchors[k - 1].1 + 1)
        } else {
            (None, 0)
        };
        let (no, nn) = self
            .anchors
            .get(k)
            .map_or((self.old_len, self.new_len), |&(o, n)| (o, n));
        let start = po.map_or(0, |p| p + 1);
        let rel = if no > start {
            (i - start) as f64 / (no - start) as f64
        } else {
            0.0
        };
        (pn, nn.max(pn), rel)
    }

    /// Closeness of new `j` to where old `i` should land (0–1).
    fn closeness(&self, i: usize, j: usize) -> f64 {
        let (lo, hi, rel) = self.window(i);
        if j < lo || j >= hi {
            return 0.0;
        }
        let rj = if hi - lo > 1 {
            (j - lo) as f64 / (hi - lo - 1) as f64
        } else {
            rel
        };
        1.0 - 0.5 * (rel - rj).abs()
    }
}

/// The bags of several units together.
fn combined<'a>(units: impl Iterator<Item = &'a Unit>) -> Profile {
    Profile::combine(units.map(|u| &u.profile))
}

/// Align old units with new units.
pub fn align(old: &[Unit], new: &[Unit]) -> Vec<Group> {
    let same = identical(old, new);
    let pairs: Vec<(usize, usize)> = same.iter().map(|(&o, &n)| (o, n)).collect();
    let seq: Vec<usize> = pairs.iter().map(|p| p.1).collect();
    let places = Places {
        anchors: longest_increasing(&seq)
            .into_iter()
            .map(|k| pairs[k])
            .collect(),
        old_len: old.len(),
        new_len: new.len(),
    };
    let mut old_to: Vec<Option<usize>> = vec![None; old.len()];
    let mut new_to: Vec<Option<usize>> = vec![None; new.len()];
    for &(o, n) in &pairs {
        old_to[o] = Some(n);
        new_to[n] = Some(o);
    }
    let free_old: Vec<usize> = (0..old.len()).filter(|&i| old_to[i].is_none()).collect();
    let free_new: Vec<usize> = (0..new.len()).filter(|&j| new_to[j].is_none()).collect();
    let limited = free_old.len() * free_new.len() > MAX_PAIRS;
    // When limited, each old unit is scored against the new units near
    // its place: those between its anchors (with a margin) and, when that
    // range is wide (few anchors, e.g. every section rewritten), only a
    // band around its relative place in it, so that the pairs scored stay
    // about MAX_PAIRS whatever the size.
    let band = (MAX_PAIRS / (2 * free_old.len().max(1))).max(WINDOW_MARGIN);
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for &i in &free_old {
        let (lo, hi, rel) = places.window(i);
        let range = if limited {
            let lo = lo.saturating_sub(WINDOW_MARGIN);
            let hi = hi + WINDOW_MARGIN;
            let at = lo + ((hi - lo) as f64 * rel) as usize;
            let (lo, hi) = (lo.max(at.saturating_sub(band)), hi.min(at + band));
            free_new.partition_point(|&j| j < lo)..free_new.partition_point(|&j| j <= hi)
        } else {
            0..free_new.len()
        };
        for &j in &free_new[range] {
            let s = pair_score(&old[i], &new[j], places.closeness(i, j));
            if s >= MIN_PAIR {
                cands.push((s, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in cands {
        if old_to[i].is_none() && new_to[j].is_none() {
            old_to[i] = Some(j);
            new_to[j] = Some(i);
        }
    }
    let mut groups: Vec<Group> = (0..old.len())
        .filter_map(|i| {
            old_to[i].map(|j| Group {
                old: vec![i],
                new: vec![j],
                parts: Vec::new(),
                score: 0.0,
            })
        })
        .collect();
    join_leftovers(old, new, &mut groups, &old_to, &new_to);
    let mut in_group_old = vec![false; old.len()];
    let mut in_group_new = vec![false; new.len()];
    for g in &groups {
        for &i in &g.old {
            in_group_old[i] = true;
        }
        for &j in &g.new {
            in_group_new[j] = true;
        }
    }
    for i in (0..old.len()).filter(|&i| !in_group_old[i]) {
        groups.push(Group {
            old: vec![i],
            new: Vec::new(),
            parts: Vec::new(),
            score: 0.0,
        });
    }
    for j in (0..new.len()).filter(|&j| !in_group_new[j]) {
        groups.push(Group {
            old: Vec::new(),
            new: vec![j],
            parts: Vec::new(),
            score: 0.0,
        });
    }
    for g in &mut groups {
        let a = combined(g.old.iter().map(|&i| &old[i]));
        let b = combined(g.new.iter().map(|&j| &new[j]));
        g.score = similarity(&a, &b);
        g.parts = align_parts(old, new, &g.old, &g.new);
    }
    order(groups)
}

/// Steps 3: leftovers that are a piece of a pair join it.
///
/// The bags of each group's sides are built once (and again for a group a
/// leftover joined). When leftovers × groups exceed [`MAX_PAIRS`], a
/// leftover is tried only against the groups holding a unit of its side
/// within [`WINDOW_MARGIN`] units of it: a piece split off a section sits
/// next to it.
fn join_leftovers(
    old: &[Unit],
    new: &[Unit],
    groups: &mut [Group],
    old_to: &[Option<usize>],
    new_to: &[Option<usize>],
) {
    for side_is_new in [true, false] {
        let (units, mine, other) = if side_is_new {
            (new, new_to, old)
        } else {
            (old, old_to, new)
        };
        let ours_of = |g: &Group| -> Vec<usize> {
            if side_is_new {
                g.new.clone()
            } else {
                g.old.clone()
            }
        };
        let theirs_of = |g: &Group| -> Vec<usize> {
            if side_is_new {
                g.old.clone()
            } else {
                g.new.clone()
            }
        };
        let them: Vec<Profile> = groups
            .iter()
            .map(|g| combined(theirs_of(g).iter().map(|&k| &other[k])))
            .collect();
        let mut ours: Vec<Profile> = groups
            .iter()
            .map(|g| combined(ours_of(g).iter().map(|&k| &units[k])))
            .collect();
        // The group holding each unit of our side.
        let mut owner: Vec<Option<usize>> = vec![None; units.len()];
        for (gi, g) in groups.iter().enumerate() {
            for k in ours_of(g) {
                owner[k] = Some(gi);
            }
        }
        let leftovers: Vec<usize> = (0..units.len()).filter(|&x| mine[x].is_none()).collect();
        let limited = leftovers.len() * groups.len() > MAX_PAIRS;
        for x in leftovers {
            if units[x].preamble {
                continue;
            }
            let near: Vec<usize> = if limited {
                let lo = x.saturating_sub(WINDOW_MARGIN);
                let hi = (x + WINDOW_MARGIN + 1).min(units.len());
                let mut v: Vec<usize> = owner[lo..hi].iter().flatten().copied().collect();
                v.sort_unstable();
                v.dedup();
                v
            } else {
                (0..groups.len()).collect()
            };
            let mut best: Option<(f64, usize)> = None;
            for gi in near {
                if units[x].profile.contained_in(&them[gi]) < MIN_CONTAINED {
                    continue;
                }
                let before = similarity(&ours[gi], &them[gi]);
                let after = similarity(
                    &Profile::combine([&ours[gi], &units[x].profile].into_iter()),
                    &them[gi],
                );
                let gain = after - before;
                if gain > 0.0 && best.is_none_or(|(b, _)| gain > b) {
                    best = Some((gain, gi));
                }
            }
            if let Some((_, gi)) = best {
                let side = if side_is_new {
                    &mut groups[gi].new
                } else {
                    &mut groups[gi].old
                };
                side.push(x);
                side.sort_unstable();
                ours[gi] = combined(ours_of(&groups[gi]).iter().map(|&k| &units[k]));
                owner[x] = Some(gi);
            }
        }
    }
}

/// Groups in the order of the new text; a removed unit comes right after
/// the group holding the old unit before it.
fn order(groups: Vec<Group>) -> Vec<Group> {
    let (mut kept, mut removed): (Vec<Group>, Vec<Group>) =
        groups.into_iter().partition(|g| !g.new.is_empty());
    kept.sort_by_key(|g| g.new[0]);
    removed.sort_by_key(|g| g.old.first().copied());
    let mut attached: Vec<Vec<Group>> = vec![Vec::new(); kept.len() + 1];
    // The kept group holding each old unit; then, for a removed unit, the
    // group of the nearest old unit before it (one pass, not a scan of
    // every group per removed unit).
    let old_len = kept
        .iter()
        .chain(&removed)
        .flat_map(|g| g.old.iter().map(|&o| o + 1))
        .max()
        .unwrap_or(0);
    let mut holder: Vec<Option<usize>> = vec![None; old_len];
    for (k, g) in kept.iter().enumerate() {
        for &o in &g.old {
            holder[o] = Some(k);
        }
    }
    // before[o]: the holder of the last old unit < o that has one.
    let mut before: Vec<Option<usize>> = vec![None; old_len + 1];
    for o in 0..old_len {
        before[o + 1] = holder[o].or(before[o]);
    }
    for r in removed {
        let ro = r.old.first().copied().unwrap_or(0).min(old_len);
        let pred = before[ro].map_or(0, |k| k + 1);
        attached[pred].push(r);
    }
    let mut attached = attached.into_iter();
    let mut out: Vec<Group> = attached.next().unwrap_or_default();
    for (g, after) in kept.into_iter().zip(attached) {
        out.push(g);
        out.extend(after);
    }
    out
}

fn part(units: &[Unit], (u, p): (usize, usize)) -> &Part {
    &units[u].parts[p]
}

/// Align the parts of the units of one group.
fn align_parts(old: &[Unit], new: &[Unit], og: &[usize], ng: &[usize]) -> Vec<PartPair> {
    let list = |units: &[Unit], g: &[usize]| -> Vec<(usize, usize)> {
        g.iter()
            .flat_map(|&u| (0..units[u].parts.len()).map(move |p| (u, p)))
            .collect()
    };
    let (a, b) = (list(old, og), list(new, ng));
    let mut a_to: Vec<Option<usize>> = vec![None; a.len()];
    let mut b_to: Vec<Option<usize>> = vec![None; b.len()];
    // Beyond MAX_PAIRS (a unit of thousands of subsections), each old part
    // is scored against the new parts around its relative place only.
    let limited = a.len() * b.len() > MAX_PAIRS;
    let band = (MAX_PAIRS / (2 * a.len().max(1))).max(WINDOW_MARGIN);
    let mut cands = Vec::new();
    for (x, &pa) in a.iter().enumerate() {
        let ys = if limited {
            let at = x * b.len() / a.len().max(1);
            at.saturating_sub(band)..(at + band + 1).min(b.len())
        } else {
            0..b.len()
        };
        for y in ys {
            let pb = b[y];
            let s = similarity(&part(old, pa).profile, &part(new, pb).profile);
            let rel = |k: usize, n: usize| k as f64 / n.max(1) as f64;
            let s = s + 0.05 * (1.0 - (rel(x, a.len()) - rel(y, b.len())).abs());
            if s >= MIN_PART {
                cands.push((s, x, y));
            }
        }
    }
    cands.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    for (_, x, y) in cands {
        if a_to[x].is_none() && b_to[y].is_none() {
            a_to[x] = Some(y);
            b_to[y] = Some(x);
        }
    }
    // The new parts in order; a removed part right after the old part
    // before it (which is either aligned, so placed with its new part, or
    // removed too and placed the same way), or first when none is.
    let mut first: Vec<PartPair> = Vec::new();
    let mut after: Vec<Vec<PartPair>> = vec![Vec::new(); b.len()];
    let mut anchor: Option<usize> = None;
    for (x, &pa) in a.iter().enumerate() {
        match a_to[x] {
            Some(y) => anchor = Some(y),
            None => match anchor {
                Some(y) => after[y].push((Some(pa), None)),
                None => first.push((Some(pa), None)),
            },
        }
    }
    let mut out = first;
    for (y, (&pb, rest)) in b.iter().zip(after).enumerate() {
        out.push((b_to[y].map(|x| a[x]), Some(pb)));
        out.extend(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_increasing_keeps_order() {
        let s = [0, 1, 5, 2, 3, 4];
        let idx = longest_increasing(&s);
        assert_eq!(
            idx.iter().map(|&i| s[i]).collect::<Vec<_>>(),
            vec![0, 1, 2, 3, 4]
        );
        assert!(longest_increasing(&[]).is_empty());
    }
}
