//! `offence-medium`: an offence about children or the material that names
//! the medium (computer systems, networks, "by any means"), in its own words
//! or through a definition it uses.

use super::Cx;
use crate::assess::Outcome;
use crate::checklist::{OffenceMediumParams, Status};
use crate::extract::Hit;

/// `offence-medium`, one document.
pub(super) fn run(cx: &Cx, p: &OffenceMediumParams) -> Outcome {
    let doc = cx.doc;
    let subjects: Vec<usize> = p.subjects.iter().map(|s| cx.c(s)).collect();
    let penalties: Vec<usize> = cx.engine.role(crate::checklist::Role::Penalty).to_vec();
    // A medium after the penalty that follows the subject belongs to the
    // sanction ("… shall be imprisoned, and may be barred from using the
    // internet"), not to the offence.
    let in_sanction = |s: &Hit, m: &Hit| {
        let sent = doc.sent(m.first());
        penalties.iter().any(|&c| {
            doc.hits_in(c, s.last() + 1, m.first())
                .any(|p| p.last() < m.first() && doc.sent(p.first()) == sent)
        })
    };
    let mut out = Outcome::default();
    let mut found = Vec::new();
    for m in cx.hits(&p.medium) {
        let prov = cx.prov(&m);
        let pr = &doc.provs[prov];
        if !pr.offence || doc.in_defence(m.first()) || doc.in_aggravation(m.first()) {
            continue;
        }
        // The nearest subject; the material is a stronger subject than a
        // child (it is what the offence is about).
        let mut best: Option<(u32, Hit)> = None;
        for (k, &s) in subjects.iter().enumerate() {
            // Only subjects within the window can count.
            for h in doc.hits_near(s, m.first(), p.window) {
                let d = cx.pos(h.first()).abs_diff(cx.pos(m.first()));
                if cx.unit(h) == pr.unit
                    && d <= p.window
                    && doc.sent(h.first()) == doc.sent(m.first())
                    && !(h.last() < m.first() && in_sanction(h, &m))
                {
                    let material_first = if p.subjects.len() > 1 && k + 1 == p.subjects.len() {
                        0
                    } else {
                        3
                    };
                    let rank = material_first + d / 8 + if m.via.is_some() { 5 } else { 0 };
                    if best.is_none_or(|(r, _)| rank < r) {
                        best = Some((rank, *h));
                    }
                }
            }
        }
        if let Some((rank, s)) = best {
            found.push((m, s, rank));
        }
    }
    if found.is_empty() {
        out.status = Some(Status::NotMet);
        out.notes.push(format!(
            "{}: no offence about children names the medium.",
            doc.path
        ));
        return out;
    }
    out.status = Some(Status::Met);
    found.sort_by_key(|(m, _, r)| (*r, m.first));
    let mut cited: rustc_hash::FxHashSet<(usize, Option<usize>)> = Default::default();
    let mut ranked = Vec::new();
    for (m, s, rank) in &found {
        if !cited.insert((cx.prov(m), m.via())) {
            continue;
        }
        ranked.push((*rank, cx.unit(m), cx.evidence(&[*m, *s], None)));
    }
    crate::assess::spread_ranks(&mut ranked);
    out.evidence
        .extend(ranked.into_iter().flat_map(|(_, _, e)| e));
    let (m, _, _) = found[0];
    out.notes.push(format!(
        "{}: “{}” in the offence {}{}.",
        doc.path,
        doc.hit_text(&m),
        doc.provs[cx.prov(&m)].citation,
        if m.via.is_some() {
            " (through a definition it uses)"
        } else {
            ""
        }
    ));
    out
}
