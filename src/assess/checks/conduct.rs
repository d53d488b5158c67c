//! `offence-conduct`: a conduct made punishable with the material as its
//! object. The verb must stand in an offence provision (not a defence, an
//! aggravation or a separate definitions section), with the material's
//! head noun near it and the material itself in the same clause (the
//! provision, the provisions above it in its section, or below it), or an
//! earlier sibling when the clause refers back ("such photographs").
//! A conduct followed only by a restricting purpose ("possesses for the
//! purpose of distribution") is partial; the verbs inside a purpose are not
//! conducts at all.

use serde_json::json;

use super::Cx;
use crate::assess::{Outcome, Role};
use crate::checklist::{OffenceConductParams, Status};
use crate::extract::{Hit, TokenSpans};

/// Positions before a verb within which its object may stand ("the
/// material to be viewed"); otherwise objects follow their verbs.
const OBJECT_BEFORE: u32 = 4 * 2;

/// Positions from a provision's start within which deeming words open it.
const DEEMING_OPENING: u32 = 8 * 2;

/// Words within which a purpose phrase continues over a list of verbs
/// ("for the purpose of transmission, making available, distribution").
const PURPOSE_LIST_GAP: u32 = 3 * 2;

struct Candidate {
    hit: Hit,
    object: Hit,
    purposive: bool,
    /// The phrase making a child take part in the conduct, when that is
    /// what makes its object the material.
    participation: Option<Hit>,
    /// A restricting purpose in the clause that leads into the conduct's
    /// list ("if, for the purpose of distribution— (a) the person possesses
    /// …"): it limits every item.
    lead_purpose: Option<Hit>,
    /// The purpose phrase leading the conduct, if one does.
    leading: Option<(usize, usize, usize)>,
    /// Lower is more decisive: the material in the verb's own provision,
    /// named directly, close to the verb.
    rank: u32,
}

