//! Assess: the model law's checks over each document's facts, combined per
//! jurisdiction into findings — a status, a score, the evidence (document,
//! citation, line, excerpt, the words that decided it), the facts found,
//! and an explanation of why the status follows.
//!
//! Each check kind lives in `checks/`. A check judges one document at a
//! time (so documents can be dropped once judged); the outcomes of a
//! jurisdiction's documents are then combined, which is where
//! CHILD-AGE-CONSISTENT and CSAM-TERMS look across instruments.

pub mod checks;
mod evidence;
mod windows;

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::checklist::{Check, Item, ModelLaw, Status};
use crate::extract::{DocFacts, Engine};
use crate::parse::Kind;
use crate::source::{LanguageFrom, Meta};

pub use evidence::{Evidence, Role};

/// How many evidence entries a finding keeps.
pub const MAX_EVIDENCE: usize = 6;

/// What one check found in one document.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Status in this document.
    pub status: Option<Status>,
    /// Provisions that decided it (for not_met: contradicting provisions).
    pub evidence: Vec<Evidence>,
    /// Further provisions found but left out of `evidence`.
    pub more_evidence: usize,
    /// Facts (ages, conducts, terms).
    pub facts: BTreeMap<String, Value>,
    /// Why, in sentences, for `--explain`.
    pub notes: Vec<String>,
    /// Data the jurisdiction-wide combination needs.
    pub aux: Aux,
}

/// Per-document data for checks that look across documents.
#[derive(Debug, Clone, Default)]
pub struct Aux {
    /// Protected-person thresholds: (age, evidence).
    pub thresholds: Vec<(u32, Evidence)>,
    /// Preferred names found.
    pub preferred: Vec<Evidence>,
    /// Discouraged names found.
    pub discouraged: Vec<Evidence>,
    /// Other names of the thing found.
    pub other_names: Vec<String>,
}

/// A document as listed in a report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentInfo {
    /// Path as given.
    pub path: String,
    /// Title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Language.
    pub language: String,
    /// Year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i64>,
    /// Kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Status (draft, enacted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Number of provisions read.
    pub provisions: usize,
    /// Why the document was not assessed, when lexalign could not read it
    /// (no lexicon for its language, no provision structure found).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_assessed: Option<String>,
}

impl DocumentInfo {
    /// From a document's front matter.
    pub fn new(path: &str, meta: &Meta, provisions: usize) -> DocumentInfo {
        DocumentInfo {
            path: path.to_string(),
            title: meta.title.clone(),
            language: meta.language.clone(),
            year: meta.year,
            kind: meta.kind.clone(),
            status: meta.status.clone(),
            version: meta.version.clone(),
            provisions,
            not_assessed: None,
        }
    }
}

/// One item's finding for a jurisdiction.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    /// Item id.
    pub item: String,
    /// Area id.
    pub area: String,
    /// met, partial or not_met; not_assessed when no document of the
    /// jurisdiction could be read.
    pub status: Status,
    /// Score of the status (none when not assessed).
    pub score: Option<f64>,
    /// Why the item was not assessed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The provisions behind it, the most decisive first (the provision
    /// that decides, then contradicting ones, the definitions it relies
    /// on, and those that limit it), one entry per provision.
    pub evidence: Vec<Evidence>,
    /// How many further provisions were found but left out of `evidence`
    /// ("and N more"); absent when none was.
    #[serde(skip_serializing_if = "is_zero")]
    pub more_evidence: usize,
    /// Facts found (ages, conducts, terms).
    pub facts: BTreeMap<String, Value>,
    /// Why the status follows (sentences).
    pub explanation: Vec<String>,
    /// A reviewer's decision on it (`analyze --review`): the automatic
    /// status and the `review` object, written only when there is one.
    #[serde(flatten)]
    pub review: Option<crate::review::Reviewed>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything assessed for one jurisdiction.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct JurisdictionReport {
    /// Jurisdiction (front matter, or file stem).
    pub jurisdiction: String,
    /// Its name as shown: front matter `name:`, else the country of an
    /// ISO 3166 code (`ke` → Kenya); absent when neither is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its region (front matter `region:`), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Version of the documents, when they carry one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Year: the latest year of its documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i64>,
    /// The documents analysed.
    pub documents: Vec<DocumentInfo>,
    /// Overall score (0–1), weighted by area; none when no item was
    /// assessed.
    pub score: Option<f64>,
    /// Score per area.
    pub area_scores: BTreeMap<String, f64>,
    /// One finding per item, in checklist order.
    pub findings: Vec<Finding>,
}

