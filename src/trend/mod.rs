//! The trend behind `lexalign trend REPORT.json...`: reports of different
//! years side by side. Per jurisdiction and item, the status in each year; per item and
//! year, the share of the jurisdictions assessed that meet it (met /
//! assessed, with both counts), so that a year with more jurisdictions
//! assessed does not look like progress; the jurisdictions that improved
//! (an item got better) or regressed (an item got worse) between their
//! first and last year; a bar chart (inline SVG) of the shares.
//!
//! The year (edition) of a jurisdiction in a report is, in this order:
//! the year given for the report on the command line (`--year`); its
//! version when that is a four-digit year (an edition of one statute
//! book); the year the report is stated as of (`as_of`); its own year;
//! the latest year of its documents. A jurisdiction found in two reports
//! for one year is an error (two reports without a year of their own
//! would otherwise fall into one): the message asks for `--year`; unless
//! both years are its version: one edition in two reports is a warning.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;

use crate::checklist::Status;
use crate::diag::Diagnostic;
use crate::report::read::JurisdictionIn;

mod chart;
pub use chart::{Bar, Chart, Label};

/// Where the year of a jurisdiction in a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearFrom {
    /// `--year` on the command line.
    Given,
    /// Its version, a four-digit year.
    Version,
    /// The report's `as_of`.
    AsOf,
    /// Its own year, or its documents' years.
    Documents,
}

impl YearFrom {
    fn describe(self) -> &'static str {
        match self {
            YearFrom::Given => "given with --year",
            YearFrom::Version => "its version",
            YearFrom::AsOf => "the report's as-of date",
            YearFrom::Documents => "the years of its documents",
        }
    }
}

/// One jurisdiction of one report, as the trend reads it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The report it is from (as shown in messages).
    pub report: String,
    /// The place of that report among those given.
    pub index: usize,
    /// The year given for the report on the command line.
    pub given_year: Option<i64>,
    /// The year the report is stated as of.
    pub as_of_year: Option<i64>,
    /// The jurisdiction.
    pub jurisdiction: JurisdictionIn,
}

impl Entry {
    /// Its year and where it came from (see the module's text).
    pub fn year(&self) -> Option<(i64, YearFrom)> {
        let j = &self.jurisdiction;
        let version = j
            .version
            .as_deref()
            .filter(|v| v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse().ok());
        self.given_year
            .map(|y| (y, YearFrom::Given))
            .or(version.map(|y| (y, YearFrom::Version)))
            .or(self.as_of_year.map(|y| (y, YearFrom::AsOf)))
            .or(j.report_year().map(|y| (y, YearFrom::Documents)))
    }
}

/// One jurisdiction and item: its status in each year.
#[derive(Debug, Clone, Serialize)]
pub struct ItemYears {
    /// Item id.
    pub item: Arc<str>,
    /// Its title in the model law, when the model law has the item.
    pub title: Option<String>,
    /// Status per year (in the order of [`Trend::years`]); absent when the
    /// jurisdiction was not reported that year.
    pub statuses: Vec<Option<Status>>,
    /// Per year, whether the status is a reviewer's decision (absent when
    /// none is).
    #[serde(skip_serializing_if = "none_reviewed")]
    pub reviewed: Vec<bool>,
}

fn none_reviewed(v: &[bool]) -> bool {
    !v.contains(&true)
}

/// One jurisdiction over the years.
#[derive(Debug, Clone, Serialize)]
pub struct JurisdictionTrend {
    /// Its code.
    pub jurisdiction: String,
    /// Its name as shown (its name in the latest report that gives one,
    /// else its code).
    pub name: String,
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

/// One item: how many jurisdictions meet it each year, out of how many
/// were assessed on it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemCounts {
    /// Item id.
    pub item: Arc<str>,
    /// Its title in the model law, when the model law has the item.
    pub title: Option<String>,
    /// Jurisdictions meeting it, per year.
    pub met: Vec<usize>,
    /// Jurisdictions partly meeting it, per year.
    pub partial: Vec<usize>,
    /// Jurisdictions assessed on it (a status other than not assessed),
    /// per year.
    pub assessed: Vec<usize>,
    /// `met / assessed` per year, to three decimals; absent when none was
    /// assessed.
    pub share: Vec<Option<f64>>,
    /// The shares as whole percentages (`67%`; `–` when none was assessed).
    pub percent: Vec<String>,
}