/// `offence-conduct`, one document.
pub(super) fn run(cx: &Cx, p: &OffenceConductParams) -> Outcome {
    let doc = cx.doc;
    let conducts = cx.hits(&p.conduct);
    let object = cx.c(&p.object);
    let head = cx.c(&p.object_head);
    let anaphor = p.anaphor.as_deref().map(|a| cx.c(a));
    let pronoun = p.pronoun.as_deref().map(|a| cx.c(a));
    // The verbs: every concept of the conduct's class.
    let verb_class = cx.engine.class_of(cx.c(&p.conduct));
    let verbs = match verb_class {
        Some(class) => cx.hits_of_class(class),
        None => Default::default(),
    };
    let purposes = purpose_spans(cx, p, &verbs);
    let spans = &purposes.spans;
    let objects =
        cx.hits_of_any(&[Some(object), Some(head), anaphor].map(|c| c.unwrap_or(usize::MAX)));
    let in_span = |h: &Hit| spans.holds(h.first());
    // Hits (of a concept, or in a list in document order) whose first token
    // lies in a term.
    let in_term = |d: &crate::extract::Definition, c: usize| {
        doc.hits_in(c, d.term_first, d.term_last + 1)
            .any(|o| o.last() <= d.term_last)
    };
    // Verbs inside the definition of the material describe it ("a
    // representation that shows a person …"); they are not conducts.
    let material_defs = TokenSpans::new(
        doc.defs
            .iter()
            .filter(|d| in_term(d, object) || in_term(d, head))
            .map(|d| (d.term_last, d.end))
            .collect(),
    );
    let describes_material = |h: &Hit| material_defs.holds_inside(h.first());
    // Verbs inside the definition of another verb ("publish" includes to
    // distribute …) are conducts only where that verb is used.
    let verb_defs = TokenSpans::new(
        doc.defs
            .iter()
            .filter(|d| {
                verbs[verbs.partition_point(|v| v.first() < d.term_first)..]
                    .iter()
                    .take_while(|v| v.first() <= d.term_last)
                    .any(|v| v.last() <= d.term_last)
            })
            .map(|d| (d.term_last, d.end))
            .collect(),
    );
    let defines_verb = |h: &Hit| verb_defs.holds_inside(h.first());

    let mut found: Vec<Candidate> = Vec::new();
    let mut rejected: Vec<String> = Vec::new();
    // The nearest miss: the conduct with the material in its section but
    // outside an offence, the closest first (prohibited but unpunished,
    // then a defence or an aggravation, then anywhere else).
    let mut nearest: Option<(u8, String)> = None;
    // Conducts with the material in a defence of an offence section.
    let mut defences: Vec<(Option<usize>, Hit)> = Vec::new();
    for h in conducts {
        let prov = cx.prov(&h);
        let pr = &doc.provs[prov];
        if pr.offence && doc.in_defence(h.first()) && near_miss(cx, object, &h).is_some() {
            defences.push((pr.unit, h));
        }
        if !pr.offence || doc.in_defence(h.first()) || doc.in_aggravation(h.first()) {
            if rejected.len() < 4 {
                rejected.push(format!(
                    "“{}” in {}",
                    doc.hit_text(&h),
                    cx.describe_prov(prov)
                ));
            }
            if let Some(miss) = near_miss(cx, object, &h) {
                if nearest.as_ref().is_none_or(|(k, _)| miss.0 < *k) {
                    nearest = Some(miss);
                }
            }
            continue;
        }
        // A heading names a section's subject ("Punishment for storage of
        // …"); the text says what is punishable and on what conditions.
        if doc.tokens[h.first()].heading() || defined_by_deeming(cx, p, &h) {
            continue;
        }
        if in_span(&h) || (h.via.is_none() && (describes_material(&h) || defines_verb(&h))) {
            continue;
        }
        // A sentence on the compensation or care of victims names the
        // conduct a victim suffered; it punishes nothing.
        if let Some(r) = redress_of(cx, p, &h) {
            if rejected.len() < 4 {
                rejected.push(format!(
                    "“{}” in {}, a sentence about “{}”",
                    doc.hit_text(&h),
                    cx.describe_prov(prov),
                    doc.hit_text(&r)
                ));
            }
            if near_miss(cx, object, &h).is_some() && nearest.as_ref().is_none_or(|(k, _)| 3 < *k) {
                nearest = Some((
                    3,
                    format!(
                        "“{}” with the material appears in {} only as what a victim suffered, in a sentence about “{}”",
                        doc.hit_text(&h),
                        pr.citation,
                        doc.hit_text(&r)
                    ),
                ));
            }
            continue;
        }
        // The object near the verb: a head noun or the material itself.
        // Objects follow their verb ("possesses … child pornography"); one
        // before it counts only right before ("causes the material to be
        // viewed").
        // Only hits of the verb's own section or article can count: look
        // there, not through the whole document.
        let (us, ue) = match pr.unit {
            Some(u) => (doc.provs[u].toks.start, doc.provs[u].subtree_end),
            None => (0, doc.tokens.len()),
        };
        // An object lies within the window after the verb, or ends right
        // before it (and starts at most the longest hit earlier).
        let from = doc
            .tok_at_pos(cx.pos(h.first()).saturating_sub(OBJECT_BEFORE))
            .saturating_sub(doc.longest_hit)
            .max(us);
        let to = doc
            .tok_at_pos(cx.pos(h.last()).saturating_add(p.window).saturating_add(1))
            .min(ue);
        let near = |c: usize| {
            doc.hits_in(c, from, to).find(|o| {
                let after =
                    o.first() > h.last() && cx.pos(o.first()) - cx.pos(h.last()) <= p.window;
                let before =
                    o.last() < h.first() && cx.pos(h.first()) - cx.pos(o.last()) <= OBJECT_BEFORE;
                cx.unit(o) == pr.unit && (after || before)
            })
        };
        // "… in order to view it", "… de manière à en regarder": a pronoun
        // right after the verb, or opening a lexicon phrase of the verb
        // (where the language puts object pronouns before it), stands for
        // the material named before it in the same sentence.
        let by_pronoun = || {
            let c = pronoun?;
            doc.hits_in(c, h.first(), h.last() + 2).find(|o| {
                o.first() == h.last() + 1 || (o.first() == h.first() && o.last() < h.last())
            })?;
            doc.hits_in(object, us, h.first())
                .filter(|o| o.last() < h.first() && doc.sent(o.first()) == doc.sent(h.first()))
                .filter(|o| cx.pos(h.first()) - cx.pos(o.last()) <= p.window)
                .last()
        };
        let Some(obj) = near(object)
            .or_else(|| near(head))
            .or_else(|| anaphor.and_then(near))
            .or_else(by_pronoun)
        else {
            continue;
        };
        let in_clause = material_in_clause(cx, prov, object, anaphor, &h)
            .or_else(|| material_in_element(cx, prov, object, &verbs));
        let (material, participation) = match in_clause {
            Some(m) => (m, None),
            None => match with_child_taking_part(cx, p, &h, obj) {
                Some(x) => (*obj, Some(x)),
                None => continue,
            },
        };
        let distance = cx.pos(obj.first()).abs_diff(cx.pos(h.first())) / 8;
        let in_subtree = material.first() >= pr.toks.start && material.first() < pr.subtree_end;
        let rank =
            if in_subtree { 0 } else { 10 } + if h.via.is_some() { 5 } else { 0 } + distance.min(9);
        let leading = purposes.leading_of(&h);
        let lead_purpose = lead_in_purpose(cx, p, &h, &verbs);
        let purposive = leading.is_some()
            || lead_purpose.is_some()
            || crate::extract::is_purposive(doc, &h, spans, &verbs, &objects, p.window);
        found.push(Candidate {
            hit: h,
            object: material,
            purposive,
            participation,
            lead_purpose,
            leading,
            rank,
        });
    }
    let mut out = Outcome::default();
    let plain: Vec<&Candidate> = found.iter().filter(|c| !c.purposive).collect();
    let purposive: Vec<&Candidate> = found.iter().filter(|c| c.purposive).collect();
    let (status, chosen) = if !plain.is_empty() {
        (Status::Met, plain)
    } else if !purposive.is_empty() {
        (Status::Partial, purposive)
    } else {
        (Status::NotMet, Vec::new())
    };
    out.status = Some(status);
    let mut conducts: Vec<String> = Vec::new();
    let mut ranked = Vec::new();
    for c in &chosen {
        let word = doc.hit_text(&c.hit);
        if !conducts.contains(&word) {
            conducts.push(word);
        }
        let mut hits = vec![c.hit, c.object];
        hits.extend(c.participation);
        // The nearest purpose after the verb in its provision (whose own
        // tokens are one run: if the nearest is outside, all later are).
        let trailing = spans
            .first_after(c.hit.last())
            .filter(|&(a, _)| cx.prov_of_tok(a) == cx.prov(&c.hit));
        if let Some(s) = c.leading.map(|(a, b, _)| (a, b)).or(trailing) {
            hits.push(Hit::new(s.0, s.1, c.hit.concept(), None));
        }
        let mut evs = cx.evidence(&hits, None);
        // The lead-in whose purpose restricts the conduct limits it.
        if let Some(lp) = c.lead_purpose {
            evs.extend(
                cx.evidence(
                    &[lp],
                    Some("a restricting purpose that governs this conduct"),
                )
                .into_iter()
                .map(|e| e.with_role(Role::Limits)),
            );
        }
        ranked.push((c.rank, cx.unit(&c.hit), evs));
    }
    // A defence or exception in a deciding section, on the same conduct and
    // material, narrows what that section punishes.
    let units: Vec<Option<usize>> = chosen.iter().map(|c| cx.unit(&c.hit)).collect();
    let mut limited: Vec<usize> = Vec::new();
    let mut limits = Vec::new();
    for (unit, d) in &defences {
        let prov = cx.prov(d);
        if units.contains(unit) && !limited.contains(&prov) && limited.len() < 2 {
            limited.push(prov);
            // Only one naming the material itself ("It shall not be a
            // defence that the material was deleted" names only a head
            // noun, and widens the offence).
            let Some(material) = doc
                .hits_in(object, doc.provs[prov].toks.start, doc.provs[prov].toks.end)
                .next()
                .copied()
            else {
                continue;
            };
            let hits = [*d, material];
            limits.extend(
                cx.evidence(&hits, Some("a defence or exception to the offence"))
                    .into_iter()
                    .take(1)
                    .map(|e| e.ranked(LIMITS_RANK).with_role(Role::Limits)),
            );
        }
    }
    crate::assess::spread_ranks(&mut ranked);
    out.evidence
        .extend(ranked.into_iter().flat_map(|(_, _, e)| e));
    out.evidence.extend(limits);
    if !conducts.is_empty() {
        out.facts.insert("conducts".into(), json!(conducts));
    }
    let cites: Vec<String> = chosen
        .iter()
        .map(|c| doc.provs[cx.prov(&c.hit)].citation.clone())
        .collect();
    out.notes.push(match status {
        Status::Met => format!(
            "{}: punishable in {} with the material as object.",
            doc.path,
            dedup_join(cites)
        ),
        Status::Partial => format!(
            "{}: punishable only with a restricting purpose, in {}.",
            doc.path,
            dedup_join(cites)
        ),
        Status::NotMet if rejected.is_empty() => format!(
            "{}: no offence makes this conduct punishable with the material as its object.",
            doc.path
        ),
        Status::NotMet | Status::NotAssessed => format!(
            "{}: the words occur only outside offences: {}.",
            doc.path,
            rejected.join("; ")
        ),
    });
    if status == Status::NotMet {
        if let Some((_, miss)) = nearest {
            out.notes
                .push(format!("Nearest miss ({}): {miss}.", doc.path));
        }
    }
    out
}

