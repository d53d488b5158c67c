//! `offence-medium`: an offence about children or the material that names
//! the medium (computer systems, networks, "by any means"), in its own words
//! or through a definition it uses.

use super::Cx;
use crate::assess::Outcome;
use crate::checklist::{OffenceMediumParams, Status};

/// `offence-medium`, one document.
pub(super) fn run(cx: &Cx, p: &OffenceMediumParams) -> Outcome {
    let doc = cx.doc;
    let subjects: Vec<usize> = p.subjects.iter().map(|s| cx.c(s)).collect();
    let mut out = Outcome::default();
    let mut found = Vec::new();
    for m in cx.hits(&p.medium) {
        let prov = cx.prov(&m);
        let pr = &doc.provs[prov];
        if !pr.offence || pr.defence || pr.aggravation {
            continue;
        }
        let subject = subjects.iter().find_map(|&s| {
            doc.hits_of(s)
                .find(|h| cx.unit(h) == pr.unit && cx.pos(h.first).abs_diff(cx.pos(m.first)) <= p.window)
                .copied()
        });
        if let Some(s) = subject {
            found.push((m, s));
        }
    }
    if found.is_empty() {
        out.status = Some(Status::NotMet);
        out.notes.push(format!("{}: no offence about children names the medium.", doc.path));
        return out;
    }
    out.status = Some(Status::Met);
    // Direct wording first, then what comes through definitions.
    found.sort_by_key(|(m, _)| (m.via.is_some(), m.first));
    let mut cited: Vec<usize> = Vec::new();
    for (m, s) in &found {
        let prov = cx.prov(m);
        if cited.contains(&prov) {
            continue;
        }
        cited.push(prov);
        out.evidence.extend(cx.evidence(&[*m, *s], None));
        if cited.len() >= 4 {
            break;
        }
    }
    let (m, _) = found[0];
    out.notes.push(format!(
        "{}: “{}” in the offence {}{}.",
        doc.path,
        doc.hit_text(&m),
        doc.provs[cx.prov(&m)].citation,
        if m.via.is_some() { " (through a definition it uses)" } else { "" }
    ));
    out
}
