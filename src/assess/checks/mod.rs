//! The check kinds. Each judges one document ([`run`]); [`combine`] joins
//! the documents of a jurisdiction. The model law names a kind and its
//! parameters; no requirement id appears here.

mod ages;
mod clause;
mod conduct;
mod material;
mod medium;
mod terms;

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::Value;

use super::{Evidence, Outcome, Role};
use crate::checklist::{Check, Item, Pattern, Status};
use crate::extract::{DocFacts, Engine, Hit};

/// Judge one document against one item.
pub fn run(engine: &Engine, item: &Item, doc: &DocFacts) -> Outcome {
    run_with(engine, item, doc, &Memo::default())
}

/// Judge one document against one item, sharing with the document's other
/// items what `memo` holds.
pub(crate) fn run_with<'a>(
    engine: &'a Engine,
    item: &Item,
    doc: &'a DocFacts,
    memo: &'a Memo<'a>,
) -> Outcome {
    let cx = Cx { engine, doc, memo };
    match &item.check {
        Check::ProtectedAge(p) | Check::AgeConsistency(p) => ages::protected(&cx, p),
        Check::MaterialDefinition(p) => material::defined(&cx, p),
        Check::DefinitionContent(p) => material::content(&cx, p),
        Check::OffenceConduct(p) => conduct::run(&cx, p),
        Check::TermUsage(p) => terms::run(&cx, p),
        Check::OffenceMedium(p) => medium::run(&cx, p),
        Check::Clause(p) => clause::run(&cx, p),
        Check::AgeFact(p) => ages::fact(&cx, p),
    }
}

/// Combine the outcomes of a jurisdiction's documents.
pub fn combine(check: &Check, outs: &[&Outcome]) -> Outcome {
    match check {
        Check::AgeConsistency(p) => ages::consistency(p, outs),
        Check::TermUsage(_) => terms::combine(outs),
        _ => best(outs),
    }
}

/// In words, what a check asks (for explanations).
pub fn describe(check: &Check) -> String {
    match check {
        Check::ProtectedAge(p) => format!(
            "met when a definition of a term naming children (`{}`) or an offence's own text sets the threshold at {} and no such term is defined with a lower age; partial when one is; not_met when only lower thresholds, or none, are found",
            p.person, p.threshold
        ),
        Check::AgeConsistency(p) => format!(
            "over all instruments of the jurisdiction: met when every threshold for the protected person is {0}; partial when {0} and lower thresholds occur; not_met when none is {0}",
            p.threshold
        ),
        Check::MaterialDefinition(p) => format!(
            "met when a provision defines a term naming the material (`{}`), by reference included; partial when the material is only the object of offences; not_met otherwise",
            p.material
        ),
        Check::DefinitionContent(p) => format!(
            "met when the definition of the material (`{}`) holds words of `{}`",
            p.material,
            p.concepts.join("`, `")
        ),
        Check::OffenceConduct(p) => format!(
            "met when an offence provision (not a defence, an aggravation or a separate definitions section) makes `{}` punishable with `{}` as its object (within {} words); partial when only with a purpose of `{}`",
            p.conduct,
            p.object,
            p.window / 2,
            p.purpose.as_deref().unwrap_or("-")
        ),
        Check::TermUsage(p) => format!(
            "over all instruments: met when only `{}` wording names the thing; partial when `{}` wording occurs too; not_met when only `{}` or other words are used",
            p.preferred, p.discouraged, p.discouraged
        ),
        Check::OffenceMedium(p) => format!(
            "met when an offence provision about `{}` names `{}` (directly, or through a definition it uses)",
            p.subjects.join("` or `"),
            p.medium
        ),
        Check::Clause(p) => {
            let tiers: Vec<String> = p
                .met
                .iter()
                .map(|x| format!("met: {}", pattern_text(x)))
                .chain(
                    p.partial
                        .iter()
                        .map(|x| format!("partial: {}", pattern_text(x))),
                )
                .collect();
            tiers.join("; ")
        }
        Check::AgeFact(p) => {
            let bands: Vec<String> = p
                .bands
                .iter()
                .map(|b| format!("{} from {}", b.status.as_str(), b.at_least))
                .collect();
            format!(
                "an age stated with {}; by the lowest age: {}; without an age: {}",
                pattern_text(&p.context),
                bands.join(", "),
                p.without_age.as_str()
            )
        }
    }
}

