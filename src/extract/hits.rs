//! Concept hits beyond the lexicon's own: the longest of overlapping hits,
//! concepts made of others in a row, and concepts passed from definitions
//! to the uses of their terms.

use rustc_hash::{FxHashMap, FxHashSet};

use super::Engine;
use super::facts::{DocFacts, Hit, Positions, ProvFacts, ProvIndex};
use super::matcher::{Matcher, RawHit};
use super::read::Reading;
use crate::checklist::{Role, Spread};
use crate::text;

/// The concepts a matcher finds in a reading, the longest of overlapping
/// ones kept, with the sequences they form.
pub(super) fn find(engine: &Engine, matcher: &Matcher, r: &Reading) -> Vec<Hit> {
    let Reading {
        provs,
        tokens,
        positions,
        prov_index,
        breaks,
        symbols,
        ..
    } = r;
    // Tokens walk the phrases by their words' symbols.
    let raw = matcher.find_tokens(
        tokens.len(),
        |t| symbols[tokens[t].norm() as usize],
        |t| breaks[t],
        |t| positions.of(t),
        |t| provs[prov_index.of(t)].unit.map_or(u32::MAX, |u| u as u32),
    );
    let mut raw = keep_longest(raw, &engine.class);
    // Sorted again (shortest first), as the facts hold them: sorting them
    // there then finds them in order.
    reverse_lengths(&mut raw);
    // In place: a raw hit and a hit are both 12 bytes, so the one vector
    // holds the hits found, not two.
    let mut hits: Vec<Hit> = raw
        .into_iter()
        .map(|r| Hit::new(r.first as usize, r.last(), r.concept(), None))
        .collect();
    let more = sequences(engine, &hits, positions, prov_index, provs);
    hits.reserve_exact(more.len());
    hits.extend(more);
    hits
}

/// Within one class of concepts (or one concept), a hit inside a longer
/// hit gives way: "make available" is an offer, not a making; "make a
/// report" is a report.
fn keep_longest(mut hits: Vec<RawHit>, class: &[Option<String>]) -> Vec<RawHit> {
    // The group of a concept: the first concept of its class, or itself.
    let mut first_of_class: FxHashMap<&str, usize> = FxHashMap::default();
    let group: Vec<usize> = class
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            Some(c) => *first_of_class.entry(c.as_str()).or_insert(i),
            None => i,
        })
        .collect();
    // Sorted by start, longest first: every hit that could contain this one
    // has been seen. Per group, remember the furthest end seen and its start.
    if hits.is_sorted() {
        reverse_lengths(&mut hits);
    } else {
        hits.sort_by(|a, b| a.first().cmp(&b.first()).then(b.last().cmp(&a.last())));
    }
    let mut reach: Vec<Option<(usize, usize)>> = vec![None; group.len()];
    let mut kept = 0;
    for k in 0..hits.len() {
        let h = hits[k];
        let Some(slot) = group.get(h.concept()).and_then(|&g| reach.get_mut(g)) else {
            continue;
        };
        let contained = slot.is_some_and(|(last, first)| {
            last > h.last() || (last == h.last() && first < h.first())
        });
        match slot {
            Some(r) if r.0 >= h.last() => {}
            _ => *slot = Some((h.last(), h.first())),
        }
        if !contained {
            hits[kept] = h;
            kept += 1;
        }
    }
    hits.truncate(kept);
    hits
}

/// Hits in order of start, then of end one way, put in order of start,
/// then of end the other way, the order of hits with the same start and
/// end kept: on hits sorted (by start, length, concept and term), what a
/// stable sort by (start, end reversed) gives, and back. One pass: the
/// matcher's hits come sorted, and are many.
fn reverse_lengths(hits: &mut [RawHit]) {
    for same_start in hits.chunk_by_mut(|a, b| a.first == b.first) {
        same_start.reverse();
        for same_end in same_start.chunk_by_mut(|a, b| a.last() == b.last()) {
            same_end.reverse();
        }
    }
}