/// One year over every item: items met out of items assessed.
#[derive(Debug, Clone, Serialize)]
pub struct YearTotals {
    /// The year.
    pub year: i64,
    /// Jurisdictions reported that year.
    pub jurisdictions: usize,
    /// Items assessed (jurisdiction × item), not-assessed ones left out.
    pub assessed: usize,
    /// Of those, met.
    pub met: usize,
    /// Of those, partly met.
    pub partial: usize,
    /// `met / assessed`, to three decimals; absent when nothing was
    /// assessed.
    pub share: Option<f64>,
    /// The share as a whole percentage (`67%`; `–` when nothing was
    /// assessed).
    pub percent: String,
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
    /// Per year, over every item and jurisdiction.
    pub totals: Vec<YearTotals>,
    /// Per item, per year.
    pub items: Vec<ItemCounts>,
    /// Per jurisdiction, by name.
    pub jurisdictions: Vec<JurisdictionTrend>,
    /// Names of the jurisdictions where an item got better.
    pub improved: Vec<String>,
    /// Names of the jurisdictions where an item got worse.
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

/// `part / whole` to three decimals; none when `whole` is 0.
pub fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 1000.0)
}

/// A share as a whole percentage (`67%`), or `–` when there is none.
pub fn percent(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_string(), |s| format!("{:.0}%", s * 100.0))
}

/// The trend of (report, jurisdiction) entries in reading order: years
/// from the reports alone (no `--year`, no as-of date), no item titles.
pub fn trend(
    reports: Vec<String>,
    entries: Vec<(String, JurisdictionIn)>,
) -> (Trend, Vec<Diagnostic>) {
    let entries = entries
        .into_iter()
        .map(|(report, jurisdiction)| Entry {
            index: reports
                .iter()
                .position(|r| *r == report)
                .unwrap_or(usize::MAX),
            report,
            given_year: None,
            as_of_year: None,
            jurisdiction,
        })
        .collect();
    trend_of(reports, entries, &|_| None)
}

