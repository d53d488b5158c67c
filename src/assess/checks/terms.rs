//! `term-usage`: which names a jurisdiction gives a thing — recommended
//! ones ("child sexual abuse material"), discouraged ones ("child
//! pornography"), or others ("indecent photograph of a child").

use serde_json::json;

use super::Cx;
use crate::assess::Outcome;
use crate::checklist::{Status, TermUsageParams};

/// Evidence entries kept per kind of name.
const PER_KIND: usize = 3;

/// `term-usage`, one document: what names it uses.
pub(super) fn run(cx: &Cx, p: &TermUsageParams) -> Outcome {
    let doc = cx.doc;
    let mut out = Outcome::default();
    let direct = |id: &str| -> Vec<crate::extract::Hit> {
        cx.hits(id)
            .into_iter()
            .filter(|h| h.via.is_none())
            .collect()
    };
    let preferred = direct(&p.preferred);
    let discouraged = direct(&p.discouraged);
    out.aux.preferred = cx.evidence(
        &preferred[..preferred.len().min(PER_KIND)],
        Some("recommended term"),
    );
    out.aux.discouraged = cx.evidence(
        &discouraged[..discouraged.len().min(PER_KIND)],
        Some("discouraged term"),
    );
    let mut others: Vec<String> = direct(&p.subject)
        .iter()
        .filter(|h| {
            !preferred
                .iter()
                .chain(&discouraged)
                .any(|x| x.first() <= h.last() && h.first() <= x.last())
        })
        .map(|h| doc.hit_text(h).to_lowercase())
        .collect();
    others.sort();
    others.dedup();
    out.aux.other_names = others;
    out
}

/// Combine the names used in all documents of a jurisdiction.
pub(super) fn combine(outs: &[&Outcome]) -> Outcome {
    let preferred: Vec<_> = outs
        .iter()
        .flat_map(|o| o.aux.preferred.iter().cloned())
        .collect();
    let discouraged: Vec<_> = outs
        .iter()
        .flat_map(|o| o.aux.discouraged.iter().cloned())
        .collect();
    let mut others: Vec<String> = outs
        .iter()
        .flat_map(|o| o.aux.other_names.iter().cloned())
        .collect();
    others.sort();
    others.dedup();
    let status = match (preferred.is_empty(), discouraged.is_empty()) {
        (false, true) => Status::Met,
        (false, false) => Status::Partial,
        _ => Status::NotMet,
    };
    let mut out = Outcome {
        status: Some(status),
        ..Outcome::default()
    };
    let words = |v: &[crate::assess::Evidence]| {
        let mut w: Vec<String> = v
            .iter()
            .flat_map(|e| e.matched.iter().map(|m| m.to_lowercase()))
            .collect();
        w.sort();
        w.dedup();
        w
    };
    out.facts
        .insert("recommended_terms".into(), json!(words(&preferred)));
    out.facts
        .insert("discouraged_terms".into(), json!(words(&discouraged)));
    if !others.is_empty() {
        out.facts.insert("other_names".into(), json!(others));
    }
    out.notes.push(match status {
        Status::Met => "Only recommended terms name the material.".to_string(),
        Status::Partial => format!(
            "Recommended terms ({}) and discouraged ones ({}) are both used.",
            words(&preferred).join(", "),
            words(&discouraged).join(", ")
        ),
        Status::NotMet if !discouraged.is_empty() => format!(
            "Only discouraged terms name the material: {}.",
            words(&discouraged).join(", ")
        ),
        Status::NotMet if !others.is_empty() => format!(
            "Neither kind of term is used; the material is named in other words: {}.",
            others.join(", ")
        ),
        Status::NotMet | Status::NotAssessed => "The material is not named.".to_string(),
    });
    out.evidence = preferred;
    out.evidence.extend(
        discouraged
            .into_iter()
            .map(|e| e.with_role(crate::assess::Role::Contradicts)),
    );
    out
}
