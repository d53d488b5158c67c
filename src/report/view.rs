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

use super::slug::unique_slug;

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

    /// Add another count.
    pub fn add(&mut self, o: &Counts) {
        self.met += o.met;
        self.partial += o.partial;
        self.not_met += o.not_met;
        self.not_assessed += o.not_assessed;
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
    /// The way from the page to the report folder: empty for a page in it,
    /// `../` for one in a jurisdiction's folder.
    pub root: &'static str,
}

impl PageView {
    /// The shared part of a page.
    pub fn new(law: &ModelLaw, title: String) -> PageView {
        PageView {
            title,
            generator: format!("lexalign {}", env!("CARGO_PKG_VERSION")),
            model_law_title: law.checklist.title.clone(),
            model_law: format!("{} {}", law.checklist.id, law.checklist.version),
            root: "",
        }
    }

    /// The same, for a page in a jurisdiction's folder.
    pub fn nested(mut self) -> PageView {
        self.root = "../";
        self
    }
}

/// A column head of the overview: an item.
#[derive(Debug, Clone, Serialize)]
pub struct ItemHead {
    /// Id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// Its column in the matrix (1 for the first item; 0 holds the names).
    pub col: usize,
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
    let mut col = 0;
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
                .map(|i| {
                    col += 1;
                    ItemHead {
                        id: i.id.clone(),
                        title: i.title.clone(),
                        col,
                    }
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
    /// `reviewed` when a reviewer's decision counts, `stale` when one is
    /// stale; none without a decision.
    pub review: Option<&'static str>,
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
    /// Its code, when the name shown is not the code.
    pub code: Option<String>,
    /// Its region, when given.
    pub region: Option<String>,
    /// Lower-case words the filter box matches: name, code, region.
    pub filter: String,
    /// Place in the ranking by overall score (ties share a place; none
    /// when nothing was assessed or in the matrix, which is by name).
    pub rank: Option<usize>,
    /// The overall score in thousandths for sorting (-1 when none).
    pub sort_score: i64,
    /// Coverage: kinds of its instruments (`act, regulation`).
    pub kinds: String,
    /// Its page, relative to the overview.
    pub href: String,
    /// Its one-page summary, relative to the overview.
    pub summary_href: String,
    /// The status of each item in report order, one digit each (3 met,
    /// 2 partial, 1 not met, 0 not assessed or none): what the status
    /// filter reads.
    pub statuses: String,
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
    /// Jurisdictions (their rows are rendered apart, see
    /// [`super::html::Renderer::index`]).
    pub row_count: usize,
    /// Where the rows go: `scores` and `matrix`.
    pub slots: BTreeMap<&'static str, &'static str>,
    /// Per item (report order), in how many jurisdictions it is met.
    pub met_per_item: Vec<Tally>,
    /// Statuses over all jurisdictions.
    pub counts: Counts,
    /// Documents over all jurisdictions.
    pub documents: usize,
    /// The date the law is stated as of: `--as-of`, else the latest year
    /// of the documents; none when neither is known.
    pub as_of: Option<String>,
    /// Where `as_of` comes from: `given` or `documents`.
    pub as_of_from: &'static str,
    /// Whether any jurisdiction has a region (the filter mentions it).
    pub regions: bool,
    /// The profiles' tables, each a view beside the matrix.
    pub profiles: Vec<super::profiles::ProfileHead>,
}

/// The date a report states the law as of: the one given (`--as-of`),
/// else the latest year of the documents, else none; never the clock, so
/// the same input gives the same report.
pub fn as_of(given: Option<&str>, latest_year: Option<i64>) -> (Option<String>, &'static str) {
    match (given, latest_year) {
        (Some(d), _) => (Some(d.to_string()), "given"),
        (None, Some(y)) => (Some(y.to_string()), "documents"),
        (None, None) => (None, "documents"),
    }
}

/// A jurisdiction's name as shown: its name (front matter `name:`, else
/// the country of its ISO code), else its code; `Norland (2024)` when it
/// has a version.
pub fn label(j: &JurisdictionReport) -> String {
    let name = j.name.as_deref().unwrap_or(&j.jurisdiction);
    match &j.version {
        Some(v) => format!("{name} ({v})"),
        None => name.to_string(),
    }
}

/// The code beside the name shown, when the name is not the code.
pub fn code_shown(j: &JurisdictionReport) -> Option<String> {
    j.name
        .as_ref()
        .filter(|n| **n != j.jurisdiction)
        .map(|_| j.jurisdiction.clone())
}

/// The page file name of each jurisdiction, given one at a time in report
/// order: its name and version as a slug, unique among the report's files.
#[derive(Debug, Default)]
pub struct PageNames {
    taken: std::collections::BTreeSet<String>,
}

impl PageNames {
    /// The page name of the next jurisdiction.
    pub fn next(&mut self, j: &JurisdictionReport) -> String {
        let name = match &j.version {
            Some(v) => format!("{} {v}", j.jurisdiction),
            None => j.jurisdiction.clone(),
        };
        format!("{}.html", unique_slug(&name, &mut self.taken))
    }
}

/// Item ids in report order (area by area, core areas first), each with
/// whether it is the first of its area.
pub fn items_in_order(law: &ModelLaw) -> Vec<(String, bool)> {
    area_heads(law)
        .into_iter()
        .flat_map(|a| a.items.into_iter().enumerate().map(|(k, i)| (i.id, k == 0)))
        .collect()
}

/// What the overview needs of a jurisdiction, without its findings: a
/// report of thousands of jurisdictions keeps this much of each.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    label: String,
    code: Option<String>,
    region: Option<String>,
    year: Option<i64>,
    /// Kinds of its instruments, sorted, without repeats.
    kinds: String,
    href: String,
    score: Option<f64>,
    /// Per area of [`area_heads`], in that order.
    areas: Vec<f64>,
    /// Per item of [`items_in_order`], in that order (none when the
    /// jurisdiction has no finding for it).
    statuses: Vec<Option<Status>>,
    /// Per item, as [`Cell::review`].
    reviews: Vec<Option<&'static str>>,
    documents: usize,
    /// The active profiles' indicators, per profile.
    pub(super) profiles: Vec<super::profiles::Kept>,
}

/// The overview's columns: area and item ids in report order, worked out
/// once per report rather than once per jurisdiction.
#[derive(Debug, Clone)]
pub struct Columns {
    areas: Vec<String>,
    items: Vec<String>,
}

impl Columns {
    /// The columns of a model law's overview.
    pub fn of(law: &ModelLaw) -> Columns {
        Columns {
            areas: law
                .areas_in_order()
                .into_iter()
                .map(|a| a.id.clone())
                .collect(),
            items: items_in_order(law).into_iter().map(|(id, _)| id).collect(),
        }
    }
}

impl IndexEntry {
    /// The entry of a jurisdiction whose page is `href`.
    pub fn of(columns: &Columns, j: &JurisdictionReport, href: String) -> IndexEntry {
        let kinds: std::collections::BTreeSet<&str> = j
            .documents
            .iter()
            .filter_map(|d| d.kind.as_deref())
            .collect();
        IndexEntry {
            label: label(j),
            code: code_shown(j),
            region: j.region.clone(),
            year: j.year,
            kinds: kinds.into_iter().collect::<Vec<_>>().join(", "),
            href,
            score: j.score,
            areas: columns
                .areas
                .iter()
                .map(|a| j.area_scores.get(a).copied().unwrap_or(0.0))
                .collect(),
            statuses: columns
                .items
                .iter()
                .map(|id| j.findings.iter().find(|f| &f.item == id).map(|f| f.status))
                .collect(),
            reviews: columns
                .items
                .iter()
                .map(|id| {
                    let f = j.findings.iter().find(|f| &f.item == id)?;
                    let r = f.review.as_ref()?;
                    Some(if r.review.stale { "stale" } else { "reviewed" })
                })
                .collect(),
            documents: j.documents.len(),
            profiles: super::profiles::kept(j),
        }
    }
}

/// The order of the scores table: best overall score first (none last),
/// ties by name in any case (`Kenya` before `norland` before `Zambia`),
/// with each jurisdiction's place (ties share it).
pub fn ranking(entries: &[IndexEntry]) -> Vec<(usize, Option<usize>)> {
    let key = |e: &IndexEntry| e.score.map(|s| (s * 1000.0).round() as i64);
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| {
        let (ea, eb) = (&entries[a], &entries[b]);
        key(eb)
            .cmp(&key(ea))
            .then_with(|| ea.label.to_lowercase().cmp(&eb.label.to_lowercase()))
            .then_with(|| ea.label.cmp(&eb.label))
            .then(a.cmp(&b))
    });
    let mut out = Vec::with_capacity(order.len());
    let mut place = 0;
    let mut last = None;
    for (k, &i) in order.iter().enumerate() {
        let s = key(&entries[i]);
        if s != last {
            place = k + 1;
            last = s;
        }
        out.push((i, s.map(|_| place)));
    }
    out
}

