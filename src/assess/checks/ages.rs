//! Ages: `protected-age` (who is a child), `age-consistency` (one threshold
//! across instruments) and `age-fact` (an age stated in a context: the age
//! of criminal responsibility, the age of parental consent).
//!
//! The protected person's thresholds are the ages in definitions of terms
//! naming children, and the threshold itself where an offence's own text or
//! a child-naming phrase states it. Ages in rules about sub-groups,
//! aggravations, consent or procedure are not definitions and are left out.

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{Value, json};

use super::{Cx, clause};
use crate::assess::{Evidence, Outcome, Role as EvidenceRole};
use crate::checklist::Role;
use crate::checklist::{AgeFactParams, ProtectedAgeParams, Status};
use crate::extract::{AgeFact, Bound};

/// Words within which a child-naming word and an age belong together.
const NEAR_PERSON: u32 = 12 * 2;

struct Threshold {
    value: u32,
    defined: bool,
    term: String,
    evidence: Evidence,
}

/// True when a defined term names a person: it starts with a child-naming
/// word and is not the name of a thing ("child sexual abuse material").
fn names_person(
    cx: &Cx,
    d: &crate::extract::Definition,
    person: usize,
    not_person: &[usize],
) -> bool {
    let doc = cx.doc;
    // The term may still hold the definition's own opening words (`所稱兒童`,
    // a Traditional text): the child-naming word then starts right after
    // them.
    let intro_end = cx
        .engine
        .role(Role::DefinitionMarkerBeforeTerm)
        .iter()
        .flat_map(|&c| doc.hits_in(c, d.term_first, d.term_first + 1))
        .filter(|h| h.last() < d.term_last)
        .map(|h| h.last() + 1)
        .max();
    let starts = doc.hits_in(person, d.term_first, d.term_last + 1).any(|h| {
        h.via.is_none()
            && (h.first() == d.term_first || Some(h.first()) == intro_end)
            && h.last() <= d.term_last
    });
    let thing = not_person.iter().any(|&head| {
        doc.hits_in(head, d.term_first, d.term_last + 1)
            .any(|h| h.last() <= d.term_last)
    });
    starts && !thing
}

/// The definition (if any) of a person term that an age sits in.
fn defining_term<'d>(
    cx: &Cx<'d>,
    person: usize,
    not_person: &[usize],
    a: &AgeFact,
) -> Option<&'d crate::extract::Definition> {
    // Definitions are sorted by their term and end in that order (each
    // where the next starts, or with its section): look back from the
    // last one starting at or before the age, until one ends before it.
    let defs = &cx.doc.defs;
    let upto = defs.partition_point(|d| d.term_first <= a.tok);
    let mut found = None;
    for d in defs[..upto].iter().rev() {
        if d.end <= a.tok {
            break;
        }
        if names_person(cx, d, person, not_person) {
            found = Some(d);
        }
    }
    found
}

