//! Concepts found together: the smallest stretches of text that hold a hit
//! of every group, no wider than a window, inside one sentence (or one
//! section). A heading labels every sentence below it, so a hit in the
//! heading of a provision joins any sentence of that provision's subtree.

use crate::extract::{DocFacts, Hit};

/// A stretch of text holding one hit of each group.
#[derive(Debug, Clone)]
pub struct Window {
    /// The hits, one per group (in group order).
    pub hits: Vec<Hit>,
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
}

/// A hit with the groups it serves (a bit per group).
type Tagged = (Hit, u64);

/// How far a window may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One sentence (with the headings above it).
    Sentence,
    /// One section.
    Section,
}

/// Find the minimal windows of at most `width` positions holding a hit of
/// every group. `groups[i]` lists the concepts of group i; `accept` filters
/// hits (e.g. no hits from definitions), given in document order with a
/// walk to read their provision and sentence.
pub fn find(
    doc: &DocFacts,
    groups: &[Vec<usize>],
    width: u32,
    scope: Scope,
    accept: impl Fn(&Hit, &mut crate::extract::Walk) -> bool,
) -> Vec<Window> {
    if groups.is_empty() || groups.len() > 63 {
        return Vec::new();
    }
    // The groups each concept serves.
    let mut concepts: Vec<(usize, u64)> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        for &c in g {
            match concepts.iter_mut().find(|(k, _)| *k == c) {
                Some((_, m)) => *m |= 1 << gi,
                None => concepts.push((c, 1 << gi)),
            }
        }
    }
    let all: u64 = (1 << groups.len()) - 1;
    // A group without a hit anywhere: no window.
    let present = concepts
        .iter()
        .filter(|&&(c, _)| doc.hits_of(c).next().is_some())
        .fold(0, |acc, (_, m)| acc | m);
    if present != all {
        return Vec::new();
    }
    // Every hit of any group, in document order (the hits are sorted, and
    // each concept's list holds indices into them): marked in a bit set
    // and read back in order. Of hits alike but for the definition they
    // came through, the first.
    let mut marks = vec![0u64; doc.hits.len().div_ceil(64)];
    let mut count = 0;
    for &(c, _) in &concepts {
        let list = doc.by_concept.get(c).map_or(&[][..], Vec::as_slice);
        count += list.len();
        for &i in list {
            marks[i as usize / 64] |= 1 << (i % 64);
        }
    }
    let mut masks = vec![0u64; concepts.iter().map(|&(c, _)| c + 1).max().unwrap_or(0)];
    for &(c, m) in &concepts {
        masks[c] = m;
    }
    let mask_of = |c: usize| masks.get(c).copied().unwrap_or(0);
    // The hits kept, as indices into `doc.hits` (4 bytes each: a document
    // may hold millions); a hit's groups follow from its concept.
    let mut merged: Vec<u32> = Vec::with_capacity(count);
    let mut seen = 0;
    let mut walk = doc.walk();
    for (w, &bits) in marks.iter().enumerate() {
        let mut bits = bits;
        while bits != 0 {
            let i = w * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let h = doc.hits[i];
            if !accept(&h, &mut walk) {
                continue;
            }
            seen |= mask_of(h.concept());
            match merged.last() {
                Some(&p)
                    if {
                        let p = &doc.hits[p as usize];
                        p.first() == h.first() && p.last() == h.last() && p.concept() == h.concept()
                    } => {}
                _ => merged.push(i as u32),
            }
        }
    }
    drop(marks);
    if seen != all {
        return Vec::new();
    }
    let tagged = |k: u32| -> Tagged {
        let h = doc.hits[merged[k as usize] as usize];
        (h, mask_of(h.concept()))
    };
    // Body hits by (section, sentence); heading hits by section, as
    // indices into `merged`. Both lists are sorted by key with a stable
    // sort (when not in order already), so each key's hits stay in order
    // and the keys come in order.
    let key_at = |unit: Option<usize>, sent: u32| -> u64 {
        let sent = match scope {
            Scope::Sentence => sent,
            Scope::Section => 0,
        };
        unit_key(unit) << 32 | u64::from(sent)
    };
    let key_of = |k: u32| -> u64 {
        let t = doc.hits[merged[k as usize] as usize].first();
        key_at(doc.provs[doc.prov_of(t)].unit, doc.sent(t))
    };
    // The hits are in document order: their keys are read walking.
    let walked = |walk: &mut crate::extract::Walk, k: u32| -> u64 {
        let t = doc.hits[merged[k as usize] as usize].first();
        let unit = doc.provs[walk.prov(t)].unit;
        key_at(unit, walk.sent(t))
    };
    let mut bodies: Vec<u32> = Vec::with_capacity(merged.len());
    let mut headings: Vec<(u64, u32)> = Vec::new();
    let mut walk = doc.walk();
    let mut sorted = true;
    let mut last_key = 0;
    for (k, &i) in merged.iter().enumerate() {
        let t = doc.hits[i as usize].first();
        if doc.tokens[t].heading() {
            headings.push((unit_key(doc.provs[walk.prov(t)].unit), k as u32));
        } else {
            let key = walked(&mut walk, k as u32);
            sorted &= key >= last_key;
            last_key = key;
            bodies.push(k as u32);
        }
    }
    if !sorted {
        bodies.sort_by_cached_key(|&k| key_of(k));
    }
    if !headings.is_sorted_by_key(|&(u, _)| u) {
        headings.sort_by_key(|&(u, _)| u);
    }
    let mut out = Vec::new();
    let mut list: Vec<Tagged> = Vec::new();
    // The headings of a section.
    let headings_in = |unit: u64| {
        let from = headings.partition_point(|&(u, _)| u < unit);
        let to = headings.partition_point(|&(u, _)| u <= unit);
        headings[from..to].iter().map(|&(_, k)| tagged(k))
    };
    // Headings of the provisions holding a sentence of `unit` at `anchor`.
    let headings_of = |unit: u64, anchor: usize, list: &mut Vec<Tagged>| {
        list.extend(headings_in(unit).filter(|(h, _)| {
            let p = doc.prov_of(h.first());
            p == anchor
                || (doc.provs[p].toks.start <= doc.provs[anchor].toks.start
                    && doc.provs[anchor].toks.start < doc.provs[p].subtree_end)
        }));
    };
    // Hits in list items whose clause leads into the list in another
    // sentence: (lead-in provision, item), hit.
    let mut in_items: Vec<((usize, usize), Tagged)> = Vec::new();
    // The groups the headings of the current section serve (all of them:
    // a bound on those of any provision's headings).
    let mut heads: Option<(u64, u64)> = None;
    // Keys in the order of `bodies`: walking when that is document order.
    let mut walk = doc.walk();
    let mut run_key = |k: u32| {
        if sorted {
            walked(&mut walk, k)
        } else {
            key_of(k)
        }
    };
    // The provision of each hit of a run: walking too when in order.
    let mut run_walk = doc.walk();
    let mut next = 0;
    let mut next_key = bodies.first().map(|&k| run_key(k));
    while let Some(key) = next_key {
        let mut end = next + 1;
        next_key = None;
        while end < bodies.len() {
            let k = run_key(bodies[end]);
            if k != key {
                next_key = Some(k);
                break;
            }
            end += 1;
        }
        let run = &bodies[next..end];
        next = end;
        let (unit, sent) = (key >> 32, key as u32);
        let mut groups_here = 0;
        for &k in run {
            let t = tagged(k);
            groups_here |= t.1;
            let prov = if sorted {
                run_walk.prov(t.0.first())
            } else {
                doc.prov_of(t.0.first())
            };
            if let Some(li) = doc.lead_in[prov]
                && doc.sent(doc.provs[li.0].toks.end - 1) != sent
            {
                in_items.push((li, t));
            }
        }
        let head_groups = match heads {
            Some((u, m)) if u == unit => m,
            _ => {
                let m = headings_in(unit).fold(0, |acc, (_, m)| acc | m);
                heads = Some((unit, m));
                m
            }
        };
        // No window without a hit of every group.
        if (groups_here | head_groups) & all != all {
            continue;
        }
        let anchor = doc.prov_of(tagged(run[0]).0.first());
        list.clear();
        headings_of(unit, anchor, &mut list);
        list.extend(run.iter().map(|&k| tagged(k)));
        if list.iter().fold(0, |acc, (_, m)| acc | m) & all != all {
            continue;
        }
        list.sort_by_key(|(h, _)| (h.first(), h.last()));
        slide(doc, &list, groups.len(), width, None, &mut out);
    }
    // A list item completes the clause that leads into it ("… shall report
    // any of the following:" then "1. …."): each item is read with the
    // clause's last sentence, as if it followed it directly.
    in_items.sort_by_key(|(k, (h, _))| (*k, h.first(), h.last()));
    for run in in_items.chunk_by(|a, b| a.0 == b.0) {
        let ((lead, item), _) = run[0];
        let lp = &doc.provs[lead];
        let last_tok = lp.toks.end - 1;
        let key = unit_key(lp.unit) << 32 | u64::from(doc.sent(last_tok));
        let from = bodies.partition_point(|&k| key_of(k) < key);
        let to = bodies.partition_point(|&k| key_of(k) <= key);
        list.clear();
        headings_of(unit_key(lp.unit), lead, &mut list);
        list.extend(
            bodies[from..to]
                .iter()
                .map(|&k| tagged(k))
                .filter(|(h, _)| doc.prov_of(h.first()) == lead),
        );
        list.extend(run.iter().map(|(_, t)| *t));
        if list.iter().fold(0, |acc, (_, m)| acc | m) & all != all {
            continue;
        }
        list.sort_by_key(|(h, _)| (h.first(), h.last()));
        slide(
            doc,
            &list,
            groups.len(),
            width,
            Some(doc.provs[item].toks.start),
            &mut out,
        );
    }
    compact(&mut out);
    out
}

