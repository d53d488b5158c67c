//! The summary of a jurisdiction's page: the inline SVG chart of its area
//! scores, and the ages that define the protected person in each
//! instrument, with whether the instruments agree.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::Value;

use crate::assess::JurisdictionReport;
use crate::checklist::{Check, ModelLaw};

use super::document::Links;
use super::view::{Docs, ScoreView};

/// A threshold found for the protected person.
#[derive(Debug, Clone, Serialize)]
pub struct Threshold {
    /// The age (under it, a person is protected).
    pub age: u64,
    /// The term defined, if a definition sets it.
    pub term: Option<String>,
    /// Whether a definition sets it (else an offence's own text).
    pub defines: bool,
    /// Where.
    pub citation: String,
    /// The document's title (or path).
    pub document_title: String,
    /// The document's language.
    pub lang: Option<String>,
    /// The provision on its document's page, relative to the report folder.
    pub href: Option<String>,
}

/// The ages of the protected person across the instruments.
#[derive(Debug, Clone, Serialize)]
pub struct Ages {
    /// Each threshold found.
    pub thresholds: Vec<Threshold>,
    /// The distinct ages, ascending, as text (`13, 18`).
    pub distinct: String,
    /// Whether the instruments set different ages.
    pub conflict: bool,
}

/// The inline SVG bar chart of area scores; every coordinate is computed
/// here so that the template only prints numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Width of the drawing.
    pub width: u32,
    /// Height of the drawing.
    pub height: u32,
    /// Where bars start.
    pub bar_x: u32,
    /// Length of a full (100 %) bar.
    pub bar_max: u32,
    /// Where the values are written.
    pub value_x: u32,
    /// The text alternative (`<desc>`).
    pub desc: String,
    /// One bar per area, in report order.
    pub bars: Vec<Bar>,
}

/// One bar of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// Area title.
    pub label: String,
    /// The score.
    pub score: ScoreView,
    /// Top of the bar.
    pub y: u32,
    /// Baseline of its texts.
    pub text_y: u32,
    /// Length of the bar.
    pub w: u32,
}

const ROW: u32 = 30;
const BAR_H: u32 = 18;
const BAR_X: u32 = 290;
const BAR_MAX: u32 = 280;

/// The chart of the areas, given as (title, score) in report order.
pub(super) fn chart(label: &str, areas: &[(&str, &ScoreView)]) -> Chart {
    let bars: Vec<Bar> = areas
        .iter()
        .enumerate()
        .map(|(i, (title, score))| {
            let y = 4 + i as u32 * ROW;
            Bar {
                label: title.to_string(),
                score: (*score).clone(),
                y,
                text_y: y + BAR_H - 4,
                w: BAR_MAX * score.pct / 100,
            }
        })
        .collect();
    let parts: Vec<String> = areas
        .iter()
        .map(|(title, score)| format!("{title} {}", score.text))
        .collect();
    Chart {
        width: BAR_X + BAR_MAX + 50,
        height: 8 + areas.len() as u32 * ROW,
        bar_x: BAR_X,
        bar_max: BAR_MAX,
        value_x: BAR_X + BAR_MAX + 8,
        desc: format!("Score per area for {label}: {}.", parts.join("; ")),
        bars,
    }
}

/// The ages from the findings of the model law's age checks (by check
/// kind, never by item id).
pub(super) fn ages(law: &ModelLaw, docs: &Docs, links: &Links, j: &JurisdictionReport) -> Ages {
    let mut thresholds = Vec::new();
    let mut consistency: Option<BTreeSet<u64>> = None;
    for f in &j.findings {
        let Some(item) = law.item(&f.item) else {
            continue;
        };
        let found = f.facts.get("thresholds").and_then(Value::as_array);
        match (&item.check, found) {
            (Check::ProtectedAge(_), Some(list)) => {
                for t in list {
                    let (Some(age), Some(doc)) = (t["age"].as_u64(), t["document"].as_str()) else {
                        continue;
                    };
                    let citation = t["citation"].as_str().unwrap_or_default();
                    let line = t["line"].as_u64().and_then(|l| usize::try_from(l).ok());
                    thresholds.push(Threshold {
                        href: match line {
                            Some(l) => links.provision(doc, citation, l),
                            None => links.citation(doc, citation),
                        },
                        age,
                        term: t["term"].as_str().map(str::to_string),
                        defines: t["defines"].as_bool().unwrap_or(false),
                        citation: t["citation"].as_str().unwrap_or_default().to_string(),
                        document_title: docs.title(doc),
                        lang: docs.lang(doc),
                    });
                }
            }
            (Check::AgeConsistency(_), Some(list)) => {
                consistency
                    .get_or_insert_default()
                    .extend(list.iter().filter_map(Value::as_u64));
            }
            _ => {}
        }
    }
    let distinct = consistency.unwrap_or_else(|| {
        thresholds
            .iter()
            .filter(|t| t.defines)
            .map(|t| t.age)
            .collect()
    });
    Ages {
        thresholds,
        conflict: distinct.len() > 1,
        distinct: distinct
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}