/// Hits of concepts made of others in a row ("entices … any minor").
fn sequences(
    engine: &Engine,
    hits: &[Hit],
    positions: &Positions,
    prov_index: &ProvIndex,
    provs: &[ProvFacts],
) -> Vec<Hit> {
    let mut out = Vec::new();
    for (ci, def) in engine.law.concepts.values().enumerate() {
        let Some(seq) = &def.sequence else { continue };
        let parts: Vec<usize> = seq.parts.iter().filter_map(|p| engine.concept(p)).collect();
        if parts.len() != seq.parts.len() {
            continue;
        }
        let gap = (seq.gap + 1) * text::WORD_UNITS;
        let mut of: FxHashMap<usize, Vec<&Hit>> = FxHashMap::default();
        for h in hits.iter().filter(|h| parts.contains(&h.concept())) {
            of.entry(h.concept()).or_default().push(h);
        }
        for v in of.values_mut() {
            v.sort_by_key(|h| h.first);
        }
        let unit = |t: usize| provs[prov_index.of(t)].unit;
        let mut orders = vec![parts.clone()];
        if seq.any_order {
            orders.push(parts.iter().rev().copied().collect());
        }
        let empty: Vec<&Hit> = Vec::new();
        for order in orders {
            for start in of.get(&order[0]).unwrap_or(&empty) {
                let mut last = start.last();
                let mut ok = true;
                for next in &order[1..] {
                    let list = of.get(next).unwrap_or(&empty);
                    let from = list.partition_point(|h| h.first() <= last);
                    let found = list[from..]
                        .iter()
                        .take_while(|h| {
                            positions.of(h.first()).saturating_sub(positions.of(last)) <= gap
                        })
                        .find(|h| unit(h.first()) == unit(start.first()));
                    match found {
                        Some(h) => last = h.last(),
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok {
                    out.push(Hit::new(start.first(), last, ci, None));
                }
            }
        }
    }
    out
}

/// Pass concepts from definitions to the uses of their terms.
pub(super) fn inherit(engine: &Engine, doc: &mut DocFacts) {
    // Where each normalised word stands, to find the uses of terms.
    // (Grouped by word in one vector: `at[w]..at[w + 1]` of `starts`.)
    let mut at: Vec<usize> = vec![0; doc.words.len() + 1];
    for tok in &doc.tokens {
        at[tok.norm() as usize + 1] += 1;
    }
    for w in 0..doc.words.len() {
        at[w + 1] += at[w];
    }
    let mut starts: Vec<usize> = vec![0; doc.tokens.len()];
    let mut fill = at.clone();
    for (t, tok) in doc.tokens.iter().enumerate() {
        starts[fill[tok.norm() as usize]] = t;
        fill[tok.norm() as usize] += 1;
    }
    drop(fill);
    let uses_of = |w: u32| {
        let w = w as usize;
        at.get(w..w + 2).map_or(&[][..], |r| &starts[r[0]..r[1]])
    };
    let objects_role = engine.role(Role::Object);
    let mut extra = Vec::new();
    // Definitions by term and the concepts they pass on.
    let mut group_of: FxHashMap<(&[u32], Vec<usize>), usize> = FxHashMap::default();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (di, d) in doc.defs.iter().enumerate() {
        // Hits of the term itself, and of its definition.
        let a = doc.hits.partition_point(|t| t.first() < d.term_first);
        let b = doc.hits.partition_point(|t| t.first() <= d.term_last);
        let c = doc.hits.partition_point(|t| t.first() < d.end);
        let term_hits: Vec<&Hit> = doc.hits[a..b]
            .iter()
            .filter(|t| t.last() <= d.term_last)
            .collect();
        let span = &doc.hits[b..c.max(b)];
        // Classes of the term: a hit covering the whole term ("publish")
        // for same-class concepts; any hit inside it for `spread_to`.
        let whole: Vec<&str> = term_hits
            .iter()
            .filter(|t| t.first() == d.term_first && t.last() == d.term_last)
            .filter_map(|t| engine.class[t.concept()].as_deref())
            .collect();
        let inside: Vec<&str> = term_hits
            .iter()
            .filter_map(|t| engine.class[t.concept()].as_deref())
            .collect();
        // A verb followed by a restricting purpose in its provision ("print
        // … for the purpose of doing an act referred to in (a)") is not
        // passed on as a plain conduct.
        let verbs: Vec<Hit> = span
            .iter()
            .filter(|v| engine.spread[v.concept()] == Spread::SameClass)
            .copied()
            .collect();
        let objects: Vec<Hit> = span
            .iter()
            .filter(|o| objects_role.contains(&o.concept()))
            .copied()
            .collect();
        // A purpose inside a verb phrase ("lend for gain", "offer for sale")
        // is part of that verb, not a purpose of the others.
        let spans = TokenSpans::new(
            span.iter()
                .filter(|p| engine.role(Role::Purpose).contains(&p.concept()))
                .filter(|p| {
                    !verbs
                        .iter()
                        .any(|v| v.first() <= p.first() && p.last() <= v.last())
                })
                .map(|p| (p.first(), p.last()))
                .collect(),
        );
        let mut passes: Vec<usize> = Vec::new();
        for h in span {
            if h.via.is_some() || passes.contains(&h.concept()) {
                continue;
            }
            let ok = match engine.spread[h.concept()] {
                Spread::None => false,
                Spread::AnyTerm | Spread::Medium => engine.spread_to[h.concept()]
                    .as_deref()
                    .is_none_or(|c| inside.contains(&c)),
                Spread::SameClass => {
                    engine.class[h.concept()]
                        .as_deref()
                        .is_some_and(|c| whole.contains(&c))
                        && !is_purposive(doc, h, &spans, &verbs, &objects, u32::MAX)
                }
            };
            if ok {
                passes.push(h.concept());
            }
        }
        if passes.is_empty() || d.term_norms.is_empty() {
            continue;
        }
        let g = *group_of
            .entry((d.term_norms.as_slice(), passes))
            .or_insert_with(|| {
                members.push(Vec::new());
                members.len() - 1
            });
        members[g].push(di);
    }
    // Uses of each term outside its own definition. Definitions of one
    // term passing the same concepts (a term defined again, a text
    // repeated) give a use one hit, through the first of them that does
    // not hold the use — not one per definition, which grows with the
    // square of the repetitions.
    let mut groups: Vec<(&[u32], &[usize], &[usize])> = group_of
        .iter()
        .map(|((norms, passes), &g)| (*norms, passes.as_slice(), members[g].as_slice()))
        .collect();
    groups.sort_by_key(|&(_, _, m)| m[0]);
    for (norms, passes, defs) in groups {
        let n = norms.len();
        let mut last_end = 0;
        for &t in uses_of(norms[0]) {
            if t < last_end || t + n > doc.tokens.len() {
                continue;
            }
            let Some(&di) = defs.iter().find(|&&di| {
                let d = &doc.defs[di];
                !(t >= d.term_first && t < d.end)
            }) else {
                continue;
            };
            if (1..n).all(|k| doc.tokens[t + k].norm() == norms[k]) {
                for &c in passes {
                    extra.push(Hit::new(t, t + n - 1, c, Hit::through(di)));
                }
                last_end = t + n;
            }
        }
    }
    doc.hits.extend(extra);
}

/// True when a restricting purpose governs a verb: a purpose phrase
/// follows it in its provision (within `window` positions) and either no
/// other verb stands between them, or the purpose comes after the verbs'
/// object, or no object follows it — in "print, copy or make … for the
/// purpose of …" the purpose governs the whole list; in "sells or
/// possesses with intent to sell any material" only the verb it follows.
///
/// `verbs` and `objects` are in document order (by first token), as
/// [`DocFacts::hits`] is; each look-up is a binary search, so a document
/// with many verbs and purposes is read in linear time.
pub fn is_purposive(
    doc: &DocFacts,
    h: &Hit,
    spans: &TokenSpans,
    verbs: &[Hit],
    objects: &[Hit],
    window: u32,
) -> bool {
    let prov = doc.prov_of(h.first());
    // The nearest purpose after the verb; a provision's own tokens are one
    // run, so if that one is outside the provision every later one is.
    let Some((start, end)) = spans
        .first_after(h.last())
        .filter(|&(a, _)| doc.prov_of(a) == prov)
    else {
        return false;
    };
    if doc.pos(start).saturating_sub(doc.pos(h.last())) > window {
        return false;
    }
    let after = |hits: &[Hit], t: usize| hits.partition_point(|x| x.first() <= t);
    let verb_between = verbs[after(verbs, h.last())..]
        .iter()
        .take_while(|v| v.first() < start)
        .any(|v| v.last() < start && !spans.holds(v.first()));
    if !verb_between {
        return true;
    }
    // After the object, a purpose governs the whole clause ("stores or
    // possesses material …, with an intention to share it").
    let object_between = objects[after(objects, h.last())..]
        .iter()
        .take_while(|o| o.first() < start)
        .any(|o| o.last() < start);
    let object_after = objects[after(objects, end)..]
        .first()
        .is_some_and(|o| doc.prov_of(o.first()) == prov);
    object_between || !object_after
}

/// Ranges of tokens (`first..=last`), in order of their first token, that
/// answer "which range holds token t" by binary search.
#[derive(Debug, Default)]
pub struct TokenSpans {
    spans: Vec<(usize, usize)>,
    /// The furthest last token of the spans up to each one.
    reach: Vec<usize>,
}

impl TokenSpans {
    /// From spans in any order (kept in order of first token; spans with
    /// the same first token keep their order).
    pub fn new(mut spans: Vec<(usize, usize)>) -> TokenSpans {
        spans.sort_by_key(|&(a, _)| a);
        let mut furthest = 0;
        let reach = spans
            .iter()
            .map(|&(_, b)| {
                furthest = furthest.max(b);
                furthest
            })
            .collect();
        TokenSpans { spans, reach }
    }

    /// The spans, in order of their first token.
    pub fn as_slice(&self) -> &[(usize, usize)] {
        &self.spans
    }

    /// True when a span holds `t` (`first <= t <= last`).
    pub fn holds(&self, t: usize) -> bool {
        let n = self.spans.partition_point(|&(a, _)| a <= t);
        n > 0 && self.reach[n - 1] >= t
    }

    /// True when `t` lies strictly inside a span (`first < t < last`).
    pub fn holds_inside(&self, t: usize) -> bool {
        let n = self.spans.partition_point(|&(a, _)| a < t);
        n > 0 && self.reach[n - 1] > t
    }

    /// The first span that starts after `t`.
    pub fn first_after(&self, t: usize) -> Option<(usize, usize)> {
        let n = self.spans.partition_point(|&(a, _)| a <= t);
        self.spans.get(n).copied()
    }
}

/// Tokens before an age within which a letter standing for a person names
/// it ("B is under 16", "B est âgé de moins de quinze ans").
const LETTER_BEFORE_AGE: usize = 4;

/// Offences drafted with letters ("A intentionally meets B … and B is under
/// 16"): a capital letter whose own sentence gives it an age below which a
/// person is protected stands, throughout its section, for the protected
/// person the model law's age checks name; sequences with it ("meets B")
/// are found as with the word.
pub(super) fn letter_persons(engine: &Engine, doc: &mut DocFacts) {
    let persons: Vec<usize> = engine
        .law
        .checklist
        .items
        .iter()
        .filter_map(|i| match &i.check {
            crate::checklist::Check::ProtectedAge(p) => engine.concept(&p.person),
            _ => None,
        })
        .collect();
    let Some(&person) = persons.first() else {
        return;
    };
    let letter = |doc: &DocFacts, t: usize| -> Option<u8> {
        let tok = &doc.tokens[t];
        let text = &doc.provs[doc.prov_of(t)].text;
        match text.as_bytes().get(tok.start as usize..tok.end as usize) {
            Some(&[b]) if b.is_ascii_uppercase() => Some(b),
            _ => None,
        }
    };
    let mut added: Vec<Hit> = Vec::new();
    // Each letter is looked for once per unit, however many ages name it.
    let mut scanned: FxHashSet<(u8, usize, usize)> = FxHashSet::default();
    for a in &doc.ages {
        if a.age.bound != super::Bound::Under {
            continue;
        }
        let sent = doc.sent(a.tok);
        let from = a.tok.saturating_sub(LETTER_BEFORE_AGE);
        let Some(l) = (from..a.tok)
            .rev()
            .filter(|&t| doc.sent(t) == sent)
            .find_map(|t| letter(doc, t))
        else {
            continue;
        };
        let p = &doc.provs[a.prov];
        let (us, ue) = match p.unit {
            Some(u) => (doc.provs[u].toks.start, doc.provs[u].subtree_end),
            None => (p.toks.start, p.toks.end),
        };
        if !scanned.insert((l, us, ue)) {
            continue;
        }
        for t in us..ue {
            if letter(doc, t) == Some(l) && !doc.hits_in(person, t, t + 1).any(|h| h.first() == t) {
                added.push(Hit::new(t, t, person, None));
            }
        }
    }
    if added.is_empty() {
        return;
    }
    // Units may overlap (a provision outside any unit): each token once,
    // in the order first found.
    let mut seen: FxHashSet<u32> = FxHashSet::default();
    added.retain(|h| seen.insert(h.first));
    doc.hits.extend(added.iter().copied());
    let mut firsts: Vec<u32> = added.iter().map(|h| h.first).collect();
    firsts.sort_unstable();
    let seqs: Vec<Hit> = sequences(
        engine,
        &doc.hits,
        &doc.positions,
        &doc.prov_index,
        &doc.provs,
    )
    .into_iter()
    .filter(|s| {
        firsts
            .get(firsts.partition_point(|&f| f < s.first))
            .is_some_and(|&f| f as usize <= s.last())
    })
    .collect();
    doc.hits.extend(seqs);
    doc.index();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reversing_lengths_is_the_stable_sort_by_start_then_end_reversed_and_back() {
        // Sorted hits with many equal starts and ends (a small LCG picks them).
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..200 {
            let n = next(60) as usize;
            let mut hits: Vec<RawHit> = (0..n)
                .map(|_| {
                    let first = next(8) as usize;
                    RawHit::new(
                        first,
                        first + next(4) as usize,
                        next(3) as usize,
                        next(3) as usize,
                    )
                })
                .collect();
            hits.sort();
            let mut expected = hits.clone();
            expected.sort_by(|a, b| a.first().cmp(&b.first()).then(b.last().cmp(&a.last())));
            let sorted = hits.clone();
            reverse_lengths(&mut hits);
            assert_eq!(hits, expected);
            reverse_lengths(&mut hits);
            assert_eq!(hits, sorted);
        }
    }
}