fn thresholds(cx: &Cx, p: &ProtectedAgeParams) -> Vec<Threshold> {
    let doc = cx.doc;
    let person = cx.c(&p.person);
    let not_with: Vec<usize> = p.not_with.iter().map(|c| cx.c(c)).collect();
    let not_person: Vec<usize> = p.not_person.iter().map(|c| cx.c(c)).collect();
    // The sentences, within each provision, that hold a phrase of another
    // rule: found once, not per age.
    let other_rules: FxHashSet<(usize, u32)> = not_with
        .iter()
        .flat_map(|&c| doc.hits_in(c, 0, doc.tokens.len()))
        .map(|h| (doc.prov_of(h.first()), doc.sent(h.first())))
        .collect();
    let mut out = Vec::new();
    // A threshold once per provision: a second "under 18" there adds
    // nothing a reader could check (the evidence keeps one per provision).
    let mut seen: FxHashSet<(usize, u32, bool, &str)> = FxHashSet::default();
    for a in &doc.ages {
        if a.age.bound != Bound::Under {
            continue;
        }
        let prov = &doc.provs[a.prov];
        let ev =
            |note: String| Evidence::from_range(doc, a.prov, a.age.start, a.age.end, Some(note));
        if let Some(d) = defining_term(cx, person, &not_person, a) {
            if !seen.insert((a.prov, a.age.value, true, &d.term)) {
                continue;
            }
            out.push(Threshold {
                value: a.age.value,
                defined: true,
                term: d.term.clone(),
                evidence: ev(format!("defines “{}” as under {}", d.term, a.age.value)),
            });
            continue;
        }
        // The threshold itself, stated for a child-naming word or in an
        // offence's own text; never from an aggravation, a mitigation, a
        // defence or a rule on criminal responsibility.
        if a.age.value != p.threshold || doc.in_aggravation(a.tok) || doc.in_defence(a.tok) {
            continue;
        }
        // Sentences and the words near the age lie in its provision.
        let (ps, pe) = (prov.toks.start, prov.toks.end);
        if other_rules.contains(&(doc.prov_of(a.tok), doc.sent(a.tok))) {
            continue;
        }
        let near_person = doc.hits_near(person, a.tok, NEAR_PERSON).any(|h| {
            (ps..pe).contains(&h.first())
                && doc.prov_of(h.first()) == a.prov
                && doc.pos(h.first()).abs_diff(doc.pos(a.tok)) <= NEAR_PERSON
        });
        if (near_person || prov.offence) && seen.insert((a.prov, a.age.value, false, "")) {
            out.push(Threshold {
                value: a.age.value,
                defined: false,
                term: String::new(),
                evidence: ev(format!(
                    "under {} in the text of {}",
                    a.age.value, prov.citation
                )),
            });
        }
    }
    out
}

fn threshold_fact(t: &Threshold) -> Value {
    json!({
        "age": t.value,
        "term": if t.term.is_empty() { Value::Null } else { Value::String(t.term.clone()) },
        "citation": t.evidence.citation,
        "document": t.evidence.document,
        "defines": t.defined,
    })
}

/// `protected-age`, one document.
pub(super) fn protected(cx: &Cx, p: &ProtectedAgeParams) -> Outcome {
    let ts = thresholds(cx, p);
    let at = ts.iter().filter(|t| t.value == p.threshold);
    let lower: Vec<&Threshold> = ts
        .iter()
        .filter(|t| t.defined && t.value < p.threshold)
        .collect();
    let has = ts.iter().any(|t| t.value == p.threshold);
    let status = match (has, lower.is_empty()) {
        (true, true) => Status::Met,
        (true, false) => Status::Partial,
        _ => Status::NotMet,
    };
    let mut out = Outcome {
        status: Some(status),
        ..Outcome::default()
    };
    // Definitions first: they decide.
    let mut at: Vec<&Threshold> = at.collect();
    at.sort_by_key(|t| !t.defined);
    out.evidence.extend(at.iter().map(|t| t.evidence.clone()));
    out.evidence.extend(
        lower
            .iter()
            .map(|t| t.evidence.clone().with_role(EvidenceRole::Contradicts)),
    );
    out.facts.insert(
        "thresholds".into(),
        Value::Array(ts.iter().map(threshold_fact).collect()),
    );
    let doc = &cx.doc.path;
    out.notes.push(match status {
        Status::Met => format!(
            "{doc}: the protected person is under {} ({}).",
            p.threshold,
            cites(&at)
        ),
        Status::Partial => format!(
            "{doc}: {} is used ({}), but {} defined with a lower age ({}).",
            p.threshold,
            cites(&at),
            lower
                .iter()
                .map(|t| format!("“{}”", t.term))
                .collect::<Vec<_>>()
                .join(", "),
            cites(&lower)
        ),
        Status::NotMet if lower.is_empty() => {
            format!("{doc}: no age defines the protected person.")
        }
        Status::NotMet | Status::NotAssessed => format!(
            "{doc}: only lower thresholds define the protected person ({}).",
            cites(&lower)
        ),
    });
    out.aux.thresholds = ts
        .into_iter()
        .map(|t| {
            let mut e = t.evidence;
            if !t.term.is_empty() {
                e.note = Some(format!("“{}”: under {}", t.term, t.value));
            }
            (t.value, e)
        })
        .collect();
    out
}

