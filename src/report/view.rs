//! View structs for the HTML report: plain serializable data built from the
//! jurisdiction reports and the model law, so that templates never see
//! domain types. Numbers are formatted here (templates print strings), and
//! everything is in report order, so the same input gives the same bytes.
//!
//! This file holds the parts every page shares and the overview
//! ([`SiteView`]); [`super::page`] builds a jurisdiction's page.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assess::{DocumentInfo, JurisdictionReport};
use crate::checklist::{ModelLaw, Status};

use super::slug::unique_slugs;

/// How a status is shown: a word, a symbol and a CSS class (the colour), so
/// that it is never conveyed by colour alone.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatusView {
    /// `met`, `partial` or `not_met` (the CSS class and the JSON value).
    pub key: &'static str,
    /// The word shown.
    pub label: &'static str,
    /// The symbol shown beside the word.
    pub symbol: &'static str,
    /// What it means, for the legend.
    pub meaning: &'static str,
}

impl StatusView {
    /// The view of a status.
    pub fn of(status: Status) -> StatusView {
        match status {
            Status::Met => StatusView {
                key: "met",
                label: "Met",
                symbol: "✓",
                meaning: "the law does what the model law asks",
            },
            Status::Partial => StatusView {
                key: "partial",
                label: "Partial",
                symbol: "◐",
                meaning: "the law does part of it, or with conditions",
            },
            Status::NotMet => StatusView {
                key: "not_met",
                label: "Not met",
                symbol: "✗",
                meaning: "no provision found that does it",
            },
            Status::NotAssessed => StatusView {
                key: "not_assessed",
                label: "Not assessed",
                symbol: "?",
                meaning: "lexalign could not read the text (see the reason); not counted in scores",
            },
        }
    }

    /// The legend: every status, best first.
    pub fn legend() -> Vec<StatusView> {
        [
            Status::Met,
            Status::Partial,
            Status::NotMet,
            Status::NotAssessed,
        ]
        .into_iter()
        .map(StatusView::of)
        .collect()
    }
}

/// A score (0–1) as shown: a whole percentage and a band for its colour.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ScoreView {
    /// 0–100.
    pub pct: u32,
    /// `76%`.
    pub text: String,
    /// `high` (≥ 75 %), `mid` (≥ 40 %) or `low`.
    pub band: &'static str,
}

impl ScoreView {
    /// The view of a score, or of none (nothing assessed).
    pub fn of_maybe(score: Option<f64>) -> ScoreView {
        match score {
            Some(s) => ScoreView::of(s),
            None => ScoreView {
                pct: 0,
                text: "n/a".into(),
                band: "none",
            },
        }
    }

    /// The view of a score.
    pub fn of(score: f64) -> ScoreView {
        let pct = (score.clamp(0.0, 1.0) * 100.0).round() as u32;
        let band = match pct {
            75.. => "high",
            40.. => "mid",
            _ => "low",
        };
        ScoreView {
            pct,
            text: format!("{pct}%"),
            band,
        }
    }
}

/// How many items have each status.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    /// Met.
    pub met: usize,
    /// Partial.
    pub partial: usize,
    /// Not met.
    pub not_met: usize,
    /// Not assessed.
    pub not_assessed: usize,
}

impl Counts {
    /// Count statuses.
    pub fn of<'a>(statuses: impl IntoIterator<Item = &'a Status>) -> Counts {
        let mut c = Counts::default();
        for s in statuses {
            match s {
                Status::Met => c.met += 1,
                Status::Partial => c.partial += 1,
                Status::NotMet => c.not_met += 1,
                Status::NotAssessed => c.not_assessed += 1,
            }
        }
        c
    }
}

/// A `lang` attribute value: the language code when it looks like one.
pub fn lang_attr(code: &str) -> Option<String> {
    let ok = !code.is_empty()
        && code.len() <= 35
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    ok.then(|| code.to_string())
}

/// The documents of a jurisdiction by path.
pub(super) struct Docs<'a>(BTreeMap<&'a str, &'a DocumentInfo>);

impl<'a> Docs<'a> {
    /// The documents given, by path.
    pub(super) fn of(documents: &'a [DocumentInfo]) -> Docs<'a> {
        Docs(documents.iter().map(|d| (d.path.as_str(), d)).collect())
    }
    /// The title of the document at `path` (or the path).
    pub(super) fn title(&self, path: &str) -> String {
        self.0
            .get(path)
            .and_then(|d| d.title.clone())
            .unwrap_or_else(|| path.to_string())
    }
    /// The `lang` attribute of the document at `path`.
    pub(super) fn lang(&self, path: &str) -> Option<String> {
        self.0.get(path).and_then(|d| lang_attr(&d.language))
    }
}

/// What every page shows in its header and footer.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The page title.
    pub title: String,
    /// `lexalign 0.1.0`.
    pub generator: String,
    /// The model law's title.
    pub model_law_title: String,
    /// Its id and version: `itu-cop-model-law 1.0.0`.
    pub model_law: String,
}

impl PageView {
    /// The shared part of a page.
    pub fn new(law: &ModelLaw, title: String) -> PageView {
        PageView {
            title,
            generator: format!("lexalign {}", env!("CARGO_PKG_VERSION")),
            model_law_title: law.checklist.title.clone(),
            model_law: format!("{} {}", law.checklist.id, law.checklist.version),
        }
    }
}

/// A column head of the overview: an item.
#[derive(Debug, Clone, Serialize)]
pub struct ItemHead {
    /// Id.
    pub id: String,
    /// Short title.
    pub title: String,
}

