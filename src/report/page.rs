//! The view of one jurisdiction's page: its summary (scores, counts, and
//! from [`super::summary`] the chart and the ages), every finding area by
//! area with its evidence, and the documents analysed.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;

use crate::assess::{Evidence, Finding, JurisdictionReport};
use crate::checklist::{ModelLaw, Status};

use super::document::Links;
use super::highlight::{Segment, segments};
use super::summary::{Ages, Chart, ages, chart};
use super::view::{Counts, Docs, ScoreView, StatusView, area_heads, code_shown, label, lang_attr};

/// A jurisdiction's page.
#[derive(Debug, Clone, Serialize)]
pub struct JurisdictionView {
    /// Name as shown (with the version).
    pub label: String,
    /// Its code, when the name shown is not the code.
    pub code: Option<String>,
    /// Its region, when given.
    pub region: Option<String>,
    /// The language all its documents share, if they share one.
    pub lang: Option<String>,
    /// Latest year of its documents.
    pub year: Option<i64>,
    /// Overall score.
    pub score: ScoreView,
    /// Statuses counted.
    pub counts: Counts,
    /// Number of items.
    pub item_count: usize,
    /// The chart of area scores.
    pub chart: Chart,
    /// The ages found for the protected person.
    pub ages: Ages,
    /// The areas with their findings, in report order.
    pub areas: Vec<AreaSection>,
    /// The documents analysed.
    pub documents: Vec<DocView>,
    /// Its one-page summary, relative to the report folder.
    pub summary_href: String,
    /// Its page, relative to the report folder.
    pub href: String,
}

/// An area of the page.
#[derive(Debug, Clone, Serialize)]
pub struct AreaSection {
    /// Id (the anchor).
    pub id: String,
    /// Title.
    pub title: String,
    /// Core area.
    pub core: bool,
    /// Its score.
    pub score: ScoreView,
    /// Its statuses counted.
    pub counts: Counts,
    /// Its findings, in checklist order.
    pub findings: Vec<FindingView>,
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// Item id (the anchor).
    pub item: String,
    /// Item title.
    pub title: String,
    /// Status.
    pub status: StatusView,
    /// What the model law asks.
    pub requirement: String,
    /// Where that comes from.
    pub sources: Vec<String>,
    /// The provisions that decided it, the most decisive first.
    pub evidence: Vec<EvidenceView>,
    /// How many further provisions were left out ("and N more").
    pub more_evidence: usize,
    /// For a finding not met, where the requirement came nearest (a
    /// prohibition without a penalty), from its explanation.
    pub nearest_miss: Vec<String>,
    /// Facts found, as name and value.
    pub facts: Vec<Fact>,
    /// Why the status follows.
    pub explanation: Vec<String>,
    /// The model law's recommendation, for partial and not_met.
    pub recommendation: Option<String>,
    /// A reviewer's decision on it, when there is one.
    pub review: Option<ReviewView>,
}

/// A reviewer's decision as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    /// The reviewer's status.
    pub status: StatusView,
    /// The status lexalign found.
    pub automatic: StatusView,
    /// Who decided.
    pub by: String,
    /// When.
    pub date: String,
    /// The note, when given.
    pub note: Option<String>,
    /// True when the finding changed since: the decision does not count.
    pub stale: bool,
    /// What changed, when stale.
    pub changed: Vec<String>,
}

impl ReviewView {
    /// The view of a finding's decision.
    pub fn of(r: &crate::review::Reviewed) -> ReviewView {
        ReviewView {
            status: StatusView::of(r.review.status),
            automatic: StatusView::of(r.automatic_status),
            by: r.review.by.clone(),
            date: r.review.date.clone(),
            note: r.review.note.clone(),
            stale: r.review.stale,
            changed: r.review.changed.clone(),
        }
    }
}

/// A fact of a finding.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// `Conducts`.
    pub name: String,
    /// `makes, films, produces`.
    pub value: String,
    /// The language of the jurisdiction's documents, when the value holds
    /// words of the statutes (not for numbers or `none`).
    pub lang: Option<String>,
}

/// One provision cited.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    /// Its citation.
    pub citation: String,
    /// The document's path.
    pub document: String,
    /// The document's title (or path).
    pub document_title: String,
    /// Line in the document.
    pub line: usize,
    /// Language of the document (the `lang` of the excerpt).
    pub lang: Option<String>,
    /// What it shows, when it is not the main finding.
    pub note: Option<String>,
    /// Its role: decides, contradicts, defines, limits.
    pub role: &'static str,
    /// The excerpt, with the decisive words marked.
    pub excerpt: Vec<Segment>,
    /// The provision on its document's page, relative to the report
    /// folder (none when the document could not be read again).
    pub href: Option<String>,
}

/// A document analysed, with its front matter.
#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    /// Path.
    pub path: String,
    /// Title.
    pub title: Option<String>,
    /// Language code as given.
    pub language: String,
    /// The `lang` attribute for its title.
    pub lang: Option<String>,
    /// Year.
    pub year: Option<i64>,
    /// Kind.
    pub kind: Option<String>,
    /// Status (draft, enacted).
    pub status: Option<String>,
    /// Version.
    pub version: Option<String>,
    /// Provisions read.
    pub provisions: usize,
    /// Its page, relative to the report folder.
    pub href: Option<String>,
}