fn cites(ts: &[&Threshold]) -> String {
    let mut c: Vec<String> = ts.iter().map(|t| t.evidence.citation.clone()).collect();
    c.dedup();
    c.join(", ")
}

/// `age-consistency`: every threshold found in the jurisdiction.
pub(super) fn consistency(p: &ProtectedAgeParams, outs: &[&Outcome]) -> Outcome {
    let all: Vec<&(u32, Evidence)> = outs.iter().flat_map(|o| &o.aux.thresholds).collect();
    let at: Vec<&(u32, Evidence)> = all
        .iter()
        .copied()
        .filter(|(v, _)| *v == p.threshold)
        .collect();
    let lower: Vec<&(u32, Evidence)> = all
        .iter()
        .copied()
        .filter(|(v, _)| *v < p.threshold)
        .collect();
    let status = match (at.is_empty(), lower.is_empty()) {
        (false, true) => Status::Met,
        (false, false) => Status::Partial,
        _ => Status::NotMet,
    };
    let mut out = Outcome {
        status: Some(status),
        ..Outcome::default()
    };
    out.evidence.extend(at.iter().map(|(_, e)| e.clone()));
    out.evidence.extend(
        lower
            .iter()
            .map(|(_, e)| e.clone().with_role(EvidenceRole::Contradicts)),
    );
    let mut ages: Vec<u32> = all.iter().map(|(v, _)| *v).collect();
    ages.sort_unstable();
    ages.dedup();
    out.facts.insert("thresholds".into(), json!(ages));
    out.notes.push(match status {
        Status::Met => format!("Every threshold found is {}.", p.threshold),
        Status::Partial => format!(
            "Thresholds found: {ages:?}; {} and lower ones occur.",
            p.threshold
        ),
        Status::NotMet if ages.is_empty() => {
            "No threshold for the protected person was found.".to_string()
        }
        Status::NotMet | Status::NotAssessed => {
            format!("Thresholds found: {ages:?}; none is {}.", p.threshold)
        }
    });
    out
}

/// `age-fact`, one document.
/// The hits of a concept by sentence (the first token of each, in order):
/// whether a sentence holds one within a token range is a look-up.
struct SentenceHits(FxHashMap<u32, Vec<usize>>);

impl SentenceHits {
    fn new(doc: &crate::extract::DocFacts, concept: Option<usize>) -> Self {
        let mut map: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        if let Some(c) = concept {
            for h in doc.hits_in(c, 0, doc.tokens.len()) {
                map.entry(doc.sent(h.first())).or_default().push(h.first());
            }
        }
        SentenceHits(map)
    }

    fn any_in(&self, sent: u32, from: usize, to: usize) -> bool {
        self.0.get(&sent).is_some_and(|v| {
            v.get(v.partition_point(|&t| t < from))
                .is_some_and(|&t| t < to)
        })
    }
}