/// Why a conduct with the material in its section is not an offence, with
/// how near it comes (lower is nearer): `“possess” is prohibited in 5 but
/// no penalty applies to it`.
fn near_miss(cx: &Cx, object: usize, h: &Hit) -> Option<(u8, String)> {
    let doc = cx.doc;
    let prov = cx.prov(h);
    let pr = &doc.provs[prov];
    let (us, ue) = match pr.unit {
        Some(u) => (doc.provs[u].toks.start, doc.provs[u].subtree_end),
        None => (pr.toks.start, pr.toks.end),
    };
    doc.hits_in(object, us, ue).next()?;
    let word = doc.hit_text(h);
    let at = &pr.citation;
    let with = |how: &str| format!("“{word}” with the material appears {how}");
    if doc.in_defence(h.first()) {
        return Some((1, with(&format!("in {at} only in a defence or exception"))));
    }
    if pr.offence {
        return Some((2, with(&format!("in {at} only as an aggravation"))));
    }
    // Prohibited in the conduct's own sentence ("no person may possess …",
    // 禁止…持有), with no penalty in the provision or one citing it.
    let sent = doc.sent(h.first());
    let prohibited = cx
        .engine
        .role(crate::checklist::Role::Prohibition)
        .iter()
        .any(|&c| {
            doc.hits_in(c, pr.toks.start, pr.toks.end)
                .any(|p| doc.sent(p.first()) == sent)
        });
    Some(if prohibited {
        (
            0,
            format!("“{word}” is prohibited in {at} but no penalty applies to it"),
        )
    } else if pr.definition {
        (4, with(&format!("only in the definition {at}")))
    } else {
        (3, with(&format!("in {at}, which makes nothing punishable")))
    })
}

