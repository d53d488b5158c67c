//! The profiles (indicator sets, see [`crate::profiles`]) in the HTML
//! report: on the overview a table per profile — jurisdictions as rows,
//! the indicators as columns, the verdict and how many jurisdictions reach
//! it — which the overview's script shows one at a time beside the item
//! matrix; on a jurisdiction's page a section per profile listing each
//! indicator, its points, the findings it is read from (linked) and the
//! points of the official scale lexalign does not judge; on the one-page
//! summary a line with each verdict (or the points scored).
//!
//! The overview keeps only each indicator's status and points per
//! jurisdiction ([`Kept`]); its rows are rendered a chunk at a time like
//! the matrix's.

use std::collections::BTreeSet;

use serde::Serialize;

use super::view::{IndexEntry, JurisdictionRow, StatusView};
use crate::assess::JurisdictionReport;
use crate::checklist::Status;
use crate::profiles::eval::{ProfileResult, evaluate};
use crate::profiles::{Profile, Rule};

/// What the overview keeps of one profile for one jurisdiction: per
/// indicator (profile order), its status and points.
#[derive(Debug, Clone, Default)]
pub struct Kept(Vec<(Status, Option<f64>)>);

/// The active profiles computed over a jurisdiction, as the overview
/// keeps them (one per profile, in the profiles' order).
pub fn kept(j: &JurisdictionReport) -> Vec<Kept> {
    crate::profiles::active()
        .iter()
        .map(|p| {
            Kept(
                evaluate(p, j)
                    .indicators
                    .iter()
                    .map(|i| (i.status, i.points))
                    .collect(),
            )
        })
        .collect()
}

/// The `id` of each active profile's section, on the overview and on a
/// jurisdiction's page: `profile-` and a slug of its id, unique.
pub fn anchors(profiles: &[Profile]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    profiles
        .iter()
        .map(|p| {
            let s = super::slug::unique_slug_or(&p.id, "profile", &mut taken);
            format!("profile-{s}")
        })
        .collect()
}

/// The `id` of an indicator's row on a jurisdiction's page.
fn indicator_anchor(profile: &str, indicator: &str) -> String {
    let s = super::slug::slug(indicator);
    format!("{profile}-{}", if s.is_empty() { "x" } else { &s })
}