/// The outcomes of one document, with its description.
#[derive(Debug, Clone)]
pub struct DocOutcomes {
    /// The document.
    pub info: DocumentInfo,
    /// Jurisdiction key (jurisdiction, version).
    pub key: (String, Option<String>),
    /// Outcome per item, in checklist order.
    pub outcomes: Vec<Outcome>,
    /// Front matter `name:` and `region:` of the document.
    pub name_region: (Option<String>, Option<String>),
}

/// Why lexalign cannot read a document, if it cannot: its language has no
/// lexicon, or was identified without confidence, or no provision structure
/// was found in it.
pub fn unreadable(engine: &Engine, doc: &DocFacts) -> Option<String> {
    let lang = doc.meta.language.as_str();
    let named = |code: &str| match crate::text::language::name(code) {
        Some(n) => format!("{n} (`{code}`)"),
        None => format!("`{code}`"),
    };
    let lexicons = || {
        engine
            .law
            .lexicons
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match doc.meta.language_from {
        LanguageFrom::Unknown => {
            return Some(
                "its language could not be identified: give it as `language:` in the front matter"
                    .into(),
            );
        }
        LanguageFrom::Identified {
            confidence,
            reliable: false,
        } => {
            return Some(format!(
                "its language was guessed as {} with low confidence ({confidence}): give it as `language:` in the front matter",
                named(lang)
            ));
        }
        _ => {}
    }
    if !engine.reads(lang) {
        let how = match doc.meta.language_from {
            LanguageFrom::FrontMatter => "is written in",
            _ => "was identified as",
        };
        return Some(format!(
            "it {how} {}, for which the model law has no lexicon (it has: {}); add `lexicon/{lang}.json` to the model law, or correct `language:` in the front matter",
            named(lang),
            lexicons()
        ));
    }
    if !doc.provs.iter().any(|p| p.kind != Kind::Preamble) {
        return Some(
            "no provision structure (sections, articles, numbered paragraphs) was found in it: check its headings with `lexalign outline`"
                .into(),
        );
    }
    None
}

/// Judge one document against every item; a document lexalign cannot read
/// is not judged (its [`DocumentInfo::not_assessed`] says why).
pub fn assess_document(engine: &Engine, doc: &DocFacts) -> DocOutcomes {
    let mut info = DocumentInfo::new(&doc.path, &doc.meta, doc.provs.len());
    let key = (doc.meta.jurisdiction.clone(), doc.meta.version.clone());
    let name_region = (doc.meta.name.clone(), doc.meta.region.clone());
    if let Some(reason) = unreadable(engine, doc) {
        info.not_assessed = Some(reason);
        return DocOutcomes {
            info,
            key,
            outcomes: Vec::new(),
            name_region,
        };
    }
    // Only the most decisive evidence is kept per document, so a corpus's
    // outcomes stay small.
    let memo = checks::Memo::default();
    let outcomes = engine
        .law
        .checklist
        .items
        .iter()
        .map(|item| {
            let mut o = checks::run_with(engine, item, doc, &memo);
            if o.status == Some(crate::checklist::Status::NotMet) {
                // Whatever a not_met cites stands against the requirement.
                for e in &mut o.evidence {
                    if e.role == Role::Decides {
                        e.role = Role::Contradicts;
                    }
                }
            }
            let (kept, more) = choose_evidence(std::mem::take(&mut o.evidence));
            o.evidence = kept;
            o.more_evidence += more;
            o
        })
        .collect();
    DocOutcomes {
        info,
        key,
        outcomes,
        name_region,
    }
}

/// Group documents' outcomes by jurisdiction (and version) and combine
/// them into reports, sorted by jurisdiction.
pub fn combine(law: &ModelLaw, docs: Vec<DocOutcomes>) -> Vec<JurisdictionReport> {
    let mut groups: BTreeMap<(String, Option<String>), Vec<DocOutcomes>> = BTreeMap::new();
    for d in docs {
        groups.entry(d.key.clone()).or_default().push(d);
    }
    groups
        .into_iter()
        .map(|((jurisdiction, version), mut docs)| {
            docs.sort_by(|a, b| a.info.path.cmp(&b.info.path));
            let read: Vec<&DocOutcomes> = docs
                .iter()
                .filter(|d| d.info.not_assessed.is_none())
                .collect();
            let findings: Vec<Finding> = law
                .checklist
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    if read.is_empty() {
                        return not_assessed(item, &docs);
                    }
                    let outs: Vec<&Outcome> = read.iter().map(|d| &d.outcomes[i]).collect();
                    finding(law, i, item, &outs)
                })
                .collect();
            let (score, area_scores) = scores(law, &findings);
            // The first document (by path) that names it or its region.
            let name = docs
                .iter()
                .find_map(|d| d.name_region.0.clone())
                .or_else(|| crate::source::country_name(&jurisdiction).map(str::to_string));
            let region = docs.iter().find_map(|d| d.name_region.1.clone());
            JurisdictionReport {
                name,
                region,
                year: docs.iter().filter_map(|d| d.info.year).max(),
                jurisdiction,
                version,
                documents: docs.into_iter().map(|d| d.info).collect(),
                score,
                area_scores,
                findings,
            }
        })
        .collect()
}