/// The `not_with` phrase (victim compensation or care) that takes a
/// conduct's sentence out of the offence: one before the conduct in its
/// sentence, or after it with no penalty between them ("… shall be punished
/// with imprisonment and pay compensation to the victim" stays an offence).
fn redress_of(cx: &Cx, p: &OffenceConductParams, h: &Hit) -> Option<Hit> {
    let doc = cx.doc;
    let sent = doc.sent(h.first());
    let start = doc.provs[cx.prov(h)]
        .unit
        .map_or(0, |u| doc.provs[u].toks.start);
    let end = doc.unit_end(cx.prov(h));
    let penalty_between = |a: usize, b: usize| {
        cx.engine
            .role(crate::checklist::Role::Penalty)
            .iter()
            .any(|&c| doc.hits_in(c, a, b).next().is_some())
    };
    p.not_with.iter().find_map(|id| {
        doc.hits_in(cx.c(id), start, end)
            .find(|r| {
                doc.sent(r.first()) == sent
                    && !doc.tokens[r.first()].heading()
                    && r.via.is_none()
                    && (r.last() < h.first()
                        || (r.first() > h.last() && !penalty_between(h.last() + 1, r.first())))
            })
            .copied()
    })
}

/// Rank of a limiting piece of evidence: after what decides and defines.
const LIMITS_RANK: u32 = 60;