fn fact_value(v: &Value) -> String {
    match v {
        Value::Null => "none".to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => "none".to_string(),
        Value::Array(a) => a.iter().map(fact_value).collect::<Vec<_>>().join(", "),
        Value::Object(o) => {
            let parts: Vec<String> = o
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{k} {}", fact_value(v)))
                .collect();
            format!("({})", parts.join(", "))
        }
        other => other.to_string(),
    }
}

fn fact_name(key: &str) -> String {
    let s = key.replace('_', " ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn evidence_view(docs: &Docs, links: &Links, e: &Evidence) -> EvidenceView {
    EvidenceView {
        href: links.provision(&e.document, &e.citation, e.line),
        citation: e.citation.clone(),
        document: e.document.clone(),
        document_title: docs.title(&e.document),
        line: e.line,
        lang: docs.lang(&e.document),
        note: e.note.clone(),
        role: e.role.as_str(),
        excerpt: segments(&e.excerpt, &e.matched),
    }
}

fn has_words(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Array(a) => a.iter().any(has_words),
        _ => false,
    }
}

fn finding_view(
    law: &ModelLaw,
    docs: &Docs,
    links: &Links,
    lang: Option<&str>,
    f: &Finding,
) -> FindingView {
    let item = law.item(&f.item);
    FindingView {
        item: f.item.clone(),
        title: item.map(|i| i.title.clone()).unwrap_or_default(),
        status: StatusView::of(f.status),
        requirement: item.map(|i| i.requirement.clone()).unwrap_or_default(),
        sources: item.map(|i| i.sources.clone()).unwrap_or_default(),
        evidence: f
            .evidence
            .iter()
            .map(|e| evidence_view(docs, links, e))
            .collect(),
        more_evidence: f.more_evidence,
        nearest_miss: f
            .explanation
            .iter()
            .filter(|x| x.starts_with("Nearest miss"))
            .cloned()
            .collect(),
        // Lists of records (the thresholds of a protected-age check) are
        // shown in the summary's table of ages, with their documents.
        facts: f
            .facts
            .iter()
            .filter(|(_, v)| !v.as_array().is_some_and(|a| a.iter().any(Value::is_object)))
            .map(|(k, v)| Fact {
                name: fact_name(k),
                value: fact_value(v),
                lang: lang.filter(|_| has_words(v)).map(str::to_string),
            })
            .collect(),
        explanation: f.explanation.clone(),
        recommendation: (f.status != Status::Met)
            .then(|| item.map(|i| i.recommendation.clone()))
            .flatten(),
        review: f.review.as_ref().map(ReviewView::of),
    }
}

/// The page of one jurisdiction, at `href` in the report folder, its
/// citations linked through `links`.
pub fn jurisdiction_view(
    law: &ModelLaw,
    j: &JurisdictionReport,
    href: &str,
    links: &Links,
) -> JurisdictionView {
    let docs = Docs::of(&j.documents);
    let languages: BTreeSet<&str> = j.documents.iter().map(|d| d.language.as_str()).collect();
    let lang = match languages.len() {
        1 => languages.first().and_then(|l| lang_attr(l)),
        _ => None,
    };
    let areas: Vec<AreaSection> = area_heads(law)
        .into_iter()
        .map(|a| {
            let findings: Vec<&Finding> = a
                .items
                .iter()
                .filter_map(|i| j.findings.iter().find(|f| f.item == i.id))
                .collect();
            AreaSection {
                score: ScoreView::of(j.area_scores.get(&a.id).copied().unwrap_or(0.0)),
                counts: Counts::of(findings.iter().map(|f| &f.status)),
                findings: findings
                    .iter()
                    .map(|f| finding_view(law, &docs, links, lang.as_deref(), f))
                    .collect(),
                id: a.id,
                title: a.title,
                core: a.core,
            }
        })
        .collect();
    let label = label(j);
    JurisdictionView {
        code: code_shown(j),
        region: j.region.clone(),
        lang,
        year: j.year,
        score: ScoreView::of_maybe(j.score),
        counts: Counts::of(j.findings.iter().map(|f| &f.status)),
        item_count: j.findings.len(),
        chart: chart(
            &label,
            &areas
                .iter()
                .map(|a| (a.title.as_str(), &a.score))
                .collect::<Vec<_>>(),
        ),
        ages: ages(law, &docs, links, j),
        documents: j
            .documents
            .iter()
            .map(|d| DocView {
                path: d.path.clone(),
                title: d.title.clone(),
                language: d.language.clone(),
                lang: lang_attr(&d.language),
                year: d.year,
                kind: d.kind.clone(),
                status: d.status.clone(),
                version: d.version.clone(),
                provisions: d.provisions,
                href: links.page(&d.path),
            })
            .collect(),
        areas,
        label,
        summary_href: format!(
            "{}/{}.html",
            href.strip_suffix(".html").unwrap_or(href),
            super::document::SUMMARY
        ),
        href: href.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_read_as_text() {
        assert_eq!(fact_name("discouraged_terms"), "Discouraged terms");
        assert_eq!(fact_value(&serde_json::json!([13, 18])), "13, 18");
        assert_eq!(fact_value(&serde_json::json!([])), "none");
        assert_eq!(fact_value(&serde_json::json!(["a", "b"])), "a, b");
        assert_eq!(lang_attr("zh"), Some("zh".to_string()));
        assert_eq!(lang_attr("x\" onload"), None);
    }
}
