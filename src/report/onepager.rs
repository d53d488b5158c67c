//! A jurisdiction's one-page summary, for print on one A4 page: its score
//! and area scores, the items not met and partial with the model law's
//! recommendation for each, and for each item met the provision that
//! decides it (one line, linked to its text). Built from the
//! jurisdiction's page view, so the two never disagree.

use serde::Serialize;

use super::page::{FindingView, JurisdictionView, ReviewView};
use super::view::{Counts, ScoreView, StatusView};

/// The one-page summary.
#[derive(Debug, Clone, Serialize)]
pub struct OnePager {
    /// Name as shown.
    pub label: String,
    /// Its code, when the name shown is not the code.
    pub code: Option<String>,
    /// Its region.
    pub region: Option<String>,
    /// Latest year of its documents.
    pub year: Option<i64>,
    /// The language all its documents share.
    pub lang: Option<String>,
    /// Overall score.
    pub score: ScoreView,
    /// Statuses counted.
    pub counts: Counts,
    /// Items of the checklist.
    pub item_count: usize,
    /// Documents analysed.
    pub documents: Vec<DocLine>,
    /// Area scores, in report order.
    pub areas: Vec<AreaLine>,
    /// Items not met, then partial, each in report order.
    pub gaps: Vec<Gap>,
    /// Items met, in report order, each with its strongest evidence.
    pub met: Vec<Strength>,
    /// Items not assessed.
    pub not_assessed: Vec<String>,
    /// The full page, relative to the report folder.
    pub page_href: String,
    /// Findings whose status a reviewer decided (decisions that count).
    pub reviewed: usize,
}

/// A document analysed, with the key the lines of items met cite it by
/// (`[2]`) when there are several.
#[derive(Debug, Clone, Serialize)]
pub struct DocLine {
    /// `1`, `2`, …
    pub key: usize,
    /// Its title (or path).
    pub title: String,
    /// Its language.
    pub lang: Option<String>,
}

/// An area's line.
#[derive(Debug, Clone, Serialize)]
pub struct AreaLine {
    /// Title.
    pub title: String,
    /// Core area.
    pub core: bool,
    /// Its score.
    pub score: ScoreView,
    /// Its statuses counted.
    pub counts: Counts,
}

/// An item not met or partial, with what to do.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    /// Item id.
    pub item: String,
    /// Its title.
    pub title: String,
    /// Status.
    pub status: StatusView,
    /// The model law's recommendation.
    pub recommendation: String,
    /// The finding on the full page, relative to the report folder.
    pub href: String,
    /// A reviewer's decision on it, when there is one.
    pub review: Option<ReviewView>,
}

/// An item met and the provision that shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Strength {
    /// Item id.
    pub item: String,
    /// Its title.
    pub title: String,
    /// The citation of the strongest evidence (none when there is none).
    pub citation: Option<String>,
    /// Its document's key in [`OnePager::documents`], when there are
    /// several documents.
    pub document: Option<usize>,
    /// Its language.
    pub lang: Option<String>,
    /// The provision's text on its document's page, relative to the report
    /// folder.
    pub href: Option<String>,
    /// The finding on the full page, when there is no provision to link.
    pub finding_href: String,
    /// A reviewer's decision on it, when there is one.
    pub review: Option<ReviewView>,
}

fn gap(j: &JurisdictionView, f: &FindingView) -> Gap {
    Gap {
        item: f.item.clone(),
        title: f.title.clone(),
        status: f.status.clone(),
        recommendation: f.recommendation.clone().unwrap_or_default(),
        href: format!("{}#{}", j.href, f.item),
        review: f.review.clone(),
    }
}

/// The one-page summary of a jurisdiction's page.
pub fn one_pager(j: &JurisdictionView) -> OnePager {
    let findings: Vec<&FindingView> = j.areas.iter().flat_map(|a| &a.findings).collect();
    let with = |key: &str| {
        findings
            .iter()
            .filter(|f| f.status.key == key)
            .map(|f| gap(j, f))
            .collect::<Vec<_>>()
    };
    let mut gaps = with("not_met");
    gaps.extend(with("partial"));
    let met = findings
        .iter()
        .filter(|f| f.status.key == "met")
        .map(|f| {
            // Evidence comes most decisive first: the first that decides.
            let e = f
                .evidence
                .iter()
                .find(|e| e.role == "decides")
                .or(f.evidence.first());
            Strength {
                item: f.item.clone(),
                title: f.title.clone(),
                citation: e.map(|e| e.citation.clone()),
                document: e
                    .and_then(|e| j.documents.iter().position(|d| d.path == e.document))
                    .filter(|_| j.documents.len() > 1)
                    .map(|k| k + 1),
                lang: e.and_then(|e| e.lang.clone()),
                href: e.and_then(|e| e.href.clone()),
                finding_href: format!("{}#{}", j.href, f.item),
                review: f.review.clone(),
            }
        })
        .collect();
    OnePager {
        label: j.label.clone(),
        code: j.code.clone(),
        region: j.region.clone(),
        year: j.year,
        lang: j.lang.clone(),
        score: j.score.clone(),
        counts: j.counts.clone(),
        item_count: j.item_count,
        documents: j
            .documents
            .iter()
            .enumerate()
            .map(|(k, d)| DocLine {
                key: k + 1,
                title: d.title.clone().unwrap_or_else(|| d.path.clone()),
                lang: d.lang.clone(),
            })
            .collect(),
        areas: j
            .areas
            .iter()
            .map(|a| AreaLine {
                title: a.title.clone(),
                core: a.core,
                score: a.score.clone(),
                counts: a.counts.clone(),
            })
            .collect(),
        gaps,
        met,
        not_assessed: findings
            .iter()
            .filter(|f| f.status.key == "not_assessed")
            .map(|f| f.item.clone())
            .collect(),
        page_href: j.href.clone(),
        reviewed: findings
            .iter()
            .filter(|f| f.review.as_ref().is_some_and(|r| !r.stale))
            .count(),
    }
}