fn pattern_text(p: &Pattern) -> String {
    let mut parts: Vec<String> = p.all.iter().map(|c| format!("`{c}`")).collect();
    for any in &p.any {
        parts.push(format!("one of `{}`", any.join("`/`")));
    }
    let mut s = format!("{} within {} words", parts.join(" + "), p.window / 2);
    if !p.none.is_empty() {
        s.push_str(&format!(", without `{}`", p.none.join("`/`")));
    }
    match p.context {
        crate::checklist::Context::Offence => s.push_str(", in an offence provision"),
        crate::checklist::Context::NotDefinition => s.push_str(", outside definitions"),
        crate::checklist::Context::Any => {}
    }
    if let Some(a) = &p.instrument_about {
        s.push_str(&format!(", in an instrument whose headings name `{a}`"));
    }
    if let Some(a) = &p.title_about {
        s.push_str(&format!(", in an instrument whose title names `{a}`"));
    }
    s
}

/// The best status among documents, with the evidence and facts of the
/// documents that reached it.
fn best(outs: &[&Outcome]) -> Outcome {
    let status = outs
        .iter()
        .filter_map(|o| o.status)
        .max()
        .unwrap_or(Status::NotMet);
    let mut out = Outcome {
        status: Some(status),
        ..Outcome::default()
    };
    for o in outs {
        if o.status == Some(status) {
            out.evidence.extend(o.evidence.iter().cloned());
            out.more_evidence += o.more_evidence;
        }
        for (k, v) in &o.facts {
            merge_fact(&mut out.facts, k, v);
        }
        out.notes.extend(o.notes.iter().cloned());
    }
    out
}

/// Merge a fact into a map: lists are concatenated, other values kept once.
pub(crate) fn merge_fact(
    facts: &mut std::collections::BTreeMap<String, Value>,
    k: &str,
    v: &Value,
) {
    match (facts.get_mut(k), v) {
        (Some(Value::Array(a)), Value::Array(b)) => {
            for x in b {
                if !a.contains(x) {
                    a.push(x.clone());
                }
            }
        }
        (Some(_), _) => {}
        (None, _) => {
            facts.insert(k.to_string(), v.clone());
        }
    }
}

/// Shared view of one document for the checks.
pub(crate) struct Cx<'a> {
    pub engine: &'a Engine,
    pub doc: &'a DocFacts,
    pub memo: &'a Memo<'a>,
}

/// Hit lists the checks of one document share (several items ask for the
/// same ones): made once per document.
#[derive(Default)]
pub(crate) struct Memo<'a> {
    /// The hits of every concept of a class, by class.
    by_class: RefCell<Vec<(&'a str, Shared)>>,
    /// The hits of a few concepts, by the concepts.
    by_concepts: RefCell<Vec<(Vec<usize>, Shared)>>,
}

/// A hit list the checks of a document share.
type Shared = Rc<Vec<Hit>>;

impl<'a> Cx<'a> {
    /// A concept's index (validation guarantees it exists).
    pub fn c(&self, id: &str) -> usize {
        self.engine.concept(id).unwrap_or(usize::MAX)
    }

    /// Hits of a concept.
    pub fn hits(&self, id: &str) -> Vec<Hit> {
        let c = self.c(id);
        self.doc.hits_of(c).copied().collect()
    }

    /// The hits of every concept of a class, in document order.
    pub fn hits_of_class(&self, class: &'a str) -> Rc<Vec<Hit>> {
        if let Some((_, v)) = self
            .memo
            .by_class
            .borrow()
            .iter()
            .find(|(k, _)| *k == class)
        {
            return Rc::clone(v);
        }
        let v = Rc::new(self.hits_where(|c| self.engine.class_of(c) == Some(class)));
        self.memo.by_class.borrow_mut().push((class, Rc::clone(&v)));
        v
    }

    /// The hits of any of some concepts, in document order.
    pub fn hits_of_any(&self, concepts: &[usize]) -> Rc<Vec<Hit>> {
        if let Some((_, v)) = self
            .memo
            .by_concepts
            .borrow()
            .iter()
            .find(|(k, _)| k == concepts)
        {
            return Rc::clone(v);
        }
        let v = Rc::new(self.hits_where(|c| concepts.contains(&c)));
        self.memo
            .by_concepts
            .borrow_mut()
            .push((concepts.to_vec(), Rc::clone(&v)));
        v
    }