/// The finding of an item in a jurisdiction none of whose documents could
/// be read.
fn not_assessed(item: &Item, docs: &[DocOutcomes]) -> Finding {
    let reasons: Vec<String> = docs
        .iter()
        .filter_map(|d| {
            d.info
                .not_assessed
                .as_ref()
                .map(|r| format!("{}: {r}", d.info.path))
        })
        .collect();
    let reason = reasons.join("; ");
    Finding {
        item: item.id.clone(),
        area: item.area.clone(),
        status: Status::NotAssessed,
        score: None,
        explanation: vec![
            format!("Not assessed: lexalign could not read {reason}."),
            "Status: not_assessed (excluded from scores).".into(),
        ],
        reason: Some(reason),
        evidence: Vec::new(),
        more_evidence: 0,
        facts: BTreeMap::new(),
        review: None,
    }
}

/// The rule of each item in words (the first line of its findings'
/// explanations).
fn rule_texts(law: &ModelLaw) -> &[String] {
    law.rule_texts.get_or_init(|| {
        law.checklist
            .items
            .iter()
            .map(|item| {
                format!(
                    "Rule ({}): {}",
                    item.check.kind_name(),
                    checks::describe(&item.check)
                )
            })
            .collect()
    })
}

fn finding(law: &ModelLaw, i: usize, item: &Item, outs: &[&Outcome]) -> Finding {
    let combined = checks::combine(&item.check, outs);
    let status = combined.status.unwrap_or(Status::NotMet);
    let (evidence, more) = choose_evidence(combined.evidence);
    let more_evidence = combined.more_evidence + more;
    let score = Some(status_score(law, status));
    let mut explanation = vec![rule_texts(law)[i].clone()];
    explanation.extend(combined.notes);
    explanation.push(format!("Status: {}.", status.as_str()));
    Finding {
        item: item.id.clone(),
        area: item.area.clone(),
        status,
        score,
        reason: None,
        evidence,
        more_evidence,
        facts: combined.facts,
        explanation,
        review: None,
    }
}