/// Points as shown: `2`, `0.5`.
pub fn points_text(p: f64) -> String {
    if p.fract() == 0.0 && p.abs() < 1e15 {
        format!("{p:.0}")
    } else {
        let s = format!("{p:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Whether a profile's indicator gives points.
fn has_points(p: &Profile) -> bool {
    p.indicators
        .iter()
        .any(|i| matches!(i.rule, Rule::Points(_)))
}

/// A column of a profile's table on the overview: an indicator.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorHead {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The scale's maximum, for points indicators (`3`).
    pub max: Option<String>,
    /// In how many jurisdictions it is met.
    pub met_in: usize,
    /// Its column (1 for the first; 0 holds the names).
    pub col: usize,
}

/// A profile's table on the overview (its rows are rendered apart).
#[derive(Debug, Clone, Serialize)]
pub struct ProfileHead {
    /// Its id.
    pub id: String,
    /// Its section's `id`.
    pub anchor: String,
    /// Its title.
    pub title: String,
    /// Its title up to the first colon, for the switch between views.
    pub short: String,
    /// Where its indicators come from.
    pub source: String,
    /// What it measures.
    pub description: String,
    /// Its indicators but the verdict, in order.
    pub indicators: Vec<IndicatorHead>,
    /// The verdict's column, when the profile has one.
    pub verdict: Option<IndicatorHead>,
    /// Whether its indicators give points (a total column).
    pub points: bool,
    /// The total of the scale, when it gives points (`8`).
    pub max_total: Option<String>,
    /// Where its rows go in the page.
    pub slot: String,
}

/// Where a profile's rows go in `index.html`: a marker no rendered text
/// holds (see [`super::html::SLOT_SCORES`]).
fn slot(k: usize) -> String {
    format!("\u{0}rows:profile:{k}\u{0}")
}

/// The tables of the active profiles on the overview, with their counts
/// over `entries`.
pub fn heads(entries: &[IndexEntry]) -> Vec<ProfileHead> {
    let profiles = crate::profiles::active();
    profiles
        .iter()
        .zip(anchors(profiles))
        .enumerate()
        .map(|(k, (p, anchor))| {
            let mut col = 0;
            let mut verdict = None;
            let mut indicators = Vec::new();
            let mut total = 0.0;
            for (n, ind) in p.indicators.iter().enumerate() {
                let met_in = entries
                    .iter()
                    .filter(|e| {
                        e.profiles
                            .get(k)
                            .and_then(|kept| kept.0.get(n))
                            .is_some_and(|(s, _)| *s == Status::Met)
                    })
                    .count();
                let max = match &ind.rule {
                    Rule::Points(pts) => {
                        let m = pts.parts.iter().map(|x| x.met).sum::<f64>()
                            + ind.unscored.iter().map(|u| u.points).sum::<f64>();
                        total += m;
                        Some(points_text(m))
                    }
                    _ => None,
                };
                col += 1;
                let head = IndicatorHead {
                    id: ind.id.clone(),
                    title: ind.title.clone(),
                    max,
                    met_in,
                    col,
                };
                if p.verdict.as_deref() == Some(ind.id.as_str()) {
                    verdict = Some(head);
                } else {
                    indicators.push(head);
                }
            }
            // The verdict's column comes last, whatever its place in the
            // profile.
            if let Some(v) = verdict.as_mut() {
                v.col = col;
                for (n, i) in indicators.iter_mut().enumerate() {
                    i.col = n + 1;
                }
            }
            let points = has_points(p);
            ProfileHead {
                id: p.id.clone(),
                anchor,
                title: p.title.clone(),
                short: p.title.split(':').next().unwrap_or("").trim().to_string(),
                source: p.source.clone(),
                description: p.description.clone(),
                indicators,
                verdict,
                points,
                max_total: points.then(|| points_text(total)),
                slot: slot(k),
            }
        })
        .collect()
}

/// One cell of a profile's row.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorCell {
    /// The indicator.
    pub id: String,
    /// Its status.
    pub status: StatusView,
    /// Its points (`2`), for points indicators assessed.
    pub points: Option<String>,
    /// Its row on the jurisdiction's page.
    pub anchor: String,
    /// The digit sorting reads (3 met … 0 not assessed), or the points.
    pub sort: String,
}

/// One row of a profile's table: a jurisdiction.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileRow {
    /// Name as shown.
    pub label: String,
    /// Its code, when the name is not the code.
    pub code: Option<String>,
    /// What the filter box matches.
    pub filter: String,
    /// What the status filter reads (see [`JurisdictionRow::statuses`]).
    pub statuses: String,
    /// Its page.
    pub href: String,
    /// The indicators but the verdict.
    pub cells: Vec<IndicatorCell>,
    /// The verdict.
    pub verdict: Option<IndicatorCell>,
    /// Points over the indicators (when the profile gives points and
    /// every indicator was assessed).
    pub total: Option<String>,
    /// The total for sorting (-1 when none).
    pub sort_total: String,
}

fn digit(s: Status) -> char {
    match s {
        Status::Met => '3',
        Status::Partial => '2',
        Status::NotMet => '1',
        Status::NotAssessed => '0',
    }
}

/// The rows of the `k`th active profile's table for some jurisdictions,
/// from their entries and their matrix rows (in the same order).
pub fn rows<'e>(
    k: usize,
    entries: impl IntoIterator<Item = &'e IndexEntry>,
    base: Vec<JurisdictionRow>,
) -> Vec<ProfileRow> {
    let profiles = crate::profiles::active();
    let Some(p) = profiles.get(k) else {
        return Vec::new();
    };
    let anchor = &anchors(profiles)[k];
    entries
        .into_iter()
        .zip(base)
        .map(|(e, r)| {
            let kept = e.profiles.get(k).cloned().unwrap_or_default();
            let mut cells = Vec::new();
            let mut verdict = None;
            let mut total = Some(0.0);
            for (ind, &(status, points)) in p.indicators.iter().zip(&kept.0) {
                if matches!(ind.rule, Rule::Points(_)) {
                    total = match (total, points) {
                        (Some(t), Some(x)) => Some(t + x),
                        _ => None,
                    };
                }
                let cell = IndicatorCell {
                    id: ind.id.clone(),
                    status: StatusView::of(status),
                    points: points.map(points_text),
                    anchor: indicator_anchor(anchor, &ind.id),
                    sort: match points {
                        Some(x) => points_text(x),
                        None => digit(status).to_string(),
                    },
                };
                if p.verdict.as_deref() == Some(ind.id.as_str()) {
                    verdict = Some(cell);
                } else {
                    cells.push(cell);
                }
            }
            let total = total.filter(|_| has_points(p)).map(points_text);
            ProfileRow {
                label: r.label,
                code: r.code,
                filter: r.filter,
                statuses: r.statuses,
                href: r.href,
                cells,
                verdict,
                sort_total: total.clone().unwrap_or_else(|| "-1".to_string()),
                total,
            }
        })
        .collect()
}

/// An item an indicator is read from, on a jurisdiction's page.
#[derive(Debug, Clone, Serialize)]
pub struct ItemLink {
    /// The item's id (its finding's `id` on the page).
    pub id: String,
    /// Its status there, when the page has its finding.
    pub status: Option<StatusView>,
}