/// Build the trend from the entries in reading order; `title` gives an
/// item's title in the model law. A jurisdiction given twice for a year
/// in one report: the later entry wins and a warning says so; in two
/// reports: an error (give each report its `--year`).
pub fn trend_of(
    reports: Vec<String>,
    entries: Vec<Entry>,
    title: &dyn Fn(&str) -> Option<String>,
) -> (Trend, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // Per code and year: the jurisdiction, its report and where its year
    // came from.
    type Slot = (JurisdictionIn, (usize, String), YearFrom);
    let mut by: BTreeMap<String, BTreeMap<i64, Slot>> = BTreeMap::new();
    for e in entries {
        let Some((year, from)) = e.year() else {
            diags.push(
                Diagnostic::error(
                    &e.report,
                    format!(
                        "{}: no year (no --year, no four-digit version, no as-of date, no document year)",
                        e.jurisdiction.label()
                    ),
                )
                .with_help("give each report its year: --year 2024,2025 in the order of the reports"),
            );
            continue;
        };
        let label = e.jurisdiction.label();
        let code = e.jurisdiction.jurisdiction.clone();
        let slot = by.entry(code).or_default();
        if let Some((_, (earlier_index, earlier), earlier_from)) = slot.get(&year) {
            if *earlier_index == e.index {
                diags.push(Diagnostic::warning(
                    &e.report,
                    format!("{label} is reported twice for {year}; the later entry is used"),
                ));
            } else if from == YearFrom::Version && *earlier_from == YearFrom::Version {
                // One edition of a statute book (its version) in two
                // reports: the same text twice, not two years in one.
                diags.push(Diagnostic::warning(
                    &e.report,
                    format!(
                        "{label}, edition {year}, is in {earlier} and in {}; the later is used",
                        e.report
                    ),
                ));
            } else {
                let why = if from == *earlier_from {
                    from.describe().to_string()
                } else {
                    format!("{} and {}", earlier_from.describe(), from.describe())
                };
                diags.push(
                    Diagnostic::error(
                        &e.report,
                        format!(
                            "{label} is in {earlier} and in {} for the same year, {year} (from {why}): two reports of one year cannot be told apart",
                            e.report
                        ),
                    )
                    .with_help("give each report its year: --year 2024,2025 in the order of the reports"),
                );
            }
        }
        slot.insert(year, (e.jurisdiction, (e.index, e.report), from));
    }
    let by: BTreeMap<String, BTreeMap<i64, JurisdictionIn>> = by
        .into_iter()
        .map(|(k, m)| (k, m.into_iter().map(|(y, (j, _, _))| (y, j)).collect()))
        .collect();
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
    let titles: HashMap<&str, Option<String>> =
        item_ids.iter().map(|id| (&**id, title(id))).collect();
    let title_of = |id: &str| titles.get(id).cloned().flatten();
    // Per jurisdiction, year and item: the status, and whether a reviewer
    // decided it.
    type ByItem<'a> = HashMap<&'a str, (Status, bool)>;
    let statuses: BTreeMap<&str, BTreeMap<i64, ByItem>> = by
        .iter()
        .map(|(code, per_year)| {
            let years = per_year
                .iter()
                .map(|(&y, j)| {
                    let mut m = HashMap::with_capacity(j.findings.len());
                    for f in &j.findings {
                        // The first finding of an item counts, as before.
                        m.entry(&*f.item).or_insert((f.status, f.reviewed()));
                    }
                    (y, m)
                })
                .collect();
            (code.as_str(), years)
        })
        .collect();
    let finding_in = |code: &str, year: i64, item: &str| -> Option<(Status, bool)> {
        statuses
            .get(code)
            .and_then(|m| m.get(&year))
            .and_then(|m| m.get(item))
            .copied()
    };
    let status_in = |code: &str, year: i64, item: &str| finding_in(code, year, item).map(|f| f.0);
    let mut jurisdictions: Vec<JurisdictionTrend> = by
        .iter()
        .map(|(code, per_year)| {
            let first = per_year.keys().next().copied();
            let last = per_year.keys().next_back().copied();
            let (first_year, last_year) = (first.unwrap_or(0), last.unwrap_or(0));
            let mut gained = Vec::new();
            let mut lost = Vec::new();
            if let (Some(a), Some(b)) = (first, last) {
                for id in &item_ids {
                    match (status_in(code, a, id), status_in(code, b, id)) {
                        // Not assessed is no status to get better or worse from.
                        (Some(Status::NotAssessed), _) | (_, Some(Status::NotAssessed)) => {}
                        (Some(x), Some(y)) if y > x => gained.push(id.clone()),
                        (Some(x), Some(y)) if y < x => lost.push(id.clone()),
                        _ => {}
                    }
                }
            }
            let name = per_year
                .values()
                .rev()
                .find_map(|j| j.name.as_deref().filter(|n| !n.trim().is_empty()))
                .unwrap_or(code)
                .to_string();
            JurisdictionTrend {
                jurisdiction: code.clone(),
                name,
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
                            years.iter().map(|&y| status_in(code, y, id)).collect();
                        statuses.iter().any(Option::is_some).then(|| ItemYears {
                            item: id.clone(),
                            title: title_of(id),
                            statuses,
                            reviewed: years
                                .iter()
                                .map(|&y| finding_in(code, y, id).is_some_and(|f| f.1))
                                .collect(),
                        })
                    })
                    .collect(),
            }
        })
        .collect();
    // By name as a reader looks for it (any case), then by code.
    jurisdictions.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.jurisdiction.cmp(&b.jurisdiction))
    });
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
            title: title_of(id),
            met: zeros(),
            partial: zeros(),
            assessed: zeros(),
            share: Vec::new(),
            percent: Vec::new(),
        })
        .collect();
    for j in &jurisdictions {
        for i in &j.items {
            let Some(c) = index.get(&*i.item).map(|&k| &mut items[k]) else {
                continue;
            };
            for (y, s) in i.statuses.iter().enumerate() {
                let Some(s) = s else { continue };
                if *s == Status::NotAssessed {
                    continue;
                }
                c.assessed[y] += 1;
                match s {
                    Status::Met => c.met[y] += 1,
                    Status::Partial => c.partial[y] += 1,
                    _ => {}
                }
            }
        }
    }
    for c in &mut items {
        c.share = c
            .met
            .iter()
            .zip(&c.assessed)
            .map(|(&m, &a)| share(m, a))
            .collect();
        c.percent = c.share.iter().map(|&s| percent(s)).collect();
    }
    let totals = years
        .iter()
        .enumerate()
        .map(|(y, &year)| {
            let sum = |f: fn(&ItemCounts) -> &Vec<usize>| items.iter().map(|c| f(c)[y]).sum();
            let (met, partial, assessed): (usize, usize, usize) =
                (sum(|c| &c.met), sum(|c| &c.partial), sum(|c| &c.assessed));
            YearTotals {
                year,
                jurisdictions: by.values().filter(|m| m.contains_key(&year)).count(),
                assessed,
                met,
                partial,
                share: share(met, assessed),
                percent: percent(share(met, assessed)),
            }
        })
        .collect();
    let improved = jurisdictions
        .iter()
        .filter(|j| !j.gained.is_empty())
        .map(|j| j.name.clone())
        .collect();
    let regressed = jurisdictions
        .iter()
        .filter(|j| !j.lost.is_empty())
        .map(|j| j.name.clone())
        .collect();
    let chart = chart::chart(&years, &items);
    (
        Trend {
            version: 2,
            generator: format!("lexalign {}", env!("CARGO_PKG_VERSION")),
            reports,
            years,
            totals,
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
    let _ = writeln!(out, "\nItems met of those assessed, per year:");
    for y in &t.totals {
        let _ = writeln!(
            out,
            "  {}: {} ({} of {} items met; {} {})",
            y.year,
            percent(y.share),
            y.met,
            y.assessed,
            y.jurisdictions,
            if y.jurisdictions == 1 {
                "jurisdiction"
            } else {
                "jurisdictions"
            }
        );
    }
    let _ = writeln!(
        out,
        "\nShare of the jurisdictions assessed that meet each item (met/assessed), per year:"
    );
    let cells = |i: &ItemCounts| -> Vec<String> {
        (0..t.years.len())
            .map(|y| {
                let c = format!("{} {}/{}", percent(i.share[y]), i.met[y], i.assessed[y]);
                format!("{c:>12}")
            })
            .collect()
    };
    let head: Vec<String> = years.iter().map(|y| format!("{y:>12}")).collect();
    let _ = writeln!(out, "  {:<26} {}", "item", head.join(" "));
    for i in &t.items {
        let _ = writeln!(out, "  {:<26} {}", i.item, cells(i).join(" "));
    }
    for j in &t.jurisdictions {
        let scores: Vec<String> = j
            .scores
            .iter()
            .map(|s| s.map_or("-".into(), |s| format!("{s:.3}")))
            .collect();
        let _ = writeln!(out, "\n{}: score {}", j.name, scores.join(" -> "));
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
