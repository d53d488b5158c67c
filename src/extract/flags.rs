//! Flags of each provision — offence, defence, aggravation, definition —
//! and the concepts named in the instrument's headings and title.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;

use super::Engine;
use super::facts::DocFacts;
use crate::checklist::Role;
use crate::parse::Kind;

/// Offence, defence, aggravation and definition flags, and the concepts
/// named in headings.
pub(super) fn flag_provisions(engine: &Engine, doc: &mut DocFacts) {
    let has_role = |doc: &DocFacts, role: Role, range: std::ops::Range<usize>| -> bool {
        engine.role(role).iter().any(|&c| {
            doc.hits_in(c, range.start, range.end)
                .any(|h| h.via.is_none())
        })
    };
    let first_of_role = |doc: &DocFacts, role: Role, range: std::ops::Range<usize>| {
        engine
            .role(role)
            .iter()
            .filter_map(|&c| {
                doc.hits_in(c, range.start, range.end)
                    .find(|h| h.via.is_none())
                    .map(|h| h.first())
            })
            .min()
    };
    doc.general_penalty = has_role(doc, Role::GeneralPenalty, 0..doc.tokens.len());
    let n = doc.provs.len();
    // Own text without the heading, for defence and aggravation wording.
    let body_range = |doc: &DocFacts, i: usize| -> std::ops::Range<usize> {
        let p = &doc.provs[i];
        match &p.heading {
            Some(h) if p.kind.is_unit() => {
                let skip = p
                    .toks
                    .clone()
                    .take_while(|&t| (doc.tokens[t].start as usize) < h.len())
                    .count();
                p.toks.start + skip..p.toks.end
            }
            _ => p.toks.clone(),
        }
    };
    let mut offence_unit = vec![false; n];
    let mut definition_unit = vec![false; n];
    let penalised = penalised_by_reference(engine, doc);
    for i in 0..n {
        let is_unit_root = doc.provs[i].unit == Some(i);
        if !is_unit_root {
            continue;
        }
        let range = doc.provs[i].toks.start..doc.provs[i].subtree_end;
        let penalty = has_role(doc, Role::Penalty, range.clone());
        let prohibition = has_role(doc, Role::Prohibition, range.clone());
        offence_unit[i] =
            penalty || (prohibition && (doc.general_penalty || penalised.contains(&i)));
        let heading_range = match &doc.provs[i].heading {
            Some(h) => {
                let p = &doc.provs[i];
                let end = p
                    .toks
                    .clone()
                    .take_while(|&t| (doc.tokens[t].start as usize) < h.len())
                    .count();
                p.toks.start..p.toks.start + end
            }
            None => 0..0,
        };
        definition_unit[i] = has_role(doc, Role::DefinitionsHeading, heading_range);
    }
    let mut defines = vec![false; n];
    for d in &doc.defs {
        if let Some(x) = defines.get_mut(d.prov) {
            *x = true;
        }
    }
    for (i, &holds_definition) in defines.iter().enumerate() {
        let unit = doc.provs[i].unit;
        let within_unit_parent = doc.provs[i]
            .parent
            .filter(|&p| Some(p) == unit || doc.provs[p].unit == unit && unit.is_some());
        let own = body_range(doc, i);
        // Defence and aggravation wording holds from its sentence on: the
        // offence stated before it in the same provision stays an offence
        // (an article whose last paragraph excepts or aggravates).
        let from = |doc: &DocFacts, role: Role, inherited: bool| -> Option<u32> {
            if inherited {
                return Some(0);
            }
            // Wording in the heading covers the whole provision.
            first_of_role(doc, role, own.clone()).map(|t| match doc.tokens[t].heading() {
                true => 0,
                false => doc.sent(t),
            })
        };
        let defence = from(
            doc,
            Role::Defence,
            within_unit_parent.is_some_and(|p| doc.provs[p].defence),
        );
        let aggravation = from(
            doc,
            Role::Aggravation,
            within_unit_parent.is_some_and(|p| doc.provs[p].aggravation),
        );
        let p = &mut doc.provs[i];
        p.offence = unit.is_some_and(|u| offence_unit[u]);
        p.defence = defence.is_some();
        p.defence_from = defence.unwrap_or(0);
        p.aggravation = aggravation.is_some();
        p.aggravation_from = aggravation.unwrap_or(0);
        p.definition = unit.is_some_and(|u| definition_unit[u]) || holds_definition;
    }
    // Concepts named in headings: the title, groups and units.
    let mut heads = vec![false; engine.concept_ids.len()];
    for h in &doc.hits {
        let p = &doc.provs[doc.prov_of(h.first())];
        let in_heading = match &p.heading {
            Some(head) => (doc.tokens[h.first()].start as usize) < head.len(),
            None => false,
        };
        if in_heading && (p.kind.is_group() || p.kind.is_unit()) && h.concept() < heads.len() {
            heads[h.concept()] = true;
        }
    }
    // The title: the front matter's, else the first top-level heading.
    // (A provision's facts hold its text, after its heading if it has one.)
    let title = doc.meta.title.clone().or_else(|| {
        doc.provs
            .iter()
            .find(|p| p.kind == Kind::Preamble || p.kind.is_group())
            .and_then(|p| {
                p.heading
                    .clone()
                    .or_else(|| p.text.lines().next().map(str::to_string))
            })
    });
    let mut in_title = vec![false; engine.concept_ids.len()];
    if let (Some(title), Some((m, _))) = (title, engine.matcher(&doc.meta.language)) {
        let toks = m.analyzer.tokens(&title);
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        for r in m.find_words(&norms) {
            heads[r.concept()] = true;
            in_title[r.concept()] = true;
        }
    }
    doc.heading_concepts = heads;
    doc.title_concepts = in_title;
}