/// A restricting purpose in the provision that leads into the list holding
/// a conduct (its lead-in ends in a colon or a dash), with no conduct
/// before it there: it governs every item of the list.
fn lead_in_purpose(cx: &Cx, p: &OffenceConductParams, h: &Hit, verbs: &[Hit]) -> Option<Hit> {
    let purpose = cx.c(p.purpose.as_deref()?);
    let doc = cx.doc;
    let (lead, _) = doc.lead_in[cx.prov(h)]?;
    let r = doc.provs[lead].toks.clone();
    doc.hits_in(purpose, r.start, r.end)
        .find(|x| {
            !doc.tokens[x.first()].heading()
                && !verbs
                    .iter()
                    .any(|v| v.first() <= x.first() && x.last() <= v.last())
                && !verbs[verbs.partition_point(|v| v.first() < r.start)..]
                    .iter()
                    .take_while(|v| v.first < x.first)
                    .any(|v| v.last() < x.first() && !doc.tokens[v.first()].heading())
        })
        .copied()
}

/// The object of a conduct a child is made to take part in ("involving a
/// child … in the production … of the pornographic material", "associer
/// un mineur à la production du matériel pornographique", "… cena
/// pornográfica, envolvendo criança"): a sexual object of such a conduct
/// is the material. The participation phrase stands right before the
/// conduct (with no sexual word between them, which would make it another
/// clause: "uses a child for sexual purposes or distributes pornography"),
/// around it, or right after the object.
/// Returns the participation phrase.
fn with_child_taking_part(cx: &Cx, p: &OffenceConductParams, h: &Hit, obj: &Hit) -> Option<Hit> {
    let (Some(part), Some(qual)) = (&p.participation, &p.qualifier) else {
        return None;
    };
    let doc = cx.doc;
    let (part, qual) = (cx.c(part), cx.c(qual));
    let sent = doc.sent(h.first());
    let same_sent = |t: usize| doc.sent(t) == sent && !doc.tokens[t].heading();
    if !same_sent(obj.first()) {
        return None;
    }
    // The object is sexual: a qualifier on it or right beside it.
    let (a, b) = (
        obj.first().saturating_sub(QUALIFIER_GAP),
        obj.last() + QUALIFIER_GAP + 1,
    );
    doc.hits_in(qual, a, b).find(|q| same_sent(q.first()))?;
    let lo = h.first().min(obj.first());
    let hi = h.last().max(obj.last());
    let near = |x: u32, y: u32| y.saturating_sub(x) <= PARTICIPATION_GAP;
    let from = doc.tok_at_pos(cx.pos(lo).saturating_sub(p.window));
    doc.hits_in(part, from, doc.unit_end(cx.prov(h)))
        .filter(|x| same_sent(x.first()) && same_sent(x.last()))
        .find(|x| {
            let before = x.last() < h.first()
                && near(cx.pos(x.last()), cx.pos(h.first()))
                && doc.hits_in(qual, x.last() + 1, h.first()).next().is_none();
            let around = x.first() < h.first() && x.last() > h.last();
            let after = x.first() > hi && near(cx.pos(hi), cx.pos(x.first()));
            before || around || after
        })
        .copied()
}

/// Tokens between a sexual qualifier and the object it marks.
const QUALIFIER_GAP: usize = 2;

/// Positions between a participation phrase and the conduct (or object).
const PARTICIPATION_GAP: u32 = 8 * 2;

