//! The trend behind `lexalign trend REPORT.json...`: reports of different
//! years side by side. Per jurisdiction and item, the status in each year; per item, how
//! many jurisdictions meet it each year; the jurisdictions that improved
//! (an item got better) or regressed (an item got worse) between their
//! first and last year; a bar chart (inline SVG) of the counts.
//!
//! The year of a jurisdiction in a report is its version when that is a
//! four-digit year (editions of one statute book), else the report's year
//! for it, else the latest year of its documents.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;

use crate::checklist::Status;
use crate::diag::Diagnostic;
use crate::report::read::JurisdictionIn;

mod chart;
pub use chart::{Bar, Chart, Label};

/// One jurisdiction and item: its status in each year.
#[derive(Debug, Clone, Serialize)]
pub struct ItemYears {
    /// Item id.
    pub item: Arc<str>,
    /// Status per year (in the order of [`Trend::years`]); absent when the
    /// jurisdiction was not reported that year.
    pub statuses: Vec<Option<Status>>,
}

/// One jurisdiction over the years.
#[derive(Debug, Clone, Serialize)]
pub struct JurisdictionTrend {
    /// Its name.
    pub jurisdiction: String,
    /// Overall score per year.
    pub scores: Vec<Option<f64>>,
    /// Its first and last year reported.
    pub first_year: i64,
    /// Its last year reported.
    pub last_year: i64,
    /// Items whose status got better from the first to the last year.
    pub gained: Vec<Arc<str>>,
    /// Items whose status got worse.
    pub lost: Vec<Arc<str>>,
    /// Every item.
    pub items: Vec<ItemYears>,
}

/// One item: how many jurisdictions meet it each year.
#[derive(Debug, Clone, Serialize)]
pub struct ItemCounts {
    /// Item id.
    pub item: Arc<str>,
    /// Jurisdictions meeting it, per year.
    pub met: Vec<usize>,
    /// Jurisdictions partly meeting it, per year.
    pub partial: Vec<usize>,
    /// Jurisdictions assessed, per year.
    pub assessed: Vec<usize>,
}

/// A whole trend (`trend.json`).
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    /// Format version of this file.
    pub version: u32,
    /// The tool that wrote it.
    pub generator: String,
    /// The reports read.
    pub reports: Vec<String>,
    /// The years, in order.
    pub years: Vec<i64>,
    /// Per item, per year.
    pub items: Vec<ItemCounts>,
    /// Per jurisdiction.
    pub jurisdictions: Vec<JurisdictionTrend>,
    /// Jurisdictions where an item got better.
    pub improved: Vec<String>,
    /// Jurisdictions where an item got worse.
    pub regressed: Vec<String>,
    /// The chart.
    pub chart: Chart,
}

impl Trend {
    /// Pretty JSON with a final newline, written as it is made (the text
    /// of a trend over 10^6 findings is never held whole).
    pub fn write_json(&self, w: impl std::io::Write) -> std::io::Result<()> {
        use std::io::Write as _;
        let mut w = std::io::BufWriter::new(w);
        serde_json::to_writer_pretty(&mut w, self)?;
        w.write_all(b"\n")?;
        w.flush()
    }
}

