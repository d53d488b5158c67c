//! `material-definition` (is the material defined?) and
//! `definition-content` (does its definition say something, e.g. cover
//! computer-generated images?).
//!
//! A definition of the material is one whose term names it ("child
//! pornography" means …), or whose term is a head noun ("prohibited image")
//! defined in words that name it. Describing the material as an offence's
//! object is not defining it. For the content of the definition, the
//! definitions of the head nouns inside the material's name count too
//! ("pseudo-photograph" in "indecent pseudo-photograph of a child").

use super::Cx;
use crate::assess::{Evidence, Outcome};
use crate::checklist::{DefinitionContentParams, MaterialParams, Status};
use crate::extract::Definition;

fn term_has(cx: &Cx, d: &Definition, concept: usize) -> bool {
    cx.doc
        .hits_in(concept, d.term_first, d.term_last + 1)
        .any(|h| h.via().is_none() && h.last() <= d.term_last)
}

fn span_has(cx: &Cx, d: &Definition, concept: usize) -> bool {
    cx.doc
        .hits_in(concept, d.term_last + 1, d.end)
        .any(|h| h.via().is_none())
}

/// Definitions of the material in a document.
fn material_defs<'d>(cx: &Cx<'d>, material: &str, head: &str) -> Vec<&'d Definition> {
    let m = cx.c(material);
    let head = cx.c(head);
    cx.doc
        .defs
        .iter()
        .filter(|d| {
            term_has(cx, d, m) || (term_has(cx, d, head) && span_has(cx, d, m) && !d.by_reference)
        })
        .collect()
}

fn def_evidence(cx: &Cx, d: &Definition, note: &str) -> Evidence {
    let start = cx.doc.tokens[d.term_first].start as usize;
    let end = cx.doc.tokens[d.term_last].end as usize;
    Evidence::from_range(cx.doc, d.prov, start, end, Some(note.to_string()))
}

/// `material-definition`, one document.
pub(super) fn defined(cx: &Cx, p: &MaterialParams) -> Outcome {
    let doc = cx.doc;
    let mut out = Outcome::default();
    let defs = material_defs(cx, &p.material, &p.head);
    if !defs.is_empty() {
        out.status = Some(Status::Met);
        for d in &defs {
            let note = if d.by_reference {
                format!("“{}” defined by reference", d.term)
            } else {
                format!("definition of “{}”", d.term)
            };
            out.evidence.push(def_evidence(cx, d, &note));
        }
        out.notes.push(format!(
            "{}: defines {}.",
            doc.path,
            defs.iter()
                .map(|d| format!("“{}” ({})", d.term, doc.provs[d.prov].citation))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        return out;
    }
    // The material as the object of an offence.
    let m = cx.c(&p.material);
    let objects: Vec<_> = doc
        .hits_of(m)
        .filter(|h| {
            let pr = &doc.provs[cx.prov(h)];
            pr.offence
                && !pr.definition
                && !doc.in_defence(h.first())
                && !doc.in_aggravation(h.first())
        })
        .copied()
        .collect();
    if objects.is_empty() {
        out.status = Some(Status::NotMet);
        out.notes.push(format!(
            "{}: the material is neither defined nor the object of an offence.",
            doc.path
        ));
    } else {
        out.status = Some(Status::Partial);
        out.evidence.extend(cx.evidence(
            &objects[..objects.len().min(3)],
            Some("the material as an offence's object, not defined"),
        ));
        out.notes.push(format!(
            "{}: the material is the object of offences ({}) but never defined.",
            doc.path,
            doc.provs[cx.prov(&objects[0])].citation
        ));
    }
    out
}

/// `definition-content`, one document.
pub(super) fn content(cx: &Cx, p: &DefinitionContentParams) -> Outcome {
    let doc = cx.doc;
    let m = cx.c(&p.material);
    let wanted: Vec<usize> = p.concepts.iter().map(|c| cx.c(c)).collect();
    let mut defs: Vec<&Definition> = material_defs(cx, &p.material, &p.head)
        .into_iter()
        .filter(|d| !d.by_reference)
        .collect();
    // Head nouns defined on their own that are part of the material's name.
    {
        let head = cx.c(&p.head);
        for d in &doc.defs {
            if d.by_reference || !term_has(cx, d, head) || defs.iter().any(|x| std::ptr::eq(*x, d))
            {
                continue;
            }
            let part_of_name = doc.hits_of(m).any(|h| {
                h.via.is_none()
                    && (h.first()..=h.last()).any(|t| {
                        d.term_norms.len() <= h.last() + 1 - t
                            && d.term_norms
                                .iter()
                                .enumerate()
                                .all(|(k, n)| doc.tokens[t + k].norm() == *n)
                    })
                    && !(h.first() >= d.term_first && h.last() <= d.end)
            });
            if part_of_name {
                defs.push(d);
            }
        }
    }
    let mut out = Outcome::default();
    let mut hits = Vec::new();
    for d in &defs {
        for &c in &wanted {
            hits.extend(
                doc.hits_in(c, d.term_first, d.end)
                    .filter(|h| h.via().is_none())
                    .copied(),
            );
        }
    }
    if hits.is_empty() {
        out.status = Some(Status::NotMet);
        out.notes.push(if defs.is_empty() {
            format!(
                "{}: no definition of the material in its own words.",
                doc.path
            )
        } else {
            format!(
                "{}: the definitions ({}) hold no such words.",
                doc.path,
                defs.iter()
                    .map(|d| doc.provs[d.prov].citation.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        });
    } else {
        out.status = Some(Status::Met);
        out.evidence = cx.evidence(&hits, None);
        let words: Vec<String> = hits.iter().map(|h| doc.hit_text(h)).collect();
        out.notes.push(format!(
            "{}: the definition says {}.",
            doc.path,
            words
                .iter()
                .map(|w| format!("“{w}”"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out
}