/// True for the conduct a deeming clause defines: the provision opens with
/// the deeming words and the conduct stands before the first condition word
/// ("… a person has material in their possession if it is …").
fn defined_by_deeming(cx: &Cx, p: &OffenceConductParams, h: &Hit) -> bool {
    let (Some(deeming), Some(condition)) = (&p.deeming, &p.condition) else {
        return false;
    };
    let doc = cx.doc;
    let pr = &doc.provs[cx.prov(h)];
    let body_start = pr
        .toks
        .clone()
        .find(|&t| !doc.tokens[t].heading())
        .unwrap_or(pr.toks.start);
    let opens = doc
        .hits_in(cx.c(deeming), body_start, pr.toks.end)
        .any(|d| cx.pos(d.first()) - cx.pos(body_start) <= DEEMING_OPENING);
    if !opens {
        return false;
    }
    let first_condition = doc
        .hits_in(cx.c(condition), body_start, pr.toks.end)
        .map(|c| c.first)
        .min();
    first_condition.is_some_and(|c| h.first < c)
}

fn dedup_join(mut v: Vec<String>) -> String {
    v.dedup();
    v.join(", ")
}

/// The material in a later item of the list holding a conduct's item,
/// where that item states no conduct of its own: the elements of one
/// offence ("A person commits an offence if: (a) the person has possession
/// of material; and (b) the material is child abuse material"). An item
/// with a verb of its own is another offence ("(a) possesses obscene
/// material; or (b) distributes child pornography").
fn material_in_element(cx: &Cx, prov: usize, object: usize, verbs: &[Hit]) -> Option<Hit> {
    let doc = cx.doc;
    let (lead, item) = doc.lead_in[prov]?;
    let lp = &doc.provs[lead];
    let end = lp.subtree_end.min(doc.tokens.len());
    // Sibling by sibling: each jump skips a whole item.
    let mut k = doc.provs[item].subtree_end;
    while k < end {
        let q = doc.prov_of(k);
        let r = doc.provs[q].toks.start..doc.provs[q].subtree_end;
        let verb_in = |v: &[Hit]| {
            v.get(v.partition_point(|v| v.first() < r.start))
                .is_some_and(|v| v.first() < r.end)
        };
        if doc.provs[q].parent == Some(lead) && !verb_in(verbs) {
            if let Some(m) = doc.hits_in(object, r.start, r.end).next() {
                return Some(*m);
            }
        }
        k = r.end.max(k + 1);
    }
    None
}

/// The material in the clause of a conduct at `prov`: its provision and
/// those below it, or — when the clause refers back — the text above it and
/// its earlier siblings.
fn material_in_clause(
    cx: &Cx,
    prov: usize,
    object: usize,
    anaphor: Option<usize>,
    conduct: &Hit,
) -> Option<Hit> {
    let doc = cx.doc;
    let p = &doc.provs[prov];
    let in_range = |a: usize, b: usize| {
        doc.hits_in(object, a, b)
            .find(|h| !overlaps(h, conduct))
            .copied()
    };
    // Its own provision and everything below it.
    if let Some(h) = in_range(p.toks.start, p.subtree_end) {
        return Some(h);
    }
    // The provisions above it, up to its section.
    // A section or article refers back within itself only.
    let mut cur = if Some(prov) == p.unit { None } else { p.parent };
    let mut prev_start = p.toks.start;
    let refers_back =
        anaphor.is_some_and(|a| doc.hits_in(a, p.toks.start, p.toks.end).next().is_some());
    // The text above it (not its headings) and earlier siblings count only
    // when the clause refers back ("such photographs"): a generic word near
    // the verb ("pornography") is not the material, even in a section
    // about children.
    while let Some(a) = cur {
        if !refers_back {
            break;
        }
        let ap = &doc.provs[a];
        let body_start = (ap.toks.start..ap.toks.end)
            .find(|&t| !doc.tokens[t].heading())
            .unwrap_or(ap.toks.end);
        if let Some(h) = in_range(body_start, ap.toks.end) {
            return Some(h);
        }
        if let Some(h) = in_range(ap.toks.end, prev_start) {
            return Some(h);
        }
        if Some(a) == p.unit {
            break;
        }
        prev_start = ap.toks.start;
        cur = ap.parent;
    }
    None
}