/// Build the trend from (report name, jurisdiction) entries in reading
/// order. A jurisdiction given twice for a year: the later entry wins and
/// a warning says so.
pub fn trend(
    reports: Vec<String>,
    entries: Vec<(String, JurisdictionIn)>,
) -> (Trend, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut by: BTreeMap<String, BTreeMap<i64, JurisdictionIn>> = BTreeMap::new();
    for (file, j) in entries {
        let Some(year) = j.report_year() else {
            diags.push(Diagnostic::warning(
                &file,
                format!(
                    "{}: no year (no four-digit version, no year, no document year); left out",
                    j.label()
                ),
            ));
            continue;
        };
        let name = j.jurisdiction.clone();
        if by
            .entry(name.clone())
            .or_default()
            .insert(year, j)
            .is_some()
        {
            diags.push(Diagnostic::warning(
                &file,
                format!("{name} is reported twice for {year}; the later report is used"),
            ));
        }
    }
    let mut years: Vec<i64> = by.values().flat_map(|m| m.keys().copied()).collect();
    years.sort_unstable();
    years.dedup();
    // Items in order of first appearance, and per jurisdiction and year
    // the status of each item by its id: one map look-up per status
    // rather than a scan of the findings (a report may hold 10^6).
    let mut item_ids: Vec<Arc<str>> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for j in by.values().flat_map(|m| m.values()) {
        for f in &j.findings {
            if seen.insert(&*f.item) {
                item_ids.push(f.item.clone());
            }
        }
    }
    drop(seen);
    let statuses: BTreeMap<&str, BTreeMap<i64, HashMap<&str, Status>>> = by
        .iter()
        .map(|(name, per_year)| {
            let years = per_year
                .iter()
                .map(|(&y, j)| {
                    let mut m = HashMap::with_capacity(j.findings.len());
                    for f in &j.findings {
                        // The first finding of an item counts, as before.
                        m.entry(&*f.item).or_insert(f.status);
                    }
                    (y, m)
                })
                .collect();
            (name.as_str(), years)
        })
        .collect();
    let status_in = |name: &str, year: i64, item: &str| -> Option<Status> {
        statuses
            .get(name)
            .and_then(|m| m.get(&year))
            .and_then(|m| m.get(item))
            .copied()
    };
    let jurisdictions: Vec<JurisdictionTrend> = by
        .iter()
        .map(|(name, per_year)| {
            let first = per_year.keys().next().copied();
            let last = per_year.keys().next_back().copied();
            let (first_year, last_year) = (first.unwrap_or(0), last.unwrap_or(0));
            let mut gained = Vec::new();
            let mut lost = Vec::new();
            if let (Some(a), Some(b)) = (first, last) {
                for id in &item_ids {
                    match (status_in(name, a, id), status_in(name, b, id)) {
                        (Some(x), Some(y)) if y > x => gained.push(id.clone()),
                        (Some(x), Some(y)) if y < x => lost.push(id.clone()),
                        _ => {}
                    }
                }
            }
            JurisdictionTrend {
                jurisdiction: name.clone(),
                scores: years
                    .iter()
                    .map(|y| per_year.get(y).and_then(|j| j.score))
                    .collect(),
                first_year,
                last_year,
                gained,
                lost,
                // The items it was reported on (every item, for reports of
                // one model law): a report whose jurisdictions each name
                // other items does not multiply them.
                items: item_ids
                    .iter()
                    .filter_map(|id| {
                        let statuses: Vec<Option<Status>> =
                            years.iter().map(|&y| status_in(name, y, id)).collect();
                        statuses.iter().any(Option::is_some).then(|| ItemYears {
                            item: id.clone(),
                            statuses,
                        })
                    })
                    .collect(),
            }
        })
        .collect();
    let index: HashMap<&str, usize> = item_ids
        .iter()
        .enumerate()
        .map(|(k, id)| (&**id, k))
        .collect();
    let zeros = || vec![0usize; years.len()];
    let mut items: Vec<ItemCounts> = item_ids
        .iter()
        .map(|id| ItemCounts {
            item: id.clone(),
            met: zeros(),
            partial: zeros(),
            assessed: zeros(),
        })
        .collect();
    for j in &jurisdictions {
        for i in &j.items {
            let Some(c) = index.get(&*i.item).map(|&k| &mut items[k]) else {
                continue;
            };
            for (y, s) in i.statuses.iter().enumerate() {
                let Some(s) = s else { continue };
                c.assessed[y] += 1;
                match s {
                    Status::Met => c.met[y] += 1,
                    Status::Partial => c.partial[y] += 1,
                    _ => {}
                }
            }
        }
    }
    let improved = jurisdictions
        .iter()
        .filter(|j| !j.gained.is_empty())
        .map(|j| j.jurisdiction.clone())
        .collect();
    let regressed = jurisdictions
        .iter()
        .filter(|j| !j.lost.is_empty())
        .map(|j| j.jurisdiction.clone())
        .collect();
    let chart = chart::chart(&years, &items);
    (
        Trend {
            version: 1,
            generator: format!("lexalign {}", env!("CARGO_PKG_VERSION")),
            reports,
            years,
            items,
            jurisdictions,
            improved,
            regressed,
            chart,
        },
        diags,
    )
}

/// The text summary.
pub fn to_text(t: &Trend) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let years: Vec<String> = t.years.iter().map(|y| y.to_string()).collect();
    let _ = writeln!(
        out,
        "Trend over {} ({} {})",
        years.join(", "),
        t.reports.len(),
        if t.reports.len() == 1 {
            "report"
        } else {
            "reports"
        }
    );
    let _ = writeln!(out, "\nJurisdictions meeting each item, per year:");
    let _ = writeln!(out, "  {:<26} {}", "item", years.join("  "));
    for i in &t.items {
        let counts: Vec<String> = i.met.iter().map(|m| format!("{m:>4}")).collect();
        let _ = writeln!(out, "  {:<26} {}", i.item, counts.join("  "));
    }
    for j in &t.jurisdictions {
        let scores: Vec<String> = j
            .scores
            .iter()
            .map(|s| s.map_or("-".into(), |s| format!("{s:.3}")))
            .collect();
        let _ = writeln!(out, "\n{}: score {}", j.jurisdiction, scores.join(" -> "));
        for i in &j.items {
            let first = i.statuses.iter().flatten().next();
            if i.statuses.iter().flatten().all(|s| Some(s) == first) {
                continue;
            }
            let st: Vec<String> = i
                .statuses
                .iter()
                .map(|s| format!("{:<8}", s.map_or("-", |s| s.as_str())))
                .collect();
            let _ = writeln!(out, "  {:<26} {}", i.item, st.join(" ").trim_end());
        }
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    let _ = writeln!(out, "\nImproved: {}", list(&t.improved));
    let _ = writeln!(out, "Regressed: {}", list(&t.regressed));
    out
}