/// An indicator on a jurisdiction's page.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    /// Its id.
    pub id: String,
    /// Its row's `id`.
    pub anchor: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: StatusView,
    /// `2 of 3` for points indicators (`– of 3` when not assessed).
    pub points: Option<String>,
    /// The items it is read from.
    pub items: Vec<ItemLink>,
    /// Points of the official scale lexalign does not judge.
    pub unscored: Vec<String>,
    /// Whether it is the profile's verdict.
    pub verdict: bool,
}

/// A profile on a jurisdiction's page.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileSection {
    /// Its id.
    pub id: String,
    /// Its section's `id`.
    pub anchor: String,
    /// Its title.
    pub title: String,
    /// Where its indicators come from.
    pub source: String,
    /// What it measures.
    pub description: String,
    /// The verdict: its indicator's title and status.
    pub verdict: Option<IndicatorView>,
    /// The indicators the verdict is read from that are not met.
    pub short_of: Vec<String>,
    /// Whether it gives points (a points column).
    pub points: bool,
    /// Its points over every indicator, `5 of 8` (when it gives points
    /// and every indicator was assessed).
    pub total: Option<String>,
    /// Every indicator, in order (the verdict too).
    pub indicators: Vec<IndicatorView>,
}

/// The active profiles on a jurisdiction's page.
pub fn sections(j: &JurisdictionReport) -> Vec<ProfileSection> {
    let profiles = crate::profiles::active();
    profiles
        .iter()
        .zip(anchors(profiles))
        .map(|(p, anchor)| section(p, &anchor, j, &evaluate(p, j)))
        .collect()
}

fn section(p: &Profile, anchor: &str, j: &JurisdictionReport, r: &ProfileResult) -> ProfileSection {
    let indicators: Vec<IndicatorView> = r
        .indicators
        .iter()
        .map(|i| IndicatorView {
            id: i.id.clone(),
            anchor: indicator_anchor(anchor, &i.id),
            title: i.title.clone(),
            status: StatusView::of(i.status),
            points: i.max.map(|m| {
                let got = i.points.map_or_else(|| "–".to_string(), points_text);
                format!("{got} of {}", points_text(m))
            }),
            items: i
                .items
                .iter()
                .map(|id| ItemLink {
                    id: id.clone(),
                    status: j
                        .findings
                        .iter()
                        .find(|f| &f.item == id)
                        .map(|f| StatusView::of(f.status)),
                })
                .collect(),
            unscored: i.unscored.clone(),
            verdict: r.verdict.as_ref().is_some_and(|v| v.indicator == i.id),
        })
        .collect();
    let mut short_of = Vec::new();
    if let Some(v) = p
        .indicators
        .iter()
        .find(|i| p.verdict.as_deref() == Some(i.id.as_str()))
    {
        let mut ids = Vec::new();
        crate::profiles::eval::operand_ids(&v.rule, &mut ids);
        for id in ids {
            let missed = r.indicators.iter().find(|i| i.id == id);
            if missed.is_some_and(|i| i.status != Status::Met) && !short_of.iter().any(|s| s == id)
            {
                short_of.push(id.to_string());
            }
        }
    }
    let mut total = Some((0.0, 0.0));
    for i in r.indicators.iter().filter(|i| i.max.is_some()) {
        total = match (total, i.points, i.max) {
            (Some((got, max)), Some(p), Some(m)) => Some((got + p, max + m)),
            _ => None,
        };
    }
    ProfileSection {
        total: total
            .filter(|_| has_points(p))
            .map(|(got, max)| format!("{} of {}", points_text(got), points_text(max))),
        short_of,
        id: p.id.clone(),
        anchor: anchor.to_string(),
        title: p.title.clone(),
        source: p.source.clone(),
        description: p.description.clone(),
        verdict: indicators.iter().find(|i| i.verdict).cloned(),
        points: has_points(p),
        indicators,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_print_without_needless_decimals() {
        assert_eq!(points_text(3.0), "3");
        assert_eq!(points_text(0.0), "0");
        assert_eq!(points_text(0.5), "0.5");
        assert_eq!(points_text(1.25), "1.25");
    }

    #[test]
    fn anchors_are_unique_slugs() {
        let mut p = crate::profiles::embedded();
        let mut twin = p[0].clone();
        twin.id = p[0].id.to_uppercase();
        p.push(twin);
        let a = anchors(&p);
        let unique: BTreeSet<&String> = a.iter().collect();
        assert_eq!(unique.len(), a.len(), "{a:?}");
        assert!(a.iter().all(|x| x.starts_with("profile-")), "{a:?}");
    }
}