fn overlaps(a: &Hit, b: &Hit) -> bool {
    a.first() <= b.last() && b.first() <= a.last()
}

/// Restricting purposes in a document: the spans of the purpose phrases
/// that follow their conduct, and the purposes that lead theirs.
#[derive(Default)]
struct Purposes {
    /// Purpose phrases after their conduct, extended over the list of verbs
    /// that follows the phrase ("for the purpose of transmission, making
    /// available …"): the verbs in them are the purpose, not conducts.
    spans: TokenSpans,
    /// A purpose phrase before its conduct, with no conduct before it in
    /// its sentence ("Le fait, en vue de sa diffusion, de fixer …", "a
    /// person who, for the purpose of distribution, makes …", 以牟利或者传播为目的持有): (phrase start, phrase end, end of the verb
    /// list that follows it). The verbs of that list are the conducts, and
    /// purposive.
    leading: Vec<(usize, usize, usize)>,
    /// The furthest verb-list end of the leading purposes up to each one.
    leading_reach: Vec<usize>,
}

impl Purposes {
    /// The leading purpose whose verb list holds `h`, if any.
    fn leading_of(&self, h: &Hit) -> Option<(usize, usize, usize)> {
        let t = h.first();
        // Only those whose list reaches `t` (the reach only grows) and
        // whose phrase starts before it can hold it.
        let from = self.leading_reach.partition_point(|&e| e < t);
        let to = self.leading.partition_point(|&(a, _, _)| a < t);
        self.leading[from..to.max(from)]
            .iter()
            .copied()
            .find(|&(_, b, e)| t > b && t <= e)
    }
}

/// The restricting purposes of a document (see [`Purposes`]).
fn purpose_spans(cx: &Cx, p: &OffenceConductParams, verbs: &[Hit]) -> Purposes {
    let Some(purpose) = &p.purpose else {
        return Purposes::default();
    };
    let mut spans = Vec::new();
    let mut leading = Vec::new();
    // Verbs are in document order: the furthest last token of those up to
    // each one answers "does a verb starting at or before t reach u".
    let mut furthest = 0;
    let verb_reach: Vec<usize> = verbs
        .iter()
        .map(|v| {
            furthest = furthest.max(v.last());
            furthest
        })
        .collect();
    let starting_by = |t: usize| verbs.partition_point(|v| v.first() <= t);
    for h in cx.hits(purpose) {
        // "lend for gain", "offer for sale": part of the verb, not a purpose.
        let n = starting_by(h.first());
        if n > 0 && verb_reach[n - 1] >= h.last() {
            continue;
        }
        let prov = cx.prov(&h);
        let own = &cx.doc.provs[prov].toks;
        let sent = cx.doc.sent(h.first());
        // With no conduct before it in its sentence, a purpose leads the
        // conduct that follows it. (A provision's own tokens are one run:
        // the verbs of `prov` start inside it.)
        let s0 = cx.doc.sentence_start(h.first());
        let leads = !verbs[verbs.partition_point(|v| v.first() < s0)..n]
            .iter()
            .any(|v| v.last() < h.first());
        let mut end = h.last();
        loop {
            let next = verbs[starting_by(end)..]
                .iter()
                .take_while(|v| {
                    v.first() < own.end
                        && cx.pos(v.first()).saturating_sub(cx.pos(end)) <= PURPOSE_LIST_GAP + 2
                })
                .find(|v| cx.doc.sent(v.first()) == sent);
            match next {
                Some(v) => end = v.last(),
                None => break,
            }
        }
        if leads && end > h.last() {
            spans.push((h.first(), h.last()));
            leading.push((h.first(), h.last(), end));
        } else {
            spans.push((h.first(), end));
        }
    }
    let mut furthest = 0;
    let leading_reach = leading
        .iter()
        .map(|&(_, _, e)| {
            furthest = furthest.max(e);
            furthest
        })
        .collect();
    Purposes {
        spans: TokenSpans::new(spans),
        leading,
        leading_reach,
    }
}

