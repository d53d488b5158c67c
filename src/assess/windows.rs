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
/// hits (e.g. no hits from definitions).
pub fn find(
    doc: &DocFacts,
    groups: &[Vec<usize>],
    width: u32,
    scope: Scope,
    accept: &dyn Fn(&Hit) -> bool,
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
    // each concept's list holds indices into them in order), with the
    // groups it serves; of hits alike but for the definition they came
    // through, the first.
    let mut order: Vec<(u32, u64)> = Vec::new();
    for &(c, m) in &concepts {
        if let Some(list) = doc.by_concept.get(c) {
            order.extend(list.iter().map(|&i| (i, m)));
        }
    }
    if concepts.len() > 1 {
        order.sort_unstable_by_key(|&(i, _)| i);
    }
    let mut merged: Vec<(Hit, u64)> = Vec::with_capacity(order.len());
    let mut seen = 0;
    for (i, m) in order {
        let h = doc.hits[i as usize];
        if !accept(&h) {
            continue;
        }
        seen |= m;
        match merged.last_mut() {
            Some((p, pm)) if p.first == h.first && p.last == h.last && p.concept == h.concept => {
                *pm |= m
            }
            _ => merged.push((h, m)),
        }
    }
    if seen != all {
        return Vec::new();
    }
    // Body hits by (section, sentence); heading hits by section. Both lists
    // are sorted by key with a stable sort, so each key's hits stay in
    // order and the keys come in order.
    let unit_of = |h: &Hit| doc.provs[doc.prov_of(h.first())].unit;
    let is_heading = |h: &Hit| doc.tokens[h.first()].heading();
    let mut bodies: Vec<((Option<usize>, u32), Tagged)> = Vec::with_capacity(merged.len());
    let mut headings: Vec<(Option<usize>, Tagged)> = Vec::new();
    for (h, m) in merged {
        if is_heading(&h) {
            headings.push((unit_of(&h), (h, m)));
        } else {
            let sent = match scope {
                Scope::Sentence => doc.tokens[h.first()].sent,
                Scope::Section => 0,
            };
            bodies.push(((unit_of(&h), sent), (h, m)));
        }
    }
    if !bodies.is_sorted_by_key(|(k, _)| *k) {
        bodies.sort_by_key(|(k, _)| *k);
    }
    if !headings.is_sorted_by_key(|(u, _)| *u) {
        headings.sort_by_key(|(u, _)| *u);
    }
    let mut out = Vec::new();
    let mut list: Vec<Tagged> = Vec::new();
    // Headings of the provisions holding a sentence of `unit` at `anchor`.
    let headings_of = |unit: Option<usize>, anchor: usize, list: &mut Vec<Tagged>| {
        let from = headings.partition_point(|(u, _)| *u < unit);
        let to = headings.partition_point(|(u, _)| *u <= unit);
        list.extend(headings[from..to].iter().map(|(_, t)| *t).filter(|(h, _)| {
            let p = doc.prov_of(h.first());
            p == anchor
                || (doc.provs[p].toks.start <= doc.provs[anchor].toks.start
                    && doc.provs[anchor].toks.start < doc.provs[p].subtree_end)
        }));
    };
    // Hits in list items whose clause leads into the list in another
    // sentence: (lead-in provision, item), hit.
    let mut in_items: Vec<((usize, usize), Tagged)> = Vec::new();
    for run in bodies.chunk_by(|a, b| a.0 == b.0) {
        let ((unit, sent), first_body) = run[0];
        let anchor = doc.prov_of(first_body.0.first());
        for (_, t) in run {
            if let Some(li) = doc.lead_in[doc.prov_of(t.0.first())]
                && doc.tokens[doc.provs[li.0].toks.end - 1].sent != sent
            {
                in_items.push((li, *t));
            }
        }
        list.clear();
        headings_of(unit, anchor, &mut list);
        list.extend(run.iter().map(|(_, t)| *t));
        // No window without a hit of every group.
        if list.iter().fold(0, |acc, (_, m)| acc | m) & all != all {
            continue;
        }
        list.sort_by_key(|(h, _)| (h.first, h.last));
        slide(doc, &list, groups.len(), width, None, &mut out);
    }
    // A list item completes the clause that leads into it ("… shall report
    // any of the following:" then "1. …."): each item is read with the
    // clause's last sentence, as if it followed it directly.
    in_items.sort_by_key(|(k, (h, _))| (*k, h.first, h.last));
    for run in in_items.chunk_by(|a, b| a.0 == b.0) {
        let ((lead, item), _) = run[0];
        let lp = &doc.provs[lead];
        let last_tok = lp.toks.end - 1;
        let key = (lp.unit, doc.tokens[last_tok].sent);
        let from = bodies.partition_point(|(k, _)| *k < key);
        let to = bodies.partition_point(|(k, _)| *k <= key);
        list.clear();
        headings_of(lp.unit, lead, &mut list);
        list.extend(
            bodies[from..to]
                .iter()
                .map(|(_, t)| *t)
                .filter(|(h, _)| doc.prov_of(h.first()) == lead),
        );
        list.extend(run.iter().map(|(_, t)| *t));
        if list.iter().fold(0, |acc, (_, m)| acc | m) & all != all {
            continue;
        }
        list.sort_by_key(|(h, _)| (h.first, h.last));
        slide(
            doc,
            &list,
            groups.len(),
            width,
            Some(doc.provs[item].toks.start),
            &mut out,
        );
    }
    out.sort_by_key(|w| (w.first, w.last));
    out.dedup_by(|b, a| a.first == b.first);
    out
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
    let pos = |t: usize| doc.tokens[t].pos;
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
        let mut hits = Vec::new();
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
        }
    }
}