/// A group of columns: an area and its items.
#[derive(Debug, Clone, Serialize)]
pub struct AreaHead {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Core areas come first.
    pub core: bool,
    /// Its items, in checklist order.
    pub items: Vec<ItemHead>,
}

/// The areas of a model law in report order (core first), with their items.
pub fn area_heads(law: &ModelLaw) -> Vec<AreaHead> {
    law.areas_in_order()
        .into_iter()
        .map(|a| AreaHead {
            id: a.id.clone(),
            title: a.title.clone(),
            core: a.core,
            items: law
                .checklist
                .items
                .iter()
                .filter(|i| i.area == a.id)
                .map(|i| ItemHead {
                    id: i.id.clone(),
                    title: i.title.clone(),
                })
                .collect(),
        })
        .collect()
}

/// One cell of the overview.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The item.
    pub item: String,
    /// Its status.
    pub status: StatusView,
    /// Whether it is the first item of its area (a thicker border).
    pub first: bool,
}

/// A count under an item column.
#[derive(Debug, Clone, Serialize)]
pub struct Tally {
    /// The count.
    pub n: usize,
    /// Whether it is the first item of its area.
    pub first: bool,
}

/// One row of the overview: a jurisdiction.
#[derive(Debug, Clone, Serialize)]
pub struct JurisdictionRow {
    /// Name as shown (with the version, when there is one).
    pub label: String,
    /// Its page, relative to the overview.
    pub href: String,
    /// Overall score.
    pub score: ScoreView,
    /// Score per area, in report order.
    pub areas: Vec<ScoreView>,
    /// Status per item, in report order (area by area).
    pub cells: Vec<Cell>,
    /// Statuses counted.
    pub counts: Counts,
    /// Documents analysed.
    pub documents: usize,
}

/// The overview page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Areas and their items, in report order.
    pub areas: Vec<AreaHead>,
    /// Number of items.
    pub item_count: usize,
    /// The legend.
    pub legend: Vec<StatusView>,
    /// One row per jurisdiction.
    pub rows: Vec<JurisdictionRow>,
    /// Per item (report order), in how many jurisdictions it is met.
    pub met_per_item: Vec<Tally>,
    /// Statuses over all jurisdictions.
    pub counts: Counts,
    /// Documents over all jurisdictions.
    pub documents: usize,
}

/// A jurisdiction's name as shown: `norland (2024)` when it has a version.
pub fn label(j: &JurisdictionReport) -> String {
    match &j.version {
        Some(v) => format!("{} ({v})", j.jurisdiction),
        None => j.jurisdiction.clone(),
    }
}

/// The page file name of each jurisdiction, in report order.
pub fn page_names(jurisdictions: &[JurisdictionReport]) -> Vec<String> {
    let names: Vec<String> = jurisdictions
        .iter()
        .map(|j| match &j.version {
            Some(v) => format!("{} {v}", j.jurisdiction),
            None => j.jurisdiction.clone(),
        })
        .collect();
    unique_slugs(names.iter().map(String::as_str))
        .into_iter()
        .map(|s| format!("{s}.html"))
        .collect()
}

/// Item ids in report order (area by area, core areas first), each with
/// whether it is the first of its area.
pub fn items_in_order(law: &ModelLaw) -> Vec<(String, bool)> {
    area_heads(law)
        .into_iter()
        .flat_map(|a| a.items.into_iter().enumerate().map(|(k, i)| (i.id, k == 0)))
        .collect()
}

/// The overview of a report.
pub fn site_view(
    law: &ModelLaw,
    jurisdictions: &[JurisdictionReport],
    pages: &[String],
) -> SiteView {
    let areas = area_heads(law);
    let order = items_in_order(law);
    let rows: Vec<JurisdictionRow> = jurisdictions
        .iter()
        .zip(pages)
        .map(|(j, href)| {
            let cells: Vec<Cell> = order
                .iter()
                .filter_map(|(id, first)| {
                    let f = j.findings.iter().find(|f| &f.item == id)?;
                    Some(Cell {
                        item: f.item.clone(),
                        status: StatusView::of(f.status),
                        first: *first,
                    })
                })
                .collect();
            JurisdictionRow {
                label: label(j),
                href: href.clone(),
                score: ScoreView::of_maybe(j.score),
                areas: areas
                    .iter()
                    .map(|a| ScoreView::of(j.area_scores.get(&a.id).copied().unwrap_or(0.0)))
                    .collect(),
                counts: Counts::of(j.findings.iter().map(|f| &f.status)),
                cells,
                documents: j.documents.len(),
            }
        })
        .collect();
    let met_per_item = order
        .iter()
        .map(|(id, first)| Tally {
            n: rows
                .iter()
                .filter(|r| {
                    r.cells
                        .iter()
                        .any(|c| &c.item == id && c.status.key == "met")
                })
                .count(),
            first: *first,
        })
        .collect();
    let counts = Counts::of(
        jurisdictions
            .iter()
            .flat_map(|j| j.findings.iter().map(|f| &f.status)),
    );
    SiteView {
        item_count: order.len(),
        areas,
        legend: StatusView::legend(),
        met_per_item,
        counts,
        documents: jurisdictions.iter().map(|j| j.documents.len()).sum(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_round_to_whole_percentages() {
        assert_eq!(ScoreView::of(0.759).text, "76%");
        assert_eq!(ScoreView::of(0.75).band, "high");
        assert_eq!(ScoreView::of(0.4).band, "mid");
        assert_eq!(ScoreView::of(0.0).band, "low");
        assert_eq!(ScoreView::of(1.2).pct, 100);
    }
}