/// Windows held before [`compact`] is tried on a full vector.
const COMPACT_FROM: usize = 4096;

/// Of windows starting at the same token, the narrowest (the first found
/// of equals), in order. Done whenever the vector is full as well as at
/// the end: the windows kept are the same (a stable sort keeps the earlier
/// of equals first), and the vector holds one per start, not every one.
fn compact(out: &mut Vec<Window>) {
    out.sort_by_key(|w| (w.first, w.last));
    out.dedup_by(|b, a| a.first == b.first);
}

/// A section as a sort key: no section first, then sections in order.
fn unit_key(unit: Option<usize>) -> u64 {
    unit.map_or(0, |u| u as u64 + 1)
}

/// Minimal windows over one list of hits. With `item` (the first token of
/// a list item whose lead-in the list also holds), the lead-in's hits and
/// the item's are each held to the width: the lead-in frames every item,
/// however long the items before it.
fn slide(
    doc: &DocFacts,
    list: &[(Hit, u64)],
    n: usize,
    width: u32,
    item: Option<usize>,
    out: &mut Vec<Window>,
) {
    let pos = |t: usize| doc.pos(t);
    let extent = |hits: &mut dyn Iterator<Item = &Hit>| -> u32 {
        let (mut a, mut b) = (u32::MAX, 0);
        for h in hits {
            a = a.min(pos(h.first()));
            b = b.max(pos(h.last()));
        }
        b.saturating_sub(a)
    };
    let body = |h: &Hit| !doc.tokens[h.first()].heading();
    let mut counts = vec![0usize; n];
    let mut left = 0;
    for right in 0..list.len() {
        for (gi, c) in counts.iter_mut().enumerate() {
            if list[right].1 & (1 << gi) != 0 {
                *c += 1;
            }
        }
        if !counts.iter().all(|&c| c > 0) {
            continue;
        }
        loop {
            let m = list[left].1;
            let can_drop = (0..n).all(|gi| m & (1 << gi) == 0 || counts[gi] > 1);
            if left < right && can_drop {
                for (gi, c) in counts.iter_mut().enumerate() {
                    if m & (1 << gi) != 0 {
                        *c -= 1;
                    }
                }
                left += 1;
            } else {
                break;
            }
        }
        let span = &list[left..=right];
        // One hit per group: a heading hit if there is one (headings label
        // the sentence wherever they stand), else the body hit nearest the
        // right end. Only the chosen body hits count for the width.
        let mut hits = Vec::with_capacity(n);
        for gi in 0..n {
            let serving = || span.iter().filter(move |(_, m)| m & (1 << gi) != 0);
            let chosen = serving()
                .find(|(h, _)| !body(h))
                .or_else(|| serving().next_back());
            if let Some((h, _)) = chosen {
                hits.push(*h);
            }
        }
        let wide = match item {
            None => extent(&mut hits.iter().filter(|h| body(h))),
            Some(start) => extent(&mut hits.iter().filter(|h| body(h) && h.first() < start)).max(
                extent(&mut hits.iter().filter(|h| body(h) && h.first() >= start)),
            ),
        };
        if wide <= width {
            let first = hits.iter().map(|h| h.first()).min().unwrap_or(0);
            let last = hits.iter().map(|h| h.last()).max().unwrap_or(first);
            out.push(Window { hits, first, last });
            if out.len() == out.capacity() && out.len() >= COMPACT_FROM {
                compact(out);
            }
        }
    }
}