    /// The hits of the concepts `keep` accepts, in document order (as
    /// filtering all hits would give them, without looking at each).
    fn hits_where(&self, keep: impl Fn(usize) -> bool) -> Vec<Hit> {
        let by = &self.doc.by_concept;
        let mut idx: Vec<u32> = Vec::new();
        let mut lists = 0;
        for (c, list) in by.iter().enumerate() {
            if !list.is_empty() && keep(c) {
                idx.extend_from_slice(list);
                lists += 1;
            }
        }
        if lists > 1 {
            idx.sort_unstable();
        }
        idx.into_iter().map(|i| self.doc.hits[i as usize]).collect()
    }

    /// The provision of a hit.
    pub fn prov(&self, h: &Hit) -> usize {
        self.doc.prov_of(h.first())
    }

    /// Position of a token.
    pub fn pos(&self, t: usize) -> u32 {
        self.doc.pos(t)
    }

    /// The section (or top group) of a hit.
    pub fn unit(&self, h: &Hit) -> Option<usize> {
        self.doc.provs[self.prov(h)].unit
    }

    /// Evidence for hits, one entry per provision, plus the definitions
    /// inherited hits came through.
    pub fn evidence(&self, hits: &[Hit], note: Option<&str>) -> Vec<Evidence> {
        let mut provs: Vec<usize> = hits.iter().map(|h| self.prov(h)).collect();
        provs.sort_unstable();
        provs.dedup();
        let mut out: Vec<Evidence> = provs
            .into_iter()
            .map(|p| Evidence::from_hits(self.doc, p, hits, note.map(str::to_string)))
            .collect();
        // The provision holding the first hit leads.
        if let Some(h) = hits.first() {
            let lead = self.prov(h);
            out.sort_by_key(|e| e.citation != self.doc.provs[lead].citation);
            for (k, e) in out.iter_mut().enumerate() {
                e.rank = k as u32;
            }
        }
        for h in hits {
            if let Some(d) = h.via() {
                let def = &self.doc.defs[d];
                let p = &self.doc.provs[def.prov];
                let start = self.doc.tokens[def.term_first].start as usize;
                let end = self.doc.tokens[def.term_last].end as usize;
                let e = Evidence::from_range(
                    self.doc,
                    def.prov,
                    start,
                    end,
                    Some(format!(
                        "definition of “{}” used in {}",
                        def.term,
                        self.doc.provs[self.prov(h)].citation
                    )),
                );
                let _ = p;
                if !out
                    .iter()
                    .any(|x| x.citation == e.citation && x.document == e.document)
                {
                    out.push(e.ranked(1).with_role(Role::Defines));
                }
            }
        }
        out
    }

    /// Where a provision is, for explanations: `1240(5) (a definition)`.
    pub fn describe_prov(&self, prov: usize) -> String {
        let p = &self.doc.provs[prov];
        let mut tags = Vec::new();
        if p.defence {
            tags.push("a defence or exception");
        }
        if p.aggravation {
            tags.push("an aggravation");
        }
        if p.definition {
            tags.push("a definition");
        }
        if !p.offence {
            tags.push("not an offence provision");
        }
        if tags.is_empty() {
            format!("{} ({})", p.citation, self.doc.path)
        } else {
            format!("{} ({}: {})", p.citation, self.doc.path, tags.join(", "))
        }
    }
}

/// The status one document (Markdown with front matter) gives an item.
#[cfg(test)]
pub(crate) fn status_of(item: &str, text: &str) -> Status {
    outcome_of(item, text).status.unwrap()
}

/// The outcome one document (Markdown with front matter) gives an item.
#[cfg(test)]
pub(crate) fn outcome_of(item: &str, text: &str) -> Outcome {
    let e = crate::extract::tests::engine();
    let src = crate::source::Source::from_text("t.md", text.to_string()).unwrap();
    let (st, _) = crate::parse::parse_statute(&src);
    let d = crate::extract::extract(&e, &st);
    let item = e.law.checklist.items.iter().find(|i| i.id == item).unwrap();
    run(&e, item, &d)
}