/// A reference to an article or section by number: `第四十九條`, `第 46 条之一`.
static CHINESE_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(
        r"第\s*(?P<n>[0-9零〇一二两兩三四五六七八九十百千]+)\s*[条條](?:\s*之\s*(?P<s>[0-9一二三四五六七八九十]+))?",
    )
});

/// `section 49`, `s. 12A`, `article 227-23`, `l'article 5`, `artículo 11`, `art. 8`.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::constant_regex(
        r"(?i)\b(?:sections?|ss?\.|articles?|art[sí]?\.|art[ií]culos?)\s*(?P<n>\d+(?:[.\-]\d+)*[a-z]?)\b",
    )
});

/// Units whose number a sentence stating a penalty cites ("違反第四十九條
/// 第一項各款規定之一者，處…罰鍰", "a person who contravenes section 12
/// commits an offence", "será sancionado quien infrinja el artículo 8"):
/// their prohibitions are offences though their own text names no penalty.
fn penalised_by_reference(engine: &Engine, doc: &DocFacts) -> Vec<usize> {
    let mut sentences: Vec<(usize, u32)> = Vec::new();
    for &c in engine.role(Role::Penalty) {
        for h in doc.hits_of(c).filter(|h| h.via.is_none()) {
            sentences.push((doc.prov_of(h.first()), doc.sent(h.first())));
        }
    }
    if sentences.is_empty() {
        return Vec::new();
    }
    sentences.sort_unstable();
    sentences.dedup();
    let mut numbers: FxHashSet<String> = FxHashSet::default();
    for (prov, sent) in sentences {
        let p = &doc.provs[prov];
        let r = doc.sentence_in(prov, sent);
        if r.is_empty() {
            continue;
        }
        let (first, last) = (r.start, r.end - 1);
        let (from, to) = (
            doc.tokens[first].start as usize,
            doc.tokens[last].end as usize,
        );
        let Some(text) = p.text.get(from..to) else {
            continue;
        };
        if doc.chinese {
            for c in CHINESE_REFERENCE.captures_iter(text) {
                let n = crate::parse::number::canonical_chinese(&c["n"]);
                numbers.insert(match c.name("s") {
                    Some(s) => format!(
                        "第{n}条之{}",
                        crate::parse::number::canonical_chinese(s.as_str())
                    ),
                    None => format!("第{n}条"),
                });
            }
        } else {
            numbers.extend(REFERENCE.captures_iter(text).map(|c| c["n"].to_lowercase()));
        }
    }
    if numbers.is_empty() {
        return Vec::new();
    }
    (0..doc.provs.len())
        .filter(|&i| doc.provs[i].unit == Some(i))
        .filter(|&i| {
            let c = doc.provs[i].citation.to_lowercase();
            // The unit's own number: its citation, or the citation's last
            // word (`CH47 2301`).
            let own = c.rsplit(' ').next().unwrap_or(&c);
            numbers.contains(&c) || numbers.contains(own)
        })
        .collect()
}