/// Keep the most decisive evidence: by rank (which the checks set, a
/// definition the deciding provision relies on close after it), one
/// entry per provision, at most [`MAX_EVIDENCE`]; then in order of
/// strength: by role (the provision that decides, contradicting ones,
/// definitions relied on, limits), then rank. Also returns how many other
/// provisions were left out.
pub fn choose_evidence(mut evidence: Vec<Evidence>) -> (Vec<Evidence>, usize) {
    evidence.sort_by(|a, b| {
        (a.rank, &a.document, a.line, &a.citation).cmp(&(b.rank, &b.document, b.line, &b.citation))
    });
    let mut kept: Vec<Evidence> = Vec::new();
    let mut left_out: Vec<(&str, &str)> = Vec::new();
    for e in &evidence {
        if kept
            .iter()
            .any(|k| k.citation == e.citation && k.document == e.document)
        {
            continue;
        }
        if kept.len() == MAX_EVIDENCE {
            if !left_out.contains(&(&e.document, &e.citation)) {
                left_out.push((&e.document, &e.citation));
            }
            continue;
        }
        kept.push(e.clone());
    }
    kept.sort_by(|a, b| {
        (a.role, a.rank, &a.document, a.line, &a.citation).cmp(&(
            b.role,
            b.rank,
            &b.document,
            b.line,
            &b.citation,
        ))
    });
    (kept, left_out.len())
}

/// Rank evidence by a score and, among equals, spread it over sections:
/// the n-th entry from the same section gets `n * SAME_SECTION_PENALTY`.
pub fn spread_ranks(items: &mut [(u32, Option<usize>, Vec<Evidence>)]) {
    const SAME_SECTION_PENALTY: u32 = 20;
    items.sort_by_key(|(r, _, _)| *r);
    let mut seen: BTreeMap<Option<usize>, u32> = BTreeMap::new();
    for (r, unit, evs) in items.iter_mut() {
        let n = seen.entry(*unit).or_default();
        let rank = *r + *n * SAME_SECTION_PENALTY;
        *n += 1;
        for (k, e) in evs.iter_mut().enumerate() {
            e.rank = rank + k as u32;
        }
    }
}

/// Score of a status under a model law (0 for not_assessed, which scores
/// leave out).
pub fn status_score(law: &ModelLaw, status: Status) -> f64 {
    match status {
        Status::NotAssessed => 0.0,
        Status::Met => law.checklist.status_scores.met,
        Status::Partial => law.checklist.status_scores.partial,
        Status::NotMet => law.checklist.status_scores.not_met,
    }
}

/// Round a score for output: three decimals, so output is stable.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Overall and per-area scores of a set of findings; findings not assessed
/// count in neither (no score at all when none was assessed).
pub fn scores(law: &ModelLaw, findings: &[Finding]) -> (Option<f64>, BTreeMap<String, f64>) {
    let mut area_scores = BTreeMap::new();
    let mut total = 0.0;
    let mut total_w = 0.0;
    for area in &law.checklist.areas {
        let mut s = 0.0;
        let mut w = 0.0;
        for f in findings.iter().filter(|f| f.area == area.id) {
            let Some(score) = f.score else { continue };
            let iw = law.item(&f.item).map_or(1.0, |i| i.weight);
            s += score * iw;
            w += iw;
        }
        if w > 0.0 {
            let a = s / w;
            area_scores.insert(area.id.clone(), round3(a));
            total += a * area.weight;
            total_w += area.weight;
        }
    }
    let score = (total_w > 0.0).then(|| round3(total / total_w));
    (score, area_scores)
}

/// The check of an item (for callers that only have the id).
pub fn check_of<'a>(law: &'a ModelLaw, item: &str) -> Option<&'a Check> {
    law.item(item).map(|i| &i.check)
}