/// A status as the digit the overview's sorting and filter read.
fn status_digit(s: Option<Status>) -> char {
    match s {
        Some(Status::Met) => '3',
        Some(Status::Partial) => '2',
        Some(Status::NotMet) => '1',
        Some(Status::NotAssessed) | None => '0',
    }
}

/// The rows of the overview of some jurisdictions, each with its place in
/// the ranking when it has one.
pub fn rows<'e>(
    law: &ModelLaw,
    entries: impl IntoIterator<Item = (&'e IndexEntry, Option<usize>)>,
) -> Vec<JurisdictionRow> {
    let order = items_in_order(law);
    entries
        .into_iter()
        .map(|(e, rank)| {
            let cells = order
                .iter()
                .zip(&e.statuses)
                .zip(&e.reviews)
                .filter_map(|(((id, first), status), review)| {
                    Some(Cell {
                        item: id.clone(),
                        status: StatusView::of((*status)?),
                        first: *first,
                        review: *review,
                    })
                })
                .collect();
            let filter = [Some(&e.label), e.code.as_ref(), e.region.as_ref()]
                .into_iter()
                .flatten()
                .map(|s| s.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            JurisdictionRow {
                label: e.label.clone(),
                code: e.code.clone(),
                region: e.region.clone(),
                filter,
                rank,
                sort_score: e.score.map_or(-1, |s| (s * 1000.0).round() as i64),
                kinds: e.kinds.clone(),
                href: e.href.clone(),
                summary_href: format!(
                    "{}/{}.html",
                    e.href.strip_suffix(".html").unwrap_or(&e.href),
                    super::document::SUMMARY
                ),
                statuses: e.statuses.iter().map(|s| status_digit(*s)).collect(),
                score: ScoreView::of_maybe(e.score),
                areas: e.areas.iter().map(|&a| ScoreView::of(a)).collect(),
                counts: Counts::of(e.statuses.iter().flatten()),
                cells,
                documents: e.documents,
            }
        })
        .collect()
}

/// The overview of a report from what it kept of each jurisdiction (the
/// rows themselves are rendered apart, a few at a time).
pub fn site_view_of(law: &ModelLaw, entries: &[IndexEntry], given_as_of: Option<&str>) -> SiteView {
    let (as_of, as_of_from) = as_of(given_as_of, entries.iter().filter_map(|e| e.year).max());
    let order = items_in_order(law);
    let mut counts = Counts::default();
    let mut met_per_item = vec![0; order.len()];
    for e in entries {
        counts.add(&Counts::of(e.statuses.iter().flatten()));
        for (k, s) in e.statuses.iter().enumerate() {
            if *s == Some(Status::Met) {
                met_per_item[k] += 1;
            }
        }
    }
    SiteView {
        item_count: order.len(),
        areas: area_heads(law),
        legend: StatusView::legend(),
        met_per_item: order
            .iter()
            .zip(met_per_item)
            .map(|((_, first), n)| Tally { n, first: *first })
            .collect(),
        counts,
        documents: entries.iter().map(|e| e.documents).sum(),
        row_count: entries.len(),
        as_of,
        as_of_from,
        regions: entries.iter().any(|e| e.region.is_some()),
        profiles: super::profiles::heads(entries),
        slots: BTreeMap::from([
            ("scores", super::html::SLOT_SCORES),
            ("matrix", super::html::SLOT_MATRIX),
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(label: &str, score: Option<f64>) -> IndexEntry {
        IndexEntry {
            label: label.into(),
            code: None,
            region: None,
            year: None,
            kinds: String::new(),
            href: String::new(),
            score,
            areas: Vec::new(),
            statuses: Vec::new(),
            reviews: Vec::new(),
            documents: 0,
            profiles: Vec::new(),
        }
    }

    #[test]
    fn the_ranking_is_best_first_ties_share_a_place_and_none_come_last() {
        let entries = [
            entry("c", Some(0.5)),
            entry("a", None),
            entry("b", Some(0.9)),
            entry("d", Some(0.5)),
            entry("e", Some(0.1)),
        ];
        assert_eq!(
            ranking(&entries),
            vec![
                (2, Some(1)),
                (0, Some(2)),
                (3, Some(2)),
                (4, Some(4)),
                (1, None)
            ]
        );
    }

    #[test]
    fn the_date_is_the_one_given_else_the_documents_latest_year() {
        assert_eq!(
            as_of(Some("2026-01"), Some(2020)),
            (Some("2026-01".into()), "given")
        );
        assert_eq!(as_of(None, Some(2020)), (Some("2020".into()), "documents"));
        assert_eq!(as_of(None, None), (None, "documents"));
    }

    #[test]
    fn scores_round_to_whole_percentages() {
        assert_eq!(ScoreView::of(0.759).text, "76%");
        assert_eq!(ScoreView::of(0.75).band, "high");
        assert_eq!(ScoreView::of(0.4).band, "mid");
        assert_eq!(ScoreView::of(0.0).band, "low");
        assert_eq!(ScoreView::of(1.2).pct, 100);
    }
}