impl Cx<'_> {
    pub(crate) fn prov_of_tok(&self, t: usize) -> usize {
        self.doc.prov_of(t)
    }
}

#[cfg(test)]
mod tests {
    use crate::assess::checks::outcome_of;
    use crate::checklist::Status;

    fn nearest_miss(item: &str, text: &str) -> Option<String> {
        let o = outcome_of(item, text);
        assert_eq!(o.status, Some(Status::NotMet), "{:?}", o.notes);
        o.notes.into_iter().find(|n| n.starts_with("Nearest miss"))
    }

    #[test]
    fn a_prohibition_without_penalty_is_the_nearest_miss() {
        let en = "---\njurisdiction: t\nlanguage: en\n---\n## Section 4. Prohibited content\n\nNo person may possess child sexual abuse material.\n\n## Section 5. Notices\n\nThe regulator may issue a notice to a hosting service.\n";
        let miss = nearest_miss("CSAM-POSSESS", en).unwrap();
        assert!(
            miss.contains("“possess” is prohibited in 4 but no penalty applies to it"),
            "{miss}"
        );
        let zh = "---\njurisdiction: t\nlanguage: zh\n---\n第五条 禁止任何组织和个人持有涉及未成年人的淫秽色情物品。\n\n第六条 网信部门应当加强监督检查。\n";
        let miss = nearest_miss("CSAM-POSSESS", zh).unwrap();
        assert!(
            miss.contains("“持有” is prohibited in 第五条 but no penalty applies to it"),
            "{miss}"
        );
    }

    /// (citation, role) of each piece of evidence.
    fn roles(item: &str, text: &str) -> (Status, Vec<(String, &'static str)>) {
        let o = outcome_of(item, text);
        let r = o
            .evidence
            .iter()
            .map(|e| (e.citation.clone(), e.role.as_str()))
            .collect();
        (o.status.unwrap(), r)
    }

    #[test]
    fn a_purpose_in_the_lead_in_limits_every_item_and_is_cited_as_limiting() {
        for (text, lead) in [
            (
                include_str!("../../../tests/fixtures/checks/CSAM-POSSESS/en-partial-2.md"),
                "8(1)",
            ),
            (
                include_str!("../../../tests/fixtures/checks/CSAM-POSSESS/fr-partial-2.md"),
                "8",
            ),
        ] {
            let (status, r) = roles("CSAM-POSSESS", text);
            assert_eq!(status, Status::Partial, "{r:?}");
            assert_eq!(r[0].1, "decides", "{r:?}");
            assert!(r.contains(&(lead.to_string(), "limits")), "{r:?}");
        }
    }

    #[test]
    fn a_defence_in_the_deciding_section_is_cited_as_limiting() {
        for (text, offence, defence) in [
            (
                include_str!("../../../tests/fixtures/checks/CSAM-POSSESS/en-met-4.md"),
                "9(1)",
                "9(2)",
            ),
            (
                include_str!("../../../tests/fixtures/checks/CSAM-POSSESS/fr-met-2.md"),
                "9 (al. 1)",
                "9 (al. 2)",
            ),
        ] {
            let (status, r) = roles("CSAM-POSSESS", text);
            assert_eq!(status, Status::Met, "{r:?}");
            assert_eq!(r[0], (offence.to_string(), "decides"), "{r:?}");
            assert!(r.contains(&(defence.to_string(), "limits")), "{r:?}");
        }
    }

    #[test]
    fn a_conduct_only_in_a_defence_is_named_as_such_and_none_without_the_material() {
        let en = "---\njurisdiction: t\nlanguage: en\n---\n## Section 4. Defence\n\nIt is a defence to a charge under this Act that the accused possessed the child sexual abuse material for a court.\n";
        let miss = nearest_miss("CSAM-POSSESS", en);
        assert!(miss.is_some_and(|m| m.contains("defence")));
        let other = "---\njurisdiction: t\nlanguage: en\n---\n## Section 4. Firearms\n\nNo person may possess a firearm without a licence.\n";
        assert_eq!(nearest_miss("CSAM-POSSESS", other), None);
    }
}