pub(super) fn fact(cx: &Cx, p: &AgeFactParams) -> Outcome {
    let doc = cx.doc;
    let not_person: Vec<usize> = p.not_person.iter().map(|c| cx.c(c)).collect();
    let windows = clause::matches(cx, &p.context);
    let mut found: Vec<(u32, Evidence)> = Vec::new();
    let mut defined_ages: Option<Vec<(u32, Evidence)>> = None;
    let person_sents = SentenceHits::new(doc, p.person.as_deref().map(|c| cx.c(c)));
    let unstated_sents = p
        .unstated
        .as_deref()
        .map(|u| SentenceHits::new(doc, Some(cx.c(u))));
    for w in &windows {
        let provs: Vec<usize> = w.hits.iter().map(|h| cx.prov(h)).collect();
        let from = doc.pos(w.first).saturating_sub(p.context.window * 2);
        let to = doc.pos(w.last) + p.context.window * 2;
        // Ages are in text order: those between `from` and `to`.
        let first_age = doc.ages.partition_point(|a| doc.pos(a.tok) < from);
        let near = doc.ages[first_age..]
            .iter()
            .take_while(|a| doc.pos(a.tok) <= to);
        // An age states the context's age in the context's own sentence
        // (or under a heading that names the context): "a person is not
        // criminally responsible …. A person of 16 may be a witness" states
        // no age of responsibility.
        let sents: Vec<u32> = w.hits.iter().map(|h| doc.sent(h.first())).collect();
        let headed = w.hits.iter().any(|h| doc.tokens[h.first()].heading());
        for a in near {
            let pos = doc.pos(a.tok);
            let same_sentence = headed || sents.contains(&doc.sent(a.tok));
            if provs.contains(&a.prov) && pos >= from && pos <= to && same_sentence {
                let mut e = Evidence::from_hits(
                    doc,
                    a.prov,
                    &w.hits,
                    Some(format!("age {} stated here", a.age.value)),
                );
                let age_text = doc.provs[a.prov].text[a.age.start..a.age.end].to_string();
                if !e.matched.contains(&age_text) {
                    e.matched.push(age_text);
                }
                found.push((a.age.value, e));
            }
        }
        // The age of a child-naming term used in the context (its sentence
        // or near it).
        if let Some(person) = &p.person {
            let c = cx.c(person);
            let sents: Vec<u32> = w.hits.iter().map(|h| doc.sent(h.first())).collect();
            // Sentences end with their section: the hits that can share
            // one with the window lie in the sections of its provisions.
            let (us, ue) = provs.iter().fold((usize::MAX, 0), |(s, e), &pv| {
                let start = doc.provs[pv].unit.map_or(0, |u| doc.provs[u].toks.start);
                (s.min(start), e.max(doc.unit_end(pv)))
            });
            let in_sentences =
                |index: &SentenceHits| sents.iter().any(|s| index.any_in(*s, us, ue));
            let delegated = unstated_sents.as_ref().is_some_and(in_sentences);
            let near = |h: &&crate::extract::Hit| provs.contains(&cx.prov(h));
            let uses_person = !delegated
                && (in_sentences(&person_sents)
                    || doc
                        .hits_in(
                            c,
                            us.max(doc.tok_at_pos(from)),
                            ue.min(doc.tok_at_pos(to.saturating_add(1))),
                        )
                        .any(|h| near(&h)));
            if uses_person && defined_ages.is_none() {
                // The same for every window: worked out once, added once.
                let defined = defined_ages.get_or_insert_with(|| {
                    doc.ages
                        .iter()
                        .filter(|a| a.age.bound == Bound::Under)
                        .filter_map(|a| {
                            let d = defining_term(cx, c, &not_person, a)?;
                            let e = Evidence::from_range(
                                doc,
                                a.prov,
                                a.age.start,
                                a.age.end,
                                Some(format!("“{}” is defined as under {}", d.term, a.age.value)),
                            );
                            Some((a.age.value, e))
                        })
                        .collect()
                });
                found.extend(defined.iter().cloned());
            }
        }
    }
    // The lower bound of a person term whose definition, or whose
    // instrument's title, names the concept.
    if let Some(bound) = &p.person_lower_bound {
        let with = cx.c(&bound.with);
        let person = cx.c(&bound.person);
        {
            for a in &doc.ages {
                if a.age.bound != Bound::AtLeast {
                    continue;
                }
                if let Some(d) = defining_term(cx, person, &not_person, a) {
                    // The definition names the concept, or the whole
                    // instrument is about it (a youth-justice law's
                    // "juvenile" is the person it applies to).
                    let names = doc.title_concepts.get(with).copied().unwrap_or(false)
                        || doc.hits_in(with, d.term_last + 1, d.end).next().is_some();
                    if names {
                        let e = Evidence::from_range(
                            doc,
                            a.prov,
                            a.age.start,
                            a.age.end,
                            Some(format!("“{}” applies from {} years", d.term, a.age.value)),
                        );
                        found.push((a.age.value, e));
                    }
                }
            }
        }
    }
    let mut out = Outcome::default();
    let lowest = found.iter().map(|(v, _)| *v).min();
    let status = match lowest {
        Some(age) => p
            .bands
            .iter()
            .find(|b| age >= b.at_least)
            .map_or(Status::NotMet, |b| b.status),
        None if !windows.is_empty() => p.without_age,
        None => Status::NotMet,
    };
    out.status = Some(status);
    let mut ages: Vec<u32> = found.iter().map(|(v, _)| *v).collect();
    ages.sort_unstable();
    ages.dedup();
    if let Some(age) = lowest {
        out.facts.insert("age".into(), json!(age));
        out.facts.insert("ages".into(), json!(ages));
        // The lowest age decides; show it first.
        found.sort_by_key(|(v, _)| *v);
        out.evidence.extend(found.into_iter().map(|(_, e)| e));
        out.notes.push(format!(
            "{}: ages found {:?}; the lowest, {}, gives {}.",
            doc.path,
            ages,
            age,
            status.as_str()
        ));
    } else if !windows.is_empty() {
        out.evidence.extend(
            windows
                .iter()
                .take(3)
                .flat_map(|w| cx.evidence(&w.hits, None)),
        );
        out.notes.push(format!(
            "{}: the context is there but no age is stated.",
            doc.path
        ));
    } else {
        out.notes
            .push(format!("{}: the context was not found.", doc.path));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checklist::Status;
    use crate::extract::tests::{engine, facts};

    fn status(lang: &str, item: &str, body: &str) -> Status {
        let e = engine();
        let d = facts(&e, lang, body);
        let item = e.law.checklist.items.iter().find(|i| i.id == item).unwrap();
        super::super::run(&e, item, &d).status.unwrap()
    }

    #[test]
    fn a_youth_justice_law_states_the_age_it_applies_from() {
        let def = "## Section 2. Interpretation\n\nIn this Act, \"young person\" means a person who has attained the age of twelve years but has not attained the age of eighteen years.\n";
        // The instrument is about offending: its person applies from 12.
        let youth =
            format!("---\njurisdiction: t\nlanguage: en\ntitle: Young Offenders Act\n---\n{def}");
        // The same definition in a welfare law states no such age.
        let welfare =
            format!("---\njurisdiction: t\nlanguage: en\ntitle: Child Welfare Act\n---\n{def}");
        for (body, want) in [(youth, Status::Partial), (welfare, Status::NotMet)] {
            let e = engine();
            let src = crate::source::Source::from_text("t.md", body).unwrap();
            let (st, _) = crate::parse::parse_statute(&src);
            let d = crate::extract::extract(&e, &st);
            let item = e
                .law
                .checklist
                .items
                .iter()
                .find(|i| i.id == "MACR")
                .unwrap();
            assert_eq!(super::super::run(&e, item, &d).status, Some(want));
        }
    }

    #[test]
    fn traditional_chinese_definitions_of_children_state_their_ages() {
        // 兒童 under 12 beside 兒童及少年 under 18: partial.
        let both =
            "第 2 條\n\n本法所稱兒童及少年，指未滿十八歲之人；所稱兒童，指未滿十二歲之人。\n";
        assert_eq!(status("zh", "CHILD-UNDER-18", both), Status::Partial);
        let only = "第 2 條\n\n本法所稱兒童及少年，指未滿十八歲之人。\n";
        assert_eq!(status("zh", "CHILD-UNDER-18", only), Status::Met);
        let lower = "第 2 條\n\n本法所稱兒童，指未滿十四歲之人。\n";
        assert_eq!(status("zh", "CHILD-UNDER-18", lower), Status::NotMet);
    }
}
